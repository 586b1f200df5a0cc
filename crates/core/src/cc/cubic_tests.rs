//! CUBIC tests: Linux's integer curve checked against values worked out by hand from
//! tcp_cubic.c's formulas, HyStart's two tests, and RFC 9438's fixed-point curve.

use super::super::cubic_rfc::{icbrt, RfcCubic, ONE};
use super::super::hystart::Exit;
use super::super::testutil::{ack, round};
use super::super::{CaEvent, CaState, Cc, CcState, CongestionKind};
use super::{cubic_root, Bictcp, CUBE_FACTOR};
use crate::profile::Profile;
use crate::time::Instant;

const T0: u64 = 1_000_000;
const MS: u64 = 1000;

fn linux() -> Cc {
    Cc::new(CongestionKind::Cubic, &Profile::linux())
}

fn textbook() -> Cc {
    Cc::new(CongestionKind::Cubic, &Profile::textbook())
}

fn bic(cc: &Cc) -> &Bictcp {
    match cc {
        Cc::Cubic(c) => c.linux().expect("linux cubic"),
        Cc::Reno(_) => panic!("not cubic"),
    }
}

fn rfc(cc: &Cc) -> &RfcCubic {
    match cc {
        Cc::Cubic(c) => c.rfc().expect("rfc cubic"),
        Cc::Reno(_) => panic!("not cubic"),
    }
}

/// A connection that has seen RTT `rtt_us`, grown to `w` packets and just finished the
/// recovery of a loss there: ssthresh from the algorithm, cwnd = ssthresh
/// (`tcp_end_cwnd_reduction`), cwnd_cnt = 0. Returns the time recovery ended.
fn after_loss(cc: &mut Cc, st: &mut CcState, w: u32, rtt_us: u64) -> u64 {
    cc.init(st, Instant::from_micros(T0), 0);
    cc.pkts_acked(st, &ack(T0 + rtt_us, 1, 10, 1, rtt_us));
    st.cwnd = w;
    st.prior_cwnd = w;
    st.ssthresh = cc.ssthresh(st, w);
    cc.set_state(st, CaState::Recovery, Instant::from_micros(T0 + rtt_us), 10);
    st.cwnd = st.ssthresh;
    st.cwnd_cnt = 0;
    cc.set_state(st, CaState::Open, Instant::from_micros(T0 + 2 * rtt_us), 10);
    T0 + 2 * rtt_us
}

/// cubic_root by hand: 27 and 1000 (table, one Newton step), and
/// cube_factor·30 = 80_452_070_310: fls64 = 37, b = (37·84 >> 8) − 1 = 11,
/// shift = a >> 33 = 9, v[9] = 129, x = (139 << 11) >> 6 = 4448,
/// x = 2·4448 + a/(4448·4447) = 8896 + 4067 = 12963, x·341 >> 10 = 4316 (∛ = 4316.97).
#[test]
fn cubic_root_matches_the_kernel_by_hand() {
    assert_eq!(CUBE_FACTOR, 2_681_735_677);
    assert_eq!(cubic_root(0), 0);
    assert_eq!(cubic_root(27), 3);
    assert_eq!(cubic_root(1000), 10);
    assert_eq!(CUBE_FACTOR * 30, 80_452_070_310);
    assert_eq!(cubic_root(80_452_070_310), 4316);
    // "Avg err ~= 0.195%": within 1 % (+1) of the exact root everywhere we look.
    let mut a: u64 = 64;
    while a < u64::MAX / 3 {
        let exact = icbrt(u128::from(a)) as u64;
        let got = u64::from(cubic_root(a));
        assert!(
            got.abs_diff(exact) <= exact / 100 + 1,
            "cbrt({a}) = {got}, exact {exact}"
        );
        a = a / 2 * 3 + 7;
    }
}

