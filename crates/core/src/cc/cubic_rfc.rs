//! CUBIC as RFC 9438 writes it (the textbook flavor), in fixed point: windows in 1/65536
//! packet, time in µs, no floats. Slow start is RFC 5681's (one packet per ACK); no
//! HyStart.
//!
//! - §4.2: `W_cubic(t) = C·(t − K)³ + W_max`, C = 0.4, `K = cbrt((W_max − cwnd_epoch)/C)`;
//!   `target = W_cubic(t + RTT)` bounded to `[cwnd, 1.5·cwnd]`.
//! - §4.3: `W_est = cwnd_epoch` at the epoch, then `+= α_cubic · segments_acked / cwnd` per
//!   new ACK, `α_cubic = 3(1 − β)/(1 + β) = 9/17`, 1 once `W_est ≥ cwnd_prior`; while
//!   `W_cubic(t) < W_est`, cwnd = W_est (the Reno-friendly region).
//! - §4.4/§4.5: otherwise `cwnd += (target − cwnd)/cwnd` per new ACK (concave below W_max,
//!   convex above).
//! - §4.6: `ssthresh = max(flight_size · β_cubic, 2)`, β_cubic = 0.7; §4.7 fast convergence:
//!   `W_max = cwnd·(1 + β)/2` if cwnd < W_max.
//! - §4.8: after a timeout the first epoch has K = 0 and W_max = cwnd_epoch.
//! - §4.9.2: undo restores W_max, K, t_epoch, W_est and cwnd_prior.
//! - §5.8: t excludes idle periods (the epoch moves by the idle time on TX start).

use super::{AckCtx, CcState};
use crate::time::Instant;

/// One packet in fixed point.
pub(crate) const ONE: u64 = 1 << 16;
/// C = 0.4 = 2/5 segments per second³; one second is 10^6 µs.
const C_NUM: i128 = 2;
const C_DEN: i128 = 5 * 1_000_000_000_000_000_000; // 5 · (10^6 µs)^3
/// β_cubic = 0.7.
const BETA_NUM: u64 = 7;
const BETA_DEN: u64 = 10;
/// α_cubic = 3·(1 − 0.7)/(1 + 0.7) = 9/17.
const ALPHA_NUM: u64 = 9;
const ALPHA_DEN: u64 = 17;
/// |t − K| is bounded to 10^4 s so that C·(t − K)³ fits in i128.
const MAX_DT_US: i128 = 10_000_000_000;

/// The current congestion-avoidance stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Epoch {
    /// t_epoch.
    pub(crate) start: Instant,
    /// K in µs (negative when cwnd_epoch > W_max: the curve's plateau is in the past).
    pub(crate) k_us: i64,
}

/// What §4.9.2 restores when a reduction proves spurious.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Undo {
    w_max: Option<u64>,
    cwnd_prior: u64,
    epoch: Option<Epoch>,
    w_est: u64,
}

/// RFC 9438 state (§4.1 names), windows in 1/65536 packet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RfcCubic {
    pub(crate) w_max: Option<u64>,
    pub(crate) cwnd_prior: u64,
    pub(crate) w_est: u64,
    pub(crate) epoch: Option<Epoch>,
    /// §4.8: the next epoch is the first after a timeout.
    after_timeout: bool,
    undo: Option<Undo>,
}

