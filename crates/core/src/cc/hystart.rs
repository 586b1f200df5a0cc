//! HyStart, Linux's hybrid slow start (net/ipv4/tcp_cubic.c: `bictcp_hystart_reset`,
//! `hystart_update`, `hystart_ack_delay`), with the default module parameters
//! `hystart=1`, `hystart_detect=3` (ACK train and delay), `hystart_low_window=16`,
//! `hystart_ack_delta_us=2000`.
//!
//! Slow start ends (ssthresh = cwnd) without a loss when, within one round (from the ACK
//! that passes `end_seq`, the SND.NXT of the round's start):
//! - **ACK train**: ACKs keep arriving at most 2 ms apart for longer than half the minimum
//!   delay (plus a pacing cushion) since the round began: the flight fills the path;
//! - **delay**: after 8 RTT samples, the round's smallest RTT exceeds the minimum by more
//!   than `clamp(delay_min / 8, 4 ms, 16 ms)`: a queue is building.

use super::CcState;
use crate::seq::seq_gt;

/// `HYSTART_MIN_SAMPLES`: delay samples per round before the delay test.
pub(crate) const HYSTART_MIN_SAMPLES: u8 = 8;
/// `HYSTART_DELAY_MIN` / `HYSTART_DELAY_MAX`, in µs.
pub(crate) const HYSTART_DELAY_MIN: u32 = 4000;
pub(crate) const HYSTART_DELAY_MAX: u32 = 16000;
/// `hystart_low_window`: no detection below 16 packets.
pub(crate) const HYSTART_LOW_WINDOW: u32 = 16;
/// `hystart_ack_delta_us`: ACKs at most this far apart form a train.
pub(crate) const HYSTART_ACK_DELTA_US: u32 = 2000;
/// `sk_gso_max_size` for `hystart_ack_delay` (a 64 KiB GSO limit; the cushion only drops
/// below its 1 ms cap above ~260 MB/s).
const GSO_MAX_SIZE: u64 = 65536;

/// `HYSTART_DELAY_THRESH(x)`: `clamp(x, 4 ms, 16 ms)`.
pub(crate) fn delay_thresh(x: u32) -> u32 {
    x.clamp(HYSTART_DELAY_MIN, HYSTART_DELAY_MAX)
}

/// HyStart's fields of `struct bictcp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HyStart {
    /// `found`: the exit point was found; no more detection until reset on Loss.
    pub(crate) found: bool,
    /// `sample_cnt`: delay samples taken this round.
    pub(crate) sample_cnt: u8,
    /// `round_start`: µs when the round began.
    pub(crate) round_start: u32,
    /// `end_seq`: SND.NXT when the round began; the round ends when SND.UNA passes it.
    pub(crate) end_seq: u32,
    /// `last_ack`: µs of the last ACK of the current train.
    pub(crate) last_ack: u32,
    /// `curr_rtt`: the smallest RTT of this round (µs), `~0` before a sample.
    pub(crate) curr_rtt: u32,
}

/// Which test ended slow start (for tests and narration).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    AckTrain,
    Delay,
}

/// The inputs of one `hystart_update` call.
pub(crate) struct Sample {
    /// `tcp_mstamp` as u32 µs.
    pub(crate) now_us: u32,
    /// SND.UNA after this ACK.
    pub(crate) snd_una: u32,
    /// SND.NXT now.
    pub(crate) snd_nxt: u32,
    /// This ACK's RTT (µs, at least 1).
    pub(crate) delay: u32,
    /// CUBIC's `delay_min` (µs), already updated with `delay`.
    pub(crate) delay_min: u32,
    /// `hystart_ack_delay(sk)` (µs).
    pub(crate) ack_delay: u32,
}

impl HyStart {
    pub(crate) fn new() -> Self {
        HyStart {
            found: false,
            sample_cnt: 0,
            round_start: 0,
            end_seq: 0,
            last_ack: 0,
            curr_rtt: u32::MAX,
        }
    }

    /// `bictcp_hystart_reset`: a new round starts now and ends when `snd_nxt` is acked.
    pub(crate) fn reset(&mut self, now_us: u32, snd_nxt: u32) {
        self.round_start = now_us;
        self.last_ack = now_us;
        self.end_seq = snd_nxt;
        self.curr_rtt = u32::MAX;
        self.sample_cnt = 0;
    }

