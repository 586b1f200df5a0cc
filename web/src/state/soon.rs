//! A slider's changes, simulated at the pace the page can draw them.
//!
//! Each `input` of a settings slider re-simulates and lays the trace out again: tens of
//! milliseconds on a long transfer (issue 16, docs/WEB.md "A slider change"). A key held on a
//! slider (auto-repeat, ~30 a second) or a drag while the page is busy queues inputs faster
//! than that, and simulating each in turn drew every value on the way: measured on the
//! 10,041-segment upload, 20 queued inputs took 4.4 s to reach the last one. So a slider's
//! change is kept here and simulated in a task of its own; inputs already queued run first
//! (the browser runs input before timers) and only replace the kept change, so the page
//! simulates the newest value once. A lone change waits one task, well under a frame.

use std::cell::RefCell;

use gloo_timers::callback::Timeout;
use yew::Callback;

use super::Action;
use crate::engine::Settings;

thread_local! {
    /// The newest change not simulated yet, and where to send it.
    static PENDING: RefCell<Option<(Callback<Action>, Settings)>> = const { RefCell::new(None) };
}

/// Sends `Action::Configure(settings)` to `dispatch` in a task of its own, unless a newer
/// change replaces it first.
pub fn configure(dispatch: &Callback<Action>, settings: Settings) {
    let waiting = PENDING.with(|p| p.borrow_mut().replace((dispatch.clone(), settings)));
    if waiting.is_none() {
        Timeout::new(0, flush).forget();
    }
}

fn flush() {
    if let Some((dispatch, settings)) = PENDING.with(|p| p.borrow_mut().take()) {
        dispatch.emit(Action::Configure(settings));
    }
}
