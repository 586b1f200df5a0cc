//! Bounded fuzzing of the state machine in `cargo test`: random interleavings of user calls,
//! deliveries, losses, duplicates, reorderings, forged and mutated segments, and timeouts —
//! for two connected endpoints and for a lone one. The same driver backs the cargo-fuzz
//! target `events` (crates/core/fuzz), which runs unbounded.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod conn_driver;

use arbitrary::Unstructured;
use conn_driver::{run_mode, Mode};
use proptest::prelude::*;

/// `cases` per test, or PROPTEST_CASES from the environment for a longer hunt.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Two endpoints, anything goes.
    #[test]
    fn pair_survives_anything(data in prop::collection::vec(any::<u8>(), 0..3000)) {
        run_mode(Mode::Pair, &mut Unstructured::new(&data));
    }

    /// Two endpoints on a wire that loses, duplicates and reorders but never corrupts:
    /// streams stay intact and, once settled, complete.
    #[test]
    fn benign_wire_delivers_everything(data in prop::collection::vec(any::<u8>(), 0..3000)) {
        run_mode(Mode::Benign, &mut Unstructured::new(&data));
    }

    /// One endpoint against forged segments and calls.
    #[test]
    fn lone_endpoint_survives_anything(data in prop::collection::vec(any::<u8>(), 0..3000)) {
        run_mode(Mode::Lone, &mut Unstructured::new(&data));
    }
}

#[test]
#[ignore]
fn coverage_stats() {
    use proptest::test_runner::TestRunner;
    for mode in [Mode::Pair, Mode::Benign, Mode::Lone] {
        for c in &conn_driver::STATES {
            c.store(0, std::sync::atomic::Ordering::Relaxed);
        }
        let mut r = TestRunner::new(config(300));
        r.run(&prop::collection::vec(any::<u8>(), 0..3000), |d| {
            run_mode(mode, &mut Unstructured::new(&d));
            Ok(())
        })
        .unwrap();
        let v: Vec<u32> = conn_driver::STATES
            .iter()
            .map(|c| c.load(std::sync::atomic::Ordering::Relaxed))
            .collect();
        println!("{mode:?} {v:?}");
    }
}

/// Inputs the fuzzer found, kept as regression tests.
#[test]
fn fuzz_regressions() {
    let cases: &[&[u8]] = &[
        // Benign wire: data stalled behind a window that a silly-window rule would not fill.
        &[
            118, 118, 247, 207, 100, 97, 207, 247, 8, 0, 0, 100, 184, 46, 100, 100, 121, 121, 121,
            121, 121, 166, 121, 121, 121, 49, 0, 35, 121, 121, 121, 121, 121, 8, 0, 0, 100, 184,
            46, 100, 100, 121, 121, 121, 121, 121, 121, 121, 121, 100, 255, 255, 255, 255, 255, 63,
            63,
        ],
        &[
            4, 4, 12, 0, 0, 32, 0, 0, 16, 182, 206, 181, 134, 158, 247, 255, 255, 173, 119, 162,
            140, 7, 202, 60, 101, 10, 26, 154, 59, 163, 163, 163, 163, 163, 163, 163, 163, 163,
            163, 163, 163, 93, 0, 0, 0, 0, 0, 255, 248, 13, 60, 60, 101, 10, 26,
        ],
        // Benign wire: never went quiet.
        &[
            10, 10, 10, 73, 234, 50, 86, 100, 118, 10, 14, 0, 82, 255, 13, 229, 229, 229, 255, 15,
            0, 1, 0, 0, 0, 0, 0, 255, 255, 255, 0, 0, 152, 60, 255, 82, 255, 13, 255, 15, 255, 255,
            0, 19, 0, 0, 0, 0, 0, 0, 0, 128,
        ],
        &[
            49, 0, 164, 255, 39, 101, 63, 8, 152, 0, 0, 0, 100, 22, 96, 39, 154, 202, 19, 240, 255,
            119, 1, 255, 255, 150, 0, 0, 0, 100, 22, 96, 59, 45, 108, 100, 44, 118, 118, 5, 168,
            59, 230, 29, 202, 5, 87, 240, 255, 60, 108, 100, 44, 118, 118, 5, 168, 0, 101, 80, 87,
            10, 10, 10, 100, 80, 10, 118, 5, 10, 5, 168, 96,
        ],
        &[
            10, 73, 34, 74, 115, 97, 43, 43, 43, 255, 255, 255, 255, 43, 43, 43, 43, 43, 8, 0, 0,
            82, 255, 13, 0, 102, 0, 255, 107, 107, 107, 107, 107, 107, 58, 154, 202, 3, 107, 107,
            107, 107, 107, 107, 60, 60, 13, 13, 251, 13, 60, 50, 22, 13, 31, 1, 0, 0, 0, 0, 0, 0,
            4, 0, 0, 107, 107, 107, 107, 107, 107, 107, 107, 107, 107, 60, 60, 13, 13, 251, 13, 60,
            50, 22, 13, 31, 1, 0, 0, 0, 202, 154, 59, 0, 8, 120, 60, 120, 60, 230,
        ],
    ];
    for c in cases {
        if std::env::var("CASE").is_ok_and(|k| {
            k.parse::<usize>().ok() != Some(cases.iter().position(|x| x == c).unwrap_or(0))
        }) {
            continue;
        }
        conn_driver::run(c);
    }
}
