//! The second module's quiz questions, natively: for every preset, from a trace that crossed
//! in the binary form, the bytes decode to exactly the questions synack-quiz writes for that
//! trace, in English and Chinese, and a bad kinds filter is an error that says so.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_diagram::Lang;
use synack_extras::questions;
use synack_quiz::{bin, Kinds, Quiz};
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
            let got = bin::from_bin(&questions(&t, "", pack).unwrap()).unwrap();
            let want = Quiz::new(&t, Kinds::ALL, lang).questions;
            assert!(!got.is_empty(), "{}", p.name);
            assert_eq!(got, want, "{}", p.name);
        }
        let some = bin::from_bin(&questions(&t, "flags,state", "").unwrap()).unwrap();
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
