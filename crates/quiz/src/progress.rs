//! The student's record, kept by the browser (`localStorage`; no server, no account): per
//! scenario, how many attempts were finished, the best score, and the latest attempt — its
//! seed, loss and kinds (to make the same questions again after a reload) and which
//! questions were answered right or missed. Saved as a small versioned JSON string; a stored
//! value that cannot be read is ignored with the reason, never a panic.

use crate::kinds::Kinds;
use crate::question::Question;
use crate::texts::{render, Key};
use crate::Quiz;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use serde::{Deserialize, Serialize};
use synack_diagram::Lang;

/// The format's version, written as `"v"`.
pub const VERSION: u32 = 1;

/// At most this many scenarios are remembered (the least recently played is forgotten).
pub const MAX_RECORDS: usize = 64;

/// Everything remembered, the most recently played scenario last.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub records: Vec<Record>,
}

/// One scenario's record.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(rename = "s")]
    pub scenario: String,
    /// How many attempts were answered to the end.
    #[serde(rename = "n")]
    pub finished: u32,
    /// The best finished attempt: (right, questions).
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub best: Option<(u32, u32)>,
    /// The latest attempt, finished or not.
    #[serde(rename = "l")]
    pub last: Attempt,
}

/// One attempt: the run it quizzes and the answers so far.
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub seed: u64,
    /// The random loss of both links, parts per million (0: none).
    #[serde(rename = "loss", default)]
    pub loss_ppm: u32,
    #[serde(rename = "k")]
    pub kinds: Kinds,
    /// How many questions it asks.
    #[serde(rename = "t")]
    pub total: u32,
    /// The ids of the questions answered right, in the order answered.
    #[serde(rename = "ok", default)]
    pub right: Vec<u32>,
    /// The ids of the questions answered wrongly.
    #[serde(rename = "x", default)]
    pub missed: Vec<u32>,
}

impl Attempt {
    pub fn answered(&self) -> u32 {
        (self.right.len() + self.missed.len()) as u32
    }

    pub fn is_finished(&self) -> bool {
        self.answered() >= self.total
    }

    pub fn has_answered(&self, id: u32) -> bool {
        self.right.contains(&id) || self.missed.contains(&id)
    }

    /// The summary against the quiz this attempt was made of.
    pub fn summary<'q>(&self, quiz: &'q Quiz) -> Summary<'q> {
        Summary {
            right: self.right.len() as u32,
            answered: self.answered(),
            total: self.total,
            missed: self.missed.iter().filter_map(|&id| quiz.get(id)).collect(),
        }
    }
}

/// The end of an attempt: the score, and the questions missed (with their answers and
/// explanations).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary<'q> {
    pub right: u32,
    pub answered: u32,
    pub total: u32,
    pub missed: Vec<&'q Question>,
}

impl Summary<'_> {
    /// "7 of 9 right".
    pub fn score_text(&self, lang: Lang) -> String {
        let (right, total) = (self.right.to_string(), self.total.to_string());
        render(
            Key::Score,
            lang,
            &[("right", right.as_str()), ("total", total.as_str())],
        )
    }
}

/// Why a stored value was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ignored {
    /// Not this format's JSON (serde's message).
    NotJson(String),
    /// Written by another version of the format.
    Version(u32),
    /// Read, but it contradicts itself.
    Invalid(&'static str),
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ignored::NotJson(e) => write!(f, "the stored quiz progress is not readable: {e}"),
            Ignored::Version(v) => write!(
                f,
                "the stored quiz progress has version {v}, this page reads version {VERSION}"
            ),
            Ignored::Invalid(why) => write!(f, "the stored quiz progress is inconsistent: {why}"),
        }
    }
}

#[derive(Deserialize)]
struct Versioned {
    v: u32,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    #[serde(default)]
    r: Vec<Record>,
}

