//! URL parameters: `?preset=`, `?lang=`, `?profile=`, `?seed=`, `?latency=`, `?jitter=`,
//! `?loss=` (each `N` for both directions or `C2S,S2C`), `?abs=1`, `?t=` (the playhead, µs),
//! `?view=chart|tsg` (the data-phase view above the ladder), `?flights=open` (a long ladder
//! with its flights expanded), `?bw=` (a bottleneck, Mbit/s)
//! and `?queue=` (its queue, packets), the data phase's `?cc=cubic|reno`, `?nagle=1|0`,
//! `?size=` (kB) and `?read=instant|slow:N|paused:N` (synack-sim's `overrides`),
//! `?drop=c3,s5` (what-if drops: side and n-th segment from that side), `?theme=`, and embed
//! mode's `?embed`, `?steps=A-B`, `?paused`, `?embedId=` (docs/EMBED.md), `?present`
//! (open in presenter mode: a teacher's prepared link), and quiz mode's `?mode=quiz` and
//! `?quiz=flags,seq` (the kinds asked; docs/QUIZ.md).
//!
//! Everything from the URL is untrusted: each value is matched against a fixed list or parsed
//! as a bounded number, and anything unknown or malformed falls back to its default and is
//! reported as a [`Problem`] (the parameter's own name, never its value; an unknown name is
//! shown only if it is short and plain). Values are never echoed into the page.

use synack_quiz::Kinds;
use synack_sim::{SegmentRef, Side};

use crate::engine::{self, Settings};
use crate::theme::Theme;
use synack_sim::ProfileKind;

/// Why a parameter was not taken as given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Not one of the values this parameter takes (a preset we do not have, a language…).
    UnknownValue,
    /// Not a number, or not in the expected form.
    Malformed,
    /// A number outside the allowed range: the nearest allowed value was used.
    OutOfRange,
    /// A parameter synack does not have.
    UnknownName,
}

/// A parameter that was ignored or corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The parameter's name (a known one, or a short plain unknown one; else `…`).
    pub key: String,
    pub why: Why,
}

/// Embed mode's parameters (docs/EMBED.md).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Embed {
    /// `?embed`: the compact view for iframes.
    pub on: bool,
    /// `?steps=A-B`: 1-based, inclusive, A ≤ B.
    pub steps: Option<(u32, u32)>,
    /// `?paused`: open paused at step A.
    pub paused: bool,
    /// `?embedId=`, echoed in `synack:resize` (only if it matches `^[A-Za-z0-9_-]{1,64}$`).
    pub id: Option<String>,
}

/// What the URL asked for, already validated.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Params {
    pub settings: Settings,
    /// `?lang=`: a language's code (`en`, `zh`).
    pub lang: Option<&'static str>,
    pub absolute: bool,
    pub theme: Theme,
    /// `?t=`: the playhead in µs of simulated time (clamped to the trace later).
    pub playhead: u64,
    pub embed: Embed,
    /// `?present`: open in presenter mode.
    pub present: bool,
    /// `?mode=quiz` (or `?quiz=KINDS`): quiz mode, asking these kinds.
    pub quiz: Option<Kinds>,
    /// `?view=chart|tsg`: the data-phase view above the ladder.
    pub view: crate::state::DataView,
    /// `?flights=open`: a long trace's ladder starts with every flight expanded.
    pub flights_open: bool,
    /// Parameters ignored or corrected, in URL order.
    pub problems: Vec<Problem>,
}

