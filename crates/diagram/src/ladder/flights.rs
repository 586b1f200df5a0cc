//! Flights: back-to-back segments of one side sent within one round-trip time, which a long
//! ladder can draw collapsed as one band ("10× seq=1–14481") so that a bulk transfer reads
//! as rounds of slow start instead of texture.
//!
//! The rules:
//! - A flight is a run, in one side's sending order, of at least two *ordinary* segments of
//!   one kind — new data (`SendReason::Data`, payload, no SYN/FIN/RST) or plain ACKs
//!   (`SendReason::Ack`, no payload, no SACK block, a non-zero window) — each sent less than
//!   one RTT after the run's first, where the RTT is the smallest sample the sender had
//!   measured (Linux's `tcp_min_rtt`; before any, two typical transits): a round trip is
//!   the soonest an answer to the run's first segment can come back, so later segments
//!   belong to the next round. New data must also continue the previous segment's
//!   sequence numbers.
//! - Never in a flight (their own rows, always): a segment that is lost, a retransmission
//!   or probe of any kind, a duplicate, out-of-order, D-SACK, window-update or challenge
//!   ACK, a segment with SACK blocks or a zero window, SYN, FIN, RST, a link's copy, an
//!   injected segment, a segment the receiver rejected, and a segment whose arrival changed
//!   the receiver's state. Any of them ends the run it interrupts.
//! - A trace of more than [`COLLAPSE_ABOVE`] segments starts with every flight collapsed.

use crate::transit::typical_transit_us;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Event, Flags, Instant, SendReason, TcpOption};
use synack_sim::{Fate, SegmentRecord, Side, Trace, TraceEventKind};

/// Traces with more segments than this start with their flights collapsed.
pub const COLLAPSE_ABOVE: usize = 60;

/// What a flight carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlightKind {
    Data,
    Acks,
}

/// One flight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flight {
    pub side: Side,
    pub kind: FlightKind,
    /// Segment ids, in sending order.
    pub segments: Vec<u32>,
    /// First and last sending instants.
    pub t0: Instant,
    pub t1: Instant,
    /// Data: the first segment's SEQ and the last one's SEQ + LEN. Acks: the first and the
    /// last ACK number (absolute, as on the wire).
    pub seq0: u32,
    pub seq1: u32,
    /// Payload bytes.
    pub bytes: u64,
}

/// The flights of a trace, and which flight each segment belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Flights {
    pub list: Vec<Flight>,
    /// By segment id.
    of_segment: Vec<Option<u32>>,
}

/// Which flights are drawn collapsed (by index into `Flights::list`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Collapsed(Vec<bool>);

impl Collapsed {
    /// Nothing collapsed: the ladder of `Ladder::new`.
    pub fn none() -> Collapsed {
        Collapsed(Vec::new())
    }

    /// Every flight collapsed.
    pub fn all(f: &Flights) -> Collapsed {
        Collapsed(vec![true; f.list.len()])
    }

    /// The default: every flight collapsed if the trace has more than [`COLLAPSE_ABOVE`]
    /// segments, else none.
    pub fn default_for(trace: &Trace, f: &Flights) -> Collapsed {
        if trace.segments.len() > COLLAPSE_ABOVE {
            Collapsed::all(f)
        } else {
            Collapsed::none()
        }
    }

    pub fn is_collapsed(&self, flight: usize) -> bool {
        self.0.get(flight).copied().unwrap_or(false)
    }

    /// Draw flight `flight` as its segments (a click or a key on its band).
    pub fn expand(&mut self, flight: usize) {
        if let Some(c) = self.0.get_mut(flight) {
            *c = false;
        }
    }

    /// Draw flight `flight` as one band again.
    pub fn collapse(&mut self, flight: usize) {
        if self.0.len() <= flight {
            self.0.resize(flight + 1, false);
        }
        if let Some(c) = self.0.get_mut(flight) {
            *c = true;
        }
    }

