//! RFC 6675 (IsLost, SetPipe, NextSeg, the entry rule of §5) and RFC 6582 NewReno.

use super::*;
use crate::recovery::rfc6675::{is_lost, pipe};

const MSS: u32 = 1000;

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn seg(i: u32) -> (u32, u32) {
    (i * MSS, (i + 1) * MSS)
}

fn board(n: u32) -> Scoreboard {
    let mut sb = Scoreboard::new(0, true, MSS);
    for i in 0..n {
        let (s, e) = seg(i);
        sb.on_send(s, e, false, t(0));
    }
    sb
}

#[test]
fn is_lost_needs_dupthresh_sacked_segments_or_bytes_above() {
    let mut sb = board(6);
    sb.sack(&[seg(2), seg(4)], t(1), |_, _, _| {});
    assert!(!is_lost(&sb, 0), "two SACKed segments above");
    sb.sack(&[seg(5)], t(2), |_, _, _| {});
    assert!(
        is_lost(&sb, 0),
        "DupThresh = 3 discontiguous SACKed segments above"
    );
    assert!(is_lost(&sb, seg(1).0));
    assert!(!is_lost(&sb, seg(3).0), "only two above segment 3");
    // The byte rule: small segments, more than (DupThresh − 1)·SMSS bytes SACKed above.
    let mut sb = Scoreboard::new(0, true, MSS);
    sb.on_send(0, 100, false, t(0));
    sb.on_send(100, 100 + 2 * MSS + 1, false, t(0));
    sb.sack(&[(100, 100 + 2 * MSS + 1)], t(1), |_, _, _| {});
    assert!(is_lost(&sb, 0), "2001 bytes above: more than 2·SMSS");
}

#[test]
fn set_pipe_counts_unsacked_not_lost_and_retransmitted_octets() {
    let mut sb = board(6);
    assert_eq!(pipe(&sb, None), 6 * MSS);
    sb.sack(&[seg(2), seg(3), seg(4)], t(1), |_, _, _| {});
    // 0 and 1 are IsLost (three SACKed above), 5 is not: pipe = segment 5 only.
    assert_eq!(pipe(&sb, None), MSS);
    // After retransmitting segment 0 (HighRxt = its end), it counts again (rule (b)).
    sb.on_retransmit(0, MSS, t(2));
    assert_eq!(pipe(&sb, Some(MSS)), 2 * MSS);
}

#[test]
fn next_seg_rules_one_to_four() {
    let mut sb = board(6);
    // Segments 1, 3, 4 SACKed: 0 is IsLost (3 above), 2 is not (2 above).
    sb.sack(&[seg(1), seg(3), seg(4)], t(1), |_, _, _| {});
    let mut rec = Rfc6675::default();
    assert!(
        rec.on_ack(&sb, false, true),
        "IsLost(HighACK + 1): enter (§5 step 2)"
    );
    rec.enter(&sb);
    // (1) the first unSACKed, IsLost segment below the highest SACK.
    let (s0, e0) = seg(0);
    assert_eq!(
        rec.next_seg(&sb, true),
        Some(NextSeg::Lost { start: s0, end: e0 })
    );
    sb.on_retransmit(s0, e0, t(2));
    rec.on_retransmit(e0, false, true);
    assert_eq!((rec.high_rxt, rec.rescue_rxt), (Some(e0), Some(e0)));
    // (2) no IsLost segment above HighRxt: new data, if any may be sent.
    assert_eq!(rec.next_seg(&sb, true), Some(NextSeg::NewData));
    // (3) otherwise the unSACKed segment 2 (below the highest SACK, not IsLost).
    let (s2, e2) = seg(2);
    assert_eq!(
        rec.next_seg(&sb, false),
        Some(NextSeg::Unsacked { start: s2, end: e2 })
    );
    sb.on_retransmit(s2, e2, t(3));
    rec.on_retransmit(e2, false, false);
    // (4) nothing below the highest SACK is left: the rescue retransmission of the highest
    // unSACKed segment (5), once HighACK passed RescueRxt.
    assert_eq!(
        rec.next_seg(&sb, false),
        None,
        "HighACK has not passed RescueRxt yet"
    );
    // The ACK of the first retransmission (segment 0) only reaches RescueRxt...
    let fack = sb.fack();
    sb.cum_ack(e0, t(4), fack, |_, _, _| {});
    assert_eq!(rec.next_seg(&sb, false), None);
    // ... one that goes beyond it (segment 1 was SACKed) allows the rescue.
    let fack = sb.fack();
    sb.cum_ack(seg(1).1, t(4), fack, |_, _, _| {});
    let (s5, e5) = seg(5);
    assert_eq!(
        rec.next_seg(&sb, false),
        Some(NextSeg::Rescue { start: s5, end: e5 })
    );
    rec.on_retransmit(e5, true, false);
    assert_eq!(rec.rescue_rxt, rec.recovery_point);
    assert_eq!(rec.high_rxt, Some(e2), "rule (4) does not move HighRxt");
    assert_eq!(rec.next_seg(&sb, false), None, "one rescue per recovery");
    // Recovery ends when the cumulative ACK reaches RecoveryPoint.
    let fack = sb.fack();
    sb.cum_ack(e5, t(5), fack, |_, _, _| {});
    assert!(rec.check_exit(&sb));
    assert!(!rec.in_recovery());
}

