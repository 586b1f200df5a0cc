//! Which intervals contain an instant, in O(log n + k): intervals sorted by start, and a
//! segment tree of the maximum end over index ranges. Used for "arrows in flight at t" and
//! "timers running at t", so seeking does not grow with the trace.

use alloc::vec;
use alloc::vec::Vec;

#[derive(Clone, Debug, Default)]
pub struct IntervalIndex {
    starts: Vec<u64>,
    ends: Vec<u64>,
    /// Segment tree over leaves `size..2*size`: `tree[n]` = max end below node n.
    tree: Vec<u64>,
    size: usize,
}

impl IntervalIndex {
    /// `spans` must be sorted by start.
    pub fn new(spans: impl Iterator<Item = (u64, u64)>) -> Self {
        let (starts, ends): (Vec<u64>, Vec<u64>) = spans.unzip();
        let size = starts.len().next_power_of_two().max(1);
        let mut tree = vec![0u64; 2 * size];
        for (i, &e) in ends.iter().enumerate() {
            if let Some(slot) = tree.get_mut(size + i) {
                *slot = e;
            }
        }
        for n in (1..size).rev() {
            let l = tree.get(2 * n).copied().unwrap_or(0);
            let r = tree.get(2 * n + 1).copied().unwrap_or(0);
            if let Some(slot) = tree.get_mut(n) {
                *slot = l.max(r);
            }
        }
        IntervalIndex {
            starts,
            ends,
            tree,
            size,
        }
    }

    /// How many intervals start at or before `t`.
    pub fn started(&self, t: u64) -> usize {
        self.starts.partition_point(|&s| s <= t)
    }

    /// Indices (ascending) of the intervals with start ≤ t < end.
    pub fn active(&self, t: u64) -> Vec<usize> {
        let mut out = Vec::new();
        let limit = self.started(t);
        if limit > 0 {
            self.collect(1, 0, self.size, limit, t, &mut out);
        }
        out
    }

    fn collect(
        &self,
        node: usize,
        lo: usize,
        hi: usize,
        limit: usize,
        t: u64,
        out: &mut Vec<usize>,
    ) {
        if lo >= limit || self.tree.get(node).is_none_or(|&m| m <= t) {
            return;
        }
        if hi - lo == 1 {
            if self.ends.get(lo).is_some_and(|&e| e > t) {
                out.push(lo);
            }
            return;
        }
        let mid = lo + (hi - lo) / 2;
        self.collect(2 * node, lo, mid, limit, t, out);
        self.collect(2 * node + 1, mid, hi, limit, t, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_exactly_the_active_intervals() {
        let spans = [(0u64, 10u64), (2, 3), (2, 50), (5, 6), (7, 100), (20, 21)];
        let ix = IntervalIndex::new(spans.iter().copied());
        for t in 0..120 {
            let want: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, (s, e))| *s <= t && t < *e)
                .map(|(i, _)| i)
                .collect();
            assert_eq!(ix.active(t), want, "t={t}");
        }
        assert!(IntervalIndex::new(core::iter::empty()).active(5).is_empty());
    }
}
