//! RACK, time-based loss detection (RFC 8985 §6), as Linux 6.18 runs it
//! (`net/ipv4/tcp_recovery.c`, `sysctl_tcp_recovery = 1`: RACK on, the dupthresh shortcut on,
//! the reordering window adaptive).
//!
//! A segment is lost when a segment sent after it has been delivered (acked or SACKed) and
//! more than `RACK.rtt + reo_wnd` has passed since it was sent.

use super::scoreboard::Scoreboard;
use crate::seq::seq_gt;
use crate::time::Instant;
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// `TCP_RACK_RECOVERY_THRESH`: recoveries a widened reordering window persists for.
pub const RACK_RECOVERY_THRESH: u8 = 16;
/// `TCP_TIMEOUT_MIN_US`: slack added to the REO timer (and to the TLP timeout).
pub const TIMEOUT_MIN: Duration = Duration::from_millis(2);

/// RACK's state (`tp->rack` and `tp->rtt_min`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Rack {
    /// `rack.mstamp`: send time of the most recently sent delivered segment (RACK.xmit_ts).
    pub xmit_time: Option<Instant>,
    /// `rack.end_seq` (RACK.end_seq).
    pub end_seq: u32,
    /// `rack.rtt_us` (RACK.rtt).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rtt: Duration,
    /// `rack.advanced`: something was delivered since the last loss detection.
    pub advanced: bool,
    /// `rack.reo_wnd_steps` (RACK.reo_wnd_mult): the window in units of min_rtt/4.
    pub reo_wnd_steps: u8,
    /// `rack.reo_wnd_persist` (RACK.reo_wnd_persist).
    pub reo_wnd_persist: u8,
    /// `rack.dsack_seen` (RACK.dsack_round pending).
    pub dsack_seen: bool,
    /// `rack.last_delivered`: `tp->delivered` when the window last grew.
    pub last_delivered: u32,
    /// `tcp_min_rtt`: the smallest RTT sample (Linux filters over 300 s; a simulated
    /// connection is shorter, so this is the running minimum).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::OptNanos"))]
    pub min_rtt: Option<Duration>,
}

impl Default for Rack {
    fn default() -> Self {
        Rack::new()
    }
}

/// `tcp_rack_sent_after`: `(t1, seq1)` was sent after `(t2, seq2)`.
pub fn sent_after(t1: Instant, t2: Instant, seq1: u32, seq2: u32) -> bool {
    t1 > t2 || (t1 == t2 && seq_gt(seq1, seq2))
}

/// What a loss detection pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// Entries newly marked lost.
    pub newly_lost: u32,
    /// Retransmissions found lost again (`LINUX_MIB_TCPLOSTRETRANSMIT`).
    pub lost_retrans: u32,
    /// The longest remaining wait of a segment not yet deemed lost (RFC 8985 §6.2 step 5
    /// takes the maximum, as `tcp_rack_detect_loss` does); `None`: nothing pending.
    pub reo_wait: Option<Duration>,
}

impl Detection {
    /// The REO timer's delay as `tcp_rack_mark_lost` arms it:
    /// `usecs_to_jiffies(wait + TCP_TIMEOUT_MIN_US)`, rounded up to whole ticks.
    pub fn reo_timer(&self, tick: Duration) -> Option<Duration> {
        self.reo_wait
            .map(|w| round_up(w.saturating_add(TIMEOUT_MIN), tick))
    }
}

impl Rack {
    pub const fn new() -> Self {
        Rack {
            xmit_time: None,
            end_seq: 0,
            rtt: Duration::ZERO,
            advanced: false,
            reo_wnd_steps: 1,
            reo_wnd_persist: 0,
            dsack_seen: false,
            last_delivered: 0,
            min_rtt: None,
        }
    }

