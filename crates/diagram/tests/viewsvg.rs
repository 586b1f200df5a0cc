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

/// The last synchronized TCB of `side` at or before `t`: what the chart holds at that instant.
fn tcb_at(trace: &Trace, side: Side, t: u64) -> synack_core::Tcb {
    trace
        .snapshots
        .iter()
        .rev()
        .find(|s| s.side == side && s.at.0 <= t && s.tcb.state.is_synchronized())
        .map(|s| s.tcb)
        .unwrap()
}

/// `side`'s ISN: the sequence number of its first SYN (relative numbers count from it).
fn iss(trace: &Trace, side: Side) -> u32 {
    trace
        .segments
        .iter()
        .find(|r| r.from == side && r.segment.flags.contains(synack_core::Flags::SYN))
        .map(|r| r.segment.seq)
        .unwrap()
}

/// The values line a title must hold for the TCB `tcb`, in `lang`.
fn values_line(lang: Lang, tcb: &synack_core::Tcb) -> String {
    use synack_diagram::scale::bytes;
    use synack_diagram::viewsvg::words::V;
    let ssthresh = if tcb.ssthresh == u32::MAX {
        lang.text(V::Unset).to_string()
    } else {
        bytes(u64::from(tcb.ssthresh))
    };
    synack_diagram::narrate::fill(
        lang.text(V::Values),
        &[
            ("cwnd", &bytes(u64::from(tcb.cwnd))),
            ("ssthresh", &ssthresh),
            ("flight", &bytes(u64::from(tcb.in_flight))),
            ("rwnd", &bytes(u64::from(tcb.snd_wnd))),
        ],
    )
}

/// The narration's sentence for a resent or probing segment (as the narration panel tells
/// it), made here from the text table and the trace's numbers.
fn resend_sentence(trace: &Trace, lang: Lang, id: usize) -> Option<String> {
    use synack_diagram::narrate::{render, side_name, text, Key};
    let r = &trace.segments[id];
    let key = match r.reason {
        synack_core::SendReason::FastRetransmit => Key::SendFastRetx,
        synack_core::SendReason::RackRetransmit => Key::SendRackRetx,
        synack_core::SendReason::LossProbe => Key::SendLossProbe,
        synack_core::SendReason::WindowProbe => Key::SendWindowProbe,
        // The RTO's sentence names the attempt and the new timeout: see the caller.
        _ => return None,
    };
    let seq = r.segment.seq.wrapping_sub(iss(trace, r.from)).to_string();
    let len = r.segment.payload.len().to_string();
    let s = render(
        key,
        lang,
        &[
            ("Side", side_name(r.from, true, lang)),
            ("seq", &seq),
            ("len", &len),
        ],
    );
    Some(s + text(Key::FullStop, lang))
}

/// Every loss marker's title: what it is, the sender's windows at that instant (the trace's
/// last snapshot there), and the narration's sentence of that retransmission, in the
/// chart's language; its aria-label names it and its title's first line is that name.
#[test]
fn a_loss_markers_title_holds_its_windows_and_the_narrations_sentence() {
    let mut kinds = std::collections::BTreeSet::new();
    for (name, lang) in [
        ("fast-retransmit", Lang::EN),
        ("fast-retransmit", zh()),
        ("burst-loss-reno", Lang::EN),
        ("tail-loss-probe", Lang::EN),
        ("tail-rto", Lang::EN),
        ("tail-rto", zh()),
        ("zero-window", Lang::EN),
    ] {
        let trace = common::trace(name);
        let side = data_sender(&trace);
        let svg = chart_svg(&trace, side, lang, 760.0);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let marks: Vec<_> = doc.descendants().filter(|n| has_class(n, "mk")).collect();
        assert!(!marks.is_empty(), "{name}");
        for m in marks {
            let t = num(&m, "data-t") as u64;
            let id: usize = m.attribute("data-id").unwrap().parse().unwrap();
            let tip = title(&m);
            let lines: Vec<&str> = tip.lines().collect();
            assert_eq!(lines.len(), 3, "{name}: {tip}");
            assert_eq!(m.attribute("aria-label"), Some(lines[0]), "{name}");
            assert_eq!(m.attribute("role"), Some("img"));
            assert_eq!(m.attribute("tabindex"), Some("0"));
            let tcb = tcb_at(&trace, side, t);
            assert_eq!(lines[1], values_line(lang, &tcb), "{name} at {t}");
            let r = &trace.segments[id];
            kinds.insert(format!("{:?}", r.reason));
            match resend_sentence(&trace, lang, id) {
                // Its own sentence, after its timer's if a timer sent it; not the ACK
                // that arrived with it.
                Some(said) => {
                    use synack_diagram::narrate::{render, side_name, text, Key};
                    let before = lines[2]
                        .strip_suffix(said.as_str())
                        .unwrap_or_else(|| panic!("{name} #{id}: {} / {said}", lines[2]));
                    let who = [("Side", side_name(side, true, lang))];
                    let timers = [
                        Key::FiredLossProbe,
                        Key::FiredPersist,
                        Key::FiredReorderWait,
                    ]
                    .map(|k| {
                        render(k, lang, &who) + text(Key::FullStop, lang) + text(Key::Space, lang)
                    });
                    assert!(
                        before.is_empty() || timers.iter().any(|f| f == before),
                        "{name} #{id}: {before}"
                    );
                }
                None => {
                    // An RTO: the timer's expiry, then the retransmission.
                    use synack_diagram::narrate::{render, side_name, Key};
                    assert_eq!(r.reason, synack_core::SendReason::Retransmission);
                    let who = [("Side", side_name(side, true, lang))];
                    let fired = render(Key::FiredRetx, lang, &who);
                    assert!(lines[2].starts_with(&fired), "{name}: {}", lines[2]);
                    let seq = r.segment.seq.wrapping_sub(iss(&trace, side)).to_string();
                    assert!(lines[2].contains(&seq), "{name}: {}", lines[2]);
                }
            }
        }
    }
    // Every kind of marker was read: RACK, the tail loss probe, the RTO, window probes
    // (fast-retransmit's loss is found by RACK: a later segment was delivered first).
    for k in [
        "RackRetransmit",
        "LossProbe",
        "Retransmission",
        "WindowProbe",
    ] {
        assert!(kinds.contains(k), "no {k} marker in {kinds:?}");
    }
}

