//! Presenter mode's browser side: the Fullscreen API, called defensively (a refused request
//! only leaves the non-fullscreen presenter view; its promise's rejection is caught so it
//! never reaches the console as an error).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Calls `target[method]()` if it exists, swallowing a rejected promise.
fn call(target: &JsValue, method: &str) {
    let Some(f) = Reflect::get(target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return;
    };
    if let Ok(r) = f.call0(target) {
        if let Ok(p) = r.dyn_into::<Promise>() {
            // A few bytes per request, kept for the promise's life.
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
            let _ = p.catch(&ignore);
            ignore.forget();
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

pub fn is_fullscreen() -> bool {
    document().is_some_and(|d| d.fullscreen_element().is_some())
}

/// Asks for fullscreen on the whole page (needs a user gesture; may be refused).
pub fn enter_fullscreen() {
    if let Some(el) = document().and_then(|d| d.document_element()) {
        if !is_fullscreen() {
            call(&el.into(), "requestFullscreen");
        }
    }
}

pub fn exit_fullscreen() {
    if let Some(d) = document() {
        if d.fullscreen_element().is_some() {
            call(&d.into(), "exitFullscreen");
        }
    }
}

/// Takes the focus off whatever has it (the "Present" button just clicked).
pub fn blur_focus() {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.blur();
    }
}