    /// Feed an RTT sample to the min-RTT filter (`tcp_update_rtt_min`, from `ca_rtt_us`).
    pub fn update_min_rtt(&mut self, sample: Duration) {
        // "rtt_us ? : jiffies_to_usecs(1)": a zero sample counts as one tick; 1 µs here.
        let s = sample.max(Duration::from_micros(1));
        self.min_rtt = Some(self.min_rtt.map_or(s, |m| m.min(s)));
    }

    /// RFC 8985 §6.2 step 2, `tcp_rack_advance` (Linux 6.18): a segment `(end_seq,
    /// xmit_time)` was delivered at `now`. A retransmitted one whose RTT is below min_rtt is
    /// ignored: the ACK may be for the original. RACK.rtt follows every accepted segment;
    /// RACK.xmit_ts and end_seq only move forward in send order.
    pub fn advance(&mut self, ever_retrans: bool, end_seq: u32, xmit_time: Instant, now: Instant) {
        let rtt = now.saturating_since(xmit_time);
        if ever_retrans && self.min_rtt.is_some_and(|m| rtt < m) {
            return;
        }
        self.advanced = true;
        self.rtt = rtt;
        let newer = match self.xmit_time {
            None => true,
            Some(t) => sent_after(xmit_time, t, end_seq, self.end_seq),
        };
        if newer {
            self.xmit_time = Some(xmit_time);
            self.end_seq = end_seq;
        }
    }

    /// RFC 8985 §6.2 step 4, `tcp_rack_reo_wnd`. Without reordering seen, the window is zero
    /// in recovery (`in_recovery`: CA state Recovery or Loss) and once `sacked_out` reached
    /// `reordering` (the dupthresh shortcut); otherwise `min_rtt/4 × reo_wnd_steps`, at most
    /// SRTT.
    pub fn reo_wnd(&self, sb: &Scoreboard, in_recovery: bool, srtt: Option<Duration>) -> Duration {
        if sb.reord_seen == 0 && (in_recovery || sb.sacked_out() >= sb.reordering) {
            return Duration::ZERO;
        }
        let srtt = srtt.unwrap_or(Duration::ZERO);
        match self.min_rtt {
            // tcp_min_rtt() is ~0U without a sample: the SRTT cap decides.
            None => srtt,
            Some(m) => (m / 4)
                .saturating_mul(u32::from(self.reo_wnd_steps))
                .min(srtt),
        }
    }

    /// RFC 8985 §6.2 step 5, `tcp_rack_detect_loss`: walk the entries in send order; an entry
    /// sent before RACK.xmit_ts is lost when `RACK.rtt + reo_wnd` has passed since it was
    /// sent (`remaining <= 0`). Entries marked lost and not retransmitted are skipped.
    pub fn detect_loss(
        &mut self,
        sb: &mut Scoreboard,
        now: Instant,
        reo_wnd: Duration,
    ) -> Detection {
        let mut out = Detection::default();
        let Some(rack_time) = self.xmit_time else {
            return out;
        };
        // Linux keeps a send-ordered list (tsorted_sent_queue); sort indices by send time.
        let mut order: alloc::vec::Vec<(Instant, u32, usize)> = sb
            .entries()
            .enumerate()
            .filter(|(_, e)| !e.sacked && (!e.lost || e.retrans_in_flight))
            .map(|(i, e)| (e.xmit_time, e.end.wrapping_sub(sb.snd_una()), i))
            .collect();
        order.sort_unstable();
        let window = self.rtt.saturating_add(reo_wnd);
        for (xmit, _, i) in order {
            let Some(e) = sb.get(i) else { continue };
            if !sent_after(rack_time, xmit, self.end_seq, e.end) {
                break;
            }
            let elapsed = now.saturating_since(xmit);
            if elapsed >= window {
                let was_retrans = e.lost && e.retrans_in_flight;
                if sb.mark_lost(i) {
                    out.newly_lost = out.newly_lost.saturating_add(1);
                }
                if was_retrans {
                    out.lost_retrans = out.lost_retrans.saturating_add(1);
                }
            } else {
                let remaining = window.saturating_sub(elapsed);
                out.reo_wait = Some(out.reo_wait.map_or(remaining, |w| w.max(remaining)));
            }
        }
        out
    }

