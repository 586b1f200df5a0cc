//! The window chart as SVG text (see the module's documentation for what the page relies on).

use super::said::Narrator;
use super::words::V;
use super::{at, axes, legend, legend_height, open, reveal_close, reveal_open, side_words, w, wf};
use crate::chart::{CaPhase, LimitPhase, MarkKind, Quantity, Sample, WindowChart};
use crate::scale::bytes;
use crate::svg::{esc, N};
use crate::{ChartOptions, Lang};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;
use synack_sim::{Side, Trace};

/// The name of a quantity's line.
fn quantity(lang: Lang, q: Quantity) -> &'static str {
    w(
        lang,
        match q {
            Quantity::Cwnd => V::Cwnd,
            Quantity::Ssthresh => V::Ssthresh,
            Quantity::InFlight => V::InFlight,
            Quantity::Rwnd => V::Rwnd,
        },
    )
}

/// The name of a congestion-control phase.
pub(crate) fn phase(lang: Lang, p: CaPhase) -> &'static str {
    w(
        lang,
        match p {
            CaPhase::SlowStart => V::SlowStart,
            CaPhase::CongestionAvoidance => V::CongestionAvoidance,
            CaPhase::FastRecovery => V::FastRecovery,
            CaPhase::LossRecovery => V::LossRecovery,
            CaPhase::CwndReduction => V::CwndReduction,
        },
    )
}

fn phase_class(p: CaPhase) -> &'static str {
    match p {
        CaPhase::SlowStart => "slow-start",
        CaPhase::CongestionAvoidance => "congestion-avoidance",
        CaPhase::FastRecovery => "fast-recovery",
        CaPhase::LossRecovery => "loss-recovery",
        CaPhase::CwndReduction => "cwnd-reduction",
    }
}

fn limit(lang: Lang, l: LimitPhase) -> (&'static str, &'static str) {
    match l {
        LimitPhase::CwndLimited => ("cwnd-limited", w(lang, V::CwndLimited)),
        LimitPhase::WindowLimited => ("window-limited", w(lang, V::WindowLimited)),
        LimitPhase::ApplicationLimited => ("app-limited", w(lang, V::AppLimited)),
        LimitPhase::Nagle => ("nagle", w(lang, V::NagleHolds)),
        LimitPhase::ZeroWindow => ("zero-window", w(lang, V::ZeroWindow)),
    }
}

/// The name of a loss marker (also a retransmission bar's "how").
pub(crate) fn mark(lang: Lang, k: MarkKind) -> &'static str {
    w(
        lang,
        match k {
            MarkKind::DupAckRetransmit => V::MarkDupAck,
            MarkKind::SackRetransmit => V::MarkSack,
            MarkKind::Rack => V::MarkRack,
            MarkKind::TailLossProbe => V::MarkTlp,
            MarkKind::Rto => V::MarkRto,
            MarkKind::WindowProbe => V::MarkProbe,
        },
    )
}

/// A marker's shape around (x, y), distinct per kind (shape as well as colour).
fn mark_path(k: MarkKind, x: f32, y: f32) -> String {
    let (x, y) = (N(x), N(y));
    match k {
        // Triangles up and down, a diamond, a square, a circle, a ring.
        MarkKind::DupAckRetransmit => alloc::format!("M{x} {y}m0 -6l5.5 9h-11z"),
        MarkKind::SackRetransmit => alloc::format!("M{x} {y}m0 6l5.5 -9h-11z"),
        MarkKind::Rack => alloc::format!("M{x} {y}m0 -6.5l6.5 6.5l-6.5 6.5l-6.5 -6.5z"),
        MarkKind::TailLossProbe => alloc::format!("M{x} {y}m-5 -5h10v10h-10z"),
        MarkKind::Rto => alloc::format!("M{x} {y}m-6 0a6 6 0 1 0 12 0a6 6 0 1 0 -12 0z"),
        MarkKind::WindowProbe => alloc::format!("M{x} {y}m-4 0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0z"),
    }
}

/// A sample's values: `cwnd 14.5 KB, ssthresh unset, in flight …, rwnd …`.
fn values(lang: Lang, smp: Option<&Sample>) -> String {
    let Some(smp) = smp else {
        return String::new();
    };
    let ssthresh = smp
        .ssthresh
        .map_or(w(lang, V::Unset).to_string(), |v| bytes(u64::from(v)));
    wf(
        lang,
        V::Values,
        &[
            ("cwnd", &bytes(u64::from(smp.cwnd))),
            ("ssthresh", &ssthresh),
            ("flight", &bytes(u64::from(smp.in_flight))),
            ("rwnd", &bytes(u64::from(smp.rwnd))),
        ],
    )
}

