//! SYN-RECEIVED (RFC 9293 §3.10.7.4): we have the peer's SYN and sent our SYN,ACK; the ACK
//! of our SYN completes the handshake. Figures 7 (simultaneous open) and 8 (old duplicate
//! SYN) of RFC 9293 are replayed here.

use super::fmt::Side;
use super::lone::{Lone, PEER_ISS};
use super::pair::{Pair, C_PORT, S_PORT};
use crate::event::Rfc;
use crate::event::{Cause, RejectReason, SendReason};
use crate::wire::{Segment, TcpOption};
use crate::{Event, Flags, Profile, State, TimerKind};
use alloc::vec;
use alloc::vec::Vec;
use core::time::Duration;

fn syn_received_server(p: Profile) -> Lone {
    let mut l = Lone::server(p);
    l.listen();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    l.sent();
    l.new_events();
    l
}

/// "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state" — with the first RTT.
#[test]
fn ack_of_syn_establishes() {
    let mut l = syn_received_server(Profile::linux());
    l.at_ms(100);
    let ack = l.ack(Flags::EMPTY, 1, 1, b"");
    l.recv(ack);
    assert!(l.sent().is_empty(), "nothing to say: no ACK of an ACK");
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynReceived,
        to: State::Established,
        cause: Cause::RcvAckOfSyn,
        rfc: Rfc::S3_10_7_4
    }));
    assert!(ev.contains(&Event::Connected));
    assert_eq!(l.conn.tcb().rto, Duration::from_millis(300));
    assert_eq!(
        l.conn.tcb().snd_wnd,
        65535 << 7,
        "scaled by the peer's shift from now on"
    );
    assert_eq!(l.conn.poll_timeout(), None);
}

/// Linux tcp_synack_retries 5: SYN,ACKs at 0, 1, 3, 7, 15, 31 s; at 63 s the embryonic
/// connection is dropped silently and the listener remains.
#[test]
fn linux_syn_ack_retransmissions_then_back_to_listen() {
    let mut l = syn_received_server(Profile::linux());
    l.at_ms(62_999);
    let times: Vec<u64> = l.out.iter().map(|(t, _)| t.millis()).collect();
    assert_eq!(times, [0, 1000, 3000, 7000, 15_000, 31_000]);
    assert!(l
        .out
        .iter()
        .all(|(_, s)| s.flags == Flags::SYN | Flags::ACK));
    l.new_events();
    l.at_ms(63_000);
    let ev = l.new_events();
    assert!(ev.contains(&Event::TimedOut {
        in_state: State::SynReceived
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynReceived,
        to: State::Listen,
        cause: Cause::RetriesExhausted,
        rfc: Rfc::S3_8_3
    }));
    assert!(!ev.contains(&Event::Closed));
    assert_eq!(l.state(), State::Listen);
    assert_eq!(l.out.len(), 6);
}

/// A retransmitted SYN (our SYN,ACK was lost): Linux sends the SYN,ACK again at once and
/// restarts its timer from now (tcp_check_req: inet_rtx_syn_ack, mod_timer_pending), so no
/// second SYN,ACK follows a moment later; a third SYN within 500 ms is not answered
/// (tcp_oow_rate_limited). Issue 12, defect 4.
#[test]
fn linux_answers_a_retransmitted_syn_with_the_syn_ack() {
    let mut l = syn_received_server(Profile::linux());
    l.at_ms(500);
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    assert_eq!(l.sent(), ["500 SYN|ACK 0 1 0"]);
    assert!(l.new_events().iter().any(|e| matches!(
        e,
        Event::SegmentSent {
            reason: SendReason::Retransmission,
            ..
        }
    )));
    assert_eq!(l.timer_ms(TimerKind::Retransmit), Some(1500));
    l.at_ms(700);
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    assert!(l.sent().is_empty(), "rate-limited");
    l.at_ms(1499);
    assert!(l.sent().is_empty());
    l.at_ms(1500);
    assert_eq!(l.sent(), ["1500 SYN|ACK 0 1 0"]);
}

