//! Reading the chart's values and phases from a trace. The rules that name a phase:
//!
//! - **Congestion-control phase** ([`ca_phase`]), from the sender's snapshot: Linux's
//!   `icsk_ca_state` (`enum tcp_ca_state`, include/net/tcp.h) first — `TCP_CA_Recovery` is
//!   fast recovery, `TCP_CA_Loss` loss recovery after an RTO, `TCP_CA_CWR` a cwnd reduction;
//!   in `TCP_CA_Open` and `TCP_CA_Disorder` (duplicate ACKs seen, nothing marked lost yet,
//!   cwnd still grows) RFC 5681 §3.1's test: slow start while cwnd < ssthresh (also Linux's
//!   `tcp_in_slow_start`), congestion avoidance from cwnd ≥ ssthresh.
//! - **What limits the sender** ([`limit_phase`]): a zero window while the peer advertises
//!   SND.WND = 0 in a synchronized state (RFC 9293 §3.8.6.1); otherwise the last reason the
//!   core reported in `Event::SendBlocked` (the order of Linux `tcp_write_xmit`'s tests:
//!   cwnd, the peer's window, Nagle; an empty send queue is application-limited).
//! - **Markers**: a segment's `SendReason` says how its loss was found (fast retransmit,
//!   RACK, tail loss probe, RTO) or that it probes a zero window.

use super::{CaPhase, LimitPhase, MarkKind, Quantity, Sample, Series};
use crate::geom::Point;
use crate::lookup::{event_at, last_event_per_instant};
use crate::scale::LinearScale;
use alloc::vec::Vec;
use synack_core::{CaState, Event, Instant, SendLimit};
use synack_sim::{Side, Trace, TraceEventKind};

/// The congestion-control phase of a sample (module docs).
pub fn ca_phase(s: &Sample) -> CaPhase {
    match s.ca_state {
        CaState::Recovery => CaPhase::FastRecovery,
        CaState::Loss => CaPhase::LossRecovery,
        CaState::Cwr => CaPhase::CwndReduction,
        CaState::Open | CaState::Disorder => match s.ssthresh {
            Some(ss) if s.cwnd >= ss => CaPhase::CongestionAvoidance,
            _ => CaPhase::SlowStart,
        },
    }
}

/// What limits the sender, given its last reported `SendLimit` and the peer's window
/// (module docs).
pub fn limit_phase(reported: SendLimit, rwnd: u32) -> LimitPhase {
    if rwnd == 0 {
        return LimitPhase::ZeroWindow;
    }
    match reported {
        SendLimit::CwndLimited => LimitPhase::CwndLimited,
        SendLimit::RwndLimited | SendLimit::WaitingForWindow => LimitPhase::WindowLimited,
        SendLimit::SendBufferEmpty => LimitPhase::ApplicationLimited,
        SendLimit::Nagle => LimitPhase::Nagle,
    }
}

/// One sample per instant at which `side`'s TCB changed in `[t0, t1]`, while synchronized
/// (before and after, cwnd and the peer's window mean nothing), plus the value carried in
/// at `t0`.
pub(super) fn samples(
    trace: &Trace,
    side: Side,
    t0: u64,
    t1: u64,
    per_instant: &[Vec<(u64, u32)>; 2],
) -> Vec<Sample> {
    let mut out: Vec<Sample> = Vec::new();
    for snap in trace.snapshots.iter().filter(|s| s.side == side) {
        let at = snap.at.0;
        if at > t1 {
            break;
        }
        let tcb = &snap.tcb;
        if !tcb.state.is_synchronized() {
            continue;
        }
        let s = Sample {
            t: Instant(at.max(t0)),
            cwnd: tcb.cwnd,
            ssthresh: (tcb.ssthresh != u32::MAX).then_some(tcb.ssthresh),
            in_flight: tcb.in_flight,
            rwnd: tcb.snd_wnd,
            mss: tcb.mss,
            ca_state: tcb.ca_state,
            event: event_at(per_instant, side, at),
        };
        match out.last_mut() {
            // The last snapshot at an instant (or before the span) wins.
            Some(last) if last.t == s.t => *last = s,
            _ => out.push(s),
        }
    }
    out
}

