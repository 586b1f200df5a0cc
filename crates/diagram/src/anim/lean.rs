//! What keeps the animated drawing small (issue 17: a 10-segment ladder in at most 30 KB):
//! the axis breaks' zig-zags drawn once, as a pattern, instead of a hundred points each;
//! only the stylesheet rules and colours the drawing uses; text escaped only where XML needs
//! it.

use crate::svg::{self, esc, N};
use crate::Ladder;
use alloc::collections::BTreeSet;
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

/// The class names used in `body` (every `class="…"` attribute's words).
pub fn classes_used(body: &str) -> BTreeSet<&str> {
    let mut set = BTreeSet::new();
    for part in body.split("class=\"").skip(1) {
        let value = part.split('"').next().unwrap_or("");
        set.extend(value.split_ascii_whitespace());
    }
    set
}

/// Whether a selector (`#P .seg .tag`, `#P text`, `#P .timer.left`) can match in a drawing
/// whose classes are `used`: all its class names are.
fn selector_live(sel: &str, used: &BTreeSet<&str>) -> bool {
    sel.split([' ', '>'])
        .flat_map(|compound| compound.split('.').skip(1))
        .all(|c| used.contains(c))
}

/// `rules` (one rule a line, `SELECTORS{DECLARATIONS}`) without the selectors that cannot
/// match and the rules left with none. Lines that are not a plain rule (an `@media` block)
/// stay as they are.
pub fn prune_rules(rules: &str, used: &BTreeSet<&str>) -> String {
    let mut out = String::with_capacity(rules.len());
    for line in rules.lines().filter(|l| !l.is_empty()) {
        let plain = !line.starts_with('@');
        let (sels, decl) = match line.find('{') {
            Some(i) if plain => (line.get(..i).unwrap_or(""), line.get(i..).unwrap_or("")),
            _ => {
                out.push_str(line);
                out.push('\n');
                continue;
            }
        };
        let live: alloc::vec::Vec<&str> =
            sels.split(',').filter(|s| selector_live(s, used)).collect();
        if !live.is_empty() {
            out.push_str(&live.join(","));
            out.push_str(decl);
            out.push('\n');
        }
    }
    out
}

/// `vars` (`--name:value;…`) without the properties `rules` never reads (`var(--name)`).
pub fn prune_vars(vars: &str, rules: &str) -> String {
    vars.split(';')
        .filter(|kv| {
            kv.split(':')
                .next()
                .is_some_and(|name| rules.contains(&alloc::format!("var({name})")))
        })
        .collect::<alloc::vec::Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rules_and_colours_a_drawing_uses_are_kept() {
        let body = "<g class=\"seg syn k3\"><text class=\"tag\">x</text></g><rect class=\"band st-listen\"/>";
        let used = classes_used(body);
        assert!(used.contains("syn") && used.contains("k3") && used.contains("st-listen"));
        let rules = "#P text{fill:var(--fg)}\n#P .seg .tag{font-style:italic}\n#P .st-closed,#P .st-listen{fill:var(--s0)}\n#P .st-time-wait{fill:var(--s4)}\n#P .timer.left{opacity:0}\n@media (x){#P *{a:b}}\n";
        let kept = prune_rules(rules, &used);
        assert_eq!(
            kept,
            "#P text{fill:var(--fg)}\n#P .seg .tag{font-style:italic}\n#P .st-listen{fill:var(--s0)}\n@media (x){#P *{a:b}}\n"
        );
        assert_eq!(
            prune_vars("--fg:#222;--s0:#eee;--s4:#fff", &kept),
            "--fg:#222;--s0:#eee"
        );
    }

    #[test]
    fn quotes_stay_plain_but_markup_is_escaped() {
        assert_eq!(esc_text("a's \"b\" <c> & d"), "a's \"b\" &lt;c&gt; &amp; d");
        assert_eq!(esc_attr("'Segoe UI', \"x\""), "'Segoe UI', &quot;x&quot;");
    }
}