/// The RFC's rule instead: the SYN is not acceptable (it lies before RCV.NXT), so an ACK
/// <SEQ=SND.NXT><ACK=RCV.NXT> goes back; the SYN,ACK comes again with the timer.
#[test]
fn textbook_acks_a_retransmitted_syn() {
    let mut l = syn_received_server(Profile::textbook());
    l.at_ms(500);
    let syn = l.syn();
    l.recv(syn);
    assert_eq!(l.sent(), ["500 ACK 1 1 0"]);
    l.at_ms(1000);
    assert_eq!(l.sent(), ["1000 SYN|ACK 0 1 0"]);
}

/// RST: "If this connection was initiated with a passive OPEN ... return this connection to
/// LISTEN state" — no user-visible close, and the listener takes the next SYN.
#[test]
fn rst_returns_a_passive_connection_to_listen() {
    let mut l = syn_received_server(Profile::linux());
    let rst = l.seg(Flags::RST, 1, 0, b"");
    l.recv(rst);
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::SynReceived,
        to: State::Listen,
        cause: Cause::RcvRst,
        rfc: Rfc::S3_10_7_4
    }));
    assert!(!ev.contains(&Event::Closed));
    assert_eq!(l.conn.poll_timeout(), None);
    let syn = l.syn();
    l.recv(syn);
    assert_eq!(l.state(), State::SynReceived);
}

/// An ACK that acknowledges something else: "form a reset segment <SEQ=SEG.ACK><CTL=RST>".
#[test]
fn unacceptable_ack_gets_rst() {
    let mut l = syn_received_server(Profile::linux());
    let ack = l.ack(Flags::EMPTY, 1, 5, b"");
    let bad = ack.ack;
    l.recv(ack);
    let out = l.take();
    assert_eq!((out[0].flags, out[0].seq), (Flags::RST, bad));
    assert_eq!(l.state(), State::SynReceived);
}

/// A different SYN inside the window: a passive connection returns to LISTEN (§3.10.7.4
/// fourth step).
#[test]
fn in_window_syn_returns_to_listen() {
    let mut l = syn_received_server(Profile::linux());
    let syn = l.seg(Flags::SYN, 100, 0, b"");
    l.recv(syn);
    assert_eq!(l.state(), State::Listen);
}

/// Segments without ACK are dropped: "if the ACK bit is off drop the segment and return".
#[test]
fn data_without_ack_is_dropped() {
    let mut l = syn_received_server(Profile::linux());
    let seg = l.seg(Flags::PSH, 1, 0, b"hi");
    l.recv(seg);
    assert!(l.sent().is_empty());
    assert!(l.new_events().iter().any(|e| matches!(
        e,
        Event::SegmentRejected {
            reason: RejectReason::NoAck,
            ..
        }
    )));
}

/// RFC 9293 Figure 7: both ends open at once. Each SYN meets a SYN-SENT peer, each answers
/// with SYN,ACK, and each SYN,ACK completes the other side's handshake — four segments. Linux
/// then takes the SYN,ACK's SYN as a duplicate of the SYN it holds and answers it with an ACK
/// carrying a D-SACK of that SYN (`tcp_data_queue` → `tcp_dsack_set`; packetdrill's
/// simultaneous-fast-open test shows `> . 1001:1001(0) ack 1 <nop,nop,sack 0:1>`).
#[test]
fn figure_7_simultaneous_open() {
    let mut p = Pair::new();
    p.client_connect();
    p.server_connect();
    p.run_until_ms(500);
    assert_eq!(
        p.log_lines(),
        [
            "0 C->S SYN 0 - 0",
            "0 S->C SYN 0 - 0",
            "50 S->C SYN|ACK 0 1 0",
            "50 C->S SYN|ACK 0 1 0",
            "100 C->S ACK 1 1 0",
            "100 S->C ACK 1 1 0",
        ]
    );
    use State::*;
    for side in [Side::Client, Side::Server] {
        assert_eq!(p.path(side), [Closed, SynSent, SynReceived, Established]);
        let causes: Vec<Cause> = p.transitions(side).iter().map(|t| t.3).collect();
        assert_eq!(causes, [Cause::Connect, Cause::RcvSyn, Cause::RcvAckOfSyn]);
    }
    p.client_send(b"ping");
    p.run_for_ms(100);
    assert_eq!(p.received(Side::Server), b"ping");
}