    /// Whether any flight is collapsed.
    pub fn any(&self) -> bool {
        self.0.iter().any(|&c| c)
    }
}

impl Flights {
    /// Group a trace's segments into flights. O(n log n).
    pub fn new(trace: &Trace) -> Flights {
        let (special, min_rtt) = special_arrivals_and_min_rtt(trace);
        let fallback = typical_transit_us(trace).saturating_mul(2);
        let mut list: Vec<Flight> = Vec::new();
        let mut of_segment = vec![None; trace.segments.len()];
        for side in Side::BOTH {
            // The run being built: its segments' records.
            let mut run: Vec<&SegmentRecord> = Vec::new();
            // The run's first segment, its kind and the end of its round trip.
            let mut head: Option<(&SegmentRecord, Option<FlightKind>, u64)> = None;
            let mut flush = |run: &mut Vec<&SegmentRecord>, list: &mut Vec<Flight>| {
                if run.len() >= 2 {
                    if let Some(f) = flight_of(side, run) {
                        let k = list.len() as u32;
                        for r in run.iter() {
                            if let Some(slot) = of_segment.get_mut(r.id as usize) {
                                *slot = Some(k);
                            }
                        }
                        list.push(f);
                    }
                }
                run.clear();
            };
            for r in trace.segments.iter().filter(|r| r.from == side) {
                let kind = match ordinary(r, &special) {
                    Some(k) => k,
                    None => {
                        if !r.injected && r.duplicate_of.is_none() {
                            flush(&mut run, &mut list);
                        }
                        continue;
                    }
                };
                let joins = run.first().is_some_and(|first| {
                    // The run's kind and round end, read once per run (not per segment).
                    let (first_kind, round_end) = match head {
                        Some((at, k, end)) if core::ptr::eq(at, *first) => (k, end),
                        _ => {
                            let rtt = rtt_at(&min_rtt, side, first.sent_at.0).unwrap_or(fallback);
                            let k = ordinary(first, &special);
                            let end = first.sent_at.0.saturating_add(rtt.max(1));
                            head = Some((*first, k, end));
                            (k, end)
                        }
                    };
                    let same_kind = first_kind == Some(kind);
                    let in_round = r.sent_at.0 < round_end;
                    let contiguous = kind == FlightKind::Acks
                        || run.last().is_some_and(|p| {
                            p.segment.seq.wrapping_add(p.segment.payload.len() as u32)
                                == r.segment.seq
                        });
                    same_kind && in_round && contiguous
                });
                if !joins {
                    flush(&mut run, &mut list);
                }
                run.push(r);
            }
            flush(&mut run, &mut list);
        }
        // In order of first sending, both sides merged (ids grow with sending time).
        let mut order: Vec<usize> = (0..list.len()).collect();
        // The shared sort (synack_text::order): no sort of its own in the WebAssembly.
        synack_text::order::sort_by_u64(&mut order, |&i| {
            list.get(i)
                .and_then(|f| f.segments.first())
                .map_or(u64::MAX, |&s| u64::from(s))
        });
        let mut remap = vec![0u32; list.len()];
        for (new, &old) in (0u32..).zip(&order) {
            if let Some(slot) = remap.get_mut(old) {
                *slot = new;
            }
        }
        for slot in of_segment.iter_mut().flatten() {
            *slot = remap.get(*slot as usize).copied().unwrap_or(*slot);
        }
        let mut sorted: Vec<Option<Flight>> = list.into_iter().map(Some).collect();
        let list = order
            .iter()
            .filter_map(|&i| sorted.get_mut(i).and_then(Option::take))
            .collect();
        Flights { list, of_segment }
    }

