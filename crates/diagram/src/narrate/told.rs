//! A step told sentence by sentence, each rendered when read.
//!
//! A step of a long transfer tells of hundreds of segments: on the 10,041-segment upload a
//! step of the bench's playhead has ~540 sentences, 20,000–48,000 characters, while a page
//! draws `StepText::brief(1200)` of it (the first sentences, a count, the last). Rendering
//! every sentence (its numbers, summaries and template: some ten allocations each) to keep a
//! few was most of what a slider change spent on the narration (issue 16). [`Told::brief`]
//! renders only the sentences the brief keeps, and [`Told::chars_up_to`] counts the whole text's
//! characters, as far as a page needs, without keeping it.

use alloc::string::String;
use alloc::vec::Vec;

use super::clause::Clause;
use super::step::{clauses, Cx, StepText, WhyText};
use super::{text, Key};
use crate::steps::{Step, Steps};
use crate::timeline::Timeline;
use crate::{Lang, SeqMode};
use synack_core::Instant;
use synack_sim::Trace;

/// One step's sentences, rendered when read.
pub struct Told<'a> {
    cx: Cx<'a>,
    step: Option<&'a Step>,
    clauses: Vec<Clause<'a>>,
}

/// A step's text shortened as [`StepText::brief`] shortens it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brief {
    /// The text drawn.
    pub text: String,
    /// How many sentences it leaves out (0: it is the whole text).
    pub left_out: usize,
}

impl<'a> Told<'a> {
    /// The step `index` of `steps`, to be told in `lang` with sequence numbers per `mode`
    /// (no sentence for an index out of range).
    pub fn new(
        trace: &'a Trace,
        steps: &'a Steps,
        timeline: &'a Timeline,
        index: usize,
        lang: Lang,
        mode: SeqMode,
    ) -> Told<'a> {
        let cx = Cx {
            trace,
            tl: timeline,
            mode,
            lang,
        };
        let step = steps.get(index);
        Told {
            cx,
            step,
            clauses: step.map(|s| clauses(&cx, s)).unwrap_or_default(),
        }
    }

    /// The step's instant.
    pub fn at(&self) -> Instant {
        self.step.map_or(Instant::ZERO, |s| s.at)
    }

    /// How many sentences the step has.
    pub fn len(&self) -> usize {
        self.clauses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// Sentence `i`, with its full stop.
    pub fn sentence(&self, i: usize) -> Option<String> {
        Some(self.clauses.get(i)?.render(&self.cx))
    }

    /// The explanations attached to the step.
    pub fn whys(&self) -> Vec<WhyText> {
        self.step.map_or_else(Vec::new, |s| {
            s.whys
                .iter()
                .map(|&w| self.cx.why_text(w, s.at, s.events.as_slice()))
                .collect()
        })
    }

    /// Every sentence rendered: [`super::narrate_step`]'s text.
    pub fn into_text(self) -> StepText {
        let sentences: Vec<String> = self.clauses.iter().map(|c| c.render(&self.cx)).collect();
        StepText {
            at: self.at(),
            text: sentences.join(text(Key::Space, self.cx.lang)),
            whys: self.whys(),
            sentences,
        }
    }

    /// What [`StepText::brief`]`(max)` gives for this step with `extra` sentences after its
    /// own, each after a space (a page's notes: a capture's, a script's mismatch), rendering
    /// only the sentences it keeps (the first ones and the last), unless nothing is left out.
    pub fn brief(&self, max: usize, extra: &[&str]) -> Brief {
        let own = self.clauses.len();
        let n = own + extra.len();
        let get = |i: usize| -> String {
            match i.checked_sub(own) {
                None => self.sentence(i).unwrap_or_default(),
                Some(e) => extra.get(e).map_or_else(String::new, |s| String::from(*s)),
            }
        };
        let space = text(Key::Space, self.cx.lang);
        let sep = |i: usize| match i {
            0 => "",
            i if i < own => space,
            _ => " ",
        };
        // The first sentences, until their bytes (without what joins them) pass `max`: the
        // whole text's do then too, and the brief keeps no more than those.
        let (mut kept, mut bytes, mut used) = (Vec::new(), 0, 0);
        while kept.len() < n {
            let s = get(kept.len());
            bytes += sep(kept.len()).len() + s.len();
            used += s.len();
            kept.push(s);
            if used > max {
                break;
            }
        }
        let whole = |mut kept: Vec<String>| {
            kept.extend((kept.len()..n).map(get));
            let mut out = String::new();
            for (i, s) in kept.iter().enumerate() {
                out.push_str(sep(i));
                out.push_str(s);
            }
            Brief {
                text: out,
                left_out: 0,
            }
        };
        if bytes <= max || n < 3 {
            return whole(kept);
        }
        let head = head(kept.iter().map(String::as_str), n, max);
        if head + 1 >= n {
            return whole(kept);
        }
        Brief {
            text: shortened(kept.get(..head).unwrap_or_default(), n, &get(n - 1)),
            left_out: n - 1 - head,
        }
    }

    /// The characters of the whole text with `extra` sentences as [`Told::brief`] adds
    /// them, counted sentence by sentence until they pass `limit` (a page needs no more):
    /// the exact count if it is at most `limit`, else some count above it. None is kept.
    pub fn chars_up_to(&self, limit: usize, extra: &[&str]) -> usize {
        let own = self.clauses.len();
        let space = text(Key::Space, self.cx.lang).chars().count();
        let mut chars = 0;
        for (i, c) in self.clauses.iter().enumerate() {
            chars += usize::from(i > 0) * space + c.render(&self.cx).chars().count();
            if chars > limit {
                return chars;
            }
        }
        for (i, s) in extra.iter().enumerate() {
            chars += usize::from(own + i > 0) + s.chars().count();
        }
        chars
    }
}

/// How many of a step's `n` sentences a brief keeps before its count: the first ones while
/// their bytes fit in `max`, at least one, never the last (it follows the count).
pub(super) fn head<'s>(sentences: impl Iterator<Item = &'s str>, n: usize, max: usize) -> usize {
    let mut used = 0;
    sentences
        .take(n.saturating_sub(1))
        .take_while(|s| {
            used += s.len();
            used <= max
        })
        .count()
        .max(1)
}

/// A brief of `n` sentences: the `kept` first ones, `… (+N) …` for those left out, the last.
pub(super) fn shortened(kept: &[String], n: usize, last: &str) -> String {
    let mut out = kept.join(" ");
    out.push_str(&alloc::format!(" … (+{}) … ", n - 1 - kept.len()));
    out.push_str(last);
    out
}
