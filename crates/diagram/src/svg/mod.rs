//! Static SVG of a ladder, drawn from exactly the geometry the live view uses: one
//! self-contained document (inline stylesheet, font stack, viewBox, `<title>` and `<desc>`
//! for screen readers), every piece of text escaped.

mod escape;
mod graph;
mod style;

pub use escape::esc;
use escape::N;
pub use graph::state_graph_svg;

use crate::geom::{Label, Point};
use crate::narrate::{render, Key};
use crate::{fmt, ArrowFate, Ladder, LadderOptions, Lang};
use alloc::string::{String, ToString};
use core::fmt::Write;
use synack_sim::Trace;

/// The whole ladder of `trace` as a static SVG document, in `lang` (which overrides
/// `opts.lang`).
pub fn ladder_svg(trace: &Trace, opts: &LadderOptions, lang: Lang) -> String {
    let o = LadderOptions {
        lang,
        ..opts.clone()
    };
    ladder_svg_of(&Ladder::new(trace, &o), trace)
}

/// The SVG of an already built ladder (the web app's export: the very geometry on screen).
pub fn ladder_svg_of(ladder: &Ladder, trace: &Trace) -> String {
    let lang = ladder.options.lang;
    let mut s = String::with_capacity(4096 + 600 * ladder.arrows.len());
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" lang=\"{lang}\" font-family=\"{font}\">",
        w = N(ladder.width),
        h = N(ladder.height),
        lang = lang.tag(),
        font = esc(style::FONT_STACK),
    );
    let title = render(Key::SvgTitle, lang, &[("scenario", &trace.scenario)]);
    let n = ladder.arrows.len().to_string();
    let dur = fmt::duration(ladder.end.0.saturating_sub(ladder.start.0));
    let (client, server) = (
        trace.client.endpoint.to_string(),
        trace.server.endpoint.to_string(),
    );
    let desc = render(
        Key::SvgDesc,
        lang,
        &[
            ("client", &client),
            ("server", &server),
            ("n", &n),
            ("dur", &dur),
        ],
    );
    let _ = writeln!(
        s,
        "<title>{}</title>\n<desc>{}</desc>",
        esc(&title),
        esc(&desc)
    );
    let _ = writeln!(s, "<style>{}</style>", style::CSS);
    let _ = writeln!(
        s,
        "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        N(ladder.width),
        N(ladder.height)
    );

    s.push_str("<g class=\"ticks\">\n");
    for t in &ladder.ticks {
        let _ = write!(
            s,
            "<g class=\"tick\"><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
            N(t.x0),
            N(t.x1),
            y = N(t.y)
        );
        text(&mut s, &t.label, None);
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n<g class=\"lanes\">\n");
    for l in &ladder.lanes {
        let _ = writeln!(
            s,
            "<line class=\"lane\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            N(l.y0),
            N(l.y1),
            x = N(l.x)
        );
        text(&mut s, &l.title, Some("lane-title"));
        text(&mut s, &l.subtitle, Some("lane-sub"));
    }
    s.push_str("</g>\n<g class=\"bands\">\n");
    for b in &ladder.bands {
        let _ = write!(
            s,
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            esc(&b.class),
            N(b.x),
            N(b.y),
            N(b.w),
            N(b.h)
        );
        text(&mut s, &b.label, Some("band-name"));
        s.push('\n');
    }
    s.push_str("</g>\n<g class=\"timers\">\n");
    for b in &ladder.timers {
        let _ = write!(
            s,
            "<g class=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            esc(&b.class),
            esc(&b.label.text),
            N(b.x),
            N(b.y),
            N(b.w),
            N(b.h)
        );
        if b.y_deadline > b.y + b.h + 0.5 {
            let _ = write!(
                s,
                "<line class=\"deadline\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
                N(b.x - 1.0),
                N(b.x + b.w + 1.0),
                y = N(b.y_deadline)
            );
        }
        if b.label_fits {
            text(&mut s, &b.label, None);
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n<g class=\"arrows\">\n");
    for b in &ladder.flights {
        // A band drawn with a wide stroke: a flight sent and received at single instants is
        // a degenerate quadrilateral (one line). Styled inline, so that the stylesheet (and
        // every plain ladder's bytes) stays as it was.
        let _ = write!(
            s,
            "<g class=\"{}\"><title>{}</title><polygon points=\"",
            esc(&b.class),
            esc(&b.label.text)
        );
        points(&mut s, &b.polygon);
        s.push_str("\" stroke-width=\"7\" stroke-linejoin=\"round\" fill-opacity=\"0.3\" stroke-opacity=\"0.45\"/>");
        if b.label_shown {
            text(&mut s, &b.label, None);
        }
        s.push_str("</g>\n");
    }
    for a in ladder.arrows.iter().filter(|a| a.flight.is_none()) {
        let _ = write!(s, "<g class=\"{}\">", esc(&a.class));
        if !a.label_shown {
            // No room for the label: it becomes the arrow's tooltip.
            let _ = write!(s, "<title>{}</title>", esc(&a.label.text));
        }
        s.push_str("<polyline points=\"");
        points(&mut s, &a.points);
        s.push_str("\"/>");
        if let Some(h) = &a.head {
            s.push_str("<polygon points=\"");
            points(&mut s, h);
            s.push_str("\"/>");
        }
        if let (ArrowFate::Lost, Some([p, q, r, t])) = (a.fate, &a.cross) {
            let _ = write!(
                s,
                "<path class=\"cross\" d=\"M{} {}L{} {}M{} {}L{} {}\"/>",
                N(p.x),
                N(p.y),
                N(q.x),
                N(q.y),
                N(r.x),
                N(r.y),
                N(t.x),
                N(t.y)
            );
        }
        if a.label_shown {
            text(&mut s, &a.label, None);
            if let Some(tag) = &a.tag {
                text(&mut s, tag, Some("tag"));
            }
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n<g class=\"breaks\">\n");
    for b in &ladder.breaks {
        s.push_str("<g class=\"break\">");
        for z in &b.zigzag {
            s.push_str("<polyline points=\"");
            points(&mut s, z);
            s.push_str("\"/>");
        }
        text(&mut s, &b.label, None);
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n</svg>\n");
    s
}

fn points(s: &mut String, pts: &[Point]) {
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", N(p.x), N(p.y));
    }
}

/// `<text>` for a label, rotated if it has an angle.
fn text(s: &mut String, l: &Label, class: Option<&str>) {
    if l.text.is_empty() {
        return;
    }
    s.push_str("<text");
    if let Some(c) = class {
        let _ = write!(s, " class=\"{}\"", esc(c));
    }
    let _ = write!(s, " x=\"{}\" y=\"{}\"", N(l.at.x), N(l.at.y));
    if l.anchor != crate::Anchor::Start {
        let _ = write!(s, " text-anchor=\"{}\"", l.anchor.svg());
    }
    if l.angle.abs() > 0.05 {
        let _ = write!(
            s,
            " transform=\"rotate({} {} {})\"",
            N(l.angle),
            N(l.at.x),
            N(l.at.y)
        );
    }
    let _ = write!(s, ">{}</text>", esc(&l.text));
}