/// Plain identifiers: `^[A-Za-z0-9_-]{1,max}$`.
pub fn is_plain_id(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Decodes `%XX` and `+` (invalid escapes stay as they are). Output is only ever compared or
/// parsed, never displayed.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| core::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One or two numbers: `50` or `50,80`. `None` if malformed.
fn pair(s: &str) -> Option<[u32; 2]> {
    let mut it = s.split(',').map(|p| p.trim().parse::<u32>().ok());
    let a = it.next()??;
    let b = match it.next() {
        Some(b) => b?,
        None => a,
    };
    if it.next().is_some() {
        return None;
    }
    Some([a, b])
}

/// `c3` / `s5` (and `c3i` for an injected segment): a what-if drop.
fn drop_ref(s: &str) -> Option<SegmentRef> {
    let s = s.trim();
    let (side, rest) = match s.as_bytes().first()? {
        b'c' => (Side::Client, s.get(1..)?),
        b's' => (Side::Server, s.get(1..)?),
        _ => return None,
    };
    let (num, injected) = match rest.strip_suffix('i') {
        Some(n) => (n, true),
        None => (rest, false),
    };
    if num.is_empty() || num.len() > 6 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(SegmentRef {
        side,
        nth: num.parse().ok()?,
        injected,
    })
}

fn drop_code(r: &SegmentRef) -> String {
    let side = match r.side {
        Side::Client => 'c',
        Side::Server => 's',
    };
    format!("{side}{}{}", r.nth, if r.injected { "i" } else { "" })
}

/// `A-B`, 1 ≤ A ≤ B ≤ 999.
fn steps_range(s: &str) -> Option<(u32, u32)> {
    let (a, b) = s.trim().split_once('-')?;
    let ok = |x: &str| !x.is_empty() && x.len() <= 3 && x.bytes().all(|c| c.is_ascii_digit());
    if !ok(a) || !ok(b) {
        return None;
    }
    let (a, b) = (a.parse::<u32>().ok()?, b.parse::<u32>().ok()?);
    (1 <= a && a <= b && b <= 999).then_some((a, b))
}

/// Names people's links often carry that are not ours and need no notice.
fn harmless(k: &str) -> bool {
    k.starts_with("utm_") || matches!(k, "fbclid" | "gclid" | "ref")
}

/// Parses a query string (with or without the leading `?`).
pub fn parse(query: &str) -> Params {
    let mut p = Params::default();
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut problems: Vec<Problem> = Vec::new();
    let mut problem = |key: &str, why: Why| {
        let key = if is_plain_id(key, 24) { key } else { "…" };
        if !problems.iter().any(|x| x.key == key) {
            problems.push(Problem {
                key: key.to_string(),
                why,
            });
        }
    };
    // Bound the work an absurd URL can cause.
    for kv in q.split('&').take(32) {
        if kv.is_empty() {
            continue;
        }
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let key = decode(k);
        let key = key.as_str();
        if v.len() > 100 {
            problem(key, Why::Malformed);
            continue;
        }
        let v = decode(v);
        let mut pair_of =
            |name: &'static str, range: (u32, u32), slot: &mut [u32; 2]| match pair(&v) {
                Some(x) => {
                    let c = [x[0].clamp(range.0, range.1), x[1].clamp(range.0, range.1)];
                    if c != x {
                        problem(name, Why::OutOfRange);
                    }
                    *slot = c;
                }
                None => problem(name, Why::Malformed),
            };
        // The data phase's settings (synack-sim's `overrides`: the CLI's options too).
        if let Some(knob) = engine::data::Knob::named(key) {
            if let Err(e) = p.settings.data.set(knob, &v) {
                use synack_sim::overrides::Problem as P;
                problem(
                    key,
                    match e.problem {
                        P::UnknownValue => Why::UnknownValue,
                        P::Malformed => Why::Malformed,
                        P::OutOfRange => Why::OutOfRange,
                    },
                );
            }
            continue;
        }
        match key {
            "preset" => match engine::find_preset(v.trim()) {
                // The preset's own network defaults first; later parameters override them.
                Some(info) => {
                    let s = Settings::for_preset(info.name);
                    p.settings = Settings {
                        profile: p.settings.profile,
                        seed: p.settings.seed,
                        drops: core::mem::take(&mut p.settings.drops),
                        ..s
                    };
                }
                None => problem("preset", Why::UnknownValue),
            },
            "lang" => match crate::i18n::parse_code(&v) {
                Some(l) => p.lang = Some(l),
                None => problem("lang", Why::UnknownValue),
            },
            "profile" => match ProfileKind::parse(v.trim()) {
                Some(pr) => p.settings.profile = pr,
                None => problem("profile", Why::UnknownValue),
            },
            "seed" => match v.trim().parse::<u64>() {
                Ok(s) => p.settings.seed = s,
                Err(_) => problem("seed", Why::Malformed),
            },
            "latency" => pair_of("latency", engine::LATENCY_MS, &mut p.settings.latency_ms),
            "jitter" => pair_of("jitter", engine::JITTER_MS, &mut p.settings.jitter_ms),
            "loss" => pair_of("loss", engine::LOSS_PCT, &mut p.settings.loss_pct),
            "abs" => match v.trim() {
                "1" | "true" | "yes" => p.absolute = true,
                "0" | "false" | "no" => p.absolute = false,
                _ => problem("abs", Why::Malformed),
            },
            "t" => match v.trim().parse::<u64>() {
                Ok(t) => p.playhead = t,
                Err(_) => problem("t", Why::Malformed),
            },
            "drop" => {
                let refs: Option<Vec<SegmentRef>> = v.split(',').take(16).map(drop_ref).collect();
                match refs {
                    Some(mut refs) => {
                        refs.dedup();
                        p.settings.drops = refs;
                    }
                    None => problem("drop", Why::Malformed),
                }
            }
            "theme" => match Theme::parse(&v) {
                Some(t) => p.theme = t,
                None => problem("theme", Why::UnknownValue),
            },
            "flights" => match v.trim() {
                "open" => p.flights_open = true,
                "collapsed" => p.flights_open = false,
                _ => problem("flights", Why::UnknownValue),
            },
            "view" => match crate::state::DataView::parse(&v) {
                Some(view) => p.view = view,
                None => problem("view", Why::UnknownValue),
            },
            "embed" => p.embed.on = true,
            "present" => p.present = true,
            "paused" => p.embed.paused = true,
            "steps" => match steps_range(&v) {
                Some(r) => p.embed.steps = Some(r),
                None => problem("steps", Why::Malformed),
            },
            "embedId" => {
                let id = v.trim();
                if is_plain_id(id, 64) {
                    p.embed.id = Some(id.to_string());
                } else {
                    problem("embedId", Why::Malformed);
                }
            }
            "mode" => match v.trim() {
                "quiz" => p.quiz = Some(p.quiz.unwrap_or(Kinds::ALL)),
                _ => problem("mode", Why::UnknownValue),
            },
            "quiz" => match Kinds::parse(v.trim()) {
                Ok(k) => p.quiz = Some(k),
                Err(_) => problem("quiz", Why::Malformed),
            },
            k if harmless(k) => {}
            k => problem(k, Why::UnknownName),
        }
    }
    p.settings = p.settings.clamped();
    p.problems = problems;
    p
}

