//! Per-side histories, indexed by time: state transitions, TCB snapshots, and the sequence
//! number bases for relative display. Every query is a binary search.

use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Cause, Event, Flags, Instant, State, Tcb};
use synack_sim::{Side, Trace, TraceEventKind};

/// One state change of one side (from the trace's `StateChanged` events).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub at: Instant,
    pub from: State,
    pub to: State,
    pub cause: Cause,
    /// The RFC 9293 section of the rule.
    pub rfc: &'static str,
}

/// Both sides' histories. Build once per trace with [`Timeline::new`].
#[derive(Clone, Debug, Serialize)]
pub struct Timeline {
    /// [client, server], each in time order.
    pub transitions: [Vec<Transition>; 2],
    /// [client, server]: (time, TCB), in time order.
    pub snapshots: [Vec<(Instant, Tcb)>; 2],
    /// Each side's state before its first transition.
    pub initial: [State; 2],
    /// Each side's base for relative sequence numbers: the ISN of its first SYN (or, if it
    /// never sent one, the sequence number of its first segment, as Wireshark does).
    pub seq_base: [u32; 2],
    /// Whether `seq_base` is a real ISN (from a SYN).
    pub isn_known: [bool; 2],
    /// The id of each side's first SYN (which reveals its ISN).
    pub first_syn: [Option<u32>; 2],
}

impl Timeline {
    pub fn new(trace: &Trace) -> Timeline {
        let mut tl = Timeline {
            transitions: [Vec::new(), Vec::new()],
            snapshots: [Vec::new(), Vec::new()],
            initial: [State::Closed; 2],
            seq_base: [0; 2],
            isn_known: [false; 2],
            first_syn: [None; 2],
        };
        for e in &trace.events {
            if let TraceEventKind::Core {
                event:
                    Event::StateChanged {
                        from,
                        to,
                        cause,
                        rfc,
                    },
            } = &e.kind
            {
                tl.transitions[e.side.index()].push(Transition {
                    at: e.at,
                    from: *from,
                    to: *to,
                    cause: *cause,
                    rfc,
                });
            }
        }
        for s in &trace.snapshots {
            tl.snapshots[s.side.index()].push((s.at, s.tcb));
        }
        for side in Side::BOTH {
            let i = side.index();
            // Stable sorts: the trace is in time order already; this only guards the binary
            // searches below against a hand-made trace that is not.
            tl.transitions[i].sort_by_key(|t| t.at);
            tl.snapshots[i].sort_by_key(|s| s.0);
            tl.initial[i] = match tl.transitions[i].first() {
                Some(t) => t.from,
                None => trace.final_states[i],
            };
            let mine = || trace.segments.iter().filter(move |r| r.from == side);
            let syn = mine().find(|r| r.segment.flags.contains(Flags::SYN));
            let (base, known) = match (syn, mine().next()) {
                (Some(r), _) => (r.segment.seq, true),
                (None, Some(r)) => (r.segment.seq, false),
                (None, None) => match tl.snapshots[i].first() {
                    Some((_, tcb)) => (tcb.iss, true),
                    None => (0, false),
                },
            };
            tl.first_syn[i] = syn.map(|r| r.id);
            tl.seq_base[i] = base;
            tl.isn_known[i] = known;
        }
        tl
    }

    /// The state of `side` at `t` (transitions at exactly `t` have happened).
    pub fn state_at(&self, side: Side, t: Instant) -> State {
        match self.transition_at(side, t) {
            Some(tr) => tr.to,
            None => self.initial[side.index()],
        }
    }

    /// The latest transition of `side` at or before `t`.
    pub fn transition_at(&self, side: Side, t: Instant) -> Option<&Transition> {
        let list = &self.transitions[side.index()];
        let k = list.partition_point(|tr| tr.at <= t);
        list.get(k.checked_sub(1)?)
    }

    /// The latest TCB snapshot of `side` at or before `t`.
    pub fn tcb_at(&self, side: Side, t: Instant) -> Option<(Instant, &Tcb)> {
        let list = &self.snapshots[side.index()];
        let k = list.partition_point(|s| s.0 <= t);
        list.get(k.checked_sub(1)?).map(|(at, tcb)| (*at, tcb))
    }

    /// A sequence number sent by `side`, for display.
    pub fn show_seq(&self, side: Side, seq: u32, mode: crate::SeqMode) -> u32 {
        match mode {
            crate::SeqMode::Absolute => seq,
            crate::SeqMode::Relative => seq.wrapping_sub(self.seq_base[side.index()]),
        }
    }

    /// An acknowledgment number sent by `side` (it counts the peer's sequence space).
    pub fn show_ack(&self, side: Side, ack: u32, mode: crate::SeqMode) -> u32 {
        self.show_seq(side.other(), ack, mode)
    }
}
