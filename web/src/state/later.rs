//! What a new layout replaces is freed after the new picture is painted, not before.
//!
//! Freeing a long trace is not free: a 10,000-segment trace is some 50,000 allocations (each
//! segment's options, payload and wire bytes, each event's data, each snapshot's timers), and
//! its ladder and narration more: 6–12 ms of the page's CPU per slider change (issue 16,
//! docs/WEB.md "A slider change"). Freed where the model lets go of it, that work sits between the input and the
//! new picture. So the model hands the ladder and narration it replaces (the narration holds
//! the old trace) to [`drop_after_paint`], which keeps them until the frame after the next
//! paint (a `requestAnimationFrame` callback, then a task: that task runs after the paint).

use std::cell::RefCell;
use std::rc::Rc;

use synack_diagram::Ladder;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::told::StepTexts;

/// A replaced ladder and its narration (which holds the trace it was laid out from).
type Old = (Rc<Ladder>, Rc<StepTexts>);

thread_local! {
    /// Kept until the next paint; at most a few (one per change before that paint).
    static OLD: RefCell<Vec<Old>> = const { RefCell::new(Vec::new()) };
}

/// Keeps `old` until after the next paint. Without a window (a test in Node) it is freed
/// at once.
pub fn drop_after_paint(old: Old) {
    let first = OLD.with(|o| {
        let mut o = o.borrow_mut();
        o.push(old);
        o.len() == 1
    });
    if !first {
        return; // already scheduled
    }
    let free = || drop(OLD.with(|o| std::mem::take(&mut *o.borrow_mut())));
    let after_paint = Closure::once_into_js(move || {
        gloo_timers::callback::Timeout::new(0, free).forget();
    });
    let scheduled = web_sys::window()
        .and_then(|w| w.request_animation_frame(after_paint.unchecked_ref()).ok())
        .is_some();
    if !scheduled {
        free();
    }
}
