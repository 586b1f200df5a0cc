//! Invariants of the TCB that hold after every call, checked by the property tests and the
//! fuzz target (and available to any caller that wants to assert them, e.g. a simulator in
//! debug builds).

use super::{Closing, Connection};
use crate::event::TimerKind;
use crate::seq::{seq_gt, seq_le};
use crate::State;

impl Connection {
    /// Check the TCB's invariants; `Err` names the first one broken. Never panics.
    ///
    /// - SND.UNA =< SND.NXT =< the highest number sent (RFC 9293 §3.3.1, sequence space);
    /// - the retransmission timer (or Linux's loss probe or RACK timer, which stand in for it)
    ///   runs exactly while something is unacknowledged (RFC 6298 §5.1–§5.3), and at most one
    ///   of them and the persist timer at a time;
    /// - TIME-WAIT's timer runs exactly in TIME-WAIT, FIN-WAIT-2's only in FIN-WAIT-2, the
    ///   delayed ACK only while an ACK is owed, and nothing runs in CLOSED or LISTEN;
    /// - held out-of-order text lies beyond RCV.NXT;
    /// - a FIN has been sent only in the states that follow a CLOSE.
    pub fn check_invariants(&self) -> Result<(), &'static str> {
        let st = self.state;
        if !seq_le(self.snd_una, self.snd_nxt) {
            return Err("SND.UNA > SND.NXT");
        }
        if !seq_le(self.snd_nxt, self.snd_max) {
            return Err("SND.NXT beyond the highest number sent");
        }
        let armed = |k| self.timer(k).is_some();
        if matches!(st, State::Closed | State::Listen) {
            if self.timers().next().is_some() {
                return Err("a timer runs in CLOSED or LISTEN");
            }
            if !self.send_buf.is_empty() || self.fin_seq.is_some() {
                return Err("CLOSED or LISTEN keeps a send queue or a FIN");
            }
            return Ok(());
        }
        // Linux's one transmit timer (`icsk_pending`): the RTO, the loss probe, RACK's
        // reordering timer or the persist timer, never two at once.
        let xmit = [
            TimerKind::Retransmit,
            TimerKind::LossProbe,
            TimerKind::ReorderWait,
            TimerKind::Persist,
        ];
        if xmit.iter().filter(|&&k| armed(k)).count() > 1 {
            return Err("two transmit timers armed at once");
        }
        let outstanding = self.snd_una != self.snd_max;
        let timing = armed(TimerKind::Retransmit)
            || armed(TimerKind::LossProbe)
            || armed(TimerKind::ReorderWait);
        if outstanding != timing {
            return Err("retransmission timer out of step with unacknowledged data");
        }
        if armed(TimerKind::TimeWait) != (st == State::TimeWait) {
            return Err("TIME-WAIT timer outside TIME-WAIT (or missing in it)");
        }
        if armed(TimerKind::FinWait2) && st != State::FinWait2 {
            return Err("FIN-WAIT-2 timer outside FIN-WAIT-2");
        }
        if armed(TimerKind::DelayedAck) && !self.ack_pending {
            return Err("delayed-ACK timer with no ACK owed");
        }
        if armed(TimerKind::DelayedAck)
            && matches!(
                st,
                State::SynSent | State::SynReceived | State::Closing | State::TimeWait
            )
        {
            return Err("delayed-ACK timer in a state that ACKs at once");
        }
        if self.ooo.iter().any(|o| !seq_gt(o.seq, self.rcv_nxt)) {
            return Err("out-of-order text at or before RCV.NXT");
        }
        let after_close = matches!(
            st,
            State::FinWait1 | State::FinWait2 | State::Closing | State::LastAck | State::TimeWait
        );
        if self.fin_seq.is_some() && !after_close {
            return Err("a FIN was sent but the state does not follow a CLOSE");
        }
        if after_close && self.closing == Closing::Open {
            return Err("a closing state without a CLOSE");
        }
        if matches!(st, State::FinWait1 | State::Closing | State::LastAck)
            && self.send_buf.is_empty()
            && self.fin_seq.is_none()
            // A FIN held back by a zero window waits for a timer (persist, or our SYN's).
            && (self.snd_wnd != 0 || !xmit.iter().any(|&k| armed(k)))
        {
            return Err("nothing left to send but no FIN sent");
        }
        if matches!(st, State::FinWait2 | State::TimeWait) && self.snd_una != self.snd_max {
            return Err("FIN-WAIT-2 or TIME-WAIT with unacknowledged data");
        }
        Ok(())
    }
}
