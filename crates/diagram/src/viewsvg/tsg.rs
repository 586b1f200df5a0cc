//! The time-sequence graph as SVG text (see the module's documentation for what the page
//! relies on). Bars carry their segment's id: a click on one selects it everywhere.

use super::chart::mark;
use super::words::V;
use super::{at, axes, legend, legend_height, open, reveal_close, reveal_open, side_words, w, wf};
use crate::svg::{esc, N};
use crate::tsg::{Bar, BarKind, Tsg};
use crate::{Lang, TsgOptions};
use alloc::string::{String, ToString};
use core::fmt::Write;
use synack_sim::{Side, Trace};

fn kind(lang: Lang, k: BarKind) -> &'static str {
    w(
        lang,
        match k {
            BarKind::Data => V::BarData,
            BarKind::Retransmission => V::BarRetx,
            BarKind::LossProbe => V::BarTlp,
            BarKind::WindowProbe => V::BarProbe,
        },
    )
}

/// A bar's shape: a vertical line from `y0` to `y1` with a head that tells its kind (none
/// for new data, a diamond for a retransmission, a triangle for a loss probe, a dot for a
/// window probe).
fn bar_path(b: &Bar) -> String {
    let (x, y0, y1) = (N(b.x), N(b.y0), N(b.y1));
    let top = N(b.y1);
    match b.kind {
        BarKind::Data => alloc::format!("M{x} {y0}V{y1}"),
        BarKind::Retransmission => {
            alloc::format!("M{x} {y0}V{y1}M{x} {top}m0 -4l3.5 4l-3.5 4l-3.5 -4z")
        }
        BarKind::LossProbe => alloc::format!("M{x} {y0}V{y1}M{x} {top}m0 -5l4 7h-8z"),
        BarKind::WindowProbe => alloc::format!("M{x} {y0}m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0z"),
    }
}

/// The time-sequence graph of `side`'s data as SVG text, `width` wide, in `lang`.
pub fn tsg_svg(trace: &Trace, side: Side, lang: Lang, width: f32) -> String {
    let height = if width.is_finite() && width < 560.0 {
        (width * 0.95).max(260.0)
    } else {
        420.0
    };
    let g = Tsg::new(
        trace,
        side,
        &TsgOptions {
            width,
            height,
            span: None,
        },
    );
    tsg_svg_of(&g, trace, lang)
}

