//! Benchmark: the time to seek the playhead to a random instant, natively.
//!
//! ```sh
//! cargo run --profile release-native -p synack-diagram --example seek -- [--json] \
//!     [--seeks N] [--mermaid FILE]
//! ```
//!
//! For each trace — the short `handshake-and-close` preset, the long `bench/long-transfer.json`
//! (1.5 MB), and bulk transfers of 0.15, 1.5 and 15 MB built the same way, to see whether the
//! cost grows with the trace's length — it lays the ladder out once (`Ladder::new`, timed as
//! "layout") and then times, one call at a time, `N` seeks (default 20,000) to instants drawn
//! uniformly from the drawn span by a fixed-seed generator:
//!
//! - `frame`: `ladder.frame(t)`, what the ladder needs at a playhead;
//! - `full`: `frame(t)` plus everything else the app shows at a playhead: both sides' state
//!   graph frames, both TCB tables and the current step's narration.
//!
//! It prints the median, p99 and max of each in microseconds. With `--mermaid FILE` it also
//! writes `handshake-and-close` as a Mermaid `sequenceDiagram` (the diagram crate's export),
//! which scripts/bench.sh has Mermaid render next to the app.

// An example may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::time::Instant as Clock;
use synack_core::Instant;
use synack_diagram::{mermaid, Ladder, LadderOptions, Lang, StateGraph};
use synack_sim::{preset, run, Call, Config, Limits, Scenario, Script, Side, Trace, Trigger};

/// xorshift64*: a fixed, portable sequence of "random" instants.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A bulk transfer of `bytes` (sent as 1 MiB writes), like bench/long-transfer.json.
fn bulk(bytes: u32) -> Scenario {
    let mut client = Script::new().at_ms(0, Call::Connect);
    let mut left = bytes;
    while left > 0 {
        let n = left.min(1 << 20);
        client = client.on(Trigger::Connected, 0, Call::send_bytes(n));
        left -= n;
    }
    client = client.on(Trigger::Connected, 0, Call::Close);
    Scenario::new(&format!("bulk-{bytes}"))
        .client(client)
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .on(Trigger::Eof, 0, Call::Close),
        )
}

struct Stats {
    p50: f64,
    p99: f64,
    max: f64,
}

fn stats(mut v: Vec<f64>) -> Stats {
    v.sort_by(f64::total_cmp);
    Stats {
        p50: quantile(&v, 0.5),
        p99: quantile(&v, 0.99),
        max: v.last().copied().unwrap_or(f64::NAN),
    }
}

struct Row {
    name: String,
    segments: usize,
    layout_ms: f64,
    frame: Stats,
    full: Stats,
}

