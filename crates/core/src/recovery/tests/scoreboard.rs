//! The scoreboard's marks and counters, as Linux keeps them.

use super::*;

const MSS: u32 = 1000;

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

/// `n` segments of MSS bytes from sequence 1000, the i-th sent at i ms.
fn board(n: u32) -> Scoreboard {
    let mut sb = Scoreboard::new(1000, true, MSS);
    for i in 0..n {
        let s = 1000 + i * MSS;
        assert!(sb.on_send(s, s + MSS, false, t(u64::from(i))));
    }
    sb
}

fn seg(i: u32) -> (u32, u32) {
    (1000 + i * MSS, 1000 + (i + 1) * MSS)
}

#[test]
fn in_flight_is_packets_out_minus_left_out_plus_retrans_out() {
    let mut sb = board(5);
    let (s1, _) = seg(1);
    let (_, e2) = seg(2);
    let tag = sb.sack(&[(s1, e2)], t(100), |_, _, _| {});
    assert_eq!((tag.packets, tag.bytes), (2, 2 * MSS));
    assert_eq!(tag.highest_sacked_end, Some(e2));
    assert!(sb.mark_lost(0));
    assert_eq!(sb.in_flight(), 5 - (2 + 1));
    let (s0, e0) = seg(0);
    assert!(sb.on_retransmit(s0, e0, t(101)).is_some());
    assert_eq!(
        (
            sb.packets_out(),
            sb.sacked_out(),
            sb.lost_out(),
            sb.retrans_out()
        ),
        (5, 2, 1, 1)
    );
    assert_eq!(sb.in_flight(), 3);
    assert_eq!(sb.bytes_in_flight(), 3 * MSS);
    // The retransmission walk has nothing more to send: retrans_out >= lost_out.
    assert_eq!(sb.next_retransmit(), None);
    // A lost segment that is SACKed is no longer lost, and its retransmission left the network.
    let tag = sb.sack(&[(s0, e2)], t(150), |_, _, _| {});
    assert_eq!(tag.packets, 1);
    assert_eq!(
        (sb.lost_out(), sb.retrans_out(), sb.sacked_out()),
        (0, 0, 3)
    );
}

#[test]
fn a_shorter_retransmission_splits_the_entry_and_the_fin_stays_at_the_end() {
    let mut sb = Scoreboard::new(1, true, MSS);
    assert!(sb.on_send(1, 1 + 600 + 1, true, t(0)));
    assert!(sb.mark_lost(0));
    // The peer's window takes only 400 bytes: retransmit [1, 401).
    assert_eq!(sb.on_retransmit(1, 401, t(300)), Some(0));
    let parts: Vec<_> = sb
        .entries()
        .map(|e| (e.start, e.end, e.fin, e.lost, e.retrans_in_flight))
        .collect();
    assert_eq!(
        parts,
        vec![(1, 401, false, true, true), (401, 602, true, true, false)]
    );
    assert_eq!(
        (sb.packets_out(), sb.lost_out(), sb.retrans_out()),
        (2, 2, 1)
    );
    assert_eq!(sb.next_retransmit().map(|e| e.start), Some(401));
    // A retransmission must start an entry and stay inside it.
    assert_eq!(sb.on_retransmit(2, 300, t(301)), None);
    assert_eq!(sb.on_retransmit(401, 700, t(301)), None);
}

#[test]
fn cumulative_ack_removes_trims_and_takes_rtt_per_karn() {
    let mut sb = board(4);
    let (s0, e0) = seg(0);
    let mut advanced = Vec::new();
    let fack = sb.fack();
    let c = sb.cum_ack(e0 + 10, t(100), fack, |r, end, x| {
        advanced.push((r, end, x))
    });
    assert_eq!((c.packets, c.bytes), (1, MSS + 10));
    assert_eq!(c.rtt, Some(Duration::from_millis(100)));
    assert_eq!(c.newest_xmit, Some(t(0)));
    assert!(!c.retransmitted);
    assert_eq!(advanced, vec![(false, e0, t(0))]);
    // The head is trimmed, still one packet.
    assert_eq!(sb.get(0).map(|e| e.start), Some(e0 + 10));
    assert_eq!((sb.packets_out(), sb.bytes_out()), (3, 3 * MSS - 10));
    let _ = s0;
    // Karn: an ACK covering a retransmitted segment gives no RTT sample at all.
    let (s1, e1) = seg(1);
    sb.on_retransmit(e0 + 10, e1, t(150));
    let fack = sb.fack();
    let c = sb.cum_ack(seg(2).1, t(200), fack, |_, _, _| {});
    assert!(c.retransmitted);
    assert_eq!(c.rtt, None);
    assert_eq!(c.packets, 2);
    let _ = s1;
    // An ACK outside (SND.UNA, SND.NXT] does nothing.
    let before = sb.clone();
    let fack = sb.fack();
    assert_eq!(
        sb.cum_ack(seg(9).1, t(300), fack, |_, _, _| {}),
        CumAck::default()
    );
    assert_eq!(sb, before);
}

