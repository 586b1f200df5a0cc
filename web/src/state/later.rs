//! What a new layout replaces is freed once the page is idle after the new picture, not
//! between the input and the picture.
//!
//! Freeing a long trace is not free: a 10,000-segment trace is some 50,000 allocations (each
//! segment's options, payload and wire bytes, each event's data, each snapshot's timers), and
//! its ladder and narration more: 6–12 ms of the page's CPU per slider change (issue 16,
//! docs/WEB.md "A slider change"). So the model hands the ladder and narration it replaces
//! (the narration holds the old trace) to [`drop_after_paint`], which keeps them until a
//! `requestIdleCallback` (the browser calls it after the frame is painted and its other tasks
//! have run; where there is none, a `setTimeout` of 0). At most one replaced layout waits: a
//! change before that callback frees the waiting one at once, so a drag never piles up traces.

use std::cell::RefCell;
use std::rc::Rc;

use synack_diagram::Ladder;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::told::StepTexts;

/// A replaced ladder and its narration (which holds the trace it was laid out from).
type Old = (Rc<Ladder>, Rc<StepTexts>);

thread_local! {
    /// The replaced layout waiting for the idle callback.
    static OLD: RefCell<Option<Old>> = const { RefCell::new(None) };
}

/// Keeps `old` until the page is next idle. Without a window (a test in Node) it is freed at
/// once.
pub fn drop_after_paint(old: Old) {
    let waiting = OLD.with(|o| o.borrow_mut().replace(old));
    if waiting.is_some() {
        // Its callback is on its way and will free `old`; the one it waited for goes now.
        drop(waiting);
        return;
    }
    let free = Closure::once_into_js(|| drop(OLD.with(|o| o.borrow_mut().take())));
    let scheduled = web_sys::window().is_some_and(|w| {
        let f = free.unchecked_ref();
        w.request_idle_callback(f).is_ok()
            || w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 0)
                .is_ok()
    });
    if !scheduled {
        drop(OLD.with(|o| o.borrow_mut().take()));
    }
}