/// Everything that defines the picture, for "link to this view".
#[derive(Clone, Debug, PartialEq)]
pub struct View<'a> {
    pub settings: &'a Settings,
    /// The code of the language (`en`, `zh`).
    pub lang: &'static str,
    pub absolute: bool,
    pub theme: Theme,
    /// µs; 0 is left out.
    pub playhead: u64,
    /// Quiz mode and its kinds (`mode=quiz`, `quiz=` unless every kind).
    pub quiz: Option<Kinds>,
    /// The data-phase view (the ladder alone is left out).
    pub view: crate::state::DataView,
    /// Every flight expanded on a trace that starts collapsed (`?flights=open`).
    pub flights_open: bool,
}

/// `quiz=`'s value for `k`: the kinds' names, comma-separated.
pub fn kinds_param(k: Kinds) -> String {
    let names: Vec<&str> = k.list().into_iter().map(|k| k.name()).collect();
    names.join(",")
}

/// The query string for the current view (defaults left out), for "link to this view".
pub fn to_query(v: &View) -> String {
    let s = v.settings;
    let d = Settings::for_preset(&s.preset);
    let mut parts = vec![format!("preset={}", s.preset)];
    if v.lang != "en" {
        parts.push(format!("lang={}", v.lang));
    }
    if s.profile != d.profile {
        parts.push(format!("profile={}", s.profile.name()));
    }
    if s.seed != d.seed {
        parts.push(format!("seed={}", s.seed));
    }
    let pr = |name: &str, v: [u32; 2], dv: [u32; 2], parts: &mut Vec<String>| {
        if v != dv {
            parts.push(if v[0] == v[1] {
                format!("{name}={}", v[0])
            } else {
                format!("{name}={},{}", v[0], v[1])
            });
        }
    };
    pr("latency", s.latency_ms, d.latency_ms, &mut parts);
    pr("jitter", s.jitter_ms, d.jitter_ms, &mut parts);
    pr("loss", s.loss_pct, d.loss_pct, &mut parts);
    parts.extend(s.data.query());
    if !s.drops.is_empty() {
        let codes: Vec<String> = s.drops.iter().map(drop_code).collect();
        parts.push(format!("drop={}", codes.join(",")));
    }
    if v.absolute {
        parts.push("abs=1".into());
    }
    if v.theme != Theme::System {
        parts.push(format!("theme={}", v.theme.code()));
    }
    if v.flights_open {
        parts.push("flights=open".into());
    }
    if v.view != crate::state::DataView::Ladder {
        parts.push(format!("view={}", v.view.code()));
    }
    if v.playhead > 0 {
        parts.push(format!("t={}", v.playhead));
    }
    if let Some(k) = v.quiz {
        parts.push("mode=quiz".into());
        if k != Kinds::ALL {
            parts.push(format!("quiz={}", kinds_param(k)));
        }
    }
    format!("?{}", parts.join("&"))
}

