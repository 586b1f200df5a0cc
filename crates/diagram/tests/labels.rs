//! No two labels of a ladder overlap — arrow labels, tags, state names, timer labels, time
//! ticks, axis breaks — in every preset, with relative and absolute sequence numbers, in
//! English and Chinese, and with segments dropped as the web app's "what if" does; and
//! tick labels stay clear of the axis breaks' grey bands.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_diagram::{ArrowFate, LabelOf, Ladder, LadderOptions, Lang, SeqMode};
use synack_sim::{preset, presets, run, Config, SegmentRef, Side, Trace};

fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

fn describe(l: &Ladder, of: LabelOf) -> String {
    let text = match of {
        LabelOf::Arrow(i) => l.arrows[i as usize].label_text(),
        LabelOf::Tag(i) => l.arrows[i as usize].tag.as_ref().unwrap().text.clone(),
        LabelOf::Band(i) => l.bands[i as usize].label.text.clone(),
        LabelOf::Timer(i) => l.timers[i as usize].label.text.clone(),
        LabelOf::Tick(i) => l.ticks[i as usize].label.text.clone(),
        LabelOf::Break(i) => l.breaks[i as usize].label.text.clone(),
        LabelOf::Lane(i) => l.lanes[i as usize].title.text.clone(),
        LabelOf::Flight(i) => l.flights[i as usize].label.text.clone(),
    };
    format!("{of:?} {text:?}")
}

fn overlaps(what: &str, l: &Ladder) -> Vec<String> {
    l.label_overlaps(0.5)
        .into_iter()
        .map(|(a, b)| format!("{what}: {} over {}", describe(l, a), describe(l, b)))
        .collect()
}

fn options(seq: SeqMode, lang: Lang) -> LadderOptions {
    LadderOptions {
        seq,
        lang,
        ..LadderOptions::default()
    }
}

#[test]
fn no_two_labels_overlap_in_any_preset() {
    let zh = zh();
    let mut bad = Vec::new();
    for (name, trace) in common::all() {
        for seq in [SeqMode::Relative, SeqMode::Absolute] {
            for lang in [Lang::EN, zh] {
                let l = Ladder::new(&trace, &options(seq, lang));
                bad.extend(overlaps(&format!("{name} {seq:?} {}", lang.tag()), &l));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} overlaps:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// The presets small enough to read every label (a bulk transfer's bursts are tooltips).
fn small() -> Vec<(&'static str, Trace)> {
    common::all()
        .into_iter()
        .filter(|(_, t)| t.segments.len() <= 16)
        .collect()
}

/// With relative numbers every label of a small preset has room. (With absolute ones, two
/// crossing FINs' 37-character labels may not both fit a 760 px drawing: one is then its
/// arrow's tooltip, never drawn over another.)
#[test]
fn every_label_of_a_small_preset_is_shown() {
    let mut hidden = Vec::new();
    for (name, trace) in small() {
        for seq in [SeqMode::Relative] {
            let l = Ladder::new(&trace, &options(seq, Lang::EN));
            for a in l.arrows.iter().filter(|a| !a.label_shown) {
                hidden.push(format!("{name} {seq:?} #{} {}", a.id, a.label_text()));
            }
        }
    }
    assert!(hidden.is_empty(), "hidden labels:\n{}", hidden.join("\n"));
}

#[test]
fn a_segment_dropped_by_what_if_keeps_its_label() {
    let mut bad = Vec::new();
    for p in presets() {
        let scenario = preset(p.name).unwrap();
        let base = Config::for_scenario(&scenario);
        let plain = run(&scenario, &base).unwrap();
        if plain.segments.len() > 40 {
            continue;
        }
        for side in [Side::Client, Side::Server] {
            for nth in 1..=3 {
                let config = Config {
                    drops: vec![SegmentRef {
                        side,
                        nth,
                        injected: false,
                    }],
                    ..base.clone()
                };
                let Ok(trace) = run(&scenario, &config) else {
                    continue;
                };
                for seq in [SeqMode::Relative, SeqMode::Absolute] {
                    let l = Ladder::new(&trace, &options(seq, Lang::EN));
                    let what = format!("{} drop {side:?} #{nth} {seq:?}", p.name);
                    for a in l.arrows.iter().filter(|a| a.fate == ArrowFate::Lost) {
                        if !a.label_shown {
                            bad.push(format!("{what}: lost #{} has no label", a.id));
                        }
                    }
                    bad.extend(overlaps(&what, &l));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn tick_labels_stay_clear_of_axis_breaks() {
    for (name, trace) in common::all() {
        let l = Ladder::new(&trace, &LadderOptions::default());
        for t in &l.ticks {
            let (top, bottom) = (t.label.at.y - 10.0, t.label.at.y + 3.0);
            for b in &l.breaks {
                assert!(
                    bottom <= b.y0 || top >= b.y1,
                    "{name}: tick {:?} ({top}–{bottom}) under the break {}–{}",
                    t.label.text,
                    b.y0,
                    b.y1
                );
            }
        }
    }
}

#[test]
fn breaks_keep_ticks_beside_them() {
    // syn-timeout's ladder is mostly breaks; every stretch between two has its instant.
    let trace = common::trace("syn-timeout");
    let l = Ladder::new(&trace, &LadderOptions::default());
    assert!(l.breaks.len() >= 8, "{} breaks", l.breaks.len());
    assert!(l.ticks.len() >= l.breaks.len(), "{} ticks", l.ticks.len());
}

#[test]
fn two_resends_of_one_syn_ack_have_two_numbers() {
    // synack-lost: at 1.05 s the server's timer resends its SYN,ACK and the client's
    // retransmitted SYN draws another (Linux's inet_rtx_syn_ack counts both).
    let trace = common::trace("synack-lost");
    let l = Ladder::new(&trace, &LadderOptions::default());
    let tags: Vec<String> = l
        .arrows
        .iter()
        .filter(|a| a.from == Side::Server && a.retransmission)
        .map(|a| a.tag.as_ref().unwrap().text.clone())
        .collect();
    assert_eq!(tags, ["retransmission #1", "retransmission #2"]);
}