/// cubictcp_recalc_ssthresh: W·717/1024, W_max = W; a second loss below W_max lowers
/// W_max by fast convergence to W·(1024+717)/2048.
#[test]
fn linux_ssthresh_beta_and_fast_convergence() {
    let mut cc = linux();
    let mut st = CcState::new(100);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    assert_eq!(cc.ssthresh(&st, 100), 70); // 71_700 / 1024 = 70.02
    assert_eq!(bic(&cc).last_max_cwnd, 100);
    assert_eq!(bic(&cc).epoch_start, None);
    st.cwnd = 90;
    assert_eq!(cc.ssthresh(&st, 90), 63); // 64_530 / 1024 = 63.02
    assert_eq!(bic(&cc).last_max_cwnd, 76); // 90·1741/2048 = 76.5
    st.cwnd = 120;
    cc.ssthresh(&st, 120);
    assert_eq!(bic(&cc).last_max_cwnd, 120); // above W_max: no fast convergence
    st.cwnd = 2;
    assert_eq!(cc.ssthresh(&st, 2), 2); // max(1, 2)
}

/// After a loss at W_max = 100 with delay_min 100 ms, the first ACK in congestion
/// avoidance (cwnd 70) starts the epoch: K = 4316/1024 s = 4.215 s (∛(30/0.4) = 4.217 s),
/// t = usecs_to_jiffies(100 ms) = 25 jiffies = 25·1024/250 = 102, |t − K| = 4214,
/// 410·4214³ >> 40 = 27, target = 100 − 27 = 73, cnt = 70 / (73 − 70) = 23.
#[test]
fn linux_epoch_start_k_and_first_target() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    let t = after_loss(&mut cc, &mut st, 100, 100 * MS);
    assert_eq!(st.cwnd, 70);
    cc.cong_avoid(&mut st, &ack(t, 100, 170, 1, 100 * MS));
    let b = bic(&cc);
    assert_eq!(b.delay_min, 100_000);
    assert_eq!(b.bic_k, 4316);
    assert_eq!(b.bic_origin_point, 100);
    assert_eq!(b.cnt, 23);
    assert_eq!(b.tcp_cwnd, 70);
}

/// cwnd per second after that loss, RTT 100 ms, every packet ACKed: it follows
/// W(t) = 100 + 0.4·(t − 4.217)³ — 86.7, 95.6, 99.3 at 1, 2, 3 s, the plateau at 100
/// around K, then 100.2, 102.3, 108.6, 121.7 at 5, 6, 7, 8 s — within 2.5 packets
/// (cwnd is whole packets and reaches each target over one RTT): concave, then convex.
#[test]
fn linux_window_follows_the_cubic_curve() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    let start = after_loss(&mut cc, &mut st, 100, 100 * MS);
    let mut una = 100;
    let mut t = start;
    let mut per_second = [0u32; 9];
    per_second[0] = st.cwnd;
    for slot in per_second.iter_mut().skip(1) {
        for _ in 0..10 {
            t = round(&mut cc, &mut st, &mut una, t, 100 * MS, 1);
        }
        *slot = st.cwnd;
    }
    // W(t) by hand, in hundredths of a packet.
    let expected = [7000, 8669, 9564, 9928, 9999, 10019, 10227, 10863, 12166];
    for (s, (&got, &w)) in per_second.iter().zip(expected.iter()).enumerate().skip(1) {
        let got = i64::from(got) * 100;
        assert!(
            (got - w).abs() <= 250,
            "t = {s} s: cwnd {got} vs W(t) {w} (/100)"
        );
    }
    // Concave below W_max (growth per second shrinks), convex above it (grows).
    let growth: [u32; 8] = core::array::from_fn(|i| per_second[i + 1] - per_second[i]);
    assert!(growth[0] > growth[1] && growth[1] > growth[2] && growth[2] >= growth[3]);
    assert!(growth[5] < growth[6] && growth[6] < growth[7], "{growth:?}");
    assert!(per_second[4] >= 99 && per_second[4] <= 101);
}

