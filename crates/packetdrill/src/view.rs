//! A script as the web app shows it (its file picker, paste or drag-and-drop): run against the
//! engine (the `linux` profile, as `synack packetdrill` does), the run as a [`Trace`] like any
//! other, every script line's result, and where the engine departed from the script. The web
//! app's second module computes it and hands it to the first in the binary form (feature
//! `bin`, [`Opened`]); docs/WEB.md, "Two modules".
//!
//! A script that cannot be read, or that uses what the runner cannot do, is not shown: the
//! page keeps its picture and says what and where ([`OpenError`]).

use crate::{parse, run, Outcome, Step};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use synack_sim::{Side, Trace};

/// Scripts larger than this are refused before reading (the corpus's largest is 3 KB).
pub const MAX_BYTES: usize = 1_000_000;

/// At most this many lines are listed beside the ladder.
pub const MAX_LINES: usize = 2000;

/// A script that ran.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum OpenError {
    /// It cannot be read: at line:column.
    Malformed { line: u32, col: u32, msg: String },
    /// It uses something the runner cannot do (TCP Fast Open, ECN, epoll …).
    Unsupported { line: u32, what: String },
    /// Too large, or not text.
    NotAScript,
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

/// Runs `src` (a file called `name`): the trace to show and what to mark on it.
pub fn open(name: &str, src: &str) -> Result<(Trace, Script), OpenError> {
    if src.contains('\0') || src.len() > MAX_BYTES {
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
    let trace = crate::trace::to_trace(&run, name);
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

/// [`open`]'s result, as the second module hands it over.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum Opened {
    Ran { trace: Box<Trace>, script: Script },
    Refused { error: OpenError },
}

impl From<Result<(Trace, Script), OpenError>> for Opened {
    fn from(r: Result<(Trace, Script), OpenError>) -> Opened {
        match r {
            Ok((trace, script)) => Opened::Ran {
                trace: Box::new(trace),
                script,
            },
            Err(error) => Opened::Refused { error },
        }
    }
}

impl From<Opened> for Result<(Trace, Script), OpenError> {
    fn from(o: Opened) -> Self {
        match o {
            Opened::Ran { trace, script } => Ok((*trace, script)),
            Opened::Refused { error } => Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_from_the_runner_s_message() {
        assert_eq!(
            first_time("expected `x` got `y` at 1.500000 s (z)"),
            Some(1_500_000)
        );
        assert_eq!(quoted("a `b` c `d` e"), alloc::vec!["b", "d"]);
    }
}
