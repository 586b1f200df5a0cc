//! The comparison's own yardstick: two real Linux runs of every data-phase capture pass it
//! against each other with the recommended options (as `linux-compare.py --sim-trace` finds),
//! and a run does not match a different scenario.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use synack_fidelity::{compare, parse_golden, Options};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/linux-data")
}

fn rows(name: &str) -> Vec<synack_fidelity::Row> {
    let p = fixtures().join(name);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    parse_golden(&text).unwrap()
}

#[test]
fn second_linux_runs_match_the_first() {
    for id in ["D1_bulk", "D2_one_loss", "D5_zero_window", "D6b_nodelay"] {
        let g = rows(&format!("{id}.trace.txt"));
        let s = rows(&format!("{id}.run2.trace.txt"));
        let r = compare(&g, &s, &Options::data());
        assert!(r.is_full(), "{id}:\n{}", r.render());
        assert!(r.total > 20, "{id}: {}", r.total);
    }
}

#[test]
fn a_different_scenario_does_not_match() {
    let g = rows("D1_bulk.trace.txt");
    let s = rows("D2_one_loss.trace.txt");
    let r = compare(&g, &s, &Options::data());
    assert!(!r.is_full());
    // The losses of D2 (the drop and what follows) cost more than a few lines.
    assert!(r.matched + 10 < r.total, "{}", r.score());
}
