//! Tail loss probe (RFC 8985 §7; Linux tcp_schedule_loss_probe / tcp_send_loss_probe /
//! tcp_process_tlp_ack).

use super::*;
use crate::recovery::tlp::{may_arm, pto};

const MSS: u32 = 1000;
const TICK: Duration = Duration::from_millis(4);
const RTO_MIN: Duration = Duration::from_millis(200);

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn the_probe_timeout() {
    // RFC 8985 §7.2: PTO = 2·SRTT; Linux adds 2 ms (TCP_TIMEOUT_MIN_US) and counts in
    // jiffies (4 ms at HZ=250): 2·100 + 2 = 202 → 204 ms.
    assert_eq!(pto(Some(ms(100)), 10, RTO_MIN, TICK, None), ms(204));
    // One packet out: the peer may delay its ACK, so + rto_min (RFC 8985: WCDelAckT).
    assert_eq!(pto(Some(ms(100)), 1, RTO_MIN, TICK, None), ms(400));
    // No RTT sample: 1 s.
    assert_eq!(pto(None, 3, RTO_MIN, TICK, None), ms(1000));
    // Never later than the RTO would fire.
    assert_eq!(
        pto(Some(ms(100)), 10, RTO_MIN, TICK, Some(ms(150))),
        ms(152)
    );
    assert_eq!(
        pto(Some(ms(100)), 10, RTO_MIN, TICK, Some(ms(300))),
        ms(204)
    );
}

#[test]
fn when_a_probe_may_be_armed() {
    assert!(may_arm(true, CaState::Open, 3));
    assert!(may_arm(true, CaState::Cwr, 3));
    assert!(!may_arm(true, CaState::Disorder, 3));
    assert!(!may_arm(true, CaState::Recovery, 3));
    assert!(!may_arm(true, CaState::Loss, 3));
    assert!(!may_arm(false, CaState::Open, 3), "a peer without SACK");
    assert!(!may_arm(true, CaState::Open, 0), "nothing out");
}

fn three_sent() -> (Scoreboard, Rack) {
    let mut sb = Scoreboard::new(0, true, MSS);
    for i in 0..3 {
        sb.on_send(i * MSS, (i + 1) * MSS, false, t(u64::from(i)));
    }
    let mut rack = Rack::new();
    rack.update_min_rtt(ms(100));
    (sb, rack)
}

fn input<'a>(ack: u32, blocks: &'a [(u32, u32)], now: Instant, tlp: &Tlp) -> AckInput<'a> {
    AckInput {
        ack,
        blocks,
        now,
        tlp_high_seq: tlp.high_seq,
        max_window: 65535,
    }
}

#[test]
fn a_lost_tail_is_repaired_by_the_probe() {
    // RFC 8985 §7's motivating case: the last segment is lost; nothing sent after it can be
    // delivered, so RACK cannot see it. The probe fires 2·SRTT + 2 ms after the last ACK-
    // driven re-arm and resends the last segment (no new data to send).
    let (mut sb, mut rack) = three_sent();
    let mut tlp = Tlp::default();
    on_ack(&mut sb, &mut rack, &input(2 * MSS, &[], t(101), &tlp));
    assert!(
        rack.mark_lost(&mut sb, t(101), false, Some(ms(100)))
            .newly_lost
            == 0
    );
    assert!(may_arm(true, CaState::Open, sb.packets_out()));
    // One packet out: PTO = 2·SRTT + rto_min.
    assert_eq!(
        pto(Some(ms(100)), sb.packets_out(), RTO_MIN, TICK, None),
        ms(400)
    );
    let fire = t(501);
    let probe = tlp.choose(&mut sb, false).unwrap();
    assert_eq!(
        probe,
        Probe::Retransmit {
            start: 2 * MSS,
            end: 3 * MSS
        }
    );
    sb.on_probe_retransmit(2 * MSS, 3 * MSS, fire).unwrap();
    tlp.on_probe_sent(sb.snd_nxt(), true);
    assert_eq!(sb.retrans_out(), 0, "a probe is not counted in retrans_out");
    assert_eq!(tlp.high_seq, Some(3 * MSS));
    // At most one probe outstanding.
    assert_eq!(tlp.choose(&mut sb, true), None);
    // The probe's ACK reaches exactly tlp_high_seq: Linux still waits.
    let out = on_ack(&mut sb, &mut rack, &input(3 * MSS, &[], t(601), &tlp));
    assert!(out.snd_una_advanced);
    assert_eq!(tlp.on_ack(3 * MSS, false, false), TlpVerdict::Pending);
    // The ACK of later data goes past it: the probe repaired a loss (cwnd is reduced once).
    sb.on_send(3 * MSS, 4 * MSS, false, t(602));
    on_ack(&mut sb, &mut rack, &input(4 * MSS, &[], t(702), &tlp));
    assert_eq!(tlp.on_ack(4 * MSS, false, false), TlpVerdict::LossRepaired);
    assert_eq!(tlp.high_seq, None);
}

#[test]
fn a_dsack_of_the_probe_means_nothing_was_lost() {
    // The last segment was only late: the original and the probe both arrive; the receiver
    // D-SACKs the probe (RFC 8985 §7.4.1), and the episode ends without a cwnd reduction.
    let (mut sb, mut rack) = three_sent();
    let mut tlp = Tlp::default();
    on_ack(&mut sb, &mut rack, &input(2 * MSS, &[], t(101), &tlp));
    sb.on_probe_retransmit(2 * MSS, 3 * MSS, t(501)).unwrap();
    tlp.on_probe_sent(sb.snd_nxt(), true);
    on_ack(&mut sb, &mut rack, &input(3 * MSS, &[], t(502), &tlp));
    assert_eq!(tlp.on_ack(3 * MSS, false, false), TlpVerdict::Pending);
    let out = on_ack(
        &mut sb,
        &mut rack,
        &input(3 * MSS, &[(2 * MSS, 3 * MSS)], t(601), &tlp),
    );
    let d = out.dsack.expect("D-SACK of the probe");
    assert!(d.tlp);
    assert_eq!(tlp.on_ack(3 * MSS, d.tlp, false), TlpVerdict::NoLoss);
}

#[test]
fn a_probe_of_new_data_ends_when_acked() {
    let (mut sb, _) = three_sent();
    let mut tlp = Tlp::default();
    assert_eq!(tlp.choose(&mut sb, true), Some(Probe::NewData));
    sb.on_send(3 * MSS, 4 * MSS, false, t(300));
    tlp.on_probe_sent(sb.snd_nxt(), false);
    assert_eq!(tlp.on_ack(3 * MSS, false, false), TlpVerdict::Pending);
    assert_eq!(tlp.on_ack(4 * MSS, false, false), TlpVerdict::NoLoss);
}

#[test]
fn a_pure_duplicate_ack_at_the_probe_means_no_loss() {
    let mut tlp = Tlp::default();
    tlp.on_probe_sent(3000, true);
    assert_eq!(tlp.on_ack(3000, false, true), TlpVerdict::NoLoss);
}

#[test]
fn a_long_last_entry_is_probed_with_its_last_mss() {
    let mut sb = Scoreboard::new(0, true, MSS);
    sb.on_send(0, 2500, false, t(0));
    let tlp = Tlp::default();
    assert_eq!(
        tlp.choose(&mut sb, false),
        Some(Probe::Retransmit {
            start: 1500,
            end: 2500
        })
    );
    assert_eq!(sb.len(), 2);
}
