//! The window chart against real presets: what a teacher points at must be there, at the
//! right moment, derived from what the engine did.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_core::{Flags, Instant, SendReason};
use synack_diagram::chart::{CaPhase, LimitPhase, MarkKind, Quantity, WindowChart};
use synack_diagram::ChartOptions;
use synack_sim::{Fate, Side, Trace, TraceEventKind};

fn chart(trace: &Trace) -> WindowChart {
    WindowChart::new(trace, Side::Client, &ChartOptions::default())
}

/// The instants at which `side` sent new data, with how many segments it sent then.
fn bursts(trace: &Trace, side: Side) -> Vec<(u64, usize)> {
    let mut out: Vec<(u64, usize)> = Vec::new();
    for r in &trace.segments {
        if r.from != side || r.reason != SendReason::Data || r.segment.payload.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.0 == r.sent_at.0 => last.1 += 1,
            _ => out.push((r.sent_at.0, 1)),
        }
    }
    out
}

#[test]
fn bulk_transfer_slow_start_doubles_cwnd_each_round_trip() {
    let trace = common::trace("bulk-transfer");
    let c = chart(&trace);
    let rounds = bursts(&trace, Side::Client);
    assert!(rounds.len() > 3, "{rounds:?}");
    let mut seen = Vec::new();
    for &(t, sent) in rounds.iter().take(3) {
        let Some(s) = c.sample_at(Instant(t)) else {
            panic!("no sample at {t}");
        };
        let segs = s.cwnd / u32::from(s.mss);
        // The whole window leaves at once (nothing else holds the sender back yet).
        assert_eq!(segs as usize, sent, "at {t}");
        assert_eq!(
            synack_diagram::chart::ca_phase(s),
            CaPhase::SlowStart,
            "at {t}"
        );
        seen.push(segs);
    }
    // RFC 5681 §3.1 with an initial window of 10 (RFC 6928): +1 segment per ACKed segment,
    // so the window doubles every round trip.
    assert_eq!(seen, [10, 20, 40]);
    // The first phase drawn is slow start. The receiver's auto-tuned window keeps ahead of
    // cwnd (Linux tcp_rcv_space_adjust, as in the bulk-transfer capture with a reader that
    // keeps up), so the sender is cwnd-limited, never window-limited.
    assert_eq!(
        c.ca_phases.first().map(|p| p.kind),
        Some(CaPhase::SlowStart)
    );
    assert!(
        c.limits.iter().any(|l| l.kind == LimitPhase::CwndLimited)
            && !c.limits.iter().any(|l| l.kind == LimitPhase::WindowLimited),
        "{:?}",
        c.limits
    );
    assert!(
        c.marks.is_empty(),
        "no loss in bulk-transfer: {:?}",
        c.marks
    );
}

