//! What keeps the animated drawing small (issue 17: a 10-segment ladder in at most 30 KB):
//! the axis breaks' zig-zags drawn once, as a pattern, instead of a hundred points each;
//! text escaped only where XML needs it.

use crate::svg::{self, esc, N};
use crate::Ladder;
use alloc::string::String;
use core::fmt::Write;

/// Half the zig-zag's height, and its period (`ladder::build_breaks` draws the same: points
/// 6 apart, alternately 3 above and 3 below the line).
const ZIG_H: f32 = 3.0;
const ZIG_P: f32 = 12.0;

/// Text for an XML text node or a double-quoted attribute: `svg::esc` without the escapes
/// of quotes, which neither needs (`The server's` instead of `The server&#39;s`).
pub fn esc_text(s: &str) -> String {
    esc(s).replace("&#39;", "'").replace("&quot;", "\"")
}

/// The same for a double-quoted attribute (only `'` is left unescaped).
pub fn esc_attr(s: &str) -> String {
    esc(s).replace("&#39;", "'")
}

/// The axis breaks: each zig-zag is a strip filled with one shared pattern (`#IDz`) whose
/// tile is one period of the static export's polyline; the label as there.
pub fn breaks(s: &mut String, id: &str, ladder: &Ladder) {
    if ladder.breaks.is_empty() {
        return;
    }
    // The tile: one period, a pixel of room above and below for the stroke.
    let _ = writeln!(
        s,
        "<defs><pattern id=\"{id}z\" width=\"{p}\" height=\"{h}\" patternUnits=\"userSpaceOnUse\"><polyline class=\"zz\" points=\"0,1 {},{} {p},1\"/></pattern></defs>",
        N(ZIG_P / 2.0),
        N(2.0 * ZIG_H + 1.0),
        p = N(ZIG_P),
        h = N(2.0 * ZIG_H + 2.0),
    );
    for b in &ladder.breaks {
        s.push_str("<g class=\"break\">");
        for z in &b.zigzag {
            let (Some(first), Some(last)) = (z.first(), z.last()) else {
                continue;
            };
            // The polyline's middle line is its last point's y; the strip starts a pixel
            // above its peaks, where the tile does.
            let _ = write!(
                s,
                "<rect transform=\"translate({} {})\" width=\"{}\" height=\"{}\" fill=\"url(#{id}z)\"/>",
                N(first.x),
                N(last.y - ZIG_H - 1.0),
                N(last.x - first.x),
                N(2.0 * ZIG_H + 2.0),
            );
        }
        svg::text(s, &b.label, None);
        s.push_str("</g>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_stay_plain_but_markup_is_escaped() {
        assert_eq!(esc_text("a's \"b\" <c> & d"), "a's \"b\" &lt;c&gt; &amp; d");
        assert_eq!(esc_attr("'Segoe UI', \"x\""), "'Segoe UI', &quot;x&quot;");
    }
}
