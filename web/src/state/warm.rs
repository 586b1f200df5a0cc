//! The reader's first slider change, as quick as the next ones.
//!
//! WebAssembly in V8 starts on a baseline compiler and optimizes a function only after it
//! has run hot, and the page's memory grows the first time it must hold a second trace (the
//! one on screen stays until the new one replaces it). Both fell on the first settings change:
//! measured on the 10,041-segment upload, 72–83 ms from the input to the painted picture
//! against 33–50 ms for the changes after it (`bulk-transfer`: 42–56 against 20–30).
//!
//! The page first simulated and laid out its run once more when it was first idle and dropped
//! the result: the first change fell to 49–68 ms (10k upload) and 25–48
//! (`bulk-transfer`). What it left cold was the rest of a change: Yew's diff of the new
//! ladder, the narration, the glue to the DOM. A trace of the first change (2026-12-08) showed
//! V8 still optimizing 15–22 ms of such code on another thread while the change ran, ~2–3 ms
//! on later changes, and on a 2-core machine that thread competes with the page.
//! [`rerender_when_idle`] instead sends [`Action::Warm`], which re-simulates the settings on
//! screen (the same trace, bit for bit) and lays it out with the flights folded as they are
//! (`Model::warm`), and the page draws it as a change would: the DOM is unchanged, and the
//! first real change finds the whole path optimized (measured in the same sitting, 8 pages
//! each: the optimizing during the first change 22 → 3.5 ms on `bulk-transfer`, 15 → 4.3 ms
//! on the 10k upload). Not while a data-phase view is shown (it redraws a new trace from
//! scratch, which the reader would see) or in quiz mode. It runs once, in a `requestIdleCallback` (never where the browser has
//! none), and costs one change of the run on screen: ~1 ms for the default preset, ~40 ms
//! for the 10k upload.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::Action;
use crate::engine::Settings;

/// Sends [`Action::Warm`]`(settings)` to `dispatch` when the page is next idle: the
/// settings on screen simulated, laid out and drawn once more, if nothing changed meanwhile.
pub fn rerender_when_idle(settings: Settings, dispatch: Callback<Action>) {
    let warm = Closure::once_into_js(move || dispatch.emit(Action::Warm(settings)));
    if let Some(w) = web_sys::window() {
        let _ = w.request_idle_callback(warm.unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use yew::Reducible;

    use super::super::{Action, AppState, DataView};
    use crate::engine::Settings;
    use crate::i18n::Lang;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_warm_draws_the_same_run_again_and_nothing_once_anything_changed() {
        let s = Rc::new(AppState::new(
            Settings::for_preset("handshake-and-close"),
            Lang::EN,
            false,
        ));
        let s = s
            .reduce(Action::StepForward)
            .reduce(Action::Select(Some(1)));
        let settings = s.model.settings.clone();
        let warm = Rc::clone(&s).reduce(Action::Warm(settings.clone()));
        // A new trace, ladder and narration, equal to the old: the page draws them again.
        assert!(!Rc::ptr_eq(&warm.model.trace, &s.model.trace));
        assert!(!Rc::ptr_eq(&warm.model.ladder, &s.model.ladder));
        assert_eq!(warm.model.trace, s.model.trace);
        assert_eq!(
            format!("{:?}", warm.model.ladder),
            format!("{:?}", s.model.ladder)
        );
        assert_eq!(warm.playback.playhead, s.playback.playhead);
        assert_eq!(warm.model.selection, Some(1));
        // Other settings than those shown, or playing: nothing happens.
        let other = Rc::clone(&s).reduce(Action::Warm(Settings::for_preset("syn-lost")));
        assert!(Rc::ptr_eq(&other, &s));
        let tsg = Rc::clone(&s).reduce(Action::SetView(DataView::Tsg));
        let unseen = Rc::clone(&tsg).reduce(Action::Warm(settings.clone()));
        assert!(Rc::ptr_eq(&unseen, &tsg), "a data-phase view would redraw");
        let playing = s.reduce(Action::Play);
        let still = Rc::clone(&playing).reduce(Action::Warm(settings));
        assert!(Rc::ptr_eq(&still, &playing));
    }

    #[test]
    fn a_warm_keeps_the_flights_as_the_reader_folded_them() {
        let s = Rc::new(AppState::new(
            Settings::for_preset("bulk-transfer"),
            Lang::EN,
            false,
        ));
        assert!(!s.model.flights.list.is_empty());
        let folded = s.model.collapsed.is_collapsed(0);
        let s = s.reduce(Action::Fold(0, !folded));
        assert_eq!(s.model.collapsed.is_collapsed(0), !folded);
        let warm = Rc::clone(&s).reduce(Action::Warm(s.model.settings.clone()));
        assert!(!Rc::ptr_eq(&warm.model.ladder, &s.model.ladder));
        assert_eq!(warm.model.collapsed.is_collapsed(0), !folded);
        assert_eq!(
            format!("{:?}", warm.model.ladder),
            format!("{:?}", s.model.ladder)
        );
    }
}