/// A tooltip: its lines (the empty ones left out), one per line of `<title>`.
fn lines(parts: &[&str]) -> String {
    let kept: Vec<&str> = parts.iter().copied().filter(|p| !p.is_empty()).collect();
    esc(&kept.join("\n"))
}

/// A sample gets a focusable point of its own when it is the last in its column of this many
/// pixels (the value held as the column ends) or the first: about a hundred points on a
/// 760-pixel chart, however long the trace (a 15 MB transfer has some 20,000 samples; their
/// line is drawn whole, their titles are not written).
const POINT_EVERY_PX: f32 = 8.0;

/// The indices of the samples that get a point.
pub(crate) fn pointed(sample_x: &[f32], left: f32) -> Vec<usize> {
    // (Samples lie inside the plot, right of `left`: truncation is the floor.)
    let column = |x: f32| ((x - left) / POINT_EVERY_PX) as i64;
    let mut out = Vec::new();
    for (i, &x) in sample_x.iter().enumerate() {
        let next = sample_x.get(i + 1).map(|&n| column(n));
        if i == 0 || next != Some(column(x)) {
            out.push(i);
        }
    }
    out
}

/// The window chart of `side` as SVG text, `width` wide (its height follows), in `lang`.
pub fn chart_svg(trace: &Trace, side: Side, lang: Lang, width: f32) -> String {
    let height = if width.is_finite() && width < 560.0 {
        (width * 0.75).max(220.0)
    } else {
        320.0
    };
    let chart = WindowChart::new(
        trace,
        side,
        &ChartOptions {
            width,
            height,
            span: None,
        },
    );
    chart_svg_of(&chart, trace, lang)
}

