//! The narration of a laid-out trace, told step by step when first asked for.
//!
//! Telling every step of a long trace up front cost a slider change more than the layout
//! (issue 16: ~27 ms of ~60 on `bulk-transfer`, growing with the trace), while the page shows
//! a few steps at a time: the newest lines of the narration panel and the "now" step. So a
//! step is told the first time something reads it, and kept; and told as the page draws it,
//! shortened to [`LINE_MAX`] bytes ([`synack_diagram::Told::brief`]: the first sentences, how
//! many more, the last). A step of the 10,041-segment upload has ~540 sentences, and
//! rendering them all to draw a few cost ~0.2 ms natively per step, four steps per change;
//! the brief renders the few it keeps ([`StepTexts::chars_up_to`] counts the rest when the
//! panel must know how long a step is).

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use synack_core::Instant;
use synack_diagram::{Ladder, Told, WhyText};
use synack_sim::Trace;

use crate::i18n::Lang;

/// Bytes of one step's sentences drawn ([`synack_diagram::StepText::brief`]): the first ones,
/// how many more, the last.
pub const LINE_MAX: usize = 1200;

/// A step as the page draws it.
#[derive(Debug)]
pub struct StepBrief {
    pub at: Instant,
    /// The step's sentences (and notes) shortened to [`LINE_MAX`] bytes, as
    /// `StepText::brief(LINE_MAX)` gives them.
    pub text: String,
    pub whys: Vec<WhyText>,
    /// The whole text's characters as far as counted (`chars_up_to`): exact, or past the
    /// limit it was counted to.
    chars: Cell<Option<(usize, bool)>>,
}

/// Every step of a ladder told in one language (index = step index), on demand.
#[derive(Debug)]
pub struct StepTexts {
    trace: Rc<Trace>,
    ladder: Rc<Ladder>,
    lang: Lang,
    /// Sentences added to steps (a packetdrill mismatch, a capture's notes): step index and
    /// sentence, in the order they are added.
    notes: Vec<(usize, String)>,
    /// The steps told so far.
    told: Vec<OnceCell<StepBrief>>,
}

impl StepTexts {
    /// The steps of `ladder` (laid out from `trace`), to be told in `lang` with `notes`
    /// added to theirs.
    pub fn new(
        trace: Rc<Trace>,
        ladder: Rc<Ladder>,
        lang: Lang,
        notes: Vec<(usize, String)>,
    ) -> StepTexts {
        StepTexts {
            told: (0..ladder.steps.len()).map(|_| OnceCell::new()).collect(),
            trace,
            ladder,
            lang,
            notes,
        }
    }

    /// How many steps there are.
    pub fn len(&self) -> usize {
        self.ladder.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Step `i` told (`None` past the last step).
    pub fn get(&self, i: usize) -> Option<&StepBrief> {
        Some(self.told.get(i)?.get_or_init(|| self.tell(i)))
    }

    fn told(&self, i: usize) -> Told<'_> {
        let l = &self.ladder;
        Told::new(
            &self.trace,
            &l.steps,
            &l.timeline,
            i,
            self.lang,
            l.options.seq,
        )
    }

    /// Step `i`'s notes.
    fn notes(&self, i: usize) -> Vec<&str> {
        self.notes
            .iter()
            .filter(|(at, _)| *at == i)
            .map(|(_, s)| s.as_str())
            .collect()
    }

    fn tell(&self, i: usize) -> StepBrief {
        let told = self.told(i);
        let brief = told.brief(LINE_MAX, &self.notes(i));
        StepBrief {
            at: told.at(),
            whys: told.whys(),
            chars: Cell::new((brief.left_out == 0).then(|| (brief.text.chars().count(), true))),
            text: brief.text,
        }
    }

    /// The characters of step `i`'s whole text (its notes too), if there are at most
    /// `limit`; else some count above `limit`. `None` past the last step.
    pub fn chars_up_to(&self, i: usize, limit: usize) -> Option<usize> {
        let s = self.get(i)?;
        match s.chars.get() {
            Some((n, exact)) if exact || n > limit => return Some(n),
            _ => {}
        }
        let n = self.told(i).chars_up_to(limit, &self.notes(i));
        s.chars.set(Some((n, n <= limit)));
        Some(n)
    }

