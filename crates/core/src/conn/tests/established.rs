//! ESTABLISHED (RFC 9293 §3.10.7.4): data both ways, cumulative ACKs, windows, the delayed-ACK
//! policies, retransmission (RFC 6298), RST and SYN acceptance (RFC 5961), and the
//! half-open connection discovery of RFC 9293 Figure 10.

use super::fmt::Side;
use super::lone::{Lone, PEER_ISS};
use super::pair::Pair;
use super::{linux_client, textbook_client};
use crate::event::Rfc;
use crate::event::{Cause, RejectReason, SendReason};
use crate::wire::TcpOption;
use crate::{Event, Flags, Instant, Profile, State, TimerKind};
use alloc::vec;
use alloc::vec::Vec;
use core::time::Duration;

fn times(l: &Lone, flags: Flags) -> Vec<u64> {
    l.out
        .iter()
        .filter(|(_, s)| s.flags == flags)
        .map(|(t, _)| t.millis())
        .collect()
}

fn rejected(ev: &[Event], why: RejectReason) -> bool {
    ev.iter()
        .any(|e| matches!(e, Event::SegmentRejected { reason, .. } if *reason == why))
}

// ------------------------------------------------------------------ acknowledgment policy

/// Linux: the first data is acknowledged at once (quick-ACK mode, tcp_incr_quickack); a
/// reply sent within the ATO turns on ping-pong mode, and the next data's ACK waits 40 ms
/// (TCP_ATO_MIN) hoping to ride on a reply. When the delayed ACK fires instead, ping-pong
/// ends and the next small segment is acknowledged at once again.
#[test]
fn linux_quick_ack_then_ping_pong_delay() {
    let mut l = linux_client();
    l.at_ms(200);
    let hello = l.ack(Flags::PSH, 1, 1, b"hello");
    l.recv(hello);
    assert_eq!(l.sent(), ["200 ACK 1 6 0"]);
    l.until(Instant::from_micros(200_500));
    l.send(b"world");
    assert_eq!(l.sent(), ["200.500 PSH|ACK 1 6 5"]);
    l.at_ms(300);
    let again = l.ack(Flags::PSH, 6, 6, b"again");
    l.recv(again);
    assert!(l.sent().is_empty());
    assert_eq!(l.timer_ms(TimerKind::DelayedAck), Some(340));
    l.at_ms(400);
    assert_eq!(l.sent(), ["340 ACK 6 11 0"]);
    let more = l.ack(Flags::PSH, 11, 6, b"more");
    l.recv(more);
    assert_eq!(l.sent(), ["400 ACK 6 15 0"]);
    assert_eq!(l.conn.timer(TimerKind::DelayedAck), None);
}

/// Linux: every segment is acknowledged at once while the receive window grows
/// (tcp_grow_window sets `icsk_ack.quick |= 1`, making up each ACK's decrement: the captures
/// D1/D2 show a server ACKing each of 40 segments), then the 16 quick ACKs of the first data
/// are spent, and then full-sized segments are acknowledged every second one (more than
/// rcv_mss unacknowledged, __tcp_ack_snd_check); a lone one waits.
#[test]
fn linux_acks_every_second_full_segment_after_quick_acks() {
    let mut l = linux_client();
    let seg = vec![7u8; 1448];
    let mut seq = 1;
    for i in 0..40u64 {
        l.at_ms(200 + i);
        let s = l.ack(Flags::EMPTY, seq, 1, &seg);
        l.recv(s);
        seq += 1448;
    }
    let acks = times(&l, Flags::ACK);
    // The window grows for 7 segments (rcv_ssthresh from 64088 by 2896 up to the clamp,
    // 131072 × 160/256 = 81920), then 16 quick ACKs (min(16, RCV.WND / (2 × 1448))), then
    // one per two segments.
    let mut want: Vec<u64> = (200..=221).collect();
    want.extend((223..=239).step_by(2));
    assert_eq!(acks, want);
}

