//! Building the steps, and deciding at which step each classic "why" is explained (the
//! first moment it matters in this trace).

use crate::steps::{Step, Steps};
use crate::timeline::{of, of_mut, Timeline};
use crate::transit::{is_pure_ack, loss_instant};
use crate::SeqMode;
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Event, Flags, Instant, SendReason, State};
use synack_sim::{SegmentRecord, Side, Trace, TraceEventKind};
use synack_text::order::sort_by_u64;

/// An explanation attached to the moment it matters. Each is given once per trace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// At the first SYN: why the initial sequence number is random.
    RandomIsn,
    /// At the handshake's third segment: why three segments and not two (old duplicate SYNs).
    ThreeWayHandshake,
    /// At the first pure ACK: the ACK flag versus the acknowledgment number.
    AckFlagVsNumber,
    /// When a FIN is acknowledged by a separate ACK: why four segments to close.
    FourWayClose,
    /// When a FIN and the ACK of the peer's FIN travel together: when three suffice.
    MergedFinAck,
    /// On entering TIME-WAIT: why 2×MSL (and Linux's fixed 60 s).
    TimeWait,
    /// When a side enters CLOSE-WAIT and never leaves it: the application never called close().
    CloseWaitLeak,
    /// At the first retransmission: RTO and its doubling.
    Retransmission,
    /// At the first RST: what a reset means.
    Rst,
    /// At the first challenge ACK (RFC 5961).
    ChallengeAck,
    /// At the first fast retransmit (duplicate ACKs / SACK, RFC 5681 §3.2, RFC 6675).
    FastRetransmit,
    /// At the first retransmission RACK asks for (RFC 8985).
    Rack,
    /// At the first tail loss probe (RFC 8985 §7).
    TailLossProbe,
    /// At the first D-SACK (RFC 2883).
    DSack,
    /// At the first zero-window probe: flow control and the persist timer.
    ZeroWindow,
    /// At the first keep-alive probe.
    Keepalive,
    /// At the first segment whose relative sequence or acknowledgment number is negative
    /// (an old duplicate from an earlier connection, RFC 9293 Figure 8).
    NegativeSeq,
}

impl Why {
    pub const ALL: [Why; 17] = [
        Why::RandomIsn,
        Why::ThreeWayHandshake,
        Why::AckFlagVsNumber,
        Why::FourWayClose,
        Why::MergedFinAck,
        Why::TimeWait,
        Why::CloseWaitLeak,
        Why::Retransmission,
        Why::Rst,
        Why::ChallengeAck,
        Why::FastRetransmit,
        Why::Rack,
        Why::TailLossProbe,
        Why::DSack,
        Why::ZeroWindow,
        Why::Keepalive,
        Why::NegativeSeq,
    ];
}

/// Does this event alone make an instant a step?
fn is_step_event(kind: &TraceEventKind) -> bool {
    match kind {
        TraceEventKind::App { .. } | TraceEventKind::Arrived { .. } => true,
        TraceEventKind::Sent { .. } => true,
        TraceEventKind::Core { event } => {
            matches!(event, Event::StateChanged { .. } | Event::TimerFired { .. })
        }
    }
}

/// The steps of `trace`, whose typical transit time and timeline the caller has already
/// (a ladder has both: neither is made twice).
/// `in_order`: whether the trace's events are in time order (always, but for a hand-made
/// trace); they are then read in place, without a sorted copy.
pub(crate) fn build_steps(trace: &Trace, typical: u64, tl: &Timeline, in_order: bool) -> Steps {
    let sorted: Vec<(Instant, u32)> = if in_order {
        Vec::new()
    } else {
        let mut v: Vec<(Instant, u32)> = (0u32..)
            .zip(&trace.events)
            .map(|(i, e)| (e.at, i))
            .collect();
        sort_by_u64(&mut v, |e| e.0 .0); // stable: ties keep the trace's causal order
        v
    };
    let event = |k: usize| -> Option<(Instant, u32)> {
        if in_order {
            let e = trace.events.get(k)?;
            Some((e.at, u32::try_from(k).ok()?))
        } else {
            sorted.get(k).copied()
        }
    };
    let mut losses: Vec<(Instant, u32)> = trace
        .segments
        .iter()
        .filter_map(|r| Some((loss_instant(r, typical)?, r.id)))
        .collect();
    sort_by_u64(&mut losses, |l| l.0 .0);
    let mut injected: Vec<(Instant, u32)> = trace
        .segments
        .iter()
        .filter(|r| r.injected)
        .map(|r| (r.sent_at, r.id))
        .collect();
    sort_by_u64(&mut injected, |l| l.0 .0);

    let mut list = Vec::new();
    let (mut ei, mut li, mut ii) = (0usize, 0usize, 0usize);
    loop {
        let next = [
            event(ei).map(|e| e.0),
            losses.get(li).map(|l| l.0),
            injected.get(ii).map(|l| l.0),
        ];
        let Some(at) = next.into_iter().flatten().min() else {
            break;
        };
        // This instant's events: found first, and kept (one allocation of their size) only
        // if they make a step.
        let from = ei;
        let mut worthy = false;
        while let Some((t, i)) = event(ei) {
            if t != at {
                break;
            }
            if let Some(e) = trace.events.get(i as usize) {
                worthy |= is_step_event(&e.kind);
            }
            ei += 1;
        }
        let mut step = Step {
            at,
            events: Vec::new(),
            lost: Vec::new(),
            injected: Vec::new(),
            whys: Vec::new(),
        };
        while let Some(&(t, id)) = losses.get(li) {
            if t != at {
                break;
            }
            step.lost.push(id);
            worthy = true;
            li += 1;
        }
        while let Some(&(t, id)) = injected.get(ii) {
            if t != at {
                break;
            }
            step.injected.push(id);
            worthy = true;
            ii += 1;
        }
        if worthy {
            let mut at_once = Vec::with_capacity(ei.saturating_sub(from));
            at_once.extend((from..ei).filter_map(|k| event(k).map(|e| e.1)));
            step.events = at_once;
            list.push(step);
        }
    }
    let mut steps = Steps { list };
    attach_whys(trace, tl, &mut steps);
    steps
}

