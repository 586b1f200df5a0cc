//! CUBIC. `Flavor::Linux` is net/ipv4/tcp_cubic.c (Linux 6.18) line by line, with its
//! integer arithmetic, jiffies and HyStart; `Flavor::Textbook` is RFC 9438 (see
//! `cubic_rfc.rs`).
//!
//! Linux's curve, in its units: time in 1/1024 s (`BICTCP_HZ`), `C = bic_scale/1024 = 41/1024`
//! folded into `cube_rtt_scale = 410` and `cube_factor = 2^40 / 410`, so that
//! `bic_target = origin ± 410·|t − K|³ / 2^40` with `K = cbrt(cube_factor · (W_max − cwnd))`,
//! which is `W(t) = C·(t − K)³ + W_max` with C = 410/1024 ≈ 0.4 per second³. `t` is taken one
//! `delay_min` ahead (the window wanted one RTT from now), and cwnd moves towards the target
//! by `+1` every `cnt = cwnd / (target − cwnd)` ACKed packets (`tcp_cong_avoid_ai`), at most
//! one per two packets (×1.5 per RTT).

use super::cubic_rfc::RfcCubic;
use super::hystart::{self, HyStart, Sample};
use super::{
    clock_us, cong_avoid_ai, duration_us, slow_start, AckCtx, CaEvent, CaState, CcState, Jiffies,
};
use crate::profile::Flavor;
use crate::time::Instant;
use core::time::Duration;

/// `BICTCP_BETA_SCALE`: beta is in 1/1024.
const BICTCP_BETA_SCALE: u32 = 1024;
/// `BICTCP_HZ`: the curve's time unit is 2^-10 s.
const BICTCP_HZ: u32 = 10;
/// `beta`: 717/1024 ≈ 0.7, the multiplicative decrease.
const BETA: u32 = 717;
/// `bic_scale`: C = 41/1024 (× 10 in `cube_rtt_scale`).
const BIC_SCALE: u32 = 41;
/// `beta_scale` (`cubictcp_register`): 8·(1024 + 717) / 3 / (1024 − 717) = 15, so the
/// Reno-friendly estimate grows by one per `15·cwnd/8` ACKed packets: 8/15 ≈ 0.53 per RTT,
/// RFC 9438's `3(1−β)/(1+β)`.
const BETA_SCALE: u32 = 8 * (BICTCP_BETA_SCALE + BETA) / 3 / (BICTCP_BETA_SCALE - BETA);
/// `cube_rtt_scale`: `bic_scale · 10` = 1024·C/rtt with the fixed rtt of 100 ms.
const CUBE_RTT_SCALE: u32 = BIC_SCALE * 10;
/// `cube_factor`: 2^40 / (bic_scale · 10) = 2_681_735_677.
const CUBE_FACTOR: u64 = (1u64 << (10 + 3 * BICTCP_HZ)) / (BIC_SCALE as u64 * 10);

/// `cubic_root`: a table lookup on the top bits, then one Newton–Raphson step (average
/// error 0.195 %), exactly as the kernel computes it.
pub(crate) fn cubic_root(a: u64) -> u32 {
    // "cbrt(x) MSB values for x MSB values in [0..63]" (Willy Tarreau):
    // v = cbrt(x << 18) - 1, cbrt(x) = (v[x] + 10) >> 6.
    const V: [u8; 64] = [
        0, 54, 54, 54, 118, 118, 118, 118, 123, 129, 134, 138, 143, 147, 151, 156, 157, 161, 164,
        168, 170, 173, 176, 179, 181, 185, 187, 190, 192, 194, 197, 199, 200, 202, 204, 206, 209,
        211, 213, 215, 217, 219, 221, 222, 224, 225, 227, 229, 231, 232, 234, 236, 237, 239, 240,
        242, 244, 245, 246, 248, 250, 251, 252, 254,
    ];
    let v = |i: u64| u32::from(V.get(i as usize).copied().unwrap_or(254));
    let b = 64 - a.leading_zeros(); // fls64
    if b < 7 {
        // a in [0..63]
        return (v(a) + 35) >> 6;
    }
    let b = ((b * 84) >> 8) - 1;
    let shift = a >> (b * 3);
    let mut x = ((v(shift) + 10) << b) >> 6;
    // x(k+1) = (2·x(k) + a / x(k)²) / 3, with x·(x−1) and ·341/1024 for the division by 3.
    let sq = u64::from(x) * u64::from(x.wrapping_sub(1));
    let q = a.checked_div(sq).unwrap_or(0) as u32;
    x = x.wrapping_mul(2).wrapping_add(q);
    ((u64::from(x) * 341) >> 10) as u32
}