/// RFC 1122 §4.2.3.2 (textbook): "an ACK should be generated for at least every second
/// full-sized segment", and a delayed ACK waits at most 0.5 s (here 200 ms).
#[test]
fn textbook_delayed_ack_every_second_full_segment() {
    let mut l = textbook_client();
    l.at_ms(200);
    let a = l.ack(Flags::EMPTY, 1, 1, &[1; 1460]);
    l.recv(a);
    assert!(l.sent().is_empty());
    assert_eq!(l.timer_ms(TimerKind::DelayedAck), Some(400));
    l.at_ms(210);
    let b = l.ack(Flags::EMPTY, 1461, 1, &[2; 1460]);
    l.recv(b);
    assert_eq!(l.sent(), ["210 ACK 1 2921 0"]);
    let c = l.ack(Flags::PSH, 2921, 1, b"tail");
    l.recv(c);
    l.at_ms(1000);
    assert_eq!(l.sent(), ["410 ACK 1 2925 0"]);
    let fired = l.times_of(|e| {
        matches!(
            e,
            Event::TimerFired {
                timer: TimerKind::DelayedAck
            }
        )
    });
    assert_eq!(fired, [410]);
}

/// Out of order: held back and answered at once with a duplicate ACK carrying a SACK block
/// (RFC 5681 §4.2, RFC 2018 §4); the segment that fills the gap is acknowledged at once
/// and both are delivered in order.
#[test]
fn out_of_order_data_dup_ack_with_sack_then_gap_fill() {
    let mut l = linux_client();
    l.at_ms(200);
    let second = l.ack(Flags::PSH, 1449, 1, &[2; 100]);
    l.recv(second);
    assert_eq!(l.sent(), ["200 ACK 1 1 0"]);
    let dup = &l.out.last().unwrap().1;
    assert_eq!(
        dup.options[3..],
        [
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Sack(vec![(PEER_ISS + 1449, PEER_ISS + 1549)])
        ]
    );
    let first = l.ack(Flags::EMPTY, 1, 1, &[1; 1448]);
    l.recv(first);
    assert_eq!(l.sent(), ["200 ACK 1 1549 0"]);
    let data: Vec<usize> = l
        .events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::DataReceived { data } => Some(data.len()),
            _ => None,
        })
        .collect();
    assert_eq!(data, [1548]);
}

/// Linux SACK compression (`__tcp_ack_snd_check`): out of quick-ACK mode, the first three
/// duplicate ACKs for one RCV.NXT leave at once; the next ones wait, and a single ACK with
/// the newest SACK block leaves when the compressed-ACK timer fires (5 % of the receiver's
/// RTT estimate, at most 1 ms; this receiver has no estimate yet, so the timer is 0 and the
/// ACK leaves as soon as the burst is processed), as the fast-retransmit capture shows (4
/// SACKed duplicate ACKs, not 20). The textbook receiver answers every one (RFC 5681 §4.2).
#[test]
fn linux_compresses_duplicate_acks_after_three() {
    for (mut l, immediate) in [(linux_client(), 3), (textbook_client(), 6)] {
        l.at_ms(200);
        for i in 0..6u32 {
            let s = l.ack(Flags::EMPTY, 1449 + i * 1448, 1, &[0; 1448]);
            l.recv(s);
        }
        assert_eq!(l.sent(), vec!["200 ACK 1 1 0"; immediate]);
        l.at_ms(202);
        if immediate == 6 {
            assert!(l.sent().is_empty());
            continue;
        }
        assert_eq!(l.sent(), ["200.001 ACK 1 1 0"]);
        let last = &l.out.last().unwrap().1;
        assert!(last.options.contains(&TcpOption::Sack(vec![(
            PEER_ISS + 1449,
            PEER_ISS + 1449 + 6 * 1448
        )])));
        // The gap filled: acknowledged at once, and a new RCV.NXT counts afresh.
        let first = l.ack(Flags::EMPTY, 1, 1, &[1; 1448]);
        l.recv(first);
        assert_eq!(l.sent(), ["202 ACK 1 10137 0"]);
    }
}

