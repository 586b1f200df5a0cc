//! Static SVG of a ladder, drawn from exactly the geometry the live view uses: one
//! self-contained document (inline stylesheet, font stack, viewBox, `<title>` and `<desc>`
//! for screen readers), every piece of text escaped.

mod escape;
mod graph;
mod legend;
mod parts;
pub mod style;

pub use escape::esc;
pub(crate) use escape::N;
pub use graph::state_graph_svg;
pub(crate) use parts::{arrow, arrow_labels, bands, breaks, flights, lanes, ticks, timers};

use crate::geom::{Label, Point};
use crate::narrate::{render, Key};
use crate::{fmt, Ladder, LadderOptions, Lang};
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
    let estimated = ladder.arrows.iter().any(|a| a.estimated.is_some());
    let (legend, legend_h) = legend::legend(ladder.width, ladder.height, lang, estimated);
    let height = ladder.height + legend_h;
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" lang=\"{lang}\" font-family=\"{font}\">",
        w = N(ladder.width),
        h = N(height),
        lang = lang.tag(),
        font = esc(style::FONT_STACK),
    );
    let (title, desc) = title_desc(ladder, trace);
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
        N(height)
    );

    s.push_str("<g class=\"ticks\">\n");
    ticks(&mut s, ladder);
    // Under everything, as on the page: an arrow that crosses a break stays visible.
    s.push_str("</g>\n<g class=\"breaks\">\n");
    breaks(&mut s, ladder);
    s.push_str("</g>\n<g class=\"lanes\">\n");
    lanes(&mut s, ladder);
    s.push_str("</g>\n<g class=\"bands\">\n");
    bands(&mut s, ladder);
    s.push_str("</g>\n<g class=\"timers\">\n");
    timers(&mut s, ladder);
    s.push_str("</g>\n<g class=\"arrows\">\n");
    flights(&mut s, ladder);
    for a in ladder.arrows.iter().filter(|a| a.flight.is_none()) {
        arrow(&mut s, a, true);
    }
    s.push_str("</g>\n");
    s.push_str(&legend);
    s.push_str("</svg>\n");
    s
}

/// The drawing's `<title>` and `<desc>` (plain text, unescaped).
pub(crate) fn title_desc(ladder: &Ladder, trace: &Trace) -> (String, String) {
    let lang = ladder.options.lang;
    let title = render(Key::SvgTitle, lang, &[("scenario", &trace.scenario)]);
    let n = ladder.arrows.len().to_string();
    let dur = fmt::duration(ladder.end.0.saturating_sub(ladder.start.0));
    let (client, server) = (trace.client.label(), trace.server.label());
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
    (title, desc)
}

pub(crate) fn points(s: &mut String, pts: &[Point]) {
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", N(p.x), N(p.y));
    }
}

/// `<text>` for a label, rotated if it has an angle.
pub(crate) fn text(s: &mut String, l: &Label, class: Option<&str>) {
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
