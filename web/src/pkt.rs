//! A packetdrill script the reader opens (file picker, paste or drag-and-drop): run by
//! `synack-packetdrill` against the engine (the `linux` profile, as `synack packetdrill`
//! does), shown as a trace like any other, with every script line's result and where the
//! engine departed from the script.
//!
//! A script that cannot be read, or that uses what the runner cannot do, is not shown: the
//! page keeps its picture and says what and where ([`OpenError`]).

use synack_diagram::{Ladder, StepText};
use synack_packetdrill::{parse, run, Outcome, Step};
use synack_sim::{Side, Trace};

use crate::i18n::{Lang, Words, T};

/// Scripts larger than this are refused before reading (the corpus's largest is 3 KB).
pub const MAX_BYTES: f64 = 1_000_000.0;

/// At most this many lines are listed beside the ladder.
pub const MAX_LINES: usize = 2000;

/// A script that ran.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// The file's name, as the reader's system gave it.
    pub name: String,
    /// The side the engine played (the server when the script listened).
    pub engine: Side,
    /// Where the engine departed from the script; `None` when the script passed.
    pub mismatch: Option<Mismatch>,
    /// Every line of the script (up to [`MAX_LINES`]) with its result.
    pub lines: Vec<Line>,
}

/// One line of the script and how it went.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// 1-based.
    pub n: u32,
    pub text: String,
    pub status: Status,
    /// When it held (or failed), µs.
    pub at: Option<u64>,
}

/// A line's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A comment, a blank line or the rest of a multi-line event.
    Plain,
    /// It held: its segment was sent as written, its call returned what it says.
    Pass,
    /// The engine departed from it here.
    Fail,
    /// Not reached: an earlier line failed.
    NotRun,
}

/// Where and how the engine departed from the script.
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// The script line (1-based).
    pub line: u32,
    /// That line's text, trimmed.
    pub source: String,
    /// When (µs): the expected segment's time, or when the engine sent the wrong one.
    pub at: u64,
    /// The segment the script expected, as packetdrill writes it (`> . 1:1(0) ack 1449`).
    pub expected: Option<String>,
    /// What the engine sent instead.
    pub got: Option<String>,
    /// The runner's whole message.
    pub msg: String,
    /// The engine's segment that departed (its id in the trace).
    pub got_id: Option<u32>,
}

/// Why a script is not shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// It cannot be read: at line:column.
    Malformed { line: u32, col: u32, msg: String },
    /// It uses something the runner cannot do (TCP Fast Open, ECN, epoll …).
    Unsupported { line: u32, what: String },
    /// Too large, or not text.
    NotAScript,
}