/// Two holes: the SACK blocks list the most recent arrival first (RFC 2018 §4).
#[test]
fn sack_blocks_most_recent_first() {
    let mut l = linux_client();
    for start in [1001u32, 3001, 2001] {
        let s = l.ack(Flags::EMPTY, start, 1, &[0; 500]);
        l.recv(s);
    }
    let last = &l.out.last().unwrap().1;
    let off = |a: u32, b: u32| (PEER_ISS + a, PEER_ISS + b);
    assert_eq!(
        last.options[5],
        TcpOption::Sack(vec![off(2001, 2501), off(1001, 1501), off(3001, 3501)])
    );
}

/// Old data again (our ACK was lost): acknowledged at once, not delivered twice.
#[test]
fn duplicate_data_is_acked_at_once() {
    let mut l = linux_client();
    l.at_ms(200);
    let s = l.ack(Flags::PSH, 1, 1, b"hello");
    l.recv(s.clone());
    l.at_ms(500);
    l.recv(s);
    assert_eq!(l.sent(), ["200 ACK 1 6 0", "500 ACK 1 6 0"]);
    assert_eq!(
        l.events
            .iter()
            .filter(|(_, e)| matches!(e, Event::DataReceived { .. }))
            .count(),
        1
    );
}

/// Text beyond the receive window is trimmed off, FIN included (RFC 9293 §3.10.7.4).
#[test]
fn text_beyond_the_window_is_trimmed() {
    let mut l = textbook_client();
    let big = vec![9u8; 70_000];
    let s = l.ack(Flags::FIN, 1, 1, &big);
    l.recv(s);
    assert_eq!(
        l.state(),
        State::Established,
        "the FIN lay outside the window"
    );
    assert_eq!(l.conn.tcb().rcv_nxt, PEER_ISS + 1 + 65_535);
}

/// A segment without ACK is dropped in a synchronized state.
#[test]
fn segment_without_ack_is_dropped() {
    let mut l = linux_client();
    let s = l.seg(Flags::PSH, 1, 0, b"x");
    l.recv(s);
    assert!(l.sent().is_empty());
    assert!(rejected(&l.new_events(), RejectReason::NoAck));
}

// ------------------------------------------------------------------ sending

/// Cumulative ACKs: each ACK frees what it covers and restarts the timer (RFC 6298 §5.3) —
/// on Linux the tail loss probe's, PTO = 2·SRTT + 2 ms in 4 ms ticks (`tcp_schedule_loss_probe`,
/// RFC 8985 §7.2), shorter than the RTO; the last one stops it (§5.2).
#[test]
fn cumulative_acks_free_the_queue() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(&[5; 3000]);
    assert_eq!(
        l.sent(),
        [
            "200 ACK 1 1 1448",
            "200 ACK 1449 1 1448",
            "200 PSH|ACK 2897 1 104"
        ]
    );
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 1, 1449, b"");
    l.recv(a);
    assert!(l.new_events().contains(&Event::DataAcked {
        ack: l.iss() + 1449,
        bytes: 1448
    }));
    assert_eq!(l.timer_ms(TimerKind::LossProbe), Some(504));
    assert_eq!(l.timer_ms(TimerKind::Retransmit), None);
    let a = l.ack(Flags::EMPTY, 1, 3001, b"");
    l.recv(a);
    assert_eq!(l.timer_ms(TimerKind::Retransmit), None);
    assert_eq!(l.timer_ms(TimerKind::LossProbe), None);
    assert_eq!(l.conn.tcb().send_queue, 0);
}

/// The initial window is 10 segments (Linux IW10): 20 000 octets leave as ten full segments;
/// the rest waits for ACKs.
#[test]
fn initial_congestion_window_is_ten_segments() {
    let mut l = linux_client();
    l.send(&[1; 20_000]);
    assert_eq!(l.take().len(), 10);
    let a = l.ack(Flags::EMPTY, 1, 1 + 2 * 1448, b"");
    l.recv(a);
    // Slow start counts packets (`tcp_slow_start`): two acknowledged make room for two and
    // grow cwnd by two, 10 → 12: four segments leave (Linux doubles cwnd per round trip).
    assert_eq!(l.take().len(), 4);
}

