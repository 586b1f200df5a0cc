//! The pinned trace hash, checked in a real browser (wasm32): the simulation must give the
//! same bytes in WebAssembly as natively. Run with
//! `cargo test -p synack-sim --target wasm32-unknown-unknown --test wasm`
//! (the runner, wasm-bindgen-test-runner with headless Chromium, is set in .cargo/config.toml).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(target_arch = "wasm32")]

mod common;

use common::{fnv1a, pinned_case, PINNED_HASH};
use synack_sim::run;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn pinned_trace_hash_in_the_browser() {
    let (s, c) = pinned_case();
    let json = run(&s, &c).expect("runs").to_json().expect("serializes");
    assert_eq!(fnv1a(json.as_bytes()), PINNED_HASH);
}

#[wasm_bindgen_test]
fn every_preset_runs_in_the_browser() {
    for p in synack_sim::presets() {
        let s = p.scenario();
        let t = run(&s, &synack_sim::Config::for_scenario(&s)).expect("runs");
        assert!(!t.segments.is_empty(), "{}", p.name);
    }
}
