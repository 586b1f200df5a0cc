//! A packetdrill script the reader opens (file picker, paste or drag-and-drop): run by the
//! app's second module (`crate::extras`, which runs `synack_packetdrill::view::open` against
//! the engine), shown as a trace like any other, with every script line's result and where
//! the engine departed from the script. This file says it in the reader's language.

use synack_diagram::Ladder;

pub use synack_packetdrill::view::{
    Line, Mismatch, OpenError, Opened, Script, Status, MAX_BYTES, MAX_LINES,
};

use crate::i18n::{Lang, Words, T};

/// What a script's run says to the reader.
pub trait Say {
    /// The error banner's message (for an [`OpenError`]) or the narration's sentence (for a
    /// [`Mismatch`]: the line, what it expected and what the engine did), in `lang`; `name`
    /// is the script's file name.
    fn text(&self, lang: Lang, name: &str) -> String;
}

impl Say for OpenError {
    fn text(&self, lang: Lang, name: &str) -> String {
        match self {
            OpenError::Malformed { line, col, msg } => lang.f(
                T::PktMalformed,
                &[
                    ("name", name),
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                    ("why", msg),
                ],
            ),
            OpenError::Unsupported { line, what } => lang.f(
                T::PktUnsupported,
                &[("name", name), ("line", &line.to_string()), ("what", what)],
            ),
            OpenError::NotAScript => lang.f(T::PktNotAScript, &[("name", name)]),
        }
    }
}

impl Say for Mismatch {
    /// One sentence for the narration and the banner: the line, what it expected and what
    /// the engine did.
    fn text(&self, lang: Lang, _name: &str) -> String {
        let line = self.line.to_string();
        match (&self.expected, &self.got) {
            (Some(e), Some(g)) => {
                // The runner's reason, in brackets at the end of its message.
                let why = self
                    .msg
                    .rsplit_once(" (")
                    .map(|(_, w)| w.trim_end_matches(')'))
                    .unwrap_or("");
                lang.f(
                    T::PktMismatchGot,
                    &[("line", &line), ("expected", e), ("got", g), ("why", why)],
                )
            }
            _ => lang.f(T::PktMismatchOther, &[("line", &line), ("why", &self.msg)]),
        }
    }
}

/// The mismatch as a sentence of the narration ([`crate::state::StepTexts`]): the step at its
/// time (or the last one before) and the sentence.
pub fn note(ladder: &Ladder, script: &Script, lang: Lang) -> Option<(usize, String)> {
    let m = script.mismatch.as_ref()?;
    let i = ladder
        .steps
        .index_at(synack_core::Instant(m.at))
        .or_else(|| ladder.steps.len().checked_sub(1))?;
    Some((i, format!("✗ {}", m.text(lang, ""))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_packetdrill::view::open;
    use synack_sim::Side;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const PASSIVE: &str = "// A passive open.
0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0 bind(3, ..., ...) = 0
+0 listen(3, 1) = 0
+0.1 < S 0:0(0) win 29200 <mss 1400,sackOK,nop,nop,nop,wscale 6>
+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>
+0.05 < . 1:1(0) ack 1 win 457
+0 accept(3, ..., ...) = 4
+0.01 < P. 1:101(100) ack 1 win 457
";

    #[test]
    fn a_passing_script_is_a_trace_of_both_sides_and_every_line_held() {
        let (trace, s) = open("p.pkt", &format!("{PASSIVE}+0 > . 1:1(0) ack 101\n")).unwrap();
        assert_eq!(s.mismatch, None);
        assert_eq!(s.engine, Side::Server);
        assert!(trace.segments.iter().any(|r| r.from == Side::Client));
        assert!(trace.segments.iter().any(|r| r.from == Side::Server));
        assert_eq!(s.count(), (10, 10));
        assert_eq!(s.lines.first().map(|l| l.status), Some(Status::Plain));
        // The SYN-ACK line held at 0.1 s; at 0.12 s the playhead is still at it.
        assert_eq!(
            s.lines.get(6).map(|l| (l.status, l.at)),
            Some((Status::Pass, Some(100_000)))
        );
        assert_eq!(s.line_at(120_000), Some(7));
    }

    #[test]
    fn a_wrong_ack_is_located_and_explained_and_later_lines_did_not_run() {
        let src = format!("{PASSIVE}+0 > . 1:1(0) ack 51\n+0 close(4) = 0\n");
        let (trace, s) = open("f.pkt", &src).unwrap();
        let m = s.mismatch.clone().unwrap();
        assert_eq!(m.line, 11);
        assert_eq!(m.source, "+0 > . 1:1(0) ack 51");
        assert!(m.expected.as_deref().unwrap_or("").contains("ack 51"));
        assert!(m.got.as_deref().unwrap_or("").contains("ack 101"));
        // The engine's ACK of the 100 bytes, sent at 0.16 s.
        assert_eq!(m.at, 160_000);
        let id = m.got_id.unwrap();
        let r = trace.segments.get(id as usize).unwrap();
        assert_eq!(r.from, Side::Server);
        assert_eq!(r.sent_at.micros(), 160_000);
        let text = m.text(Lang::EN, "");
        assert!(text.contains("line 11"), "{text}");
        let status = |n: usize| s.lines.get(n - 1).map(|l| l.status);
        assert_eq!(status(10), Some(Status::Pass));
        assert_eq!(status(11), Some(Status::Fail));
        assert_eq!(status(12), Some(Status::NotRun));
        assert_eq!(s.count(), (9, 11));
    }

    #[test]
    fn malformed_and_unsupported_scripts_are_errors_with_their_place() {
        let e = open(
            "m.pkt",
            "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > S 0:0(0) ack <mss\n",
        );
        match e {
            Err(OpenError::Malformed { line, col, .. }) => {
                assert_eq!(line, 2);
                assert!(col > 1);
            }
            other => panic!("{other:?}"),
        }
        let text = e.unwrap_err().text(Lang::EN, "m.pkt");
        assert!(text.contains("m.pkt: line 2, column"), "{text}");
        match open("u.pkt", "0 epoll_create(1) = 3\n") {
            Err(OpenError::Unsupported { line, .. }) => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            open("n.pkt", "0 close(3) = 0\0"),
            Err(OpenError::NotAScript)
        );
    }

    #[test]
    fn a_segment_that_never_comes_is_a_mismatch_at_its_expected_time() {
        let src = format!("{PASSIVE}+0 > . 1:1(0) ack 101\n+0.2 > P. 1:11(10) ack 101\n");
        let (_, s) = open("n.pkt", &src).unwrap();
        let m = s.mismatch.unwrap();
        assert_eq!(m.line, 12);
        assert_eq!(m.got, None);
        assert_eq!(m.got_id, None);
        assert_eq!(m.expected.as_deref(), Some("> P. 1:11(10) ack 101"));
        // Expected 0.2 s after the data at 0.16 s.
        assert_eq!(m.at, 360_000);
        let text = m.text(Lang::EN, "");
        assert!(text.starts_with("line 12: expected"), "{text}");
        assert!(text.contains("sent nothing"), "{text}");
    }
}