/// ⌊∛x⌋ by bisection.
pub(crate) fn icbrt(x: u128) -> u128 {
    let (mut lo, mut hi) = (0u128, 1u128 << 43); // (2^43)^3 > 2^128
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if mid
            .checked_mul(mid)
            .and_then(|m| m.checked_mul(mid))
            .is_some_and(|c| c <= x)
        {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

impl RfcCubic {
    pub(crate) fn new() -> Self {
        RfcCubic {
            w_max: None,
            cwnd_prior: 0,
            w_est: 0,
            epoch: None,
            after_timeout: false,
            undo: None,
        }
    }

    fn cwnd_fp(st: &CcState) -> u64 {
        u64::from(st.cwnd) * ONE + u64::from(st.cwnd_cnt).min(ONE - 1)
    }

    /// §4.2 equation (1), in 1/65536 packet, at `t_us` after the epoch.
    pub(crate) fn w_cubic(&self, epoch: &Epoch, w_max: u64, t_us: i64) -> i128 {
        let d = (i128::from(t_us) - i128::from(epoch.k_us)).clamp(-MAX_DT_US, MAX_DT_US);
        i128::from(w_max) + d * d * d * C_NUM * i128::from(ONE) / C_DEN
    }

    /// §4.2 equation (2): K = ∛((W_max − cwnd_epoch)/C), in µs.
    pub(crate) fn k_us(w_max: u64, cwnd_epoch: u64) -> i64 {
        let gap = i128::from(w_max) - i128::from(cwnd_epoch);
        // (gap / ONE packets) / 0.4 in s³ → · 10^18 µs³: gap · 5·10^18 / (2·ONE)
        let cube = gap.unsigned_abs() * (C_DEN as u128) / (C_NUM as u128 * u128::from(ONE));
        let k = i64::try_from(icbrt(cube)).unwrap_or(i64::MAX);
        if gap < 0 {
            -k
        } else {
            k
        }
    }

    fn start_epoch(&mut self, now: Instant, cwnd: u64) {
        let k_us = match self.w_max {
            // §4.8 (first epoch after a timeout) and §4.10 (slow start left without a
            // congestion event, W_max undefined): K = 0, W_max = cwnd_epoch.
            Some(w) if !self.after_timeout => Self::k_us(w, cwnd),
            _ => {
                if self.w_max.is_none() {
                    self.cwnd_prior = cwnd;
                }
                self.w_max = Some(cwnd);
                0
            }
        };
        self.after_timeout = false;
        self.w_est = cwnd; // §4.3: "W_est is set equal to cwnd_epoch"
        self.epoch = Some(Epoch { start: now, k_us });
    }

    pub(crate) fn cong_avoid(&mut self, st: &mut CcState, ack: &AckCtx) {
        if !ack.cwnd_limited || ack.acked == 0 {
            return;
        }
        if st.in_slow_start() {
            // §4.10 → RFC 5681 §3.1 slow start: cwnd += min(N, SMSS).
            st.cwnd = st.cwnd.saturating_add(1).min(st.cwnd_clamp);
            return;
        }
        let cwnd = Self::cwnd_fp(st).max(1);
        if self.epoch.is_none() {
            self.start_epoch(ack.now, cwnd);
        }
        let (Some(epoch), Some(w_max)) = (self.epoch, self.w_max) else {
            return;
        };
        let t = i64::try_from(ack.now.micros().saturating_sub(epoch.start.micros()))
            .unwrap_or(i64::MAX);
        let rtt = ack.srtt.or(ack.min_rtt).or(ack.rtt).unwrap_or_default();
        let rtt = i64::try_from(crate::time::micros(rtt)).unwrap_or(i64::MAX);
        let w_t = self.w_cubic(&epoch, w_max, t);
        // §4.2: target = W_cubic(t + RTT), at least cwnd, at most 1.5·cwnd.
        let target = self
            .w_cubic(&epoch, w_max, t.saturating_add(rtt))
            .clamp(i128::from(cwnd), i128::from(cwnd + cwnd / 2));
        // §4.3 equation (4), α_cubic = 1 once W_est has reached cwnd_prior.
        let (a_num, a_den) = if self.w_est >= self.cwnd_prior {
            (1, 1)
        } else {
            (ALPHA_NUM, ALPHA_DEN)
        };
        let inc = u128::from(a_num) * u128::from(ack.acked) * u128::from(ONE) * u128::from(ONE)
            / (u128::from(a_den) * u128::from(cwnd));
        self.w_est = self
            .w_est
            .saturating_add(u64::try_from(inc).unwrap_or(u64::MAX));
        let new = if w_t < i128::from(self.w_est) {
            // Reno-friendly region: "cwnd SHOULD be set to W_est" (never lowered here).
            cwnd.max(self.w_est)
        } else {
            // §4.4 / §4.5: cwnd += (target − cwnd)/cwnd per new ACK.
            let gap = u128::try_from(target - i128::from(cwnd)).unwrap_or(0);
            let step = gap * u128::from(ONE) / u128::from(cwnd);
            cwnd.saturating_add(u64::try_from(step).unwrap_or(u64::MAX))
        };
        let new = new.min(u64::from(st.cwnd_clamp) * ONE);
        st.cwnd = u32::try_from(new / ONE).unwrap_or(u32::MAX);
        st.cwnd_cnt = (new % ONE) as u32;
    }

    /// §4.6 and §4.7, on a congestion event (loss found by ACKs, or a timeout).
    pub(crate) fn ssthresh(&mut self, st: &CcState, in_flight: u32) -> u32 {
        let cwnd = Self::cwnd_fp(st);
        self.undo = Some(Undo {
            w_max: self.w_max,
            cwnd_prior: self.cwnd_prior,
            epoch: self.epoch,
            w_est: self.w_est,
        });
        self.epoch = None;
        // §4.7: "W_max = cwnd * (1 + β_cubic) / 2" if cwnd < W_max (fast convergence).
        self.w_max = Some(match self.w_max {
            Some(w) if cwnd < w => cwnd * (BETA_DEN + BETA_NUM) / (2 * BETA_DEN),
            _ => cwnd,
        });
        self.cwnd_prior = cwnd;
        // §4.6: ssthresh = flight_size · β_cubic, at least 2.
        let ss = u64::from(in_flight) * BETA_NUM / BETA_DEN;
        u32::try_from(ss).unwrap_or(u32::MAX).max(2)
    }

    /// §4.8: the RTO's ssthresh came from `ssthresh()`; the next epoch restarts the curve.
    pub(crate) fn on_timeout(&mut self) {
        self.after_timeout = true;
        self.epoch = None;
    }

    /// §5.8: "t ... MUST NOT include periods during which cwnd has not been updated due to
    /// application-limited behavior": move t_epoch by the idle time.
    pub(crate) fn tx_start(&mut self, now: Instant, lsndtime: Instant) {
        if let Some(e) = self.epoch.as_mut() {
            let idle = now.micros().saturating_sub(lsndtime.micros());
            let start = e.start.micros().saturating_add(idle).min(now.micros());
            e.start = Instant::from_micros(start);
        }
    }

    /// §4.9.2: if cwnd is below cwnd_prior, restore the state saved at the spurious event
    /// and return to the window before it; otherwise keep going.
    pub(crate) fn undo_cwnd(&mut self, st: &CcState) -> u32 {
        let prior = u32::try_from(self.cwnd_prior / ONE).unwrap_or(u32::MAX);
        if st.cwnd >= prior {
            return st.cwnd;
        }
        if let Some(u) = self.undo.take() {
            self.w_max = u.w_max;
            self.cwnd_prior = u.cwnd_prior;
            self.epoch = u.epoch;
            self.w_est = u.w_est;
        }
        prior
    }
}
