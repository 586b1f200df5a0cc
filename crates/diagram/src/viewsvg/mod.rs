//! The data-phase views as SVG text: the window chart ([`chart_svg`]) and the time-sequence
//! graph ([`tsg_svg`]), drawn from exactly the geometry of [`crate::chart`] and
//! [`crate::tsg`]. The web app's second module writes them once per trace; the page inserts
//! the text and ties it to the playhead without redrawing:
//!
//! - everything that happens in time sits inside `<g clip-path="url(#vw-reveal)">`, whose
//!   `<rect class="vw-reveal">` is as wide as the drawing: the page sets its `width` to the
//!   playhead's x (time only grows rightwards, so that hides every mark later than the
//!   playhead) and moves `<line class="vw-cursor">` there;
//! - the root carries the time scale (`data-t0`, `data-t1`: µs on the trace's clock;
//!   `data-x0`, `data-x1`: their x), so the page maps a playhead to x without the layout;
//! - every mark carries its instant (`data-t`, µs) and, where it is a segment, its id
//!   (`data-id`), and a `<title>` with its values; the window chart's samples also carry
//!   their values (`data-cwnd`, `data-ssthresh`, `data-flight`, `data-rwnd`, bytes).
//!
//! Colours are the page's custom properties (`--c`, `--lost` …) with light fallbacks, so a
//! theme change needs no new drawing; selectors are scoped under `.vw`.

mod chart;
mod said;
mod tsg;
pub mod words;

pub use chart::{chart_svg, chart_svg_of};
pub use tsg::{tsg_svg, tsg_svg_of};

use crate::geom::Anchor;
use crate::scale::{AxisTick, LinearScale};
use crate::svg::{esc, N};
use crate::Lang;
use alloc::string::String;
use core::fmt::Write;
use synack_sim::{Side, Trace};
use words::V;

/// The side whose sending the views show by default: the one that sent more payload bytes
/// (the client on a tie or when neither sent any).
pub fn data_sender(trace: &Trace) -> Side {
    let mut bytes = [0u64; 2];
    for r in &trace.segments {
        let i = usize::from(r.from == Side::Server);
        if let Some(b) = bytes.get_mut(i) {
            *b = b.saturating_add(r.segment.payload.len() as u64);
        }
    }
    if bytes[1] > bytes[0] {
        Side::Server
    } else {
        Side::Client
    }
}

/// One text of the views in `lang`.
pub(crate) fn w(lang: Lang, key: V) -> &'static str {
    lang.text(key)
}

/// `template` with its placeholders filled.
pub(crate) fn wf(lang: Lang, key: V, args: &[(&str, &str)]) -> String {
    synack_text::pack::fill_str(lang.text(key), args)
}

/// "the client" / "the server" in `lang`.
pub(crate) fn side_words(lang: Lang, side: Side) -> &'static str {
    use crate::narrate::Key;
    lang.text(match side {
        Side::Client => Key::SideClient,
        Side::Server => Key::SideServer,
    })
}

/// An instant as the ticks write it: relative to the trace's start.
pub(crate) fn at(trace: &Trace, t: u64) -> String {
    crate::fmt::duration(t.saturating_sub(trace.t0.0))
}

