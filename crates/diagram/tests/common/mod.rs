//! Traces for the tests: every preset of synack-sim, run with its own config.
#![allow(dead_code)]

use synack_sim::{preset, presets, run, Config, Trace};

pub fn trace(name: &str) -> Trace {
    let scenario = preset(name).unwrap_or_else(|| panic!("no preset {name}"));
    run(&scenario, &Config::for_scenario(&scenario)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

pub fn all() -> Vec<(&'static str, Trace)> {
    presets().iter().map(|p| (p.name, trace(p.name))).collect()
}
