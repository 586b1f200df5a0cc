//! The moments a quiz stops at: steps of the trace (the `←`/`→` steps of the diagram) whose
//! outcome a student can reason out, read from the trace only: what is sent, whether a timer
//! sent it, which states are entered, which timer fired and when it was started.

use alloc::vec::Vec;
use synack_core::{Event, Flags, Instant, Rfc, SendReason, State, TimerKind};
use synack_diagram::{Step, Steps, Why};
use synack_sim::{SegmentRecord, Side, Trace, TraceEventKind};

/// What a segment is, as a student names it: its control flags, or data, or a bare ACK.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Syn,
    SynAck,
    Ack,
    Data,
    Fin,
    Rst,
}

impl Class {
    pub const ALL: [Class; 6] = [
        Class::Syn,
        Class::SynAck,
        Class::Ack,
        Class::Data,
        Class::Fin,
        Class::Rst,
    ];

    /// RST first (RST,ACK is a reset), then SYN (with ACK or not), FIN (with data or not),
    /// data, and the rest: a bare ACK.
    pub fn of(flags: Flags, len: usize) -> Class {
        if flags.contains(Flags::RST) {
            Class::Rst
        } else if flags.contains(Flags::SYN) {
            if flags.contains(Flags::ACK) {
                Class::SynAck
            } else {
                Class::Syn
            }
        } else if flags.contains(Flags::FIN) {
            Class::Fin
        } else if len > 0 {
            Class::Data
        } else {
            Class::Ack
        }
    }

    pub fn of_record(r: &SegmentRecord) -> Class {
        Class::of(r.segment.flags, r.segment.payload.len())
    }

    /// The classes a student confuses this one with, most likely first (a generic table
    /// of TCP's segment kinds, not of any scenario).
    pub fn confusable(self) -> [Class; 2] {
        match self {
            Class::Syn => [Class::SynAck, Class::Rst],
            Class::SynAck => [Class::Ack, Class::Syn],
            Class::Ack => [Class::Data, Class::Fin],
            Class::Data => [Class::Ack, Class::Fin],
            Class::Fin => [Class::Ack, Class::Rst],
            Class::Rst => [Class::Ack, Class::Fin],
        }
    }
}

/// One side's change of state in a step.
#[derive(Clone, Debug)]
pub struct Change {
    pub side: Side,
    /// The state before the step.
    pub from: State,
    /// Every state entered in the step, in order; the last is where the side ends.
    pub path: Vec<State>,
    /// The rule of the last transition.
    pub rfc: Rfc,
}

impl Change {
    pub fn to(&self) -> State {
        self.path.last().copied().unwrap_or(self.from)
    }
}

/// A timer that fired in the step, and when it was started.
#[derive(Clone, Copy, Debug)]
pub struct Fired {
    pub side: Side,
    pub kind: TimerKind,
    pub armed_at: Instant,
    pub at: Instant,
}

/// A step a quiz asks about.
pub struct Moment<'a> {
    /// The step's index in [`Steps`].
    pub step: usize,
    pub at: Instant,
    /// The previous step's instant: what the ladder shows while the question is asked
    /// (`None`: before anything happened).
    pub asked_at: Option<Instant>,
    /// The segments sent in the step, in order.
    pub sends: Vec<&'a SegmentRecord>,
    /// The first segment was sent because its sender's timer expired (no arrival or call of
    /// that side before it in the step).
    pub timer_driven: bool,
    pub changes: Vec<Change>,
    /// The timer behind the step (the first sender's, else the first that fired) when it
    /// was started before the question is asked.
    pub fired: Option<Fired>,
    pub whys: &'a [Why],
}

/// Reasons whose every segment is worth a question (recovery, probes, replies); a segment of
/// the other reasons is asked about when it is the first of its side, class and reason.
fn always_asked(reason: SendReason) -> bool {
    match reason {
        SendReason::HandshakeAck
        | SendReason::ChallengeAck
        | SendReason::Reset
        | SendReason::Abort
        | SendReason::Retransmission
        | SendReason::FastRetransmit
        | SendReason::RackRetransmit
        | SendReason::LossProbe
        | SendReason::WindowProbe
        | SendReason::KeepaliveProbe => true,
        SendReason::Syn
        | SendReason::SynAck
        | SendReason::Data
        | SendReason::Fin
        | SendReason::Ack
        | SendReason::DupAck
        | SendReason::OutOfOrderAck
        | SendReason::WindowUpdate
        | SendReason::DSack => false,
    }
}

