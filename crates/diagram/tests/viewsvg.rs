//! The data-phase views as SVG text: read back as a browser would (roxmltree), every mark
//! must say when it happened and what it is, the values must be the trace's own, and the
//! playhead's scale on the root must map a mark's instant to where it is drawn.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_diagram::{chart_svg, data_sender, tsg_svg, Lang};
use synack_sim::{Side, Trace};

fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

fn num(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a)
        .unwrap_or_else(|| panic!("no {a} on {:?}", n.tag_name()))
        .parse()
        .unwrap()
}

fn has_class(n: &roxmltree::Node, c: &str) -> bool {
    n.attribute("class")
        .is_some_and(|v| v.split(' ').any(|x| x == c))
}

fn title(n: &roxmltree::Node) -> String {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or_default()
        .to_string()
}

/// The cwnd of `side`'s last TCB snapshot up to `t1` while the connection was synchronized
/// (a closed connection's TCB is gone, and so is its window).
fn last_snapshot_cwnd(trace: &Trace, side: Side, t1: u64) -> u32 {
    trace
        .snapshots
        .iter()
        .rev()
        .find(|s| s.side == side && s.at.0 <= t1 && s.tcb.state.is_synchronized())
        .map(|s| s.tcb.cwnd)
        .unwrap()
}

#[test]
fn every_preset_draws_well_formed_views_whose_marks_carry_time_and_values() {
    for (name, trace) in common::all() {
        let side = data_sender(&trace);
        for svg in [
            chart_svg(&trace, side, Lang::EN, 760.0),
            tsg_svg(&trace, side, Lang::EN, 760.0),
            chart_svg(&trace, side, Lang::EN, 340.0),
        ] {
            let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
            let root = doc.root_element();
            assert!(has_class(&root, "vw"), "{name}");
            let (t0, t1) = (num(&root, "data-t0"), num(&root, "data-t1"));
            let (x0, x1) = (num(&root, "data-x0"), num(&root, "data-x1"));
            assert!(t1 > t0 && x1 > x0, "{name}: {t0} {t1} {x0} {x1}");
            assert_eq!(
                doc.descendants()
                    .filter(|n| has_class(n, "vw-reveal"))
                    .count(),
                1,
                "{name}"
            );
            assert_eq!(
                doc.descendants()
                    .filter(|n| has_class(n, "vw-cursor"))
                    .count(),
                1
            );
            for n in doc
                .descendants()
                .filter(|n| n.attribute("data-t").is_some())
            {
                assert!(!title(&n).is_empty(), "{name}: a mark without a title");
                let t = num(&n, "data-t");
                assert!(t >= 0.0, "{name}");
                // Bars and samples stand at their instant's x (clamped to the plot).
                let x = n
                    .attribute("cx")
                    .map(|v| v.parse::<f64>().unwrap())
                    .or_else(|| {
                        n.children()
                            .find(|c| c.has_tag_name("path"))
                            .and_then(|p| p.attribute("d"))
                            .filter(|_| has_class(&n, "data"))
                            .and_then(|d| d[1..].split(' ').next())
                            .and_then(|v| v.parse().ok())
                    });
                if let Some(x) = x {
                    let want = x0 + (t.clamp(t0, t1) - t0) / (t1 - t0) * (x1 - x0);
                    assert!(
                        (x - want).abs() < 0.2,
                        "{name}: x {x} for t {t}, want {want}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_chart_ends_on_the_last_snapshot_and_says_so_in_its_titles() {
    for name in [
        "bulk-transfer",
        "fast-retransmit",
        "tail-rto",
        "zero-window",
    ] {
        let trace = common::trace(name);
        let side = data_sender(&trace);
        let svg = chart_svg(&trace, side, Lang::EN, 760.0);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let pts: Vec<_> = doc.descendants().filter(|n| has_class(n, "pt")).collect();
        let last = pts.last().unwrap_or_else(|| panic!("{name}: no samples"));
        let t1 = num(&doc.root_element(), "data-t1") as u64;
        let cwnd = last_snapshot_cwnd(&trace, side, t1);
        assert_eq!(num(last, "data-cwnd") as u32, cwnd, "{name}");
        assert!(title(last).contains("cwnd"), "{name}: {}", title(last));
        // Samples are in time order.
        let ts: Vec<f64> = pts.iter().map(|n| num(n, "data-t")).collect();
        assert!(ts.windows(2).all(|w| w[0] < w[1]), "{name}");
    }
}

#[test]
fn losses_are_marked_and_every_tsg_bar_is_a_segment_of_the_sender() {
    let trace = common::trace("fast-retransmit");
    let side = data_sender(&trace);
    let chart = chart_svg(&trace, side, Lang::EN, 760.0);
    let doc = roxmltree::Document::parse(&chart).unwrap();
    let marks: Vec<_> = doc.descendants().filter(|n| has_class(n, "mk")).collect();
    assert!(!marks.is_empty());
    for m in &marks {
        assert_eq!(m.attribute("tabindex"), Some("0"));
        let id: usize = m.attribute("data-id").unwrap().parse().unwrap();
        assert_ne!(
            trace.segments[id].reason,
            synack_core::SendReason::Data,
            "a loss mark names a retransmission"
        );
    }
    let tsg = tsg_svg(&trace, side, Lang::EN, 760.0);
    let doc = roxmltree::Document::parse(&tsg).unwrap();
    let bars: Vec<_> = doc.descendants().filter(|n| has_class(n, "bar")).collect();
    assert!(!bars.is_empty());
    let mut retx = 0;
    for b in &bars {
        let id: usize = b.attribute("data-id").unwrap().parse().unwrap();
        let seg = &trace.segments[id];
        assert_eq!(seg.from, side);
        assert_eq!(num(b, "data-t") as u64, seg.sent_at.0);
        if has_class(b, "retx") {
            retx += 1;
            assert_eq!(b.attribute("role"), Some("button"));
            assert!(title(b).contains("retransmission"), "{}", title(b));
        }
        if has_class(b, "lost") {
            assert!(
                b.children().any(|c| has_class(&c, "x")),
                "a lost bar shows ✕"
            );
        }
    }
    assert_eq!(retx, 1, "fast-retransmit resends one segment");
}

#[test]
fn chinese_views_use_the_textbook_terms() {
    let trace = common::trace("fast-retransmit");
    let side = data_sender(&trace);
    let svg = chart_svg(&trace, side, zh(), 760.0);
    roxmltree::Document::parse(&svg).unwrap();
    for term in ["慢开始", "快恢复", "拥塞窗口"] {
        assert!(svg.contains(term), "no {term}");
    }
    assert!(
        !svg.contains("slow start,"),
        "English left in the Chinese chart"
    );
    let svg = tsg_svg(&trace, side, zh(), 760.0);
    roxmltree::Document::parse(&svg).unwrap();
    assert!(svg.contains("重传"));
}
