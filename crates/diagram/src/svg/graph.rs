//! Static SVG of the RFC 9293 state diagram, optionally with one side's position on it.

use super::escape::{esc, N};
use super::{points, style, text};
use crate::states::{GraphFrame, StateGraph};
use crate::Lang;
use alloc::string::String;
use core::fmt::Write;

const CSS: &str = "
.bg{fill:#fff}
text{font-size:11px;fill:#222}
.state rect{fill:#f4f4f4;stroke:#444;stroke-width:1.2}
.state text{font-size:12px;font-weight:600}
.state.current rect{fill:#ffe9a8;stroke:#000;stroke-width:2.5}
.edge polyline{fill:none;stroke:#777;stroke-width:1.2}
.edge polygon{fill:#777}
.edge.extra polyline{stroke-dasharray:5 3}
.edge.taken polyline{stroke:#d55e00;stroke-width:3}
.edge.taken polygon{fill:#d55e00}
.edge.taken text{font-weight:600;fill:#000}
";

/// The state diagram as a self-contained SVG; with `at`, the current state's box and the
/// last transition's edge are highlighted (class `current` / `taken`, plus a thicker
/// outline and stroke, so colour is not the only cue).
pub fn state_graph_svg(graph: &StateGraph, at: Option<&GraphFrame>, lang: Lang) -> String {
    let mut s = String::with_capacity(16_384);
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" lang=\"{}\" font-family=\"{}\">",
        lang.tag(),
        esc(style::FONT_STACK),
        w = N(graph.width),
        h = N(graph.height),
    );
    let title = crate::narrate::text(crate::narrate::Key::GraphTitle, lang);
    let _ = writeln!(s, "<title>{}</title>", esc(title));
    let _ = writeln!(s, "<style>{CSS}</style>");
    let _ = writeln!(
        s,
        "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        N(graph.width),
        N(graph.height)
    );
    let taken = at.and_then(|f| f.last.as_ref()).and_then(|t| t.edge);
    for (i, e) in graph.edges.iter().enumerate() {
        let class = if taken == Some(i) {
            alloc::format!("{} taken", e.class)
        } else {
            e.class.clone()
        };
        let _ = write!(s, "<g class=\"{}\"><polyline points=\"", esc(&class));
        points(&mut s, &e.points);
        s.push_str("\"/><polygon points=\"");
        points(&mut s, &e.head);
        s.push_str("\"/>");
        for l in &e.labels {
            text(&mut s, l, None);
        }
        s.push_str("</g>\n");
    }
    let current = at.map(|f| f.current_box);
    for (i, b) in graph.boxes.iter().enumerate() {
        let class = if current == Some(i) {
            alloc::format!("{} current", b.class)
        } else {
            b.class.clone()
        };
        let _ = write!(
            s,
            "<g class=\"{}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
            esc(&class),
            N(b.x),
            N(b.y),
            N(b.w),
            N(b.h)
        );
        text(&mut s, &b.label, None);
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}