/// Small window, short RTT: the cubic curve (W_max 10, K = ∛(3/0.4) = 1.96 s) hardly
/// moves in a second, but Reno would have added 100 packets in 100 round trips; the
/// Reno-friendly estimate (tcp_friendliness, +1 per 15·cwnd/8 ACKed packets = 0.53 per
/// RTT, RFC 9438 §4.3) carries cwnd from 7 to about 7 + 53.
#[test]
fn linux_reno_friendly_region_at_small_windows() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    let mut t = after_loss(&mut cc, &mut st, 10, 10 * MS);
    assert_eq!(st.cwnd, 7); // 7170 / 1024
    let mut una = 10;
    for _ in 0..100 {
        t = round(&mut cc, &mut st, &mut una, t, 10 * MS, 1);
    }
    let b = bic(&cc);
    assert!(st.cwnd > 10 * 4, "cwnd {} far above W_max 10", st.cwnd);
    assert!((7 + 48..=7 + 54).contains(&st.cwnd), "cwnd {}", st.cwnd);
    assert!(
        b.tcp_cwnd >= st.cwnd - 1,
        "the Reno estimate {} leads",
        b.tcp_cwnd
    );
}

/// CA_EVENT_TX_START after 10 s idle: epoch_start moves by the idle time (2500 jiffies
/// of 4 ms), so growth continues where it stopped; without the shift the curve has run on
/// to t = 12 s (W = 290) and the next ACK asks for the fastest growth (cnt = 2).
#[test]
fn linux_tx_start_after_idle_shifts_the_epoch() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    let mut t = after_loss(&mut cc, &mut st, 100, 100 * MS);
    let mut una = 100;
    for _ in 0..20 {
        t = round(&mut cc, &mut st, &mut una, t, 100 * MS, 1);
    }
    let cnt_before = bic(&cc).cnt;
    let epoch = bic(&cc).epoch_start.expect("epoch");
    let last_send = t;
    let now = t + 10_000 * MS;
    let mut idle = cc.clone();
    idle.cwnd_event(
        &st,
        Instant::from_micros(now),
        CaEvent::TxStart {
            lsndtime: Instant::from_micros(last_send),
        },
    );
    assert_eq!(bic(&idle).epoch_start, Some(epoch + 2500));
    let (mut st_a, mut st_b) = (st, st);
    idle.cong_avoid(
        &mut st_a,
        &ack(now + 100 * MS, una + 1, una + 200, 1, 100 * MS),
    );
    cc.cong_avoid(
        &mut st_b,
        &ack(now + 100 * MS, una + 1, una + 200, 1, 100 * MS),
    );
    assert_eq!(bic(&cc).cnt, 2);
    assert!(
        bic(&idle).cnt > 10 && bic(&idle).cnt <= cnt_before + 5,
        "{}",
        bic(&idle).cnt
    );
    // Never past now: an epoch that began after the last send moves only up to now.
    let mut late = cc.clone();
    let e = bic(&late).epoch_start.expect("epoch");
    late.cwnd_event(
        &st,
        Instant::from_micros(now + 500 * MS),
        CaEvent::TxStart {
            lsndtime: Instant::from_micros(T0),
        },
    );
    assert_eq!(
        bic(&late).epoch_start,
        Some(((now + 500 * MS) / 4000) as u32)
    );
    assert!(e < ((now + 500 * MS) / 4000) as u32);
}

/// cubictcp_state(TCP_CA_Loss): everything forgotten (W_max, delay_min, HyStart's found).
#[test]
fn linux_loss_state_resets() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    let t = after_loss(&mut cc, &mut st, 100, 100 * MS);
    cc.cong_avoid(&mut st, &ack(t, 100, 170, 1, 100 * MS));
    st.ssthresh = cc.ssthresh(&st, 70);
    cc.set_state(&st, CaState::Loss, Instant::from_micros(t + 300 * MS), 170);
    let b = bic(&cc);
    assert_eq!((b.last_max_cwnd, b.delay_min, b.epoch_start), (0, 0, None));
    assert_eq!((b.hystart.end_seq, b.hystart.found), (170, false));
    st.prior_cwnd = 70;
    st.cwnd = 1;
    assert_eq!(cc.undo_cwnd(&st), 70); // tcp_reno_undo_cwnd
}

/// Feed HyStart one ACK (only `.pkts_acked`, so cwnd stays put).
fn hy_ack(cc: &mut Cc, st: &mut CcState, now: u64, una: u32, nxt: u32, rtt: u64) {
    cc.pkts_acked(st, &ack(now, una, nxt, 1, rtt));
}