/// CUBIC, by flavor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cubic {
    imp: Imp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Imp {
    Linux(Bictcp),
    Rfc(RfcCubic),
}

impl Cubic {
    pub(crate) fn new(flavor: Flavor, tick: Duration) -> Self {
        let imp = match flavor {
            Flavor::Linux => Imp::Linux(Bictcp::new(Jiffies::new(tick))),
            Flavor::Textbook => Imp::Rfc(RfcCubic::new()),
        };
        Cubic { imp }
    }

    pub(crate) fn init(&mut self, _st: &mut CcState, now: Instant, snd_nxt: u32) {
        match &mut self.imp {
            // cubictcp_init: bictcp_reset, then bictcp_hystart_reset (hystart=1; with
            // hystart on, initial_ssthresh is not applied).
            Imp::Linux(ca) => {
                ca.reset();
                ca.hystart.reset(clock_us(now), snd_nxt);
            }
            Imp::Rfc(r) => *r = RfcCubic::new(),
        }
    }

    pub(crate) fn ssthresh(&mut self, st: &CcState, in_flight: u32) -> u32 {
        match &mut self.imp {
            Imp::Linux(ca) => ca.recalc_ssthresh(st),
            Imp::Rfc(r) => r.ssthresh(st, in_flight),
        }
    }

    pub(crate) fn cong_avoid(&mut self, st: &mut CcState, ack: &AckCtx) {
        match &mut self.imp {
            Imp::Linux(ca) => ca.cong_avoid(st, ack),
            Imp::Rfc(r) => r.cong_avoid(st, ack),
        }
    }

    pub(crate) fn pkts_acked(&mut self, st: &mut CcState, ack: &AckCtx) {
        match &mut self.imp {
            Imp::Linux(ca) => ca.acked(st, ack),
            Imp::Rfc(_) => {}
        }
    }

    pub(crate) fn set_state(&mut self, _st: &CcState, new: CaState, now: Instant, snd_nxt: u32) {
        if new != CaState::Loss {
            return;
        }
        match &mut self.imp {
            // cubictcp_state: on TCP_CA_Loss, bictcp_reset and bictcp_hystart_reset.
            Imp::Linux(ca) => {
                ca.reset();
                ca.hystart.reset(clock_us(now), snd_nxt);
            }
            Imp::Rfc(r) => r.on_timeout(),
        }
    }

    pub(crate) fn cwnd_event(&mut self, _st: &CcState, now: Instant, ev: CaEvent) {
        let CaEvent::TxStart { lsndtime } = ev else {
            return;
        };
        match &mut self.imp {
            Imp::Linux(ca) => ca.tx_start(now, lsndtime),
            Imp::Rfc(r) => r.tx_start(now, lsndtime),
        }
    }

    pub(crate) fn undo_cwnd(&mut self, st: &CcState) -> u32 {
        match &mut self.imp {
            // cubictcp uses tcp_reno_undo_cwnd.
            Imp::Linux(_) => st.cwnd.max(st.prior_cwnd),
            Imp::Rfc(r) => r.undo_cwnd(st),
        }
    }

    #[cfg(test)]
    pub(crate) fn linux(&self) -> Option<&Bictcp> {
        match &self.imp {
            Imp::Linux(ca) => Some(ca),
            Imp::Rfc(_) => None,
        }
    }

    #[cfg(test)]
    pub(crate) fn rfc(&self) -> Option<&RfcCubic> {
        match &self.imp {
            Imp::Rfc(r) => Some(r),
            Imp::Linux(_) => None,
        }
    }
}

