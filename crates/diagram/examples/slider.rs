//! Benchmark: what a slider change costs natively, step by step (issue 16).
//!
//! ```sh
//! cargo run --profile release-native -p synack-diagram --example slider -- [--runs N] [PRESET[:SIZE_KB]]...
//! ```
//!
//! For each trace (default `bulk-transfer` and `upload-100k` at 8,500 kB, the two the browser
//! benchmark moves a slider on), it does what the page does when the client→server latency
//! slider moves, alternating between the preset's latency and 10 ms more: simulate
//! (`synack_sim::run`), find the flights (`Flights::new`, `Collapsed::default_for`), lay the
//! ladder out (`Ladder::with_flights`) and its blocks of 16 (`Ladder::blocks`), tell the
//! steps the page tells with the playhead half-way down the axis (as the browser benchmark
//! puts it: the playhead's step and the one before briefly, the one after, and the one before
//! those counted), and prints the median and p90 of each step in milliseconds.
//!
//! `--digest` instead prints one FNV-1a digest per preset (and a few lossy and jittery
//! variants) of the trace's JSON and of both ladders' Debug text (every segment drawn, and
//! the flights collapsed as the page draws them) with their blocks: a change for speed must
//! leave every digest as it was.

// An example may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::time::Instant as Clock;
use synack_diagram::ladder::{Collapsed, Flights};
use synack_diagram::{Ladder, LadderOptions};
use synack_sim::overrides::{DataOverrides, Knob};
use synack_sim::{preset, presets, run, Config};

mod common;
use synack_text::fnv1a;

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut runs = 10usize;
    let mut traces: Vec<String> = Vec::new();
    if std::env::args().any(|a| a == "--digest") {
        return digest();
    }
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect("--runs N"),
            other => traces.push(other.to_string()),
        }
    }
    if traces.is_empty() {
        traces = common::default_traces();
    }
    for t in &traces {
        let (scenario, data) = common::sized_preset(t);
        let base_ms = scenario.latency_us.map_or(50, |us| us / 1000);
        let opts = LadderOptions::default();
        let names = ["simulate", "flights", "ladder", "blocks", "tell", "total"];
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); names.len()];
        let mut segments = 0;
        for i in 0..runs + 1 {
            let mut config = Config::default();
            let lat = (base_ms + if i % 2 == 0 { 10 } else { 0 }) * 1000;
            config.to_server.latency_us = lat;
            config.to_client.latency_us = base_ms * 1000;
            data.configure(&mut config);
            let t0 = Clock::now();
            let trace = run(&scenario, &config).expect("a trace");
            let t1 = Clock::now();
            let flights = Flights::new(&trace);
            let collapsed = Collapsed::default_for(&trace, &flights);
            let t2 = Clock::now();
            let ladder = Ladder::with_flights(&trace, &opts, &flights, &collapsed);
            let t3 = Clock::now();
            let blocks = ladder.blocks(16);
            let t4 = Clock::now();
            let told = told_at_mid(&trace, &ladder);
            let t5 = Clock::now();
            std::hint::black_box((&ladder, &blocks, told));
            segments = trace.segments.len();
            if i == 0 {
                continue; // warm-up
            }
            let ms = |a: Clock, b: Clock| (b - a).as_secs_f64() * 1e3;
            for (k, v) in [
                ms(t0, t1),
                ms(t1, t2),
                ms(t2, t3),
                ms(t3, t4),
                ms(t4, t5),
                ms(t0, t5),
            ]
            .into_iter()
            .enumerate()
            {
                times[k].push(v);
            }
        }
        println!("{t}: {segments} segments, {runs} runs (median / p90 ms)");
        for (k, n) in names.iter().enumerate() {
            let mut v = times[k].clone();
            v.sort_by(f64::total_cmp);
            println!(
                "  {n:>9}: {:7.2} / {:7.2}",
                quantile(&v, 0.5),
                quantile(&v, 0.9)
            );
        }
    }
}

/// The steps the page tells with its playhead half-way down the axis, as the page tells them
/// (web/src/state/told.rs): the two lines drawn and the next step briefly (1,200 bytes), the
/// step before them counted as far as the panel's budget (2,000 characters); the bytes made.
fn told_at_mid(trace: &synack_sim::Trace, ladder: &Ladder) -> usize {
    let mid = ladder.t_at((ladder.axis.top() + ladder.axis.bottom()) / 2.0);
    let Some(now) = ladder.steps.index_at(mid) else {
        return 0;
    };
    let told = |i| {
        let (l, lang) = (ladder, synack_diagram::Lang::default());
        synack_diagram::Told::new(trace, &l.steps, &l.timeline, i, lang, l.options.seq)
    };
    let counted = now
        .checked_sub(2)
        .map_or(0, |i| told(i).chars_up_to(2000, &[]));
    (now.saturating_sub(1)..=now + 1)
        .map(|i| told(i).brief(1200, &[]).text.len())
        .sum::<usize>()
        + counted
}

/// Digests of every preset's trace and ladders (see the module's documentation).
fn digest() {
    let mut all = Vec::new();
    let mut big = preset("upload-100k").expect("a preset");
    let mut data = DataOverrides::default();
    data.set(Knob::Size, "8500").expect("a size");
    data.apply(&mut big);
    let list = presets()
        .iter()
        .map(|p| (p.name.to_string(), preset(p.name).expect("a preset")))
        .chain([("upload-100k:8500".to_string(), big)]);
    for (name, scenario) in list {
        for (variant, seed, loss, jitter) in [
            ("", 1, 0, 0),
            (" lossy", 7, 30_000, 0),
            (" jitter", 3, 10_000, 20_000),
        ] {
            let mut config = Config::for_scenario(&scenario);
            config.seed = seed;
            for l in [&mut config.to_server, &mut config.to_client] {
                l.loss_ppm = loss;
                l.jitter_us = jitter;
            }
            let Ok(trace) = run(&scenario, &config) else {
                println!("{name}{variant}: error");
                continue;
            };
            let t = fnv1a(trace.to_json().expect("json").as_bytes());
            let opts = LadderOptions::default();
            let plain = Ladder::new(&trace, &opts);
            let flights = Flights::new(&trace);
            let collapsed = Collapsed::default_for(&trace, &flights);
            let folded = Ladder::with_flights(&trace, &opts, &flights, &collapsed);
            let l = fnv1a(format!("{plain:?}{:?}", plain.blocks(16)).as_bytes());
            let f = fnv1a(
                format!("{flights:?}{collapsed:?}{folded:?}{:?}", folded.blocks(16)).as_bytes(),
            );
            let told: String = (0..folded.steps.len())
                .map(|i| {
                    format!(
                        "{:?}",
                        folded.narrate(&trace, i, synack_diagram::Lang::default())
                    )
                })
                .collect();
            let n = fnv1a(told.as_bytes());
            println!("{name}{variant}: {} segments, trace {t:016x} ladder {l:016x} folded {f:016x} told {n:016x}", trace.segments.len());
            all.push((t, l, f, n));
        }
    }
    let sum = fnv1a(format!("{all:?}").as_bytes());
    println!("all: {sum:016x}");
}
