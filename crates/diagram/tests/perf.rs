//! Layout and seek times on a long trace (printed, not asserted: the machine is shared).
//! Run with `cargo test -p synack-diagram --release --test perf -- --nocapture` for
//! release numbers.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Instant as Clock;
use synack_core::Instant;
use synack_diagram::{ladder_svg_of, Ladder, LadderOptions, Lang};
use synack_sim::{ppm_from_percent, run, Call, Config, Scenario, Script};

fn bulk(bytes: u32, loss_percent: f64) -> synack_sim::Trace {
    // Sent in chunks of 500 kB (the simulator takes at most 1 MiB per call).
    let mut client = Script::new().at_ms(0, Call::Connect);
    for (i, ms) in (0..bytes.div_ceil(500_000)).zip((200..).step_by(10)) {
        let chunk = (bytes - i * 500_000).min(500_000);
        client = client.at_ms(ms, Call::send_bytes(chunk));
    }
    let scenario = Scenario::new("bulk")
        .client(client.at_ms(60_000, Call::Close))
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .at_ms(61_000, Call::Close),
        );
    let mut config = Config::for_scenario(&scenario);
    config.set_loss_ppm(ppm_from_percent(loss_percent));
    run(&scenario, &config).expect("bulk runs")
}

#[test]
fn layout_and_seek_times_on_long_traces() {
    for bytes in [500_000u32, 1_000_000, 2_000_000] {
        let trace = bulk(bytes, 1.0);
        let n = trace.segments.len();
        let t = Clock::now();
        let ladder = Ladder::new(&trace, &LadderOptions::default());
        let layout = t.elapsed();
        let t = Clock::now();
        let svg = ladder_svg_of(&ladder, &trace);
        let svg_time = t.elapsed();
        if let Ok(dir) = std::env::var("SYNACK_DIAGRAM_DUMP") {
            std::fs::write(format!("{dir}/bulk-{bytes}.svg"), &svg).unwrap();
        }

        // Seek to 2,000 instants spread over the trace (after a warm-up).
        let (s, e) = (ladder.start.0, ladder.end.0);
        let seeks = 2_000u64;
        let _ = ladder.frame(Instant(s));
        let mut times = Vec::with_capacity(seeks as usize);
        let mut moving = 0;
        for i in 0..seeks {
            let at = Instant(s + (e - s) * i / seeks);
            let t1 = Clock::now();
            let f = ladder.frame(at);
            times.push(t1.elapsed());
            moving += f.moving.len();
        }
        times.sort();
        let pct = |p: usize| times[(times.len() - 1) * p / 100];
        let (p50, p99, worst) = (pct(50), pct(99), pct(100));
        let t = Clock::now();
        for i in 0..ladder.steps.len() {
            let _ = ladder.frame(ladder.steps.list[i].at);
        }
        let per_step = t.elapsed() / ladder.steps.len().max(1) as u32;
        let t = Clock::now();
        for i in 0..ladder.steps.len() {
            let _ = ladder.narrate(&trace, i, zh());
        }
        let narrate = t.elapsed() / ladder.steps.len().max(1) as u32;
        println!(
            "{n:5} segments, {:5} steps, height {:7.0} px: layout {layout:?}, svg {svg_time:?} ({} KB), \
             seek p50 {p50:?} p99 {p99:?} max {worst:?} (avg {:.1} moving), frame per step {per_step:?}, narrate {narrate:?}",
            ladder.steps.len(),
            ladder.height,
            svg.len() / 1024,
            moving as f64 / seeks as f64,
        );
        assert!(n > 300);
    }
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}
