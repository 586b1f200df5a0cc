//! The animated SVG: well-formed XML for every preset and language, nothing that a README
//! or an `<img>` would refuse (script, foreignObject, external references, event handlers),
//! the size bound of issue 17, the timing of a known segment against its trace, and the
//! reduced-motion rule.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_diagram::{
    ladder_animated_svg, ladder_animated_svg_of, AnimOptions, Ladder, LadderOptions, Lang, Theme,
};
use synack_sim::Fate;

/// Parses `svg` and checks what an image-only host allows.
fn assert_safe(name: &str, svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    let kids: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .take(3)
        .collect();
    assert_eq!(kids, ["title", "desc", "style"], "{name}");
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            ![
                "script",
                "foreignObject",
                "iframe",
                "image",
                "a",
                "use",
                "animate",
                "set"
            ]
            .contains(&tag),
            "{name}: <{tag}>"
        );
        for a in n.attributes() {
            let (k, v) = (a.name(), a.value());
            assert!(!k.starts_with("on"), "{name}: event handler {k}");
            assert!(k != "href", "{name}: href on <{tag}>");
            if v.contains("url(") {
                assert!(v.starts_with("url(#"), "{name}: {k}={v}");
            }
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    for bad in ["@import", "url(", "http:", "https:", "<script"] {
        assert!(!style.contains(bad), "{name}: {bad} in the stylesheet");
    }
    for bad in ["NaN", "\"inf", " inf", ",inf", "-inf", "(inf"] {
        assert!(!svg.contains(bad), "{name}: {bad}");
    }
}

#[test]
fn every_preset_in_both_languages_is_well_formed_and_self_contained() {
    for (name, trace) in common::all() {
        for lang in [Lang::EN, zh()] {
            let svg = ladder_animated_svg(
                &trace,
                &LadderOptions::default(),
                lang,
                &AnimOptions::default(),
            );
            if let Ok(dir) = std::env::var("SYNACK_DIAGRAM_DUMP") {
                std::fs::write(format!("{dir}/{name}.{}.animated.svg", lang.tag()), &svg).unwrap();
            }
            assert_safe(name, &svg);
            assert!(svg.contains(&format!(" lang=\"{}\" ", lang.tag())));
        }
    }
}

#[test]
fn every_ladder_of_at_most_ten_segments_weighs_at_most_30_kb() {
    let mut checked = Vec::new();
    for (name, trace) in common::all() {
        if trace.segments.len() > 10 {
            continue;
        }
        for lang in [Lang::EN, zh()] {
            // The default theme (auto) carries both palettes: the largest.
            let svg = ladder_animated_svg(
                &trace,
                &LadderOptions::default(),
                lang,
                &AnimOptions::default(),
            );
            assert!(
                svg.len() <= 30_000,
                "{name} ({} segments), {lang:?}: {} bytes",
                trace.segments.len(),
                svg.len()
            );
        }
        checked.push(name);
    }
    // The presets that once were over (issue 17), and the README's picture.
    for name in [
        "keepalive",
        "time-wait-guard",
        "handshake-and-close",
        "nagle",
    ] {
        assert!(checked.contains(&name), "{name} not checked: {checked:?}");
    }
}