#[test]
fn fast_retransmit_shows_one_loss_and_a_fast_recovery() {
    let trace = common::trace("fast-retransmit");
    let c = chart(&trace);
    let lost: Vec<_> = trace
        .segments
        .iter()
        .filter(|r| r.from == Side::Client && matches!(r.fate, Fate::Lost { .. }))
        .collect();
    assert_eq!(lost.len(), 1);
    let Some(lost) = lost.first() else { return };
    let [mark] = c.marks.as_slice() else {
        panic!("one mark expected: {:?}", c.marks);
    };
    // The Linux profile with SACK finds the hole by RACK (tcp_rack_detect_loss): a later
    // segment was SACKed and the reordering window passed.
    assert_eq!(mark.kind, MarkKind::Rack);
    let [id] = mark.segments.as_slice() else {
        panic!("{mark:?}");
    };
    let Some(retx) = trace.segments.get(*id as usize) else {
        panic!("no segment {id}");
    };
    assert_eq!(retx.segment.seq, lost.segment.seq);
    assert_eq!(mark.t, retx.sent_at);
    // Long before the RTO: within about one round trip of the loss.
    assert!(mark.t.0 - lost.sent_at.0 < 150_000, "{mark:?}");
    // The mark links to the retransmission's `sent` event.
    let Some(ev) = mark.event.and_then(|i| trace.events.get(i as usize)) else {
        panic!("no event for {mark:?}");
    };
    assert_eq!(ev.kind, TraceEventKind::Sent { id: *id });

    // Fast recovery begins at the loss detection and ends when an ACK covers everything
    // sent before it (RFC 6675's RecoveryPoint).
    let fr: Vec<_> = c
        .ca_phases
        .iter()
        .filter(|p| p.kind == CaPhase::FastRecovery)
        .collect();
    let [fr] = fr.as_slice() else {
        panic!("{:?}", c.ca_phases);
    };
    assert_eq!(fr.t0, mark.t);
    let recovery_point = trace
        .segments
        .iter()
        .filter(|r| r.from == Side::Client && r.sent_at < mark.t)
        .map(|r| r.segment.seq.wrapping_add(r.segment.payload.len() as u32))
        .max()
        .unwrap_or(0);
    let covering = trace
        .segments
        .iter()
        .filter(|r| r.from == Side::Server && r.segment.flags.contains(Flags::ACK))
        .filter(|r| synack_core::seq::seq_ge(r.segment.ack, recovery_point))
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some(at),
            _ => None,
        })
        .min();
    assert_eq!(Some(fr.t1), covering);
    // ssthresh was set at the loss: cwnd × 0.7 (CUBIC's beta, tcp_cubic.c `beta = 717`).
    let Some(s) = c.sample_at(mark.t) else {
        panic!()
    };
    let Some(ss) = s.ssthresh else {
        panic!("ssthresh unset at the loss: {s:?}")
    };
    // The window it was cut from is the one at the instant's entry into recovery (the
    // ACKs that arrived then grew it first): the core's CaStateChanged reports it.
    let entry = trace.events.iter().find_map(|e| match &e.kind {
        TraceEventKind::Core {
            event:
                synack_core::Event::CaStateChanged {
                    to: synack_core::CaState::Recovery,
                    cwnd,
                    ..
                },
        } if e.side == Side::Client => Some(*cwnd),
        _ => None,
    });
    let Some(entry) = entry else {
        panic!("no entry into recovery")
    };
    assert_eq!(ss / u32::from(s.mss), entry * 717 / 1024, "{s:?}");
}

#[test]
fn burst_loss_is_one_detection_of_three_segments() {
    let trace = common::trace("burst-loss");
    let c = chart(&trace);
    let [mark] = c.marks.as_slice() else {
        panic!("{:?}", c.marks);
    };
    assert_eq!(mark.segments.len(), 3);
    assert_eq!(
        c.ca_phases
            .iter()
            .filter(|p| p.kind == CaPhase::FastRecovery)
            .count(),
        1
    );
}

#[test]
fn tail_loss_probe_then_rto_restarts_from_one_segment() {
    let trace = common::trace("tail-rto");
    let c = chart(&trace);
    let kinds: Vec<MarkKind> = c.marks.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MarkKind::TailLossProbe, MarkKind::Rto]);
    let Some(rto) = c.marks.get(1) else { return };
    let Some(s) = c.sample_at(rto.t) else {
        panic!()
    };
    // RFC 5681 §3.1: after an RTO, cwnd = LW = 1 segment.
    assert_eq!(s.cwnd, u32::from(s.mss));
    let loss = c
        .ca_phases
        .iter()
        .find(|p| p.kind == CaPhase::LossRecovery)
        .unwrap_or_else(|| panic!("{:?}", c.ca_phases));
    assert_eq!(loss.t0, rto.t);

    let tlp = chart(&common::trace("tail-loss-probe"));
    let kinds: Vec<MarkKind> = tlp.marks.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MarkKind::TailLossProbe]);
    assert!(tlp
        .ca_phases
        .iter()
        .all(|p| p.kind != CaPhase::LossRecovery));
}

