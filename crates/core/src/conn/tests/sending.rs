//! The sending side, one mechanism per test: Nagle and TCP_NODELAY, the segment size cut to
//! half the peer's largest window, SO_SNDBUF, fast retransmit by RACK and by duplicate ACKs,
//! the persist timer's probes, keep-alive, orphan retries, the initial window after a lost SYN.

use super::lone::Lone;
use super::{linux_client, textbook_client};
use crate::wire::{Flags, TcpOption};
use crate::{CaState, Event, Profile, SendReason, SockOpt, State, TimerKind};
use alloc::vec;
use alloc::vec::Vec;

fn reasons(l: &Lone) -> Vec<SendReason> {
    l.events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::SegmentSent { reason, .. } => Some(*reason),
            _ => None,
        })
        .collect()
}

/// Nagle (RFC 9293 §3.7.4; Linux `tcp_nagle_check` with Minshall's rule): a small segment
/// waits while an earlier small one is unacknowledged; the ACK releases what accumulated as
/// one segment. TCP_NODELAY sends each write at once.
#[test]
fn nagle_holds_small_writes_until_the_ack() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(b"0123456789");
    l.at_ms(208);
    l.send(b"abcdefghij");
    l.at_ms(216);
    l.send(b"klmnopqrst");
    assert_eq!(l.sent(), ["200 PSH|ACK 1 1 10"]);
    assert!(l.new_events().contains(&Event::SendBlocked {
        limit: crate::SendLimit::Nagle
    }));
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 1, 11, b"");
    l.recv(a);
    assert_eq!(l.sent(), ["300 PSH|ACK 11 1 20"]);

    let mut n = linux_client();
    n.conn.set_option(n.now, SockOpt::NoDelay(true)).unwrap();
    n.at_ms(200);
    n.send(b"0123456789");
    n.at_ms(208);
    n.send(b"abcdefghij");
    assert_eq!(n.sent(), ["200 PSH|ACK 1 1 10", "208 PSH|ACK 11 1 10"]);
}

/// close() pushes a held small segment with the FIN, Nagle or not (`tcp_send_fin` pushes
/// with TCP_NAGLE_OFF).
#[test]
fn close_pushes_the_held_segment_with_the_fin() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(b"0123456789");
    l.at_ms(208);
    l.send(b"abcdefghij");
    l.close();
    assert_eq!(l.sent(), ["200 PSH|ACK 1 1 10", "208 FIN|PSH|ACK 11 1 10"]);
}

/// `tcp_bound_to_half_wnd`: a peer that offered at most 1448 bytes gets segments of 724.
#[test]
fn segments_cut_to_half_the_largest_window() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(100);
    let mut sa = l.linux_syn(Flags::SYN | Flags::ACK);
    sa.window = 1448;
    sa.options
        .retain(|o| !matches!(o, TcpOption::WindowScale(_) | TcpOption::Nop));
    l.recv(sa);
    l.forget();
    l.send(&[1; 5000]);
    assert_eq!(l.sent(), ["100 ACK 1 1 724", "100 ACK 725 1 724"]);
    // The window is full: the sender waits, RwndLimited.
    assert!(l.new_events().contains(&Event::SendBlocked {
        limit: crate::SendLimit::RwndLimited
    }));
}

/// SO_SNDBUF (doubled, as Linux stores it) limits what `send` takes; `send_space` says
/// how much more fits.
#[test]
fn send_buffer_limits_what_send_takes() {
    let mut l = linux_client();
    l.conn.set_option(l.now, SockOpt::SndBuf(4096)).unwrap();
    assert_eq!(l.conn.send_space(), 8192);
    assert_eq!(l.conn.send(l.now, &[0; 10_000]), Ok(8192));
    assert_eq!(l.conn.send_space(), 0);
    assert_eq!(l.conn.send(l.now, b"x"), Ok(0));
}

/// Three segments SACKed above a hole: RACK (reordering window 0 once `sacked_out` reaches
/// the dupthresh, `tcp_rack_reo_wnd`) marks the hole lost, Recovery starts with ssthresh =
/// cwnd·717/1024 (CUBIC) and the hole is retransmitted at once, as `RackRetransmit`.
#[test]
fn three_sacks_retransmit_the_hole_by_rack() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(&[1; 10 * 1448]);
    assert_eq!(l.take().len(), 10);
    l.at_ms(300);
    let base = l.iss().wrapping_add(1);
    for k in 2..=4u32 {
        let mut a = l.ack(Flags::EMPTY, 1, 1, b"");
        a.options = vec![
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Sack(vec![(base + 1448, base + k * 1448)]),
        ];
        l.recv(a);
    }
    assert_eq!(l.sent()[0], "300 ACK 1 1 1448");
    assert!(reasons(&l).contains(&SendReason::RackRetransmit));
    let tcb = l.conn.tcb();
    assert_eq!(tcb.ca_state, CaState::Recovery);
    assert_eq!(tcb.ssthresh, 7 * 1448); // 10 · 717/1024 = 7
    assert_eq!((tcb.sacked, tcb.lost, tcb.retrans), (3, 1, 1));
}