impl Progress {
    /// Reads what [`Progress::save`] wrote. Nothing stored (an empty string) is a fresh
    /// record; anything unreadable is an error that says why (the caller starts afresh).
    pub fn load(stored: &str) -> Result<Progress, Ignored> {
        if stored.trim().is_empty() {
            return Ok(Progress::default());
        }
        let version: Versioned =
            serde_json::from_str(stored).map_err(|e| Ignored::NotJson(e.to_string()))?;
        if version.v != VERSION {
            return Err(Ignored::Version(version.v));
        }
        let s: Stored =
            serde_json::from_str(stored).map_err(|e| Ignored::NotJson(e.to_string()))?;
        let progress = Progress { records: s.r };
        progress.check()?;
        Ok(progress)
    }

    /// The record as a small string.
    pub fn save(&self) -> String {
        let s = Stored {
            v: VERSION,
            r: self.records.clone(),
        };
        serde_json::to_string(&s).unwrap_or_default()
    }

    fn check(&self) -> Result<(), Ignored> {
        if self.records.len() > MAX_RECORDS {
            return Err(Ignored::Invalid("too many scenarios"));
        }
        for (i, r) in self.records.iter().enumerate() {
            if self
                .records
                .iter()
                .skip(i + 1)
                .any(|o| o.scenario == r.scenario)
            {
                return Err(Ignored::Invalid("a scenario is recorded twice"));
            }
            let a = &r.last;
            if a.answered() > a.total {
                return Err(Ignored::Invalid("more answers than questions"));
            }
            let ids: Vec<u32> = a.right.iter().chain(&a.missed).copied().collect();
            if ids
                .iter()
                .enumerate()
                .any(|(k, id)| ids.iter().skip(k + 1).any(|o| o == id))
            {
                return Err(Ignored::Invalid("a question is answered twice"));
            }
            if r.best.is_some_and(|(right, total)| right > total) {
                return Err(Ignored::Invalid("a best score above its questions"));
            }
        }
        Ok(())
    }

