//! Benchmark only: `synack_sim::run` on the long scenario (`bench/long-transfer.json`, built
//! in) as a bare WebAssembly module with three exports and no imports, so that Node or a
//! browser can time it with nothing but `WebAssembly.instantiate` (see bench/run.mjs):
//!
//! - `prepare() -> u32`: parses the scenario; 1 on success, 0 if it is invalid.
//! - `run_once() -> u32`: one simulation; the number of segments in its trace (0 on error).
//! - `digest_lo() / digest_hi() -> u32`: FNV-1a of the trace's JSON, which must equal the native
//!   `throughput` example's digest (the simulation is byte-identical in wasm).
//!
//! Built by scripts/bench.sh with `cargo build -p synack-bench-simwasm --target
//! wasm32-unknown-unknown` in the `release` profile (opt-level "z", as the web app ships) and
//! in `release-native` (opt-level 3), so the report can tell compiler settings from wasm itself.
use std::sync::OnceLock;
use synack_sim::{run, Config, Scenario};

/// The long scenario, the same file the native benchmark reads.
pub const SCENARIO_JSON: &str = include_str!("../../long-transfer.json");

static PREPARED: OnceLock<Option<(Scenario, Config)>> = OnceLock::new();

fn prepared() -> Option<&'static (Scenario, Config)> {
    PREPARED
        .get_or_init(|| {
            let s = Scenario::from_json(SCENARIO_JSON).ok()?;
            let c = Config::for_scenario(&s);
            Some((s, c))
        })
        .as_ref()
}

/// FNV-1a, 64-bit (as the native example and crates/sim/tests compute it).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Parses the built-in scenario: 1 on success, 0 if it does not parse or validate.
#[no_mangle]
pub extern "C" fn prepare() -> u32 {
    u32::from(prepared().is_some())
}

/// Runs the simulation once; returns the trace's segment count (0 on any error).
#[no_mangle]
pub extern "C" fn run_once() -> u32 {
    let Some((s, c)) = prepared() else { return 0 };
    match run(s, c) {
        Ok(t) => u32::try_from(t.segments.len()).unwrap_or(u32::MAX),
        Err(_) => 0,
    }
}

fn digest() -> u64 {
    let Some((s, c)) = prepared() else { return 0 };
    run(s, c)
        .ok()
        .and_then(|t| t.to_json().ok())
        .map_or(0, |j| fnv1a(j.as_bytes()))
}

/// Low 32 bits of the trace digest.
#[no_mangle]
pub extern "C" fn digest_lo() -> u32 {
    digest() as u32
}

/// High 32 bits of the trace digest.
#[no_mangle]
pub extern "C" fn digest_hi() -> u32 {
    (digest() >> 32) as u32
}