#[test]
fn a_late_hole_filler_is_reordering() {
    let mut sb = board(5);
    sb.sack(&[seg(3)], t(100), |_, _, _| {});
    assert_eq!(sb.reord_seen, 0);
    // Segment 1, never retransmitted, SACKed below the highest SACK: it was reordered.
    let tag = sb.sack(&[seg(1), seg(3)], t(101), |_, _, _| {});
    assert!(tag.reordering);
    assert_eq!(sb.reord_seen, 1);
    // Three packets from seg(1) to the highest SACK end: tp->reordering stays 3.
    assert_eq!(sb.reordering, 3);
}

#[test]
fn reno_counts_duplicate_acks_as_sacked_out() {
    // tcp_add_reno_sack / tcp_remove_reno_sacks on a peer without SACK.
    let mut sb = Scoreboard::new(1000, false, MSS);
    for i in 0..4 {
        let (s, e) = seg(i);
        sb.on_send(s, e, false, t(u64::from(i)));
    }
    // SACK blocks are ignored without SACK.
    assert_eq!(sb.sack(&[seg(2)], t(5), |_, _, _| {}).packets, 0);
    sb.add_reno_sack(1);
    sb.add_reno_sack(1);
    assert!(
        !sb.newreno_mark_lost(false, false),
        "two dupacks are below dupthresh"
    );
    sb.add_reno_sack(1);
    assert_eq!(sb.sacked_out(), 3);
    assert!(
        sb.newreno_mark_lost(false, false),
        "the third marks the head lost"
    );
    assert_eq!((sb.lost_out(), sb.in_flight()), (1, 0));
    assert_eq!(sb.sacked_bytes(), 3 * MSS);
    // A fourth dupack would exceed packets_out minus the hole: reordering, capped.
    sb.add_reno_sack(1);
    assert_eq!(sb.sacked_out(), 3);
    assert_eq!(sb.reord_seen, 1);
    // The retransmission and a cumulative ACK of two packets: one filled the hole, one ate
    // a dupack (3 → 2); two packets remain, so at most one can be "SACKed" beside a hole
    // (tcp_limit_reno_sacked): 1, and reordering is counted again.
    let (s0, e0) = seg(0);
    sb.on_retransmit(s0, e0, t(100));
    let fack = sb.fack();
    let c = sb.cum_ack(seg(1).1, t(200), fack, |_, _, _| {
        panic!("no RACK without SACK")
    });
    assert_eq!(c.packets, 2);
    assert_eq!(sb.sacked_out(), 1);
    assert_eq!(sb.reord_seen, 2);
    assert_eq!((sb.lost_out(), sb.retrans_out()), (0, 0));
}

#[test]
fn rto_marks_the_head_and_all_but_recently_sent_segments_lost() {
    let mut sb = board(4);
    sb.sack(&[seg(2)], t(50), |_, _, _| {});
    // At 103 ms with RACK.rtt = 100 ms: segments 0..=2 were sent >= 100 ms ago, segment 3
    // (sent at 3 ms) only 100 ms ago... choose now = 102: segment 3 is "recently sent".
    let reneged = sb.enter_loss(t(102), Duration::from_millis(100));
    assert!(!reneged);
    let lost: Vec<_> = sb.entries().map(|e| e.lost).collect();
    assert_eq!(
        lost,
        vec![true, true, false, false],
        "SACKed and recent ones are not"
    );
    // With a zero RACK.rtt, everything unSACKed is.
    let mut sb2 = board(4);
    sb2.enter_loss(t(102), Duration::ZERO);
    assert_eq!(sb2.lost_out(), 4);
}

#[test]
fn rto_with_a_sacked_head_is_reneging_and_forgets_every_sack() {
    let mut sb = board(3);
    // The receiver SACKed the head without acknowledging it.
    sb.sack(&[seg(0)], t(50), |_, _, _| {});
    // (A block starting at SND.UNA is invalid for sack::on_ack, but the raw tagger takes it.)
    assert_eq!(sb.sacked_out(), 1);
    assert!(sb.enter_loss(t(60), Duration::from_millis(100)));
    assert_eq!((sb.sacked_out(), sb.lost_out()), (0, 3));
}
