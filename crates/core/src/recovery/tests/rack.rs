//! RACK (RFC 8985 §6) and its Linux details.

use super::*;

const MSS: u32 = 1000;
const RTT: Duration = Duration::from_millis(100);

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn seg(i: u32) -> (u32, u32) {
    (i * MSS, (i + 1) * MSS)
}

/// Segments 0..n sent 1 ms apart from t = 0, RACK with min_rtt = SRTT = 100 ms.
fn setup(n: u32) -> (Scoreboard, Rack) {
    let mut sb = Scoreboard::new(0, true, MSS);
    for i in 0..n {
        let (s, e) = seg(i);
        sb.on_send(s, e, false, t(u64::from(i)));
    }
    let mut rack = Rack::new();
    rack.update_min_rtt(RTT);
    (sb, rack)
}

fn ack(
    sb: &mut Scoreboard,
    rack: &mut Rack,
    ack: u32,
    blocks: &[(u32, u32)],
    now: Instant,
) -> AckOutcome {
    on_ack(
        sb,
        rack,
        &AckInput {
            ack,
            blocks,
            now,
            tlp_high_seq: None,
            max_window: 65535,
        },
    )
}

#[test]
fn a_lone_lost_segment_is_marked_after_rtt_plus_reo_wnd() {
    // RFC 8985 §6.2 (and the example of §3.4): P1 is lost, P2 (sent 1 ms later) is SACKed
    // one RTT after it was sent. With no reordering seen and one SACKed segment (below the
    // dupthresh), reo_wnd = min_rtt/4 = 25 ms: P1 is lost when RACK.rtt + reo_wnd has passed
    // since it was sent, i.e. at 0 + 100 + 25 ms, not before.
    let (mut sb, mut rack) = setup(2);
    ack(&mut sb, &mut rack, 0, &[seg(1)], t(101));
    assert_eq!(rack.rtt, RTT);
    assert_eq!(rack.xmit_time, Some(t(1)));
    let srtt = Some(RTT);
    assert_eq!(rack.reo_wnd(&sb, false, srtt), Duration::from_millis(25));
    let d = rack.mark_lost(&mut sb, t(101), false, srtt);
    assert_eq!(d.newly_lost, 0);
    assert_eq!(d.reo_wait, Some(Duration::from_millis(24)));
    // tcp_rack_mark_lost arms usecs_to_jiffies(24 ms + 2 ms): 28 ms in 4 ms ticks.
    assert_eq!(
        d.reo_timer(Duration::from_millis(4)),
        Some(Duration::from_millis(28))
    );
    let early = rack.reo_timeout(&mut sb, t(124), false, srtt);
    assert_eq!(early.newly_lost, 0);
    assert_eq!(early.reo_wait, Some(Duration::from_millis(1)));
    let fired = rack.reo_timeout(&mut sb, t(125), false, srtt);
    assert_eq!(fired.newly_lost, 1);
    assert_eq!(sb.find(0).map(|e| e.lost), Some(true));
    assert_eq!(fired.reo_wait, None);
}

#[test]
fn in_recovery_without_reordering_the_window_is_zero() {
    let (mut sb, mut rack) = setup(3);
    ack(&mut sb, &mut rack, 0, &[seg(2)], t(102));
    // In recovery (or Loss), reo_wnd = 0 when no reordering was seen: P1, P2 lost at once.
    let d = rack.mark_lost(&mut sb, t(102), true, Some(RTT));
    assert_eq!(d.newly_lost, 2);
}

#[test]
fn a_lost_retransmission_is_detected_by_time() {
    // RFC 8985 §2.2 / §6: RACK also sees a retransmission lost, because a segment sent after
    // it was delivered. P0 lost, retransmitted at 200 ms and lost again; P3 sent at 210 ms is
    // SACKed at 310 ms; the retransmission is marked lost again at 200 + 100 + 0 (in recovery).
    let (mut sb, mut rack) = setup(3);
    ack(&mut sb, &mut rack, 0, &[(seg(1).0, seg(2).1)], t(102));
    rack.mark_lost(&mut sb, t(102), true, Some(RTT));
    assert_eq!(sb.lost_out(), 1);
    sb.on_retransmit(0, MSS, t(200)).unwrap();
    let (s3, e3) = seg(3);
    sb.on_send(s3, e3, false, t(210));
    assert_eq!((sb.lost_out(), sb.retrans_out()), (1, 1));
    ack(&mut sb, &mut rack, 0, &[(seg(1).0, e3)], t(310));
    let d = rack.mark_lost(&mut sb, t(310), true, Some(RTT));
    assert_eq!(d.lost_retrans, 1);
    assert_eq!((sb.lost_out(), sb.retrans_out()), (1, 0));
    assert_eq!(sb.next_retransmit().map(|e| e.start), Some(0));
}