/// A long trace: a point for every few pixels, not for every sample, each focusable with
/// its values and the narration of its moment; phases too.
#[test]
fn points_are_sampled_focusable_and_narrated() {
    let mut s = synack_sim::preset("bulk-transfer").unwrap();
    let mut d = synack_sim::DataOverrides::default();
    d.set(synack_sim::overrides::Knob::Bw, "10").unwrap();
    d.set(synack_sim::overrides::Knob::Queue, "100").unwrap();
    d.apply(&mut s);
    let mut c = synack_sim::Config::for_scenario(&s);
    d.configure(&mut c);
    let trace = synack_sim::run(&s, &c).unwrap();
    let side = data_sender(&trace);
    for (lang, width) in [(Lang::EN, 760.0f32), (zh(), 340.0)] {
        let chart = synack_diagram::WindowChart::new(
            &trace,
            side,
            &synack_diagram::ChartOptions {
                width,
                ..Default::default()
            },
        );
        let svg = chart_svg(&trace, side, lang, width);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let pts: Vec<_> = doc.descendants().filter(|n| has_class(n, "pt")).collect();
        let plot = f64::from(chart.plot[2] - chart.plot[0]);
        assert!(
            chart.samples.len() > 300,
            "a long trace: {}",
            chart.samples.len()
        );
        assert!(
            pts.len() as f64 <= plot / 8.0 + 2.0 && pts.len() >= 10,
            "{} points for {} samples over {plot} px",
            pts.len(),
            chart.samples.len()
        );
        let mut narrated = 0;
        for p in &pts {
            assert_eq!(p.attribute("tabindex"), Some("0"));
            assert_eq!(p.attribute("role"), Some("img"));
            let tip = title(p);
            let first = tip.lines().next().unwrap();
            assert_eq!(p.attribute("aria-label"), Some(first));
            let t = num(p, "data-t") as u64;
            let tcb = tcb_at(&trace, side, t);
            assert_eq!(num(p, "data-cwnd") as u32, tcb.cwnd);
            assert!(first.contains(&synack_diagram::scale::bytes(u64::from(tcb.cwnd))));
            narrated += usize::from(tip.lines().count() == 2);
        }
        assert!(narrated * 2 > pts.len(), "most points say what happened");
        for ph in doc.descendants().filter(|n| has_class(n, "ph")) {
            assert_eq!(ph.attribute("tabindex"), Some("0"));
            let t = num(&ph, "data-t") as u64;
            let tip = title(&ph);
            assert_eq!(
                tip.lines().nth(1),
                Some(values_line(lang, &tcb_at(&trace, side, t)).as_str())
            );
        }
        // The points' group stays small however many samples there are.
        let (a, b) = (
            svg.find("<g class=\"pts\">").unwrap(),
            svg.find("<g class=\"marks\">").unwrap(),
        );
        assert!(
            b - a < 1000 * pts.len(),
            "{} bytes for {} points",
            b - a,
            pts.len()
        );
    }
}
