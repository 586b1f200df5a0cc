//! Writing down what happened: draining a connection's outputs into the trace (events, the
//! segments they describe, snapshots of the TCB), in causal order.

use super::{endpoint, Sim};
use crate::scenario::Trigger;
use crate::trace::{
    Fate, Hex, Host, SegmentRecord, Side, Snapshot, StopReason, Trace, TraceEvent, TraceEventKind,
};
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::{Connection, Event, Flags, Instant, Ipv4Pair, Segment, SendReason, State};

/// The trace being written.
#[derive(Default)]
pub(super) struct Recorder {
    pub(super) segments: Vec<SegmentRecord>,
    events: Vec<TraceEvent>,
    snapshots: Vec<Snapshot>,
    /// Each side's latest snapshot: its index in `snapshots`.
    last: [Option<usize>; 2],
    /// Ids of the segments sent by the input being drained (kept to reuse its allocation).
    pub(super) new: Vec<u32>,
}

/// The addresses of a segment from `from`, for the pseudo-header checksum.
pub(crate) fn ips(from: Side) -> Ipv4Pair {
    Ipv4Pair {
        src: endpoint(from).addr,
        dst: endpoint(from.other()).addr,
    }
}

/// The application-level trigger an event fires, if any.
fn trigger_of(ev: &Event) -> Option<Trigger> {
    match ev {
        Event::Connected => Some(Trigger::Connected),
        Event::DataReceived { .. } => Some(Trigger::Data),
        Event::Eof => Some(Trigger::Eof),
        Event::Refused | Event::Reset { .. } | Event::TimedOut { .. } => Some(Trigger::Error),
        Event::Closed => Some(Trigger::Closed),
        _ => None,
    }
}

impl Recorder {
    /// Room for about `segments` segments and what comes with them: in a bulk transfer about
    /// 6.4 events and one snapshot per segment.
    pub(super) fn with_capacity(segments: usize) -> Recorder {
        Recorder {
            segments: Vec::with_capacity(segments),
            events: Vec::with_capacity(segments.saturating_mul(7)),
            snapshots: Vec::with_capacity(segments.saturating_add(segments / 8).saturating_add(8)),
            ..Recorder::default()
        }
    }

    #[inline]
    pub(super) fn event(&mut self, at: Instant, side: Side, kind: TraceEventKind) {
        self.events.push(TraceEvent { at, side, kind });
    }

    /// Record a TCB snapshot of `side` if anything in it (or its timers) changed.
    pub(super) fn snapshot(&mut self, at: Instant, side: Side, conn: &Connection) {
        let tcb = conn.tcb();
        let Some(last) = self.last.get_mut(side.index()) else {
            return;
        };
        // Compared in place: nothing is allocated unless something changed.
        if let Some(prev) = last.and_then(|i| self.snapshots.get(i)) {
            if prev.tcb == tcb && prev.timers.iter().copied().eq(conn.timers()) {
                return;
            }
        }
        *last = Some(self.snapshots.len());
        self.snapshots.push(Snapshot {
            at,
            side,
            tcb,
            timers: conn.timers().collect(),
        });
    }

    /// Add a segment record (fate still in flight); returns its id.
    pub(super) fn add_segment(&mut self, mut rec: SegmentRecord) -> u32 {
        let id = self.segments.len() as u32;
        rec.id = id;
        self.segments.push(rec);
        id
    }

    pub(super) fn set_fate(&mut self, id: u32, fate: Fate) {
        if let Some(r) = self.segments.get_mut(id as usize) {
            r.fate = fate;
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn into_trace(
        self,
        scenario: String,
        seed: u64,
        client: Host,
        server: Host,
        now: Instant,
        final_states: [State; 2],
        stop: StopReason,
    ) -> Trace {
        let mut end = now;
        for r in &self.segments {
            if let Fate::Arrived { at } | Fate::Lost { at, .. } = r.fate {
                end = end.max(at);
            }
        }
        let t0 = self
            .segments
            .iter()
            .find(|r| r.from == Side::Client && !r.injected && r.segment.flags == Flags::SYN)
            .map_or(Instant::ZERO, |r| r.sent_at);
        Trace {
            version: 1,
            scenario,
            seed,
            client,
            server,
            segments: self.segments,
            events: self.events,
            snapshots: self.snapshots,
            end,
            final_states,
            t0,
            stop,
        }
    }
}

impl Sim<'_> {
    /// After an input to `side`: write down its events in order, each sent segment right
    /// after its `SegmentSent` event, run the reactions the events trigger, put the new
    /// segments on the wire, and snapshot the TCB.
    pub(super) fn drain(&mut self, side: Side) {
        let now = self.now;
        let mut new = core::mem::take(&mut self.rec.new);
        new.clear();
        // The application acts on what the input brought (reads, the rest of a write), and
        // what it does is an input too: a few rounds (a read opens the window, the window
        // update goes out; each round can only consume what the previous one produced).
        for _ in 0..4 {
            self.drain_outputs(side, &mut new);
            if !self.app_act(side) {
                break;
            }
        }
        // The sender's state just after this input: what `ss` would show as it left.
        let state = self.conn(side).state();
        for &id in &new {
            if let Some(r) = self.rec.segments.get_mut(id as usize) {
                r.sender_state = state;
            }
        }
        for &id in &new {
            self.launch(id);
        }
        self.rec.new = new;
        let conn = self.conns.get(side);
        self.rec.snapshot(now, side, conn);
    }

    /// Write down `side`'s events in order, each sent segment right after its `SegmentSent`
    /// event, and run the reactions the events trigger.
    fn drain_outputs(&mut self, side: Side, new: &mut Vec<u32>) {
        let now = self.now;
        let deferred = self.deferred(side);
        while let Some(ev) = self.conn(side).poll_event() {
            let reason = match ev {
                Event::SegmentSent { reason, .. } => Some(reason),
                _ => None,
            };
            let mut trig = trigger_of(&ev);
            if deferred {
                // The program learns of data and EOF by reading (model.rs).
                match trig {
                    Some(Trigger::Data) => trig = None,
                    Some(Trigger::Eof) => {
                        self.note_eof(side);
                        trig = None;
                    }
                    _ => {}
                }
            }
            self.rec
                .event(now, side, TraceEventKind::Core { event: ev });
            if let Some(reason) = reason {
                if let Some(seg) = self.conn(side).poll_transmit() {
                    new.push(self.record_sent(side, seg, reason));
                }
            }
            if let Some(t) = trig {
                self.react(side, t);
            }
        }
        while let Some(seg) = self.conn(side).poll_transmit() {
            let reason = crate::trace::reason_from_flags(&seg);
            new.push(self.record_sent(side, seg, reason));
        }
    }

    fn record_sent(&mut self, side: Side, seg: Segment, reason: SendReason) -> u32 {
        let nth = *self.sent.get(side);
        *self.sent.get_mut(side) = nth.saturating_add(1);
        if self.sent.client.saturating_add(self.sent.server) >= self.cfg.limits.max_segments {
            self.stop = Some(StopReason::SegmentLimit);
        }
        let hex = Hex::emit(&seg, ips(side));
        let rec = SegmentRecord {
            id: 0,
            from: side,
            sent_at: self.now,
            sender_state: self.conns.get(side).state(),
            reason,
            segment: seg,
            hex,
            fate: Fate::InFlight,
            duplicate_of: None,
            nth_from_side: nth,
            injected: false,
            estimated: None,
        };
        let id = self.rec.add_segment(rec);
        self.rec.event(self.now, side, TraceEventKind::Sent { id });
        id
    }
}