#[test]
fn zero_window_is_a_span_holding_the_probes() {
    let trace = common::trace("zero-window");
    let c = chart(&trace);
    let zw: Vec<_> = c
        .limits
        .iter()
        .filter(|l| l.kind == LimitPhase::ZeroWindow)
        .collect();
    assert!(!zw.is_empty(), "{:?}", c.limits);
    for z in &zw {
        assert_eq!(c.sample_at(z.t0).map(|s| s.rwnd), Some(0), "{z:?}");
    }
    // Every window probe leaves while the window is zero.
    let probes: Vec<_> = c
        .marks
        .iter()
        .filter(|m| m.kind == MarkKind::WindowProbe)
        .collect();
    assert!(!probes.is_empty());
    for p in probes {
        assert!(
            zw.iter().any(|z| z.t0 <= p.t && p.t <= z.t1),
            "probe at {:?} outside {zw:?}",
            p.t
        );
    }
    // The rwnd line goes to zero: its lowest point is on the x axis.
    let Some(rwnd) = c.series.iter().find(|s| s.quantity == Quantity::Rwnd) else {
        panic!()
    };
    assert!(rwnd.path.iter().any(|p| (p.y - c.plot[3]).abs() < 0.01));
}

#[test]
fn every_preset_chart_is_well_formed_and_ends_at_the_last_snapshot() {
    for (name, trace) in common::all() {
        for side in Side::BOTH {
            let c = WindowChart::new(&trace, side, &ChartOptions::default());
            let [left, top, right, bottom] = c.plot;
            for w in c.samples.windows(2) {
                if let [a, b] = w {
                    assert!(a.t < b.t, "{name}: samples not strictly in time order");
                }
            }
            // Each sample links to an event of its side at or before its instant.
            for s in &c.samples {
                if let Some(e) = s.event.and_then(|i| trace.events.get(i as usize)) {
                    assert!(e.side == side && e.at <= s.t, "{name}: {s:?}");
                }
            }
            for s in &c.series {
                for p in &s.path {
                    assert!(
                        (left - 0.01..=right + 0.01).contains(&p.x)
                            && (top - 0.01..=bottom + 0.01).contains(&p.y),
                        "{name} {side:?} {:?}: {p:?} outside the plot",
                        s.quantity
                    );
                }
                for w in s.path.windows(2) {
                    if let [a, b] = w {
                        assert!(a.x <= b.x, "{name}: path goes back in time");
                    }
                }
            }
            for spans in [
                c.ca_phases.iter().map(|s| (s.t0, s.t1)).collect::<Vec<_>>(),
                c.limits.iter().map(|s| (s.t0, s.t1)).collect(),
            ] {
                for w in spans.windows(2) {
                    if let [a, b] = w {
                        assert!(a.0 < a.1 && a.1 <= b.0, "{name}: spans overlap {a:?} {b:?}");
                    }
                }
            }
            for w in c.y_ticks.windows(2) {
                if let [a, b] = w {
                    assert!(b.value > a.value && b.pos < a.pos, "{name}: y ticks");
                }
            }
            // At the end, the chart shows the side's last snapshot inside the span.
            let end = c.x.v1;
            let last = trace
                .snapshots
                .iter()
                .rev()
                .find(|s| s.side == side && s.at.0 <= end && s.tcb.state.is_synchronized());
            let f = c.frame(Instant(end));
            let cwnd = f.series.iter().find(|s| s.quantity == Quantity::Cwnd);
            assert_eq!(
                cwnd.and_then(|s| s.value),
                last.map(|s| s.tcb.cwnd),
                "{name} {side:?}"
            );
            assert_eq!(f.marks_shown, c.marks.len());
        }
    }
}

