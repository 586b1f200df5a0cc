//! # synack-fidelity: is the simulation what Linux does?
//!
//! A port of the shared `linux-compare.py` (kept in `scripts/linux-compare.py`) that works on
//! a synack [`Trace`](synack_sim::Trace) directly, with no pcap round trip: read a golden
//! merged trace of a real Linux run ([`parse_golden`]), make the same rows of a simulated run
//! ([`from_trace`]), and [`compare`] them — each direction aligned on its own by Python's
//! difflib algorithm ([`difflib`]), every aligned pair judged on loss, send time, SYN options
//! and, on request, zero windows and SACK blocks. [`Report::render`] prints what the Python
//! tool prints, ending with `match N/M`.
//!
//! ```
//! use synack_fidelity::{compare, from_trace, parse_golden, Options};
//! let golden = parse_golden(
//!     "    0.000    50.2  C->S  SYN  0  -  0  64240  64240  MSS=1460,SACK_PERM,TS=0/-,NOP,WS=10\n",
//! ).unwrap();
//! let report = compare(&golden, &golden, &Options::default());
//! assert_eq!(report.score(), "match 1/1");
//! ```

pub mod compare;
pub mod difflib;
pub mod rows;

pub use compare::{compare, Kind, Line, Options, Report};
pub use rows::{flag_text, from_trace, parse_golden, Dir, Row};

/// A preset and the real Linux capture of the same story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capture {
    pub preset: &'static str,
    /// The golden trace, relative to `tests/fixtures`.
    pub file: &'static str,
    /// A data-phase capture: compare with [`Options::data`], else with the defaults.
    pub data: bool,
}

/// Every preset that has a capture in `tests/fixtures` (the captures' READMEs say which).
/// Captures of other presets made locally go in `tests/fixtures/linux-data/local/` as
/// `<preset>.trace.txt`.
pub const CAPTURES: &[Capture] = &[
    Capture {
        preset: "handshake-and-close",
        file: "linux/S1_normal.trace.txt",
        data: false,
    },
    Capture {
        preset: "connect-refused",
        file: "linux/S2_refused.trace.txt",
        data: false,
    },
    Capture {
        preset: "syn-lost",
        file: "linux/S3_syn_lost.trace.txt",
        data: false,
    },
    Capture {
        preset: "close-delayed",
        file: "linux/S9b_close_delayed.trace.txt",
        data: false,
    },
    Capture {
        preset: "upload-100k",
        file: "linux-data/D1_bulk.trace.txt",
        data: true,
    },
    Capture {
        preset: "fast-retransmit",
        file: "linux-data/D2_one_loss.trace.txt",
        data: true,
    },
    Capture {
        preset: "zero-window",
        file: "linux-data/D5_zero_window.trace.txt",
        data: true,
    },
    Capture {
        preset: "nodelay",
        file: "linux-data/D6b_nodelay.trace.txt",
        data: true,
    },
];

/// Compare a simulated trace with a golden trace file's text.
pub fn compare_trace(
    trace: &synack_sim::Trace,
    golden_text: &str,
    options: &Options,
) -> Result<Report, String> {
    let golden = parse_golden(golden_text)?;
    Ok(compare(&golden, &from_trace(trace), options))
}
