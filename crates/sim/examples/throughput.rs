//! Benchmark: how many segments per second the simulator produces natively.
//!
//! ```sh
//! cargo run --profile release-native -p synack-sim --example throughput -- [--json [--times]] \
//!     [--min-secs S] [--presets] [SCENARIO.json]
//! ```
//!
//! Runs the scenario (default `bench/long-transfer.json`, 1.5 MB, ~1,650 segments) once to warm
//! up, then again and again for at least `--min-secs` (default 3) and at least 5 runs, timing
//! each `synack_sim::run` alone (the scenario is parsed once, outside the clock). The figure is
//! segments in the trace / the **median** run time, so that a busy, shared machine shows up as
//! spread (p10/p90 are printed too) rather than as a wrong median. `bench/simwasm` runs the
//! same loop in WebAssembly; `scripts/bench.sh` prints both side by side.
//!
//! `--presets` also reports every preset's segment count and median run time (the browser
//! benchmark picks the longest one the web app can load). `--json` prints one JSON object instead of text, with
//! `--times` every run's time too (bench/run.mjs pools several short rounds, interleaved with
//! the WebAssembly rounds, so that both see the same machine load).

// An example may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::time::{Duration, Instant};
use synack_sim::{presets, run, Config, Scenario};
use synack_text::fnv1a;

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut json = false;
    let mut with_presets = false;
    let mut with_times = false;
    let mut min_secs = 3.0_f64;
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/long-transfer.json"
    )
    .to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--presets" => with_presets = true,
            "--times" => with_times = true,
            "--min-secs" => {
                min_secs = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| fail("--min-secs needs a number of seconds"))
            }
            "-h" | "--help" => {
                println!(
                    "throughput [--json [--times]] [--min-secs S] [--presets] [SCENARIO.json]"
                );
                return;
            }
            other if other.starts_with('-') => fail(&format!("unknown option {other}")),
            other => path = other.to_string(),
        }
    }
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| fail(&format!("cannot read {path}: {e}")));
    let scenario = Scenario::from_json(&text).unwrap_or_else(|e| fail(&format!("{path}: {e}")));
    let config = Config::for_scenario(&scenario);

    // Warm-up run; also the reference trace (segment count and digest, which the WebAssembly
    // build must reproduce exactly).
    let trace = run(&scenario, &config).unwrap_or_else(|e| fail(&e.to_string()));
    let segments = trace.segments.len();
    let digest = fnv1a(trace.to_json().unwrap_or_default().as_bytes());
    drop(trace);

    let mut times = Vec::new();
    let start = Instant::now();
    while times.len() < 5 || start.elapsed() < Duration::from_secs_f64(min_secs) {
        let t = Instant::now();
        let trace = run(&scenario, &config).unwrap_or_else(|e| fail(&e.to_string()));
        let dt = t.elapsed().as_secs_f64();
        assert_eq!(
            trace.segments.len(),
            segments,
            "the simulation is deterministic"
        );
        std::hint::black_box(&trace);
        times.push(dt);
        if times.len() >= 100_000 {
            break;
        }
    }
    let times_json: Vec<String> = times.iter().map(|t| format!("{:.4}", t * 1e3)).collect();
    times.sort_by(f64::total_cmp);
    let median = quantile(&times, 0.5);
    let rate = segments as f64 / median;

    // Each preset's segment count and median run time (of 5, after one warm-up run).
    let preset_counts: Vec<(&str, usize, f64)> = if with_presets {
        presets()
            .iter()
            .map(|p| {
                let s = p.scenario();
                let c = Config::for_scenario(&s);
                let n = run(&s, &c).map_or(0, |t| t.segments.len());
                let mut ts: Vec<f64> = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(run(&s, &c).ok());
                        t.elapsed().as_secs_f64()
                    })
                    .collect();
                ts.sort_by(f64::total_cmp);
                (p.name, n, quantile(&ts, 0.5) * 1e3)
            })
            .collect()
    } else {
        Vec::new()
    };

    if json {
        let presets_json: Vec<String> = preset_counts
            .iter()
            .map(|(n, c, ms)| format!("{{\"name\":\"{n}\",\"segments\":{c},\"run_ms\":{ms:.4}}}"))
            .collect();
        println!(
            "{{\"scenario\":\"{}\",\"segments\":{segments},\"digest\":\"{digest:016x}\",\"runs\":{},\
             \"run_ms_p10\":{:.4},\"run_ms_p50\":{:.4},\"run_ms_p90\":{:.4},\
             \"segments_per_s\":{rate:.0},\"presets\":[{}],\"times_ms\":[{}]}}",
            scenario.name.replace('"', "'"),
            times.len(),
            quantile(&times, 0.1) * 1e3,
            median * 1e3,
            quantile(&times, 0.9) * 1e3,
            presets_json.join(","),
            if with_times {
                times_json.join(",")
            } else {
                String::new()
            }
        );
    } else {
        println!("scenario {} ({path})", scenario.name);
        println!("{segments} segments per run, trace digest {digest:016x}");
        println!(
            "{} runs: p10 {:.3} ms, median {:.3} ms, p90 {:.3} ms per run",
            times.len(),
            quantile(&times, 0.1) * 1e3,
            median * 1e3,
            quantile(&times, 0.9) * 1e3
        );
        println!("{rate:.0} segments/s (segments / median run time)");
        for (n, c, ms) in preset_counts {
            println!("  preset {n}: {c} segments, {ms:.3} ms per run");
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("throughput: {msg}");
    std::process::exit(1)
}
