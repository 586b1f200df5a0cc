//! Linux's congestion-avoidance state machine on an ACK (`tcp_fastretrans_alert`, Linux
//! 6.18 with RACK on): Open → Disorder on SACKs or duplicate ACKs, → Recovery once something
//! is marked lost (`tcp_time_to_recover`: "the loss is proven"), Recovery → Open when
//! SND.UNA reaches `high_seq`, and the undo paths (D-SACKs, timestamps). It decides; the
//! congestion-control module does the cwnd and ssthresh arithmetic the [`Action`]s name.

use super::rack::{Detection, Rack};
use super::scoreboard::Scoreboard;
use super::CaState;
use crate::seq::{seq_ge, seq_gt};
use crate::time::Instant;
use alloc::vec::Vec;
use core::time::Duration;

/// What the congestion-control side must do, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The CA state changed (`tcp_set_ca_state`; the module's `set_state`).
    SetState(CaState),
    /// `tcp_init_cwnd_reduction`: `prior_cwnd = cwnd`, `ssthresh = ca_ops->ssthresh()`,
    /// [`super::Prr::new`], forget a loss probe. Entering Recovery also saves
    /// `prior_ssthresh` for undo (unless the ACK had ECE).
    InitCwndReduction,
    /// `tcp_end_cwnd_reduction`: `cwnd = ssthresh` (when ssthresh is set and the state is CWR
    /// or the recovery could still have been undone).
    EndCwndReduction,
    /// `tcp_undo_cwnd_reduction`: `cwnd = ca_ops->undo_cwnd()`, `ssthresh =
    /// max(ssthresh, prior_ssthresh)`. The lost marks were cleared already when `unmark_loss`.
    UndoCwndReduction { unmark_loss: bool },
    /// Run the retransmission queue (`REXMIT_LOST`: `tcp_xmit_retransmit_queue`).
    RetransmitLost,
    /// Arm the RACK reordering timer this long from now.
    ReoTimer(Duration),
}

/// The facts about one ACK that the state machine reads (Linux's `FLAG_*` bits).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AckSignals {
    /// SND.UNA before this ACK.
    pub prior_snd_una: u32,
    /// `FLAG_SND_UNA_ADVANCED`.
    pub snd_una_advanced: bool,
    /// `FLAG_NOT_DUP`: the ACK carried data, updated the window, or acknowledged something.
    pub not_dup: bool,
    /// `FLAG_DATA_SACKED`: it SACKed data not SACKed before.
    pub data_sacked: bool,
    /// `FLAG_DSACKING_ACK`: it carried an accepted D-SACK.
    pub dsack: bool,
    /// `FLAG_ECE`.
    pub ece: bool,
    /// `tcp_packet_delayed`: its timestamp echo predates the first retransmission, so the
    /// original arrived (RFC 7323 undo evidence).
    pub ts_delayed: bool,
}

impl AckSignals {
    /// A duplicate ACK for the state machine (`num_dupack` is 1): neither advancing SND.UNA
    /// nor "not dup", nor a D-SACK.
    pub fn is_dupack(&self) -> bool {
        !(self.snd_una_advanced || self.not_dup || self.dsack)
    }
}

/// The state machine's state (`icsk_ca_state`, `high_seq`, `undo_marker`, `undo_retrans`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct FastRetrans {
    pub state: CaState,
    /// `tp->high_seq`: SND.NXT when Recovery, Loss or CWR began.
    pub high_seq: u32,
    /// `tp->undo_marker`: SND.UNA when the reduction began; `None`: undo impossible.
    pub undo_marker: Option<u32>,
    /// `tp->undo_retrans`: retransmissions not yet shown spurious by D-SACK (−1: none were in
    /// flight when recovery began, as `tcp_init_undo`).
    pub undo_retrans: i32,
    /// `tp->prior_ssthresh != 0`: an undo may restore ssthresh (an ECE forbids it).
    pub prior_ssthresh_saved: bool,
}

/// The clock inputs of the state machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub now: Instant,
    /// SRTT, for RACK's window cap (`None` before the first sample).
    pub srtt: Option<Duration>,
    /// One timer tick (1/HZ), the REO timer's granularity.
    pub tick: Duration,
}

/// What one ACK did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alert {
    pub actions: Vec<Action>,
    /// RACK's (or NewReno's) loss marking on this ACK.
    pub detection: Detection,
    /// Whether this ACK must run PRR (`tcp_cwnd_reduction`) rather than cwnd growth: the
    /// state after it is CWR or Recovery.
    pub in_cwnd_reduction: bool,
}

