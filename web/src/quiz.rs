//! Quiz mode's record, kept by the browser (`localStorage`, key [`KEY`]; no server, no
//! account): `synack_quiz::Progress::save`'s small versioned JSON. The second module reads
//! and writes the JSON (`crate::extras`), so that the app links no JSON code; a stored value
//! that cannot be read starts afresh, and the reader is told why.

use synack_quiz::Progress;

/// The `localStorage` key.
pub const KEY: &str = "synack-quiz";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What is stored (empty if nothing, or if the browser refuses storage).
pub fn stored() -> String {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .unwrap_or_default()
}

/// Keeps `p`, written as JSON by the second module (a browser that refuses storage keeps
/// nothing: the quiz still works). Saves run in the order asked.
pub fn save(p: &Progress) {
    let p = p.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let (Some(s), Ok(json)) = (storage(), crate::extras::quiz_progress_json(&p).await) {
            if !json.is_empty() {
                let _ = s.set_item(KEY, &json);
            }
        }
    });
}

/// Forgets everything stored.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