/// A zero window stops the sender and starts the persist timer (one RTO, Linux
/// `tcp_check_probe_timer`); a window update restarts the sender and stops the timer.
#[test]
fn zero_window_then_window_update() {
    let mut l = linux_client();
    let mut zero = l.ack(Flags::EMPTY, 1, 1, b"");
    zero.window = 0;
    l.recv(zero);
    l.at_ms(200);
    l.send(b"hello");
    assert!(l.sent().is_empty());
    assert_eq!(l.timer_ms(TimerKind::Persist), Some(500));
    l.at_ms(300);
    let mut open = l.ack(Flags::EMPTY, 1, 1, b"");
    open.window = 100; // × 2^7
    l.recv(open);
    assert_eq!(l.sent(), ["300 PSH|ACK 1 1 5"]);
    assert_eq!(l.timer_ms(TimerKind::Persist), None);
}

/// Sender silly-window avoidance (RFC 9293 §3.8.6.2.1): no runt segment into a window that
/// shrank below one MSS and below half the largest offered; the full segment waits.
#[test]
fn sender_avoids_silly_windows() {
    let mut l = linux_client();
    let mut small = l.ack(Flags::EMPTY, 1, 1, b"");
    small.window = 8; // 1024 octets: less than an MSS, less than half of 64240
    l.recv(small);
    l.send(&[3; 3000]);
    assert!(l.sent().is_empty());
    let mut open = l.ack(Flags::EMPTY, 1, 1, b"");
    open.window = 512;
    l.recv(open);
    assert_eq!(l.take().len(), 3);
}

/// RFC 6298 with Linux's floor: 100 ms of RTT gives RTO 300 ms; each timeout doubles it
/// (§5.5) and resends the oldest segment (§5.4). Linux first sends a tail loss probe, at
/// min(2·SRTT + 200 ms, RTO) = 300 ms (one segment out), and the RTO counts from it
/// (`tcp_send_loss_probe` → `tcp_rearm_rto`).
#[test]
fn data_retransmitted_at_rto_300_ms_doubling() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(b"hello");
    l.at_ms(2650);
    assert_eq!(
        times(&l, Flags::PSH | Flags::ACK),
        [200, 500, 800, 1400, 2600]
    );
    let rtx: Vec<(u8, u128)> = l
        .events
        .iter()
        .filter_map(|(_, e)| match e {
            Event::Retransmission { attempt, rto, .. } => Some((*attempt, rto.as_millis())),
            _ => None,
        })
        .collect();
    assert_eq!(rtx, [(1, 600), (2, 1200), (3, 2400)]);
    // An ACK of retransmitted data without a timestamp gives no RTT sample (Karn), so the
    // backed-off RTO stays until a valid sample (RFC 6298 §5.7; `tcp_ack_update_rtt`).
    let a = l.ack(Flags::EMPTY, 1, 6, b"");
    l.recv(a);
    assert_eq!(l.conn.poll_timeout(), None);
    assert_eq!(l.conn.tcb().rto, Duration::from_millis(2400));
}

/// After the configured retransmissions the connection gives up: TimedOut, CLOSED, and no
/// segment (Linux tcp_write_err sends no RST).
#[test]
fn data_retransmissions_exhausted_times_out() {
    let mut p = Profile::linux();
    p.data_retries = 3;
    let mut l = Lone::client(p);
    l.connect();
    l.at_ms(100);
    let sa = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(sa);
    l.at_ms(200);
    l.send(b"hello");
    l.new_events();
    l.at_ms(4999);
    assert_eq!(l.state(), State::Established);
    l.at_ms(5000);
    let ev = l.new_events();
    assert!(ev.contains(&Event::TimedOut {
        in_state: State::Established
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::Established,
        to: State::Closed,
        cause: Cause::RetriesExhausted,
        rfc: Rfc::S3_8_3
    }));
    // The tail loss probe at 500 does not count as a retransmission (icsk_retransmits).
    assert_eq!(
        times(&l, Flags::PSH | Flags::ACK),
        [200, 500, 800, 1400, 2600]
    );
    assert!(l.out.iter().all(|(_, s)| !s.flags.contains(Flags::RST)));
}

