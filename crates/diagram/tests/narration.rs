//! Narration: every step of every preset is told, in both languages and both numberings,
//! with every placeholder filled; the classic "whys" appear where they matter.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_diagram::narrate::{render, text, Key};
use synack_diagram::{Ladder, LadderOptions, Lang, SeqMode, Why};
use synack_text::Texts;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_step_of_every_preset_is_told_in_both_languages() {
    let mut steps_told = 0;
    for (name, trace) in common::all() {
        for seq in [SeqMode::Relative, SeqMode::Absolute] {
            let ladder = Ladder::new(
                &trace,
                &LadderOptions {
                    seq,
                    ..LadderOptions::default()
                },
            );
            assert!(!ladder.steps.is_empty(), "{name}: no steps");
            for i in 0..ladder.steps.len() {
                let en = ladder.narrate(&trace, i, Lang::EN);
                let zh_text = ladder.narrate(&trace, i, zh());
                for (lang, t) in [(Lang::EN, &en), (zh(), &zh_text)] {
                    let where_ = format!("{name} step {i} {lang:?} {seq:?}: {:?}", t.text);
                    assert!(!t.sentences.is_empty(), "{where_}: no sentence");
                    for s in &t.sentences {
                        assert!(!s.trim().is_empty(), "{where_}: empty sentence");
                        assert!(
                            !s.contains('{') && !s.contains('}'),
                            "{where_}: unfilled placeholder"
                        );
                        let stop = text(Key::FullStop, lang);
                        assert!(s.ends_with(stop), "{where_}: sentence without full stop");
                    }
                    for w in &t.whys {
                        assert!(
                            !w.title.is_empty() && !w.body.is_empty(),
                            "{where_}: empty why"
                        );
                        assert!(!w.body.contains('{'), "{where_}: unfilled why {:?}", w.why);
                    }
                }
                assert!(
                    has_cjk(&zh_text.text),
                    "{name} step {i}: no Chinese in {:?}",
                    zh_text.text
                );
                assert_eq!(
                    en.sentences.len(),
                    zh_text.sentences.len(),
                    "{name} step {i}"
                );
                assert_eq!(en.whys.len(), zh_text.whys.len(), "{name} step {i}");
                steps_told += 1;
            }
        }
    }
    println!("{steps_told} steps told in two languages");
}

/// Which whys each preset teaches (printed, and the essential ones checked).
#[test]
fn the_whys_appear_where_they_matter() {
    let mut seen: Vec<(String, Vec<Why>)> = Vec::new();
    for (name, trace) in common::all() {
        let ladder = Ladder::new(&trace, &LadderOptions::default());
        let whys: Vec<Why> = ladder
            .steps
            .list
            .iter()
            .flat_map(|s| s.whys.clone())
            .collect();
        println!("{name:24} {whys:?}");
        seen.push((name.to_string(), whys));
    }
    // The textbook profile (no SACK: RFC 5681 §3.2's three duplicate ACKs) is where a fast
    // retransmit is counted by duplicate ACKs rather than marked by RACK.
    let scenario = synack_sim::preset("fast-retransmit").expect("preset");
    let mut cfg = synack_sim::Config::for_scenario(&scenario);
    cfg.profile = synack_sim::ProfileKind::Textbook;
    let textbook = synack_sim::run(&scenario, &cfg).expect("runs");
    let whys: Vec<Why> = Ladder::new(&textbook, &LadderOptions::default())
        .steps
        .list
        .iter()
        .flat_map(|s| s.whys.clone())
        .collect();
    println!("{:24} {whys:?}", "fast-retransmit textbook");
    assert!(whys.contains(&Why::FastRetransmit), "{whys:?}");
    assert!(!whys.contains(&Why::Rack), "{whys:?}");
    seen.push((String::from("fast-retransmit (textbook)"), whys));
    let has = |name: &str, w: Why| seen.iter().any(|(n, ws)| n == name && ws.contains(&w));
    for w in [
        Why::RandomIsn,
        Why::ThreeWayHandshake,
        Why::AckFlagVsNumber,
        Why::MergedFinAck,
        Why::TimeWait,
    ] {
        assert!(
            has("handshake-and-close", w),
            "handshake-and-close lacks {w:?}"
        );
    }
    assert!(has("close-wait-leak", Why::CloseWaitLeak));
    assert!(has("close-wait-leak", Why::FourWayClose));
    assert!(has("syn-lost", Why::Retransmission));
    assert!(has("connect-refused", Why::Rst));
    assert!(has("fast-retransmit", Why::Rack));
    assert!(has("fast-retransmit-reno", Why::Rack));
    assert!(has("tail-loss-probe", Why::TailLossProbe));
    assert!(has("zero-window", Why::ZeroWindow));
    assert!(has("keepalive", Why::Keepalive));
    for w in Why::ALL {
        assert!(
            seen.iter().any(|(_, ws)| ws.contains(&w)),
            "no preset teaches {w:?}"
        );
    }
}

