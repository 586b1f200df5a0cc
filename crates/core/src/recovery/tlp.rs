//! Tail loss probe (RFC 8985 §7), as Linux 6.18 sends it with `tcp_early_retrans = 3`:
//! `tcp_schedule_loss_probe`, `tcp_send_loss_probe` (tcp_output.c) and `tcp_process_tlp_ack`
//! (tcp_input.c).

use super::rack::{round_up, TIMEOUT_MIN};
use super::scoreboard::Scoreboard;
use super::CaState;
use crate::seq::{seq_gt, seq_lt};
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// `TCP_TIMEOUT_INIT`: the probe timeout without an RTT sample (RFC 8985 §7.2: 1 s).
pub const PTO_NO_RTT: Duration = Duration::from_secs(1);

/// Whether a loss probe may be armed (`tcp_schedule_loss_probe`): a SACK peer, CA state Open
/// or CWR, and packets out.
pub fn may_arm(sack_ok: bool, state: CaState, packets_out: u32) -> bool {
    sack_ok && packets_out > 0 && matches!(state, CaState::Open | CaState::Cwr)
}

/// The probe timeout (RFC 8985 §7.2; `tcp_schedule_loss_probe`): `2·SRTT`, plus `rto_min`
/// (the peer may be delaying its ACK) when one packet is out, else plus 2 ms
/// (`TCP_TIMEOUT_MIN_US`), rounded up to whole ticks; 1 s without SRTT; never later than the
/// RTO would fire (`rto_remaining`, when the RTO timer is pending).
pub fn pto(
    srtt: Option<Duration>,
    packets_out: u32,
    rto_min: Duration,
    tick: Duration,
    rto_remaining: Option<Duration>,
) -> Duration {
    let timeout = match srtt {
        Some(s) if !s.is_zero() => {
            let extra = if packets_out == 1 {
                rto_min
            } else {
                TIMEOUT_MIN
            };
            round_up(s.saturating_mul(2).saturating_add(extra), tick)
        }
        _ => PTO_NO_RTT,
    };
    match rto_remaining {
        Some(r) if !r.is_zero() => timeout.min(round_up(r, tick)),
        _ => timeout,
    }
}

/// What the probe sends (RFC 8985 §7.3; `tcp_send_loss_probe`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// One new segment (cwnd is ignored for it: `tcp_write_xmit(..., push_one = 2)`).
    NewData,
    /// The last segment sent, again (`[start, end)`, at most one MSS: a longer last entry is
    /// split so that the probe is its last MSS).
    Retransmit { start: u32, end: u32 },
}

/// The probe's state (`tp->tlp_high_seq`, `tp->tlp_retrans`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Tlp {
    /// SND.NXT when the probe was sent; `None`: no probe outstanding.
    pub high_seq: Option<u32>,
    /// The probe was a retransmission.
    pub retrans: bool,
}

/// What the ACK said about an outstanding probe (`tcp_process_tlp_ack`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlpVerdict {
    /// The ACK is below the probe, or says nothing yet.
    Pending,
    /// Episode over, nothing was lost: the probe carried new data and was acked, or a
    /// D-SACK of the probe or a pure duplicate ACK shows original and probe both arrived.
    NoLoss,
    /// The ACK went past the probe: the probe repaired a loss. Linux reduces cwnd once
    /// (`tcp_init_cwnd_reduction`, CWR, `tcp_end_cwnd_reduction`, `tcp_try_keep_open`).
    LossRepaired,
}

impl Tlp {
    /// The probe fired and what to send: `None` if a probe is already outstanding ("at most
    /// one outstanding TLP": re-arm the RTO only) or nothing is out. `new_data_allowed`: unsent
    /// data exists and the peer's window takes one more segment (`tcp_snd_wnd_test`).
    pub fn choose(&self, sb: &mut Scoreboard, new_data_allowed: bool) -> Option<Probe> {
        if self.high_seq.is_some() {
            return None;
        }
        if new_data_allowed {
            return Some(Probe::NewData);
        }
        let last = sb.entries().next_back().copied()?;
        let mss = sb.mss();
        if last.len() > mss {
            let cut = last.end.wrapping_sub(mss);
            if seq_gt(cut, last.start) && sb.split(cut) {
                return Some(Probe::Retransmit {
                    start: cut,
                    end: last.end,
                });
            }
        }
        Some(Probe::Retransmit {
            start: last.start,
            end: last.end,
        })
    }

    /// The probe was sent; `snd_nxt` after sending it (`tp->tlp_high_seq = tp->snd_nxt`).
    pub fn on_probe_sent(&mut self, snd_nxt: u32, retrans: bool) {
        self.high_seq = Some(snd_nxt);
        self.retrans = retrans;
    }

    /// `tcp_process_tlp_ack`, on an ACK while a probe is outstanding. `dsack_tlp`: this ACK
    /// carried a D-SACK of exactly the probe; `is_dupack`: a pure duplicate ACK (neither
    /// SND.UNA advanced, nor window update or data, nor newly SACKed data).
    pub fn on_ack(&mut self, ack: u32, dsack_tlp: bool, is_dupack: bool) -> TlpVerdict {
        let Some(high) = self.high_seq else {
            return TlpVerdict::Pending;
        };
        if seq_lt(ack, high) {
            return TlpVerdict::Pending;
        }
        if !self.retrans || dsack_tlp {
            self.high_seq = None;
            return TlpVerdict::NoLoss;
        }
        if seq_gt(ack, high) {
            self.high_seq = None;
            return TlpVerdict::LossRepaired;
        }
        if is_dupack {
            self.high_seq = None;
            return TlpVerdict::NoLoss;
        }
        TlpVerdict::Pending
    }

    /// A cwnd reduction or an RTO began (`tcp_init_cwnd_reduction`, `tcp_enter_loss`: the
    /// probe's episode is forgotten).
    pub fn reset(&mut self) {
        self.high_seq = None;
    }
}