fn measure(name: &str, trace: &Trace, seeks: usize) -> Row {
    let opts = LadderOptions::default();
    let t = Clock::now();
    let ladder = Ladder::new(trace, &opts);
    let layout_ms = t.elapsed().as_secs_f64() * 1e3;
    let graph = StateGraph::figure5();
    let (t0, t1) = (ladder.start.0, ladder.end.0.max(ladder.start.0));
    let span = t1 - t0 + 1;
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let instants: Vec<Instant> = (0..seeks)
        .map(|_| Instant(t0 + rng.next() % span))
        .collect();

    // Warm up caches and the allocator.
    for &at in instants.iter().take(1000) {
        std::hint::black_box(ladder.frame(at));
    }
    let mut frame = Vec::with_capacity(seeks);
    for &at in &instants {
        let c = Clock::now();
        let f = ladder.frame(at);
        frame.push(c.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(f);
    }
    let mut full = Vec::with_capacity(seeks);
    for &at in &instants {
        let c = Clock::now();
        let f = ladder.frame(at);
        let g = [
            graph.frame(&ladder.timeline, Side::Client, at, Lang::EN),
            graph.frame(&ladder.timeline, Side::Server, at, Lang::EN),
        ];
        let tcb = [
            ladder.tcb_rows(Side::Client, at, Lang::EN),
            ladder.tcb_rows(Side::Server, at, Lang::EN),
        ];
        let text = f.step.map(|i| ladder.narrate(trace, i, Lang::EN));
        full.push(c.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box((f, g, tcb, text));
    }
    Row {
        name: name.to_string(),
        segments: trace.segments.len(),
        layout_ms,
        frame: stats(frame),
        full: stats(full),
    }
}

fn simulate(s: &Scenario) -> Trace {
    let mut c = Config::for_scenario(s);
    // Room for the 15 MB transfer (~16,500 segments).
    c.limits = Limits {
        max_steps: 1_000_000,
        max_segments: 200_000,
        ..Limits::default()
    };
    run(s, &c).unwrap_or_else(|e| fail(&format!("{}: {e}", s.name)))
}

fn main() {
    let mut json = false;
    let mut seeks = 20_000usize;
    let mut mermaid_out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--seeks" => {
                seeks = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or_else(|| fail("--seeks needs a positive count"))
            }
            "--mermaid" => {
                mermaid_out = Some(
                    args.next()
                        .unwrap_or_else(|| fail("--mermaid needs a file")),
                )
            }
            "-h" | "--help" => {
                println!("seek [--json] [--seeks N] [--mermaid FILE]");
                return;
            }
            other => fail(&format!("unknown argument {other}")),
        }
    }

    let short = simulate(&preset("handshake-and-close").unwrap_or_else(|| fail("no preset")));
    if let Some(path) = &mermaid_out {
        std::fs::write(path, mermaid(&short))
            .unwrap_or_else(|e| fail(&format!("cannot write {path}: {e}")));
    }
    let long_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/long-transfer.json"
    );
    let long_text = std::fs::read_to_string(long_path)
        .unwrap_or_else(|e| fail(&format!("cannot read {long_path}: {e}")));
    let long = simulate(
        &Scenario::from_json(&long_text).unwrap_or_else(|e| fail(&format!("{long_path}: {e}"))),
    );

    let mut rows = vec![
        measure("short: handshake-and-close", &short, seeks),
        measure("long: bench/long-transfer.json", &long, seeks),
    ];
    for bytes in [150_000u32, 1_500_000, 15_000_000] {
        let t = simulate(&bulk(bytes));
        rows.push(measure(
            &format!("scaling: bulk {:.2} MB", f64::from(bytes) / 1e6),
            &t,
            seeks,
        ));
    }

    if json {
        let items: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{{\"name\":\"{}\",\"segments\":{},\"layout_ms\":{:.3},\
                     \"frame_us\":{{\"p50\":{:.3},\"p99\":{:.3},\"max\":{:.3}}},\
                     \"full_us\":{{\"p50\":{:.3},\"p99\":{:.3},\"max\":{:.3}}}}}",
                    r.name,
                    r.segments,
                    r.layout_ms,
                    r.frame.p50,
                    r.frame.p99,
                    r.frame.max,
                    r.full.p50,
                    r.full.p99,
                    r.full.max
                )
            })
            .collect();
        println!("{{\"seeks\":{seeks},\"traces\":[{}]}}", items.join(","));
    } else {
        println!("{seeks} seeks to random instants per trace; µs per seek");
        println!(
            "{:34} {:>7} {:>10} | {:>9} {:>9} {:>9} | {:>9} {:>9} {:>9}",
            "trace", "segs", "layout ms", "frame p50", "p99", "max", "full p50", "p99", "max"
        );
        for r in &rows {
            println!(
                "{:34} {:>7} {:>10.2} | {:>9.2} {:>9.2} {:>9.1} | {:>9.2} {:>9.2} {:>9.1}",
                r.name,
                r.segments,
                r.layout_ms,
                r.frame.p50,
                r.frame.p99,
                r.frame.max,
                r.full.p50,
                r.full.p99,
                r.full.max
            );
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("seek: {msg}");
    std::process::exit(1)
}