/// The numbers of a `translate(X Y)`.
fn translate(attr: &str) -> (f32, f32) {
    let inner = attr
        .strip_prefix("translate(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap();
    let mut it = inner.split(' ').map(|v| v.parse::<f32>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

#[test]
fn the_breaks_zigzags_are_the_static_exports_drawn_by_one_pattern() {
    let trace = common::trace("keepalive");
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    assert!(ladder.breaks.len() >= 3, "keepalive idles between probes");
    let svg = ladder_animated_svg_of(&ladder, &trace, &AnimOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // The tile: one period of the zig-zag, from a peak (y = 1) to a trough (y = 7) and back.
    let tile = doc
        .descendants()
        .find(|n| n.has_tag_name("pattern"))
        .expect("a pattern");
    let (pw, ph) = (
        tile.attribute("width").unwrap().parse::<f32>().unwrap(),
        tile.attribute("height").unwrap().parse::<f32>().unwrap(),
    );
    let line = tile.children().find(|n| n.is_element()).unwrap();
    let corners: Vec<(f32, f32)> = line
        .attribute("points")
        .unwrap()
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    // Where the tile's polyline is at x (0..period).
    let tile_y = |x: f32| {
        let seg = corners
            .windows(2)
            .find(|w| x >= w[0].0 - 1e-3 && x <= w[1].0 + 1e-3)
            .unwrap();
        let f = (x - seg[0].0) / (seg[1].0 - seg[0].0);
        seg[0].1 + f * (seg[1].1 - seg[0].1)
    };
    let strips: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill").is_some_and(|f| f.contains("z)")))
        .collect();
    let zigzags: Vec<_> = ladder.breaks.iter().flat_map(|b| b.zigzag.iter()).collect();
    assert_eq!(strips.len(), zigzags.len());
    for (strip, z) in strips.iter().zip(zigzags) {
        let (x0, y0) = translate(strip.attribute("transform").unwrap());
        let w: f32 = strip.attribute("width").unwrap().parse().unwrap();
        let h: f32 = strip.attribute("height").unwrap().parse().unwrap();
        assert!((h - ph).abs() < 0.01);
        let (first, last) = (z.first().unwrap(), z.last().unwrap());
        assert!((x0 - first.x).abs() < 0.06 && (x0 + w - last.x).abs() < 0.06);
        // Every corner of the static polyline (but its last, cut at the edge) lies on the
        // tiled pattern.
        for p in &z[..z.len() - 1] {
            let x = (p.x - x0).rem_euclid(pw);
            let x = if x > pw - 0.01 { 0.0 } else { x };
            assert!(
                (y0 + tile_y(x) - p.y).abs() < 0.06,
                "({}, {}) vs the pattern's {}",
                p.x,
                p.y,
                y0 + tile_y(x)
            );
        }
    }
}

/// `(from %, to %)` of the packet keyframes named `name`: its first and third moments.
fn keyframe_span(svg: &str, name: &str) -> (f64, f64) {
    let rule = format!("@keyframes {name}{{");
    let at = svg.find(&rule).unwrap_or_else(|| panic!("no {rule}"));
    let body = &svg[at + rule.len()..];
    let body = &body[..body.find("}\n").unwrap()];
    // A%{...}A'%{opacity:1}B%{...}
    let pcts: Vec<f64> = body
        .split(['{', '}', ','])
        .filter_map(|p| p.strip_suffix('%'))
        .filter_map(|p| p.parse().ok())
        .collect();
    (pcts[0], pcts[2])
}

#[test]
fn a_packet_travels_its_arrow_at_the_page_speed_and_its_trace_times() {
    let trace = common::trace("handshake-and-close");
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    let anim = AnimOptions::default();
    let svg = ladder_animated_svg_of(&ladder, &trace, &anim);
    let id = svg
        .split("id=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let total: f64 = svg
        .split("animation-duration:")
        .nth(1)
        .and_then(|s| s.split('s').next())
        .and_then(|s| s.parse().ok())
        .unwrap();
    // The SYN: the first dot.
    let syn = &trace.segments[0];
    assert!(syn.segment.flags.to_string().contains("SYN"));
    let Fate::Arrived { at } = syn.fate else {
        panic!("the SYN arrives")
    };
    let dots = &svg[svg.find("<g class=\"dots\">").unwrap()..];
    let class = dots
        .split("<circle class=\"dot syn ")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    let n = class.strip_prefix('k').unwrap();
    let (from, to) = keyframe_span(&svg, &format!("{id}{n}"));
    // It leaves when the lead-in ends (the SYN is the first thing that happens) ...
    let leave_s = from / 100.0 * total;
    assert!((leave_s - f64::from(anim.lead_s)).abs() < 0.01, "{leave_s}");
    // ... and travels for its transit time on the ladder's scale at 60 units per second.
    let transit_us = at.0 - syn.sent_at.0;
    let want_s = transit_us as f64 * ladder.axis.px_per_us / f64::from(anim.speed);
    let got_s = (to - from) / 100.0 * total;
    assert!(
        (got_s - want_s).abs() < 0.01,
        "{got_s} s vs {want_s} s for {transit_us} µs"
    );
    // 50 ms at the default scale (72 units per typical transit): 1.2 s.
    assert!((want_s - 1.2).abs() < 0.01, "{want_s}");
}

#[test]
fn reduced_motion_stops_everything_and_themes_choose_colours() {
    let trace = common::trace("syn-lost");
    let svg = |theme| {
        ladder_animated_svg(
            &trace,
            &LadderOptions::default(),
            Lang::EN,
            &AnimOptions {
                theme,
                ..AnimOptions::default()
            },
        )
    };
    let auto = svg(Theme::Auto);
    let id = auto
        .split("id=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert!(auto.contains(&format!(
        "@media (prefers-reduced-motion:reduce){{#{id} *{{animation:none!important}}}}"
    )));
    assert!(auto.contains("@media (prefers-color-scheme:dark)"));
    assert!(auto.contains("--bg:#fff") && auto.contains("--bg:#16181d"));
    let light = svg(Theme::Light);
    assert!(!light.contains("prefers-color-scheme") && !light.contains("--bg:#16181d"));
    let dark = svg(Theme::Dark);
    assert!(!dark.contains("prefers-color-scheme") && !dark.contains("--bg:#fff"));
    // The loss is drawn (its ✕), a caption per step, the last one shown when nothing moves.
    assert!(auto.contains("class=\"cross\""));
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    assert_eq!(
        auto.matches("<g class=\"cap\">").count(),
        ladder.steps.len()
    );
}

#[test]
fn absolute_numbers_and_chinese_reach_the_drawing() {
    let trace = common::trace("handshake-and-close");
    let isn = trace.segments[0].segment.seq.to_string();
    let abs = LadderOptions {
        seq: synack_diagram::SeqMode::Absolute,
        ..LadderOptions::default()
    };
    let svg = ladder_animated_svg(&trace, &abs, Lang::EN, &AnimOptions::default());
    assert!(
        svg.contains(&format!("SYN seq={isn}")),
        "absolute ISN {isn}"
    );
    let zh = ladder_animated_svg(
        &trace,
        &LadderOptions::default(),
        zh(),
        &AnimOptions::default(),
    );
    assert!(zh.contains("客户端"));
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `cargo run -p synack-langpack`).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}