/// RFC 9293 Figure 8: an old duplicate SYN reaches the listener before the real one. Its
/// SYN,ACK acknowledges a number the client never sent, so the client (SYN-SENT) answers
/// RST <SEQ=SEG.ACK>; the server returns to LISTEN and then takes the real SYN.
#[test]
fn figure_8_recovery_from_old_duplicate_syn() {
    let mut p = Pair::new();
    p.server_listen();
    p.slow_next(Side::Client, 100); // the real SYN arrives at 150
    p.client_connect();
    let client_iss = p.client.tcb().iss;
    let old = Segment {
        src_port: C_PORT,
        dst_port: S_PORT,
        seq: client_iss.wrapping_sub(10),
        flags: Flags::SYN,
        window: 64240,
        options: vec![TcpOption::Mss(1460)],
        ..Segment::default()
    };
    p.inject(Side::Server, old, 10);
    p.run_until_ms(400);
    // The first SYN,ACK's seq is relative to the server's second ISS (37 500 - 2 500).
    assert_eq!(
        p.log_lines(),
        [
            "0 C->S SYN 0 - 0",
            "10 S->C SYN|ACK -35000 -9 0",
            "60 C->S RST -9 - 0",
            "150 S->C SYN|ACK 0 1 0",
            "200 C->S ACK 1 1 0",
        ]
    );
    use State::*;
    assert_eq!(
        p.path(Side::Server),
        [
            Closed,
            Listen,
            SynReceived,
            Listen,
            SynReceived,
            Established
        ]
    );
    assert_eq!(p.path(Side::Client), [Closed, SynSent, Established]);
}

/// CLOSE in SYN-RECEIVED with nothing queued: "form a FIN segment and send it, and enter
/// FIN-WAIT-1". If our SYN,ACK was lost it is still retransmitted from FIN-WAIT-1 (the FIN
/// cannot be acknowledged before the SYN).
#[test]
fn close_sends_fin_and_the_syn_ack_is_still_retransmitted() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(50);
    let syn = l.linux_syn(Flags::SYN); // simultaneous open
    l.recv(syn);
    l.sent();
    l.new_events();
    l.close();
    assert_eq!(l.sent(), ["50 FIN|ACK 1 1 0"]);
    assert_eq!(
        l.changes(),
        [(
            State::SynReceived,
            State::FinWait1,
            Cause::Close,
            Rfc::S3_10_4
        )]
    );
    l.at_ms(1999);
    let resent = l.sent();
    assert_eq!(resent, ["1000 SYN|ACK 0 1 0"]);
    // The peer acknowledges SYN and FIN at once.
    l.at_ms(2000);
    let ack = l.ack(Flags::EMPTY, 1, 2, b"");
    l.recv(ack);
    assert_eq!(l.state(), State::FinWait2);
}

/// SEND then CLOSE in SYN-RECEIVED: "queue for processing after entering ESTABLISHED";
/// the ACK of our SYN then moves ESTABLISHED → FIN-WAIT-1 and data and FIN leave together.
#[test]
fn close_after_send_waits_for_established() {
    let mut l = syn_received_server(Profile::linux());
    l.send(b"bye");
    l.close();
    assert!(l.sent().is_empty());
    assert_eq!(l.state(), State::SynReceived);
    l.at_ms(100);
    let ack = l.ack(Flags::EMPTY, 1, 1, b"");
    l.recv(ack);
    assert_eq!(l.sent(), ["100 FIN|PSH|ACK 1 1 3"]);
    let to: Vec<State> = l.changes().iter().map(|c| c.1).collect();
    assert_eq!(to, [State::Established, State::FinWait1]);
}

/// A RST for an active open that reached SYN-RECEIVED (simultaneous open): "connection
/// refused", CLOSED.
#[test]
fn rst_refuses_an_active_syn_received() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    l.new_events();
    let rst = l.seg(Flags::RST, 1, 0, b"");
    l.recv(rst);
    let ev = l.new_events();
    assert!(ev.contains(&Event::Refused));
    assert_eq!(l.state(), State::Closed);
}