#[test]
fn entry_by_dupthresh_duplicate_acks_and_not_twice_for_one_window() {
    let mut sb = board(8);
    let mut rec = Rfc6675::default();
    // Three duplicate ACKs, each SACKing a little (IsLost not yet true by bytes or count).
    for i in 0..2 {
        sb.sack(&[seg(2 + i)], t(1), |_, _, _| {});
        assert!(!rec.on_ack(&sb, false, true));
    }
    assert!(!is_lost(&sb, 0));
    sb.sack(&[seg(5)], t(2), |_, _, _| {});
    assert!(
        rec.on_ack(&sb, false, true),
        "DupAcks = DupThresh (§5 step 1)"
    );
    rec.enter(&sb);
    assert_eq!(rec.recovery_point, Some(8 * MSS));
    // After recovery ends, a new one needs the cumulative ACK beyond the old RecoveryPoint.
    let fack = sb.fack();
    sb.cum_ack(8 * MSS, t(3), fack, |_, _, _| {});
    assert!(rec.check_exit(&sb));
    assert_eq!(rec.last_recovery_point, Some(8 * MSS));
}

#[test]
fn newreno_partial_and_full_acks() {
    // RFC 6582 §3.2: the third duplicate ACK retransmits and sets recover = HighData; a
    // partial ACK retransmits the next hole and stays; a full ACK leaves.
    let mut nr = NewReno::default();
    assert_eq!(nr.on_ack(1000, false, true, 9000), NewRenoAction::None);
    assert_eq!(nr.on_ack(1000, false, true, 9000), NewRenoAction::None);
    assert_eq!(
        nr.on_ack(1000, false, true, 9000),
        NewRenoAction::FastRetransmit
    );
    assert_eq!(nr.recover, Some(9000));
    assert_eq!(
        nr.on_ack(1000, false, true, 9000),
        NewRenoAction::DupAckInRecovery
    );
    assert_eq!(
        nr.on_ack(4000, true, false, 10000),
        NewRenoAction::PartialAck
    );
    assert_eq!(nr.on_ack(9000, true, false, 10000), NewRenoAction::FullAck);
    assert!(!nr.in_recovery);
    // Three duplicate ACKs below `recover` after a timeout do not start fast retransmit
    // (RFC 6582 §3.2 step 2, avoiding multiple fast retransmits).
    let mut nr = NewReno::default();
    nr.on_timeout(9000);
    for _ in 0..3 {
        assert_eq!(nr.on_ack(2000, false, true, 9000), NewRenoAction::None);
    }
}
