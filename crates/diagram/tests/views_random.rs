//! The data-phase views on impaired networks: random loss, reordering, duplication, jitter
//! and a small bottleneck queue, several seeds. Whatever happened, the layout holds its
//! invariants and hides nothing a lesson is about.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{Instant, SendReason};
use synack_diagram::chart::Quantity;
use synack_diagram::ladder::{Collapsed, Flights};
use synack_diagram::{ChartOptions, Ladder, LadderOptions, Tsg, TsgOptions, WindowChart};
use synack_sim::{ppm_from_percent, preset, run, Config, Fate, Side, Trace};

fn impaired(name: &str, seed: u64) -> Trace {
    let Some(sc) = preset(name) else {
        panic!("no preset {name}")
    };
    let mut cfg = Config::for_scenario(&sc);
    cfg.seed = seed;
    cfg.set_jitter_us(5_000);
    for l in [&mut cfg.to_server, &mut cfg.to_client] {
        l.loss_ppm = ppm_from_percent(3.0);
        l.reorder_ppm = ppm_from_percent(5.0);
        l.duplicate_ppm = ppm_from_percent(2.0);
    }
    if seed.is_multiple_of(2) {
        cfg.set_bottleneck(8_000_000, 12);
    }
    run(&sc, &cfg).unwrap_or_else(|e| panic!("{name} seed {seed}: {e:?}"))
}

#[test]
fn views_hold_their_invariants_on_impaired_networks() {
    let mut marks = 0;
    let mut bands = 0;
    for name in [
        "upload-100k",
        "fast-retransmit",
        "zero-window",
        "nagle",
        "tail-loss-probe",
    ] {
        for seed in 1..=6 {
            let trace = impaired(name, seed);
            let what = format!("{name} seed {seed}");
            for side in Side::BOTH {
                let c = WindowChart::new(&trace, side, &ChartOptions::default());
                marks += c.marks.len();
                for w in c.samples.windows(2) {
                    if let [a, b] = w {
                        assert!(a.t < b.t, "{what}");
                    }
                }
                for s in &c.series {
                    for p in &s.path {
                        assert!(
                            p.x.is_finite() && p.y >= c.plot[1] - 0.01 && p.y <= c.plot[3] + 0.01,
                            "{what}"
                        );
                    }
                }
                for l in [
                    &c.ca_phases.iter().map(|s| (s.t0, s.t1)).collect::<Vec<_>>(),
                    &c.limits.iter().map(|s| (s.t0, s.t1)).collect(),
                ] {
                    for w in l.windows(2) {
                        if let [a, b] = w {
                            assert!(a.0 < a.1 && a.1 <= b.0, "{what}: spans");
                        }
                    }
                }
                let end = c.frame(Instant(c.x.v1));
                let cw = end.series.iter().find(|s| s.quantity == Quantity::Cwnd);
                assert_eq!(
                    cw.and_then(|s| s.value),
                    c.samples.last().map(|s| s.cwnd),
                    "{what}"
                );
                for m in &c.marks {
                    for id in &m.segments {
                        let r = trace.segments.get(*id as usize);
                        assert!(
                            r.is_some_and(|r| r.from == side && r.sent_at == m.t),
                            "{what}"
                        );
                    }
                }

                let g = Tsg::new(&trace, side, &TsgOptions::default());
                for (i, b) in g.bars.iter().enumerate() {
                    assert_eq!(g.bar_of(b.segment), Some(i), "{what}");
                    assert!(b.y1 <= b.y0 && b.y1 >= g.plot[1] - 0.01, "{what}: {b:?}");
                }
                for (a, w) in g.ack.value.iter().zip(&g.window.value) {
                    assert!(a <= w, "{what}");
                }
            }

            let f = Flights::new(&trace);
            let l =
                Ladder::with_flights(&trace, &LadderOptions::default(), &f, &Collapsed::all(&f));
            bands += l.flights.len();
            let in_bands: usize = l.flights.iter().map(|b| b.count as usize).sum();
            let shown = l.arrows.iter().filter(|a| a.flight.is_none()).count();
            assert_eq!(in_bands + shown, trace.segments.len(), "{what}");
            for a in l.arrows.iter().filter(|a| a.flight.is_some()) {
                let Some(r) = trace.segments.get(a.id as usize) else {
                    panic!()
                };
                assert!(
                    !matches!(r.fate, Fate::Lost { .. })
                        && matches!(r.reason, SendReason::Data | SendReason::Ack)
                        && r.duplicate_of.is_none()
                        && !a.rejected,
                    "{what}: {r:?} hidden in a band"
                );
            }
            for w in l.axis.knots_y.windows(2) {
                if let [a, b] = w {
                    assert!(a < b, "{what}: y not increasing");
                }
            }
            for w in l.axis.knots_t.windows(2) {
                if let [a, b] = w {
                    assert!(a < b, "{what}: t not increasing");
                }
            }
        }
    }
    // The impairments did something to draw.
    assert!(marks > 10 && bands > 10, "{marks} marks, {bands} bands");
}
