//! # synack-quiz: learn by predicting, graded by the engine
//!
//! A pure function of a [`Trace`] and a playhead: before each step worth predicting (a
//! segment sent, a state entered, a timer expiring), the questions that fit the moment —
//! what is sent next ([`Kind::Flags`]), its sequence and acknowledgment numbers
//! ([`Kind::Seq`]), the state a side enters ([`Kind::State`]), how long the timer that
//! drives it runs ([`Kind::Time`]), and why ([`Kind::Why`], from the narration's whys). The
//! answer key is the trace itself; wrong options are made from the engine's alternatives.
//! Every text is in the `quiz` table ([`texts::Key`]), in every language.
//!
//! ```
//! use synack_quiz::{Kinds, Quiz, Response};
//! let scenario = synack_sim::preset("syn-lost").expect("a preset");
//! let trace = synack_sim::run(&scenario, &synack_sim::Config::for_scenario(&scenario)).expect("a run");
//! let quiz = Quiz::new(&trace, Kinds::ALL, synack_diagram::Lang::EN);
//! let first = quiz.next(None);
//! assert_eq!(first.first().map(|q| q.prompt.as_str()), Some("What happens first?"));
//! ```
//!
//! [`Progress`] is the student's record (a score per scenario, what was missed), kept as a
//! small versioned string. See docs/QUIZ.md.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod ask;
#[cfg(feature = "bin")]
pub mod bin;
pub mod cite;
mod kinds;
mod moment;
pub mod progress;
mod question;
pub mod texts;

pub use cite::Cite;
pub use kinds::{Kind, Kinds, KindsError};
pub use moment::Class;
pub use progress::{Attempt, Ignored, Progress, Record, Summary};
pub use question::{ms_text, parse_ms, Answer, Choice, Question, Response, Value, Verdict};

use alloc::vec::Vec;
use synack_core::Instant;
use synack_diagram::{narrate_step, Lang, SeqMode, Steps, Timeline};
use synack_sim::Trace;

/// Every question of one trace, in the order they are asked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

impl Quiz {
    /// The questions of `kinds` about `trace`, in `lang`. Ids count every question of every
    /// kind, so that a filter keeps them.
    pub fn new(trace: &Trace, kinds: Kinds, lang: Lang) -> Quiz {
        Quiz::with(
            trace,
            &Steps::new(trace),
            &Timeline::new(trace),
            kinds,
            lang,
        )
    }

    /// [`Quiz::new`] with the steps and timeline the caller already has (the web app's
    /// `Ladder` holds both: `ladder.steps`, `ladder.timeline`).
    pub fn with(trace: &Trace, steps: &Steps, tl: &Timeline, kinds: Kinds, lang: Lang) -> Quiz {
        let mut taught = Vec::new();
        for w in steps.list.iter().flat_map(|s| s.whys.iter()) {
            if !taught.contains(w) {
                taught.push(*w);
            }
        }
        let cx = ask::Cx {
            trace,
            tl,
            lang,
            taught,
        };
        let mut questions = Vec::new();
        let mut id = 0u32;
        for m in moment::moments(trace, steps) {
            let told = narrate_step(trace, steps, tl, m.step, lang, SeqMode::Relative);
            for mut q in cx.questions(&m, &told) {
                q.id = id;
                id = id.saturating_add(1);
                if kinds.contains(q.kind) {
                    questions.push(q);
                }
            }
        }
        Quiz { questions }
    }

    /// The questions asked next when the ladder shows the trace up to `playhead` (`None`:
    /// nothing shown yet): those of the first step after it that has any, in order. Empty
    /// when no question is left.
    pub fn next(&self, playhead: Option<Instant>) -> &[Question] {
        let after = |q: &Question| playhead.is_some_and(|p| q.reveal_at <= p);
        let start = self.questions.partition_point(after);
        let Some(step) = self.questions.get(start).map(|q| q.step) else {
            return &[];
        };
        let len = self
            .questions
            .get(start..)
            .map_or(0, |rest| rest.partition_point(|q| q.step == step));
        self.questions.get(start..start + len).unwrap_or(&[])
    }

    /// The question with this id, if this quiz asks it.
    pub fn get(&self, id: u32) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// The questions asked next at `playhead` (see [`Quiz::next`]): the pure function of the
/// trace and the playhead, for a caller that keeps nothing.
pub fn questions_at(
    trace: &Trace,
    playhead: Option<Instant>,
    kinds: Kinds,
    lang: Lang,
) -> Vec<Question> {
    Quiz::new(trace, kinds, lang).next(playhead).to_vec()
}