pub(crate) const CSS: &str = "
.vw{display:block;width:100%;height:auto;font-family:var(--font,system-ui,sans-serif);font-size:11px}
.vw .bg{fill:var(--panel,#fff)}
.vw text{fill:var(--fg,#1b1b1f);stroke:none}
.vw .ax line{stroke:var(--line,#d5d6db);stroke-width:.6}
.vw .ax text{fill:var(--muted,#55565c);font-size:10px}
.vw .frame{fill:none;stroke:var(--muted,#55565c);stroke-width:1}
.vw .ln{fill:none;stroke-width:1.8}
.vw .cwnd{stroke:var(--c,#1756b0);stroke-width:2.4}
.vw .ssthresh{stroke:var(--s,#a33a00);stroke-dasharray:7 3}
.vw .in-flight{stroke:var(--tw,#00695c);stroke-dasharray:2 2}
.vw .rwnd,.vw .window{stroke:var(--timer,#5b3aa8);stroke-dasharray:9 3 2 3}
.vw .ack{stroke:var(--tw,#00695c)}
.vw .lg .data{stroke:var(--c,#1756b0);stroke-width:2.5}
.vw .lg .retx{stroke:var(--lost,#b71c1c);stroke-width:2.5}
.vw .lg .sack{stroke:var(--play,#0d6b3d);stroke-width:5;opacity:.5}
.vw .ph{opacity:.13}
.vw .ph.slow-start{fill:var(--play,#0d6b3d)}
.vw .ph.congestion-avoidance{fill:var(--c,#1756b0)}
.vw .ph.fast-recovery,.vw .ph.loss-recovery{fill:var(--lost,#b71c1c)}
.vw .ph.cwnd-reduction{fill:var(--s,#a33a00)}
.vw .phn{font-size:10px;fill:var(--muted,#55565c)}
.vw .lim{fill:var(--muted,#55565c);opacity:.45}
.vw .lim.zero-window{fill:var(--lost,#b71c1c)}
.vw .pt{fill:var(--c,#1756b0);opacity:.35;cursor:pointer}
.vw .pt:hover{opacity:1}
.vw .mk{fill:var(--lost,#b71c1c);stroke:var(--panel,#fff);stroke-width:1;cursor:pointer}
.vw .mk.window-probe{fill:var(--timer,#5b3aa8)}
.vw .mk:focus,.vw .bar:focus{outline:none;stroke:var(--focus,#ffb000);stroke-width:3}
.vw .bar{cursor:pointer}
.vw .bar path{fill:none;stroke:var(--c,#1756b0);stroke-width:2}
.vw .bar.retx path,.vw .bar.tlp path{stroke:var(--lost,#b71c1c);fill:var(--lost,#b71c1c)}
.vw .bar.probe path{stroke:var(--timer,#5b3aa8);fill:var(--timer,#5b3aa8)}
.vw .bar.lost path{stroke-dasharray:3 2}
.vw .bar .x{stroke:var(--lost,#b71c1c);stroke-width:1.8;stroke-dasharray:none;fill:none}
.vw .bar.sel path{stroke:var(--focus,#ffb000);stroke-width:4}
.vw .sack{fill:var(--play,#0d6b3d);opacity:.5}
.vw .sack.dsack{fill:var(--s,#a33a00)}
.vw .vw-cursor{stroke:var(--play,#0d6b3d);stroke-width:1.5}
.vw .lg text{font-size:10.5px}
";

/// The root element, `<title>`, `<desc>` and stylesheet. `height` includes the legend.
pub(crate) fn open(
    s: &mut String,
    class: &str,
    (width, height): (f32, f32),
    x: &LinearScale,
    side: Side,
    lang: Lang,
    (title, desc): (&str, &str),
) {
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"vw {class}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"group\" aria-label=\"{title}\" lang=\"{lang}\" data-side=\"{side}\" data-t0=\"{t0}\" data-t1=\"{t1}\" data-x0=\"{x0}\" data-x1=\"{x1}\">\n<title>{title}</title>\n<desc>{desc}</desc>\n<style>{css}</style>\n",
        w = N(width),
        h = N(height),
        title = esc(title),
        desc = esc(desc),
        lang = lang.tag(),
        side = match side {
            Side::Client => "client",
            Side::Server => "server",
        },
        t0 = x.v0,
        t1 = x.v1,
        x0 = N(x.p0),
        x1 = N(x.p1),
        css = CSS,
    );
    let _ = writeln!(
        s,
        "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        N(width),
        N(height)
    );
}

/// Grid lines and labels of both axes, the plot's frame and the axes' names.
pub(crate) fn axes(
    s: &mut String,
    plot: [f32; 4],
    x_ticks: &[AxisTick],
    y_ticks: &[AxisTick],
    (x_name, y_name): (&str, &str),
) {
    let [l, t, r, b] = plot;
    s.push_str("<g class=\"ax\" aria-hidden=\"true\">\n");
    for k in x_ticks {
        let _ = write!(
            s,
            "<line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\"/><text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{txt}</text>",
            x = N(k.pos),
            t = N(t),
            b = N(b),
            y = N(k.label.at.y),
            txt = esc(&k.label.text),
        );
    }
    for k in y_ticks {
        let _ = write!(
            s,
            "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\"/><text x=\"{lx}\" y=\"{ly}\"{anchor}>{txt}</text>",
            l = N(l),
            r = N(r),
            y = N(k.pos),
            lx = N(k.label.at.x),
            ly = N(k.label.at.y),
            anchor = if k.label.anchor == Anchor::End {
                " text-anchor=\"end\""
            } else {
                ""
            },
            txt = esc(&k.label.text),
        );
    }
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
        N(r),
        N(b + 28.0),
        esc(x_name)
    );
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\">{}</text>",
        N(l + 4.0),
        N(t + 10.0),
        esc(y_name)
    );
    s.push_str("</g>\n");
    let _ = writeln!(
        s,
        "<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        N(l),
        N(t),
        N(r - l),
        N(b - t)
    );
}

/// Opens the group revealed up to the playhead (the page narrows its clip rectangle).
pub(crate) fn reveal_open(s: &mut String, (width, height): (f32, f32)) {
    let _ = writeln!(
        s,
        "<defs><clipPath id=\"vw-reveal\"><rect class=\"vw-reveal\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/></clipPath></defs>\n<g clip-path=\"url(#vw-reveal)\">",
        N(width),
        N(height)
    );
}

/// Closes the revealed group and draws the playhead's line (at the right edge until the page
/// moves it).
pub(crate) fn reveal_close(s: &mut String, plot: [f32; 4]) {
    let _ = writeln!(
        s,
        "</g>\n<line class=\"vw-cursor\" x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\" aria-hidden=\"true\"/>",
        x = N(plot[2]),
        t = N(plot[1]),
        b = N(plot[3]),
    );
}

/// A legend below the plot, wrapped to the width: each entry a short sample of its line
/// (`class`) and its name. Returns the height it takes.
pub(crate) fn legend(
    s: &mut String,
    entries: &[(&str, &str)],
    left: f32,
    top: f32,
    width: f32,
) -> f32 {
    let mut x = left;
    let mut y = top;
    let row = 16.0;
    s.push_str("<g class=\"lg\" aria-hidden=\"true\">");
    for (class, name) in entries {
        let wd = 26.0 + crate::geom::text_width(name, 10.5) + 14.0;
        if x + wd > width - 8.0 && x > left {
            x = left;
            y += row;
        }
        let _ = write!(
            s,
            "<path class=\"ln {class}\" d=\"M{} {}h20\"/><text x=\"{}\" y=\"{}\">{}</text>",
            N(x),
            N(y),
            N(x + 24.0),
            N(y + 3.5),
            esc(name)
        );
        x += wd;
    }
    s.push_str("</g>\n");
    y - top + row
}

/// The height a legend of `entries` takes at `width` (the same wrapping as [`legend`]).
pub(crate) fn legend_height(entries: &[(&str, &str)], left: f32, width: f32) -> f32 {
    let mut s = String::new();
    legend(&mut s, entries, left, 0.0, width)
}