/// Textbook RFC 6298 §2.4: "RTO ... should be rounded up to 1 second": with 100 ms of RTT
/// the first retransmission comes after 1 s, then 2 s.
#[test]
fn textbook_rto_floor_is_one_second() {
    let mut l = textbook_client();
    assert_eq!(l.conn.tcb().rto, Duration::from_secs(1));
    l.at_ms(200);
    l.send(b"hello");
    l.at_ms(4000);
    assert_eq!(times(&l, Flags::PSH | Flags::ACK), [200, 1200, 3200]);
}

// ------------------------------------------------------------------ RST and SYN (RFC 5961)

/// RST exactly at RCV.NXT: "enter the CLOSED state, delete the TCB", the user hears 'reset'.
#[test]
fn rst_at_rcv_nxt_resets() {
    let mut l = linux_client();
    let rst = l.seg(Flags::RST, 1, 0, b"");
    l.recv(rst);
    assert!(l.sent().is_empty());
    let ev = l.new_events();
    assert!(ev.contains(&Event::Reset {
        in_state: State::Established
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::Established,
        to: State::Closed,
        cause: Cause::RcvRst,
        rfc: Rfc::S3_10_7_4
    }));
    assert_eq!(ev.last(), Some(&Event::Closed));
}

/// RST in the window but not at RCV.NXT: a challenge ACK <SEQ=SND.NXT><ACK=RCV.NXT>
/// (RFC 5961 §3.2); the connection stays.
#[test]
fn rst_in_window_gets_challenge_ack() {
    let mut l = linux_client();
    l.at_ms(200);
    let rst = l.seg(Flags::RST, 1000, 0, b"");
    l.recv(rst);
    assert_eq!(l.sent(), ["200 ACK 1 1 0"]);
    let ev = l.new_events();
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::SegmentRejected {
            reason: RejectReason::RstChallenge,
            rfc: Rfc::S3_10_7_4Rfc5961S3_2,
            ..
        }
    )));
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::SegmentSent {
            reason: SendReason::ChallengeAck,
            ..
        }
    )));
    assert_eq!(l.state(), State::Established);
}

/// RST outside the window: dropped without a word.
#[test]
fn rst_out_of_window_is_ignored() {
    let mut l = linux_client();
    let rst = l.seg(Flags::RST | Flags::ACK, 100_000, 1, b"");
    l.recv(rst);
    assert!(l.sent().is_empty());
    assert!(rejected(&l.new_events(), RejectReason::RstOutOfWindow));
    assert_eq!(l.state(), State::Established);
}

/// Linux sends at most one challenge ACK per 500 ms per socket (tcp_invalid_ratelimit,
/// RFC 5961 §7); the textbook profile answers each.
#[test]
fn challenge_acks_are_rate_limited_on_linux() {
    let mut l = linux_client();
    for t in [200, 300, 600, 700, 800] {
        l.at_ms(t);
        let rst = l.seg(Flags::RST, 1000, 0, b"");
        l.recv(rst);
    }
    assert_eq!(times(&l, Flags::ACK), [200, 700]);
    let mut t = textbook_client();
    for ms in [200, 300] {
        t.at_ms(ms);
        let rst = t.seg(Flags::RST, 1000, 0, b"");
        t.recv(rst);
    }
    assert_eq!(times(&t, Flags::ACK), [200, 300]);
}

/// SYN in a synchronized state, in the window or not: a challenge ACK (RFC 5961 §4.2).
#[test]
fn syn_gets_challenge_ack() {
    let mut l = textbook_client();
    l.at_ms(200);
    let in_window = l.seg(Flags::SYN, 10, 0, b"");
    l.recv(in_window);
    let old = l.seg(Flags::SYN, 0, 0, b"");
    l.recv(old);
    assert_eq!(l.sent(), ["200 ACK 1 1 0", "200 ACK 1 1 0"]);
    assert_eq!(l.state(), State::Established);
}

