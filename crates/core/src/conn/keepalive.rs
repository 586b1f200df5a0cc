//! Keep-alive (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6), as Linux's `tcp_keepalive_timer` runs
//! it: after `idle` without anything received and nothing to send, a probe
//! `<SEQ=SND.UNA-1><CTL=ACK>` without data every `interval`; after `count` unanswered probes
//! the connection is reset (`tcp_send_active_reset`) and the application sees ETIMEDOUT
//! (`tcp_write_err`).

use super::Connection;
use crate::event::Rfc;
use crate::event::{Cause, Event, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::{Instant, State};

impl Connection {
    /// Start the keep-alive timer if the option is on and the connection synchronized
    /// (`inet_csk_reset_keepalive_timer(sk, keepalive_time_when(tp))` at establishment and
    /// on `SO_KEEPALIVE`).
    pub(crate) fn arm_keepalive(&mut self, now: Instant) {
        let open = self.snd.ready || self.state.is_synchronized();
        if self.opts.keepalive
            && open
            && !matches!(self.state, State::TimeWait | State::Closed | State::Listen)
        {
            let idle = self.opts.keepalive_params.idle;
            self.arm_timer(now, TimerKind::Keepalive, idle);
        } else if !self.opts.keepalive {
            self.cancel_timer(TimerKind::Keepalive);
        }
    }

    /// TCP_KEEPIDLE changed on a connection with keep-alive on
    /// (`tcp_sock_set_keepidle_locked`): the timer is set to the new idle time less what has
    /// already passed since the last segment arrived.
    pub(crate) fn keepidle_changed(&mut self, now: Instant) {
        if self.timer(TimerKind::Keepalive).is_none() {
            return;
        }
        let last = self.snd.rcv_tstamp.max(self.lrcvtime);
        let elapsed = now.saturating_since(last);
        let idle = self.opts.keepalive_params.idle;
        self.arm_timer(now, TimerKind::Keepalive, idle.saturating_sub(elapsed));
    }

    /// The keep-alive timer fired.
    pub(crate) fn on_keepalive(&mut self, now: Instant) {
        let k = self.opts.keepalive_params;
        if !self.opts.keepalive
            || matches!(
                self.state,
                State::Closed | State::Listen | State::SynSent | State::TimeWait
            )
        {
            return;
        }
        // "It is alive without keepalive": data in flight or waiting has its own timers.
        if self.snd.sb.packets_out() > 0 || self.unsent() > 0 {
            self.arm_timer(now, TimerKind::Keepalive, k.idle);
            return;
        }
        // keepalive_time_elapsed: since the last segment received.
        let last = self.snd.rcv_tstamp.max(self.lrcvtime);
        let elapsed = now.saturating_since(last);
        if elapsed < k.idle {
            self.arm_timer(now, TimerKind::Keepalive, k.idle - elapsed);
            return;
        }
        if self.snd.probes_out >= k.count {
            // Linux resets the peer (RST|ACK) and reports ETIMEDOUT.
            if self.profile.flavor == Flavor::Linux {
                self.send_abort_rst(now);
            }
            let in_state = self.state;
            self.events.push_back(Event::TimedOut { in_state });
            self.set_state(State::Closed, Cause::RetriesExhausted, Rfc::S3_8_4);
            self.delete_tcb();
            return;
        }
        self.send_probe_ack(now, SendReason::KeepaliveProbe);
        self.snd.probes_out = self.snd.probes_out.saturating_add(1);
        self.arm_timer(now, TimerKind::Keepalive, k.interval);
    }
}