/// The step path of `q` over the samples (see `Series::path`), values above the plot drawn
/// at its top.
pub(super) fn series(
    q: Quantity,
    samples: &[Sample],
    xs: &[f32],
    y: &LinearScale,
    right: f32,
) -> Series {
    let first = samples
        .iter()
        .position(|s| s.value(q).is_some())
        .unwrap_or(samples.len());
    let mut path = Vec::new();
    let mut clipped = false;
    let mut prev_y = None;
    for (s, &x) in samples.iter().zip(xs).skip(first) {
        let v = u64::from(s.value(q).unwrap_or(0));
        clipped |= v > y.v1;
        let py = y.px_clamped(v);
        if let Some(py0) = prev_y {
            path.push(Point::new(x, py0));
        }
        path.push(Point::new(x, py));
        prev_y = Some(py);
    }
    if let Some(py) = prev_y {
        path.push(Point::new(right, py));
    }
    Series {
        quantity: q,
        first,
        path,
        clipped,
    }
}

/// Maximal runs of equal kinds: `(kind, from, to, event that began it)`, the last run
/// ending at `end`.
pub(super) fn runs<K: PartialEq + Copy>(
    items: impl Iterator<Item = (u64, K, Option<u32>)>,
    end: u64,
) -> Vec<(K, u64, u64, Option<u32>)> {
    let mut out: Vec<(K, u64, u64, Option<u32>)> = Vec::new();
    for (t, k, e) in items {
        match out.last_mut() {
            Some(last) if last.0 == k => {}
            Some(last) => {
                last.2 = t;
                out.push((k, t, t, e));
            }
            None => out.push((k, t, t, e)),
        }
    }
    if let Some(last) = out.last_mut() {
        last.2 = end.max(last.1);
    }
    out.retain(|r| r.2 > r.1);
    out
}

/// The limit spans of `side` in `[t0, t1]`: the reported `SendLimit`s merged in time with
/// the samples' peer window.
pub(super) fn limits(
    trace: &Trace,
    side: Side,
    samples: &[Sample],
    t0: u64,
    t1: u64,
) -> Vec<(LimitPhase, u64, u64, Option<u32>)> {
    let reports: Vec<(u64, SendLimit, u32)> = (0u32..)
        .zip(&trace.events)
        .filter(|(_, e)| e.side == side && e.at.0 <= t1)
        .filter_map(|(i, e)| match &e.kind {
            TraceEventKind::Core {
                event: Event::SendBlocked { limit },
            } => Some((e.at.0, *limit, i)),
            _ => None,
        })
        .collect();
    let per_instant = last_event_per_instant(trace);
    // Walk both lists in time order; at a shared instant the sample (after the instant's
    // events) is applied last.
    let mut items: Vec<(u64, LimitPhase, Option<u32>)> = Vec::new();
    let (mut r, mut s) = (0usize, 0usize);
    let mut reported: Option<(SendLimit, u32)> = None;
    let mut rwnd: Option<u32> = None;
    loop {
        let rt = reports.get(r).map(|x| x.0);
        let st = samples.get(s).map(|x| x.t.0);
        let t = match (rt, st) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => break,
        };
        while let Some(&(at, limit, i)) = reports.get(r).filter(|x| x.0 == t) {
            let _ = at;
            reported = Some((limit, i));
            r += 1;
        }
        let mut event = None;
        while let Some(x) = samples.get(s).filter(|x| x.t.0 == t) {
            rwnd = Some(x.rwnd);
            event = x.event;
            s += 1;
        }
        if let (Some((limit, i)), Some(w)) = (reported, rwnd) {
            let phase = limit_phase(limit, w);
            let ev = if phase == LimitPhase::ZeroWindow {
                event.or_else(|| event_at(&per_instant, side, t))
            } else {
                Some(i)
            };
            items.push((t.max(t0), phase, ev));
        }
    }
    runs(items.into_iter(), t1)
}

/// `side`'s retransmissions and probes in `[t0, t1]`, grouped per instant and kind:
/// `(instant, kind, segment ids, the first one's sent event)`.
pub(super) fn marks(
    trace: &Trace,
    side: Side,
    t0: u64,
    t1: u64,
    sent: &[Option<u32>],
) -> Vec<(u64, MarkKind, Vec<u32>, Option<u32>)> {
    let sack = crate::lookup::sack_agreed(trace);
    let mut out: Vec<(u64, MarkKind, Vec<u32>, Option<u32>)> = Vec::new();
    for r in &trace.segments {
        if r.from != side || r.injected || r.duplicate_of.is_some() {
            continue;
        }
        let at = r.sent_at.0;
        if at < t0 || at > t1 {
            continue;
        }
        let syn = r.segment.flags.contains(synack_core::Flags::SYN);
        let Some(kind) = MarkKind::of(r.reason, sack, syn) else {
            continue;
        };
        match out.last_mut() {
            Some(last) if last.0 == at && last.1 == kind => last.2.push(r.id),
            _ => out.push((
                at,
                kind,
                alloc::vec![r.id],
                sent.get(r.id as usize).copied().flatten(),
            )),
        }
    }
    out
}
