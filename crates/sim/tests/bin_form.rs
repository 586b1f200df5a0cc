//! The binary form the web app's two modules hand each other (`Trace::to_bin`): every preset's
//! trace, with loss and without, comes back equal, and bytes cut short or corrupted are an
//! error, not a panic.
#![cfg(feature = "bin")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_sim::{preset, presets, run, Config, Trace};

fn traces() -> Vec<Trace> {
    let mut out = Vec::new();
    for p in presets() {
        let s = preset(p.name).unwrap();
        for (seed, loss_ppm) in [(1, 0), (7, 100_000)] {
            let mut c = Config {
                seed,
                ..Config::default()
            };
            c.to_server.loss_ppm = loss_ppm;
            c.to_client.loss_ppm = loss_ppm;
            if let Ok(t) = run(&s, &c) {
                out.push(t);
            }
        }
    }
    out
}

#[test]
fn every_preset_round_trips() {
    let all = traces();
    assert!(all.len() >= presets().len());
    for t in &all {
        let bytes = t.to_bin();
        let back = Trace::from_bin(&bytes).unwrap_or_else(|e| panic!("{}: {e}", t.scenario));
        assert_eq!(&back, t, "{}", t.scenario);
        // Smaller than its JSON (the point of it).
        assert!(bytes.len() < t.to_json().unwrap().len(), "{}", t.scenario);
    }
}

#[test]
fn cut_or_corrupted_bytes_are_errors() {
    let t = run(&preset("handshake-and-close").unwrap(), &Config::default()).unwrap();
    let bytes = t.to_bin();
    for n in (0..bytes.len()).step_by(7) {
        assert!(Trace::from_bin(&bytes[..n]).is_err(), "cut at {n}");
    }
}
