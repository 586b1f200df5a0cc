//! What the layout reads of a trace's events, in one pass over them: a long trace has tens
//! of thousands, and each pass over them costs as much as the little it computes.

use super::TimerEnd;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;
use synack_core::{Event, LinuxTimer, TimerKind};
use synack_sim::{Side, Trace, TraceEventKind};

/// One timer's bar before it is drawn: (side, kind, armed, deadline, stop, how it ended).
pub(super) type TimerSpan = (Side, TimerKind, u64, u64, u64, TimerEnd);

/// Per (side, Linux timer): the timer still armed, (kind, armed, deadline).
pub(super) type OpenTimers = [[Option<(TimerKind, u64, u64)>; LinuxTimer::COUNT]; 2];

pub(super) struct Scan {
    /// `(instant, 1)` of every event, in the trace's order, then `(trace.end, 1)`.
    pub times: Vec<(u64, u32)>,
    /// Whether the events are in time order (always, but for a hand-made trace).
    pub in_order: bool,
    /// (side, sent at, seq) → retransmission attempt, as the core told it.
    pub attempts: BTreeMap<(usize, u64, u32), u8>,
    /// (receiving side, at, seq, flags) of rejected segments.
    pub rejected: BTreeSet<(usize, u64, u32, u8)>,
    /// The timers' bars that stopped (fired, cancelled, re-armed), in the order they did.
    pub timer_spans: Vec<TimerSpan>,
    /// The timers still armed when the trace ends.
    pub timers_open: OpenTimers,
}

/// A timer's column beside its lane: one per Linux timer, which kinds share
/// ([`TimerKind::linux_timer`]).
pub(super) fn timer_col(kind: TimerKind) -> usize {
    kind.linux_timer().index()
}

pub(super) fn scan(trace: &Trace) -> Scan {
    let mut s = Scan {
        times: Vec::with_capacity(trace.events.len().saturating_add(1)),
        in_order: true,
        attempts: BTreeMap::new(),
        rejected: BTreeSet::new(),
        timer_spans: Vec::new(),
        timers_open: [[None; LinuxTimer::COUNT]; 2],
    };
    let mut last = 0;
    for e in &trace.events {
        let at = e.at.0;
        s.in_order &= at >= last;
        last = at;
        s.times.push((at, 1));
        let TraceEventKind::Core { event } = &e.kind else {
            continue;
        };
        let (kind, armed_to) = match event {
            Event::Retransmission { seq, attempt, .. } => {
                s.attempts.insert((e.side.index(), at, *seq), *attempt);
                continue;
            }
            Event::SegmentRejected { seq, flags, .. } => {
                s.rejected.insert((e.side.index(), at, *seq, flags.bits()));
                continue;
            }
            Event::TimerArmed { timer, at, .. } => (*timer, Some(at.0)),
            Event::TimerFired { timer } | Event::TimerCancelled { timer } => (*timer, None),
            _ => continue,
        };
        let Some(slot) = s
            .timers_open
            .get_mut(e.side.index())
            .and_then(|t| t.get_mut(timer_col(kind)))
        else {
            continue;
        };
        if let Some((was, armed, deadline)) = slot.take() {
            let how = match (event, armed_to) {
                (_, Some(_)) => TimerEnd::Rearmed,
                (Event::TimerFired { .. }, _) => TimerEnd::Fired,
                _ => TimerEnd::Cancelled,
            };
            s.timer_spans.push((e.side, was, armed, deadline, at, how));
        }
        if let Some(deadline) = armed_to {
            *slot = Some((kind, at, deadline.max(at)));
        }
    }
    s.times.push((trace.end.0, 1));
    s
}
