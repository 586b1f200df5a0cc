//! The exported ladder's look: the page's (web/style.css), so a downloaded picture looks like
//! the screen. Colours by direction (the client's arrows blue, the server's orange, a lost
//! one red), the same state-band colours, the same type sizes ([`crate::geom::font`]).
//! `crates/diagram/tests/style.rs` checks these values against the page's stylesheet.
//! Colours never carry meaning alone: flags are written on every arrow, losses end in ✕,
//! retransmissions are dashed, states are named.

pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

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

/// The exported ladder's stylesheet: [`PALETTE`]'s and [`STATES`]' colours, and
/// [`crate::geom::font`]'s sizes, written out (a constant: formatting it at run time would
/// cost the web app code; `tests/style.rs` checks it against those values and the page).
pub const CSS: &str = "
.bg{fill:#fdfdfc}
text{font-size:12px;fill:#1b1b1f;paint-order:stroke;stroke:#fdfdfc;stroke-width:3px;stroke-linejoin:round}
.lane{stroke:#55565c;stroke-width:1.5}
.lane-title{font-size:15px;font-weight:700}
.lane-title.c{fill:#1756b0}
.lane-title.s{fill:#a33a00}
.lane-sub{font-size:11px;fill:#55565c;font-family:ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace}
.tick line{stroke:#d5d6db;stroke-width:.6;stroke-dasharray:2 4}
.tick text{font-size:10.5px;fill:#55565c;font-family:ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace}
.break rect{fill:#f1f1f4}
.break polyline{fill:none;stroke:#55565c;stroke-width:1.2}
.break text{font-size:11.5px;fill:#55565c;font-style:italic}
.band{opacity:.9}
.band-name{font-size:11px;font-weight:600}
.timer rect{fill:#5b3aa8}
.tm-time-wait rect,.tm-fin-wait-2 rect{fill:#00695c}
.tm-delayed-ack rect{fill:none;stroke:#5b3aa8;stroke-width:1.2;stroke-dasharray:2 2}
.timer.cancelled rect,.timer.rearmed rect{opacity:.5}
.deadline{stroke:#5b3aa8;stroke-width:1.2}
.tm-time-wait .deadline,.tm-fin-wait-2 .deadline{stroke:#00695c}
.timer text{font-size:10px;font-weight:600;fill:#5b3aa8}
.tm-time-wait text,.tm-fin-wait-2 text{fill:#00695c}
.seg polyline,.lg polyline{fill:none;stroke-width:2.2}
.seg text{font-size:12px;font-weight:650}
.seg .tag{font-size:10.5px;font-weight:400;font-style:italic;fill:#1b1b1f}
.from-c polyline{stroke:#1756b0}
.from-c polygon,.from-c text{fill:#1756b0}
.from-s polyline{stroke:#a33a00}
.from-s polygon,.from-s text{fill:#a33a00}
.retx polyline{stroke-dasharray:8 4}
.dup polyline,.injected polyline{stroke-dasharray:2 3}
.inflight polyline{stroke-dasharray:1 3}
.lost polyline{stroke:#b71c1c}
.cross{stroke:#b71c1c;stroke-width:3;fill:none}
.seg .est{stroke:#fdfdfc;stroke-width:4;stroke-dasharray:3 4}
.seg .est-mark{font-size:14px;font-weight:700}
.rst text{text-decoration:underline}
.legend text{font-size:11px;fill:#55565c}
.st-closed{fill:#bdbdbd}
.st-listen{fill:#8d99ae}
.st-syn-sent{fill:#f2c14e}
.st-syn-received{fill:#f29e4c}
.st-established{fill:#4caf50}
.st-fin-wait-1{fill:#4fc3f7}
.st-fin-wait-2{fill:#0288d1}
.st-close-wait{fill:#ba68c8}
.st-closing{fill:#f06292}
.st-last-ack{fill:#7e57c2}
.st-time-wait{fill:#78909c}
";
