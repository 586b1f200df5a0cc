//! SYN-SENT (RFC 9293 §3.10.7.3): our SYN is out. SYN,ACK completes the handshake; a SYN
//! alone means a simultaneous open; RST with an acceptable ACK means "connection refused".

use super::lone::{ms, Lone, PEER_ISS};
use crate::event::Rfc;
use crate::event::{Cause, RejectReason, SendReason};
use crate::wire::TcpOption;
use crate::{Event, Flags, Profile, State, TimerKind};
use alloc::vec::Vec;
use core::time::Duration;

fn syn_times(l: &Lone) -> Vec<u64> {
    l.out
        .iter()
        .filter(|(_, s)| s.flags == Flags::SYN)
        .map(|(t, _)| t.millis())
        .collect()
}

/// Active OPEN: "Send a SYN segment ... enter SYN-SENT". Linux: MSS 1460, SACK-permitted,
/// timestamps (TSecr 0), NOP, window scale 10; window 64240 (44 × 1460); RTO 1 s.
#[test]
fn connect_sends_linux_syn() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    assert_eq!(l.sent(), ["0 SYN 0 - 0"]);
    let syn = &l.out[0].1;
    assert_eq!(syn.window, 64240);
    assert_eq!(
        syn.options,
        [
            TcpOption::Mss(1460),
            TcpOption::SackPermitted,
            TcpOption::Timestamps {
                tsval: l.conn.tsval(ms(0)),
                tsecr: 0
            },
            TcpOption::Nop,
            TcpOption::WindowScale(10),
        ]
    );
    assert_eq!(
        l.changes(),
        [(State::Closed, State::SynSent, Cause::Connect, Rfc::S3_10_1)]
    );
    assert_eq!(l.timer_ms(TimerKind::Retransmit), Some(1000));
}

/// The textbook SYN: the MSS option only, window 65535.
#[test]
fn textbook_syn_has_only_mss() {
    let mut l = Lone::client(Profile::textbook());
    l.connect();
    let syn = &l.take()[0];
    assert_eq!(syn.options, [TcpOption::Mss(1460)]);
    assert_eq!(syn.window, 65535);
}

/// SYN,ACK acknowledging our SYN: "enter ESTABLISHED state, form an ACK segment
/// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it". The handshake gives the first RTT
/// sample: 100 ms, so Linux's RTO is 100 + max(4 × 50, 200) = 300 ms.
#[test]
fn syn_ack_establishes() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.sent();
    l.new_events();
    l.at_ms(100);
    let sa = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(sa);
    assert_eq!(l.sent(), ["100 ACK 1 1 0"]);
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynSent,
        to: State::Established,
        cause: Cause::RcvSynAck,
        rfc: Rfc::S3_10_7_3
    }));
    assert!(ev.contains(&Event::Connected));
    assert!(ev.contains(&Event::RttSample {
        rtt: Duration::from_millis(100),
        srtt: Duration::from_millis(100),
        rttvar: Duration::from_millis(50),
        rto: Duration::from_millis(300),
    }));
    assert!(ev.contains(&Event::TimerCancelled {
        timer: TimerKind::Retransmit
    }));
    assert_eq!(l.conn.poll_timeout(), None);
    let tcb = l.conn.tcb();
    assert_eq!(tcb.snd_wnd, 64240, "the SYN,ACK's window is not scaled");
    assert_eq!(tcb.mss, 1448, "MSS less the 12 octets of timestamps");
    assert_eq!(
        tcb.cwnd,
        10 * 1448,
        "IW10 (RFC 6928) in segments of the agreed size"
    );
    // Our window from now on is scaled by 2^10: 64240 → 63.
    assert_eq!(l.out[1].1.window, 63);
}