/// RFC 5681 §3.2 (textbook, no SACK): the third duplicate ACK retransmits the first
/// unacknowledged segment, ssthresh = FlightSize/2, cwnd = ssthresh + 3.
#[test]
fn textbook_third_duplicate_ack_is_a_fast_retransmit() {
    let mut l = textbook_client();
    l.at_ms(200);
    l.send(&[1; 3 * 1460]);
    assert_eq!(l.take().len(), 3);
    l.at_ms(300);
    for _ in 0..3 {
        let a = l.ack(Flags::EMPTY, 1, 1, b"");
        l.recv(a);
    }
    assert_eq!(l.sent(), ["300 ACK 1 1 1460"]);
    assert!(reasons(&l).contains(&SendReason::FastRetransmit));
    let tcb = l.conn.tcb();
    assert_eq!(tcb.ssthresh, 2 * 1460);
    assert_eq!(tcb.cwnd, 5 * 1460);
}

/// The persist timer (Linux `tcp_probe_timer`): with a zero window and nothing in flight,
/// probes `<SEQ=SND.UNA-1>` without data at RTO, then 2·RTO, 4·RTO (`tcp_probe0_when`);
/// an opened window ends them.
#[test]
fn zero_window_probes_back_off() {
    let mut l = linux_client();
    let mut zero = l.ack(Flags::EMPTY, 1, 1, b"");
    zero.window = 0;
    l.recv(zero);
    l.at_ms(200);
    l.send(b"hello");
    l.at_ms(2300);
    assert_eq!(
        l.sent(),
        ["500 ACK 0 1 0", "1100 ACK 0 1 0", "2300 ACK 0 1 0"]
    );
    assert!(reasons(&l).iter().all(|r| *r == SendReason::WindowProbe));
    let mut open = l.ack(Flags::EMPTY, 1, 1, b"");
    open.window = 100;
    l.recv(open);
    assert_eq!(l.sent(), ["2300 PSH|ACK 1 1 5"]);
    assert_eq!(l.timer_ms(TimerKind::Persist), None);
}

/// Keep-alive (`tcp_keepalive_timer`): idle 2 s, interval 1 s, 3 probes `<SEQ=SND.NXT-1>`
/// unanswered, then a RST and ETIMEDOUT (`Event::TimedOut`), CLOSED.
#[test]
fn keepalive_probes_then_resets() {
    let mut l = Lone::client(Profile::linux());
    for o in [
        SockOpt::KeepAlive(true),
        SockOpt::KeepIdle(core::time::Duration::from_secs(2)),
        SockOpt::KeepIntvl(core::time::Duration::from_secs(1)),
        SockOpt::KeepCnt(3),
    ] {
        l.conn.set_option(l.now, o).unwrap();
    }
    l.connect();
    l.at_ms(100);
    let sa = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(sa);
    l.forget();
    l.at_ms(6000);
    assert_eq!(
        l.sent(),
        [
            "2100 ACK 0 1 0",
            "3100 ACK 0 1 0",
            "4100 ACK 0 1 0",
            "5100 RST|ACK 1 1 0"
        ]
    );
    assert!(l.new_events().contains(&Event::TimedOut {
        in_state: State::Established
    }));
    assert_eq!(l.state(), State::Closed);
}

/// An orphan (after close()) in FIN-WAIT-1 gives up after `tcp_orphan_retries` = 8 RTOs
/// (0 means 8 while the RTO is below its ceiling), not `tcp_retries2` = 15.
#[test]
fn orphaned_fin_wait_1_retries_eight_times() {
    let mut l = linux_client();
    l.at_ms(200);
    l.close();
    l.at_ms(600_000);
    let fins = l.times_of(|e| matches!(e, Event::Retransmission { .. }));
    assert_eq!(fins.len(), 8);
    assert_eq!(l.state(), State::Closed);
}

/// `tcp_init_transfer`: after two SYN retransmissions (not spurious) Linux starts with
/// cwnd 1; after one it keeps IW10 (RFC 6298's 1 s initial RTO makes one loss common).
#[test]
fn initial_window_after_lost_syns() {
    for (lost, cwnd) in [(1u64, 10u32), (2, 1)] {
        let mut l = Lone::client(Profile::linux());
        l.connect();
        let t = 1000 * lost + 100;
        l.at_ms(t);
        let mut sa = l.linux_syn(Flags::SYN | Flags::ACK);
        sa.options
            .retain(|o| !matches!(o, TcpOption::Timestamps { .. }));
        l.recv(sa);
        assert_eq!(
            l.conn.tcb().cwnd,
            cwnd * u32::from(l.conn.tcb().mss),
            "{lost}"
        );
    }
}