    /// Every step told in full, first to last (tests; the page reads the few it shows).
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = synack_diagram::StepText> + '_ {
        (0..self.len()).map(|i| {
            let mut s = self.told(i).into_text();
            for sentence in self.notes(i) {
                if !s.text.is_empty() {
                    s.text.push(' ');
                }
                s.text.push_str(sentence);
                s.sentences.push(sentence.to_string());
            }
            s
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, Settings};
    use synack_diagram::{narrate_step, LadderOptions};

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn laid_out(preset: &str) -> (Rc<Trace>, Rc<Ladder>) {
        let trace = engine::simulate(&Settings::for_preset(preset)).unwrap();
        let ladder = Ladder::new(&trace, &LadderOptions::default());
        (Rc::new(trace), Rc::new(ladder))
    }

    #[test]
    fn a_step_is_told_when_read_as_narrate_step_tells_it_and_kept() {
        let (trace, ladder) = laid_out("handshake-and-close");
        let texts = StepTexts::new(Rc::clone(&trace), Rc::clone(&ladder), Lang::EN, Vec::new());
        assert!(texts.len() > 3);
        assert_eq!(texts.len(), ladder.steps.len());
        // Nothing is told before it is read.
        assert!(texts.told.iter().all(|s| s.get().is_none()));
        let opts = LadderOptions::default();
        let eager = narrate_step(
            &trace,
            &ladder.steps,
            &ladder.timeline,
            2,
            Lang::EN,
            opts.seq,
        );
        let lazy = texts.get(2).unwrap();
        assert_eq!(
            (lazy.at, lazy.text.as_str(), &lazy.whys),
            (eager.at, eager.text.as_str(), &eager.whys)
        );
        assert!(!lazy.text.is_empty());
        // Read once, kept: the same text again, and only that step told.
        assert!(std::ptr::eq(lazy, texts.get(2).unwrap()));
        let told = texts.told.iter().filter(|s| s.get().is_some()).count();
        assert_eq!(told, 1);
        assert!(texts.get(texts.len()).is_none());
    }

    #[test]
    fn notes_are_added_to_their_steps_only() {
        let (trace, ladder) = laid_out("handshake-and-close");
        let notes = vec![(1, "ⓘ one.".to_string()), (1, "ⓘ two.".to_string())];
        let texts = StepTexts::new(trace, ladder, Lang::EN, notes);
        let one = texts.get(1).unwrap();
        assert!(one.text.ends_with(" ⓘ one. ⓘ two."), "{}", one.text);
        let whole = texts.all().nth(1).unwrap();
        assert_eq!(whole.sentences.last().map(String::as_str), Some("ⓘ two."));
        assert_eq!(one.text, whole.text);
        assert_eq!(
            texts.chars_up_to(1, 10_000),
            Some(whole.text.chars().count())
        );
        assert!(texts.all().filter(|s| s.text.contains('ⓘ')).count() == 1);
    }

    #[test]
    fn a_long_step_is_told_as_its_whole_texts_brief_and_counted_as_far_as_asked() {
        let (trace, ladder) = laid_out("bulk-transfer");
        let last = ladder.steps.len() - 1;
        let notes = vec![(last, "ⓘ a note.".to_string())];
        let texts = StepTexts::new(trace, ladder, Lang::EN, notes);
        let mut shortened = 0;
        for (i, whole) in texts.all().enumerate() {
            let s = texts.get(i).unwrap();
            assert_eq!(s.text, whole.brief(LINE_MAX), "step {i}");
            assert_eq!((s.at, &s.whys), (whole.at, &whole.whys));
            let chars = whole.text.chars().count();
            shortened += usize::from(s.text != whole.text);
            for limit in [0, 2000, usize::MAX] {
                let n = texts.chars_up_to(i, limit).unwrap();
                assert!(
                    if chars <= limit {
                        n == chars
                    } else {
                        n > limit
                    },
                    "step {i}"
                );
            }
        }
        assert!(shortened > 0);
        assert!(texts.get(last).unwrap().text.ends_with(" ⓘ a note."));
        assert_eq!(texts.chars_up_to(texts.len(), 0), None);
    }
}
