//! Laws of sequence-number arithmetic (`synack_core::seq`, RFC 9293 §3.4), and the segment
//! acceptability test against the table of RFC 9293 §3.10.7.4 evaluated on unwrapped
//! (64-bit) numbers.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use synack_core::seq::{
    ack_acceptable, in_window, segment_acceptable, seq_ge, seq_gt, seq_le, seq_lt,
};

const HALF: u32 = 1 << 31;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 4_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// RFC 9293 §3.10.7.4's table, on integers that do not wrap: `base` stands for RCV.NXT and
/// `d` is SEG.SEQ − RCV.NXT. Meaningful while every distance stays below 2^31.
fn table(d: i64, seg_len: i64, rcv_wnd: i64) -> bool {
    let in_wnd = |x: i64| 0 <= x && x < rcv_wnd;
    match (seg_len, rcv_wnd) {
        (0, 0) => d == 0,
        (0, _) => in_wnd(d),
        (_, 0) => false,
        _ => in_wnd(d) || in_wnd(d + seg_len - 1),
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn less_than_holds_for_every_distance_below_half(a: u32, k in 1..HALF) {
        let b = a.wrapping_add(k);
        prop_assert!(seq_lt(a, b) && seq_le(a, b));
        prop_assert!(seq_gt(b, a) && seq_ge(b, a));
        prop_assert!(!seq_lt(b, a) && !seq_le(b, a));
        prop_assert!(!seq_gt(a, b) && !seq_ge(a, b));
    }

    #[test]
    fn irreflexive_and_reflexive(a: u32) {
        prop_assert!(!seq_lt(a, a) && !seq_gt(a, a));
        prop_assert!(seq_le(a, a) && seq_ge(a, a));
    }

    /// Trichotomy and antisymmetry, for every pair except those exactly 2^31 apart.
    #[test]
    fn trichotomy_away_from_the_antipode(a: u32, b: u32) {
        prop_assume!(a.wrapping_sub(b) != HALF);
        let count = [seq_lt(a, b), a == b, seq_gt(a, b)].iter().filter(|x| **x).count();
        prop_assert_eq!(count, 1);
        prop_assert_eq!(seq_le(a, b), seq_lt(a, b) || a == b);
        prop_assert_eq!(seq_ge(a, b), seq_gt(a, b) || a == b);
        prop_assert_eq!(seq_lt(a, b), seq_gt(b, a));
    }

    /// Transitive within a half circle: the only place the order means anything.
    #[test]
    fn transitive_within_half(a: u32, x in 1..HALF / 2, y in 1..HALF / 2) {
        let b = a.wrapping_add(x);
        let c = b.wrapping_add(y);
        prop_assert!(seq_lt(a, b) && seq_lt(b, c) && seq_lt(a, c));
    }

    /// Comparisons do not care where zero is: shifting both sides changes nothing.
    #[test]
    fn invariant_under_rotation(a: u32, b: u32, r: u32) {
        prop_assert_eq!(seq_lt(a, b), seq_lt(a.wrapping_add(r), b.wrapping_add(r)));
        prop_assert_eq!(seq_le(a, b), seq_le(a.wrapping_add(r), b.wrapping_add(r)));
        prop_assert_eq!(
            in_window(a, b, 1000),
            in_window(a.wrapping_add(r), b.wrapping_add(r), 1000)
        );
    }

    #[test]
    fn in_window_is_start_inclusive_end_exclusive(start: u32, len in 1u32..) {
        prop_assert!(in_window(start, start, len));
        prop_assert!(in_window(start.wrapping_add(len - 1), start, len));
        prop_assert!(!in_window(start.wrapping_add(len), start, len));
        prop_assert!(!in_window(start.wrapping_sub(1), start, len));
        prop_assert!(!in_window(start, start, 0));
    }

    #[test]
    fn in_window_matches_unwrapped_distance(start: u32, d in 0u32..=u32::MAX, len: u32) {
        let seq = start.wrapping_add(d);
        prop_assert_eq!(in_window(seq, start, len), d < len);
    }

    /// RFC 9293 §3.10.7.4: segment_acceptable is the four-case table, wherever RCV.NXT is on
    /// the circle (near the wrap included).
    #[test]
    fn segment_acceptable_is_the_rfc_table(
        rcv_nxt: u32,
        d in -(1i64 << 30)..(1i64 << 30),
        seg_len in prop_oneof![Just(0u32), Just(1u32), 0u32..100, 0u32..(1 << 30)],
        rcv_wnd in prop_oneof![Just(0u32), Just(1u32), 0u32..100, 0u32..(1 << 30)],
    ) {
        let seg_seq = (i64::from(rcv_nxt) + d).rem_euclid(1 << 32) as u32;
        prop_assert_eq!(
            segment_acceptable(seg_seq, seg_len, rcv_nxt, rcv_wnd),
            table(d, i64::from(seg_len), i64::from(rcv_wnd)),
            "seq {} len {} nxt {} wnd {}", seg_seq, seg_len, rcv_nxt, rcv_wnd
        );
    }

    /// RFC 9293 §3.4: SND.UNA < SEG.ACK =< SND.NXT, on unwrapped numbers.
    #[test]
    fn ack_acceptable_is_una_lt_ack_le_nxt(
        una: u32,
        in_flight in 0u32..(1 << 30),
        d in -(1i64 << 30)..(1i64 << 30),
    ) {
        let nxt = una.wrapping_add(in_flight);
        let ack = (i64::from(una) + d).rem_euclid(1 << 32) as u32;
        prop_assert_eq!(
            ack_acceptable(una, ack, nxt),
            0 < d && d <= i64::from(in_flight)
        );
    }
}

/// Two numbers exactly 2^31 apart are each "less" than the other: RFC 9293 §3.4's
/// comparisons (and Linux's `before()`) only mean something for distances below 2^31.
#[test]
fn the_antipode_is_ambiguous() {
    for a in [0, 1, HALF - 1, HALF, u32::MAX] {
        let b = a.wrapping_add(HALF);
        assert!(seq_lt(a, b) && seq_lt(b, a), "{a} and {b}");
    }
}

/// Hand-worked cases of the table, across the wrap at 2^32.
#[test]
fn segment_acceptable_by_hand() {
    let nxt = 0xffff_fff0;
    // Zero-length segment, zero window: only exactly RCV.NXT.
    assert!(segment_acceptable(nxt, 0, nxt, 0));
    assert!(!segment_acceptable(nxt + 1, 0, nxt, 0));
    // Zero-length, window 0x20 spanning the wrap: 0xffff_fff0 ..= 0x0000_000f.
    assert!(segment_acceptable(0x0000_000f, 0, nxt, 0x20));
    assert!(!segment_acceptable(0x0000_0010, 0, nxt, 0x20));
    assert!(!segment_acceptable(nxt - 1, 0, nxt, 0x20));
    // Data into a zero window: never, not even at RCV.NXT.
    assert!(!segment_acceptable(nxt, 1, nxt, 0));
    // Data starting before the window whose last octet is inside: acceptable.
    assert!(segment_acceptable(nxt - 10, 11, nxt, 0x20));
    assert!(!segment_acceptable(nxt - 10, 10, nxt, 0x20));
    // Data starting inside and running past the window's end: acceptable.
    assert!(segment_acceptable(0x0000_000f, 100, nxt, 0x20));
}