/// RFC 9293 §3.8.6.1 (textbook): the zero-window probe carries one octet of new data and is
/// retransmitted with the RTO's backoff; RFC 1122 §4.2.2.17: while the receiver answers the
/// probes, the connection stays open, past the R2 count of retransmissions.
#[test]
fn textbook_zero_window_probes_keep_the_connection() {
    let mut l = textbook_client();
    let mut zero = l.ack(Flags::EMPTY, 1, 1, b"");
    zero.window = 0;
    l.recv(zero.clone());
    l.at_ms(200);
    l.send(b"hello");
    // The persist timer (RTO 1 s): one octet beyond the closed window.
    l.at_ms(1200);
    assert_eq!(l.sent(), ["1200 ACK 1 1 1"]);
    assert!(reasons(&l).contains(&SendReason::WindowProbe));
    // The receiver answers every probe with a zero window; the probes go on, backing off.
    let mut t = 1200;
    for _ in 0..12 {
        t += 10;
        l.at_ms(t);
        l.recv(zero.clone());
        t = l.conn.poll_timeout().map_or(t, |i| i.millis());
        l.at_ms(t);
    }
    assert_eq!(l.state(), State::Established);
    assert!(l.sent().len() >= 12);
}

/// Restart after idle (RFC 5681 §4.1, Linux `tcp_cwnd_restart`): cwnd grown to 20 by slow
/// start is cut back to the initial window when the application writes again after more
/// than an RTO of silence.
#[test]
fn cwnd_restarts_after_idle() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(&[1; 10 * 1448]);
    assert_eq!(l.take().len(), 10);
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 1, 1 + 10 * 1448, b"");
    l.recv(a);
    assert_eq!(l.conn.tcb().cwnd, 20 * 1448);
    // Right away, 20 segments may leave...
    let mut busy = l.conn.clone();
    assert_eq!(busy.send(l.now, &[1; 30 * 1448]), Ok(30 * 1448));
    let mut n = 0;
    while busy.poll_transmit().is_some() {
        n += 1;
    }
    assert_eq!(n, 20);
    // ...but after 2 s of idle (RTO 300 ms), only the initial window.
    l.at_ms(2300);
    l.send(&[1; 30 * 1448]);
    assert_eq!(l.take().len(), 10);
    assert_eq!(l.conn.tcb().cwnd, 10 * 1448);
}

/// RFC 6675 (textbook with a SACK peer): DupThresh ACKs that SACK new data start loss
/// recovery: ssthresh = cwnd = FlightSize/2 (§5 step 4.2) and the first unacknowledged
/// segment is retransmitted (step 4.3).
#[test]
fn textbook_sack_recovery_follows_rfc_6675() {
    let mut p = Profile::textbook();
    p.sack = true;
    let mut l = Lone::client(p);
    // Reno: ssthresh = FlightSize/2 (RFC 5681 (4); CUBIC would take 0.7, RFC 9438 §4.6).
    let reno = SockOpt::Congestion(crate::CongestionKind::Reno);
    l.conn.set_option(l.now, reno).unwrap();
    l.connect();
    l.at_ms(100);
    let mut sa = l.syn_ack();
    sa.options.push(TcpOption::SackPermitted);
    l.recv(sa);
    l.forget();
    l.send(&[1; 20 * 1460]);
    assert_eq!(l.take().len(), 3); // IW 3 (RFC 5681 §3.1)
    l.at_ms(200);
    let a = l.ack(Flags::EMPTY, 1, 1 + 3 * 1460, b"");
    l.recv(a);
    assert_eq!(l.take().len(), 4); // cwnd 4
    let base = l.iss().wrapping_add(1 + 3 * 1460);
    l.at_ms(300);
    for k in 2..=4u32 {
        let mut d = l.ack(Flags::EMPTY, 1, 1 + 3 * 1460, b"");
        d.options = vec![TcpOption::Sack(vec![(base + 1460, base + k * 1460)])];
        l.recv(d);
    }
    // The first two duplicate ACKs may release new data (RFC 3042 Limited Transmit, which
    // RFC 6675 §5 step 2 allows); the third starts recovery and resends the hole.
    let sent = l.sent();
    assert!(sent.iter().any(|s| s == "300 ACK 4381 1 1460"), "{sent:?}");
    assert!(reasons(&l).contains(&SendReason::FastRetransmit));
    // FlightSize at the third duplicate ACK: the 4 segments, and what Limited Transmit sent
    // before it.
    let flight = 4 + sent
        .iter()
        .take_while(|s| *s != "300 ACK 4381 1 1460")
        .count() as u32;
    let tcb = l.conn.tcb();
    assert_eq!(tcb.ca_state, CaState::Recovery);
    assert_eq!(tcb.ssthresh, flight / 2 * 1460, "{sent:?}");
    assert!(tcb.cwnd <= tcb.ssthresh, "{sent:?}");
}
