//! The exported SVG looks like the page: its colours and type sizes are the page's
//! stylesheet's (web/style.css), so a change to one that forgets the other fails here.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_diagram::geom::font;
use synack_diagram::svg::style::{PALETTE, STATES};

const PAGE: &str = include_str!("../../../web/style.css");

/// The value of the custom property `--name` in the page's first (light) `:root` block.
fn var(name: &str) -> String {
    let root = PAGE.split(":root {").nth(1).unwrap();
    let root = &root[..root.find('}').unwrap()];
    let key = format!("--{name}:");
    let at = root
        .find(&key)
        .unwrap_or_else(|| panic!("--{name} not in the page's :root"));
    let rest = &root[at + key.len()..];
    rest[..rest.find(';').unwrap()].trim().to_string()
}

/// The `font-size` of the page's first rule for `selector`, in px.
fn font_size(selector: &str) -> f32 {
    let at = PAGE
        .find(&format!("\n{selector} {{"))
        .unwrap_or_else(|| panic!("no rule {selector} in the page's stylesheet"));
    let rule = &PAGE[at..];
    let rule = &rule[..rule.find('}').unwrap()];
    let fs = &rule[rule
        .find("font-size:")
        .unwrap_or_else(|| panic!("{selector}: no font-size"))
        + 10..];
    fs.trim_start().split("px").next().unwrap().parse().unwrap()
}

#[test]
fn the_export_has_the_page_colours() {
    for (name, colour) in PALETTE {
        assert_eq!(var(name), *colour, "--{name}");
    }
    for (state, colour) in STATES {
        assert_eq!(var(&format!("st-{state}")), *colour, "--st-{state}");
    }
}

#[test]
fn the_layout_measures_text_at_the_page_sizes() {
    assert_eq!(font_size(".seg .seg-label"), font::SEG);
    assert_eq!(font_size(".seg .seg-tag"), font::TAG);
    assert_eq!(font_size(".band-label"), font::BAND);
    assert_eq!(font_size(".tick-label"), font::TICK);
    assert_eq!(font_size(".break-label"), font::BREAK);
    assert_eq!(font_size(".timer-label"), font::TIMER);
}

#[test]
fn the_export_stylesheet_has_the_palette() {
    let css = synack_diagram::svg::style::CSS;
    let colour = |name: &str| PALETTE.iter().find(|(n, _)| *n == name).unwrap().1;
    for rule in [
        format!(".bg{{fill:{}}}", colour("bg")),
        format!(".from-c polyline{{stroke:{}}}", colour("c")),
        format!(".from-c polygon,.from-c text{{fill:{}}}", colour("c")),
        format!(".from-s polyline{{stroke:{}}}", colour("s")),
        format!(".from-s polygon,.from-s text{{fill:{}}}", colour("s")),
        format!(".lost polyline{{stroke:{}}}", colour("lost")),
        format!(".timer rect{{fill:{}}}", colour("timer")),
        format!(
            ".tm-time-wait rect,.tm-fin-wait-2 rect{{fill:{}}}",
            colour("tw")
        ),
        format!(".break rect{{fill:{}}}", colour("break")),
        format!(".tick line{{stroke:{};", colour("line")),
    ] {
        assert!(css.contains(&rule), "the export's stylesheet lacks {rule}");
    }
    for (state, fill) in STATES {
        let rule = format!(".st-{state}{{fill:{fill}}}");
        assert!(css.contains(&rule), "the export's stylesheet lacks {rule}");
    }
}

#[test]
fn the_export_sets_the_same_sizes() {
    let css = synack_diagram::svg::style::CSS;
    for (rule, px) in [
        (".seg text{", font::SEG),
        (".seg .tag{", font::TAG),
        (".band-name{", font::BAND),
        (".tick text{", font::TICK),
        (".break text{", font::BREAK),
        (".timer text{", font::TIMER),
    ] {
        let at = css.find(rule).unwrap_or_else(|| panic!("{rule}"));
        assert!(
            css[at..].starts_with(&format!("{rule}font-size:{px}px")),
            "{rule} {px}"
        );
    }
}
