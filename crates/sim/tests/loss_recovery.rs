//! Issue 12's recovery target: with 2 % random loss on both links, `bulk-transfer` completes,
//! and its median completion time over 50 seeds is at most twice the loss-free time. Today's
//! engine recovers only by RTO (no SACK, fast retransmit, RACK or TLP yet), so it is far
//! slower; the ratio is measured and printed, and its assertion is `#[ignore]`d until the
//! lead's data-phase engine lands (then remove the `#[ignore]`).

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

#[test]
#[ignore = "the target of issue 12: needs SACK, fast retransmit, RACK and TLP in the core"]
fn bulk_transfer_under_two_percent_loss_takes_at_most_twice_as_long() {
    let (base, median) = measure();
    assert!(
        median <= 2 * base,
        "median {median} µs is more than twice the loss-free {base} µs"
    );
}
