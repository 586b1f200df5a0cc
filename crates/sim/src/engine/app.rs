//! The applications: timed calls, reactions to events, and the scenario's stale segments.

use super::{endpoint, Sim, What};
use crate::error::SimError;
use crate::scenario::{Call, Payload, Trigger};
use crate::trace::{AppCall, Fate, Hex, LossCause, SegmentRecord, SendData, Side, TraceEventKind};
use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;
use synack_core::{Bytes, Connection, Flags, Instant, Segment, SendReason, TcpOption};

fn app_call(call: &Call) -> AppCall {
    match call {
        Call::Listen => AppCall::Listen,
        Call::Connect => AppCall::Connect,
        Call::Send(p) => AppCall::Send {
            data: match p {
                Payload::Text(t) => SendData::from(t.clone()),
                Payload::Bytes(n) => SendData::filler(*n),
            },
        },
        Call::ShutdownWrite => AppCall::ShutdownWrite,
        Call::Close => AppCall::Close,
        Call::Abort => AppCall::Abort,
        Call::Crash => AppCall::Crash,
    }
}

impl Sim<'_> {
    /// `side`'s application sees `trigger`: queue its reactions (once per run), each after
    /// the reaction delay plus its own `after`.
    pub(super) fn react(&mut self, side: Side, trigger: Trigger) {
        let Some(done) = self.fired.get_mut(side).get_mut(trigger.index()) else {
            return;
        };
        if *done {
            return;
        }
        *done = true;
        if trigger == Trigger::Connected {
            self.on_connected(side);
        }
        let base = self.now.0.saturating_add(self.cfg.app_delay_us);
        let calls: Vec<(u64, Call)> = self
            .sc
            .script(side)
            .reactions(trigger)
            .iter()
            .map(|r| (base.saturating_add(r.after_us), r.call.clone()))
            .collect();
        for (at, call) in calls {
            self.push(at, What::App(side, call));
        }
    }

    /// `side`'s application makes `call` now. A failed call is written into the trace with
    /// the core's reason, as a program would see an error return.
    pub(super) fn app_call(&mut self, side: Side, call: &Call) {
        let now = self.now;
        let peer = endpoint(side.other());
        if call.opens() {
            self.before_open(side);
        }
        let result = match call {
            Call::Listen => self.conn(side).listen(now),
            Call::Connect => self.conn(side).connect(now, peer),
            Call::Send(Payload::Bytes(n)) => self.send_filler(side, 0, *n as usize).map(|_| ()),
            Call::Send(p) => self.conn(side).send(now, &p.as_bytes()).map(|_| ()),
            Call::ShutdownWrite => self.conn(side).shutdown_write(now),
            Call::Close => self.conn(side).close(now),
            Call::Abort => self.conn(side).abort(now),
            Call::Crash => {
                // The host forgets everything; its connection is a fresh, CLOSED one (which
                // answers any segment with RST, as a rebooted host does).
                let secret = *self.secrets.get(side);
                *self.conn(side) = Connection::new(self.profile.clone(), endpoint(side), secret);
                Ok(())
            }
        };
        self.rec.event(
            now,
            side,
            TraceEventKind::App {
                call: app_call(call),
                error: result.err().map(|e| e.to_string()),
            },
        );
        self.drain(side);
    }

    /// The scenario's `inject[i]`: a stale segment enters the link from `from`, travels one
    /// latency (no random fate), and arrives as if its sender had sent it.
    pub(super) fn inject(&mut self, i: usize) -> Result<(), SimError> {
        let Some(j) = self.sc.inject.get(i).cloned() else {
            return Err(SimError::Internal(format!("inject[{i}] does not exist")));
        };
        let (from, to) = (j.from, j.from.other());
        let iss_from = self.conns.get(from).tcb().iss;
        let iss_to = self.conns.get(to).tcb().iss;
        let syn = j.flags.contains(Flags::SYN);
        let seg = Segment {
            src_port: endpoint(from).port,
            dst_port: endpoint(to).port,
            // Relative numbers wrap around the 2^32 circle by design (RFC 9293 §3.4).
            seq: iss_from.wrapping_add(j.seq as u32),
            ack: if j.flags.contains(Flags::ACK) {
                iss_to.wrapping_add(j.ack as u32)
            } else {
                0
            },
            flags: j.flags,
            window: if syn { 64240 } else { 502 },
            urgent: 0,
            // An old incarnation's SYN: we cannot know its options; MSS is the one every
            // SYN carries (RFC 9293 §3.7.1).
            options: if syn {
                Vec::from([TcpOption::Mss(self.profile.mss)])
            } else {
                Vec::new()
            },
            payload: Bytes::new(),
        };
        let reason = if j.flags.contains(Flags::RST) {
            SendReason::Reset
        } else if syn && j.flags.contains(Flags::ACK) {
            SendReason::SynAck
        } else if syn {
            SendReason::Syn
        } else {
            SendReason::Ack
        };
        let nth = self.injected;
        self.injected = self.injected.saturating_add(1);
        let hex = Hex::emit(&seg, super::record::ips(from));
        let now = self.now;
        let rec = SegmentRecord {
            id: 0,
            from,
            sent_at: now,
            sender_state: self.conns.get(from).state(),
            reason,
            segment: seg,
            hex,
            fate: Fate::InFlight,
            duplicate_of: None,
            nth_from_side: nth,
            injected: true,
            estimated: None,
        };
        let id = self.rec.add_segment(rec);
        let latency = self.cfg.link(from).latency_us;
        if self.injection_dropped(nth, from) {
            let at = Instant(now.0.saturating_add(latency / 2));
            self.rec.set_fate(
                id,
                Fate::Lost {
                    at,
                    cause: LossCause::User,
                },
            );
        } else {
            self.push(now.0.saturating_add(latency), What::Arrive(id));
        }
        Ok(())
    }
}
