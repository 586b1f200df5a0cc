//! The browser clock: a `requestAnimationFrame` loop that reports the milliseconds between
//! frames while `running`. The closure lives in a `use_mut_ref` and the pending frame is
//! cancelled when playback stops or the component goes away, so no callback outlives it.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Default)]
struct Loop {
    /// Cleared by `cancel`; a frame already running then does not ask for another.
    running: bool,
    frame: Option<i32>,
    last: Option<f64>,
    closure: Option<Closure<dyn FnMut(f64)>>,
}

fn request(lp: &Rc<RefCell<Loop>>) {
    let Some(win) = web_sys::window() else { return };
    let Ok(mut l) = lp.try_borrow_mut() else {
        return;
    };
    if !l.running {
        return;
    }
    let id = l
        .closure
        .as_ref()
        .and_then(|c| win.request_animation_frame(c.as_ref().unchecked_ref()).ok());
    l.frame = id;
}

fn cancel(lp: &Rc<RefCell<Loop>>) {
    if let Ok(mut l) = lp.try_borrow_mut() {
        if let (Some(id), Some(win)) = (l.frame.take(), web_sys::window()) {
            let _ = win.cancel_animation_frame(id);
        }
        l.last = None;
        // The closure itself is kept: this may run from inside it (a frame's dispatch can
        // re-render synchronously), and dropping a running closure is an error. The next
        // start replaces it; unmounting drops it with the hook.
        l.running = false;
    }
}

/// Calls `on_frame(ms since the previous frame)` once per animation frame while `running`.
#[hook]
pub fn use_animation_frames(running: bool, on_frame: Callback<f64>) {
    let lp = use_mut_ref(Loop::default);
    use_effect_with(running, move |&running| {
        if running {
            let weak = Rc::downgrade(&lp);
            let closure = Closure::<dyn FnMut(f64)>::new(move |now: f64| {
                let Some(lp) = weak.upgrade() else { return };
                let dt = {
                    let Ok(mut l) = lp.try_borrow_mut() else {
                        return;
                    };
                    let dt = l.last.map_or(0.0, |last| now - last);
                    l.last = Some(now);
                    l.frame = None;
                    dt
                };
                on_frame.emit(dt);
                request(&lp);
            });
            if let Ok(mut l) = lp.try_borrow_mut() {
                l.closure = Some(closure);
                l.last = None;
                l.running = true;
            }
            request(&lp);
        }
        move || cancel(&lp)
    });
}
