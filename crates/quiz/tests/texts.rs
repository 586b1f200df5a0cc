//! The quiz speaks every language: in the pseudo-locale (`qps`, every English text wrapped
//! as `⟦…⟧`, docs/TEXT.md) no English word is left outside the brackets in any prompt,
//! option, verdict or summary of any preset, and the Chinese quiz asks the same questions
//! with the same answers as the English one. Also: what the trace cannot show is never
//! asked about, and a trace that contradicts itself never makes the quiz panic.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_diagram::Lang;
use synack_quiz::{Answer, Kind, Kinds, Progress, Quiz, Response};
use synack_sim::{preset, presets, run, Config, Limits, Trace};

fn pack(text: &'static str) -> Lang {
    Lang::load(text).unwrap()
}

fn trace(name: &str, loss_ppm: u32) -> Trace {
    let s = preset(name).unwrap();
    let mut c = Config::for_scenario(&s);
    c.set_loss_ppm(loss_ppm);
    c.seed = 3;
    run(&s, &c).unwrap()
}

/// Words outside every `⟦…⟧` that look like English (two ASCII letters or more, one of them
/// lowercase, no digit), but for the names of header fields and units every language writes
/// alike.
fn untranslated(s: &str) -> Vec<String> {
    const UNITS: &[&str] = &["ms", "µs", "seq", "ack", "len"];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        let w = core::mem::take(word);
        let english = w.len() >= 2
            && w.chars().any(|c| c.is_ascii_lowercase())
            && !w.chars().any(|c| c.is_ascii_digit());
        if english && !UNITS.contains(&&*w) {
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

#[test]
fn every_quiz_text_is_looked_up() {
    let qps = pack(include_str!("../../../web/lang/qps.txt"));
    for k in Kind::ALL {
        assert!(untranslated(k.title(qps)).is_empty(), "{k:?}");
    }
    let e = Kinds::parse("flags,x").unwrap_err();
    assert!(untranslated(&e.message(qps).replace("flags,x", "")).is_empty());
    for p in presets() {
        for loss in [0, 30_000] {
            let t = trace(p.name, loss);
            let quiz = Quiz::new(&t, Kinds::ALL, qps);
            let mut progress = Progress::default();
            progress.start(p.name, 3, loss, Kinds::ALL, quiz.questions.len() as u32);
            for q in &quiz.questions {
                let what = format!("{} #{}", p.name, q.id);
                let wrong = match q.answer {
                    Answer::Choice { index } => Response::Choice(index + 1),
                    Answer::Duration { us, .. } => Response::Duration(us * 2 + 5_000),
                };
                let v = q.verdict(wrong, qps);
                // The citation is a reference (`Linux tcp_fin_timeout`), not a text.
                let verdict = v.text.replace(&v.rfc, "");
                let labels = q.options.iter().map(|c| c.label.as_str());
                for s in [q.prompt.as_str(), &verdict].into_iter().chain(labels) {
                    let bad = untranslated(s);
                    assert!(bad.is_empty(), "{what}: {bad:?} in {s:?}");
                }
                progress.answer(p.name, q.id, false);
            }
            let summary = progress.record(p.name).unwrap().last.summary(&quiz);
            assert_eq!(summary.missed.len(), quiz.questions.len());
            assert!(untranslated(&summary.score_text(qps)).is_empty());
        }
    }
}

#[test]
fn the_chinese_quiz_asks_the_same_questions() {
    let zh = pack(include_str!("../../../web/lang/zh.txt"));
    for p in presets() {
        let t = trace(p.name, 30_000);
        let (en, cn) = (
            Quiz::new(&t, Kinds::ALL, Lang::EN),
            Quiz::new(&t, Kinds::ALL, zh),
        );
        assert_eq!(en.questions.len(), cn.questions.len(), "{}", p.name);
        for (a, b) in en.questions.iter().zip(&cn.questions) {
            assert_eq!(
                (a.id, a.kind, a.side, a.answer, a.rfc),
                (b.id, b.kind, b.side, b.answer, b.rfc)
            );
            let values =
                |q: &synack_quiz::Question| q.options.iter().map(|c| c.value).collect::<Vec<_>>();
            assert_eq!(values(a), values(b));
            assert_ne!(a.prompt, b.prompt);
            assert!(
                b.prompt
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}",
                b.prompt
            );
        }
    }
}

#[test]
fn what_the_trace_cannot_show_is_never_asked() {
    // Stale segments of an old incarnation (put on the wire by the scenario) and a link's
    // copies are not what a side decided to send.
    let t = trace("old-duplicate-syn", 0);
    let injected: Vec<u32> = t
        .segments
        .iter()
        .filter(|r| r.injected)
        .map(|r| r.id)
        .collect();
    assert!(!injected.is_empty());
    let quiz = Quiz::new(&t, Kinds::ALL, Lang::EN);
    assert!(quiz
        .questions
        .iter()
        .all(|q| q.segment.is_none_or(|s| !injected.contains(&s))));
    let s = preset("handshake-and-close").unwrap();
    let mut c = Config::for_scenario(&s);
    c.to_server.duplicate_ppm = 500_000;
    c.to_client.duplicate_ppm = 500_000;
    let t = run(&s, &c).unwrap();
    let copies: Vec<u32> = t
        .segments
        .iter()
        .filter(|r| r.duplicate_of.is_some())
        .map(|r| r.id)
        .collect();
    assert!(!copies.is_empty());
    let quiz = Quiz::new(&t, Kinds::ALL, Lang::EN);
    assert!(quiz
        .questions
        .iter()
        .all(|q| q.segment.is_none_or(|s| !copies.contains(&s))));

    // A run cut short: every SYN is lost, and the run stops at 10 s while the client's
    // retransmission timer is still running. Its expiry (and the SYN it would send) is not in
    // the trace, so nothing asks about it; each retransmission the trace shows is asked about.
    let s = preset("syn-timeout").unwrap();
    let mut c = Config::for_scenario(&s);
    c.limits = Limits {
        max_time_us: 10_000_000,
        ..c.limits
    };
    let t = run(&s, &c).unwrap();
    let quiz = Quiz::new(&t, Kinds::ALL, Lang::EN);
    assert!(quiz.questions.iter().all(|q| q.reveal_at <= t.end));
    let syns = t.segments.iter().filter(|r| !r.injected).count();
    let timers = quiz
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Time)
        .count();
    let flags = quiz
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Flags)
        .count();
    assert_eq!((flags, timers), (syns, syns - 1), "{:#?}", quiz.questions);
    // The playhead walks the quiz: each group is one step's, in order, and none is left after
    // the end.
    let mut at = None;
    let mut seen = 0;
    loop {
        let group = quiz.next(at);
        let Some(first) = group.first() else { break };
        assert!(group
            .iter()
            .all(|q| q.step == first.step && Some(q.reveal_at) > at));
        seen += group.len();
        at = Some(first.reveal_at);
    }
    assert_eq!(seen, quiz.questions.len());
    assert!(quiz.next(Some(t.end)).is_empty());
}

