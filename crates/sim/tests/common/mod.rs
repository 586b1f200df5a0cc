//! Helpers shared by the integration tests (native and wasm).
#![allow(dead_code)]

use synack_sim::{preset, run, Config, Scenario, Trace};

/// FNV-1a, 64 bits (the core's, which also fingerprints language packs): a tiny, portable
/// hash to pin a trace's JSON.
#[allow(unused_imports)] // Not every test file pins a hash.
pub use synack_text::fnv1a;

/// The scenario and config whose trace hash is pinned: the full story over a bad network
/// (jitter, loss, duplication, reordering), so every random draw shows in the hash.
pub fn pinned_case() -> (Scenario, Config) {
    let s = preset("handshake-and-close").expect("preset exists");
    let mut c = Config::for_scenario(&s);
    c.seed = 42;
    c.set_jitter_us(10_000);
    c.set_loss_ppm(150_000);
    c.to_server.duplicate_ppm = 200_000;
    c.to_client.reorder_ppm = 200_000;
    (s, c)
}

/// The pinned hash of `pinned_case`'s JSON trace. If an intended change to the core or the
/// simulator moves it, update it here (native and wasm tests share it) and say why.
// Changed by the data phase (issue 12): Linux's sending side (scoreboard, TLP, packet cwnd).
pub const PINNED_HASH: u64 = 12630957079801839280;

pub fn run_preset(name: &str) -> Trace {
    let s = preset(name).expect("preset exists");
    run(&s, &Config::for_scenario(&s)).expect("preset runs")
}