impl FastRetrans {
    /// `tcp_ack_is_dubious`: whether the state machine runs for this ACK.
    pub fn is_dubious(&self, sig: &AckSignals) -> bool {
        !sig.not_dup || sig.data_sacked || sig.ece || sig.dsack || self.state != CaState::Open
    }

    fn set(&mut self, out: &mut Alert, s: CaState) {
        if self.state != s {
            self.state = s;
            out.actions.push(Action::SetState(s));
        }
    }

    /// `tcp_init_undo`.
    fn init_undo(&mut self, sb: &Scoreboard) {
        self.undo_marker = Some(sb.snd_una());
        self.undo_retrans = if sb.retrans_out() > 0 {
            i32::try_from(sb.retrans_out()).unwrap_or(i32::MAX)
        } else {
            -1
        };
    }

    /// `tcp_may_undo`: an undo marker, and either every retransmission D-SACKed or the
    /// timestamps show the original arrived.
    fn may_undo(&self, sig: &AckSignals) -> bool {
        self.undo_marker.is_some() && (self.undo_retrans == 0 || sig.ts_delayed)
    }

    /// `tcp_any_retrans_done`.
    fn any_retrans_done(sb: &Scoreboard) -> bool {
        sb.retrans_out() > 0 || sb.get(0).is_some_and(|e| e.ever_retrans)
    }

    /// `tcp_try_keep_open`: Disorder while anything is SACKed, lost or retransmitted.
    fn try_keep_open(&mut self, sb: &Scoreboard, out: &mut Alert) {
        let s = if sb.left_out() > 0 || Self::any_retrans_done(sb) {
            CaState::Disorder
        } else {
            CaState::Open
        };
        if self.state != s {
            self.set(out, s);
            self.high_seq = sb.snd_nxt();
        }
    }

    /// `tcp_try_to_open` (ECE → CWR is `tcp_enter_cwr`).
    fn try_to_open(&mut self, sb: &Scoreboard, sig: &AckSignals, out: &mut Alert) {
        if sig.ece && self.state < CaState::Cwr {
            self.enter_cwr(sb, out);
        }
        if self.state != CaState::Cwr {
            self.try_keep_open(sb, out);
        }
    }

    /// `tcp_enter_cwr`: reduce cwnd for a congestion signal; no undo.
    pub fn enter_cwr(&mut self, sb: &Scoreboard, out: &mut Alert) {
        self.prior_ssthresh_saved = false;
        if self.state < CaState::Cwr {
            self.undo_marker = None;
            self.high_seq = sb.snd_nxt();
            out.actions.push(Action::InitCwndReduction);
            self.set(out, CaState::Cwr);
        }
    }

    /// `tcp_enter_recovery`.
    fn enter_recovery(&mut self, sb: &Scoreboard, ece: bool, out: &mut Alert) {
        self.prior_ssthresh_saved = false;
        self.init_undo(sb);
        if !matches!(self.state, CaState::Cwr | CaState::Recovery) {
            self.prior_ssthresh_saved = !ece;
            self.high_seq = sb.snd_nxt();
            out.actions.push(Action::InitCwndReduction);
        }
        self.set(out, CaState::Recovery);
    }

    /// `tcp_undo_cwnd_reduction`.
    fn undo(&mut self, sb: &mut Scoreboard, unmark_loss: bool, out: &mut Alert) {
        if unmark_loss {
            sb.clear_lost_marks();
        }
        out.actions.push(Action::UndoCwndReduction { unmark_loss });
        self.undo_marker = None;
    }

    /// `tcp_try_undo_recovery`: at the end of Recovery or Loss. Returns true when the state
    /// is held (a peer without SACK stays until something above `high_seq` is acked).
    fn try_undo_recovery(
        &mut self,
        sb: &mut Scoreboard,
        rack: &mut Rack,
        sig: &AckSignals,
        out: &mut Alert,
    ) -> bool {
        if self.may_undo(sig) {
            self.undo(sb, false, out);
        } else {
            rack.on_recovery_end(false);
        }
        // tcp_is_non_sack_preventing_reopen
        if !sb.sack_ok() && sb.snd_una() == self.high_seq {
            return true;
        }
        self.set(out, CaState::Open);
        false
    }

    /// `tcp_try_undo_dsack`: D-SACKs showed every retransmission spurious.
    fn try_undo_dsack(&mut self, sb: &mut Scoreboard, rack: &mut Rack, out: &mut Alert) -> bool {
        if self.undo_marker.is_some() && self.undo_retrans == 0 {
            rack.on_recovery_end(true);
            self.undo(sb, false, out);
            return true;
        }
        false
    }

