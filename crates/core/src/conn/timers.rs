//! Timers (each one visible to the UI) and retransmission (RFC 6298 §5).

use super::{Connection, TimerState};
use crate::event::Rfc;
use crate::event::{Cause, Event, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::seq_gt;
use crate::{Instant, State};
use core::time::Duration;

impl Connection {
    pub(crate) fn timer(&self, kind: TimerKind) -> Option<TimerState> {
        self.timers.get(kind.index()).copied().flatten()
    }

    fn slot_mut(&mut self, kind: TimerKind) -> Option<&mut Option<TimerState>> {
        self.timers.get_mut(kind.index())
    }

    /// Arm (or re-arm) a timer to expire `after` from `now`.
    pub(crate) fn arm_timer(&mut self, now: Instant, kind: TimerKind, after: Duration) {
        // Never due at once: a timer armed while timers are handled must not be due at the
        // same instant, or a caller would loop on handle_timeout.
        let after = after.max(Duration::from_micros(1));
        let at = now + after;
        if let Some(t) = self.slot_mut(kind) {
            *t = Some(TimerState {
                kind,
                armed_at: now,
                expires: at,
            });
        }
        self.events.push_back(Event::TimerArmed {
            timer: kind,
            at,
            duration: after,
        });
    }

    pub(crate) fn cancel_timer(&mut self, kind: TimerKind) {
        if self.slot_mut(kind).and_then(Option::take).is_some() {
            self.events.push_back(Event::TimerCancelled { timer: kind });
        }
    }

    /// Orphaned FIN-WAIT-2: Linux gives the peer `tcp_fin_timeout` to send its FIN.
    pub(crate) fn arm_fin_wait2(&mut self, now: Instant) {
        if let Some(d) = self.profile.fin_wait2_timeout {
            self.arm_timer(now, TimerKind::FinWait2, d);
        }
    }

    /// Enter TIME-WAIT: "start the time-wait timer, turn off the other timers"
    /// (RFC 9293 §3.10.7.4, eighth check).
    pub(crate) fn enter_time_wait(&mut self, now: Instant, cause: Cause, rfc: Rfc) {
        self.set_state(State::TimeWait, cause, rfc);
        for kind in [
            TimerKind::Retransmit,
            TimerKind::FinWait2,
            TimerKind::DelayedAck,
            TimerKind::Persist,
            TimerKind::Keepalive,
            TimerKind::LossProbe,
            TimerKind::ReorderWait,
        ] {
            self.cancel_timer(kind);
        }
        self.arm_timer(now, TimerKind::TimeWait, self.profile.time_wait);
    }

    /// Call when `now` has reached [`Connection::poll_timeout`]. Fires every timer that is due.
    pub fn handle_timeout(&mut self, now: Instant) {
        for kind in TimerKind::ALL {
            let Some(t) = self.timer(kind) else {
                continue;
            };
            if t.expires > now {
                continue;
            }
            if let Some(s) = self.slot_mut(kind) {
                *s = None;
            }
            self.events.push_back(Event::TimerFired { timer: kind });
            match kind {
                TimerKind::Retransmit => self.on_rto(now),
                TimerKind::DelayedAck => self.on_delayed_ack(now),
                TimerKind::TimeWait => {
                    // "When the time-wait timeout expires, delete the TCB, enter the CLOSED state"
                    self.set_state(State::Closed, Cause::Timeout(kind), Rfc::S3_10_8);
                    self.delete_tcb();
                }
                TimerKind::FinWait2 => {
                    // The orphan gave the peer tcp_fin_timeout to send its FIN; Linux then
                    // drops the connection silently (the FIN-WAIT-2 timewait socket expires).
                    self.events.push_back(Event::TimedOut {
                        in_state: self.state,
                    });
                    self.set_state(State::Closed, Cause::Timeout(kind), Rfc::LinuxTcpFinTimeout);
                    self.delete_tcb();
                }
                TimerKind::Persist => self.on_persist(now),
                TimerKind::Keepalive => self.on_keepalive(now),
                TimerKind::LossProbe => self.on_loss_probe(now),
                TimerKind::ReorderWait => self.on_reorder_wait(now),
            }
        }
    }

    fn on_delayed_ack(&mut self, now: Instant) {
        if !self.ack_pending {
            return;
        }
        if self.compressed_ack > 0 {
            // tcp_compressed_ack_kick: the held-back duplicate ACK, with the newest SACK blocks.
            self.send_ack(now, SendReason::OutOfOrderAck);
            return;
        }
        if self.profile.flavor == Flavor::Linux {
            // tcp_delack_timer_handler: a missed delayed ACK ends ping-pong mode and deflates
            // the ATO; outside ping-pong it inflates the ATO.
            if self.pingpong {
                self.pingpong = false;
                self.ato = self.profile.ato_min;
            } else {
                self.ato = self.ato.saturating_mul(2).min(self.rto_cur);
            }
        }
        self.send_ack(now, SendReason::Ack);
    }

    /// How many retransmissions of the current segment are allowed before giving up.
    fn max_retransmits(&self) -> u8 {
        let p = &self.profile;
        match self.state {
            // Linux tcp_write_timeout: SYN-SENT gets tcp_syn_retries + tcp_syn_linear_timeouts.
            State::SynSent => p.syn_retries.saturating_add(p.syn_linear_timeouts),
            State::SynReceived if self.passive => p.synack_retries,
            State::SynReceived => p.syn_retries,
            _ => self.max_data_retries(),
        }
    }

    /// RFC 6298 §5.4–§5.6: retransmit the earliest unacknowledged segment, back the timer off,
    /// restart it. Give up when the retransmissions are exhausted (RFC 9293 §3.8.3: "R2").
    fn on_rto(&mut self, now: Instant) {
        if self.snd_una == self.snd_max {
            return; // nothing outstanding (spurious)
        }
        if self.retries >= self.max_retransmits() {
            let in_state = self.state;
            self.events.push_back(Event::TimedOut { in_state });
            if in_state == State::SynReceived && self.passive {
                // A half-open embryo is dropped; the listener stays (Linux reqsk expiry).
                self.set_state(State::Listen, Cause::RetriesExhausted, Rfc::S3_8_3);
            } else {
                self.set_state(State::Closed, Cause::RetriesExhausted, Rfc::S3_8_3);
            }
            self.delete_tcb();
            return;
        }
        let first_timeout = self.retries == 0;
        self.retries = self.retries.saturating_add(1);
        // §5.5: back off the timer (RTO <- RTO * 2), except Linux's first SYN retransmissions
        // (tcp_syn_linear_timeouts, Linux >= 6.5) which keep the initial RTO.
        let linear = self.state == State::SynSent
            && self.profile.flavor == Flavor::Linux
            && self.retries <= self.profile.syn_linear_timeouts;
        if !linear {
            self.rto_cur = self.rto_cur.saturating_mul(2).min(self.profile.rto_max);
        }
        self.rtt_probe = None; // Karn's algorithm
        let before = self.tx.len();
        if !seq_gt(self.snd_una, self.iss) || !self.snd.ready {
            // §5.6: start the timer with the backed-off RTO (before sending, so the send
            // does not arm it a second time). Our SYN is not acknowledged yet: it is what
            // goes again — as SYN,ACK once the peer's SYN is known (SYN-RECEIVED, or a CLOSE
            // queued there: FIN-WAIT-1).
            self.arm_timer(now, TimerKind::Retransmit, self.rto_cur);
            self.send_syn(now, self.irs.is_some(), true);
        } else {
            // Data or FIN: loss recovery after a timeout (conn/recover.rs), then §5.6.
            self.enter_loss(now, first_timeout);
            self.arm_xmit_timer(now, TimerKind::Retransmit, self.rto_cur);
        }
        let (seq, flags, len) = match self.tx.get(before) {
            Some(s) => (s.seq, s.flags, s.seg_len()),
            None => (self.snd_una, crate::Flags::EMPTY, 0),
        };
        self.events.push_back(Event::Retransmission {
            seq,
            flags,
            len,
            attempt: self.retries,
            rto: self.rto_cur,
        });
    }
}