impl OpenError {
    /// The message for the error banner, in `lang`.
    pub fn text(&self, lang: Lang, name: &str) -> String {
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

/// The texts between backquotes in `msg`, in order.
fn quoted(msg: &str) -> Vec<&str> {
    msg.split('`').skip(1).step_by(2).collect()
}

/// The first `at S s` time in `msg`, in µs (the runner writes `secs`: `1.234567`).
fn first_time(msg: &str) -> Option<u64> {
    let rest = msg.split(" at ").nth(1)?;
    let num = rest.split(' ').next()?;
    let (s, frac) = num.split_once('.').unwrap_or((num, "0"));
    let s: u64 = s.parse().ok()?;
    let frac = format!("{frac:0<6}");
    let us: u64 = frac.get(..6)?.parse().ok()?;
    Some(s.saturating_mul(1_000_000).saturating_add(us))
}

/// Writes a packetdrill script for `side` of `trace` (`synack_packetdrill::export::script`).
pub fn export(trace: &Trace, side: Side) -> Result<String, String> {
    synack_packetdrill::export::script(trace, side)
}

/// Runs `src` (a file called `name`): the trace to show and what to mark on it.
pub fn open(name: &str, src: &str) -> Result<(Trace, Script), OpenError> {
    if src.contains('\0') || src.len() as f64 > MAX_BYTES {
        return Err(OpenError::NotAScript);
    }
    let script = parse(src).map_err(|e| OpenError::Malformed {
        line: e.line,
        col: e.col,
        msg: e.msg,
    })?;
    let run = run(&script);
    let fail = match run.outcome.clone() {
        Outcome::Pass => None,
        Outcome::Fail { line, msg } => Some((line, msg)),
        Outcome::Unsupported { line, what } => return Err(OpenError::Unsupported { line, what }),
        Outcome::Error(e) => {
            return Err(OpenError::Malformed {
                line: e.line,
                col: e.col,
                msg: e.msg,
            })
        }
    };
    let events: Vec<u32> = script.events.iter().map(|e| e.line).collect();
    // The lines that held, and when.
    let done: Vec<(u32, u64)> = run
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Done { at, line } => Some((*line, *at)),
            _ => None,
        })
        .collect();
    let trace = synack_packetdrill::trace::to_trace(&run, name);
    let engine = if run.passive {
        Side::Server
    } else {
        Side::Client
    };
    let source = |n: u32| -> String {
        src.lines()
            .nth(n.saturating_sub(1) as usize)
            .unwrap_or("")
            .trim_end()
            .chars()
            .take(200)
            .collect()
    };
    let mismatch = fail.map(|(line, msg)| {
        let q = quoted(&msg);
        let got = msg
            .contains("` got `")
            .then(|| q.get(1).map(|s| s.to_string()))
            .flatten();
        let at = first_time(&msg).unwrap_or(run.end);
        // The wrong segment: the engine's last one sent by then.
        let got_id = got.as_ref().and_then(|_| {
            trace
                .segments
                .iter()
                .rev()
                .find(|r| r.from == engine && r.sent_at.micros() <= at)
                .map(|r| r.id)
        });
        Mismatch {
            line,
            source: source(line).trim().to_string(),
            at,
            expected: q.first().map(|s| s.to_string()),
            got,
            msg,
            got_id,
        }
    });
    let lines = src
        .lines()
        .take(MAX_LINES)
        .zip(1u32..)
        .map(|(text, n)| {
            let done = done.iter().find(|&&(l, _)| l == n).map(|&(_, at)| at);
            let (status, at) = match &mismatch {
                Some(m) if m.line == n => (Status::Fail, Some(m.at)),
                _ if done.is_some() => (Status::Pass, done),
                _ if events.contains(&n) => (Status::NotRun, None),
                _ => (Status::Plain, None),
            };
            Line {
                n,
                text: text.trim_end().chars().take(200).collect(),
                status,
                at,
            }
        })
        .collect();
    Ok((
        trace,
        Script {
            name: name.chars().take(80).collect(),
            engine,
            mismatch,
            lines,
        },
    ))
}

impl Script {
    /// How many of its event lines held, of how many.
    pub fn count(&self) -> (usize, usize) {
        let of = |s: &[Status]| self.lines.iter().filter(|l| s.contains(&l.status)).count();
        (
            of(&[Status::Pass]),
            of(&[Status::Pass, Status::Fail, Status::NotRun]),
        )
    }

    /// The last line that held or failed at or before `t` (the one the playhead is at).
    pub fn line_at(&self, t: u64) -> Option<u32> {
        self.lines
            .iter()
            .filter(|l| l.at.is_some_and(|a| a <= t))
            .max_by_key(|l| (l.at, l.n))
            .map(|l| l.n)
    }
}

impl Mismatch {
    /// One sentence for the narration and the banner: the line, what it expected and what
    /// the engine did.
    pub fn sentence(&self, lang: Lang) -> String {
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

/// Adds the mismatch to the narration: to the step at its time (or the last one before).
pub fn annotate(texts: &mut [StepText], ladder: &Ladder, script: &Script, lang: Lang) {
    let Some(m) = &script.mismatch else {
        return;
    };
    let at = synack_core::Instant(m.at);
    let i = ladder
        .steps
        .index_at(at)
        .or_else(|| texts.len().checked_sub(1));
    if let Some(s) = i.and_then(|i| texts.get_mut(i)) {
        let sentence = format!("✗ {}", m.sentence(lang));
        if !s.text.is_empty() {
            s.text.push(' ');
        }
        s.text.push_str(&sentence);
        s.sentences.push(sentence);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text = m.sentence(Lang::EN);
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
        let text = m.sentence(Lang::EN);
        assert!(text.starts_with("line 12: expected"), "{text}");
        assert!(text.contains("sent nothing"), "{text}");
    }

    #[test]
    fn times_are_read_from_the_runner_s_message() {
        assert_eq!(
            first_time("expected `x` got `y` at 1.500000 s (z)"),
            Some(1_500_000)
        );
        assert_eq!(quoted("a `b` c `d` e"), vec!["b", "d"]);
    }
}
