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

/// p50 and p99 of `f` over `n` instants spread over `[s, e]`.
fn seek_times(
    s: u64,
    e: u64,
    n: u64,
    mut f: impl FnMut(Instant),
) -> (std::time::Duration, std::time::Duration) {
    let mut times = Vec::with_capacity(n as usize);
    for i in 0..n {
        let at = Instant(s + (e - s) * i / n);
        let t = Clock::now();
        f(at);
        times.push(t.elapsed());
    }
    times.sort();
    (
        times[(times.len() - 1) / 2],
        times[(times.len() - 1) * 99 / 100],
    )
}

/// The data-phase views on long traces: flights, the collapsed ladder, the window chart and
/// the time-sequence graph (layout once, then a frame per seek). Slow in a debug build (a
/// 15 MB transfer is simulated): `cargo test -p synack-diagram --release --test perf --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn data_phase_views_on_long_traces() {
    use synack_diagram::ladder::{Collapsed, Flights};
    use synack_diagram::{ChartOptions, Tsg, TsgOptions, WindowChart};
    use synack_sim::Side;
    for bytes in [2_000_000u32, 15_000_000] {
        let trace = bulk(bytes, 1.0);
        let n = trace.segments.len();
        let t = Clock::now();
        let plain = Ladder::new(&trace, &LadderOptions::default());
        let plain_layout = t.elapsed();
        let t = Clock::now();
        let flights = Flights::new(&trace);
        let grouping = t.elapsed();
        let collapsed = Collapsed::default_for(&trace, &flights);
        let ladder = Ladder::with_flights(&trace, &LadderOptions::default(), &flights, &collapsed);
        let collapsed_layout = t.elapsed();
        let rows =
            ladder.arrows.iter().filter(|a| a.flight.is_none()).count() + ladder.flights.len();
        let t = Clock::now();
        let chart = WindowChart::new(&trace, Side::Client, &ChartOptions::default());
        let chart_layout = t.elapsed();
        let t = Clock::now();
        let tsg = Tsg::new(&trace, Side::Client, &TsgOptions::default());
        let tsg_layout = t.elapsed();
        let (s, e) = (ladder.start.0, ladder.end.0);
        let (l50, l99) = seek_times(s, e, 2_000, |at| {
            let _ = ladder.frame(at);
        });
        let (c50, c99) = seek_times(chart.x.v0, chart.x.v1, 2_000, |at| {
            let _ = chart.frame(at);
        });
        let (g50, g99) = seek_times(tsg.x.v0, tsg.x.v1, 2_000, |at| {
            let _ = tsg.frame(at);
        });
        println!(
            "{n:5} segments: plain layout {plain_layout:?} height {:.0} px; flights {} (grouping {grouping:?}) → {rows} rows, height {:.0} px, layout {collapsed_layout:?}, seek p50 {l50:?} p99 {l99:?}; \
             chart {} samples {} marks, layout {chart_layout:?}, seek p50 {c50:?} p99 {c99:?}; \
             tsg {} bars {} SACK blocks, layout {tsg_layout:?}, seek p50 {g50:?} p99 {g99:?}",
            plain.height,
            flights.len(),
            ladder.height,
            chart.samples.len(),
            chart.marks.len(),
            tsg.bars.len(),
            tsg.sacks.len(),
        );
        assert!(rows < n);
    }
}