    /// `hystart_update` (Linux ≥ 6.15 order: the round is reset before the low-window
    /// test). Sets `st.ssthresh = st.cwnd` and returns the test that fired, if any.
    pub(crate) fn update(&mut self, st: &mut CcState, s: &Sample) -> Option<Exit> {
        if seq_gt(s.snd_una, self.end_seq) {
            self.reset(s.now_us, s.snd_nxt);
        }
        // "hystart triggers when cwnd is larger than some threshold"
        if st.cwnd < HYSTART_LOW_WINDOW {
            return None;
        }
        let mut exit = None;
        // HYSTART_ACK_TRAIN: "first detection parameter - ack-train detection"
        if (s.now_us.wrapping_sub(self.last_ack) as i32) <= HYSTART_ACK_DELTA_US as i32 {
            self.last_ack = s.now_us;
            // sk_pacing_status == SK_PACING_NONE (no fq, not BBR): half the delay.
            let threshold = s.delay_min.saturating_add(s.ack_delay) >> 1;
            if (s.now_us.wrapping_sub(self.round_start) as i32) > threshold as i32 {
                self.found = true;
                st.ssthresh = st.cwnd;
                exit = Some(Exit::AckTrain);
            }
        }
        // HYSTART_DELAY: "obtain the minimum delay of more than sampling packets"
        if self.curr_rtt > s.delay {
            self.curr_rtt = s.delay;
        }
        if self.sample_cnt < HYSTART_MIN_SAMPLES {
            self.sample_cnt += 1;
        } else if self.curr_rtt > s.delay_min.saturating_add(delay_thresh(s.delay_min >> 3)) {
            self.found = true;
            st.ssthresh = st.cwnd;
            exit = exit.or(Some(Exit::Delay));
        }
        exit
    }
}

/// `hystart_ack_delay`: a cushion for TSO/GRO, `min(1 ms, gso_max_size·4 s / pacing_rate)`,
/// with `sk_pacing_rate` as `tcp_update_pacing_rate` sets it on the previous ACK:
/// `mss · max(cwnd, packets_out) / srtt`, times 2 in slow start below ssthresh/2
/// (`tcp_pacing_ss_ratio` 200 %), else 1.2 (`tcp_pacing_ca_ratio`). No SRTT yet: rate 0,
/// cushion 0.
pub(crate) fn ack_delay(st: &CcState, mss: u32, in_flight: u32, srtt_us: Option<u32>) -> u32 {
    let Some(srtt) = srtt_us.filter(|&s| s > 0) else {
        return 0;
    };
    let ratio: u64 = if st.cwnd < st.ssthresh / 2 { 200 } else { 120 };
    let pkts = u64::from(st.cwnd.max(in_flight));
    let rate = u64::from(mss)
        .saturating_mul(1_000_000 * ratio / 100)
        .saturating_mul(pkts)
        / u64::from(srtt);
    if rate == 0 {
        return 0;
    }
    let cushion = GSO_MAX_SIZE * 4 * 1_000_000 / rate;
    u32::try_from(cushion.min(1000)).unwrap_or(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_threshold_is_an_eighth_clamped_to_4_16_ms() {
        assert_eq!(delay_thresh(100_000 >> 3), 12_500);
        assert_eq!(delay_thresh(10_000 >> 3), 4_000);
        assert_eq!(delay_thresh(400_000 >> 3), 16_000);
    }

    /// At simulator rates the cushion is its 1 ms cap: cwnd 16 × 1448 B / 100 ms × 2 is
    /// 463 kB/s, and 65536·4 s / 463 kB/s is half a second.
    #[test]
    fn ack_delay_is_capped_at_1ms_and_shrinks_at_high_rates() {
        let st = CcState::new(16);
        assert_eq!(ack_delay(&st, 1448, 16, Some(100_000)), 1000);
        assert_eq!(ack_delay(&st, 1448, 16, None), 0);
        // 1000 packets in 100 µs: 2·1448·1000/1e-4 = 28.96 GB/s → 262144e6/28.96e9 = 9 µs.
        let st = CcState::new(1000);
        assert_eq!(ack_delay(&st, 1448, 1000, Some(100)), 9);
    }
}