#[test]
fn the_first_step_tells_the_isn() {
    let trace = common::trace("handshake-and-close");
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    let isn = trace.segments[0].segment.seq;
    let en = ladder.narrate(&trace, 0, Lang::EN);
    assert!(
        en.text.contains(&format!(
            "The client sends SYN with seq = 0 (relative; its random initial sequence number is {isn})"
        )),
        "{}",
        en.text
    );
    let zh = ladder.narrate(&trace, 0, zh());
    assert!(
        zh.text.contains(&format!(
            "客户端发送 SYN，seq = 0（相对值；其随机初始序列号为 {isn}）"
        )),
        "{}",
        zh.text
    );
    let abs = Ladder::new(
        &trace,
        &LadderOptions {
            seq: SeqMode::Absolute,
            ..LadderOptions::default()
        },
    );
    assert!(abs
        .narrate(&trace, 0, Lang::EN)
        .text
        .contains(&format!("seq = {isn} (its random initial")));
    assert!(ladder.narrate(&trace, 9999, Lang::EN).sentences.is_empty());
}

#[test]
fn rendering_fills_every_table_placeholder() {
    let names = [
        "side", "Side", "peer", "seq", "ack", "flags", "len", "what", "What", "transit", "state",
        "isn", "attempt", "rto", "data", "n", "error", "reason", "dur", "scenario", "client",
        "opt", "server",
    ];
    let args: Vec<(&str, &str)> = names.iter().map(|n| (*n, "X")).collect();
    for &k in Key::ALL {
        for lang in [Lang::EN, zh()] {
            let s = render(k, lang, &args);
            assert!(
                !s.contains('{'),
                "{k:?} {lang:?}: unknown placeholder in {s:?}"
            );
            if lang == zh()
                && !matches!(
                    k,
                    Key::TimerTimeWait
                        | Key::TimerFinWait2
                        | Key::TimerReorderWait
                        | Key::FullStop
                        | Key::Space
                        | Key::ParenOpen
                        | Key::ParenSep
                        | Key::ParenClose
                )
            {
                // Chinese strings are Chinese (but punctuation and a few technical names).
                assert!(has_cjk(&s), "{k:?}: not Chinese: {s:?}");
            }
        }
    }
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

/// Every reason a segment is rejected. The match fails to compile when synack-core adds one,
/// so the list (and the narration's table, matched the same way) cannot fall behind.
fn every_reject_reason() -> Vec<synack_core::RejectReason> {
    use synack_core::RejectReason as R;
    let all = vec![
        R::OutOfWindow,
        R::RstOutOfWindow,
        R::RstChallenge,
        R::SynChallenge,
        R::AckOfUnsent,
        R::BadAckInHandshake,
        R::NoAck,
        R::Closed,
        R::NotSyn,
        R::WrongPorts,
        R::DuplicateAck,
        R::AckTooOld,
        R::DataAfterClose,
        R::BufferFull,
    ];
    for r in &all {
        match r {
            R::OutOfWindow
            | R::RstOutOfWindow
            | R::RstChallenge
            | R::SynChallenge
            | R::AckOfUnsent
            | R::BadAckInHandshake
            | R::NoAck
            | R::Closed
            | R::NotSyn
            | R::WrongPorts
            | R::DuplicateAck
            | R::AckTooOld
            | R::DataAfterClose
            | R::BufferFull => {}
        }
    }
    all
}

/// Every cause of a transition, a timeout once per timer; exhaustive like the list above.
fn every_cause() -> Vec<synack_core::Cause> {
    use synack_core::{Cause as C, TimerKind as T};
    let timers = [
        T::Retransmit,
        T::DelayedAck,
        T::TimeWait,
        T::FinWait2,
        T::Persist,
        T::Keepalive,
        T::LossProbe,
        T::ReorderWait,
    ];
    let mut all = vec![
        C::Listen,
        C::Connect,
        C::Close,
        C::Abort,
        C::RcvSyn,
        C::RcvSynAck,
        C::RcvAckOfSyn,
        C::SndSynAck,
        C::RcvFin,
        C::RcvAckOfFin,
        C::RcvFinAckOfFin,
        C::RcvRst,
        C::RcvRstReturnToListen,
        C::RetriesExhausted,
        C::DataAfterClose,
    ];
    all.extend(timers.iter().map(|t| C::Timeout(*t)));
    for c in &all {
        match c {
            C::Listen
            | C::Connect
            | C::Close
            | C::Abort
            | C::RcvSyn
            | C::RcvSynAck
            | C::RcvAckOfSyn
            | C::SndSynAck
            | C::RcvFin
            | C::RcvAckOfFin
            | C::RcvFinAckOfFin
            | C::RcvRst
            | C::RcvRstReturnToListen
            | C::RetriesExhausted
            | C::DataAfterClose => {}
            C::Timeout(
                T::Retransmit
                | T::DelayedAck
                | T::TimeWait
                | T::FinWait2
                | T::Persist
                | T::Keepalive
                | T::LossProbe
                | T::ReorderWait,
            ) => {}
        }
    }
    all
}

/// The narration has its own text for every reason a segment is rejected and every cause of a
/// transition, in every language: no two share one (no catch-all such as "a rule of RFC 9293
/// applied"), and none is empty.
#[test]
fn every_reject_reason_and_cause_has_its_own_text() {
    use synack_diagram::narrate::{cause_text, reject_text};
    let qps = Lang::load(include_str!("../../../web/lang/qps.txt")).unwrap();
    for lang in [Lang::EN, zh(), qps] {
        let reasons: Vec<&str> = every_reject_reason()
            .into_iter()
            .map(|r| reject_text(r, lang))
            .collect();
        let causes: Vec<&str> = every_cause()
            .into_iter()
            .map(|c| cause_text(c, lang))
            .collect();
        for texts in [&reasons, &causes] {
            for (i, t) in texts.iter().enumerate() {
                assert!(!t.trim().is_empty(), "{lang:?}: empty text #{i}");
                assert!(
                    !texts[..i].contains(t),
                    "{lang:?}: {t:?} is said of two different things"
                );
            }
        }
    }
    assert_eq!(
        reject_text(synack_core::RejectReason::DataAfterClose, Lang::EN),
        "it carries new data, but the application has closed and will never read it, so the connection is reset"
    );
    assert!(cause_text(synack_core::Cause::DataAfterClose, Lang::EN)
        .contains("after the application had closed"));
}

#[test]
fn a_negative_relative_number_is_explained_where_it_first_shows() {
    let whys = |name: &str| -> Vec<Why> {
        let l = Ladder::new(&common::trace(name), &LadderOptions::default());
        l.steps.list.iter().flat_map(|s| s.whys.clone()).collect()
    };
    // The stale SYN of RFC 9293 Figure 8 shows seq=-10.
    assert!(whys("old-duplicate-syn").contains(&Why::NegativeSeq));
    assert!(!whys("handshake-and-close").contains(&Why::NegativeSeq));
}

#[test]
fn a_long_step_is_drawn_briefly_first_sentences_count_and_last() {
    // bulk-transfer has steps telling of hundreds of segments (100+ kB of text).
    let trace = common::trace("bulk-transfer");
    let ladder = Ladder::new(&trace, &LadderOptions::default());
    let texts: Vec<_> = (0..ladder.steps.len())
        .map(|i| ladder.narrate(&trace, i, Lang::EN))
        .collect();
    let long = texts.iter().max_by_key(|t| t.text.len()).unwrap();
    assert!(
        long.text.len() > 10_000,
        "longest step: {} bytes",
        long.text.len()
    );
    let brief = long.brief(1200);
    assert!(brief.len() < 1200 + 600, "{} bytes", brief.len());
    assert!(brief.starts_with(long.sentences[0].as_str()));
    assert!(brief.ends_with(long.sentences.last().unwrap().as_str()));
    let m = left_out(&brief);
    // Each sentence drawn before the mark ends in ". ": those, the left-out ones and the last.
    assert_eq!(
        m + brief.matches(". ").count(),
        long.sentences.len() - 1,
        "{brief}"
    );
    // A short step is drawn whole.
    let short = texts
        .iter()
        .find(|t| t.text.len() < 300 && t.sentences.len() > 1)
        .unwrap();
    assert_eq!(short.brief(1200), short.text);
}

/// N of the `… (+N) …` mark.
fn left_out(s: &str) -> usize {
    let at = s.find("… (+").unwrap() + "… (+".len();
    s[at..].split(')').next().unwrap().parse().unwrap()
}

/// `Told::brief` and `Told::chars_up_to` (what the page draws, rendering a few sentences)
/// against the whole text: the same brief and count for every step of every preset, in both
/// languages, with and without sentences added after the step's own (a page's notes).
#[test]
fn a_step_told_briefly_is_the_whole_texts_brief() {
    use synack_diagram::{StepText, Told};
    let mut shortened = 0;
    for (name, trace) in common::all() {
        let ladder = Ladder::new(&trace, &LadderOptions::default());
        for i in 0..=ladder.steps.len() {
            for lang in [Lang::EN, zh()] {
                let told = || {
                    let l = &ladder;
                    Told::new(&trace, &l.steps, &l.timeline, i, lang, l.options.seq)
                };
                let whole = ladder.narrate(&trace, i, lang);
                assert_eq!(told().into_text(), whole, "{name} step {i}");
                for extra in [&[][..], &["ⓘ one."][..], &["ⓘ one.", "ⓘ two, longer."][..]] {
                    // The page adds its notes to the whole text so.
                    let mut with: StepText = whole.clone();
                    for s in extra {
                        if !with.text.is_empty() {
                            with.text.push(' ');
                        }
                        with.text.push_str(s);
                        with.sentences.push(s.to_string());
                    }
                    let chars = with.text.chars().count();
                    for max in [0, 40, 300, 1200] {
                        let b = told().brief(max, extra);
                        assert_eq!(b.text, with.brief(max), "{name} step {i} max {max}");
                        shortened += usize::from(b.left_out > 0);
                        assert_eq!(b.left_out > 0, b.text != with.text, "{name} step {i}");
                    }
                    for limit in [0, 10, 2000, usize::MAX] {
                        let n = told().chars_up_to(limit, extra);
                        if chars <= limit {
                            assert_eq!(n, chars, "{name} step {i} limit {limit}");
                        } else {
                            assert!(n > limit && n <= chars, "{name} step {i} limit {limit}");
                        }
                    }
                }
            }
        }
    }
    assert!(shortened > 100, "{shortened} briefs left something out");
}
