//! Laying out a ladder with some flights collapsed: which segments share a row, which
//! instants need no row of their own, and the band each collapsed flight becomes.

use super::flights::{Collapsed, FlightKind, Flights};
use super::place::{place_labels, Room};
use super::{Arrow, FlightBand};
use crate::geom::Point;
use crate::geom::TextBox;
use crate::timeline::Timeline;
use crate::SeqMode;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::Event;
use synack_sim::{AppCall, Fate, Trace, TraceEventKind};

/// Segment id → index (into `Flights::list`) of the collapsed flight it is drawn in.
pub(super) type Groups = BTreeMap<u32, u32>;

pub(super) fn groups(flights: &Flights, collapsed: &Collapsed) -> Groups {
    let mut g = Groups::new();
    for (k, f) in (0u32..).zip(&flights.list) {
        if collapsed.is_collapsed(k as usize) {
            for &id in &f.segments {
                g.insert(id, k);
            }
        }
    }
    g
}

/// The instants that need no row of their own once flights are collapsed: those inside a
/// collapsed flight's time (from its first sending to its last arrival) where nothing else
/// is drawn or said — no other segment leaves, arrives or is lost, no state changes, no
/// application call but a read — other than the flight's first and last sending and
/// arrival instants, where the band's corners sit. Between the instants that remain, time is
/// linear, so a flight spread out by a bottleneck (and the reads and ACKs that follow each
/// arrival) takes the height of its duration, not one row per instant.
pub(super) fn droppable_instants(trace: &Trace, flights: &Flights, g: &Groups) -> BTreeSet<u64> {
    let active: BTreeSet<u32> = g.values().copied().collect();
    let arrival = |id: u32| {
        trace.segments.get(id as usize).and_then(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
    };
    let mut corners = BTreeSet::new();
    let mut spans: Vec<(u64, u64)> = Vec::new();
    for (k, f) in (0u32..).zip(&flights.list) {
        if !active.contains(&k) {
            continue;
        }
        let arrivals: Vec<u64> = f.segments.iter().filter_map(|&id| arrival(id)).collect();
        let (a0, a1) = (
            arrivals.iter().copied().min(),
            arrivals.iter().copied().max(),
        );
        corners.extend([f.t0.0, f.t1.0]);
        corners.extend(a0);
        corners.extend(a1);
        spans.push((f.t0.0, a1.unwrap_or(f.t1.0).max(f.t1.0)));
    }
    // The union of the spans, as sorted disjoint intervals.
    // By start (the union below needs no more); the shared sort (synack_text::order).
    synack_text::order::sort_by_u64(&mut spans, |s| s.0);
    let mut union: Vec<(u64, u64)> = Vec::new();
    for (a, b) in spans {
        match union.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => union.push((a, b)),
        }
    }
    let inside = |t: u64| {
        let k = union.partition_point(|&(a, _)| a <= t);
        k.checked_sub(1)
            .and_then(|i| union.get(i))
            .is_some_and(|&(_, b)| t <= b)
    };
    let mut busy = BTreeSet::new();
    for r in &trace.segments {
        if g.contains_key(&r.id) {
            continue;
        }
        busy.insert(r.sent_at.0);
        if let Fate::Arrived { at } | Fate::Lost { at, .. } = r.fate {
            busy.insert(at.0);
        }
    }
    let mut out = BTreeSet::new();
    for e in &trace.events {
        let t = e.at.0;
        let said = match &e.kind {
            TraceEventKind::App { call, .. } => !matches!(call, AppCall::Read { .. }),
            TraceEventKind::Core { event } => matches!(event, Event::StateChanged { .. }),
            _ => false,
        };
        if said {
            busy.insert(t);
        } else if inside(t) {
            out.insert(t);
        }
    }
    out.retain(|t| !busy.contains(t) && !corners.contains(t));
    out
}