#[test]
fn the_playhead_reveals_the_lines_step_by_step() {
    let trace = common::trace("fast-retransmit");
    let c = chart(&trace);
    let Some(cw) = c.series.iter().find(|s| s.quantity == Quantity::Cwnd) else {
        panic!()
    };
    let mut last_visible = 0;
    for (i, s) in c.samples.iter().enumerate() {
        let f = c.frame(s.t);
        assert_eq!(f.samples_shown, i + 1);
        let Some(sf) = f.series.iter().find(|x| x.quantity == Quantity::Cwnd) else {
            panic!()
        };
        assert_eq!(sf.value, Some(s.cwnd));
        assert!(sf.visible > last_visible || i == 0);
        last_visible = sf.visible;
        // The visible part ends at this sample's point, and the tip is level with it.
        let Some(p) = cw.path.get(sf.visible - 1) else {
            panic!()
        };
        assert_eq!(sf.tip.map(|t| t.y), Some(p.y));
        assert!((p.x - c.x.px(s.t.0)).abs() < 0.01);
    }
    // Before the first sample nothing is drawn.
    let before = c.frame(Instant(
        c.samples.first().map_or(0, |s| s.t.0).saturating_sub(1),
    ));
    assert!(before
        .series
        .iter()
        .all(|s| s.visible == 0 && s.tip.is_none()));
    // In the middle of fast recovery the frame names it.
    let Some(fr) = c
        .ca_phases
        .iter()
        .position(|p| p.kind == CaPhase::FastRecovery)
    else {
        panic!()
    };
    let Some(p) = c.ca_phases.get(fr) else {
        panic!()
    };
    let mid = Instant((p.t0.0 + p.t1.0) / 2);
    assert_eq!(c.frame(mid).ca_phase, Some(fr));
    // Hovering over a sample's x finds that sample.
    for (i, x) in c.sample_x.iter().enumerate() {
        let Some(j) = c.nearest(*x) else { panic!() };
        assert!(
            (c.sample_x.get(j).copied().unwrap_or(-1.0) - x).abs() < 0.01,
            "{i} {j}"
        );
    }
}

#[test]
fn without_sack_the_fast_retransmit_is_counted_by_duplicate_acks() {
    // The textbook profile offers no SACK: RFC 5681 §3.2's third duplicate ACK resends.
    let Some(scenario) = synack_sim::preset("fast-retransmit") else {
        panic!()
    };
    let mut cfg = synack_sim::Config::for_scenario(&scenario);
    cfg.profile = synack_sim::ProfileKind::Textbook;
    let trace = synack_sim::run(&scenario, &cfg).unwrap_or_else(|e| panic!("{e:?}"));
    let c = chart(&trace);
    let [mark] = c.marks.as_slice() else {
        panic!("{:?}", c.marks)
    };
    assert_eq!(mark.kind, MarkKind::DupAckRetransmit);
    // It follows the third duplicate ACK to arrive, at that very instant.
    let dup_arrivals: Vec<Instant> = trace
        .segments
        .iter()
        .filter(|r| r.from == Side::Server && r.reason == SendReason::OutOfOrderAck)
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some(at),
            _ => None,
        })
        .collect();
    assert_eq!(dup_arrivals.get(2), Some(&mark.t), "{dup_arrivals:?}");
    let g = synack_diagram::Tsg::new(&trace, Side::Client, &Default::default());
    let how: Vec<_> = g.bars.iter().filter_map(|b| b.how).collect();
    assert_eq!(how, [MarkKind::DupAckRetransmit]);
}

