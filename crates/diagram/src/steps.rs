//! The discrete steps a user walks through with ← / →: every instant at which a segment is
//! sent, arrives or is lost, a state changes, an application calls, or a timer fires. All
//! events at one instant form one step.

use crate::whys::Why;
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::Instant;
use synack_sim::Trace;

/// One step: an instant and what happened then.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Step {
    pub at: Instant,
    /// Indices into `Trace::events` of every event at this instant, in trace order
    /// (including the minor ones, such as timers armed, that alone make no step).
    pub events: Vec<u32>,
    /// Segment ids whose loss is drawn at this instant.
    pub lost: Vec<u32>,
    /// Segment ids the scenario put on the wire at this instant (stale segments of an old
    /// incarnation: no `Sent` event tells them).
    pub injected: Vec<u32>,
    /// The explanations ("why three segments?") attached to this moment.
    pub whys: Vec<Why>,
}

/// All steps of a trace, in time order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Steps {
    pub list: Vec<Step>,
}

impl Steps {
    pub fn new(trace: &Trace) -> Steps {
        let tl = crate::timeline::Timeline::new(trace);
        let in_order = trace.events.windows(2).all(|w| match w {
            [a, b] => a.at <= b.at,
            _ => true,
        });
        crate::whys::build_steps(
            trace,
            crate::transit::typical_transit_us(trace),
            &tl,
            in_order,
        )
    }

    /// [`Steps::new`] with the trace's typical transit time and timeline made already, and
    /// whether its events are in time order found.
    pub(crate) fn with(
        trace: &Trace,
        typical: u64,
        tl: &crate::timeline::Timeline,
        in_order: bool,
    ) -> Steps {
        crate::whys::build_steps(trace, typical, tl, in_order)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&Step> {
        self.list.get(i)
    }

    /// The step showing at `t`: the last one at or before `t`.
    pub fn index_at(&self, t: Instant) -> Option<usize> {
        self.list.partition_point(|s| s.at <= t).checked_sub(1)
    }

    /// The first step strictly after `t` (→).
    pub fn next_after(&self, t: Instant) -> Option<usize> {
        let k = self.list.partition_point(|s| s.at <= t);
        (k < self.list.len()).then_some(k)
    }

    /// The last step strictly before `t` (←).
    pub fn prev_before(&self, t: Instant) -> Option<usize> {
        self.list.partition_point(|s| s.at < t).checked_sub(1)
    }
}
