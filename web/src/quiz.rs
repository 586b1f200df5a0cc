//! Quiz mode's record, kept by the browser (`localStorage`, key [`KEY`]; no server, no
//! account): `synack_quiz::Progress` as its own small versioned string. A value that cannot
//! be read starts afresh, and the reader is told why.

use synack_quiz::Progress;

/// The `localStorage` key.
pub const KEY: &str = "synack-quiz";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored record, and why a stored value was ignored (if it was).
pub fn load() -> (Progress, Option<String>) {
    let stored = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .unwrap_or_default();
    match Progress::load(&stored) {
        Ok(p) => (p, None),
        Err(why) => (Progress::default(), Some(why.to_string())),
    }
}

/// Keeps `p` (a browser that refuses storage keeps nothing: the quiz still works).
pub fn save(p: &Progress) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, &p.save());
    }
}

/// Forgets everything stored.
pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
