//! Where each segment sits among those at its instant: the rows each end of a segment takes
//! at its lane and instant, and the rows each instant needs (the time axis gives an instant
//! that many). Counted in time order, one pass per end, without search trees: a 10,000-segment
//! trace's rows cost ~0.2 ms natively, where five `BTreeMap`s cost ~3 ms (issue 16).

use super::collapse;
use crate::transit::loss_instant;
use alloc::vec::Vec;
use synack_sim::{Fate, SegmentRecord, Trace};
use synack_text::order::sort_by_u64;

/// Each segment's rows at its two ends (its place among the segments leaving, and among
/// those reaching or lost, at the same lane and instant), by position in `Trace::segments`;
/// and the rows each instant needs, in time order.
pub(super) type Slots = (Vec<(u32, u32)>, Vec<(u64, u32)>);

/// Rows handed out at one instant after another (in time order), per lane: lanes 0–1 the
/// senders' (starts), 2–3 the receivers' (arrivals), 4–5 the senders' again (losses).
#[derive(Default)]
struct Rows {
    at: Option<u64>,
    count: [u32; 6],
    /// The row the members of a collapsed flight share at this instant and lane:
    /// (lane, flight, row). A handful at most: a flight's members share instants.
    shared: Vec<(usize, u32, u32)>,
    /// The rows each instant needed: the most any lane took.
    need: Vec<(u64, u32)>,
}

impl Rows {
    fn take(&mut self, t: u64, lane: usize, flight: Option<u32>) -> u32 {
        if self.at != Some(t) {
            self.flush();
            self.at = Some(t);
        }
        if let Some(f) = flight {
            if let Some(&(_, _, row)) = self.shared.iter().find(|s| s.0 == lane && s.1 == f) {
                return row;
            }
        }
        let row = match self.count.get_mut(lane) {
            Some(c) => {
                *c = c.saturating_add(1);
                *c - 1
            }
            None => 0,
        };
        if let Some(f) = flight {
            self.shared.push((lane, f, row));
        }
        row
    }

    fn flush(&mut self) {
        if let Some(t) = self.at.take() {
            let n = self.count.iter().copied().max().unwrap_or(0);
            if n > 0 {
                self.need.push((t, n));
            }
            self.count = [0; 6];
            self.shared.clear();
        }
    }
}

pub(super) fn slots(trace: &Trace, typical: u64, groups: &collapse::Groups) -> Slots {
    let n = trace.segments.len();
    let mut order: Vec<(usize, &SegmentRecord)> = trace.segments.iter().enumerate().collect();
    sort_by_u64(&mut order, |(_, r)| r.sent_at.0);
    let mut rows = Rows::default();
    let mut per_seg: Vec<(u32, u32)> = alloc::vec![(0, 0); n];
    for &(i, r) in &order {
        let row = rows.take(r.sent_at.0, r.from.index(), groups.get(r.id));
        if let Some(s) = per_seg.get_mut(i) {
            s.0 = row;
        }
    }
    rows.flush();
    // Ends are counted apart from starts: a segment that arrives where another leaves at
    // the same instant (a reply) shares its row. Losses get a lane of their own per sender.
    let mut ends: Vec<(u64, usize, usize, u32)> = order
        .iter()
        .filter_map(|&(i, r)| match r.fate {
            Fate::Arrived { at } => Some((at.0, 2 + r.from.other().index(), i, r.id)),
            Fate::Lost { .. } => Some((loss_instant(r, typical)?.0, 4 + r.from.index(), i, r.id)),
            Fate::InFlight => None,
        })
        .collect();
    sort_by_u64(&mut ends, |e| e.0); // stable: sending order within an instant
    for (t, lane, i, id) in ends {
        let row = rows.take(t, lane, groups.get(id));
        if let Some(s) = per_seg.get_mut(i) {
            s.1 = row;
        }
    }
    rows.flush();
    // Both passes' instants, in time order, each once with the most rows any lane took.
    let mut need = rows.need;
    sort_by_u64(&mut need, |r| r.0);
    let mut merged: Vec<(u64, u32)> = Vec::with_capacity(need.len());
    for (t, k) in need {
        match merged.last_mut() {
            Some(last) if last.0 == t => last.1 = last.1.max(k),
            _ => merged.push((t, k)),
        }
    }
    (per_seg, merged)
}

/// The sorted union (repeats kept) of two sorted lists: what sorting the two together gives,
/// in one pass instead of a sort of tens of thousands of pairs.
pub(super) fn merge_sorted(a: &[(u64, u32)], b: &[(u64, u32)]) -> Vec<(u64, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x <= y => {
                out.push(*x);
                i += 1;
            }
            (_, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (None, None) => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_two_sorted_lists_is_sorting_them_together() {
        let a = [(1, 1), (3, 1), (3, 1), (7, 1), (9, 1)];
        let b = [(0, 2), (3, 1), (3, 4), (8, 1), (9, 3), (12, 1)];
        let mut want: Vec<(u64, u32)> = a.iter().chain(&b).copied().collect();
        want.sort_unstable();
        assert_eq!(merge_sorted(&a, &b), want);
        assert_eq!(merge_sorted(&b, &a), want);
        assert_eq!(merge_sorted(&[], &b), b);
        assert_eq!(merge_sorted(&a, &[]), a);
    }
}