    /// Account a D-SACK for undo (`tcp_check_dsack`'s "dumb counting" below SND.UNA, and
    /// `tcp_sacktag_one`'s `undo_retrans--` above it): call once per accepted D-SACK; it
    /// subtracts [`super::Dsack::retrans_segs`].
    pub fn on_dsack(&mut self, dsack: &super::Dsack) {
        let Some(marker) = self.undo_marker else {
            return;
        };
        if self.undo_retrans <= 0 || !seq_gt(dsack.end, marker) {
            return;
        }
        let n = i32::try_from(dsack.retrans_segs).unwrap_or(i32::MAX);
        self.undo_retrans = self.undo_retrans.saturating_sub(n).max(0);
    }

    /// A retransmission was sent (`tcp_retransmit_skb`: `undo_retrans` counts it, from 0 if
    /// it was −1).
    pub fn on_retransmit(&mut self) {
        self.undo_retrans = self.undo_retrans.max(0).saturating_add(1);
    }

    /// RACK / NewReno loss marking (`tcp_identify_packet_loss`).
    fn identify_loss(
        &self,
        sb: &mut Scoreboard,
        rack: &mut Rack,
        sig: &AckSignals,
        clock: &Timing,
        out: &mut Alert,
    ) {
        if sb.is_empty() {
            return;
        }
        if !sb.sack_ok() {
            let in_rec = self.state == CaState::Recovery;
            if self.state <= CaState::Recovery && sb.newreno_mark_lost(in_rec, sig.snd_una_advanced)
            {
                out.detection.newly_lost = out.detection.newly_lost.saturating_add(1);
            }
            return;
        }
        let d = rack.mark_lost(sb, clock.now, self.state >= CaState::Recovery, clock.srtt);
        out.detection.newly_lost = out.detection.newly_lost.saturating_add(d.newly_lost);
        out.detection.lost_retrans = out.detection.lost_retrans.saturating_add(d.lost_retrans);
        if d.reo_wait.is_some() {
            out.detection.reo_wait = d.reo_wait;
        }
        if let Some(t) = d.reo_timer(clock.tick) {
            out.actions.push(Action::ReoTimer(t));
        }
    }

    /// `tcp_fastretrans_alert` for one ACK, after [`super::on_ack`] updated the scoreboard
    /// (and after [`FastRetrans::on_dsack`]). Call it only when
    /// [`FastRetrans::is_dubious`].
    pub fn on_ack(
        &mut self,
        sb: &mut Scoreboard,
        rack: &mut Rack,
        sig: &AckSignals,
        clock: &Timing,
    ) -> Alert {
        let mut out = Alert::default();
        let num_dupack = u32::from(sig.is_dupack());
        if sig.ece {
            self.prior_ssthresh_saved = false;
        }
        // D. State exit conditions: high_seq reached.
        if self.state != CaState::Open && seq_ge(sb.snd_una(), self.high_seq) {
            match self.state {
                // "CWR is to be held something *above* high_seq is ACKed".
                CaState::Cwr if sb.snd_una() != self.high_seq => {
                    out.actions.push(Action::EndCwndReduction);
                    self.set(&mut out, CaState::Open);
                }
                CaState::Recovery => {
                    sb.reset_reno_sack();
                    if self.try_undo_recovery(sb, rack, sig, &mut out) {
                        out.in_cwnd_reduction = true;
                        return out;
                    }
                    out.actions.push(Action::EndCwndReduction);
                }
                _ => {}
            }
        }
        // E. Process the state.
        match self.state {
            CaState::Recovery => {
                if !sig.snd_una_advanced {
                    if !sb.sack_ok() {
                        sb.add_reno_sack(num_dupack);
                    }
                } else if self.undo_marker.is_some() && sig.ts_delayed {
                    // tcp_try_undo_partial: "Plain luck! Hole if filled with delayed packet".
                    if sb.retrans_out() == 0 {
                        self.undo(sb, true, &mut out);
                        self.try_keep_open(sb, &mut out);
                    }
                    out.in_cwnd_reduction = self.state == CaState::Recovery;
                    return out;
                }
                if self.try_undo_dsack(sb, rack, &mut out) {
                    self.try_to_open(sb, sig, &mut out);
                }
                self.identify_loss(sb, rack, sig, clock, &mut out);
                if self.state != CaState::Recovery {
                    if sb.lost_out() == 0 {
                        out.in_cwnd_reduction = self.state == CaState::Cwr;
                        return out;
                    }
                    self.enter_recovery(sb, sig.ece, &mut out);
                }
            }
            CaState::Loss => {
                // tcp_process_loss (F-RTO not modelled).
                let recovered = seq_ge(sb.snd_una(), self.high_seq);
                if sig.snd_una_advanced && self.may_undo(sig) {
                    // tcp_try_undo_loss: a spurious RTO. A peer without SACK stays in Loss
                    // (tcp_is_non_sack_preventing_reopen, and no F-RTO here).
                    self.undo(sb, true, &mut out);
                    if sb.sack_ok() {
                        self.set(&mut out, CaState::Open);
                    }
                    return out;
                }
                if recovered {
                    self.try_undo_recovery(sb, rack, sig, &mut out);
                    return out;
                }
                if !sb.sack_ok() && sig.snd_una_advanced && !seq_gt(sb.snd_nxt(), self.high_seq) {
                    sb.reset_reno_sack();
                }
                self.identify_loss(sb, rack, sig, clock, &mut out);
                out.actions.push(Action::RetransmitLost);
                return out;
            }
            _ => {
                if !sb.sack_ok() {
                    if sig.snd_una_advanced {
                        sb.reset_reno_sack();
                    }
                    sb.add_reno_sack(num_dupack);
                }
                if self.state <= CaState::Disorder {
                    self.try_undo_dsack(sb, rack, &mut out);
                }
                self.identify_loss(sb, rack, sig, clock, &mut out);
                // tcp_time_to_recover: "Trick#1: The loss is proven."
                if sb.lost_out() == 0 {
                    self.try_to_open(sb, sig, &mut out);
                    out.in_cwnd_reduction = self.state == CaState::Cwr;
                    return out;
                }
                self.enter_recovery(sb, sig.ece, &mut out);
            }
        }
        out.actions.push(Action::RetransmitLost);
        out.in_cwnd_reduction = matches!(self.state, CaState::Cwr | CaState::Recovery);
        out
    }