/// Round 1 at RTT 100 ms (delay_min), then round 2 at `rtt2`; ACKs 5 ms apart (no ACK
/// train). Returns ssthresh after each of round 2's ACKs.
fn delay_rounds(cwnd: u32, rtt2: u64) -> (Cc, alloc::vec::Vec<u32>) {
    let mut cc = linux();
    let mut st = CcState::new(cwnd);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    for i in 1..=16u32 {
        hy_ack(
            &mut cc,
            &mut st,
            T0 + 100 * MS + u64::from(i) * 5 * MS,
            i,
            16,
            100 * MS,
        );
    }
    let mut seen = alloc::vec::Vec::new();
    for i in 17..=32u32 {
        hy_ack(
            &mut cc,
            &mut st,
            T0 + 300 * MS + u64::from(i) * 5 * MS,
            i,
            48,
            rtt2,
        );
        seen.push(st.ssthresh);
    }
    (cc, seen)
}

/// HyStart delay: delay_min 100 ms, threshold 100 + clamp(100/8, 4, 16) = 112.5 ms. In a
/// new round, 8 samples are only collected; the 9th compares: 113 ms ends slow start
/// (ssthresh = cwnd), 112 ms does not, nor does anything below hystart_low_window.
#[test]
fn hystart_delay_detection() {
    let (cc, seen) = delay_rounds(16, 113 * MS);
    assert!(seen[..8]
        .iter()
        .all(|&s| s == super::super::TCP_INFINITE_SSTHRESH));
    assert_eq!(seen[8], 16);
    assert_eq!(bic(&cc).hystart_exit, Some(Exit::Delay));
    assert!(bic(&cc).hystart.found);

    let (cc, seen) = delay_rounds(16, 112 * MS);
    assert!(seen
        .iter()
        .all(|&s| s == super::super::TCP_INFINITE_SSTHRESH));
    assert_eq!(bic(&cc).hystart_exit, None);

    let (cc, seen) = delay_rounds(15, 130 * MS);
    assert!(seen
        .iter()
        .all(|&s| s == super::super::TCP_INFINITE_SSTHRESH));
    assert_eq!(bic(&cc).hystart_exit, None);
}

/// One round at RTT 10 ms with ACKs 3 ms apart, then a round whose ACKs come `gap_us`
/// apart. Returns ssthresh after each ACK of the second round.
fn train_rounds(gap_us: u64) -> (Cc, alloc::vec::Vec<u32>) {
    let mut cc = linux();
    let mut st = CcState::new(16);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    for i in 1..=16u32 {
        hy_ack(
            &mut cc,
            &mut st,
            T0 + 10 * MS + u64::from(i) * 3 * MS,
            i,
            16,
            10 * MS,
        );
    }
    let r = T0 + 100 * MS;
    let mut seen = alloc::vec::Vec::new();
    for k in 0..=12u32 {
        hy_ack(
            &mut cc,
            &mut st,
            r + u64::from(k) * gap_us,
            17 + k,
            64,
            10 * MS,
        );
        seen.push(st.ssthresh);
    }
    (cc, seen)
}

/// HyStart ACK train: delay_min 10 ms, cushion 1 ms (hystart_ack_delay's cap), no pacing:
/// threshold (10 + 1)/2 = 5.5 ms. ACKs 1 ms apart from the round's first: the one at 6 ms
/// ends slow start, the one at 5 ms does not. ACKs 3 ms apart are no train (> 2 ms).
#[test]
fn hystart_ack_train_detection() {
    let (cc, seen) = train_rounds(MS);
    assert!(seen[..6]
        .iter()
        .all(|&s| s == super::super::TCP_INFINITE_SSTHRESH));
    assert_eq!(seen[6], 16);
    assert_eq!(bic(&cc).hystart_exit, Some(Exit::AckTrain));

    let (cc, seen) = train_rounds(3 * MS);
    assert!(seen
        .iter()
        .all(|&s| s == super::super::TCP_INFINITE_SSTHRESH));
    assert_eq!(bic(&cc).hystart_exit, None);
}