/// Linux ≥ 6.5 (tcp_syn_retries 6, tcp_syn_linear_timeouts 4): SYNs at 0, 1, 2, 3, 4, 5, 7,
/// 11, 19, 35, 67 s; connect fails at 131 s with a timeout, without sending anything.
#[test]
fn linux_syn_retransmissions_are_linear_then_exponential() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(130_999);
    assert_eq!(
        syn_times(&l),
        [0, 1000, 2000, 3000, 4000, 5000, 7000, 11_000, 19_000, 35_000, 67_000]
    );
    assert_eq!(l.state(), State::SynSent);
    l.new_events();
    l.at_ms(131_000);
    assert_eq!(l.state(), State::Closed);
    let ev = l.new_events();
    assert!(ev.contains(&Event::TimedOut {
        in_state: State::SynSent
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynSent,
        to: State::Closed,
        cause: Cause::RetriesExhausted,
        rfc: Rfc::S3_8_3
    }));
    assert_eq!(ev.last(), Some(&Event::Closed));
    assert_eq!(l.out.len(), 11);
    // Every retransmission is announced with its attempt number and the RTO now armed.
    let attempts: Vec<(u8, u64)> = l
        .events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::Retransmission { attempt, rto, .. } => Some((*attempt, rto.as_secs())),
            _ => None,
        })
        .collect();
    assert_eq!(
        attempts,
        [
            (1, 1),
            (2, 1),
            (3, 1),
            (4, 1),
            (5, 2),
            (6, 4),
            (7, 8),
            (8, 16),
            (9, 32),
            (10, 64)
        ]
    );
}

/// RFC 6298 §5.5 doubling from 1 s up to the 60 s ceiling; the textbook profile keeps
/// retransmitting a SYN for at least 3 minutes (RFC 9293 §3.8.3, MUST-23): 7 retransmissions,
/// connect fails at 183 s.
#[test]
fn textbook_syn_retransmissions_double() {
    let mut l = Lone::client(Profile::textbook());
    l.connect();
    l.at_ms(182_999);
    assert_eq!(
        syn_times(&l),
        [0, 1000, 3000, 7000, 15_000, 31_000, 63_000, 123_000]
    );
    assert_eq!(l.state(), State::SynSent);
    l.at_ms(183_000);
    assert_eq!(l.state(), State::Closed);
}

/// A SYN,ACK after retransmissions: the RTT comes from the echoed timestamp (Linux), since
/// Karn's rule forbids timing a retransmitted SYN by its sequence number.
#[test]
fn rtt_after_syn_retransmission_comes_from_timestamps() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(1000);
    l.at_ms(1100);
    let mut sa = l.linux_syn(Flags::SYN | Flags::ACK);
    let tsval_of_retransmission = l.conn.tsval(ms(1000));
    sa.options[2] = TcpOption::Timestamps {
        tsval: 5,
        tsecr: tsval_of_retransmission,
    };
    l.recv(sa);
    let rtts: Vec<u128> = l
        .events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::RttSample { rtt, .. } => Some(rtt.as_millis()),
            _ => None,
        })
        .collect();
    assert_eq!(rtts, [100]);
    // The textbook profile takes no sample at all, and RFC 6298 §5.7: "if the timer expires
    // awaiting the ACK of a SYN segment ... the RTO MUST be re-initialized to 3 seconds when
    // data transmission begins".
    let mut t = Lone::client(Profile::textbook());
    t.connect();
    t.at_ms(1100);
    let sa = t.syn_ack();
    t.recv(sa);
    assert_eq!(t.conn.tcb().srtt, None);
    assert_eq!(t.conn.tcb().rto, Duration::from_secs(3));
}

/// "If the ACK was acceptable then signal to the user 'error: connection reset', drop the
/// segment, enter CLOSED state, delete TCB" (S2_refused, the client's side).
#[test]
fn rst_with_acceptable_ack_refuses() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.new_events();
    l.at_ms(100);
    let mut rst = l.seg(Flags::RST | Flags::ACK, 0, 1, b"");
    rst.seq = 0;
    l.recv(rst);
    let ev = l.new_events();
    assert!(ev.contains(&Event::Refused));
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynSent,
        to: State::Closed,
        cause: Cause::RcvRst,
        rfc: Rfc::S3_10_7_3
    }));
    assert_eq!(l.conn.poll_timeout(), None);
    assert_eq!(l.sent(), ["0 SYN 0 - 0"]);
}

