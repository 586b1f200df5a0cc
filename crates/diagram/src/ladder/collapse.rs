//! Laying out a ladder with some flights collapsed: which segments share a row, which
//! instants need no row of their own, and the band each collapsed flight becomes.

use super::flights::{Collapsed, FlightKind, Flights};
use super::{Arrow, FlightBand};
use crate::geom::Point;
use crate::timeline::Timeline;
use crate::SeqMode;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::Event;
use synack_sim::{Fate, Trace, TraceEventKind};

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

/// The instants that need no row of their own once flights are collapsed: those where
/// only members of collapsed flights leave or arrive (besides their first and last
/// sending and arrival instants, where the band's corners sit), and no state changes, no
/// application call and no other segment is drawn. Between the instants that remain, time
/// is linear, so a collapsed flight spread over many instants (behind a bottleneck) takes
/// the height of its duration, not one row per segment.
pub(super) fn droppable_instants(trace: &Trace, flights: &Flights, g: &Groups) -> BTreeSet<u64> {
    let active: BTreeSet<u32> = g.values().copied().collect();
    let mut owned = BTreeSet::new();
    let mut corners = BTreeSet::new();
    let end_of = |id: u32| {
        trace.segments.get(id as usize).and_then(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
    };
    for (k, f) in (0u32..).zip(&flights.list) {
        if !active.contains(&k) {
            continue;
        }
        let (Some(&a), Some(&b)) = (f.segments.first(), f.segments.last()) else {
            continue;
        };
        corners.extend([f.t0.0, f.t1.0]);
        corners.extend(end_of(a));
        corners.extend(end_of(b));
        for &id in &f.segments {
            if let Some(r) = trace.segments.get(id as usize) {
                owned.insert(r.sent_at.0);
            }
            owned.extend(end_of(id));
        }
    }
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
    for e in &trace.events {
        let visible = match &e.kind {
            TraceEventKind::App { .. } => true,
            TraceEventKind::Core { event } => {
                matches!(event, Event::StateChanged { .. } | Event::TimerFired { .. })
            }
            _ => false,
        };
        if visible {
            busy.insert(e.at.0);
        }
    }
    owned
        .into_iter()
        .filter(|t| !corners.contains(t) && !busy.contains(t))
        .collect()
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