/// Slow start below ssthresh grows by the packets acknowledged (tcp_slow_start), like
/// Reno: 10 → 20 → 40, HyStart silent while the RTT stays flat.
#[test]
fn linux_cubic_slow_start_doubles() {
    let mut cc = linux();
    let mut st = CcState::new(10);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    let mut una = 0;
    let t = round(&mut cc, &mut st, &mut una, T0, 100 * MS, 1);
    assert_eq!(st.cwnd, 20);
    round(&mut cc, &mut st, &mut una, t, 100 * MS, 2);
    assert_eq!(st.cwnd, 40);
    assert_eq!(st.ssthresh, super::super::TCP_INFINITE_SSTHRESH);
}

/// Not cwnd-limited: neither flavor grows, in slow start or in congestion avoidance.
#[test]
fn cubic_no_growth_when_not_cwnd_limited() {
    for mut cc in [linux(), textbook()] {
        let mut st = CcState::new(10);
        let t = after_loss(&mut cc, &mut st, 100, 100 * MS);
        let before = st;
        for i in 0..300u64 {
            let mut a = ack(t + i * 10 * MS, 100 + i as u32, 500, 1, 100 * MS);
            a.cwnd_limited = false;
            cc.pkts_acked(&mut st, &a);
            cc.cong_avoid(&mut st, &a);
        }
        assert_eq!(st, before);
    }
}

// ---- RFC 9438 (textbook) ----

/// §4.6: ssthresh = flight_size · 0.7 (not cwnd), at least 2; §4.7 fast convergence:
/// W_max = 90 · 1.7/2 = 76.5 packets on a second event below the first W_max.
#[test]
fn rfc_ssthresh_uses_flight_size_and_fast_convergence() {
    let mut cc = textbook();
    let mut st = CcState::new(100);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    assert_eq!(cc.ssthresh(&st, 80), 56);
    assert_eq!(rfc(&cc).w_max, Some(100 * ONE));
    assert_eq!(rfc(&cc).cwnd_prior, 100 * ONE);
    st.cwnd = 90;
    assert_eq!(cc.ssthresh(&st, 90), 63);
    assert_eq!(rfc(&cc).w_max, Some(76 * ONE + ONE / 2));
    assert_eq!(cc.ssthresh(&st, 1), 2);
}

/// §4.2: K = ∛((100 − 70)/0.4) = ∛75 s = 4.217163 s (4.217163³ = 74.99995, 4.217164³ =
/// 75.00001).
#[test]
fn rfc_k() {
    let mut cc = textbook();
    let mut st = CcState::new(10);
    let t = after_loss(&mut cc, &mut st, 100, 100 * MS);
    assert_eq!(st.cwnd, 70);
    cc.cong_avoid(&mut st, &ack(t, 100, 170, 1, 100 * MS));
    let e = rfc(&cc).epoch.expect("epoch");
    assert_eq!(e.k_us, 4_217_163);
    assert_eq!(rfc(&cc).w_est, 70 * ONE + ONE * 9 / 17 / 70);
}

