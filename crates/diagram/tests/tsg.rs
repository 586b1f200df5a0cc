//! The time-sequence graph against real presets.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_core::Instant;
use synack_diagram::chart::MarkKind;
use synack_diagram::tsg::{BarKind, StepLine};
use synack_diagram::{Tsg, TsgOptions};
use synack_sim::{Fate, Side};

fn value_at(l: &StepLine, t: Instant) -> Option<u64> {
    let k = l.t.partition_point(|&s| s <= t);
    l.value.get(k.checked_sub(1)?).copied()
}

#[test]
fn fast_retransmit_has_one_retransmission_bar_at_the_lost_sequence_number() {
    let trace = common::trace("fast-retransmit");
    let g = Tsg::new(&trace, Side::Client, &TsgOptions::default());
    let lost: Vec<_> = g.bars.iter().filter(|b| b.lost_at.is_some()).collect();
    let retx: Vec<_> = g
        .bars
        .iter()
        .filter(|b| b.kind == BarKind::Retransmission)
        .collect();
    let ([lost], [retx]) = (lost.as_slice(), retx.as_slice()) else {
        panic!("lost {lost:?}, retransmitted {retx:?}");
    };
    assert_eq!((retx.seq0, retx.seq1), (lost.seq0, lost.seq1));
    assert_eq!(retx.how, Some(MarkKind::Rack));
    assert!(retx.t > lost.t);
    // The segment the link dropped is the one the trace says.
    let Some(rec) = trace.segments.get(lost.segment as usize) else {
        panic!()
    };
    assert!(matches!(rec.fate, Fate::Lost { .. }));
    // When it is resent the ACK line stands at the hole, and SACK blocks above it tell
    // the sender what did arrive.
    assert_eq!(value_at(&g.ack, retx.t), Some(lost.seq0));
    let before: Vec<_> = g.sacks.iter().filter(|s| s.t <= retx.t).collect();
    assert!(before.len() >= 3, "{before:?}");
    for s in &before {
        assert!(s.seq0 >= lost.seq1 && s.seq1 > s.seq0 && !s.dsack, "{s:?}");
    }
    // Playhead: the bar appears exactly when it is sent.
    let Some(i) = g.bar_of(retx.segment) else {
        panic!()
    };
    assert!(g.frame(retx.t).bars_shown > i);
    assert!(g.frame(Instant(retx.t.0 - 1)).bars_shown <= i);
}

#[test]
fn no_data_bar_passes_the_window_the_sender_knew() {
    // RFC 9293 §3.8.6: the sender keeps SND.NXT within SND.UNA + SND.WND (probes aside).
    for name in [
        "bulk-transfer",
        "upload-100k",
        "fast-retransmit",
        "zero-window",
    ] {
        let trace = common::trace(name);
        let g = Tsg::new(&trace, Side::Client, &TsgOptions::default());
        assert!(!g.bars.is_empty(), "{name}");
        for b in g.bars.iter().filter(|b| b.kind == BarKind::Data) {
            // The window after the ACKs of its instant (which released it) arrived: the
            // right edge never moves left (RFC 9293 §3.8.6 "shrinking the window" is
            // discouraged, and the engine does not).
            let Some(w) = value_at(&g.window, b.t) else {
                continue;
            };
            // A FIN takes one number beyond the data and needs no window.
            let last_data = if b.seq1 > b.seq0 + 1 { b.seq1 } else { b.seq0 };
            assert!(last_data <= w, "{name}: bar {b:?} beyond the window {w}");
        }
        let data: Vec<_> = g.bars.iter().filter(|b| b.kind == BarKind::Data).collect();
        for w in data.windows(2) {
            if let [a, b] = w {
                assert!(b.seq0 >= a.seq1, "{name}: new data goes backwards");
            }
        }
    }
}

#[test]
fn zero_window_probes_sit_below_the_acknowledged_edge() {
    let trace = common::trace("zero-window");
    let g = Tsg::new(&trace, Side::Client, &TsgOptions::default());
    let probes: Vec<_> = g
        .bars
        .iter()
        .filter(|b| b.kind == BarKind::WindowProbe)
        .collect();
    assert!(!probes.is_empty());
    for p in probes {
        // Linux's probe repeats SND.UNA - 1 (tcp_xmit_probe_skb), with no data.
        assert_eq!(Some(p.seq0 + 1), value_at(&g.ack, p.t), "{p:?}");
        assert_eq!(p.seq1, p.seq0);
        // The window is closed: its edge is the ACK line.
        assert_eq!(value_at(&g.window, p.t), value_at(&g.ack, p.t));
    }
}

#[test]
fn every_preset_graph_is_well_formed_in_both_directions() {
    for (name, trace) in common::all() {
        for side in Side::BOTH {
            let g = Tsg::new(&trace, side, &TsgOptions::default());
            let [left, top, right, bottom] = g.plot;
            let inside = |x: f32, y: f32| {
                (left - 0.01..=right + 0.01).contains(&x)
                    && (top - 0.01..=bottom + 0.01).contains(&y)
            };
            for (i, b) in g.bars.iter().enumerate() {
                assert!(inside(b.x, b.y0) && inside(b.x, b.y1), "{name}: {b:?}");
                assert!(b.y1 <= b.y0, "{name}: a bar grows upwards");
                assert_eq!(g.bar_of(b.segment), Some(i));
                let Some(r) = trace.segments.get(b.segment as usize) else {
                    panic!("{name}: no segment {}", b.segment)
                };
                assert_eq!((r.from, r.sent_at), (side, b.t), "{name}");
            }
            for w in g.bars.windows(2) {
                if let [a, b] = w {
                    assert!(a.segment < b.segment && a.t <= b.t, "{name}");
                }
            }
            for (a, w) in g.ack.value.iter().zip(&g.window.value) {
                assert!(a <= w, "{name}: the window's edge below the ACK");
            }
            for w in g.ack.value.windows(2) {
                if let [a, b] = w {
                    assert!(b >= a, "{name}: SND.UNA went back");
                }
            }
            for s in &g.sacks {
                assert!(inside(s.x, s.y0) && inside(s.x, s.y1), "{name}: {s:?}");
            }
            let end = g.frame(Instant(g.x.v1));
            assert_eq!(end.bars_shown, g.bars.len(), "{name}");
            assert_eq!(end.sacks_shown, g.sacks.len(), "{name}");
            assert_eq!(end.ack_visible + 1, g.ack.path.len().max(1), "{name}");
        }
    }
}