/// An ACK of data never sent: the RFC answers with an ACK and drops the segment; Linux just
/// drops it (tcp_ack: SKB_DROP_REASON_TCP_ACK_UNSENT_DATA).
#[test]
fn ack_of_unsent_data_is_dropped() {
    let mut t = textbook_client();
    let s = t.ack(Flags::PSH, 1, 100, b"data");
    t.recv(s);
    assert_eq!(t.sent(), ["100 ACK 1 1 0"]);
    let mut l = linux_client();
    let s = l.ack(Flags::PSH, 1, 100, b"data");
    l.recv(s);
    assert!(l.sent().is_empty());
    assert!(rejected(&l.new_events(), RejectReason::AckOfUnsent));
    assert_eq!(
        l.conn.tcb().rcv_nxt,
        PEER_ISS + 1,
        "the data was dropped too"
    );
}

/// RFC 5961 §5.2: an ACK below SND.UNA - MAX.SND.WND is discarded with a challenge ACK.
/// Linux also caps MAX.SND.WND by the octets acknowledged so far (none here).
#[test]
fn too_old_ack_gets_challenge_ack() {
    let mut l = linux_client();
    let s = l.ack(Flags::PSH, 1, 0, b"data");
    l.recv(s);
    assert_eq!(l.sent(), ["100 ACK 1 1 0"]);
    assert!(rejected(&l.new_events(), RejectReason::AckTooOld));
    // The textbook profile allows one full window back: SEG.ACK = ISS is just old.
    let mut t = textbook_client();
    let s = t.ack(Flags::PSH, 1, 0, b"data");
    t.recv(s);
    assert_eq!(t.conn.tcb().rcv_nxt, PEER_ISS + 5);
    let s = t.ack(Flags::PSH, 5, 1u32.wrapping_sub(70_000), b"more");
    t.recv(s);
    assert!(rejected(&t.new_events(), RejectReason::AckTooOld));
}

/// ABORT: Linux sends RST|ACK <SEQ=SND.NXT><ACK=RCV.NXT> with its window and timestamps
/// (tcp_send_active_reset); the RFC's is <SEQ=SND.NXT><CTL=RST> (§3.10.5).
#[test]
fn abort_sends_rst() {
    let mut l = linux_client();
    l.abort();
    let out = l.take();
    assert_eq!(out[0].flags, Flags::RST | Flags::ACK);
    assert_eq!(out[0].window, 63);
    assert_eq!(out[0].options.len(), 3);
    assert_eq!(
        l.changes(),
        [(
            State::Established,
            State::Closed,
            Cause::Abort,
            Rfc::S3_10_5
        )]
    );
    let mut t = textbook_client();
    t.abort();
    assert_eq!(t.sent(), ["100 RST 1 - 0"]);
}

/// RFC 9293 Figure 10: the client crashed and reconnects. Its SYN meets the old,
/// half-open connection, whose ACK is unacceptable in SYN-SENT; the client's RST
/// <SEQ=SEG.ACK> lands exactly at the server's RCV.NXT and aborts it. Once the server
/// listens again, the SYN's retransmission opens a fresh connection.
#[test]
fn figure_10_half_open_connection_discovery() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(1000);
    p.crash(Side::Client);
    let mark = p.mark();
    p.client_connect();
    p.run_until_ms(1150);
    assert_eq!(p.state(Side::Server), State::Closed);
    assert!(p
        .events_of(Side::Server, |e| matches!(e, Event::Reset { .. }))
        .iter()
        .any(|(t, _)| *t == 1150));
    p.server_listen();
    p.run_until_ms(3000);
    let story: Vec<(u64, Flags)> = p.log[mark..]
        .iter()
        .map(|s| (s.at.millis(), s.seg.flags))
        .collect();
    assert_eq!(
        story,
        [
            (1000, Flags::SYN),
            (1050, Flags::ACK),
            (1100, Flags::RST),
            (2000, Flags::SYN),
            (2050, Flags::SYN | Flags::ACK),
            (2100, Flags::ACK),
        ]
    );
    assert_eq!(p.state(Side::Client), State::Established);
    assert_eq!(p.state(Side::Server), State::Established);
}