    /// The record of `scenario`.
    pub fn record(&self, scenario: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.scenario == scenario)
    }

    /// Starts an attempt at `scenario` (replacing its latest, finished or not) and makes it
    /// the most recently played.
    pub fn start(&mut self, scenario: &str, seed: u64, loss_ppm: u32, kinds: Kinds, total: u32) {
        let attempt = Attempt {
            seed,
            loss_ppm,
            kinds,
            total,
            right: Vec::new(),
            missed: Vec::new(),
        };
        let mut record = match self.records.iter().position(|r| r.scenario == scenario) {
            Some(i) => self.records.remove(i),
            None => Record {
                scenario: scenario.to_string(),
                finished: 0,
                best: None,
                last: attempt.clone(),
            },
        };
        record.last = attempt;
        self.records.push(record);
        while self.records.len() > MAX_RECORDS {
            self.records.remove(0);
        }
    }

    /// Records the answer to question `id` of `scenario`'s latest attempt (a second answer
    /// to one question, or an answer to an attempt that is over, is not counted). When it
    /// finishes the attempt, the attempt counts and the best score follows. Returns whether
    /// it was counted.
    pub fn answer(&mut self, scenario: &str, id: u32, right: bool) -> bool {
        let Some(r) = self.records.iter_mut().find(|r| r.scenario == scenario) else {
            return false;
        };
        if r.last.is_finished() || r.last.has_answered(id) {
            return false;
        }
        if right {
            r.last.right.push(id);
        } else {
            r.last.missed.push(id);
        }
        if r.last.is_finished() {
            r.finished = r.finished.saturating_add(1);
            let score = (r.last.right.len() as u32, r.last.total);
            // The better share right: a/b > c/d as a·d > c·b, in u64.
            let better = |(a, b): (u32, u32), (c, d): (u32, u32)| {
                u64::from(a) * u64::from(d.max(1)) > u64::from(c) * u64::from(b.max(1))
            };
            if r.best.is_none_or(|b| better(score, b)) {
                r.best = Some(score);
            }
        }
        true
    }

    /// Forgets everything ("forget my progress").
    pub fn forget(&mut self) {
        self.records.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_is_scored_kept_and_read_back() {
        let mut p = Progress::default();
        assert!(!p.answer("syn-lost", 0, true), "no attempt started");
        p.start("syn-lost", 7, 20_000, Kinds::ALL, 3);
        assert!(p.answer("syn-lost", 0, true));
        assert!(!p.answer("syn-lost", 0, false), "answered once only");
        assert!(p.answer("syn-lost", 4, false));
        assert_eq!(p.record("syn-lost").map(|r| r.finished), Some(0));
        assert!(p.answer("syn-lost", 5, true));
        assert!(!p.answer("syn-lost", 6, true), "the attempt is over");
        let r = p.record("syn-lost").cloned();
        assert_eq!(
            r.as_ref().map(|r| (r.finished, r.best)),
            Some((1, Some((2, 3))))
        );
        assert_eq!(r.map(|r| r.last.missed), Some(alloc::vec![4]));

        let saved = p.save();
        assert!(saved.starts_with("{\"v\":1,"), "{saved}");
        assert!(saved.len() < 160, "{saved}");
        assert_eq!(Progress::load(&saved), Ok(p.clone()));

        // A worse second attempt keeps the best; a better one replaces it.
        p.start("syn-lost", 8, 0, Kinds::ALL, 2);
        p.answer("syn-lost", 0, false);
        p.answer("syn-lost", 1, true);
        assert_eq!(p.record("syn-lost").and_then(|r| r.best), Some((2, 3)));
        p.start("syn-lost", 9, 0, Kinds::ALL, 1);
        p.answer("syn-lost", 3, true);
        let r = p.record("syn-lost");
        assert_eq!(r.map(|r| (r.finished, r.best)), Some((3, Some((1, 1)))));
        p.forget();
        assert_eq!(p, Progress::default());
    }

    #[test]
    fn a_bad_stored_value_is_ignored_with_its_reason() {
        assert_eq!(Progress::load(""), Ok(Progress::default()));
        assert!(matches!(Progress::load("{"), Err(Ignored::NotJson(_))));
        assert!(matches!(Progress::load("[1,2]"), Err(Ignored::NotJson(_))));
        assert!(matches!(
            Progress::load("{\"r\":[]}"),
            Err(Ignored::NotJson(_))
        ));
        assert_eq!(
            Progress::load("{\"v\":2,\"r\":[]}"),
            Err(Ignored::Version(2))
        );
        let attempt = |ok: &str, x: &str, t: u32| {
            alloc::format!(
                "{{\"v\":1,\"r\":[{{\"s\":\"a\",\"n\":0,\"l\":{{\"seed\":1,\"k\":\"flags\",\"t\":{t},\"ok\":[{ok}],\"x\":[{x}]}}}}]}}"
            )
        };
        assert!(Progress::load(&attempt("1", "2", 2)).is_ok());
        assert_eq!(
            Progress::load(&attempt("1", "1", 2)),
            Err(Ignored::Invalid("a question is answered twice"))
        );
        assert_eq!(
            Progress::load(&attempt("1,2", "3", 2)),
            Err(Ignored::Invalid("more answers than questions"))
        );
        let bad_kinds = attempt("", "", 1).replace("flags", "flogs");
        let e = Progress::load(&bad_kinds);
        assert!(
            matches!(&e, Err(Ignored::NotJson(m)) if m.contains("flogs")),
            "{e:?}"
        );
        // Whatever the bytes, an answer and no panic.
        let saved = {
            let mut p = Progress::default();
            p.start("x", 1, 0, Kinds::ALL, 2);
            p.answer("x", 1, false);
            p.save()
        };
        for cut in 0..saved.len() {
            let _ = Progress::load(saved.get(..cut).unwrap_or(""));
        }
        assert!(Ignored::Version(2).to_string().contains("version 2"));
    }
}
