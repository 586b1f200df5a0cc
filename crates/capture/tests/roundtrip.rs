//! The model reading its own runs: a simulated connection written as each side's pcap
//! (`synack_sim::pcap`) and read back with both files gives the same segments at the same
//! instants, the same states on each side, and no note that the captured stack did what the
//! model would not have done. (simultaneous-close is left out: its two FINs leave at one
//! instant, and the simulator's order of a tie is its event queue's, which a capture does not
//! record.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use synack_capture::{merge, open, Note, Options};
use synack_core::Event;
use synack_sim::{pcap, preset, run, Config, Fate, Side, Trace, TraceEventKind};

/// A side's states up to `until`, its first LISTEN left out (a reading starts the listener
/// when the SYN arrives).
fn states(t: &Trace, side: Side, until: u64) -> Vec<synack_core::State> {
    t.events
        .iter()
        .filter(|e| e.side == side && e.at.0 <= until)
        .filter_map(|e| match &e.kind {
            TraceEventKind::Core {
                event: Event::StateChanged { to, .. },
            } => Some(*to),
            _ => None,
        })
        .skip_while(|s| *s == synack_core::State::Listen)
        .collect()
}

/// The last instant a segment was on the wire.
fn last(t: &Trace) -> u64 {
    t.segments
        .iter()
        .map(|r| match r.fate {
            Fate::Arrived { at } => at.0,
            _ => r.sent_at.0,
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn simulated_runs_read_back_as_they_ran() {
    let mut failed: Vec<String> = Vec::new();
    for name in [
        "handshake-and-close",
        "connect-refused",
        "syn-lost",
        "data-loss",
        "close-delayed",
        "close-merged",
        "last-ack-lost",
        "fast-retransmit",
        "burst-loss",
        "tail-loss-probe",
        "upload-100k",
        "tail-rto",
        "rack-reorder",
        "zero-window",
        "nagle",
        "nodelay",
        "half-close",
        "abort",
        "retransmission-lost",
        "bulk-transfer",
        "synack-lost",
        "fast-retransmit-reno",
        "burst-loss-reno",
        "keepalive",
        "close-wait-leak",
    ] {
        let r = std::panic::catch_unwind(|| check(name));
        if let Err(e) = r {
            failed.push(format!("{name}: {:?}", e.downcast_ref::<String>()));
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

fn check(name: &str) {
    {
        let scenario = preset(name).unwrap();
        let sim = run(&scenario, &Config::for_scenario(&scenario)).unwrap();
        let c = open(&pcap(&sim, Side::Client)).unwrap();
        let s = open(&pcap(&sim, Side::Server)).unwrap();
        let read = merge(&c, &s, 0, &Options::default()).unwrap();
        let t = &read.trace;
        assert_eq!(t.segments.len(), sim.segments.len(), "{name}");
        // Times: the same, from the first segment on (the capture's clock starts there).
        let base = sim.segments[0].sent_at.0;
        for (a, b) in t.segments.iter().zip(&sim.segments) {
            assert_eq!(a.segment, b.segment, "{name} #{}", b.id);
            assert_eq!(a.sent_at.0, b.sent_at.0 - base, "{name} #{}", b.id);
            match (&a.fate, &b.fate) {
                (Fate::Arrived { at: x }, Fate::Arrived { at: y }) => {
                    assert_eq!(x.0, y.0 - base, "{name} #{}", b.id)
                }
                (Fate::Lost { .. }, Fate::Lost { .. }) => {}
                (x, y) => panic!("{name} #{}: {x:?} vs {y:?}", b.id),
            }
        }
        // The states up to the last segment (the simulation goes on: TIME-WAIT's 60 s).
        for side in Side::BOTH {
            let want = states(&sim, side, last(&sim));
            let got = states(t, side, u64::MAX);
            assert_eq!(got, want, "{name} {side:?}");
        }
        let odd: Vec<&Note> = read
            .notes
            .iter()
            .filter(|n| {
                match n {
                    Note::EarlyRetransmission { .. }
                    | Note::TailLossProbe { .. }
                    | Note::AheadOfModel { .. }
                    | Note::ModelRetransmits { .. } => true,
                    // A rejection the simulated side made too (a retransmitted SYN in
                    // SYN-RECEIVED is out of window for both) is no difference.
                    Note::Rejected { side, reason, .. } => !sim.events.iter().any(|e| {
                        e.side == *side
                            && matches!(&e.kind, TraceEventKind::Core {
                                event: Event::SegmentRejected { reason: r, .. }
                            } if r == reason)
                    }),
                    _ => false,
                }
            })
            .collect();
        assert!(odd.is_empty(), "{name}: {odd:?}");
    }
}
