//! Lookups into a trace that the data-phase views share: which event a moment or a segment
//! links back to, and the span of time worth drawing.

use alloc::vec;
use alloc::vec::Vec;
use synack_core::{Flags, TcpOption};
use synack_sim::{Side, Trace, TraceEventKind};

/// Per side, the index of the last event at each instant: `(instant, event index)`, in time
/// order. The simulator snapshots a side's TCB right after it wrote the events of an input,
/// so the last event of a side at an instant is the one its last snapshot there follows.
pub fn last_event_per_instant(trace: &Trace) -> [Vec<(u64, u32)>; 2] {
    let mut out: [Vec<(u64, u32)>; 2] = [Vec::new(), Vec::new()];
    for (i, e) in (0u32..).zip(&trace.events) {
        let Some(v) = out.get_mut(e.side.index()) else {
            continue;
        };
        match v.last_mut() {
            Some(last) if last.0 == e.at.0 => last.1 = i,
            Some(last) if last.0 > e.at.0 => {} // out of order: not a trace the sim wrote
            _ => v.push((e.at.0, i)),
        }
    }
    out
}

/// The last event of `side` at or before `t`.
pub fn event_at(per_instant: &[Vec<(u64, u32)>; 2], side: Side, t: u64) -> Option<u32> {
    let v = per_instant.get(side.index())?;
    let k = v.partition_point(|&(at, _)| at <= t);
    v.get(k.checked_sub(1)?).map(|&(_, i)| i)
}

/// For each segment id, the index of its `sent` event (a link's copy and an injected
/// segment have none).
pub fn sent_events(trace: &Trace) -> Vec<Option<u32>> {
    let mut out = vec![None; trace.segments.len()];
    for (i, e) in (0u32..).zip(&trace.events) {
        if let TraceEventKind::Sent { id } = e.kind {
            if let Some(slot) = out.get_mut(id as usize) {
                *slot = Some(i);
            }
        }
    }
    out
}

/// The span of the data phase: from the first instant a side is ESTABLISHED (the windows
/// are set up: RFC 9293 §3.10.7.3, RFC 5681 §3.1's initial window) to the instant the last
/// sent byte or FIN is acknowledged (the last snapshot with bytes in flight in a synchronized
/// state is followed by one without), with 2 % of margin on each side. A trace without an
/// established connection gives its whole span. So the 60 s of TIME-WAIT after a 0.5 s
/// transfer do not squeeze the transfer into a sliver.
pub fn data_span(trace: &Trace) -> (u64, u64) {
    let first = trace
        .events
        .first()
        .map_or(trace.t0.0, |e| e.at.0)
        .min(trace.t0.0);
    let whole = (first, trace.end.0.max(first));
    let start = trace.events.iter().find_map(|e| match &e.kind {
        TraceEventKind::Core {
            event: synack_core::Event::StateChanged { to, .. },
        } if *to == synack_core::State::Established => Some(e.at.0),
        _ => None,
    });
    let Some(start) = start else {
        return whole;
    };
    // Per side: is something in flight since when; the end is the latest instant at which
    // some side's flight returned to zero (or the trace's end if it never did).
    let mut end = start;
    let mut open: [Option<u64>; 2] = [None, None];
    for s in &trace.snapshots {
        let Some(slot) = open.get_mut(s.side.index()) else {
            continue;
        };
        let busy = s.tcb.state.is_synchronized() && s.tcb.in_flight > 0;
        match (*slot, busy) {
            (None, true) => *slot = Some(s.at.0),
            (Some(_), false) => {
                *slot = None;
                end = end.max(s.at.0);
            }
            _ => {}
        }
    }
    if open.iter().any(Option::is_some) {
        end = whole.1;
    }
    if end <= start {
        return whole;
    }
    let margin = (end - start) / 50;
    (
        start.saturating_sub(margin).max(whole.0),
        end.saturating_add(margin).min(whole.1.max(end)),
    )
}

/// Whether the connection agreed on SACK: the last SYN each side sent carried
/// SACK-permitted (RFC 2018 §2).
pub fn sack_agreed(trace: &Trace) -> bool {
    Side::BOTH.iter().all(|&side| {
        trace
            .segments
            .iter()
            .rev()
            .find(|r| r.from == side && !r.injected && r.segment.flags.contains(Flags::SYN))
            .is_some_and(|r| {
                r.segment
                    .options
                    .iter()
                    .any(|o| matches!(o, TcpOption::SackPermitted))
            })
    })
}