    /// The REO timer fired (`tcp_rack_reo_timeout`): detect again; if anything was newly
    /// marked lost, enter Recovery when not in it (the caller then runs `tcp_cwnd_reduction(1,
    /// 0)`: [`super::Prr::on_ack`] with one delivered packet) and retransmit.
    pub fn on_reo_timeout(
        &mut self,
        sb: &mut Scoreboard,
        rack: &mut Rack,
        clock: &Timing,
    ) -> Alert {
        let mut out = Alert::default();
        let prior_inflight = sb.in_flight();
        let d = rack.reo_timeout(sb, clock.now, self.state >= CaState::Recovery, clock.srtt);
        out.detection = d;
        if let Some(t) = d.reo_timer(clock.tick) {
            out.actions.push(Action::ReoTimer(t));
        }
        if prior_inflight != sb.in_flight() {
            if self.state != CaState::Recovery {
                self.enter_recovery(sb, false, &mut out);
            }
            out.actions.push(Action::RetransmitLost);
        }
        out.in_cwnd_reduction = matches!(self.state, CaState::Cwr | CaState::Recovery);
        out
    }

    /// An RTO (`tcp_enter_loss`): mark lost per [`Scoreboard::enter_loss`], state Loss,
    /// `high_seq = SND.NXT`. ssthresh is reduced (the module's `ssthresh`, and `cwnd =
    /// in_flight + 1`) only when this is a new episode: state Open/Disorder, or SND.UNA has
    /// reached `high_seq`, or a repeated RTO in Loss that retransmitted nothing yet
    /// (`first_timeout`). Returns whether ssthresh must be reduced (and undo state set).
    pub fn enter_loss(
        &mut self,
        sb: &mut Scoreboard,
        rack: &Rack,
        now: Instant,
        first_timeout: bool,
    ) -> bool {
        sb.enter_loss(now, rack.rtt);
        let new_episode = self.state <= CaState::Disorder
            || !seq_gt(self.high_seq, sb.snd_una())
            || (self.state == CaState::Loss && first_timeout);
        if new_episode {
            self.prior_ssthresh_saved = true;
            self.init_undo(sb);
        }
        if self.state <= CaState::Disorder && sb.sacked_out() >= super::scoreboard::TCP_REORDERING {
            sb.reordering = sb.reordering.min(super::scoreboard::TCP_REORDERING);
        }
        self.state = CaState::Loss;
        self.high_seq = sb.snd_nxt();
        new_episode
    }
}
