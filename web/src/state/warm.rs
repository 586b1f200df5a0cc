//! The reader's first slider change, as quick as the next ones.
//!
//! WebAssembly in V8 starts on a baseline compiler and optimizes a function only after it
//! has run hot, and the page's memory grows the first time it must hold a second trace (the
//! one on screen stays until the new one replaces it). Both fell on the first settings change:
//! measured on the 10,041-segment upload, 72–83 ms from the input to the painted picture
//! against 33–50 ms for the changes after it (`bulk-transfer`: 42–56 against 20–30). So once the
//! page is idle after its first picture, it simulates and lays out its run once more and drops
//! the result: the simulator, the layout and the narration's code are optimized by then and
//! the allocator keeps the freed memory for the next trace. It runs once, in a
//! `requestIdleCallback` (never where the browser has none), and costs one simulation and
//! layout of the run on screen: ~1 ms for the default preset, ~25 ms for the 10k upload.
//! Measured, the same 20 changes on each of two builds alternating (4 pages each): the first
//! change 49–68 ms with it against 72–83 without (10k upload), 25–48 against 42–56
//! (`bulk-transfer`); the changes after it are as before.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use super::Model;
use crate::engine::Settings;
use crate::i18n::Lang;

/// Simulates and lays out `settings` once more when the page is next idle, for nothing but
/// the optimized code and grown memory it leaves behind.
pub fn when_idle(settings: Settings, lang: Lang, absolute: bool, width: f32) {
    let warm = Closure::once_into_js(move || {
        let model = Model::new(settings, lang, absolute, width);
        // A step told, as the page tells the playhead's after a change.
        let _ = model.narration.get(model.narration.len() / 2);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_idle_callback(warm.unchecked_ref());
    }
}