/// A RST without ACK, or with an ACK that does not acknowledge our SYN, is dropped.
#[test]
fn rst_without_acceptable_ack_is_dropped() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.sent();
    let rst = l.seg(Flags::RST, 0, 0, b"");
    l.recv(rst);
    let rst = l.seg(Flags::RST | Flags::ACK, 0, 2, b"");
    l.recv(rst);
    assert!(l.sent().is_empty());
    assert_eq!(l.state(), State::SynSent);
}

/// "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset <SEQ=SEG.ACK><CTL=RST>" — and stay
/// in SYN-SENT: the answer to our SYN may still come.
#[test]
fn unacceptable_ack_gets_rst() {
    for rel_ack in [0u32, 2, 0x8000_0000] {
        let mut l = Lone::client(Profile::linux());
        l.connect();
        l.take();
        let sa = l.seg(Flags::SYN | Flags::ACK, 0, rel_ack, b"");
        let bad = sa.ack;
        l.recv(sa);
        let out = l.take();
        assert_eq!(out.len(), 1, "ack +{rel_ack}");
        assert_eq!((out[0].flags, out[0].seq), (Flags::RST, bad));
        assert_eq!(l.state(), State::SynSent);
        assert!(l.new_events().iter().any(|e| matches!(
            e,
            Event::SegmentRejected {
                reason: RejectReason::BadAckInHandshake,
                ..
            }
        )));
    }
}

/// An acceptable ACK without SYN carries nothing to synchronize on: dropped.
#[test]
fn ack_without_syn_is_dropped() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.sent();
    let ack = l.ack(Flags::EMPTY, 0, 1, b"");
    l.recv(ack);
    assert!(l.sent().is_empty());
    assert_eq!(l.state(), State::SynSent);
}

/// A SYN without ACK: simultaneous open. "Enter SYN-RECEIVED, form a SYN,ACK segment
/// <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it."
#[test]
fn syn_alone_means_simultaneous_open() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.sent();
    l.new_events();
    l.at_ms(50);
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    assert_eq!(l.sent(), ["50 SYN|ACK 0 1 0"]);
    assert_eq!(
        l.changes(),
        [(
            State::SynSent,
            State::SynReceived,
            Cause::RcvSyn,
            Rfc::S3_10_7_3
        )]
    );
    assert_eq!(l.conn.tcb().irs, Some(PEER_ISS));
}

/// Data sent before the handshake completes waits for it, then follows the ACK.
#[test]
fn data_queued_in_syn_sent_follows_the_handshake() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.send(b"early");
    assert_eq!(l.sent(), ["0 SYN 0 - 0"]);
    l.at_ms(100);
    let sa = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(sa);
    assert_eq!(l.sent(), ["100 ACK 1 1 0", "100 PSH|ACK 1 1 5"]);
}

/// CLOSE and ABORT in SYN-SENT: "Delete the TCB", no segment (§3.10.4, §3.10.5).
#[test]
fn close_or_abort_deletes_the_tcb() {
    for abort in [false, true] {
        let mut l = Lone::client(Profile::linux());
        l.connect();
        l.sent();
        l.new_events();
        if abort {
            l.abort();
        } else {
            l.close();
        }
        assert!(l.sent().is_empty());
        let ev = l.new_events();
        assert!(ev.contains(&Event::TimerCancelled {
            timer: TimerKind::Retransmit
        }));
        assert_eq!(ev.last(), Some(&Event::Closed));
        assert_eq!(l.conn.poll_timeout(), None);
    }
}

/// A duplicate SYN,ACK after ESTABLISHED (our ACK was lost) is not acceptable: it is
/// answered with an ACK, which the peer needed.
#[test]
fn duplicate_syn_ack_after_established_is_acked_again() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(100);
    let sa = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(sa.clone());
    l.sent();
    l.at_ms(1100);
    l.recv(sa);
    assert_eq!(l.sent(), ["1100 ACK 1 1 0"]);
    assert_eq!(l.state(), State::Established);
    let _ = SendReason::DupAck;
}
