//! Issue 12's recovery target: with 2 % random loss on both links, `bulk-transfer` completes,
//! and takes as long as real Linux does. The issue first asked for "within twice the
//! loss-free time"; real Linux 6.18 does not do that: moving the same 1.5 MiB over the same
//! wire with 2 % loss both ways took it a median 11.2 s against 0.82 s loss-free, 13.6 times
//! longer (12 seeded runs of `scripts/linux-capture/loss_ratio.py`, recorded in
//! `tests/fixtures/linux-data/local/bulk-transfer.loss2.txt`): CUBIC backs off on every loss
//! and 2 % loss keeps its window near 10 segments. So the engine is held against those runs.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::Event;
use synack_sim::{preset, run, Config, Side, StopReason, Trace, TraceEventKind};

/// When the server had everything: the instant it got EOF after all 1.5 MiB.
fn completion_us(t: &Trace) -> Option<u64> {
    let mut bytes = 0usize;
    for e in &t.events {
        if e.side != Side::Server {
            continue;
        }
        match &e.kind {
            TraceEventKind::Core {
                event: Event::DataReceived { data },
            } => bytes += data.len(),
            TraceEventKind::Core { event: Event::Eof } if bytes == 1_572_864 => {
                return Some(e.at.0 - t.t0.0)
            }
            _ => {}
        }
    }
    None
}

/// (loss-free completion, median completion with 2 % loss over seeds 1..=50), µs.
fn measure() -> (u64, u64) {
    let s = preset("bulk-transfer").unwrap();
    let clean = run(&s, &Config::for_scenario(&s)).unwrap();
    let base = completion_us(&clean).expect("the loss-free run completes");
    let mut times: Vec<u64> = (1..=50u64)
        .map(|seed| {
            let mut c = Config::for_scenario(&s);
            c.seed = seed;
            c.set_loss_ppm(20_000);
            let t = run(&s, &c).unwrap();
            assert_eq!(t.stop, StopReason::Quiet, "seed {seed}");
            completion_us(&t).unwrap_or_else(|| panic!("seed {seed}: the transfer never completed"))
        })
        .collect();
    times.sort_unstable();
    let median = (times[24] + times[25]) / 2;
    println!(
        "bulk-transfer: loss-free {:.1} ms; 2 % loss both ways, 50 seeds: median {:.1} ms \
         (min {:.1}, max {:.1}), ratio {:.2}",
        base as f64 / 1000.0,
        median as f64 / 1000.0,
        times[0] as f64 / 1000.0,
        times[49] as f64 / 1000.0,
        median as f64 / base as f64
    );
    (base, median)
}

#[test]
fn bulk_transfer_completes_under_two_percent_loss() {
    let (base, median) = measure();
    assert!(median > base, "loss costs something");
}

/// The median and range of real Linux's completion times, seconds, from the fixture.
fn linux() -> (f64, f64, f64) {
    let text = include_str!("../../../tests/fixtures/linux-data/local/bulk-transfer.loss2.txt");
    let line = text
        .lines()
        .find(|l| l.starts_with("2 % loss both ways"))
        .expect("the summary line");
    let num = |key: &str| -> f64 {
        let rest = &line[line.find(key).expect(key) + key.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        rest[..end].parse().expect("a number")
    };
    (num("median "), num("min "), num("max "))
}

#[test]
fn bulk_transfer_under_two_percent_loss_takes_as_long_as_on_linux() {
    let (_, median) = measure();
    let (l_median, l_min, l_max) = linux();
    let m = median as f64 / 1e6;
    println!(
        "engine median {m:.3} s; Linux median {l_median:.3} s (min {l_min:.3}, max {l_max:.3})"
    );
    assert!(
        m >= l_median * 0.75 && m <= l_median * 1.33,
        "the engine's median {m:.3} s is not within -25 %/+33 % of Linux's {l_median:.3} s"
    );
    assert!(m >= l_min && m <= l_max, "outside every Linux run");
}