/// The SVG text of an already built chart.
pub fn chart_svg_of(c: &WindowChart, trace: &Trace, lang: Lang) -> String {
    let legend_entries: Vec<(&str, &str)> = Quantity::ALL
        .iter()
        .map(|&q| (q.class(), quantity(lang, q)))
        .collect();
    let lg_h = legend_height(&legend_entries, c.plot[0], c.width);
    let size = (c.width, c.height + lg_h + 6.0);
    let who = side_words(lang, c.side);
    let dur = crate::fmt::duration(c.x.v1.saturating_sub(c.x.v0));
    let title = wf(lang, V::ChartTitle, &[("side", who)]);
    let desc = wf(lang, V::ChartDesc, &[("dur", &dur)]);
    let mut s = String::with_capacity(8192 + 260 * c.samples.len());
    open(
        &mut s,
        "vw-chart",
        size,
        &c.x,
        c.side,
        lang,
        (&title, &desc),
    );
    axes(
        &mut s,
        c.plot,
        &c.x_ticks,
        &c.y_ticks,
        (w(lang, V::Time), w(lang, V::Bytes)),
    );
    reveal_open(&mut s, size);
    let [_, top, _, bottom] = c.plot;
    // Hover or focus a phase, a point or a marker: its values and what the narration says
    // of that moment (title's lines; the aria-label names it, the title describes it).
    let narrator = Narrator::new(trace, lang);
    // Phases: shaded spans, named where they are wide enough; each change focusable.
    s.push_str("<g class=\"phases\">\n");
    for p in &c.ca_phases {
        let name = phase(lang, p.kind);
        let wd = (p.x1 - p.x0).max(0.5);
        let label = alloc::format!("{name} ({} – {})", at(trace, p.t0.0), at(trace, p.t1.0));
        let _ = write!(
            s,
            "<rect class=\"ph {cls}\" data-t=\"{t}\" tabindex=\"0\" role=\"img\" aria-label=\"{label}\" x=\"{x}\" y=\"{y}\" width=\"{wd}\" height=\"{h}\"><title>{tip}</title></rect>",
            cls = phase_class(p.kind),
            t = p.t0.0,
            label = esc(&label),
            x = N(p.x0),
            y = N(top),
            wd = N(wd),
            h = N(bottom - top),
            tip = lines(&[
                &label,
                &values(lang, c.sample_at(p.t0)),
                &narrator.said(p.t0, c.side, None),
            ]),
        );
        if crate::geom::text_width(name, 10.0) + 6.0 < wd {
            let _ = write!(
                s,
                "<text class=\"phn\" x=\"{}\" y=\"{}\" aria-hidden=\"true\">{}</text>",
                N(p.x0 + 3.0),
                N(top + 22.0),
                esc(name)
            );
        }
        s.push('\n');
    }
    // What limits the sender: a strip along the bottom of the plot.
    for l in &c.limits {
        let (cls, name) = limit(lang, l.kind);
        let _ = writeln!(
            s,
            "<rect class=\"lim {cls}\" data-t=\"{t}\" x=\"{x}\" y=\"{y}\" width=\"{wd}\" height=\"5\"><title>{name} ({a} – {b})</title></rect>",
            t = l.t0.0,
            x = N(l.x0),
            y = N(bottom - 5.0),
            wd = N((l.x1 - l.x0).max(0.5)),
            name = esc(name),
            a = esc(&at(trace, l.t0.0)),
            b = esc(&at(trace, l.t1.0)),
        );
    }
    s.push_str("</g>\n<g class=\"lines\" aria-hidden=\"true\">\n");
    for series in &c.series {
        if series.path.is_empty() {
            continue;
        }
        let _ = write!(
            s,
            "<polyline class=\"ln {}\" points=\"",
            series.quantity.class()
        );
        crate::svg::points(&mut s, &series.path);
        s.push_str("\"/>\n");
    }
    // Samples on the cwnd line (one per few pixels, [`pointed`]): their values and what
    // happened then on hover or focus, their instant for a click or Enter.
    s.push_str("</g>\n<g class=\"pts\">\n");
    let cwnd_y = |v: u32| c.y.px_clamped(u64::from(v));
    let unset = w(lang, V::Unset);
    for i in pointed(&c.sample_x, c.plot[0]) {
        let Some(smp) = c.samples.get(i) else {
            continue;
        };
        let x = c.sample_x.get(i).copied().unwrap_or(c.plot[0]);
        let ph = phase(lang, crate::chart::ca_phase(smp));
        let ssthresh = smp
            .ssthresh
            .map_or(unset.to_string(), |v| bytes(u64::from(v)));
        let tip = wf(
            lang,
            V::SampleTip,
            &[
                ("t", &at(trace, smp.t.0)),
                ("cwnd", &bytes(u64::from(smp.cwnd))),
                ("ssthresh", &ssthresh),
                ("flight", &bytes(u64::from(smp.in_flight))),
                ("rwnd", &bytes(u64::from(smp.rwnd))),
                ("phase", ph),
            ],
        );
        let _ = write!(
            s,
            "<circle class=\"pt\" data-t=\"{t}\" data-cwnd=\"{cw}\" data-flight=\"{fl}\" data-rwnd=\"{rw}\"",
            t = smp.t.0,
            cw = smp.cwnd,
            fl = smp.in_flight,
            rw = smp.rwnd,
        );
        if let Some(v) = smp.ssthresh {
            let _ = write!(s, " data-ssthresh=\"{v}\"");
        }
        let _ = writeln!(
            s,
            " tabindex=\"0\" role=\"img\" aria-label=\"{}\" cx=\"{}\" cy=\"{}\" r=\"2.5\"><title>{}</title></circle>",
            esc(&tip),
            N(x),
            N(cwnd_y(smp.cwnd)),
            lines(&[&tip, &narrator.said(smp.t, c.side, None)])
        );
    }
    // Loss detection (and window probes): focusable, named, with the segments.
    s.push_str("</g>\n<g class=\"marks\">\n");
    for m in &c.marks {
        let what = mark(lang, m.kind);
        let ids: Vec<String> = m.segments.iter().map(|i| i.to_string()).collect();
        let tip = wf(
            lang,
            V::MarkTip,
            &[
                ("t", &at(trace, m.t.0)),
                ("what", what),
                ("n", &m.segments.len().to_string()),
                ("ids", &ids.join(", #")),
            ],
        );
        let _ = writeln!(
            s,
            "<path class=\"mk {cls}\" data-t=\"{t}\" data-id=\"{id}\" tabindex=\"0\" role=\"img\" aria-label=\"{label}\" d=\"{d}\"><title>{title}</title></path>",
            cls = m.kind.class(),
            t = m.t.0,
            id = m.segments.first().copied().unwrap_or(0),
            label = esc(&tip),
            d = mark_path(m.kind, m.at.x, m.at.y),
            title = lines(&[
                &tip,
                &values(lang, c.sample_at(m.t)),
                &narrator.said(m.t, c.side, m.event),
            ]),
        );
    }
    s.push_str("</g>\n");
    reveal_close(&mut s, c.plot);
    legend(&mut s, &legend_entries, c.plot[0], c.height + 6.0, c.width);
    s.push_str("</svg>\n");
    s
}
