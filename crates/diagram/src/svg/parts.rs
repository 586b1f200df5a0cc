//! The pieces of a ladder drawing, each written as SVG elements: shared by the static export
//! and the animated one (`crate::anim`), so both draw exactly the same shapes.

use super::escape::{esc, N};
use super::{points, text};
use crate::{Arrow, ArrowFate, Ladder};
use alloc::string::String;
use core::fmt::Write;

/// The axis ticks, each a faint gridline with its time label.
pub(crate) fn ticks(s: &mut String, ladder: &Ladder) {
    for t in &ladder.ticks {
        let _ = write!(
            s,
            "<g class=\"tick\"><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
            N(t.x0),
            N(t.x1),
            y = N(t.y)
        );
        text(s, &t.label, None);
        s.push_str("</g>\n");
    }
}

/// Both lanes with their titles.
pub(crate) fn lanes(s: &mut String, ladder: &Ladder) {
    for l in &ladder.lanes {
        let _ = writeln!(
            s,
            "<line class=\"lane\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>",
            N(l.y0),
            N(l.y1),
            x = N(l.x)
        );
        let title = match l.side {
            synack_sim::Side::Client => "lane-title c",
            synack_sim::Side::Server => "lane-title s",
        };
        text(s, &l.title, Some(title));
        text(s, &l.subtitle, Some("lane-sub"));
    }
}

/// The state bands with their names.
pub(crate) fn bands(s: &mut String, ladder: &Ladder) {
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
        text(s, &b.label, Some("band-name"));
        s.push('\n');
    }
}

/// The timer bars, with a deadline mark where a bar stopped early.
pub(crate) fn timers(s: &mut String, ladder: &Ladder) {
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
            text(s, &b.label, None);
        }
        s.push_str("</g>\n");
    }
}

/// The collapsed flights: each a band drawn with a wide stroke (a flight sent and received
/// at single instants is a degenerate quadrilateral: one line). Styled inline, so that the
/// stylesheet (and every plain ladder's bytes) stays as it was.
pub(crate) fn flights(s: &mut String, ladder: &Ladder) {
    for b in &ladder.flights {
        let _ = write!(
            s,
            "<g class=\"{}\"><title>{}</title><polygon points=\"",
            esc(&b.class),
            esc(&b.label.text)
        );
        points(s, &b.polygon);
        s.push_str("\" stroke-width=\"7\" stroke-linejoin=\"round\" fill-opacity=\"0.3\" stroke-opacity=\"0.45\"/>");
        if b.label_shown {
            text(s, &b.label, None);
        }
        s.push_str("</g>\n");
    }
}

/// One arrow: its line, head or ✕, and (with `labels`) its label and tag; a label with no
/// room is the arrow's tooltip.
pub(crate) fn arrow(s: &mut String, a: &Arrow, labels: bool) {
    let from = match a.from {
        synack_sim::Side::Client => "from-c",
        synack_sim::Side::Server => "from-s",
    };
    let _ = write!(s, "<g class=\"{} {from}\">", esc(&a.class));
    if !a.label_shown || a.estimated.is_some() {
        // No room for the label: it becomes the arrow's tooltip (and says which time is
        // estimated, if one is).
        let _ = write!(s, "<title>{}", esc(&a.label.text));
        if let Some(e) = &a.estimated {
            let _ = write!(s, " ({})", esc(e.title));
        }
        s.push_str("</title>");
    }
    s.push_str("<polyline points=\"");
    points(s, &a.points);
    s.push_str("\"/>");
    if let Some(h) = &a.head {
        s.push_str("<polygon points=\"");
        points(s, h);
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
    if let Some(e) = &a.estimated {
        s.push_str("<polyline class=\"est\" points=\"");
        points(s, &e.line);
        s.push_str("\"/>");
        text(s, &e.mark, Some("est-mark"));
    }
    if labels {
        arrow_labels(s, a);
    }
    s.push_str("</g>\n");
}

/// An arrow's label and tag, when the layout found room for them.
pub(crate) fn arrow_labels(s: &mut String, a: &Arrow) {
    if a.label_shown {
        text(s, &a.label, None);
        if let Some(more) = &a.label_more {
            text(s, more, None);
        }
        if let Some(tag) = &a.tag {
            text(s, tag, Some("tag"));
        }
    }
}

/// The axis breaks: a pale band, two zig-zags and "… 59.7 s …".
pub(crate) fn breaks(s: &mut String, ladder: &Ladder) {
    for b in &ladder.breaks {
        let _ = write!(
            s,
            "<g class=\"break\"><rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            N(b.y0),
            N(ladder.width),
            N((b.y1 - b.y0).max(0.0))
        );
        for z in &b.zigzag {
            s.push_str("<polyline points=\"");
            points(s, z);
            s.push_str("\"/>");
        }
        text(s, &b.label, None);
        s.push_str("</g>\n");
    }
}
