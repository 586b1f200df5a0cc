//! The second module's quiz questions, natively: for every preset, from a trace that crossed
//! in the binary form, the bytes decode to exactly the questions synack-quiz writes for that
//! trace, in English and Chinese, and a bad kinds filter is an error that says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use nanoserde::{DeBin, SerBin};
use synack_diagram::Lang;
use synack_extras::{questions, quiz_progress_json, quiz_questions};
use synack_quiz::bin::Arrival;
use synack_quiz::Progress;
use synack_quiz::{Kinds, Quiz};
use synack_sim::{preset, presets, run, Config, Trace};

const ZH: &str = include_str!("../../lang/zh.txt");

#[test]
fn every_preset_s_questions_arrive_as_the_quiz_writes_them() {
    let zh = Lang::load(ZH).unwrap();
    for p in presets() {
        let s = preset(p.name).unwrap();
        let t = run(&s, &Config::for_scenario(&s)).unwrap();
        let t = Trace::from_bin(&t.to_bin()).unwrap();
        for (pack, lang) in [("", Lang::EN), (ZH, zh)] {
            let got = questions(&t, "", pack).unwrap();
            let want = Quiz::new(&t, Kinds::ALL, lang).questions;
            assert!(!got.is_empty(), "{}", p.name);
            assert_eq!(got, want, "{}", p.name);
        }
        let some = questions(&t, "flags,state", "").unwrap();
        let kinds = Kinds::parse("flags,state").unwrap();
        assert!(some.iter().all(|q| kinds.contains(q.kind)), "{}", p.name);
    }
}

#[test]
fn a_bad_kinds_filter_is_an_error() {
    let s = preset("syn-lost").unwrap();
    let t = run(&s, &Config::for_scenario(&s)).unwrap();
    let e = questions(&t, "flags,nope", "").unwrap_err();
    assert!(e.contains("nope"), "{e}");
}

#[test]
fn the_record_is_read_from_json_and_written_back() {
    let s = preset("syn-lost").unwrap();
    let t = run(&s, &Config::for_scenario(&s)).unwrap();
    let mut p = Progress::default();
    p.start("syn-lost", 1, 0, Kinds::ALL, 4);
    p.answer("syn-lost", 0, false);
    let stored = p.save();
    let a =
        Arrival::deserialize_bin(&quiz_questions(&t.to_bin(), "", "", &stored).unwrap()).unwrap();
    assert_eq!(a.progress, p);
    assert!(a.ignored.is_empty());
    assert_eq!(a.questions, Quiz::new(&t, Kinds::ALL, Lang::EN).questions);
    // Back as the same JSON.
    assert_eq!(quiz_progress_json(&p.serialize_bin()), stored);
    assert_eq!(quiz_progress_json(&[1, 2]), "");
    // A stored value of another format starts afresh and says why.
    let bad = Arrival::deserialize_bin(&quiz_questions(&t.to_bin(), "", "", "{\"v\":9}").unwrap())
        .unwrap();
    assert_eq!(bad.progress, Progress::default());
    assert!(bad.ignored.contains("version 9"), "{}", bad.ignored);
}
