//! Per-side histories, indexed by time: state transitions, TCB snapshots, and the sequence
//! number bases for relative display. Every query is a binary search.

use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Cause, Event, Flags, Instant, Rfc, State, Tcb};
use synack_sim::{AppCall, Side, Trace, TraceEventKind};
use synack_text::order::sort_by_u64;

/// The `rfc` of a transition the timeline adds for a host crash (no rule runs: the host
/// forgot everything, RFC 9293 §3.5.2 "half-open connections").
pub const CRASH: Rfc = Rfc::S3_5_2;

/// One state change of one side (from the trace's `StateChanged` events).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub at: Instant,
    pub from: State,
    pub to: State,
    pub cause: Cause,
    /// The rule.
    pub rfc: Rfc,
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

/// `pair[side]` for a [client, server] pair, without a run-time index.
pub fn of<T>(pair: &[T; 2], side: Side) -> &T {
    let [c, s] = pair;
    match side {
        Side::Client => c,
        Side::Server => s,
    }
}

/// `&mut pair[side]` for a [client, server] pair, without a run-time index.
pub fn of_mut<T>(pair: &mut [T; 2], side: Side) -> &mut T {
    let [c, s] = pair;
    match side {
        Side::Client => c,
        Side::Server => s,
    }
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
        // The state each side is in while we read, to give a synthesized transition its
        // `from`.
        let mut cur: [Option<State>; 2] = [None, None];
        for e in &trace.events {
            let side = e.side;
            match &e.kind {
                TraceEventKind::Core {
                    event:
                        Event::StateChanged {
                            from,
                            to,
                            cause,
                            rfc,
                        },
                } => {
                    of_mut(&mut tl.transitions, side).push(Transition {
                        at: e.at,
                        from: *from,
                        to: *to,
                        cause: *cause,
                        rfc: *rfc,
                    });
                    *of_mut(&mut cur, side) = Some(*to);
                }
                // A crash forgets the connection without a StateChanged event (the host
                // reboots with a fresh, CLOSED endpoint): draw it as a drop to CLOSED.
                TraceEventKind::App {
                    call: AppCall::Crash,
                    error: None,
                } => {
                    let from = of(&cur, side).unwrap_or(State::Closed);
                    if from != State::Closed {
                        of_mut(&mut tl.transitions, side).push(Transition {
                            at: e.at,
                            from,
                            to: State::Closed,
                            cause: Cause::Abort,
                            rfc: CRASH,
                        });
                        *of_mut(&mut cur, side) = Some(State::Closed);
                    }
                }
                _ => {}
            }
        }
        // Each side's snapshots, sized once (a long trace has thousands of TCBs to copy).
        let clients = trace
            .snapshots
            .iter()
            .filter(|s| s.side == Side::Client)
            .count();
        tl.snapshots = [
            Vec::with_capacity(clients),
            Vec::with_capacity(trace.snapshots.len().saturating_sub(clients)),
        ];
        for s in &trace.snapshots {
            of_mut(&mut tl.snapshots, s.side).push((s.at, s.tcb));
        }
        for side in Side::BOTH {
            // Stable sorts: the trace is in time order already; this only guards the binary
            // searches below against a hand-made trace that is not.
            sort_by_u64(of_mut(&mut tl.transitions, side), |t| t.at.0);
            sort_by_u64(of_mut(&mut tl.snapshots, side), |s| s.0 .0);
            *of_mut(&mut tl.initial, side) = match of(&tl.transitions, side).first() {
                Some(t) => t.from,
                None => *of(&trace.final_states, side),
            };
            // Injected stale segments belong to an old incarnation: not a base.
            let mine = || {
                trace
                    .segments
                    .iter()
                    .filter(move |r| r.from == side && !r.injected)
            };
            let syn = mine().find(|r| r.segment.flags.contains(Flags::SYN));
            let (base, known) = match (syn, mine().next()) {
                (Some(r), _) => (r.segment.seq, true),
                (None, Some(r)) => (r.segment.seq, false),
                (None, None) => match of(&tl.snapshots, side).first() {
                    Some((_, tcb)) => (tcb.iss, true),
                    None => (0, false),
                },
            };
            *of_mut(&mut tl.first_syn, side) = syn.map(|r| r.id);
            *of_mut(&mut tl.seq_base, side) = base;
            *of_mut(&mut tl.isn_known, side) = known;
        }
        tl
    }

    /// The state of `side` at `t` (transitions at exactly `t` have happened).
    pub fn state_at(&self, side: Side, t: Instant) -> State {
        match self.transition_at(side, t) {
            Some(tr) => tr.to,
            None => *of(&self.initial, side),
        }
    }

    /// The latest transition of `side` at or before `t`.
    pub fn transition_at(&self, side: Side, t: Instant) -> Option<&Transition> {
        let list = of(&self.transitions, side);
        let k = list.partition_point(|tr| tr.at <= t);
        list.get(k.checked_sub(1)?)
    }

    /// The latest TCB snapshot of `side` at or before `t`.
    pub fn tcb_at(&self, side: Side, t: Instant) -> Option<(Instant, &Tcb)> {
        let list = of(&self.snapshots, side);
        let k = list.partition_point(|s| s.0 <= t);
        list.get(k.checked_sub(1)?).map(|(at, tcb)| (*at, tcb))
    }

    /// A sequence number sent by `side`, for display. Relative numbers are read as signed
    /// 32-bit differences (RFC 9293 §3.4 modular arithmetic), so a stale segment from before
    /// the ISN shows as "-10", not "4294967286".
    pub fn show_seq(&self, side: Side, seq: u32, mode: crate::SeqMode) -> i64 {
        match mode {
            crate::SeqMode::Absolute => i64::from(seq),
            crate::SeqMode::Relative => {
                let base = *of(&self.seq_base, side);
                i64::from(seq.wrapping_sub(base) as i32)
            }
        }
    }

    /// An acknowledgment number sent by `side` (it counts the peer's sequence space).
    pub fn show_ack(&self, side: Side, ack: u32, mode: crate::SeqMode) -> i64 {
        self.show_seq(side.other(), ack, mode)
    }
}
