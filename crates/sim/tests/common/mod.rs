//! Helpers shared by the integration tests (native and wasm).
#![allow(dead_code)]

use synack_sim::{preset, run, Config, Scenario, Trace};

/// FNV-1a, 64 bits: a tiny, portable hash to pin a trace's JSON.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

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
pub const PINNED_HASH: u64 = 12252162183754604126;

pub fn run_preset(name: &str) -> Trace {
    let s = preset(name).expect("preset exists");
    run(&s, &Config::for_scenario(&s)).expect("preset runs")
}