    /// `tcp_rack_mark_lost`, run on every ACK (`tcp_identify_packet_loss`): only when RACK
    /// advanced since the last pass. Arm the REO timer with [`Detection::reo_timer`].
    pub fn mark_lost(
        &mut self,
        sb: &mut Scoreboard,
        now: Instant,
        in_recovery: bool,
        srtt: Option<Duration>,
    ) -> Detection {
        if !self.advanced {
            return Detection::default();
        }
        self.advanced = false;
        let reo_wnd = self.reo_wnd(sb, in_recovery, srtt);
        self.detect_loss(sb, now, reo_wnd)
    }

    /// The REO timer fired (`tcp_rack_reo_timeout`): detect again. If anything was newly
    /// marked, the caller enters recovery when not in it (`tcp_enter_recovery`, then
    /// `tcp_cwnd_reduction(sk, 1, 0)`) and runs the retransmission queue.
    pub fn reo_timeout(
        &mut self,
        sb: &mut Scoreboard,
        now: Instant,
        in_recovery: bool,
        srtt: Option<Duration>,
    ) -> Detection {
        let reo_wnd = self.reo_wnd(sb, in_recovery, srtt);
        self.detect_loss(sb, now, reo_wnd)
    }

    /// A D-SACK arrived (`tcp_dsack_seen`): RACK widens its window at the next update, unless
    /// no reordering was ever seen or the D-SACK answers a loss probe.
    pub fn on_dsack(&mut self, reord_seen: bool, tlp: bool) {
        if reord_seen && !tlp {
            self.dsack_seen = true;
        }
    }

    /// RFC 8985 §6.2 step 4 / `tcp_rack_update_reo_wnd`, once per ACK: `prior_delivered` is
    /// `tp->delivered` when the most recently sent delivered segment was sent (its
    /// `tx_delivered`), `delivered` is `tp->delivered` now. A pending D-SACK widens the window
    /// by one step (at most once per round trip) and makes it persist for 16 recoveries; with
    /// no persistence left it returns to one step.
    pub fn update_reo_wnd(&mut self, prior_delivered: Option<u32>, delivered: u32) {
        let Some(prior) = prior_delivered.filter(|&p| p != 0) else {
            return;
        };
        if crate::seq::seq_lt(prior, self.last_delivered) {
            // "Disregard DSACK if a rtt has not passed since we adjusted reo_wnd".
            self.dsack_seen = false;
        }
        if self.dsack_seen {
            self.reo_wnd_steps = self.reo_wnd_steps.saturating_add(1);
            self.dsack_seen = false;
            self.last_delivered = delivered;
            self.reo_wnd_persist = RACK_RECOVERY_THRESH;
        } else if self.reo_wnd_persist == 0 {
            self.reo_wnd_steps = 1;
        }
    }

    /// A recovery ended without undo (`tcp_try_undo_recovery`: `reo_wnd_persist--`), or was
    /// undone by D-SACKs (`tcp_try_undo_dsack`: `reo_wnd_persist + 1`, at most 16).
    pub fn on_recovery_end(&mut self, undone_by_dsack: bool) {
        if undone_by_dsack {
            self.reo_wnd_persist = self
                .reo_wnd_persist
                .saturating_add(1)
                .min(RACK_RECOVERY_THRESH);
        } else {
            self.reo_wnd_persist = self.reo_wnd_persist.saturating_sub(1);
        }
    }
}

/// `d` rounded up to whole `tick`s (`usecs_to_jiffies`); unchanged for a zero tick.
pub fn round_up(d: Duration, tick: Duration) -> Duration {
    let (d_us, t_us) = (crate::time::micros(d), crate::time::micros(tick));
    if t_us == 0 {
        return d;
    }
    Duration::from_micros(d_us.div_ceil(t_us).saturating_mul(t_us))
}
