//! The narration of a laid-out trace, told step by step when first asked for.
//!
//! Telling every step of a long trace up front cost a slider change more than the layout
//! (issue 16: ~27 ms of ~60 on `bulk-transfer`, growing with the trace), while the page shows
//! a few steps at a time: the newest lines of the narration panel and the "now" step. So a
//! step is told ([`synack_diagram::narrate_step`]) the first time something reads it, and
//! kept.

use std::cell::OnceCell;
use std::rc::Rc;

use synack_diagram::{Ladder, StepText};
use synack_sim::Trace;

use crate::i18n::Lang;

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
    told: Vec<OnceCell<StepText>>,
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
    pub fn get(&self, i: usize) -> Option<&StepText> {
        Some(self.told.get(i)?.get_or_init(|| self.tell(i)))
    }

    fn tell(&self, i: usize) -> StepText {
        let mut s = self.ladder.narrate(&self.trace, i, self.lang);
        for (_, sentence) in self.notes.iter().filter(|(at, _)| *at == i) {
            if !s.text.is_empty() {
                s.text.push(' ');
            }
            s.text.push_str(sentence);
            s.sentences.push(sentence.clone());
        }
        s
    }

    /// Every step told, first to last (tests; the page reads the few it shows).
    #[cfg(test)]
    pub fn all(&self) -> impl Iterator<Item = &StepText> {
        (0..self.len()).filter_map(|i| self.get(i))
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
            (lazy.at, &lazy.text, &lazy.sentences),
            (eager.at, &eager.text, &eager.sentences)
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
        assert_eq!(one.sentences.last().map(String::as_str), Some("ⓘ two."));
        assert!(texts.all().filter(|s| s.text.contains('ⓘ')).count() == 1);
    }
}
