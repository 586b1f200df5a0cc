//! The exported ladder's look: the page's (web/style.css), so a downloaded picture looks like
//! the screen. Colours by direction (the client's arrows blue, the server's orange, a lost
//! one red), the same state-band colours, the same type sizes ([`crate::geom::font`]).
//! `crates/diagram/tests/style.rs` checks these values against the page's stylesheet.
//! Colours never carry meaning alone: flags are written on every arrow, losses end in ✕,
//! retransmissions are dashed, states are named.

use super::escape::N;
use crate::geom::font;
use alloc::format;
use alloc::string::String;

pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

const MONO_STACK: &str =
    "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace";

/// The page's light colours (`:root` in web/style.css), by custom property name.
pub const PALETTE: &[(&str, &str)] = &[
    ("fg", "#1b1b1f"),
    ("bg", "#fdfdfc"),
    ("line", "#d5d6db"),
    ("muted", "#55565c"),
    ("c", "#1756b0"),
    ("s", "#a33a00"),
    ("lost", "#b71c1c"),
    ("timer", "#5b3aa8"),
    ("tw", "#00695c"),
    ("break", "#f1f1f4"),
];

/// The state bands' fills (`--st-<state>` in web/style.css).
pub const STATES: &[(&str, &str)] = &[
    ("closed", "#bdbdbd"),
    ("listen", "#8d99ae"),
    ("syn-sent", "#f2c14e"),
    ("syn-received", "#f29e4c"),
    ("established", "#4caf50"),
    ("fin-wait-1", "#4fc3f7"),
    ("fin-wait-2", "#0288d1"),
    ("close-wait", "#ba68c8"),
    ("closing", "#f06292"),
    ("last-ack", "#7e57c2"),
    ("time-wait", "#78909c"),
];

fn colour(name: &str) -> &'static str {
    PALETTE
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("#000", |(_, c)| c)
}

/// The exported ladder's stylesheet.
pub fn css() -> String {
    let (fg, bg, line, muted) = (colour("fg"), colour("bg"), colour("line"), colour("muted"));
    let (c, s, lost, timer, tw, brk) = (
        colour("c"),
        colour("s"),
        colour("lost"),
        colour("timer"),
        colour("tw"),
        colour("break"),
    );
    let mut out = format!(
        "
.bg{{fill:{bg}}}
text{{font-size:12px;fill:{fg};paint-order:stroke;stroke:{bg};stroke-width:3px;stroke-linejoin:round}}
.lane{{stroke:{muted};stroke-width:1.5}}
.lane-title{{font-size:15px;font-weight:700}}
.lane-title.c{{fill:{c}}}
.lane-title.s{{fill:{s}}}
.lane-sub{{font-size:11px;fill:{muted};font-family:{MONO_STACK}}}
.tick line{{stroke:{line};stroke-width:.6;stroke-dasharray:2 4}}
.tick text{{font-size:{tick}px;fill:{muted};font-family:{MONO_STACK}}}
.break rect{{fill:{brk}}}
.break polyline{{fill:none;stroke:{muted};stroke-width:1.2}}
.break text{{font-size:{brk_px}px;fill:{muted};font-style:italic}}
.band{{opacity:.9}}
.band-name{{font-size:{band}px;font-weight:600}}
.timer rect{{fill:{timer}}}
.tm-time-wait rect,.tm-fin-wait-2 rect{{fill:{tw}}}
.tm-delayed-ack rect{{fill:none;stroke:{timer};stroke-width:1.2;stroke-dasharray:2 2}}
.timer.cancelled rect,.timer.rearmed rect{{opacity:.5}}
.deadline{{stroke:{timer};stroke-width:1.2}}
.tm-time-wait .deadline,.tm-fin-wait-2 .deadline{{stroke:{tw}}}
.timer text{{font-size:{timer_px}px;font-weight:600;fill:{timer}}}
.tm-time-wait text,.tm-fin-wait-2 text{{fill:{tw}}}
.seg polyline,.lg polyline{{fill:none;stroke-width:2.2}}
.seg text{{font-size:{seg}px;font-weight:650}}
.seg .tag{{font-size:{tag}px;font-weight:400;font-style:italic;fill:{fg}}}
.from-c polyline{{stroke:{c}}}
.from-c polygon,.from-c text{{fill:{c}}}
.from-s polyline{{stroke:{s}}}
.from-s polygon,.from-s text{{fill:{s}}}
.retx polyline{{stroke-dasharray:8 4}}
.dup polyline,.injected polyline{{stroke-dasharray:2 3}}
.inflight polyline{{stroke-dasharray:1 3}}
.lost polyline{{stroke:{lost}}}
.cross{{stroke:{lost};stroke-width:3;fill:none}}
.rst text{{text-decoration:underline}}
.legend text{{font-size:11px;fill:{muted}}}
",
        // Through `N`: core's float formatting would add kilobytes to the web app.
        tick = N(font::TICK),
        brk_px = N(font::BREAK),
        band = N(font::BAND),
        timer_px = N(font::TIMER),
        seg = N(font::SEG),
        tag = N(font::TAG),
    );
    for (name, fill) in STATES {
        out.push_str(&format!(".st-{name}{{fill:{fill}}}\n"));
    }
    out
}
