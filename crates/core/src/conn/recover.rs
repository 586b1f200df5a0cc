//! An ACK on the sending side and loss recovery, as `crates/core/src/recovery/` says a
//! connection drives it: Linux's `tcp_ack` (SACK tagging, D-SACK, the cumulative ACK, RACK,
//! the tail loss probe, `tcp_fastretrans_alert`, PRR or cwnd growth, the retransmission
//! queue), the retransmission timeout (`tcp_retransmit_timer` → `tcp_enter_loss`), the loss
//! probe (`tcp_send_loss_probe`) and the RACK reordering timer (`tcp_rack_reo_timeout`).
//! The `textbook` profile recovers by RFC 5681 §3.2 fast retransmit with RFC 6582 NewReno.

use super::send::current_ssthresh;
use super::Connection;
use crate::cc::{AckCtx, CaEvent, TCP_INFINITE_SSTHRESH};
use crate::event::{Event, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::recovery::{
    self, tlp, AckInput, AckOutcome, AckSignals, Action, CaState, NewRenoAction, Probe, Prr,
    Timing, TlpVerdict,
};
use crate::seq::{seq_ge, seq_gt, seq_le, seq_lt};
use crate::wire::{Flags, Segment, TcpOption};
use crate::Instant;
use alloc::vec::Vec;
use core::time::Duration;

/// The timers that share Linux's one retransmit timer (`icsk_pending`): arming one cancels
/// the others.
const XMIT_TIMERS: [TimerKind; 4] = [
    TimerKind::Retransmit,
    TimerKind::LossProbe,
    TimerKind::ReorderWait,
    TimerKind::Persist,
];

/// The SACK blocks of a segment, in the order the option lists them.
fn sack_blocks(seg: &Segment) -> Vec<(u32, u32)> {
    seg.options
        .iter()
        .find_map(|o| match o {
            TcpOption::Sack(b) => Some(b.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

impl Connection {
    /// An acceptable ACK in a synchronized state (RFC 9293 §3.10.7.4 fifth check; Linux
    /// `tcp_ack`), after the window update (`win_update`: SND.WND changed, Linux
    /// `FLAG_WIN_UPDATE`). Duplicate ACKs come here too.
    pub(crate) fn on_ack(&mut self, now: Instant, seg: &Segment, win_update: bool) {
        let ack = seg.ack;
        if !self.snd.ready {
            if seq_lt(self.snd_una, ack) {
                self.new_ack(now, seg);
            }
            return;
        }
        if !seq_gt(self.snd_una, self.iss) && seq_gt(ack, self.iss) {
            // The two-way variant: data went out before our SYN was acknowledged. The SYN's
            // timer gives way to the data's.
            self.snd_una = self.iss.wrapping_add(1);
            self.retries = 0;
            self.cancel_timer(TimerKind::Retransmit);
            self.rearm_rto(now);
        }
        // tcp_ack: "icsk->icsk_probes_out = 0; tp->rcv_tstamp = tcp_jiffies32;"
        self.snd.probes_out = 0;
        if self.snd_wnd == 0 {
            // RFC 1122 §4.2.2.17: a receiver that answers zero-window probes keeps the
            // connection open however long its window stays closed (the textbook probe is a
            // retransmitted octet, so its retransmissions must not count towards R2).
            self.retries = 0;
        }
        self.snd.rcv_tstamp = now;
        let prior_una = self.snd_una;
        let prior_packets = self.snd.sb.packets_out();
        let blocks = if self.sack_ok {
            sack_blocks(seg)
        } else {
            Vec::new()
        };
        let input = AckInput {
            ack,
            blocks: &blocks,
            now,
            tlp_high_seq: self.snd.tlp.high_seq,
            max_window: self.max_snd_wnd,
        };
        let out = recovery::on_ack(&mut self.snd.sb, &mut self.snd.rack, &input);
        let advanced = seq_gt(ack, prior_una);
        if advanced {
            // "Set SND.UNA <- SEG.ACK. Any segments on the retransmission queue that are
            // thereby entirely acknowledged are removed."
            let mut bytes = 0;
            if seq_gt(ack, self.buf_seq) {
                let n = (ack.wrapping_sub(self.buf_seq) as usize).min(self.send_buf.len());
                self.send_buf.drain_front(n);
                self.buf_seq = self.buf_seq.wrapping_add(n as u32);
                bytes = n as u32;
            }
            self.snd_una = ack;
            self.retries = 0;
            if bytes > 0 {
                self.events.push_back(Event::DataAcked { ack, bytes });
            }
        }
        // RFC 6298 §5.7 / Linux tcp_ack_update_rtt: only a valid RTT sample ends the backoff.
        if self.rtt_sample(now, seg, out.rtt_sample(), advanced) {
            self.rto_cur = self.rtt.rto;
        }
        match self.profile.flavor {
            Flavor::Linux => self.linux_ack(now, seg, win_update, prior_una, prior_packets, &out),
            Flavor::Textbook => self.textbook_ack(
                now,
                seg,
                win_update,
                advanced,
                prior_packets,
                out.sacked.packets > 0,
            ),
        }
        if prior_packets == 0 || self.snd.sb.packets_out() == 0 {
            // tcp_ack's no_queue: a zero window reopened, or still closed (tcp_ack_probe).
            self.ack_probe(now);
        }
    }

    fn ack_ctx(
        &self,
        now: Instant,
        prior_packets: u32,
        acked: u32,
        rtt: Option<Duration>,
    ) -> AckCtx {
        AckCtx {
            now,
            ack: self.snd_una,
            snd_nxt: self.snd_nxt,
            acked,
            rtt,
            in_flight: prior_packets,
            cwnd_limited: self.cwnd_limited(),
            min_rtt: self.snd.rack.min_rtt,
            srtt: self.rtt.srtt,
            mss: u32::from(self.eff_mss()),
        }
    }

    fn timing(&self, now: Instant) -> Timing {
        Timing {
            now,
            srtt: self.rtt.srtt,
            tick: self.profile.tick,
        }
    }

    /// `tcp_ack` after the scoreboard was updated, `linux` profile.
    fn linux_ack(
        &mut self,
        now: Instant,
        seg: &Segment,
        win_update: bool,
        prior_una: u32,
        prior_packets: u32,
        out: &AckOutcome,
    ) {
        let advanced = seq_gt(self.snd_una, prior_una);
        let sig = AckSignals {
            prior_snd_una: prior_una,
            snd_una_advanced: advanced,
            not_dup: advanced || win_update || !seg.payload.is_empty(),
            data_sacked: out.sacked.packets > 0,
            dsack: out.dsack.is_some(),
            ece: false,
            ts_delayed: false,
        };
        if let Some(d) = out.dsack {
            self.snd.fr.on_dsack(&d);
        }
        let ctx = self.ack_ctx(now, prior_packets, out.newly_acked_sacked, out.rtt_sample());
        if advanced || out.newly_acked_sacked > 0 {
            let s = &mut self.snd;
            s.cc.pkts_acked(&mut s.ccs, &ctx);
        }
        if self.snd.tlp.high_seq.is_some() {
            let dupack = !(advanced || sig.not_dup || sig.data_sacked);
            let dsack_tlp = out.dsack.is_some_and(|d| d.tlp);
            if self.snd.tlp.on_ack(self.snd_una, dsack_tlp, dupack) == TlpVerdict::LossRepaired {
                self.tlp_loss_repaired(now);
            }
        }
        let mut rexmit = false;
        let mut reo = false;
        let mut newly_lost = 0;
        let mut in_reduction = matches!(self.snd.fr.state, CaState::Cwr | CaState::Recovery);
        if self.snd.fr.is_dubious(&sig) {
            let prev = self.snd.fr.state;
            let timing = self.timing(now);
            let s = &mut self.snd;
            let alert = s.fr.on_ack(&mut s.sb, &mut s.rack, &sig, &timing);
            newly_lost = alert.detection.newly_lost;
            in_reduction = alert.in_cwnd_reduction;
            let (r, t) = self.apply_actions(now, prev, &alert.actions);
            rexmit = r;
            reo = t;
        }
        // FLAG_SET_XMIT_TIMER: data was acknowledged and RACK did not arm its timer. When new
        // data will leave on this ACK (the caller pushes next), `tcp_write_xmit` schedules the
        // loss probe again at once; that one is the timer that stays, so it alone is armed.
        if advanced && !reo && (rexmit || self.may_send(false, false).is_err()) {
            self.set_xmit_timer(now);
        }
        // tcp_cong_control: PRR during a reduction, else cwnd growth (tcp_may_raise_cwnd).
        let s = &mut self.snd;
        if in_reduction {
            let ssthresh = s.ccs.ssthresh;
            let in_flight = s.sb.in_flight();
            if let Some(c) = s.prr.on_ack(
                out.newly_acked_sacked,
                in_flight,
                ssthresh,
                advanced,
                newly_lost > 0,
            ) {
                s.ccs.cwnd = c.max(1);
            }
        } else {
            let may_raise = if s.sb.reordering > recovery::scoreboard::TCP_REORDERING {
                advanced || out.sacked.packets > 0
            } else {
                advanced
            };
            if may_raise {
                s.cc.cong_avoid(&mut s.ccs, &ctx);
            }
        }
        if rexmit {
            self.xmit_retransmit_queue(now);
        }
    }

    /// Carry out what `tcp_fastretrans_alert` asked for. Returns (retransmit lost segments,
    /// the REO timer was armed).
    fn apply_actions(&mut self, now: Instant, prev: CaState, actions: &[Action]) -> (bool, bool) {
        let mut from = prev;
        let mut rexmit = false;
        let mut reo = false;
        for a in actions {
            match *a {
                Action::SetState(to) => self.ca_state_changed(now, from, to, &mut from),
                Action::InitCwndReduction => {
                    if self.snd.fr.prior_ssthresh_saved {
                        self.snd.prior_ssthresh = current_ssthresh(&self.snd.ccs, prev);
                    }
                    self.init_cwnd_reduction();
                }
                Action::EndCwndReduction => self.end_cwnd_reduction(now),
                Action::UndoCwndReduction { .. } => {
                    let s = &mut self.snd;
                    if s.prior_ssthresh != 0 {
                        s.ccs.cwnd = s.cc.undo_cwnd(&s.ccs).max(1);
                        s.ccs.ssthresh = s.ccs.ssthresh.max(s.prior_ssthresh);
                    }
                }
                Action::RetransmitLost => rexmit = true,
                Action::ReoTimer(d) => {
                    self.arm_xmit_timer(now, TimerKind::ReorderWait, d);
                    reo = true;
                }
            }
        }
        (rexmit, reo)
    }

    /// `tcp_set_ca_state`: tell the congestion control and the narration.
    fn ca_state_changed(&mut self, now: Instant, from: CaState, to: CaState, cur: &mut CaState) {
        let s = &mut self.snd;
        s.cc.set_state(&s.ccs, to, now, self.snd_nxt);
        *cur = to;
        if from != to {
            self.events.push_back(Event::CaStateChanged {
                from,
                to,
                cwnd: self.snd.ccs.cwnd,
                ssthresh: self.snd.ccs.ssthresh,
            });
        }
    }

    /// `tcp_init_cwnd_reduction`.
    fn init_cwnd_reduction(&mut self) {
        let s = &mut self.snd;
        s.ccs.prior_cwnd = s.ccs.cwnd;
        s.ccs.cwnd_cnt = 0;
        let flight = s.sb.packets_out();
        s.ccs.ssthresh = s.cc.ssthresh(&s.ccs, flight);
        s.prr = Prr::new(s.ccs.cwnd);
        s.tlp.reset();
    }

    /// `tcp_end_cwnd_reduction`: cwnd = ssthresh in CWR or when the recovery could still be
    /// undone.
    fn end_cwnd_reduction(&mut self, now: Instant) {
        let s = &mut self.snd;
        if s.ccs.ssthresh < TCP_INFINITE_SSTHRESH
            && (s.fr.state == CaState::Cwr || s.fr.undo_marker.is_some())
        {
            s.ccs.cwnd = s.ccs.ssthresh.max(1);
        }
        s.cc.cwnd_event(&s.ccs, now, CaEvent::CompleteCwr);
    }

    /// `tcp_process_tlp_ack` when the probe repaired a loss: one cwnd reduction
    /// (`tcp_init_cwnd_reduction`, CWR, `tcp_end_cwnd_reduction`, `tcp_try_keep_open`).
    fn tlp_loss_repaired(&mut self, now: Instant) {
        let prev = self.snd.fr.state;
        self.init_cwnd_reduction();
        self.snd.fr.high_seq = self.snd_nxt;
        self.snd.fr.state = CaState::Cwr;
        let mut cur = prev;
        self.ca_state_changed(now, prev, CaState::Cwr, &mut cur);
        self.end_cwnd_reduction(now);
        let sb = &self.snd.sb;
        let to = if sb.left_out() > 0 || sb.retrans_out() > 0 {
            CaState::Disorder
        } else {
            CaState::Open
        };
        self.snd.fr.state = to;
        self.ca_state_changed(now, CaState::Cwr, to, &mut cur);
    }

    /// Why a retransmission now: after an RTO (slow-start retransmission in Loss), RACK's
    /// marking (SACK peer) or the duplicate-ACK count (peer without SACK).
    fn retransmit_reason(&self) -> SendReason {
        if self.snd.fr.state == CaState::Loss {
            SendReason::Retransmission
        } else if self.sack_ok && self.profile.flavor == Flavor::Linux {
            SendReason::RackRetransmit
        } else {
            SendReason::FastRetransmit
        }
    }

    /// `tcp_xmit_retransmit_queue`: resend the segments marked lost, oldest first, while
    /// packets in flight are below cwnd and the peer's window reaches them.
    pub(crate) fn xmit_retransmit_queue(&mut self, now: Instant) {
        let mut rearm = false;
        let reason = self.retransmit_reason();
        loop {
            if self.snd.sb.in_flight() >= self.cwnd() {
                break;
            }
            let Some(e) = self.snd.sb.next_retransmit().copied() else {
                break;
            };
            let wnd_end = self.snd_una.wrapping_add(self.snd_wnd);
            if !seq_lt(e.start, wnd_end) && e.start != self.snd_una {
                break;
            }
            let head = self.snd.sb.get(0).is_some_and(|h| h.start == e.start);
            self.retransmit(now, e.start, e.end, reason);
            let stamp = self.xmit_stamp(now);
            self.snd.sb.on_retransmit(e.start, e.end, stamp);
            self.snd.fr.on_retransmit();
            if matches!(self.snd.fr.state, CaState::Cwr | CaState::Recovery) {
                self.snd.prr.on_sent(1);
            }
            if head && self.timer(TimerKind::ReorderWait).is_none() {
                rearm = true;
            }
        }
        if rearm {
            self.arm_xmit_timer(now, TimerKind::Retransmit, self.rto_cur);
        }
    }

    /// Send `[start, end)` again from the send queue (`tcp_retransmit_skb`), with the FIN
    /// if the entry holds it.
    pub(crate) fn retransmit(&mut self, now: Instant, start: u32, end: u32, reason: SendReason) {
        let fin = self
            .fin_seq
            .is_some_and(|f| f == end.wrapping_sub(1) && seq_le(start, f));
        let data_end = if fin { end.wrapping_sub(1) } else { end };
        let offset = start.wrapping_sub(self.buf_seq) as usize;
        let len = data_end.wrapping_sub(start) as usize;
        let payload = self.send_buf.range(offset, len);
        let mut flags = Flags::ACK;
        if fin {
            flags |= Flags::FIN;
        }
        if !payload.is_empty() && offset + payload.len() == self.send_buf.len() {
            flags |= Flags::PSH;
        }
        self.data_sent(now);
        self.send_segment(now, start, flags, payload, reason);
    }

    // ------------------------------------------------------------------ timers

    /// Arm one of the timers that share Linux's retransmit timer, cancelling the others.
    pub(crate) fn arm_xmit_timer(&mut self, now: Instant, kind: TimerKind, after: Duration) {
        for k in XMIT_TIMERS {
            if k != kind {
                self.cancel_timer(k);
            }
        }
        self.arm_timer(now, kind, after);
    }

    /// `tcp_rto_delta_us`: how long until the RTO of the oldest outstanding segment (its last
    /// transmission plus the RTO), if that is still ahead.
    fn rto_delta(&self, now: Instant) -> Option<Duration> {
        let head = self.snd.sb.get(0)?;
        let at = head.xmit_time + self.rto_cur;
        (at > now).then(|| at.saturating_since(now))
    }

    /// `tcp_rearm_rto`: the RTO runs while segments are out; after a loss probe or RACK's
    /// timer it counts from the oldest segment's transmission.
    pub(crate) fn rearm_rto(&mut self, now: Instant) {
        if self.snd.sb.packets_out() == 0 {
            self.cancel_timer(TimerKind::Retransmit);
            self.cancel_timer(TimerKind::LossProbe);
            self.cancel_timer(TimerKind::ReorderWait);
            return;
        }
        let mut rto = self.rto_cur;
        if self.timer(TimerKind::ReorderWait).is_some()
            || self.timer(TimerKind::LossProbe).is_some()
        {
            rto = self.rto_delta(now).unwrap_or(Duration::from_micros(1));
        }
        self.arm_xmit_timer(now, TimerKind::Retransmit, rto);
    }

    /// `tcp_set_xmit_timer`: the loss probe if it may be armed, else the RTO.
    fn set_xmit_timer(&mut self, now: Instant) {
        if !self.schedule_loss_probe(now, true) {
            self.rearm_rto(now);
        }
    }

    /// `tcp_schedule_loss_probe` (RFC 8985 §7.2): a SACK peer in Open or CWR with packets
    /// out gets the probe timer, PTO = 2·SRTT (+ rto_min for one packet out), at most the
    /// RTO. `advancing_rto`: an ACK restarts the RTO (else it counts from the oldest send).
    pub(crate) fn schedule_loss_probe(&mut self, now: Instant, advancing_rto: bool) -> bool {
        if self.profile.flavor != Flavor::Linux {
            return false;
        }
        let s = &self.snd;
        if !tlp::may_arm(s.sb.sack_ok(), s.fr.state, s.sb.packets_out()) {
            return false;
        }
        let remaining = if advancing_rto {
            Some(self.rto_cur)
        } else {
            self.rto_delta(now)
        };
        let pto = tlp::pto(
            self.rtt.srtt,
            s.sb.packets_out(),
            self.profile.rto_min,
            self.profile.tick,
            remaining,
        );
        self.arm_xmit_timer(now, TimerKind::LossProbe, pto);
        true
    }

    /// The probe timer fired (`tcp_send_loss_probe`, RFC 8985 §7.3): new data if the peer's
    /// window takes it (cwnd ignored), else the last segment again; then the RTO from now.
    pub(crate) fn on_loss_probe(&mut self, now: Instant) {
        let next = self.may_send(true, true).ok();
        let s = &mut self.snd;
        match s.tlp.choose(&mut s.sb, next.is_some()) {
            Some(Probe::NewData) => {
                if let Some(n) = next {
                    self.send_new(now, n, SendReason::LossProbe);
                    self.snd.tlp.on_probe_sent(self.snd_nxt, false);
                }
            }
            Some(Probe::Retransmit { start, end }) => {
                self.retransmit(now, start, end, SendReason::LossProbe);
                let stamp = self.xmit_stamp(now);
                self.snd.sb.on_probe_retransmit(start, end, stamp);
                self.snd.tlp.on_probe_sent(self.snd_nxt, true);
            }
            None => {
                // At most one outstanding probe: the RTO counts from the oldest send.
                let rto = self.rto_delta(now).unwrap_or(Duration::from_micros(1));
                self.arm_xmit_timer(now, TimerKind::Retransmit, rto);
                return;
            }
        }
        if self.snd.sb.packets_out() > 0 {
            self.arm_xmit_timer(now, TimerKind::Retransmit, self.rto_cur);
        }
    }

    /// RACK's reordering timer fired (`tcp_rack_reo_timeout`): detect again; anything newly
    /// lost starts Recovery (PRR for one delivered packet) and is retransmitted.
    pub(crate) fn on_reorder_wait(&mut self, now: Instant) {
        let prev = self.snd.fr.state;
        let timing = self.timing(now);
        let s = &mut self.snd;
        let alert = s.fr.on_reo_timeout(&mut s.sb, &mut s.rack, &timing);
        let actions: Vec<Action> = alert
            .actions
            .iter()
            .copied()
            .filter(|a| !matches!(a, Action::ReoTimer(_)))
            .collect();
        let (rexmit, _) = self.apply_actions(now, prev, &actions);
        if prev != CaState::Recovery && self.snd.fr.state == CaState::Recovery {
            let s = &mut self.snd;
            let (in_flight, ssthresh) = (s.sb.in_flight(), s.ccs.ssthresh);
            let lost = alert.detection.newly_lost > 0;
            if let Some(c) = s.prr.on_ack(1, in_flight, ssthresh, false, lost) {
                s.ccs.cwnd = c.max(1);
            }
        }
        if rexmit {
            self.xmit_retransmit_queue(now);
        }
        if self.timer(TimerKind::Retransmit).is_none() {
            self.rearm_rto(now);
        }
    }

    /// The retransmission timer fired for data or FIN (RFC 6298 §5.4; Linux
    /// `tcp_retransmit_timer` → `tcp_enter_loss`): everything outstanding that is not
    /// recently sent is marked lost, ssthresh is reduced once per episode, cwnd becomes
    /// packets in flight + 1 (`linux`) or 1 (RFC 5681 §3.1 "LW"), and the oldest segment
    /// goes again. The caller has backed the timer off and re-armed it.
    pub(crate) fn enter_loss(&mut self, now: Instant, first_timeout: bool) {
        let linux = self.profile.flavor == Flavor::Linux;
        let prev = self.snd.fr.state;
        let s = &mut self.snd;
        let flight = s.sb.packets_out();
        let rack = s.rack;
        let new_episode = s.fr.enter_loss(&mut s.sb, &rack, now, first_timeout);
        if new_episode {
            s.prior_ssthresh = current_ssthresh(&s.ccs, prev);
            s.ccs.prior_cwnd = s.ccs.cwnd;
            s.ccs.ssthresh = s.cc.ssthresh(&s.ccs, flight);
            s.cc.cwnd_event(&s.ccs, now, CaEvent::Loss);
        }
        s.ccs.cwnd = if linux {
            s.sb.in_flight().saturating_add(1)
        } else {
            1
        };
        s.ccs.cwnd_cnt = 0;
        s.tlp.reset();
        s.newreno.on_timeout(self.snd_nxt);
        // RFC 6675 §5.1: a timeout ends the SACK recovery; the next one needs an ACK beyond
        // what was sent before it.
        s.rfc6675 = crate::recovery::Rfc6675 {
            last_recovery_point: Some(self.snd_nxt),
            ..crate::recovery::Rfc6675::default()
        };
        let mut cur = prev;
        self.ca_state_changed(now, prev, CaState::Loss, &mut cur);
        if let Some(h) = self.snd.sb.get(0).copied() {
            self.retransmit(now, h.start, h.end, SendReason::Retransmission);
            let stamp = self.xmit_stamp(now);
            self.snd.sb.on_retransmit(h.start, h.end, stamp);
            self.snd.fr.on_retransmit();
        }
    }

    // ------------------------------------------------------------------ textbook

    /// RFC 5681 §3.2 and RFC 6582 for one ACK (`textbook`), and RFC 6298 §5.2–§5.3.
    fn textbook_ack(
        &mut self,
        now: Instant,
        seg: &Segment,
        win_update: bool,
        advanced: bool,
        prior_packets: u32,
        data_sacked: bool,
    ) {
        let acked_packets = prior_packets.saturating_sub(self.snd.sb.packets_out());
        let ctx = self.ack_ctx(now, prior_packets, acked_packets, None);
        if self.snd.fr.state == CaState::Loss {
            // After an RTO: slow start, resending what was outstanding (go-back-N from
            // SND.UNA without rewinding SND.NXT), until everything sent before it is acked.
            if seq_ge(self.snd_una, self.snd.fr.high_seq) {
                self.snd.fr.state = CaState::Open;
                let mut cur = CaState::Loss;
                self.ca_state_changed(now, CaState::Loss, CaState::Open, &mut cur);
            } else if advanced {
                let s = &mut self.snd;
                s.cc.cong_avoid(&mut s.ccs, &ctx);
                self.xmit_retransmit_queue(now);
            }
        } else if self.sack_ok {
            self.rfc6675_ack(now, advanced, data_sacked, &ctx);
        } else {
            // RFC 5681 §2 "DUPLICATE ACKNOWLEDGMENT": outstanding data, no data, no SYN/FIN,
            // SEG.ACK = SND.UNA, the same window.
            let duplicate = !advanced
                && prior_packets > 0
                && seg.payload.is_empty()
                && !seg.flags.intersects(Flags::SYN | Flags::FIN)
                && !win_update;
            let action = self
                .snd
                .newreno
                .on_ack(seg.ack, advanced, duplicate, self.snd_nxt);
            self.newreno_action(now, action, acked_packets, &ctx);
        }
        // RFC 6298 §5.2: all acknowledged, stop the timer; §5.3: new data acked, restart it.
        if self.snd.sb.packets_out() == 0 {
            self.cancel_timer(TimerKind::Retransmit);
        } else if advanced {
            self.arm_xmit_timer(now, TimerKind::Retransmit, self.rto_cur);
        }
    }

    /// RFC 6675 §5 for one ACK (`textbook`, SACK peer): DupAcks and IsLost start loss
    /// recovery (ssthresh = cwnd = FlightSize/2, the first segment again), then NextSeg ()
    /// sends while `cwnd − pipe ≥ 1 SMSS` (step C), until RecoveryPoint is acknowledged.
    fn rfc6675_ack(&mut self, now: Instant, advanced: bool, data_sacked: bool, ctx: &AckCtx) {
        if self.snd.rfc6675.in_recovery() {
            let s = &mut self.snd;
            if s.rfc6675.check_exit(&s.sb) {
                s.fr.state = CaState::Open;
                let mut cur = CaState::Recovery;
                self.ca_state_changed(now, CaState::Recovery, CaState::Open, &mut cur);
                return;
            }
            self.rfc6675_send(now);
            return;
        }
        let s = &mut self.snd;
        if s.rfc6675.on_ack(&s.sb, advanced, data_sacked && !advanced) {
            // §5 step (4.1)–(4.3).
            s.rfc6675.enter(&s.sb);
            let flight = s.sb.packets_out();
            s.ccs.prior_cwnd = s.ccs.cwnd;
            s.ccs.ssthresh = s.cc.ssthresh(&s.ccs, flight);
            s.ccs.cwnd = s.ccs.ssthresh;
            s.ccs.cwnd_cnt = 0;
            s.fr.state = CaState::Recovery;
            let mut cur = CaState::Open;
            self.ca_state_changed(now, CaState::Open, CaState::Recovery, &mut cur);
            if let Some(h) = self.snd.sb.get(0).copied() {
                self.retransmit(now, h.start, h.end, SendReason::FastRetransmit);
                let stamp = self.xmit_stamp(now);
                self.snd.sb.on_retransmit(h.start, h.end, stamp);
                self.snd.rfc6675.on_retransmit(h.end, false, true);
            }
            self.rfc6675_send(now);
        } else if advanced {
            let s = &mut self.snd;
            s.cc.cong_avoid(&mut s.ccs, ctx);
        }
    }

    /// RFC 6675 §5 step (C): while `cwnd − pipe ≥ 1 SMSS`, send what NextSeg () names.
    fn rfc6675_send(&mut self, now: Instant) {
        let mss = u32::from(self.eff_mss()).max(1);
        for _ in 0..self.snd.sb.len().saturating_add(4) {
            let s = &self.snd;
            let pipe = crate::recovery::rfc6675::pipe(&s.sb, s.rfc6675.high_rxt);
            if s.ccs.cwnd.saturating_mul(mss).saturating_sub(pipe) < mss {
                break;
            }
            let next = self.may_send(true, true).ok();
            let choice = self.snd.rfc6675.next_seg(&self.snd.sb, next.is_some());
            match choice {
                Some(crate::recovery::NextSeg::NewData) => match next {
                    Some(n) => self.send_new(now, n, SendReason::Data),
                    None => break,
                },
                Some(
                    crate::recovery::NextSeg::Lost { start, end }
                    | crate::recovery::NextSeg::Unsacked { start, end },
                ) => {
                    self.retransmit(now, start, end, SendReason::FastRetransmit);
                    let stamp = self.xmit_stamp(now);
                    self.snd.sb.on_retransmit(start, end, stamp);
                    self.snd.rfc6675.on_retransmit(end, false, false);
                }
                Some(crate::recovery::NextSeg::Rescue { start, end }) => {
                    self.retransmit(now, start, end, SendReason::FastRetransmit);
                    let stamp = self.xmit_stamp(now);
                    self.snd.sb.on_probe_retransmit(start, end, stamp);
                    self.snd.rfc6675.on_retransmit(end, true, false);
                }
                None => break,
            }
        }
    }

    fn newreno_action(&mut self, now: Instant, action: NewRenoAction, acked: u32, ctx: &AckCtx) {
        match action {
            NewRenoAction::FastRetransmit => {
                // RFC 5681 §3.2 step 2–4: ssthresh = max(FlightSize/2, 2), retransmit,
                // cwnd = ssthresh + 3.
                let s = &mut self.snd;
                let flight = s.sb.packets_out();
                s.ccs.prior_cwnd = s.ccs.cwnd;
                s.ccs.ssthresh = s.cc.ssthresh(&s.ccs, flight);
                s.ccs.cwnd = s.ccs.ssthresh.saturating_add(3);
                s.ccs.cwnd_cnt = 0;
                s.fr.state = CaState::Recovery;
                let mut cur = CaState::Open;
                self.ca_state_changed(now, CaState::Open, CaState::Recovery, &mut cur);
                self.retransmit_head(now);
            }
            NewRenoAction::DupAckInRecovery => {
                // Step 4: each further duplicate ACK inflates cwnd by one segment.
                let s = &mut self.snd;
                s.ccs.cwnd = s.ccs.cwnd.saturating_add(1);
            }
            NewRenoAction::PartialAck => {
                // RFC 6582 §3.2 step 5: retransmit the first unacknowledged segment, deflate
                // cwnd by what was acknowledged and add back one segment.
                let s = &mut self.snd;
                s.ccs.cwnd = s.ccs.cwnd.saturating_sub(acked).saturating_add(1).max(1);
                self.retransmit_head(now);
            }
            NewRenoAction::FullAck => {
                // Full acknowledgment: cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS).
                let s = &mut self.snd;
                let flight = s.sb.packets_out().max(1);
                s.ccs.cwnd = s.ccs.ssthresh.min(flight.saturating_add(1)).max(1);
                s.fr.state = CaState::Open;
                let mut cur = CaState::Recovery;
                self.ca_state_changed(now, CaState::Recovery, CaState::Open, &mut cur);
            }
            NewRenoAction::None => {
                if ctx.acked > 0 {
                    let s = &mut self.snd;
                    s.cc.cong_avoid(&mut s.ccs, ctx);
                }
            }
        }
    }

    /// Resend the oldest outstanding segment (fast retransmit, NewReno's partial ACK).
    fn retransmit_head(&mut self, now: Instant) {
        let Some(h) = self.snd.sb.get(0).copied() else {
            return;
        };
        self.snd.sb.mark_lost(0);
        self.retransmit(now, h.start, h.end, SendReason::FastRetransmit);
        let stamp = self.xmit_stamp(now);
        self.snd.sb.on_retransmit(h.start, h.end, stamp);
    }
}