/// While retransmitting (SND.NXT back at SND.UNA), an ACK carries the highest number sent:
/// an older one would lie before the peer's RCV.NXT and be rejected, so two ends that both
/// retransmit would drop each other's ACKs forever (found by the fuzzer).
#[test]
fn acks_during_retransmission_carry_the_highest_sequence_number() {
    let mut l = linux_client();
    l.at_ms(200);
    l.send(&[1; 3000]);
    l.at_ms(750);
    // The loss probe resends the last segment; the RTO then resends the first.
    let sent = l.sent();
    assert_eq!(sent[3], "404 PSH|ACK 2897 1 104", "TLP");
    assert_eq!(sent[4], "704 ACK 1 1 1448", "RTO: the oldest segment");
    let d = l.ack(Flags::PSH, 1, 1, b"x");
    l.recv(d);
    assert_eq!(l.sent(), ["750 ACK 3001 2 0"]);
}

/// Reordering on the wire: the first of three segments is held back 10 ms; the other two
/// arrive out of order and each draws a duplicate ACK with SACK; when the first arrives, the
/// gap fills and one ACK covers all three. The delay is inside RACK's reordering window
/// (min_rtt/4 = 25 ms), so nothing is retransmitted (`tests/recovery.rs` has one outside).
#[test]
fn reordered_segments_story() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(100);
    let mark = p.mark();
    p.hold_next(Side::Client);
    p.client_send(&[1; 3000]);
    p.run_until_ms(110);
    p.release_held();
    p.run_until_ms(300);
    assert_eq!(
        p.lines_since(mark),
        [
            "100 C->S ACK 1 1 1448 HELD",
            "100 C->S ACK 1449 1 1448",
            "100 C->S PSH|ACK 2897 1 104",
            "150 S->C ACK 1 1 0",
            "150 S->C ACK 1 1 0",
            "160 S->C ACK 1 3001 0",
        ]
    );
    assert_eq!(p.received(Side::Server).len(), 3000);
}

/// ABORT on one side: the peer accepts the RST at RCV.NXT and hears "reset".
#[test]
fn abort_story() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(200);
    p.abort(Side::Client);
    p.run_until_ms(300);
    assert_eq!(p.state(Side::Server), State::Closed);
    let resets = p.events_of(Side::Server, |e| matches!(e, Event::Reset { .. }));
    assert_eq!(resets.len(), 1);
    assert_eq!(resets[0].0, 250);
}

/// A bare ACK numbered beyond RCV.NXT (the peer's data before it is still in flight) is
/// acceptable and carries nothing to hold: no duplicate ACK. Answering it made two ends with
/// holes in both directions trade ACKs forever (found by the fuzzer).
#[test]
fn bare_ack_ahead_of_rcv_nxt_draws_no_reply() {
    let mut l = linux_client();
    l.send(b"hello");
    l.sent();
    let a = l.ack(Flags::EMPTY, 1000, 6, b"");
    l.recv(a);
    assert!(l.sent().is_empty());
    assert_eq!(l.conn.tcb().snd_una, l.iss() + 6, "its ACK still counts");
}

/// RFC 9293 Figure 11: the client crashed; the server's next data reaches a CLOSED port,
/// which answers <SEQ=SEG.ACK><CTL=RST> — exactly the server's RCV.NXT, so it aborts.
#[test]
fn figure_11_active_side_discovers_half_open_connection() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(500);
    p.crash(Side::Client);
    let mark = p.mark();
    p.server_send(b"are you there?");
    p.run_until_ms(700);
    let story: Vec<(u64, Flags)> = p.log[mark..]
        .iter()
        .map(|s| (s.at.millis(), s.seg.flags))
        .collect();
    assert_eq!(story, [(500, Flags::PSH | Flags::ACK), (550, Flags::RST)]);
    assert_eq!(p.log[mark + 1].seg.seq, p.log[mark].seg.ack);
    assert_eq!(p.state(Side::Server), State::Closed);
    assert!(!p
        .events_of(Side::Server, |e| matches!(e, Event::Reset { .. }))
        .is_empty());
}