/// For each side that enters CLOSE-WAIT: the first segment it sends from then on. If that
/// carries FIN, the ACK of the peer's FIN rode on it (three segments close); if it is a pure
/// ACK, the close takes four.
fn close_style(trace: &Trace) -> (Option<u32>, Option<u32>) {
    let (mut four, mut merged) = (None, None);
    // When each side entered CLOSE-WAIT first: one pass over the events for both.
    let mut entered: [Option<Instant>; 2] = [None, None];
    for e in &trace.events {
        if let TraceEventKind::Core {
            event:
                Event::StateChanged {
                    to: State::CloseWait,
                    ..
                },
        } = &e.kind
        {
            let first = of_mut(&mut entered, e.side);
            if first.is_none() {
                *first = Some(e.at);
            }
            if entered.iter().all(Option::is_some) {
                break;
            }
        }
    }
    for side in Side::BOTH {
        let Some(t) = *of(&entered, side) else {
            continue;
        };
        let next = trace
            .segments
            .iter()
            .find(|r| r.from == side && r.sent_at >= t);
        match next {
            Some(r) if r.segment.flags.contains(Flags::FIN) => {
                merged = merged.or(Some(r.id));
            }
            Some(r) if is_pure_ack(r) => four = four.or(Some(r.id)),
            _ => {}
        }
    }
    (four, merged)
}

/// Whether the ladder shows a negative relative number on `r` (seq counted from its
/// sender's first SYN, ack from the peer's, read as signed 32-bit differences, as
/// `Timeline::show_seq` does).
fn negative(tl: &Timeline, r: &SegmentRecord) -> bool {
    let s = &r.segment;
    tl.show_seq(r.from, s.seq, SeqMode::Relative) < 0
        || (s.flags.contains(Flags::ACK) && tl.show_ack(r.from, s.ack, SeqMode::Relative) < 0)
}

fn attach_whys(trace: &Trace, tl: &Timeline, steps: &mut Steps) {
    let (four, merged) = close_style(trace);
    // Each why is attached once, at its first moment: what a step finds that was given
    // before is dropped as it is found (no list per step: a long trace has thousands).
    let mut given: Vec<Why> = Vec::new();
    for step in &mut steps.list {
        let whys = &mut step.whys;
        let mut found = |w: Why| {
            if !given.contains(&w) {
                given.push(w);
                whys.push(w);
            }
        };
        for &id in &step.injected {
            if trace
                .segments
                .get(id as usize)
                .is_some_and(|r| negative(tl, r))
            {
                found(Why::NegativeSeq);
            }
        }
        for &i in &step.events {
            let Some(e) = trace.events.get(i as usize) else {
                continue;
            };
            match &e.kind {
                TraceEventKind::Sent { id } => {
                    let Some(r) = trace.segments.get(*id as usize) else {
                        continue;
                    };
                    let f = r.segment.flags;
                    if negative(tl, r) {
                        found(Why::NegativeSeq);
                    }
                    if f.contains(Flags::SYN) {
                        found(Why::RandomIsn);
                    }
                    if r.reason == SendReason::HandshakeAck {
                        found(Why::ThreeWayHandshake);
                    }
                    if is_pure_ack(r) {
                        found(Why::AckFlagVsNumber);
                    }
                    if r.reason == SendReason::Retransmission {
                        found(Why::Retransmission);
                    }
                    if f.contains(Flags::RST) {
                        found(Why::Rst);
                    }
                    if r.reason == SendReason::ChallengeAck {
                        found(Why::ChallengeAck);
                    }
                    match r.reason {
                        SendReason::FastRetransmit => found(Why::FastRetransmit),
                        SendReason::RackRetransmit => found(Why::Rack),
                        SendReason::LossProbe => found(Why::TailLossProbe),
                        SendReason::DSack => found(Why::DSack),
                        SendReason::WindowProbe => found(Why::ZeroWindow),
                        SendReason::KeepaliveProbe => found(Why::Keepalive),
                        // Taught by the flags and states above, or by nothing.
                        SendReason::Syn
                        | SendReason::SynAck
                        | SendReason::HandshakeAck
                        | SendReason::Data
                        | SendReason::Fin
                        | SendReason::Ack
                        | SendReason::DupAck
                        | SendReason::OutOfOrderAck
                        | SendReason::ChallengeAck
                        | SendReason::Reset
                        | SendReason::Abort
                        | SendReason::Retransmission
                        | SendReason::WindowUpdate => {}
                    }
                    if Some(r.id) == four {
                        found(Why::FourWayClose);
                    }
                    if Some(r.id) == merged {
                        found(Why::MergedFinAck);
                    }
                }
                TraceEventKind::Core {
                    event: Event::StateChanged { to, .. },
                } => match to {
                    State::TimeWait => found(Why::TimeWait),
                    State::CloseWait
                        if trace.final_states.get(e.side.index()) == Some(&State::CloseWait) =>
                    {
                        found(Why::CloseWaitLeak)
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
}