/// Every moment of `trace`, in time order.
pub fn moments<'a>(trace: &'a Trace, steps: &'a Steps) -> Vec<Moment<'a>> {
    let mut out = Vec::new();
    let mut seen: Vec<(Side, Class, SendReason)> = Vec::new();
    let mut delayed_ack: Vec<Side> = Vec::new();
    let mut previous: Option<Instant> = None;
    for (index, step) in steps.list.iter().enumerate() {
        let m = read_step(trace, step, index, previous);
        // A timer that sends is worth predicting, but the delayed ACK only the first time
        // each side's fires (a bulk transfer has hundreds).
        let timer = m.fired.filter(|_| m.timer_driven).map(|f| (f.side, f.kind));
        let new_timer = match timer {
            Some((side, TimerKind::DelayedAck)) => !delayed_ack.contains(&side),
            Some(_) => true,
            None => false,
        };
        if let Some((side, TimerKind::DelayedAck)) = timer {
            delayed_ack.push(side);
        }
        let mut notable = !m.changes.is_empty() || !m.whys.is_empty() || new_timer;
        for r in &m.sends {
            let class = Class::of_record(r);
            let key = (r.from, class, r.reason);
            notable |= always_asked(r.reason)
                || matches!(class, Class::Syn | Class::SynAck | Class::Fin | Class::Rst)
                || !seen.contains(&key);
            if !seen.contains(&key) {
                seen.push(key);
            }
        }
        if notable && (!m.sends.is_empty() || !m.changes.is_empty()) {
            out.push(m);
        }
        previous = Some(step.at);
    }
    out
}

fn read_step<'a>(
    trace: &'a Trace,
    step: &'a Step,
    index: usize,
    asked_at: Option<Instant>,
) -> Moment<'a> {
    let events = || {
        step.events
            .iter()
            .filter_map(|&i| trace.events.get(i as usize).map(|e| (i, e)))
    };
    let mut sends: Vec<&SegmentRecord> = Vec::new();
    let mut changes: Vec<Change> = Vec::new();
    // Did the first sender's timer fire before it sent, with no arrival or call of its own?
    let mut timer_driven = false;
    let mut woken = [false; 2];
    let mut timer_seen = [false; 2];
    let mut fired: Vec<(Side, TimerKind, u32)> = Vec::new();
    for (i, e) in events() {
        let slot = e.side.index();
        match &e.kind {
            TraceEventKind::Sent { id } => {
                if let Some(r) = trace.segments.get(*id as usize) {
                    if sends.is_empty() {
                        timer_driven =
                            timer_seen.get(slot) == Some(&true) && woken.get(slot) == Some(&false);
                    }
                    sends.push(r);
                }
            }
            TraceEventKind::Arrived { .. } | TraceEventKind::App { .. } => {
                if let Some(w) = woken.get_mut(slot) {
                    *w = true;
                }
            }
            TraceEventKind::Core { event } => match event {
                Event::TimerFired { timer } => {
                    if let Some(t) = timer_seen.get_mut(slot) {
                        *t = true;
                    }
                    fired.push((e.side, *timer, i));
                }
                Event::StateChanged { from, to, rfc, .. } => {
                    match changes.iter_mut().find(|c| c.side == e.side) {
                        Some(c) => {
                            c.path.push(*to);
                            c.rfc = *rfc;
                        }
                        None => changes.push(Change {
                            side: e.side,
                            // The event's own `from`: a host that crashed holds a fresh
                            // CLOSED connection, whatever it held before.
                            from: *from,
                            path: alloc::vec![*to],
                            rfc: *rfc,
                        }),
                    }
                }
                _ => {}
            },
        }
    }
    // A side that leaves and comes back to one state in a step has not changed.
    changes.retain(|c| c.to() != c.from);
    let first_sender = sends.first().map(|r| r.from);
    let chosen = fired
        .iter()
        .find(|f| Some(f.0) == first_sender)
        .or(fired.first());
    let fired = chosen.and_then(|&(side, kind, i)| {
        let armed_at = armed_before(trace, side, kind, i)?;
        // Started before the question is asked: the ladder shows its bar.
        asked_at.is_some_and(|a| armed_at <= a).then_some(Fired {
            side,
            kind,
            armed_at,
            at: step.at,
        })
    });
    Moment {
        step: index,
        at: step.at,
        asked_at,
        sends,
        timer_driven,
        changes,
        fired,
        whys: &step.whys,
    }
}

/// When `side` last started its `kind` timer before event `before`.
fn armed_before(trace: &Trace, side: Side, kind: TimerKind, before: u32) -> Option<Instant> {
    trace
        .events
        .get(..before as usize)?
        .iter()
        .rev()
        .find_map(|e| match &e.kind {
            TraceEventKind::Core {
                event: Event::TimerArmed { timer, .. },
            } if e.side == side && *timer == kind => Some(e.at),
            _ => None,
        })
}