/// A trace read from a file may contradict itself: whatever it holds, the quiz is made
/// without a panic (the web app runs it on any trace).
#[test]
fn a_trace_that_contradicts_itself_gives_questions_or_none_never_a_panic() {
    let t = trace("last-ack-lost", 30_000);
    let quiz = |t: &Trace| Quiz::new(t, Kinds::ALL, Lang::EN).questions.len();
    for k in 0..t.events.len() {
        let mut m = t.clone();
        m.events.remove(k);
        quiz(&m);
    }
    let mut m = t.clone();
    m.segments.truncate(2);
    quiz(&m);
    let mut m = t.clone();
    m.snapshots.clear();
    quiz(&m);
    let mut m = t.clone();
    m.events.reverse();
    quiz(&m);
    let mut m = t.clone();
    for e in &mut m.events {
        if let synack_sim::TraceEventKind::Sent { id }
        | synack_sim::TraceEventKind::Arrived { id } = &mut e.kind
        {
            *id = id.wrapping_mul(7919);
        }
        e.at = synack_core::Instant(e.at.0.wrapping_mul(3) % 1_000_000);
    }
    quiz(&m);
    let mut m = t.clone();
    m.t0 = synack_core::Instant(u64::MAX);
    for r in &mut m.segments {
        r.segment.seq = r.segment.seq.wrapping_add(0x8000_0000);
    }
    assert!(quiz(&m) > 0);
}
