//! The pseudo-locale (`qps`, every English text wrapped as `⟦…⟧` with accented vowels; see
//! `synack_text::pseudo`) shows any text that is not looked up: every word the diagram writes
//! — narration, whys, the ladder's SVG, the state diagram, the TCB rows — and the header
//! inspector's sentences are inside brackets,
//! except the protocol's own names (SYN, ESTABLISHED, SND.UNA, seq=), which are not translated.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_core::Instant;
use synack_diagram::{state_graph_svg, Ladder, LadderOptions, Lang, StateGraph};
use synack_sim::Side;
use synack_text::explain::{segment_fields, Context, FieldKey};

fn qps() -> Lang {
    Lang::load(include_str!("../../../web/lang/qps.txt")).unwrap()
}

/// Words outside every `⟦…⟧` that look like English (two ASCII letters or more, one of them
/// lowercase, no digit: `0xeba7` is a number); `allow` lists the ones that are not texts (SVG markup, units of a number).
fn untranslated(s: &str, allow: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        let w = core::mem::take(word);
        let english = w.len() >= 2
            && w.chars().any(|c| c.is_ascii_lowercase())
            && !w.chars().any(|c| c.is_ascii_digit());
        if english && !allow.contains(&&*w) {
            out.push(w);
        }
    };
    for c in s.chars() {
        match c {
            '⟦' => {
                flush(&mut word);
                depth += 1;
            }
            '⟧' => {
                word.clear();
                depth = depth.saturating_sub(1);
            }
            c if depth == 0 && c.is_ascii_alphanumeric() => word.push(c),
            _ => flush(&mut word),
        }
    }
    flush(&mut word);
    out
}

/// The visible text of an SVG: what is between `>` and `<`, and `aria-label`s and titles.
fn svg_text(svg: &str) -> String {
    let mut out = String::new();
    for piece in svg.split('<') {
        if let Some((tag, text)) = piece.split_once('>') {
            if !tag.starts_with("style") {
                out.push_str(text);
            }
            out.push('\n');
            if let Some(at) = tag.find("aria-label=\"") {
                let rest = &tag[at + 12..];
                out.push_str(rest.split('"').next().unwrap_or(""));
                out.push('\n');
            }
        }
    }
    out
}

/// Not texts: units a number is written with (`850 µs`), and the names of header fields in a
/// segment's label and an option's value (`seq=1 ack=1 len=5`, `TS val=1 ecr=0`), as tcpdump
/// writes them in every language.
const UNITS: &[&str] = &["ms", "µs", "seq", "ack", "len", "win", "val", "ecr"];

#[test]
fn every_text_of_every_preset_is_looked_up() {
    let lang = qps();
    assert_eq!(lang.tag(), "qps-ploc");
    let graph = StateGraph::figure5_in(lang);
    for (name, trace) in common::all() {
        let opts = LadderOptions {
            lang,
            ..LadderOptions::default()
        };
        let ladder = Ladder::new(&trace, &opts);
        for i in 0..ladder.steps.len() {
            let t = ladder.narrate(&trace, i, lang);
            let whys: Vec<String> = t
                .whys
                .iter()
                .map(|w| format!("{} {}", w.title, w.body))
                .collect();
            for s in t.sentences.iter().chain(&whys) {
                let bad = untranslated(s, UNITS);
                assert!(bad.is_empty(), "{name} step {i}: {bad:?} in {s:?}");
            }
        }
        for r in &trace.segments {
            for shift in [None, Some(0)] {
                let ctx = Context {
                    window_shift: shift,
                    ..Context::new(lang)
                };
                for f in segment_fields(&r.segment, &ctx) {
                    // The payload's value is the application's bytes, not a text.
                    let display = match f.key {
                        FieldKey::Payload => "",
                        _ => f.display.as_str(),
                    };
                    let all = format!("{} {display} {} {}", f.name, f.what, f.means);
                    let bad = untranslated(&all, UNITS);
                    assert!(
                        bad.is_empty(),
                        "{name} segment {}: {bad:?} in {all:?}",
                        r.id
                    );
                }
            }
        }
        let svg = svg_text(&synack_diagram::ladder_svg_of(&ladder, &trace));
        let bad = untranslated(&svg, UNITS);
        assert!(bad.is_empty(), "{name} ladder: {bad:?}");
        for side in [Side::Client, Side::Server] {
            let frame = graph.frame(&ladder.timeline, side, trace.end, lang);
            let svg = svg_text(&state_graph_svg(&graph, Some(&frame), lang));
            let bad = untranslated(&svg, UNITS);
            assert!(bad.is_empty(), "{name} {side:?} state diagram: {bad:?}");
            for at in [Instant(0), trace.end] {
                for row in ladder.tcb_rows(side, at, lang).unwrap_or_default() {
                    let bad = untranslated(row.hint, UNITS);
                    assert!(bad.is_empty(), "{name} TCB {}: {bad:?}", row.name);
                }
            }
        }
    }
}

#[test]
fn the_checker_finds_an_english_word() {
    assert_eq!(untranslated("⟦Thé clíént⟧ sends SYN", &[]), ["sends"]);
    assert!(untranslated("⟦á ⟦néstéd⟧ ís fíné⟧ SYN-SENT 850 µs 0xeba7", UNITS).is_empty());
}
