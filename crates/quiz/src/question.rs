//! A question, its answer, and how a response is graded.

use crate::cite::Cite;
use crate::kinds::Kind;
use crate::moment::Class;
use crate::texts::{render, Key};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use synack_core::{Instant, State};
use synack_diagram::{Lang, Why};
use synack_sim::Side;

/// One question, asked while the ladder shows the trace up to `asked_at`; answering it
/// reveals step `step` (at `reveal_at`).
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    /// Its place among every question of the trace (all kinds), stable whatever the filter:
    /// what a progress record remembers.
    pub id: u32,
    pub kind: Kind,
    /// The side it is about: the sender, the side changing state, the timer's owner.
    pub side: Side,
    pub prompt: String,
    /// The options of a multiple-choice question, shuffled by the run's seed (empty when the
    /// answer is typed).
    pub options: Vec<Choice>,
    pub answer: Answer,
    /// The narration of what then happens (or the explanation of the why asked about).
    pub explanation: String,
    /// The rule the answer follows.
    pub rfc: Cite,
    /// The step (index into `synack_diagram::Steps`) the answer reveals.
    pub step: u32,
    /// The instant of the step before it, which the ladder shows while asking; `None`
    /// before anything happened (the first step).
    pub asked_at: Option<Instant>,
    pub reveal_at: Instant,
    /// The first segment sent in that step, if any.
    pub segment: Option<u32>,
}

/// An option: what it means, and its text.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub value: Value,
    pub label: String,
}

/// What an option means, to compare it with what the trace shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// `side` sends a segment of `class`; with `timer`, only after one of its timers expires.
    Send {
        side: Side,
        class: Class,
        timer: bool,
    },
    /// A relative sequence or acknowledgment number.
    Number {
        n: i64,
    },
    State {
        state: State,
    },
    Why {
        why: Why,
    },
}

/// The right answer.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// The index in `options` of the one correct option.
    Choice { index: u32 },
    /// A duration typed in ms: right within `tolerance_us` of `us`.
    Duration { us: u64, tolerance_us: u64 },
}

/// A student's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The index of the option picked.
    Choice(u32),
    /// A duration in µs (see [`parse_ms`]).
    Duration(u64),
}

/// What a student is told after answering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub right: bool,
    /// The right answer's text.
    pub answer: String,
    pub explanation: String,
    /// The rule, as a citation (`RFC 9293 §3.10.7.3`).
    pub rfc: String,
    /// All of it in sentences: "Not quite. The right answer: … (RFC …)".
    pub text: String,
}

impl Question {
    /// Whether `r` is right.
    pub fn check(&self, r: Response) -> bool {
        match (self.answer, r) {
            (Answer::Choice { index }, Response::Choice(i)) => index == i,
            (Answer::Duration { us, tolerance_us }, Response::Duration(d)) => {
                us.abs_diff(d) <= tolerance_us
            }
            (Answer::Choice { .. }, Response::Duration(_))
            | (Answer::Duration { .. }, Response::Choice(_)) => false,
        }
    }

    /// The right answer's text: its option's label, or the duration in ms.
    pub fn answer_text(&self, lang: Lang) -> String {
        match self.answer {
            Answer::Choice { index } => self
                .options
                .get(index as usize)
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            Answer::Duration { us, .. } => ms_text(us, lang),
        }
    }

    /// The verdict on `r`, in `lang`.
    pub fn verdict(&self, r: Response, lang: Lang) -> Verdict {
        let right = self.check(r);
        let answer = self.answer_text(lang);
        let rfc = format!("{}", self.rfc);
        let head = if right {
            render(Key::Right, lang, &[])
        } else {
            render(Key::Wrong, lang, &[("answer", answer.as_str())])
        };
        let space = synack_diagram::narrate::text(synack_diagram::narrate::Key::Space, lang);
        let reference = render(Key::Reference, lang, &[("rfc", rfc.as_str())]);
        let text = format!("{head}{space}{}{space}{reference}", self.explanation);
        Verdict {
            right,
            answer,
            explanation: self.explanation.clone(),
            rfc,
            text,
        }
    }
}

/// A duration in ms, as typed: `40`, `40.5`, `1,5` (a decimal comma), `1000 ms`, `1 s`,
/// `60秒`; in µs. `None` for anything else (never a panic).
pub fn parse_ms(text: &str) -> Option<u64> {
    let t = text.trim();
    let (number, unit_us) = [
        ("毫秒", 1_000u64),
        ("ms", 1_000),
        ("秒", 1_000_000),
        ("s", 1_000_000),
    ]
    .into_iter()
    .find_map(|(suffix, us)| t.strip_suffix(suffix).map(|n| (n.trim_end(), us)))
    .unwrap_or((t, 1_000));
    let (whole, frac) = match number.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(frac.is_empty() || digits(frac)) {
        return None;
    }
    let mut us = whole.parse::<u64>().ok()?.checked_mul(unit_us)?;
    // The fraction, to the µs.
    let mut scale = unit_us;
    for b in frac.bytes() {
        scale /= 10;
        us = us.checked_add(u64::from(b - b'0').checked_mul(scale)?)?;
    }
    Some(us)
}

/// `us` in ms, as a student types it: "40 ms", "40.5 ms", "60000 ms".
pub fn ms_text(us: u64, lang: Lang) -> String {
    let (ms, rest) = (us / 1_000, us % 1_000);
    let unit = lang.text(Key::Ms);
    if rest == 0 {
        return format!("{ms} {unit}");
    }
    let frac = format!("{rest:03}");
    format!("{ms}.{} {unit}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_durations_read_as_a_student_writes_them() {
        assert_eq!(parse_ms("40"), Some(40_000));
        assert_eq!(parse_ms(" 40.5 ms "), Some(40_500));
        assert_eq!(parse_ms("1,25"), Some(1_250));
        assert_eq!(parse_ms("1 s"), Some(1_000_000));
        assert_eq!(parse_ms("60秒"), Some(60_000_000));
        assert_eq!(parse_ms("200毫秒"), Some(200_000));
        assert_eq!(parse_ms("0.0004"), Some(0));
        for bad in [
            "",
            "ms",
            "-1",
            "1e3",
            "4 0",
            "1.2.3",
            ".5",
            "99999999999999999999",
        ] {
            assert_eq!(parse_ms(bad), None, "{bad}");
        }
        assert_eq!(ms_text(40_000, Lang::EN), "40 ms");
        assert_eq!(ms_text(40_500, Lang::EN), "40.5 ms");
        assert_eq!(ms_text(1_001, Lang::EN), "1.001 ms");
        assert_eq!(parse_ms(&ms_text(1_234_567, Lang::EN)), Some(1_234_567));
    }
}