/// A rough picture of the chart and the time-sequence graph, for looking at by eye:
/// `PRESET=fast-retransmit cargo test -p synack-diagram --test chart dump -- --ignored`
/// writes /tmp/chart.svg and /tmp/tsg.svg.
#[test]
#[ignore]
fn dump_chart_and_tsg_svg() {
    use std::fmt::Write;
    let name = std::env::var("PRESET").unwrap_or("fast-retransmit".into());
    let trace = common::trace(&name);
    let c = chart(&trace);
    let pts = |p: &[synack_diagram::Point]| {
        p.iter()
            .map(|p| format!("{},{}", p.x, p.y))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}' font-size='10' font-family='sans-serif'><rect width='100%' height='100%' fill='white'/>",
        c.width, c.height
    );
    for (spans, y, h) in [(&c.ca_phases, c.plot[1], 8.0)] {
        for p in spans {
            let _ = write!(s, "<rect x='{}' y='{y}' width='{}' height='{h}' fill='{}' opacity='.5'><title>{:?}</title></rect><text x='{}' y='{}'>{:?}</text>", p.x0, p.x1 - p.x0, match p.kind { CaPhase::SlowStart => "#9cf", CaPhase::CongestionAvoidance => "#9c9", CaPhase::FastRecovery => "#fc9", _ => "#f99" }, p.kind, p.x0 + 2.0, y + 18.0, p.kind);
        }
    }
    for p in &c.limits {
        let _ = write!(s, "<rect x='{}' y='{}' width='{}' height='6' fill='#ccc' stroke='#888'/><text x='{}' y='{}' font-size='8'>{:?}</text>", p.x0, c.plot[3] - 6.0, p.x1 - p.x0, p.x0 + 2.0, c.plot[3] - 8.0, p.kind);
    }
    for t in c.x_ticks.iter().chain(&c.y_ticks) {
        let _ = write!(
            s,
            "<text x='{}' y='{}' text-anchor='{}'>{}</text>",
            t.label.at.x,
            t.label.at.y,
            t.label.anchor.svg(),
            t.label.text
        );
    }
    for (se, col) in c
        .series
        .iter()
        .zip(["#0072b2", "#d55e00", "#009e73", "#999"])
    {
        let _ = write!(
            s,
            "<polyline fill='none' stroke='{col}' stroke-width='1.5' points='{}'/>",
            pts(&se.path)
        );
    }
    for m in &c.marks {
        let _ = write!(
            s,
            "<circle cx='{}' cy='{}' r='4' fill='red'><title>{:?}</title></circle>",
            m.at.x, m.at.y, m.kind
        );
    }
    s.push_str("</svg>");
    std::fs::write("/tmp/chart.svg", s).unwrap();

    let g = synack_diagram::Tsg::new(&trace, Side::Client, &Default::default());
    let mut s = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}' font-size='10' font-family='sans-serif'><rect width='100%' height='100%' fill='white'/>",
        g.width, g.height
    );
    for t in g.x_ticks.iter().chain(&g.y_ticks) {
        let _ = write!(
            s,
            "<text x='{}' y='{}' text-anchor='{}'>{}</text>",
            t.label.at.x,
            t.label.at.y,
            t.label.anchor.svg(),
            t.label.text
        );
    }
    let _ = write!(
        s,
        "<polyline fill='none' stroke='#009e73' points='{}'/>",
        pts(&g.ack.path)
    );
    let _ = write!(
        s,
        "<polyline fill='none' stroke='#cc79a7' points='{}'/>",
        pts(&g.window.path)
    );
    for b in &g.bars {
        let col = match (b.kind, b.lost_at.is_some()) {
            (_, true) => "red",
            (synack_diagram::tsg::BarKind::Retransmission, _) => "orange",
            _ => "#0072b2",
        };
        let _ = write!(
            s,
            "<line x1='{x}' x2='{x}' y1='{}' y2='{}' stroke='{col}' stroke-width='2'/>",
            b.y0,
            b.y1.min(b.y0 - 2.0),
            x = b.x
        );
    }
    for k in &g.sacks {
        let _ = write!(
            s,
            "<line x1='{x}' x2='{x}' y1='{}' y2='{}' stroke='#e69f00' stroke-width='1'/>",
            k.y0,
            k.y1,
            x = k.x + 1.5
        );
    }
    s.push_str("</svg>");
    std::fs::write("/tmp/tsg.svg", s).unwrap();
}