/// `struct bictcp`: Linux CUBIC's private state. Times are jiffies except HyStart's (µs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bictcp {
    /// `cnt`: increase cwnd by 1 after this many ACKed packets.
    pub(crate) cnt: u32,
    /// `last_max_cwnd`: W_max, the window before the last reduction (0: none yet).
    pub(crate) last_max_cwnd: u32,
    /// `last_cwnd`, `last_time`: cwnd and jiffies of the last full update.
    pub(crate) last_cwnd: u32,
    pub(crate) last_time: u32,
    /// `bic_origin_point`: the curve's plateau (W_max, or cwnd when above it).
    pub(crate) bic_origin_point: u32,
    /// `bic_K`: time from the epoch to the plateau, in 1/1024 s.
    pub(crate) bic_k: u32,
    /// `delay_min`: the smallest RTT sample, µs (0: none).
    pub(crate) delay_min: u32,
    /// `epoch_start`: jiffies when the current congestion-avoidance epoch began. Linux
    /// uses 0 for "none"; `None` here, so an epoch starting at jiffy 0 is still one.
    pub(crate) epoch_start: Option<u32>,
    /// `ack_cnt`: packets ACKed in this epoch, for the Reno-friendly estimate.
    pub(crate) ack_cnt: u32,
    /// `tcp_cwnd`: the Reno-friendly estimate of cwnd.
    pub(crate) tcp_cwnd: u32,
    pub(crate) hystart: HyStart,
    /// Which HyStart test ended slow start, if one did (not in Linux: for narration).
    pub(crate) hystart_exit: Option<hystart::Exit>,
    clock: Jiffies,
}

impl Bictcp {
    fn new(clock: Jiffies) -> Self {
        Bictcp {
            cnt: 0,
            last_max_cwnd: 0,
            last_cwnd: 0,
            last_time: 0,
            bic_origin_point: 0,
            bic_k: 0,
            delay_min: 0,
            epoch_start: None,
            ack_cnt: 0,
            tcp_cwnd: 0,
            hystart: HyStart::new(),
            hystart_exit: None,
            clock,
        }
    }

    /// `bictcp_reset`: zero everything up to `unused`, and `found`.
    fn reset(&mut self) {
        let (hystart, clock) = (self.hystart.clone(), self.clock);
        *self = Bictcp::new(clock);
        self.hystart = HyStart {
            found: false,
            ..hystart
        };
    }

    /// `cubictcp_cwnd_event(CA_EVENT_TX_START)`: "We were application limited (idle) for a
    /// while. Shift epoch_start to keep cwnd growth to cubic curve."
    fn tx_start(&mut self, now: Instant, lsndtime: Instant) {
        let now_j = self.clock.at(now);
        let delta = now_j.wrapping_sub(self.clock.at(lsndtime)) as i32;
        if let Some(epoch) = self.epoch_start {
            if delta > 0 {
                let mut e = epoch.wrapping_add(delta as u32);
                // if (after(ca->epoch_start, now)) ca->epoch_start = now;
                if (e.wrapping_sub(now_j) as i32) > 0 {
                    e = now_j;
                }
                self.epoch_start = Some(e);
            }
        }
    }

    /// `bictcp_update`: compute `cnt` for this ACK.
    fn update(&mut self, cwnd: u32, acked: u32, now_j: u32) {
        let hz = self.clock.hz();
        self.ack_cnt = self.ack_cnt.wrapping_add(acked); // count the number of ACKed packets
        if self.last_cwnd == cwnd && (now_j.wrapping_sub(self.last_time) as i32) <= (hz / 32) as i32
        {
            return;
        }
        // "The CUBIC function can update ca->cnt at most once per jiffy."
        if !(self.epoch_start.is_some() && now_j == self.last_time) {
            self.update_cubic(cwnd, acked, now_j, hz);
        }
        // tcp_friendliness: the window Reno would have (RFC 9438 §4.3's W_est).
        let delta = cwnd.wrapping_mul(BETA_SCALE) >> 3;
        if delta > 0 && self.ack_cnt > delta {
            // while (ca->ack_cnt > delta) { ca->ack_cnt -= delta; ca->tcp_cwnd++; }
            let n = (self.ack_cnt - 1) / delta;
            self.ack_cnt -= n * delta;
            self.tcp_cwnd = self.tcp_cwnd.wrapping_add(n);
        }
        if self.tcp_cwnd > cwnd {
            // "if bic is slower than tcp"
            let max_cnt = cwnd / (self.tcp_cwnd - cwnd);
            if self.cnt > max_cnt {
                self.cnt = max_cnt;
            }
        }
        // "The maximum rate of cwnd increase CUBIC allows is 1 packet per 2 packets ACKed,
        // meaning cwnd grows at 1.5x per RTT."
        self.cnt = self.cnt.max(2);
    }

