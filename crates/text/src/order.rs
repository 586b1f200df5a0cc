//! Stable sorting by a `u64` key, through one shared instantiation of the standard sort.
//!
//! Every `sort_by_key` call site compiles its own copy of the standard library's stable sort
//! (about 3 KB of WebAssembly each); the web app had fifteen. Here every caller sorts the same
//! type, `(key, index)` pairs, so the sort exists once, and the index both breaks ties (which
//! makes it stable) and says where each element goes.

use alloc::vec::Vec;

/// Sorts `v` by `key`, stably: elements with equal keys keep their order.
pub fn sort_by_u64<T>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> u64) {
    // Most callers' lists are in order already (a trace is in time order): found so without
    // allocating the pairs.
    let mut last = 0;
    if v.iter().all(|t| {
        let k = key(t);
        let ok = k >= last;
        last = k;
        ok
    }) {
        return;
    }
    let pairs: Vec<(u64, u32)> = v.iter().zip(0u32..).map(|(t, i)| (key(t), i)).collect();
    let Some(order) = sorted_order(pairs) else {
        return;
    };
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

/// The indices of `pairs` in (key, index) order, or `None` when they are in order already.
#[inline(never)]
fn sorted_order(mut pairs: Vec<(u64, u32)>) -> Option<Vec<u32>> {
    if pairs.windows(2).all(|w| matches!(w, [a, b] if a.0 <= b.0)) {
        return None;
    }
    sort_pairs(&mut pairs);
    Some(pairs.into_iter().map(|(_, i)| i).collect())
}

/// Sorts `(key, index)` pairs: the one instantiation of the standard sort the callers share.
#[inline(never)]
pub fn sort_pairs(pairs: &mut [(u64, u32)]) {
    pairs.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn sorts_by_key_and_keeps_ties_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_u64(&mut v, |e| e.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn empty_single_and_sorted_inputs_are_unchanged() {
        let mut e: Vec<u8> = vec![];
        sort_by_u64(&mut e, |&x| u64::from(x));
        assert!(e.is_empty());
        let mut s = vec![5u8];
        sort_by_u64(&mut s, |&x| u64::from(x));
        assert_eq!(s, vec![5]);
        let mut o = vec![1u8, 1, 2, 9];
        sort_by_u64(&mut o, |&x| u64::from(x));
        assert_eq!(o, vec![1, 1, 2, 9]);
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        // A fixed pseudo-random sequence with many ties.
        let mut x = 0x2545_f491u32;
        let mut v: Vec<(u64, usize)> = (0..500)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (u64::from(x % 40), i)
            })
            .collect();
        let mut want = v.clone();
        want.sort_by_key(|e| e.0);
        sort_by_u64(&mut v, |e| e.0);
        assert_eq!(v, want);
    }
}
