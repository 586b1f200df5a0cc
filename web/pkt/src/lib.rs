//! The web app's packetdrill runner: `synack-packetdrill` as a bare WebAssembly module, with
//! no imports and no JS glue, that the page fetches (`pkt/synack-pkt.wasm`) only when a reader
//! opens a script or exports one. Built into the site by scripts/lib/build-pkt.sh (a Trunk
//! hook). Keeping the reader and runner out of the app's own module saves ~43 KB of gzip on
//! every first load (docs/PACKETDRILL.md, "In the web app").
//!
//! The page talks to it through its memory, in JSON (`web/src/pkt.rs` is the other end):
//!
//! - `input(len) -> ptr`: room for `len` bytes of input; the page writes them at `ptr`;
//! - `run() -> len`: reads the input as a script and runs it ([`run_json`]);
//! - `export(side) -> len`: reads the input as a trace's JSON and writes a script for
//!   `side` (0 client, 1 server) ([`export_json`]);
//! - `output() -> ptr`: where the `len` bytes of the last answer are.
//!
//! Nothing here panics on any input (the reader and runner are fuzzed); should the module
//! trap anyway, only this module's call fails, and the page says so.

use serde::Serialize;
use std::sync::Mutex;
use synack_packetdrill::{parse, run, Outcome, Step};
use synack_sim::{Side, Trace};

static INPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static OUTPUT: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// How a run ended, for the page: `kind` is `pass`, `fail`, `unsupported` or `error`.
#[derive(Serialize, Debug, PartialEq)]
pub struct OutcomeJson {
    pub kind: &'static str,
    /// The line it failed at, or that is unsupported or malformed (0 for a pass).
    pub line: u32,
    /// The column of a malformed script's error (0 otherwise).
    pub col: u32,
    /// The runner's or reader's message (empty for a pass).
    pub msg: String,
}

/// A run, for the page.
#[derive(Serialize, Debug)]
pub struct RunJson {
    pub outcome: OutcomeJson,
    /// The engine listened (it is the server).
    pub passive: bool,
    /// When the run stopped (µs).
    pub end: u64,
    /// The script's event lines, in order (an event's first line).
    pub events: Vec<u32>,
    /// `(line, µs)`: the lines that held, and when (`Step::Done`).
    pub done: Vec<(u32, u64)>,
    /// The run as a trace (`synack_packetdrill::trace::to_trace`); none for a script that
    /// could not be read or is unsupported.
    pub trace: Option<Trace>,
}

fn outcome_json(o: &Outcome) -> OutcomeJson {
    let (kind, line, col, msg) = match o {
        Outcome::Pass => ("pass", 0, 0, String::new()),
        Outcome::Fail { line, msg } => ("fail", *line, 0, msg.clone()),
        Outcome::Unsupported { line, what } => ("unsupported", *line, 0, what.clone()),
        Outcome::Error(e) => ("error", e.line, e.col, e.msg.clone()),
    };
    OutcomeJson {
        kind,
        line,
        col,
        msg,
    }
}

/// Reads and runs `src`; the answer as JSON ([`RunJson`]).
pub fn run_json(src: &str, name: &str) -> String {
    let out = match parse(src) {
        Err(e) => RunJson {
            outcome: outcome_json(&Outcome::Error(e)),
            passive: true,
            end: 0,
            events: Vec::new(),
            done: Vec::new(),
            trace: None,
        },
        Ok(script) => {
            let r = run(&script);
            let shown = matches!(r.outcome, Outcome::Pass | Outcome::Fail { .. });
            RunJson {
                outcome: outcome_json(&r.outcome),
                passive: r.passive,
                end: r.end,
                events: script.events.iter().map(|e| e.line).collect(),
                done: r
                    .steps
                    .iter()
                    .filter_map(|s| match s {
                        Step::Done { at, line } => Some((*line, *at)),
                        _ => None,
                    })
                    .collect(),
                trace: shown.then(|| synack_packetdrill::trace::to_trace(&r, name)),
            }
        }
    };
    serde_json::to_string(&out).unwrap_or_default()
}

/// An exported script or why not.
#[derive(Serialize, Debug)]
pub struct ExportJson {
    pub script: Option<String>,
    pub error: Option<String>,
}

/// A script for `side` of the trace in `trace_json` (`synack_packetdrill::export::script`).
pub fn export_json(trace_json: &str, side: Side) -> String {
    let r = Trace::from_json(trace_json)
        .map_err(|e| e.to_string())
        .and_then(|t| synack_packetdrill::export::script(&t, side));
    let out = match r {
        Ok(s) => ExportJson {
            script: Some(s),
            error: None,
        },
        Err(e) => ExportJson {
            script: None,
            error: Some(e),
        },
    };
    serde_json::to_string(&out).unwrap_or_default()
}

/// The input as text (invalid UTF-8 replaced: the reader then reports where).
fn input_text() -> String {
    INPUT
        .lock()
        .map(|i| String::from_utf8_lossy(&i).into_owned())
        .unwrap_or_default()
}

fn answer(s: String) -> u32 {
    let len = u32::try_from(s.len()).unwrap_or(0);
    if let Ok(mut o) = OUTPUT.lock() {
        *o = s.into_bytes();
    }
    len
}

/// Room for `len` bytes of input; where to write them.
#[no_mangle]
pub extern "C" fn input(len: u32) -> *mut u8 {
    match INPUT.lock() {
        Ok(mut i) => {
            i.clear();
            i.resize(len as usize, 0);
            i.as_mut_ptr()
        }
        Err(_) => core::ptr::null_mut(),
    }
}

/// Runs the input as a script (named `script.pkt` in the trace); the answer's length.
#[no_mangle]
pub extern "C" fn run_script() -> u32 {
    answer(run_json(&input_text(), "script.pkt"))
}

/// Writes a script for side `side` (0 client, else server) of the input trace; the answer's
/// length.
#[no_mangle]
pub extern "C" fn export(side: u32) -> u32 {
    let side = if side == 0 {
        Side::Client
    } else {
        Side::Server
    };
    answer(export_json(&input_text(), side))
}

/// Where the last answer is.
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT
        .lock()
        .map(|o| o.as_ptr())
        .unwrap_or(core::ptr::null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_script_is_an_error_with_its_place_and_no_trace() {
        let j = run_json(
            "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > S 0:0(0) ack <mss\n",
            "m",
        );
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        assert_eq!(v["outcome"]["kind"], "error");
        assert_eq!(v["outcome"]["line"], 2);
        assert!(v["outcome"]["col"].as_u64().unwrap() > 1);
        assert!(v["trace"].is_null());
    }

    #[test]
    fn the_memory_interface_runs_what_was_written() {
        let src = b"0 epoll_create(1) = 3\n";
        let p = input(src.len() as u32);
        assert!(!p.is_null());
        if let Ok(mut i) = INPUT.lock() {
            i.copy_from_slice(src);
        }
        let n = run_script() as usize;
        let out = OUTPUT.lock().unwrap().clone();
        assert_eq!(out.len(), n);
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["outcome"]["kind"], "unsupported");
        assert_eq!(v["outcome"]["line"], 1);
    }

    #[test]
    fn a_trace_that_is_not_json_is_an_export_error() {
        let v: serde_json::Value = serde_json::from_str(&export_json("{", Side::Client)).unwrap();
        assert!(v["script"].is_null());
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
}