/// The hypothetical two-way handshake: the server calls its own SYN,ACK the end of the
/// handshake. When that SYN,ACK is lost, the server talks into the void: the client (still
/// SYN-SENT) drops its data until a retransmitted SYN,ACK finally gets through.
#[test]
fn two_way_handshake_sends_into_the_void() {
    let mut l = Lone::server(Profile::two_way(Profile::linux()));
    l.listen();
    l.new_events();
    let syn = l.syn();
    l.recv(syn);
    let to: Vec<(State, Cause, Rfc)> = l.changes().iter().map(|c| (c.1, c.2, c.3)).collect();
    assert_eq!(
        to,
        [
            (State::SynReceived, Cause::RcvSyn, Rfc::S3_10_7_2),
            (State::Established, Cause::SndSynAck, Rfc::TwoWayVariant),
        ]
    );

    let mut p = Pair::with_profiles(Profile::linux(), Profile::two_way(Profile::linux()));
    p.server_listen();
    p.client_connect();
    p.lose_next(Side::Server); // the SYN,ACK
    p.run_until_ms(60);
    p.server_send(b"hello");
    p.run_until_ms(200);
    assert_eq!(p.state(Side::Server), State::Established);
    assert_eq!(p.state(Side::Client), State::SynSent);
    assert!(p
        .events_of(Side::Client, |e| matches!(
            e,
            Event::SegmentRejected {
                reason: RejectReason::NotSyn,
                ..
            }
        ))
        .iter()
        .any(|(t, _)| *t == 110));
    p.run_until_ms(5000);
    assert_eq!(p.state(Side::Client), State::Established);
    assert_eq!(p.received(Side::Client), b"hello");
    let _ = PEER_ISS;
}

fn old_syn(from_port: u16, to_port: u16, seq: u32) -> Segment {
    Segment {
        src_port: from_port,
        dst_port: to_port,
        seq,
        flags: Flags::SYN,
        window: 65535,
        options: vec![TcpOption::Mss(1460)],
        ..Segment::default()
    }
}

/// RFC 9293 Figure 12: an old duplicate SYN reaches a listener; its SYN,ACK meets the other
/// end in LISTEN, which answers the ACK with <SEQ=Z+1><CTL=RST>; back to LISTEN.
#[test]
fn figure_12_old_duplicate_syn_resets_two_passive_sockets() {
    let mut p = Pair::new();
    p.server_listen();
    p.call(Side::Client, |c, t| c.listen(t)).unwrap();
    p.inject(Side::Server, old_syn(C_PORT, S_PORT, 1000), 10);
    p.run_until_ms(200);
    let flags: Vec<Flags> = p.log.iter().map(|s| s.seg.flags).collect();
    assert_eq!(flags, [Flags::SYN | Flags::ACK, Flags::RST]);
    assert_eq!(p.log[1].seg.seq, 1001, "<SEQ=Z+1>");
    use State::*;
    assert_eq!(p.path(Side::Server), [Closed, Listen, SynReceived, Listen]);
    assert_eq!(p.path(Side::Client), [Closed, Listen]);
}

/// Both listeners take an old SYN of the other's: two SYN-RECEIVED ends holding different
/// conversations. Each SYN,ACK carries an ACK of something the other never sent, which
/// RFC 9293 §3.5.2 answers with a RST in a non-synchronized state; both return to LISTEN.
/// (Checking the sequence number first, as §3.10.7.4's order suggests, made them trade ACKs
/// forever — found by the fuzzer.)
#[test]
fn crossed_old_syns_reset_both_syn_received_ends() {
    let mut p = Pair::with_profile(Profile::textbook());
    p.server_listen();
    p.call(Side::Client, |c, t| c.listen(t)).unwrap();
    p.inject(Side::Server, old_syn(C_PORT, S_PORT, 1000), 10);
    p.inject(Side::Client, old_syn(S_PORT, C_PORT, 9000), 10);
    p.run_until_ms(1000);
    let flags: Vec<Flags> = p.log.iter().map(|s| s.seg.flags).collect();
    let sa = Flags::SYN | Flags::ACK;
    assert_eq!(flags, [sa, sa, Flags::RST, Flags::RST]);
    use State::*;
    for side in [Side::Client, Side::Server] {
        assert_eq!(p.path(side), [Closed, Listen, SynReceived, Listen]);
    }
}