    fn update_cubic(&mut self, cwnd: u32, acked: u32, now_j: u32, hz: u32) {
        self.last_cwnd = cwnd;
        self.last_time = now_j;
        let epoch = match self.epoch_start {
            Some(e) => e,
            None => {
                self.epoch_start = Some(now_j); // record beginning
                self.ack_cnt = acked; // start counting
                self.tcp_cwnd = cwnd; // syn with cubic
                if self.last_max_cwnd <= cwnd {
                    self.bic_k = 0;
                    self.bic_origin_point = cwnd;
                } else {
                    // K = cbrt((W_max − cwnd) · rtt / C) in 1/1024 s
                    let gap = u64::from(self.last_max_cwnd - cwnd);
                    self.bic_k = cubic_root(CUBE_FACTOR.wrapping_mul(gap));
                    self.bic_origin_point = self.last_max_cwnd;
                }
                now_j
            }
        };
        // t = (s32)(tcp_jiffies32 - ca->epoch_start) + usecs_to_jiffies(ca->delay_min),
        // then from jiffies to 1/1024 s.
        let mut t = i64::from(now_j.wrapping_sub(epoch) as i32) as u64;
        t = t.wrapping_add(u64::from(self.clock.usecs_to_jiffies(self.delay_min)));
        t = (t << BICTCP_HZ) / u64::from(hz);
        let k = u64::from(self.bic_k);
        let offs = k.abs_diff(t);
        // c/rtt * (t-K)^3
        let delta = (u64::from(CUBE_RTT_SCALE)
            .wrapping_mul(offs)
            .wrapping_mul(offs)
            .wrapping_mul(offs)
            >> (10 + 3 * BICTCP_HZ)) as u32;
        let bic_target = if t < k {
            self.bic_origin_point.wrapping_sub(delta) // below origin
        } else {
            self.bic_origin_point.wrapping_add(delta) // above origin
        };
        self.cnt = if bic_target > cwnd {
            cwnd / (bic_target - cwnd)
        } else {
            cwnd.wrapping_mul(100) // very small increment
        };
        // "The initial growth of cubic function may be too conservative when the available
        // bandwidth is still unknown": 5 % per RTT at least.
        if self.last_max_cwnd == 0 && self.cnt > 20 {
            self.cnt = 20;
        }
    }

    /// `cubictcp_cong_avoid`.
    fn cong_avoid(&mut self, st: &mut CcState, ack: &AckCtx) {
        if !ack.cwnd_limited {
            return;
        }
        let mut acked = ack.acked;
        if st.in_slow_start() {
            acked = slow_start(st, acked);
            if acked == 0 {
                return;
            }
        }
        self.update(st.cwnd, acked, self.clock.at(ack.now));
        cong_avoid_ai(st, self.cnt, acked);
    }

    /// `cubictcp_recalc_ssthresh`: end the epoch, remember W_max (lowered by fast
    /// convergence when the window shrank since the last loss), cwnd · 717/1024.
    fn recalc_ssthresh(&mut self, st: &CcState) -> u32 {
        self.epoch_start = None; // end of epoch
                                 // Wmax and fast convergence
        self.last_max_cwnd = if st.cwnd < self.last_max_cwnd {
            st.cwnd.wrapping_mul(BICTCP_BETA_SCALE + BETA) / (2 * BICTCP_BETA_SCALE)
        } else {
            st.cwnd
        };
        (st.cwnd.wrapping_mul(BETA) / BICTCP_BETA_SCALE).max(2)
    }

    /// `cubictcp_acked` (the `.pkts_acked` op): delay samples and HyStart.
    fn acked(&mut self, st: &mut CcState, ack: &AckCtx) {
        // "Some calls are for duplicates without timestamps"
        let Some(rtt) = ack.rtt else {
            return;
        };
        let now_j = self.clock.at(ack.now);
        // "Discard delay samples right after fast recovery"
        if let Some(epoch) = self.epoch_start {
            if (now_j.wrapping_sub(epoch) as i32) < self.clock.hz() as i32 {
                return;
            }
        }
        let delay = duration_us(rtt).max(1);
        // "first time call or link delay decreases"
        if self.delay_min == 0 || self.delay_min > delay {
            self.delay_min = delay;
        }
        if !self.hystart.found && st.in_slow_start() {
            let sample = Sample {
                now_us: clock_us(ack.now),
                snd_una: ack.ack,
                snd_nxt: ack.snd_nxt,
                delay,
                delay_min: self.delay_min,
                ack_delay: hystart::ack_delay(
                    st,
                    ack.mss,
                    ack.in_flight,
                    ack.srtt.map(duration_us),
                ),
            };
            if let Some(exit) = self.hystart.update(st, &sample) {
                self.hystart_exit = Some(exit);
            }
        }
    }
}

#[cfg(test)]
#[path = "cubic_tests.rs"]
mod tests;
