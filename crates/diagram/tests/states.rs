//! The RFC 9293 Figure 5 geometry and where each side is on it.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_core::{Cause, Instant, State};
use synack_diagram::{state_graph_svg, Ladder, LadderOptions, Lang, StateGraph};
use synack_sim::Side;

#[test]
fn figure5_has_every_state_and_edge_with_its_rfc_words() {
    let g = StateGraph::figure5();
    assert_eq!(
        g.boxes.len(),
        12,
        "eleven states, CLOSED twice as in the RFC"
    );
    for s in State::ALL {
        assert!(g.boxes.iter().any(|b| b.state == s), "{s:?}");
    }
    assert_eq!(g.edges.len(), 21);
    assert_eq!(g.edges.iter().filter(|e| !e.in_rfc_figure).count(), 1);
    let label = |from: State, to: State| -> String {
        let e = g
            .edges
            .iter()
            .find(|e| e.from == from && e.to == to)
            .unwrap();
        e.labels
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    assert_eq!(
        label(State::Listen, State::SynReceived),
        "rcv SYN / snd SYN,ACK"
    );
    assert_eq!(
        label(State::Established, State::FinWait1),
        "CLOSE / snd FIN"
    );
    assert_eq!(
        label(State::FinWait1, State::FinWait2),
        // The RFC's "x", glossed.
        "rcv ACK of FIN / x (nothing sent)"
    );
    assert_eq!(
        label(State::TimeWait, State::Closed),
        "Timeout=2MSL / delete TCB"
    );
    assert_eq!(
        label(State::FinWait1, State::TimeWait),
        "rcv FIN,ACK / snd ACK"
    );
    for e in &g.edges {
        assert!(!e.labels.is_empty() && e.points.len() >= 2);
        for p in e.points.iter().chain(&e.head) {
            assert!(p.x >= 0.0 && p.x <= g.width && p.y >= 0.0 && p.y <= g.height);
        }
        // Edges start at their source box and end at their target box.
        let near = |b: &synack_diagram::StateBox, p: &synack_diagram::Point| {
            p.x >= b.x - 1.0 && p.x <= b.x + b.w + 1.0 && p.y >= b.y - 1.0 && p.y <= b.y + b.h + 1.0
        };
        assert!(
            near(&g.boxes[e.from_box], &e.points[0]),
            "{:?}→{:?} start",
            e.from,
            e.to
        );
        assert!(
            near(&g.boxes[e.to_box], e.points.last().unwrap()),
            "{:?}→{:?} end",
            e.from,
            e.to
        );
    }
    // Boxes do not overlap.
    for (i, a) in g.boxes.iter().enumerate() {
        for b in g.boxes.iter().skip(i + 1) {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{:?} overlaps {:?}", a.state, b.state);
        }
    }
}

#[test]
fn every_ordinary_transition_of_the_presets_is_an_edge() {
    let g = StateGraph::figure5();
    let mut off_figure = Vec::new();
    for (name, trace) in common::all() {
        let l = Ladder::new(&trace, &LadderOptions::default());
        for side in Side::BOTH {
            for tr in &l.timeline.transitions[side.index()] {
                match g.edge_for(tr.from, tr.to, tr.cause) {
                    Some(i) => {
                        let e = &g.edges[i];
                        assert_eq!((e.from, e.to), (tr.from, tr.to), "{name}");
                    }
                    None => off_figure.push(format!(
                        "{name}: {:?}→{:?} by {:?}",
                        tr.from, tr.to, tr.cause
                    )),
                }
            }
            let f = g.frame(&l.timeline, side, trace.end, zh());
            assert_eq!(f.state, trace.final_states[side.index()], "{name}");
            assert_eq!(g.boxes[f.current_box].state, f.state, "{name}");
            if let Some(t) = &f.last {
                assert!(!t.cause_text.is_empty());
            }
        }
    }
    println!("transitions off the figure:\n{}", off_figure.join("\n"));
    // The textbook story never leaves the figure.
    for name in ["handshake-and-close", "simultaneous-close", "close-delayed"] {
        assert!(
            !off_figure.iter().any(|s| s.starts_with(name)),
            "{name}: {off_figure:?}"
        );
    }
}

#[test]
fn closed_is_the_top_box_before_and_the_bottom_box_after() {
    let g = StateGraph::figure5();
    let trace = common::trace("handshake-and-close");
    let l = Ladder::new(&trace, &LadderOptions::default());
    let top = g.frame(&l.timeline, Side::Client, Instant(0), Lang::EN);
    assert_eq!(top.state, State::SynSent);
    let first = g.box_for(State::Closed, None);
    let after = g.box_for(State::Closed, Some(State::TimeWait));
    assert!(g.boxes[first].y < g.boxes[after].y);
    let end = g.frame(&l.timeline, Side::Client, trace.end, Lang::EN);
    assert_eq!(end.current_box, after);
    let t = end.last.clone().unwrap();
    assert_eq!(t.cause, Cause::Timeout(synack_core::TimerKind::TimeWait));
    assert_eq!(t.edge.map(|i| g.edges[i].to_box), Some(after));
    let svg = state_graph_svg(&g, Some(&end), zh());
    assert!(svg.contains("class=\"edge taken\"") && svg.contains("current"));
    if let Ok(dir) = std::env::var("SYNACK_DIAGRAM_DUMP") {
        std::fs::write(format!("{dir}/state-graph.svg"), svg).unwrap();
    }
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

#[test]
fn every_edge_label_is_inside_the_figure_and_clear_of_the_others() {
    use synack_diagram::TextBox;
    // Edge labels are set in a 12 px monospace font (bold when taken): Latin 0.6 em, CJK 1 em.
    let width = |s: &str| -> f32 {
        s.chars()
            .map(|c| if (c as u32) >= 0x2e80 { 12.0 } else { 7.2 })
            .sum()
    };
    let zh = Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap();
    for lang in [Lang::EN, zh] {
        let g = StateGraph::figure5_in(lang);
        let mut boxes = Vec::new();
        for (k, e) in g.edges.iter().enumerate() {
            for l in &e.labels {
                let b = TextBox::of(l, 12.0, width(&l.text));
                let (x0, x1) = b.x_range();
                assert!(
                    x0 >= 0.0 && x1 <= g.width,
                    "{}: {:?} runs off the figure ({x0}–{x1})",
                    lang.tag(),
                    l.text
                );
                boxes.push((k, l.text.clone(), b));
            }
        }
        // (The lines of one edge's label are 14 px apart: they touch, by design.)
        for (i, (ka, a, ba)) in boxes.iter().enumerate() {
            for (kb, b, bb) in boxes.iter().skip(i + 1) {
                let apart = ka == kb || !ba.overlaps(bb, 0.5);
                assert!(apart, "{}: {a:?} over {b:?}", lang.tag());
            }
        }
    }
}