    /// The flight segment `id` belongs to, if any.
    pub fn flight_of(&self, id: u32) -> Option<usize> {
        self.of_segment
            .get(id as usize)
            .copied()
            .flatten()
            .map(|k| k as usize)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

fn flight_of(side: Side, run: &[&SegmentRecord]) -> Option<Flight> {
    let first = run.first()?;
    let last = run.last()?;
    let kind = if first.segment.payload.is_empty() {
        FlightKind::Acks
    } else {
        FlightKind::Data
    };
    let (seq0, seq1) = match kind {
        FlightKind::Data => (
            first.segment.seq,
            last.segment
                .seq
                .wrapping_add(last.segment.payload.len() as u32),
        ),
        FlightKind::Acks => (first.segment.ack, last.segment.ack),
    };
    Some(Flight {
        side,
        kind,
        segments: run.iter().map(|r| r.id).collect(),
        t0: first.sent_at,
        t1: last.sent_at,
        seq0,
        seq1,
        bytes: run.iter().map(|r| r.segment.payload.len() as u64).sum(),
    })
}

/// The kind of flight `r` may join, or `None` if it must keep its own row (module docs).
fn ordinary(r: &SegmentRecord, special: &[bool]) -> Option<FlightKind> {
    if r.injected || r.duplicate_of.is_some() || special.get(r.id as usize) == Some(&true) {
        return None;
    }
    if matches!(r.fate, Fate::Lost { .. }) {
        return None;
    }
    let s = &r.segment;
    if s.flags.intersects(Flags::SYN | Flags::FIN | Flags::RST) {
        return None;
    }
    match r.reason {
        SendReason::Data if !s.payload.is_empty() => Some(FlightKind::Data),
        SendReason::Ack
            if s.payload.is_empty()
                && s.window > 0
                && !s.options.iter().any(|o| matches!(o, TcpOption::Sack(_))) =>
        {
            Some(FlightKind::Acks)
        }
        _ => None,
    }
}

/// In one pass over the trace's events (a long trace has tens of thousands):
///
/// - by segment id: its arrival changed the receiver's state, or the receiver rejected it.
///   An arrival's consequences are the receiver's core events after its `arrived` event and
///   before the receiver's next input (another arrival, an application call, a timer);
/// - per side, `(instant, smallest RTT sample so far)` at each new minimum, in time order.
fn special_arrivals_and_min_rtt(trace: &Trace) -> (Vec<bool>, [Vec<(u64, u64)>; 2]) {
    let mut out = vec![false; trace.segments.len()];
    let mut min_rtt: [Vec<(u64, u64)>; 2] = [Vec::new(), Vec::new()];
    let mut current: [Option<u32>; 2] = [None, None];
    for e in &trace.events {
        let Some(cur) = current.get_mut(e.side.index()) else {
            continue;
        };
        match &e.kind {
            TraceEventKind::Arrived { id } => *cur = Some(*id),
            TraceEventKind::App { .. } => *cur = None,
            TraceEventKind::Core {
                event: Event::TimerFired { .. },
            } => *cur = None,
            TraceEventKind::Core {
                event: Event::StateChanged { .. } | Event::SegmentRejected { .. },
            } => {
                if let Some(slot) = cur.and_then(|id| out.get_mut(id as usize)) {
                    *slot = true;
                }
            }
            TraceEventKind::Core {
                event: Event::RttSample { rtt, .. },
            } => {
                let us = u64::try_from(rtt.as_micros()).unwrap_or(u64::MAX);
                if let Some(v) = min_rtt.get_mut(e.side.index()) {
                    if v.last().is_none_or(|&(_, m)| us < m) && us > 0 {
                        v.push((e.at.0, us));
                    }
                }
            }
            _ => {}
        }
    }
    (out, min_rtt)
}

/// `side`'s smallest RTT sample at or before `t`.
fn rtt_at(min_rtt: &[Vec<(u64, u64)>; 2], side: Side, t: u64) -> Option<u64> {
    let v = min_rtt.get(side.index())?;
    let k = v.partition_point(|&(at, _)| at <= t);
    v.get(k.checked_sub(1)?).map(|&(_, m)| m)
}
