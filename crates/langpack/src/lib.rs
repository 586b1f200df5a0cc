//! The web app's Chinese language pack, `web/lang/zh.txt`, written from the Rust tables that
//! hold the Chinese (the single source: edit the tables, never the pack). The site is built
//! without the cargo feature `zh` and fetches this file only when a reader picks Chinese
//! (see `synack_web::langpack`, format in `synack_text::pack`).
//!
//! `cargo run -p synack-langpack` rewrites the pack and the fingerprint in `index.html` (its
//! early request for `?lang=zh`); the test `tests/sync.rs` fails while either is stale.

use std::path::PathBuf;

/// The command that regenerates the pack, for messages.
pub const REGENERATE: &str = "cargo run -p synack-langpack";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The pack's path in the repository.
pub fn pack_path() -> PathBuf {
    root().join("web/lang/zh.txt")
}

/// The page that starts the pack's request early.
pub fn index_path() -> PathBuf {
    root().join("index.html")
}

/// The pack, from every crate's Chinese table, in the sections the web app reads; the error
/// names a text the format cannot hold.
pub fn pack() -> Result<String, String> {
    use synack_text::explain::words;
    let core = words::zh_texts();
    let sim = synack_sim::zh_texts();
    let diagram = synack_diagram::narrate::zh_texts();
    let web = synack_web::i18n::zh_texts();
    synack_text::pack::write(
        "zh",
        &[
            (words::PACK_SECTION, core),
            (synack_sim::PACK_SECTION, &sim),
            (synack_diagram::narrate::PACK_SECTION, &diagram),
            (synack_web::i18n::PACK_SECTION, &web),
        ],
    )
}

/// The pack's URL as the web app asks for it.
pub fn pack_url(pack: &str) -> String {
    synack_web::langpack::url_for(synack_text::fnv1a(pack.as_bytes()))
}

/// `index.html` with its pack URL set to `url`; `None` if it has no pack URL.
pub fn with_url(index: &str, url: &str) -> Option<String> {
    const AT: &str = "lang/zh.txt?v=";
    let start = index.find(AT)?;
    let end = start + AT.len() + 16;
    Some(format!("{}{url}{}", index.get(..start)?, index.get(end..)?))
}
