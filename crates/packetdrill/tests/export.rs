//! Every preset, exported for either side, gives a script that the runner passes: the engine
//! run alone against the script does what it did in the simulation.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_packetdrill::{export, run_source, Outcome};
use synack_sim::{presets, run, Config, Side};

#[test]
fn every_preset_exports_a_passing_script() {
    let mut bad = Vec::new();
    let mut count = 0;
    for p in presets() {
        let sc = p.scenario();
        let Ok(trace) = run(&sc, &Config::for_scenario(&sc)) else {
            continue;
        };
        for side in [Side::Client, Side::Server] {
            let host = if side == Side::Server {
                &trace.server
            } else {
                &trace.client
            };
            let Ok(script) = export::script(&trace, side) else {
                assert_ne!(
                    host.profile, "linux",
                    "{}: a linux side must export",
                    p.name
                );
                continue;
            };
            count += 1;
            match run_source(&script).outcome {
                Outcome::Pass => {}
                o => bad.push(format!("{} ({side:?}): {o}", p.name)),
            }
        }
    }
    assert!(count > 10);
    assert!(
        bad.is_empty(),
        "{} of {count} exports do not pass:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