/// The band of each collapsed flight, from its members' arrows (already laid out, the
/// members of one flight at one instant sharing a row); sets each member's `flight`.
pub(super) fn bands(
    arrows: &mut [Arrow],
    flights: &Flights,
    g: &Groups,
    tl: &Timeline,
    seq: SeqMode,
) -> Vec<FlightBand> {
    // Arrow index by segment id (arrows are in sending order, `id` = index normally).
    let index: BTreeMap<u32, usize> = arrows.iter().enumerate().map(|(i, a)| (a.id, i)).collect();
    let active: BTreeSet<u32> = g.values().copied().collect();
    let mut out = Vec::new();
    for (k, f) in (0u32..).zip(&flights.list) {
        if !active.contains(&k) {
            continue;
        }
        let members: Vec<usize> = f
            .segments
            .iter()
            .filter_map(|id| index.get(id).copied())
            .collect();
        let (Some(first), Some(last)) = (
            members.first().and_then(|&i| arrows.get(i)),
            members.last().and_then(|&i| arrows.get(i)),
        ) else {
            continue;
        };
        let p = |a: &Arrow, end: bool| {
            if end {
                a.points.last().copied().unwrap_or_default()
            } else {
                a.points.first().copied().unwrap_or_default()
            }
        };
        let polygon = [
            p(first, false),
            p(first, true),
            p(last, true),
            p(last, false),
        ];
        let t1 = members
            .iter()
            .filter_map(|&i| arrows.get(i))
            .map(|a| a.t1)
            .max()
            .unwrap_or(f.t1);
        let text = match f.kind {
            FlightKind::Data => format!(
                "{}× seq={}–{}",
                f.segments.len(),
                tl.show_seq(f.side, f.seq0, seq),
                tl.show_seq(f.side, f.seq1, seq)
            ),
            FlightKind::Acks => format!(
                "{}× ACK ack={}–{}",
                f.segments.len(),
                tl.show_ack(f.side, f.seq0, seq),
                tl.show_ack(f.side, f.seq1, seq)
            ),
        };
        let band = out.len() as u32;
        for &i in &members {
            if let Some(a) = arrows.get_mut(i) {
                a.flight = Some(band);
            }
        }
        let kind_class = match f.kind {
            FlightKind::Data => "data",
            FlightKind::Acks => "ack",
        };
        out.push(FlightBand {
            flight: k,
            from: f.side,
            kind: f.kind,
            count: f.segments.len() as u32,
            segments: f.segments.clone(),
            t0: f.t0,
            t1,
            polygon,
            label: crate::geom::Label {
                text,
                ..crate::geom::Label::default()
            },
            label_shown: false,
            class: String::from("flight ") + kind_class,
        });
    }
    out
}

/// The band's middle line, from the sender's lane to the receiver's: where its label goes.
pub(super) fn midline(b: &FlightBand) -> (Point, Point) {
    let [a, c, d, e] = b.polygon;
    (
        Point::new((a.x + e.x) / 2.0, (a.y + e.y) / 2.0),
        Point::new((c.x + d.x) / 2.0, (c.y + d.y) / 2.0),
    )
}

/// Place the labels of the arrows drawn and of the flight bands, in order down the drawing,
/// each band's label along its middle line; members of collapsed flights get none.
pub(super) fn place_with_bands(
    arrows: &mut [Arrow],
    bands: &mut [FlightBand],
    room: &Room,
) -> Vec<TextBox> {
    let mut pseudo: Vec<(usize, Arrow)> = bands
        .iter()
        .enumerate()
        .filter_map(|(k, b)| {
            let first = *b.segments.first()?;
            let i = arrows.binary_search_by_key(&first, |a| a.id).ok()?;
            let template = arrows.get(i)?;
            let (p0, p1) = midline(b);
            Some((
                k,
                Arrow {
                    points: alloc::vec![p0, p1],
                    head: None,
                    cross: None,
                    label: b.label.clone(),
                    label_more: None,
                    tag: None,
                    flight: None,
                    ..template.clone()
                },
            ))
        })
        .collect();
    for a in arrows.iter_mut().filter(|a| a.flight.is_some()) {
        a.label_shown = false;
    }
    let mut refs: Vec<&mut Arrow> = arrows
        .iter_mut()
        .filter(|a| a.flight.is_none())
        .chain(pseudo.iter_mut().map(|(_, a)| a))
        .collect();
    let top = |a: &Arrow| a.points.first().map_or(0.0, |p| p.y);
    // By top, stably: a non-negative float's bits order as the float does (NaN: 0).
    synack_text::order::sort_by_u64(&mut refs, |a| u64::from(top(a).max(0.0).to_bits()));
    let boxes = place_labels(refs, room);
    for (k, p) in pseudo {
        if let Some(b) = bands.get_mut(k) {
            b.label = p.label;
            b.label_shown = p.label_shown;
            // A band's label has one line: one that needed two is its tooltip.
            if let Some(more) = p.label_more {
                b.label.text.push(' ');
                b.label.text.push_str(&more.text);
                b.label_shown = false;
            }
        }
    }
    boxes
}
