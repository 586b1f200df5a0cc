//! Embed mode's half of docs/EMBED.md: report the content height to the parent
//! (`synack:resize`, from a `ResizeObserver` on the document element, never twice the same
//! value) and play on `synack:play` from `window.parent` only. The `synack:play` listener is
//! installed first, so the first height report also means "ready".

use js_sys::{Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::listen::{listen, Listener};
use crate::state::Action;

/// The largest height reported; taller content scrolls inside the frame.
pub const MAX_HEIGHT: f64 = 5000.0;

/// A height for `synack:resize`: whole CSS px, 1..=5000; `None` for nothing to report.
pub fn report_height(raw: f64) -> Option<u32> {
    if !raw.is_finite() || raw <= 0.0 {
        return None;
    }
    Some(raw.ceil().min(MAX_HEIGHT) as u32)
}

/// Whether `data` is `{type: "synack:play", …}`.
fn is_play(data: &JsValue) -> bool {
    data.is_object()
        && Reflect::get(data, &JsValue::from_str("type"))
            .ok()
            .and_then(|t| t.as_string())
            .is_some_and(|t| t == "synack:play")
}

struct Guards {
    _message: Option<Listener>,
    observer: Option<web_sys::ResizeObserver>,
    _callback: Option<Closure<dyn FnMut(JsValue)>>,
}

impl Drop for Guards {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

fn install(id: Option<String>, dispatch: Callback<Action>) -> Option<Guards> {
    let win = web_sys::window()?;
    let parent = win.parent().ok().flatten()?;
    let framed = !Object::is(&parent, &win);
    // 1. Listen for synack:play from the parent window only (any origin).
    let parent_v: JsValue = parent.clone().into();
    let message = listen(&win, "message", move |e| {
        let Some(m) = e.dyn_ref::<web_sys::MessageEvent>() else {
            return;
        };
        let from_parent = m.source().is_some_and(|s| Object::is(&s, &parent_v));
        if framed && from_parent && is_play(&m.data()) {
            dispatch.emit(Action::Play);
        }
    });
    if !framed {
        return Some(Guards {
            _message: Some(message),
            observer: None,
            _callback: None,
        });
    }
    // 2. Report the content height whenever it changes.
    let root = win.document()?.document_element()?;
    let root2 = root.clone();
    let mut last = 0u32;
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        let Some(h) = report_height(root2.get_bounding_client_rect().height()) else {
            return;
        };
        if h == last {
            return;
        }
        last = h;
        let msg = Object::new();
        let _ = Reflect::set(&msg, &"type".into(), &"synack:resize".into());
        let _ = Reflect::set(&msg, &"height".into(), &JsValue::from(h));
        let idv = id.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        let _ = Reflect::set(&msg, &"id".into(), &idv);
        let _ = parent.post_message(&msg, "*");
    });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&root);
    }
    Some(Guards {
        _message: Some(message),
        observer,
        _callback: Some(callback),
    })
}

/// In embed mode: the resize reports and the `synack:play` listener, for the page's life.
#[hook]
pub fn use_embed(on: bool, id: Option<String>, dispatch: Callback<Action>) {
    use_effect_with(on, move |&on| {
        let guards = if on { install(id, dispatch) } else { None };
        move || drop(guards)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn heights_are_whole_bounded_and_positive() {
        assert_eq!(report_height(611.2), Some(612));
        assert_eq!(report_height(9000.0), Some(5000));
        assert_eq!(report_height(0.0), None);
        assert_eq!(report_height(f64::NAN), None);
    }
}
