//! # synack-extras: the web app's second module
//!
//! What a reader does now and then, not on every visit, lives here, out of the first load
//! (docs/WEB.md, "Two modules"): running a packetdrill script ([`pkt_open`]) and writing the
//! exports ([`export`]: SVG, animated SVG, pcap, Mermaid, JSON, packetdrill), and writing
//! quiz mode's questions ([`quiz_questions`], synack-quiz's generator). The app fetches
//! this module the first time it needs it (`web/src/extras.rs`). The two modules share no
//! memory: a trace crosses as bytes in synack-sim's binary form, made by the same build.
#![forbid(unsafe_code)]

pub mod capture;

use nanoserde::DeBin;
use nanoserde::SerBin;
use synack_diagram::{Ladder, LadderOptions, SeqMode};
use synack_packetdrill::view::{open, Opened};
use synack_quiz::bin::Arrival;
use synack_quiz::{Kinds, Progress, Question, Quiz};
use synack_sim::{Side, Trace};
use synack_text::Lang;
use wasm_bindgen::prelude::wasm_bindgen;

mod views;
pub use views::{view, view_svg};

thread_local! {
    /// The packs read so far, by their text's FNV-1a: each language is parsed (and kept, as
    /// `Lang::load` does) once for the page's life, not on every call.
    static LOADED: core::cell::RefCell<Vec<(u64, Lang)>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// The language of `pack` (a pack file's text; empty: English), or why it cannot be read.
pub(crate) fn lang(pack: &str) -> Result<Lang, String> {
    if pack.is_empty() {
        return Ok(Lang::EN);
    }
    let key = synack_text::fnv1a(pack.as_bytes());
    if let Some(l) = LOADED.with(|c| c.borrow().iter().find(|(k, _)| *k == key).map(|(_, l)| *l)) {
        return Ok(l);
    }
    let l = Lang::load(pack).map_err(|e| e.to_string())?;
    LOADED.with(|c| c.borrow_mut().push((key, l)));
    Ok(l)
}

/// Runs the script `text` (a file called `name`): the [`Opened`] result in the binary form.
#[wasm_bindgen]
pub fn pkt_open(name: &str, text: &str) -> Vec<u8> {
    Opened::from(open(name, text)).serialize_bin()
}

/// Quiz mode's questions about `trace` (in the binary form): those of `kinds` (`flags,seq`;
/// empty for every kind) in the language of `pack` (its file's text; empty for English), with
/// the student's record read from `stored` (`localStorage`'s JSON): a
/// [`synack_quiz::bin::Arrival`] in the binary form, or what went wrong. The app links no
/// question generator and no JSON reader.
#[wasm_bindgen]
pub fn quiz_questions(
    trace: &[u8],
    kinds: &str,
    pack: &str,
    stored: &str,
) -> Result<Vec<u8>, String> {
    let trace =
        Trace::from_bin(trace).map_err(|e| format!("the trace did not arrive whole ({e})"))?;
    let (progress, ignored) = match Progress::load(stored) {
        Ok(p) => (p, String::new()),
        Err(why) => (Progress::default(), why.to_string()),
    };
    Ok(Arrival {
        questions: questions(&trace, kinds, pack)?,
        progress,
        ignored,
    }
    .serialize_bin())
}

/// The questions of [`quiz_questions`] on a decoded trace (native tests call this).
pub fn questions(trace: &Trace, kinds: &str, pack: &str) -> Result<Vec<Question>, String> {
    let lang = lang(pack)?;
    let kinds = if kinds.is_empty() {
        Kinds::ALL
    } else {
        Kinds::parse(kinds).map_err(|e| e.message(Lang::EN))?
    };
    Ok(Quiz::new(trace, kinds, lang).questions)
}

/// The student's record (a [`Progress`] in the binary form) as `localStorage` keeps it
/// (`Progress::save`'s JSON); empty if the bytes do not decode.
#[wasm_bindgen]
pub fn quiz_progress_json(progress: &[u8]) -> String {
    Progress::deserialize_bin(progress)
        .map(|p| p.save())
        .unwrap_or_default()
}

/// What [`export_file`] is asked for, besides the trace.
pub struct Request<'a> {
    /// `svg`, `animated-svg`, `pcap-client`, `pcap-server`, `mermaid`, `json`, `pkt-client`,
    /// `pkt-server`.
    pub format: &'a str,
    /// The pack of the ladder's language (its file's text); empty for English.
    pub pack: &'a str,
    /// Sequence numbers as on the wire, not relative.
    pub absolute: bool,
    /// The ladder's width, as on the page.
    pub width: f32,
    /// The animated SVG's colours: `auto`, `light` or `dark`.
    pub theme: &'a str,
}

/// Writes `trace` (in the binary form) as `format`; the file's bytes, or what went wrong.
#[wasm_bindgen]
pub fn export_file(
    trace: &[u8],
    format: &str,
    pack: &str,
    absolute: bool,
    width: f32,
    theme: &str,
) -> Result<Vec<u8>, String> {
    let trace =
        Trace::from_bin(trace).map_err(|e| format!("the trace did not arrive whole ({e})"))?;
    write(
        &trace,
        &Request {
            format,
            pack,
            absolute,
            width,
            theme,
        },
    )
}

/// [`export_file`] on a decoded trace (native tests call this).
pub fn write(trace: &Trace, r: &Request) -> Result<Vec<u8>, String> {
    let lang = lang(r.pack)?;
    let ladder = || {
        Ladder::new(
            trace,
            &LadderOptions {
                lang,
                seq: if r.absolute {
                    SeqMode::Absolute
                } else {
                    SeqMode::Relative
                },
                width: r.width,
                ..LadderOptions::default()
            },
        )
    };
    Ok(match r.format {
        "svg" => synack_diagram::ladder_svg_of(&ladder(), trace).into_bytes(),
        "animated-svg" => {
            let theme = match r.theme {
                "light" => synack_diagram::Theme::Light,
                "dark" => synack_diagram::Theme::Dark,
                _ => synack_diagram::Theme::Auto,
            };
            let opts = synack_diagram::AnimOptions {
                theme,
                ..synack_diagram::AnimOptions::default()
            };
            synack_diagram::ladder_animated_svg_of(&ladder(), trace, &opts).into_bytes()
        }
        "pcap-client" => synack_sim::pcap(trace, Side::Client),
        "pcap-server" => synack_sim::pcap(trace, Side::Server),
        "mermaid" => synack_diagram::mermaid(trace).into_bytes(),
        "json" => trace.to_json().map_err(|e| e.to_string())?.into_bytes(),
        "pkt-client" => synack_packetdrill::export::script(trace, Side::Client)?.into_bytes(),
        "pkt-server" => synack_packetdrill::export::script(trace, Side::Server)?.into_bytes(),
        other => return Err(format!("no export called `{other}`")),
    })
}