/// The SVG text of an already built graph.
pub fn tsg_svg_of(g: &Tsg, trace: &Trace, lang: Lang) -> String {
    let legend_entries = [
        ("data", w(lang, V::BarData)),
        ("retx", w(lang, V::BarRetx)),
        ("ack", w(lang, V::AckLine)),
        ("window", w(lang, V::WindowLine)),
        ("sack", w(lang, V::Sack)),
    ];
    let lg_h = legend_height(&legend_entries, g.plot[0], g.width);
    let size = (g.width, g.height + lg_h + 6.0);
    let who = side_words(lang, g.side);
    let dur = crate::fmt::duration(g.x.v1.saturating_sub(g.x.v0));
    let title = wf(lang, V::TsgTitle, &[("side", who)]);
    let desc = wf(lang, V::TsgDesc, &[("side", who), ("dur", &dur)]);
    let mut s = String::with_capacity(8192 + 300 * g.bars.len() + 200 * g.sacks.len());
    open(&mut s, "vw-tsg", size, &g.x, g.side, lang, (&title, &desc));
    axes(
        &mut s,
        g.plot,
        &g.x_ticks,
        &g.y_ticks,
        (w(lang, V::Time), w(lang, V::SeqAxis)),
    );
    reveal_open(&mut s, size);
    s.push_str("<g class=\"lines\" aria-hidden=\"true\">\n");
    for (line, class) in [(&g.window, "window"), (&g.ack, "ack")] {
        if line.path.is_empty() {
            continue;
        }
        let _ = write!(s, "<polyline class=\"ln {class}\" points=\"");
        crate::svg::points(&mut s, &line.path);
        s.push_str("\"/>\n");
    }
    s.push_str("</g>\n<g class=\"sacks\">\n");
    for b in &g.sacks {
        let what = w(lang, if b.dsack { V::DSack } else { V::Sack });
        let tip = wf(
            lang,
            V::SackTip,
            &[
                ("t", &at(trace, b.t.0)),
                ("what", what),
                ("seq0", &b.seq0.to_string()),
                ("seq1", &b.seq1.to_string()),
            ],
        );
        let top = b.y1.min(b.y0);
        let _ = writeln!(
            s,
            "<rect class=\"sack{d}\" data-t=\"{t}\" data-id=\"{id}\" x=\"{x}\" y=\"{y}\" width=\"4\" height=\"{h}\"><title>{tip}</title></rect>",
            d = if b.dsack { " dsack" } else { "" },
            t = b.t.0,
            id = b.segment,
            x = N(b.x - 2.0),
            y = N(top),
            h = N((b.y0 - b.y1).abs().max(1.0)),
            tip = esc(&tip),
        );
    }
    // New data first, then what was resent or probed, so those are drawn on top.
    s.push_str("</g>\n<g class=\"bars\">\n");
    let plain = |b: &&Bar| b.kind == BarKind::Data && b.lost_at.is_none();
    for b in g.bars.iter().filter(plain) {
        bar(&mut s, b, g, trace, lang);
    }
    for b in g.bars.iter().filter(|b| !plain(b)) {
        bar(&mut s, b, g, trace, lang);
    }
    s.push_str("</g>\n");
    reveal_close(&mut s, g.plot);
    legend(&mut s, &legend_entries, g.plot[0], g.height + 6.0, g.width);
    s.push_str("</svg>\n");
    s
}

/// One bar: `<g class="bar …" data-id data-t>` with its title, its shape and, if the link
/// lost it, a ✕ at the instant of the loss (revealed when the playhead passes it). Bars
/// that are not plain new data are focusable (Enter selects); the segment list reaches the
/// rest.
fn bar(s: &mut String, b: &Bar, g: &Tsg, trace: &Trace, lang: Lang) {
    let mut what = String::from(kind(lang, b.kind));
    if let Some(how) = b.how.filter(|_| b.kind != BarKind::Data) {
        what.push_str(" (");
        what.push_str(mark(lang, how));
        what.push(')');
    }
    if b.lost_at.is_some() {
        what.push_str(", ");
        what.push_str(w(lang, V::Lost));
    }
    let tip = wf(
        lang,
        V::BarTip,
        &[
            ("id", &b.segment.to_string()),
            ("what", &what),
            ("seq0", &b.seq0.to_string()),
            ("seq1", &b.seq1.to_string()),
            ("t", &at(trace, b.t.0)),
        ],
    );
    let focus = b.kind != BarKind::Data || b.lost_at.is_some();
    let _ = write!(
        s,
        "<g class=\"{cls}\" data-id=\"{id}\" data-t=\"{t}\"{f}><title>{tip}</title><path d=\"{d}\"/>",
        cls = b.class,
        id = b.segment,
        t = b.t.0,
        f = if focus {
            alloc::format!(" tabindex=\"0\" role=\"button\" aria-label=\"{}\"", esc(&tip))
        } else {
            String::new()
        },
        tip = esc(&tip),
        d = bar_path(b),
    );
    if let Some(lost) = b.lost_at {
        // The ✕ where the link dropped it: at the loss's instant, at the bar's top.
        let _ = write!(
            s,
            "<path class=\"x\" d=\"M{x} {y}m-4 -4l8 8m0 -8l-8 8\"/>",
            x = N(g.x.px_clamped(lost.0)),
            y = N(b.y1),
        );
    }
    s.push_str("</g>\n");
}