/// The query of the embed view of `v`: `?embed&…&embedId=PRESET` (no playhead: an embed opens
/// at its first step).
pub fn embed_query(v: &View) -> String {
    let q = to_query(&View {
        playhead: 0,
        ..v.clone()
    });
    let rest = q.strip_prefix('?').unwrap_or(&q);
    let id: String = v
        .settings
        .preset
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    if id.is_empty() {
        format!("?embed&{rest}")
    } else {
        format!("?embed&{rest}&embedId={id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn known_values_are_taken_and_numbers_clamped() {
        let p = parse("?preset=simultaneous-close&lang=zh&seed=7&latency=20,900&loss=5");
        assert_eq!(p.settings.preset, "simultaneous-close");
        assert_eq!(p.lang, Some("zh"));
        assert_eq!(p.settings.seed, 7);
        assert_eq!(p.settings.latency_ms, [20, 500]);
        assert_eq!(p.settings.loss_pct, [5, 5]);
        assert_eq!(
            p.problems,
            vec![Problem {
                key: "latency".into(),
                why: Why::OutOfRange
            }]
        );
    }

    #[test]
    fn hostile_or_malformed_values_fall_back_to_defaults() {
        let p = parse("?preset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=%3Cb%3E&seed=-1&latency=1,2,3&loss=abc&%%%=%");
        let d = Settings::default();
        assert_eq!(p.settings, d);
        assert_eq!(p.lang, None);
        let keys: Vec<&str> = p.problems.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(keys, ["preset", "lang", "seed", "latency", "loss", "…"]);
        let long = format!("?preset={}", "a".repeat(10_000));
        assert_eq!(parse(&long).settings, d);
        assert_eq!(parse("").settings, d);
        assert_eq!(parse("?&&=&x").settings, d);
    }

    #[test]
    fn the_query_round_trips() {
        let s = Settings {
            seed: 9,
            latency_ms: [30, 70],
            data: engine::data::DataPhase {
                cc: Some(synack_core::CongestionKind::Reno),
                nagle: Some(false),
                size_kb: Some(300),
                read: Some(engine::data::Read::Paused(3)),
                bw_mbps: Some(20),
                queue_pkts: Some(40),
            },
            ..Settings::default()
        };
        let s = Settings {
            drops: vec![
                SegmentRef {
                    side: Side::Server,
                    nth: 2,
                    injected: false,
                },
                SegmentRef {
                    side: Side::Client,
                    nth: 11,
                    injected: true,
                },
            ],
            ..s
        };
        let v = View {
            settings: &s,
            lang: "zh",
            absolute: true,
            theme: Theme::Projector,
            playhead: 123_456,
            quiz: None,
            view: crate::state::DataView::Tsg,
            flights_open: true,
        };
        let q = to_query(&v);
        let p = parse(&q);
        assert_eq!(p.settings, s);
        assert_eq!(p.lang, Some("zh"));
        assert!(p.absolute);
        assert_eq!(p.theme, Theme::Projector);
        assert_eq!(p.playhead, 123_456);
        assert_eq!(p.view, crate::state::DataView::Tsg);
        assert!(p.flights_open);
        assert_eq!(
            parse("?view=pie").problems.first().map(|x| x.why),
            Some(Why::UnknownValue)
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let e = parse(&embed_query(&v));
        assert!(e.embed.on);
        assert_eq!(e.embed.id.as_deref(), Some("handshake-and-close"));
        assert_eq!(e.playhead, 0);
        assert!(e.problems.is_empty(), "{:?}", e.problems);
        // A share link never carries presenter mode; `?present` (the page's own URL while
        // presenting, or a teacher's link) opens it.
        assert!(!parse(&to_query(&v)).present);
        let pr = parse(&format!("{}&present", to_query(&v)));
        assert!(pr.present && pr.problems.is_empty(), "{:?}", pr.problems);
        assert_eq!(pr.settings, p.settings);
    }

    #[test]
    fn quiz_mode_and_its_kinds_round_trip() {
        let s = Settings::for_preset("syn-lost");
        for quiz in [
            None,
            Some(Kinds::ALL),
            Kinds::parse("flags,state").ok(),
            Kinds::parse("time").ok(),
        ] {
            let v = View {
                settings: &s,
                lang: "en",
                absolute: false,
                theme: Theme::System,
                playhead: 0,
                quiz,
                view: crate::state::DataView::Ladder,
                flights_open: false,
            };
            let p = parse(&to_query(&v));
            assert_eq!(p.quiz, quiz);
            assert!(p.problems.is_empty(), "{:?}", p.problems);
            assert_eq!(parse(&embed_query(&v)).quiz, quiz);
        }
        assert_eq!(parse("?mode=quiz").quiz, Some(Kinds::ALL));
        assert_eq!(parse("?quiz=seq").quiz, Kinds::parse("seq").ok());
        let bad = parse("?mode=exam&quiz=flags,bogus");
        assert_eq!(bad.quiz, None);
        let keys: Vec<&str> = bad.problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(keys, ["mode", "quiz"]);
    }

    #[test]
    fn embed_parameters_follow_the_embed_contract() {
        let p = parse("?embed&preset=syn-lost&steps=2-7&paused&embedId=a_b-9");
        assert!(p.embed.on && p.embed.paused);
        assert_eq!(p.embed.steps, Some((2, 7)));
        assert_eq!(p.embed.id.as_deref(), Some("a_b-9"));
        for bad in ["0-3", "5-2", "1-1000", "a-b", "3", "-3", " "] {
            assert_eq!(parse(&format!("?steps={bad}")).embed.steps, None, "{bad}");
        }
        assert_eq!(parse("?embedId=%3Cb%3E").embed.id, None);
        assert!(parse("?utm_source=x&fbclid=y").problems.is_empty());
        let u = parse("?colour=red");
        assert_eq!(u.problems.first().map(|x| x.why), Some(Why::UnknownName));
    }
}
