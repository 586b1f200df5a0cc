//! The static SVG: snapshots of a small trace (a lost SYN, its retransmission, a 60 s
//! TIME-WAIT break) in both languages, well-formedness, escaping, and Mermaid.
//!
//! The trace is a stored fixture (`tests/snapshots/syn-lost.trace.json`), so these snapshots
//! change only when the drawing does. To accept a new drawing:
//!
//! ```sh
//! SYNACK_UPDATE_SNAPSHOTS=1 cargo test -p synack-diagram --test svg
//! ```

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::PathBuf;
use synack_diagram::{ladder_svg, mermaid, Ladder, LadderOptions, Lang};
use synack_sim::Trace;

fn snapshots() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn fixture() -> Trace {
    let path = snapshots().join("syn-lost.trace.json");
    if std::env::var_os("SYNACK_UPDATE_SNAPSHOTS").is_some() && !path.exists() {
        std::fs::write(&path, common::trace("syn-lost").to_json().unwrap()).unwrap();
    }
    Trace::from_json(&std::fs::read_to_string(&path).expect("fixture trace"))
        .expect("fixture parses")
}

/// Compare with the stored snapshot; print a line diff and how to update on mismatch.
fn check_snapshot(name: &str, got: &str) {
    let path = snapshots().join(name);
    if std::env::var_os("SYNACK_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want == got {
        return;
    }
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let mut diff = String::new();
    let mut shown = 0;
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b && shown < 20 {
            diff.push_str(&format!(
                "line {}:\n  - {}\n  + {}\n",
                i + 1,
                a.unwrap_or(&"<none>"),
                b.unwrap_or(&"<none>")
            ));
            shown += 1;
        }
    }
    panic!(
        "{name} differs from tests/snapshots/{name} ({} vs {} lines):\n{diff}\nIf the new drawing is right, regenerate with:\n  SYNACK_UPDATE_SNAPSHOTS=1 cargo test -p synack-diagram --test svg",
        w.len(),
        g.len()
    );
}

/// A minimal XML check: tags balance, attributes are quoted, no raw `&` or `<` in text.
fn assert_well_formed(svg: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        assert!(!text.contains('>'), "stray > in text {text:?}");
        for (i, _) in text.match_indices('&') {
            let ent = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| ent.starts_with(e)),
                "raw & in {text:?}"
            );
        }
        let close = rest[open..].find('>').expect("unclosed tag") + open;
        let tag = &rest[open + 1..close];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "unbalanced quotes in <{tag}>"
        );
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap().to_string());
        }
        rest = &rest[close + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn the_svg_of_a_small_trace_matches_its_snapshots() {
    let trace = fixture();
    for (lang, name) in [(Lang::EN, "syn-lost.en.svg"), (zh(), "syn-lost.zh.svg")] {
        let svg = ladder_svg(&trace, &LadderOptions::default(), lang);
        assert_well_formed(&svg);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
        assert!(svg.contains("<title>") && svg.contains("<desc>") && svg.contains("font-family="));
        assert!(
            svg.contains("class=\"seg syn retx from-c\""),
            "the retransmission is dashed by class"
        );
        assert!(svg.contains("class=\"cross\""), "the loss is a ✕");
        assert!(svg.contains("… 60 s …"), "TIME-WAIT is an axis break");
        check_snapshot(name, &svg);
    }
}

#[test]
fn the_svg_is_the_ladder_geometry() {
    let trace = fixture();
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    let svg = synack_diagram::ladder_svg_of(&ladder, &trace);
    assert_eq!(svg, ladder_svg(&trace, &LadderOptions::default(), Lang::EN));
    assert_eq!(svg.matches("<g class=\"seg ").count(), ladder.arrows.len());
    assert_eq!(
        svg.matches("<rect class=\"band ").count(),
        ladder.bands.len()
    );
    assert_eq!(
        svg.matches("<g class=\"break\">").count(),
        ladder.breaks.len()
    );
}

#[test]
fn text_from_the_trace_is_escaped() {
    let mut trace = fixture();
    trace.scenario = "<script>alert('x')</script> & \"more\"".into();
    let svg = ladder_svg(&trace, &LadderOptions::default(), Lang::EN);
    assert_well_formed(&svg);
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"));
}

#[test]
fn every_preset_draws_well_formed_svg() {
    for (name, trace) in common::all() {
        for lang in [Lang::EN, zh()] {
            let svg = ladder_svg(&trace, &LadderOptions::default(), lang);
            if let Ok(dir) = std::env::var("SYNACK_DIAGRAM_DUMP") {
                std::fs::write(format!("{dir}/{name}.{}.svg", lang.tag()), &svg).unwrap();
            }
            assert_well_formed(&svg);
            for bad in ["NaN", "\"inf", " inf", ",inf", "-inf"] {
                assert!(!svg.contains(bad), "{name}: {bad}");
            }
        }
    }
}

#[test]
fn mermaid_has_a_message_per_segment_and_a_note_per_state_change() {
    let trace = fixture();
    let m = mermaid(&trace);
    assert!(m.starts_with("sequenceDiagram\n    participant C as Client 10.0.0.1:40001\n"));
    let messages = m
        .lines()
        .filter(|l| l.contains("->>") || l.contains("-x"))
        .count();
    assert_eq!(messages, trace.segments.len());
    assert!(m.contains("    C-xS: SYN seq=0 (lost)\n"), "{m}");
    assert!(
        m.contains("    C-->>S: SYN seq=0 (retransmission)\n"),
        "{m}"
    );
    assert!(m.contains("    Note over C: SYN-SENT\n"));
    assert!(!m.contains(';'));
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}
