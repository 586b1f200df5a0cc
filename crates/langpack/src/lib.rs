//! The web app's language packs, written from each language's source `lang/<code>.txt`.
//!
//! For every language of [`synack_text::with_packs`], its source (texts keyed by name, what a
//! translator edits) is checked against the Rust tables — every key present once, no extra
//! key, the same placeholders as the English — and written as `web/lang/<code>.txt`, the
//! compact pack the web app fetches and the CLI compiles in (format in `synack_text::pack`).
//! `web/src/packs.rs` (each pack's fingerprint, compiled into the web app) and the early
//! request in `index.html` follow.
//!
//! `cargo run -p synack-langpack` rewrites them all; the test `tests/sync.rs` fails while any
//! is stale or a source is incomplete.

use std::fmt::Write;
use std::path::PathBuf;
use synack_text::{source, Texts};

/// The command that regenerates the packs, for messages.
pub const REGENERATE: &str = "cargo run -p synack-langpack";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A language's source, what translators edit.
pub fn source_path(code: &str) -> PathBuf {
    root().join(format!("lang/{code}.txt"))
}

/// A language's pack in the repository.
pub fn pack_path(code: &str) -> PathBuf {
    root().join(format!("web/lang/{code}.txt"))
}

/// The fingerprints of the packs, included by the web app.
pub fn packs_rs_path() -> PathBuf {
    root().join("web/src/packs.rs")
}

/// The page that starts a pack's request early.
pub fn index_path() -> PathBuf {
    root().join("index.html")
}

/// Every table: its section and its keys (name, English template), in pack order.
pub fn tables() -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    fn table<K: Texts>() -> (&'static str, Vec<(String, &'static str)>) {
        let keys = K::ALL.iter().map(|k| (format!("{k:?}"), k.en())).collect();
        (K::SECTION, keys)
    }
    let presets = synack_sim::presets()
        .iter()
        .map(|p| (p.name.to_string(), p.description))
        .collect();
    let names = synack_sim::presets()
        .iter()
        .map(|p| (p.name.to_string(), p.title))
        .collect();
    vec![
        table::<synack_text::About>(),
        table::<synack_text::explain::words::W>(),
        (synack_sim::PACK_SECTION, presets),
        (synack_sim::NAME_SECTION, names),
        table::<synack_diagram::narrate::Key>(),
        table::<synack_text::ui::T>(),
        table::<synack_capture::NoteKey>(),
        table::<synack_capture::view::Key>(),
        table::<synack_capture::view::Said>(),
        table::<synack_quiz::texts::Key>(),
        table::<synack_diagram::viewsvg::words::V>(),
    ]
}

/// The source of the pseudo-locale (`synack_text::pseudo`): every table's English, wrapped
/// and accented.
pub fn pseudo_source() -> String {
    use synack_text::pseudo::pseudo;
    let mut out = String::from(
        "# The pseudo-locale of the tests (docs/TEXT.md): written from the English by\n\
         # `cargo run -p synack-langpack`; do not edit.\n",
    );
    for (section, keys) in tables() {
        let _ = writeln!(out, "\n[{section}]");
        for (key, en) in keys {
            let text = match (section, key.as_str()) {
                ("lang", "Tag") => String::from("qps-ploc"),
                _ => pseudo(en),
            };
            let _ = writeln!(out, "{key} = {text}");
        }
    }
    out
}

/// The pack of language `code` from its source text; the error lists every problem.
pub fn pack(code: &str, source_text: &str) -> Result<String, Vec<String>> {
    let src = source::parse(source_text).map_err(|e| vec![format!("lang/{code}.txt: {e}")])?;
    let mut errors = Vec::new();
    let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
    let tables = tables();
    for (name, keys) in &tables {
        match source::ordered(&src, name, keys) {
            Ok(texts) => sections.push((name, texts)),
            Err(e) => errors.extend(e),
        }
    }
    for (name, _) in &src {
        if !tables.iter().any(|(t, _)| t == name) {
            errors.push(format!("[{name}] is not a table"));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let refs: Vec<(&str, &[&str])> = sections.iter().map(|(n, t)| (*n, t.as_slice())).collect();
    synack_text::pack::write(code, &refs).map_err(|e| vec![e])
}

/// Every generated file and its text: each language's pack, `web/src/packs.rs`, and
/// `index.html` with its early requests; the error lists every problem.
pub fn generate() -> Result<Vec<(PathBuf, String)>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut packs_rs = String::from(
        "// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.\n\
         /// Each language's code and its pack's FNV-1a fingerprint.\n\
         pub const PACKS: &[(&str, u64)] = &[\n",
    );
    let mut urls = Vec::new();
    for (code, _) in synack_text::with_packs() {
        let read = if code == synack_text::pseudo::CODE {
            let text = pseudo_source();
            out.push((source_path(code), text.clone()));
            Ok(text)
        } else {
            std::fs::read_to_string(source_path(code))
        };
        let text = match read {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("lang/{code}.txt: {e}"));
                continue;
            }
        };
        match pack(code, &text) {
            Ok(p) => {
                let hash = synack_text::fnv1a(p.as_bytes());
                let _ = writeln!(packs_rs, "    (\"{code}\", 0x{hash:016x}),");
                urls.push((code, synack_text::pack::url(code, hash)));
                out.push((pack_path(code), p));
            }
            Err(e) => errors.extend(e),
        }
    }
    packs_rs.push_str("];\n");
    out.push((packs_rs_path(), packs_rs));
    match std::fs::read_to_string(index_path()) {
        Ok(index) => match with_urls(&index, &urls) {
            Some(i) => out.push((index_path(), i)),
            None => errors.push("index.html: no `var packs = {…};` to update".into()),
        },
        Err(e) => errors.push(format!("index.html: {e}")),
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// `index.html` with its map of early requests (`var packs = {"zh":"lang/zh.txt?v=…"};`) set
/// to `urls`; `None` if it has no such map.
pub fn with_urls(index: &str, urls: &[(&str, String)]) -> Option<String> {
    const AT: &str = "var packs = {";
    let start = index.find(AT)? + AT.len() - 1;
    let end = start + index.get(start..)?.find("};")? + 1;
    let map: Vec<String> = urls
        .iter()
        .map(|(c, u)| format!("\"{c}\":\"{u}\""))
        .collect();
    Some(format!(
        "{}{{{}}}{}",
        index.get(..start)?,
        map.join(","),
        index.get(end..)?
    ))
}
