//! Laying out a ladder with some flights collapsed: which segments share a row, which
//! instants need no row of their own, and the band each collapsed flight becomes.

use super::flights::{Collapsed, FlightKind, Flights};
use super::place::{place_labels, Room};
use super::{Arrow, FlightBand};
use crate::geom::Point;
use crate::geom::TextBox;
use crate::timeline::Timeline;
use crate::SeqMode;
use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::Event;
use synack_sim::{AppCall, Fate, Trace, TraceEventKind};

/// Segment id → index (into `Flights::list`) of the collapsed flight it is drawn in.
pub(super) type Groups = ById;

/// A map from segment id to a number, for lookups once per segment of a long trace: a vector
/// by id where the id is below the trace's length (every simulated or captured trace numbers
/// its segments `0..n`), a search tree for any other id (a trace file may number them
/// anyhow). Inserting an id again replaces its value, as a map does.
#[derive(Default)]
pub(super) struct ById {
    /// `NONE` where no value is set.
    dense: Vec<u32>,
    sparse: BTreeMap<u32, u32>,
    len: usize,
}

const NONE: u32 = u32::MAX;

impl ById {
    /// Room for the ids `0..n` in the vector.
    pub(super) fn new(n: usize) -> ById {
        ById {
            dense: alloc::vec![NONE; n],
            ..ById::default()
        }
    }

    pub(super) fn insert(&mut self, id: u32, v: u32) {
        // An id is in the vector or in the tree, never both. A value of `NONE` itself (four
        // billion flights or arrows) can only be kept in the tree.
        let fresh = match self.dense.get_mut(id as usize) {
            Some(slot) if v != NONE => {
                core::mem::replace(slot, v) == NONE && self.sparse.remove(&id).is_none()
            }
            Some(slot) => {
                let was = core::mem::replace(slot, NONE);
                self.sparse.insert(id, v).is_none() && was == NONE
            }
            None => self.sparse.insert(id, v).is_none(),
        };
        if fresh {
            self.len += 1;
        }
    }

    pub(super) fn get(&self, id: u32) -> Option<u32> {
        match self.dense.get(id as usize) {
            Some(&v) if v != NONE => Some(v),
            _ => self.sparse.get(&id).copied(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every value set (in no particular order).
    fn values(&self) -> impl Iterator<Item = u32> + '_ {
        self.dense
            .iter()
            .copied()
            .filter(|&v| v != NONE)
            .chain(self.sparse.values().copied())
    }

    /// Which of `n` flights have a member here.
    fn active(&self, n: usize) -> Vec<bool> {
        let mut a = alloc::vec![false; n];
        for k in self.values() {
            if let Some(x) = a.get_mut(k as usize) {
                *x = true;
            }
        }
        a
    }
}

/// Whether `t` is in the sorted list `v`.
pub(super) fn holds(v: &[u64], t: u64) -> bool {
    v.binary_search(&t).is_ok()
}

/// Sorts and removes repeats: a set as a sorted vector. Through the shared sort of
/// `synack_text::order`, not one more instantiation of the standard one in the wasm.
fn into_set(mut v: Vec<u64>) -> Vec<u64> {
    synack_text::order::sort_by_u64(&mut v, |&t| t);
    v.dedup();
    v
}

pub(super) fn groups(trace: &Trace, flights: &Flights, collapsed: &Collapsed) -> Groups {
    let mut g = Groups::new(trace.segments.len());
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
pub(super) fn droppable_instants(trace: &Trace, flights: &Flights, g: &Groups) -> Vec<u64> {
    let active = g.active(flights.list.len());
    let arrival = |id: u32| {
        trace.segments.get(id as usize).and_then(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
    };
    let mut corners = Vec::new();
    let mut spans: Vec<(u64, u64)> = Vec::new();
    for (k, f) in flights.list.iter().enumerate() {
        if !active.get(k).copied().unwrap_or(false) {
            continue;
        }
        let arrivals = f.segments.iter().filter_map(|&id| arrival(id));
        let (a0, a1) = arrivals.fold((None, None), |(lo, hi): (Option<u64>, Option<u64>), a| {
            (
                Some(lo.map_or(a, |l| l.min(a))),
                Some(hi.map_or(a, |h| h.max(a))),
            )
        });
        corners.extend([f.t0.0, f.t1.0]);
        corners.extend(a0);
        corners.extend(a1);
        spans.push((f.t0.0, a1.unwrap_or(f.t1.0).max(f.t1.0)));
    }
    let corners = into_set(corners);
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
    let mut busy = Vec::new();
    for r in &trace.segments {
        if g.get(r.id).is_some() {
            continue;
        }
        busy.push(r.sent_at.0);
        if let Fate::Arrived { at } | Fate::Lost { at, .. } = r.fate {
            busy.push(at.0);
        }
    }
    let mut out = Vec::new();
    for e in &trace.events {
        let t = e.at.0;
        let said = match &e.kind {
            TraceEventKind::App { call, .. } => !matches!(call, AppCall::Read { .. }),
            TraceEventKind::Core { event } => matches!(event, Event::StateChanged { .. }),
            _ => false,
        };
        if said {
            busy.push(t);
        } else if inside(t) {
            out.push(t);
        }
    }
    let busy = into_set(busy);
    let mut out = into_set(out);
    out.retain(|&t| !holds(&busy, t) && !holds(&corners, t));
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
    let mut index = ById::new(arrows.len());
    for (i, a) in (0u32..).zip(arrows.iter()) {
        index.insert(a.id, i);
    }
    let active = g.active(flights.list.len());
    let mut out = Vec::new();
    for (k, f) in (0u32..).zip(&flights.list) {
        if !active.get(k as usize).copied().unwrap_or(false) {
            continue;
        }
        let members: Vec<usize> = f
            .segments
            .iter()
            .filter_map(|&id| index.get(id).map(|i| i as usize))
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
                    points: [p0, p1],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_id_is_a_map_from_id_whether_the_id_is_dense_or_not() {
        let mut m = ById::new(4);
        assert!(m.is_empty());
        let mut reference = BTreeMap::new();
        for (id, v) in [
            (2, 7),
            (9, 1),
            (2, 3),
            (0, 5),
            (u32::MAX, 4),
            (9, 6),
            (1, NONE),
            (0, NONE),
            (1, 2),
        ] {
            m.insert(id, v);
            reference.insert(id, v);
        }
        for id in [0, 1, 2, 3, 4, 9, 10, u32::MAX] {
            assert_eq!(m.get(id), reference.get(&id).copied(), "id {id}");
        }
        assert_eq!(m.len, reference.len());
        let mut values: Vec<u32> = m.values().collect();
        values.sort_unstable();
        let mut want: Vec<u32> = reference.values().copied().collect();
        want.sort_unstable();
        assert_eq!(values, want);
        assert_eq!(m.active(7), [false, false, true, true, true, false, true]);
    }
}
