//! PRR against RFC 6937 §3.1's examples: 20 segments in flight (cwnd = FlightSize = pipe =
//! 20), ssthresh 10 after the loss, limited transmit on the first two duplicate ACKs.

use super::*;
use crate::recovery::rfc6675;

const MSS: u32 = 100;

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

/// Replays the first round trip after the loss of segments `0..lost`, ACK by ACK (each ACK
/// SACKs one more segment from `lost` on). Returns, per ACK, what was sent ("N" new, "R"
/// retransmission, repeated) and the pipe (RFC 6675 SetPipe, in segments) after sending.
/// `ssrb`: feed PRR as if SND.UNA advanced (its reduction bound then adds one segment, the
/// PRR-SSRB variant); Linux does that only when SND.UNA really advanced.
fn replay(lost: u32, ssrb: bool) -> Vec<(u32, String, u32)> {
    let mut sb = Scoreboard::new(0, true, MSS);
    for i in 0..20 {
        sb.on_send(i * MSS, (i + 1) * MSS, false, t(0));
    }
    let mut rec = Rfc6675::default();
    let mut prr: Option<Prr> = None;
    let mut rows = Vec::new();
    for i in lost..20 {
        let now = t(100 + u64::from(i));
        sb.sack(&[(lost * MSS, (i + 1) * MSS)], now, |_, _, _| {});
        let mut sent = String::new();
        if prr.is_none() && rec.on_ack(&sb, false, true) {
            rec.enter(&sb);
            prr = Some(Prr::new(20));
        }
        match prr.as_mut() {
            None => {
                // Limited transmit (RFC 3042): one new segment per duplicate ACK.
                let s = sb.snd_nxt();
                sb.on_send(s, s + MSS, false, now);
                sent.push('N');
            }
            Some(p) => {
                let pipe = rfc6675::pipe(&sb, rec.high_rxt) / MSS;
                let cwnd = p.on_ack(1, pipe, 10, ssrb, false).unwrap();
                for _ in 0..Prr::sndcnt(cwnd, pipe) {
                    match rec.next_seg(&sb, true) {
                        Some(NextSeg::Lost { start, end }) => {
                            sb.on_retransmit(start, end, now);
                            rec.on_retransmit(end, false, rec.high_rxt.is_none());
                            sent.push('R');
                        }
                        _ => {
                            let s = sb.snd_nxt();
                            sb.on_send(s, s + MSS, false, now);
                            sent.push('N');
                        }
                    }
                    p.on_sent(1);
                }
            }
        }
        rows.push((i, sent, rfc6675::pipe(&sb, rec.high_rxt) / MSS));
    }
    rows
}

#[test]
fn a_single_loss_spreads_the_reduction_over_the_round_trip() {
    // RFC 6937 §3.1, "PRR", segment 0 lost:
    //   ack#   X  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19
    //   pipe:    19 19 18 18 18 17 17 16 16 15 15 14 14 13 13 12 12 11 10
    //   sent:     N  N  R     N     N     N     N     N     N        N  N
    // PRR sends on every other ACK: ceil(prr_delivered·ssthresh/RecoverFS) − prr_out. The
    // table's pipe row (after sending, from ACK 4 on) shows the last transmission at ACK 17,
    // and pipe reaching ssthresh (10) at ACK 19; its sent row puts the last two one column
    // later than its own pipe row allows. We check the algorithm against the pipe row.
    let rows = replay(1, false);
    let sent: Vec<&str> = rows.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(
        sent,
        ["N", "N", "R", "", "N", "", "N", "", "N", "", "N", "", "N", "", "N", "", "N", "", ""]
    );
    let pipe: Vec<u32> = rows.iter().map(|r| r.2).skip(3).collect();
    assert_eq!(
        pipe,
        [18, 18, 17, 17, 16, 16, 15, 15, 14, 14, 13, 13, 12, 12, 11, 10]
    );
    // The same total as RFC 6675 sends (9 after the loss: 1 R + 8 N), over the whole RTT.
    let total: usize = sent.iter().map(|s| s.len()).sum();
    assert_eq!(total, 2 + 8);
}

#[test]
fn a_burst_loss_is_clocked_out_by_the_reduction_bound() {
    // RFC 6937 §3.1, segments 0–14 lost; only ACKs 15–19 come back:
    //   PRR-CRB:  sent N N R R R   (RB: b — sndcnt = prr_delivered − prr_out)
    //   PRR-SSRB: sent N N 2R 2R 2R, pipe 4 5 6 (RB: d — DeliveredData + 1)
    // Linux's tcp_cwnd_reduction is CRB while SND.UNA does not advance, as here.
    let crb = replay(15, false);
    let sent: Vec<&str> = crb.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(sent, ["N", "N", "R", "R", "R"]);
    let ssrb = replay(15, true);
    let sent: Vec<&str> = ssrb.iter().map(|(_, s, _)| s.as_str()).collect();
    assert_eq!(sent, ["N", "N", "RR", "RR", "RR"]);
    let pipe: Vec<u32> = ssrb.iter().map(|r| r.2).skip(2).collect();
    assert_eq!(
        pipe,
        [6, 7, 8],
        "pipe before sending: 4, 5, 6 as in the table"
    );
}

#[test]
fn entering_recovery_always_allows_the_fast_retransmit() {
    // "Force a fast retransmit upon entering fast recovery": in flight already at ssthresh.
    let mut p = Prr::new(20);
    assert_eq!(p.on_ack(1, 10, 10, false, false), Some(11));
    p.on_sent(1);
    // Now nothing more at ssthresh.
    assert_eq!(p.on_ack(1, 10, 10, false, false), Some(10));
    // Nothing delivered: cwnd untouched.
    assert_eq!(p.on_ack(0, 5, 10, false, false), None);
    // Below ssthresh with SND.UNA advancing and nothing newly lost: one extra (SSRB).
    let mut p = Prr::new(20);
    p.on_sent(1);
    assert_eq!(p.on_ack(2, 5, 10, true, false), Some(5 + 3));
    // ... but not when this ACK also marked something lost (PRR-CRB).
    let mut p = Prr::new(20);
    p.on_sent(1);
    assert_eq!(p.on_ack(2, 5, 10, true, true), Some(5 + 2));
}