/// The RFC curve after the same loss: cwnd tracks max(W_cubic(t), W_est(t)). W_cubic as in
/// `linux_window_follows_the_cubic_curve`; W_est (§4.3) grows 9/17 per RTT from 70 and
/// reaches cwnd_prior = 100 after 30·17/9 = 56.7 RTTs (5.67 s), then 1 per RTT: 103.3,
/// 113.3, 123.3 at 6, 7, 8 s — above the curve, so from 6 s on the RFC sender is in the
/// Reno-friendly region where Linux (whose estimate keeps growing 8/15 per RTT) is not.
#[test]
fn rfc_window_follows_the_cubic_curve() {
    let mut cc = textbook();
    let mut st = CcState::new(10);
    let start = after_loss(&mut cc, &mut st, 100, 100 * MS);
    let mut una = 100;
    let mut t = start;
    let mut per_second = [0u32; 9];
    per_second[0] = st.cwnd;
    for slot in per_second.iter_mut().skip(1) {
        for _ in 0..10 {
            t = round(&mut cc, &mut st, &mut una, t, 100 * MS, 1);
        }
        *slot = st.cwnd;
    }
    let expected = [7000, 8669, 9564, 9928, 9999, 10019, 10333, 11333, 12333];
    for (s, (&got, &w)) in per_second.iter().zip(expected.iter()).enumerate().skip(1) {
        let got = i64::from(got) * 100;
        assert!(
            (got - w).abs() <= 250,
            "t = {s} s: cwnd {got} vs expected {w} (/100)"
        );
    }
    let growth: [u32; 8] = core::array::from_fn(|i| per_second[i + 1] - per_second[i]);
    assert!(growth[0] > growth[1] && growth[1] > growth[2] && growth[2] >= growth[3]);
    assert!(growth[4] < growth[5] && growth[5] < growth[6], "{growth:?}");
    let w_est = rfc(&cc).w_est;
    assert!(w_est / ONE >= 122, "W_est {}", w_est / ONE);
}

/// §4.3 at a small window and 10 ms RTT: cwnd = W_est, growing α = 9/17 per RTT from 7
/// until it reaches cwnd_prior = 10 (after ~6 RTTs), then 1 per RTT like Reno: about
/// 10 + 14 = 24 after 20 RTTs, while W_cubic(0.2 s) = 10 − 0.4·1.76³ = 7.8.
#[test]
fn rfc_reno_friendly_region() {
    let mut cc = textbook();
    let mut st = CcState::new(10);
    let mut t = after_loss(&mut cc, &mut st, 10, 10 * MS);
    assert_eq!(st.cwnd, 7);
    let mut una = 10;
    for _ in 0..5 {
        t = round(&mut cc, &mut st, &mut una, t, 10 * MS, 1);
    }
    assert_eq!(st.cwnd, 9); // 7 + 5·9/17 = 9.6 (a little less: whole-packet flights)
    for _ in 0..15 {
        t = round(&mut cc, &mut st, &mut una, t, 10 * MS, 1);
    }
    assert!((23..=25).contains(&st.cwnd), "cwnd {}", st.cwnd);
}

/// RFC 9438 has no HyStart here: a rising RTT does not end slow start.
#[test]
fn rfc_no_hystart() {
    let mut cc = textbook();
    let mut st = CcState::new(16);
    cc.init(&mut st, Instant::from_micros(T0), 0);
    let mut una = 0;
    let mut t = T0;
    for r in 0..4u64 {
        t = round(&mut cc, &mut st, &mut una, t, (100 + 30 * r) * MS, 1);
    }
    assert_eq!(st.ssthresh, super::super::TCP_INFINITE_SSTHRESH);
    assert_eq!(st.cwnd, 256);
}

/// §5.8: an idle period moves t_epoch; §4.9.2: undo restores the state and the window.
#[test]
fn rfc_idle_shift_and_undo() {
    let mut cc = textbook();
    let mut st = CcState::new(10);
    let mut t = after_loss(&mut cc, &mut st, 100, 100 * MS);
    let mut una = 100;
    for _ in 0..5 {
        t = round(&mut cc, &mut st, &mut una, t, 100 * MS, 1);
    }
    let e = rfc(&cc).epoch.expect("epoch");
    cc.cwnd_event(
        &st,
        Instant::from_micros(t + 3_000 * MS),
        CaEvent::TxStart {
            lsndtime: Instant::from_micros(t),
        },
    );
    assert_eq!(
        rfc(&cc).epoch.expect("epoch").start.micros(),
        e.start.micros() + 3_000 * MS
    );

    // A spurious reduction at cwnd W: undo brings back W and the epoch.
    let before = rfc(&cc).clone();
    let w = st.cwnd;
    st.ssthresh = cc.ssthresh(&st, w);
    st.cwnd = st.ssthresh;
    assert_eq!(cc.undo_cwnd(&st), w);
    assert_eq!(rfc(&cc).epoch, before.epoch);
    assert_eq!(rfc(&cc).w_max, before.w_max);
}
