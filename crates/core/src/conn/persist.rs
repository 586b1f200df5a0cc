//! The persist timer (RFC 9293 §3.8.6.1, "zero-window probing"): while the peer's window
//! holds back queued data and nothing is in flight, probe it so that a lost window update
//! cannot stall the connection. Linux: `tcp_check_probe_timer`, `tcp_ack_probe`,
//! `tcp_probe_timer`, `tcp_send_probe0`, `tcp_probe0_when`, `tcp_write_wakeup`.

use super::send::NextSegment;
use super::{Closing, Connection};
use crate::event::Rfc;
use crate::event::{Cause, Event, SendLimit, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::seq_gt;
use crate::{Instant, State};
use core::time::Duration;

impl Connection {
    /// `tcp_probe0_base`: the RTO, at least `TCP_RTO_MIN`.
    fn probe0_base(&self) -> Duration {
        self.rto_cur.max(self.profile.rto_min)
    }

    /// `tcp_probe0_when`: the base doubled per unanswered probe (`icsk_backoff`), at most
    /// `TCP_RTO_MAX`.
    fn probe0_when(&self) -> Duration {
        let shift = u32::from(self.snd.probe_backoff.min(31));
        self.probe0_base()
            .saturating_mul(1u32 << shift)
            .min(self.profile.rto_max)
    }

    /// `tcp_check_probe_timer`: nothing in flight, data held back by the window, and no
    /// transmit timer pending: arm the persist timer with the base interval.
    pub(crate) fn check_probe_timer(&mut self, now: Instant) {
        let pending = [
            TimerKind::Retransmit,
            TimerKind::LossProbe,
            TimerKind::ReorderWait,
            TimerKind::Persist,
        ]
        .iter()
        .any(|&k| self.timer(k).is_some());
        if self.snd.sb.packets_out() == 0 && !pending {
            let d = self.probe0_when();
            self.arm_xmit_timer(now, TimerKind::Persist, d);
        }
    }

    /// `tcp_ack_probe`, on an ACK when nothing is in flight: if the window now takes the next
    /// segment, the backoff ends and the timer stops (the data follows); otherwise the probe
    /// timer runs with the backed-off interval.
    pub(crate) fn ack_probe(&mut self, now: Instant) {
        if self.snd.sb.packets_out() > 0 || (self.unsent() == 0 && !self.fin_pending()) {
            return;
        }
        match self.may_send(true, true) {
            Err(SendLimit::RwndLimited | SendLimit::WaitingForWindow) => {
                let d = self.probe0_when();
                self.arm_xmit_timer(now, TimerKind::Persist, d);
            }
            _ => {
                self.snd.probe_backoff = 0;
                self.cancel_timer(TimerKind::Persist);
            }
        }
    }

    /// The persist timer fired (`tcp_probe_timer`). Probes are unlimited while the peer
    /// answers them (RFC 1122 §4.2.2.17); unanswered, `tcp_retries2` of them (an orphan:
    /// `tcp_orphan_retries`) end the connection.
    pub(crate) fn on_persist(&mut self, now: Instant) {
        if self.snd.sb.packets_out() > 0 || (self.unsent() == 0 && !self.fin_pending()) {
            self.snd.probes_out = 0;
            return;
        }
        if self.snd.probes_out >= self.max_data_retries() {
            self.write_err(now);
            return;
        }
        self.send_probe0(now);
    }

    /// `tcp_send_probe0` / `tcp_write_wakeup`: if the window opened part way, send what fits;
    /// else a probe. `linux`: `<SEQ=SND.UNA-1><CTL=ACK>` without data, which the peer must
    /// answer with an ACK (`tcp_xmit_probe_skb`). `textbook` (RFC 9293 §3.8.6.1): one octet
    /// of new data beyond the window, retransmitted with the RTO's backoff while unanswered.
    fn send_probe0(&mut self, now: Instant) {
        let wnd_end = self.snd_una.wrapping_add(self.snd_wnd);
        let room = if seq_gt(wnd_end, self.snd_nxt) {
            wnd_end.wrapping_sub(self.snd_nxt)
        } else {
            0
        };
        if room > 0 && self.unsent() > 0 {
            let len = self.unsent().min(room).min(self.send_mss());
            let fin = self.fin_pending() && len == self.unsent();
            self.send_new(now, NextSegment { len, fin }, SendReason::Data);
        } else if self.profile.flavor == Flavor::Textbook && self.unsent() > 0 {
            self.send_new(
                now,
                NextSegment { len: 1, fin: false },
                SendReason::WindowProbe,
            );
        } else {
            self.send_probe_ack(now, SendReason::WindowProbe);
        }
        if self.snd.sb.packets_out() > 0 {
            self.snd.probes_out = 0;
            self.snd.probe_backoff = 0;
            return;
        }
        self.snd.probes_out = self.snd.probes_out.saturating_add(1);
        if self.snd.probe_backoff < self.profile.data_retries {
            self.snd.probe_backoff = self.snd.probe_backoff.saturating_add(1);
        }
        let d = self.probe0_when();
        self.arm_xmit_timer(now, TimerKind::Persist, d);
    }

    /// `tcp_xmit_probe_skb`: `<SEQ=SND.UNA-1><ACK=RCV.NXT><CTL=ACK>`, no data: an old
    /// sequence number the peer answers with an ACK carrying its window.
    pub(crate) fn send_probe_ack(&mut self, now: Instant, reason: SendReason) {
        self.send_bare_ack(now, self.snd_una.wrapping_sub(1), reason);
    }

    /// Retransmissions or probes allowed before giving up on data (`tcp_retries2`); an
    /// orphan (after close()) in `linux` gets `tcp_orphan_retries`, 0 meaning 8.
    pub(crate) fn max_data_retries(&self) -> u8 {
        let orphan = self.closing == Closing::Closed
            && matches!(
                self.state,
                State::FinWait1 | State::Closing | State::LastAck
            );
        if orphan && self.profile.flavor == Flavor::Linux {
            return LINUX_ORPHAN_RETRIES.min(self.profile.data_retries);
        }
        self.profile.data_retries
    }

    /// `tcp_write_err`: the connection failed (ETIMEDOUT for the application).
    pub(crate) fn write_err(&mut self, now: Instant) {
        let _ = now;
        let in_state = self.state;
        self.events.push_back(Event::TimedOut { in_state });
        self.set_state(State::Closed, Cause::RetriesExhausted, Rfc::S3_8_3);
        self.delete_tcb();
    }
}

/// `tcp_orphan_retries` with `sysctl_tcp_orphan_retries` = 0 and a live RTO: 8.
const LINUX_ORPHAN_RETRIES: u8 = 8;