#[test]
fn a_retransmission_acked_faster_than_min_rtt_does_not_advance_rack() {
    // tcp_rack_advance: "If the sacked packet was retransmitted, it's ambiguous whether the
    // retransmission or the original was sacked" -- below min_rtt it must be the original.
    let (mut sb, mut rack) = setup(2);
    sb.mark_lost(0);
    sb.on_retransmit(0, MSS, t(60)).unwrap();
    let before = rack;
    ack(&mut sb, &mut rack, MSS, &[], t(100));
    assert_eq!(rack, before, "40 ms < min_rtt 100 ms: ignored");
    let (mut sb, mut rack) = setup(2);
    sb.mark_lost(0);
    sb.on_retransmit(0, MSS, t(60)).unwrap();
    ack(&mut sb, &mut rack, MSS, &[], t(160));
    assert_eq!((rack.xmit_time, rack.rtt), (Some(t(60)), RTT));
}

#[test]
fn reordering_then_a_dsack_widens_reo_wnd_by_one_step_per_round() {
    // RFC 8985 §6.2 step 4: a D-SACK (after reordering was seen) means a spurious
    // retransmission: RACK.reo_wnd_mult += 1, persisting for 16 recoveries.
    let (mut sb, mut rack) = setup(3);
    let srtt = Some(Duration::from_millis(200));
    // P2 SACKed, then P1 SACKed below it: reordering.
    ack(&mut sb, &mut rack, 0, &[seg(2)], t(102));
    ack(&mut sb, &mut rack, 0, &[seg(1), seg(2)], t(103));
    assert_eq!(sb.reord_seen, 1);
    assert_eq!(rack.reo_wnd(&sb, true, srtt), Duration::from_millis(25));
    // P0 was only delayed but was retransmitted; the original arrives (cumulative ACK), then
    // the duplicate is reported by a D-SACK below the ACK.
    sb.mark_lost(0);
    sb.on_retransmit(0, MSS, t(130)).unwrap();
    ack(&mut sb, &mut rack, seg(2).1, &[], t(140));
    // New data sent after those deliveries (its tx_delivered is the ACK's prior_delivered).
    let (s3, e3) = seg(3);
    let (s4, e4) = seg(4);
    sb.on_send(s3, e3, false, t(141));
    sb.on_send(s4, e4, false, t(142));
    let out = ack(&mut sb, &mut rack, e3, &[(0, MSS)], t(231));
    let d = out.dsack.expect("D-SACK");
    assert!(d.retransmitted && d.below_ack);
    assert_eq!(rack.reo_wnd_steps, 2);
    assert_eq!(rack.reo_wnd_persist, 16);
    assert_eq!(rack.reo_wnd(&sb, true, srtt), Duration::from_millis(50));
    // Capped by SRTT.
    assert_eq!(
        rack.reo_wnd(&sb, true, Some(Duration::from_millis(40))),
        Duration::from_millis(40)
    );
    let _ = s3;
    // Persistence: 16 recoveries without undo, then back to one step at the next ACK.
    for _ in 0..16 {
        rack.on_recovery_end(false);
    }
    ack(&mut sb, &mut rack, e4, &[], t(242));
    assert_eq!(rack.reo_wnd_steps, 1);
}

#[test]
fn a_dsack_without_reordering_seen_leaves_reo_wnd_alone() {
    let (mut sb, mut rack) = setup(3);
    sb.mark_lost(0);
    sb.on_retransmit(0, MSS, t(130)).unwrap();
    ack(&mut sb, &mut rack, seg(1).1, &[], t(140));
    let out = ack(&mut sb, &mut rack, seg(2).1, &[(0, MSS)], t(231));
    assert!(out.dsack.is_some());
    assert_eq!(rack.reo_wnd_steps, 1);
    assert!(!rack.dsack_seen);
}
