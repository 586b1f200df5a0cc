//! A capture the reader opens (file picker or drag-and-drop): read by the app's second module
//! (`synack_capture::view`, through [`crate::extras`]), which hands back the file's
//! connections to choose from and the chosen one as a trace with its banner and notes already
//! in the reader's language. This module holds none of the reader, only those small types.
//! The file's bytes stay in the browser: read from the `File` into a `Uint8Array` and handed
//! to the second module, never sent anywhere.

use js_sys::Uint8Array;
use nanoserde::DeBin;
use synack_diagram::Ladder;
use synack_sim::Trace;

pub use synack_capture::view::{At, Key, Listed, Opened, Row, Shown};

use crate::i18n::Lang;

/// Files larger than this are refused before they are read (a tab holds the file once in
/// the page and once in the second module while it reads it).
pub const MAX_BYTES: f64 = 100.0 * 1024.0 * 1024.0;

/// A file's name says it is a capture.
pub fn named_like_one(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [".pcap", ".pcapng", ".cap"].iter().any(|e| n.ends_with(e))
}

/// The first four bytes are a pcap (either byte order, µs or ns) or pcapng magic number.
pub fn magic(head: &[u8]) -> bool {
    let Some(m) = head.get(..4) else {
        return false;
    };
    [
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0x3c, 0x4d],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0x0a, 0x0d, 0x0d, 0x0a],
    ]
    .iter()
    .any(|k| k.as_slice() == m)
}

/// A file read into the page: its name and bytes (a JavaScript array: never copied into this
/// module's memory).
#[derive(Clone, Debug)]
pub struct File {
    pub name: String,
    pub bytes: Uint8Array,
}

/// A file (or two, one per end) whose connections the reader is choosing from.
#[derive(Clone, Debug)]
pub struct Pick {
    pub files: Vec<File>,
    pub rows: Vec<Row>,
    /// What else the file held (a sentence, or empty).
    pub skipped: String,
}

/// The language pack's text for the second module (empty for English).
fn pack(lang: Lang) -> String {
    crate::langpack::pack_text(lang.code())
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// The connections of `file`, or what is wrong and where.
pub async fn list(file: &File, lang: Lang) -> Result<Listed, String> {
    let v = crate::extras::call(
        "capture_list",
        &[
            file.name.as_str().into(),
            file.bytes.clone().into(),
            pack(lang).into(),
        ],
    )
    .await?;
    Listed::deserialize_bin(&crate::extras::bytes(&v))
        .map_err(|e| format!("the list of connections did not arrive whole ({e})"))
}

/// Connection `stream` of `files` (one, or one per end) read with the model.
pub async fn open(files: &[File], stream: u32, lang: Lang) -> Result<Opened, String> {
    let (a, b) = (files.first(), files.get(1));
    let name = |f: Option<&File>| f.map_or(String::new(), |f| f.name.clone());
    let bytes =
        |f: Option<&File>| f.map_or_else(|| Uint8Array::new_with_length(0), |f| f.bytes.clone());
    let v = crate::extras::call(
        "capture_open",
        &[
            name(a).into(),
            bytes(a).into(),
            name(b).into(),
            bytes(b).into(),
            stream.into(),
            pack(lang).into(),
        ],
    )
    .await?;
    Opened::deserialize_bin(&crate::extras::bytes(&v))
        .map_err(|e| format!("the connection did not arrive whole ({e})"))
}

/// The notes as sentences of the narration ([`crate::state::StepTexts`]): each at the step at
/// its time (or the last before).
pub fn notes(ladder: &Ladder, shown: &Shown) -> Vec<(usize, String)> {
    let last = ladder.steps.len().checked_sub(1);
    let mut out = Vec::new();
    for n in &shown.notes {
        let at = ladder.steps.index_at(synack_core::Instant(n.at));
        if let Some(i) = at.or(last) {
            out.push((i, format!("ⓘ {}", n.text)));
        }
    }
    out
}

/// What the page says about a shown capture, and what it was read from: a change of language
/// reads it again for the banner and notes in the new one ([`Read::again`]).
#[derive(Clone, Debug)]
pub struct Showing {
    pub shown: Shown,
    pub files: Vec<File>,
    /// The language of its texts (its code).
    pub lang: &'static str,
}

/// A connection read, as the reducer takes it.
#[derive(Clone, Debug)]
pub struct Read {
    /// Shared, not copied, into the model.
    pub trace: std::rc::Rc<Trace>,
    pub showing: Showing,
    /// The same connection read again in another language: keep the moment and selection.
    pub again: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn captures_are_known_by_name_or_magic() {
        assert!(named_like_one("Trace.PCAPNG"));
        assert!(named_like_one("x.cap"));
        assert!(!named_like_one("x.pkt"));
        assert!(magic(&[0xd4, 0xc3, 0xb2, 0xa1, 0]));
        assert!(magic(&[0x0a, 0x0d, 0x0d, 0x0a]));
        assert!(!magic(b"0 socket"));
        assert!(!magic(&[0xa1]));
    }

    /// Not in the browser: the fixture is read from the file system.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_capture_replaces_the_picture_with_its_notes_until_back() {
        use crate::engine::Settings;
        use crate::state::{Action, AppState};
        use std::rc::Rc;
        use yew::Reducible;
        fn apply(s: Rc<AppState>, actions: &[Action]) -> Rc<AppState> {
            actions.iter().fold(s, |s, a| s.reduce(a.clone()))
        }
        let data = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/captures/loss.client.pcap"
        ))
        .unwrap();
        let Opened::Read { trace, shown } =
            synack_capture::view::show("loss.client.pcap", &data, "", &[], 0, Lang::EN)
        else {
            panic!("not read");
        };
        let (n, notes) = (trace.segments.len(), shown.notes.clone());
        let read = |trace: Trace, shown: Shown, again| Read {
            trace: Rc::new(trace),
            showing: Showing {
                shown,
                files: Vec::new(),
                lang: "en",
            },
            again,
        };
        assert!(notes.len() >= 2, "{notes:?}");
        let s = Rc::new(AppState::new(
            Settings::for_preset("handshake-and-close"),
            Lang::EN,
            false,
        ));
        let back = Action::Configure(s.model.settings.clone());
        let (trace2, shown2) = ((*trace).clone(), shown.clone());
        let s = s.reduce(Action::OpenCapture(crate::ptr::P(Rc::new(read(
            *trace, shown, false,
        )))));
        assert_eq!(s.model.trace.segments.len(), n);
        assert!(s.model.capture.is_some());
        assert_eq!(s.playback.playhead, 0);
        // Every note is in the narration, at its step.
        let told: String = s.model.narration.all().map(|t| t.text.clone()).collect();
        for note in &notes {
            assert!(told.contains(&note.text), "{} not told", note.text);
        }
        // No what-ifs on a capture.
        let same = Rc::clone(&s).reduce(Action::DropSegment(1));
        assert!(Rc::ptr_eq(&same, &s));
        // Read again (another language): the moment and the selection stay.
        let s = apply(
            s,
            &[
                Action::StepForward,
                Action::StepForward,
                Action::Select(Some(2)),
            ],
        );
        let (t, sel) = (s.playback.playhead, s.model.selection);
        assert!(t > 0);
        let s = s.reduce(Action::OpenCapture(crate::ptr::P(Rc::new(read(
            trace2, shown2, true,
        )))));
        assert_eq!((s.playback.playhead, s.model.selection), (t, sel));
        let back = s.reduce(back);
        assert!(back.model.capture.is_none());
        assert!(!back.model.narration.all().any(|t| t.text.contains("ⓘ")));
    }
}
