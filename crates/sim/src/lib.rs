//! # synack-sim: a deterministic simulation of one TCP connection
//!
//! Two [`synack_core::Connection`]s — the client at 10.0.0.1:40001 and the server at
//! 10.0.0.2:5000 — run over two simulated links (one per direction: latency, jitter, loss,
//! duplication, reordering, scripted faults), driven by a [`Scenario`] that says what each
//! side's application does. [`run`] returns a [`Trace`] of everything that happened:
//!
//! ```
//! use synack_sim::{preset, run, Config};
//! let scenario = preset("handshake-and-close").expect("a preset");
//! let trace = run(&scenario, &Config::for_scenario(&scenario)).expect("a valid scenario");
//! assert_eq!(trace.segments.len(), 10);
//! ```
//!
//! `run` is a pure function of its inputs: the same scenario, config and seed give a
//! byte-identical trace (and JSON) natively and in WebAssembly. Idle time costs nothing: the
//! clock jumps to the next event, so a 60 s TIME-WAIT is one step.
//!
//! Outputs: the trace (docs/TRACE.md) as JSON ([`Trace::to_json`]), and classic pcap files
//! of what each side would capture ([`pcap`]).
#![no_std]
#![forbid(unsafe_code)]
extern crate alloc;

#[cfg(feature = "bin")]
mod bin;
mod config;
mod engine;
mod error;
mod hex;
pub mod overrides;
mod pcap;
mod presets;
mod scenario;
pub mod trace;

pub use config::{
    ppm_from_percent, Config, Limits, LinkConfig, ProfileKind, SegmentRef, DEFAULT_APP_DELAY_US,
    DEFAULT_LATENCY_US,
};
pub use engine::{run, CLIENT, SERVER};
pub use error::SimError;
pub use overrides::DataOverrides;
pub use pcap::{pcap, PCAP_EPOCH_SECS};
pub use presets::{preset, presets, Preset, PresetGroup, NAME_SECTION, PACK_SECTION};
pub use scenario::{
    copy_us, flags_name, parse_flags, parse_state, App, Blackout, Call, Fault, FaultAction,
    Injection, Payload, Reaction, Reader, Scenario, Script, Select, SockOpts, Timed, Trigger,
    Writer, RATE_TICK_US, WRITE_NS_PER_BYTE,
};
pub use trace::*;

use alloc::string::String;

impl Trace {
    /// The trace as compact JSON (the format of docs/TRACE.md).
    pub fn to_json(&self) -> Result<String, SimError> {
        serde_json::to_string(self).map_err(|e| SimError::Internal(alloc::format!("{e}")))
    }

    /// Read a trace written by [`Trace::to_json`].
    pub fn from_json(text: &str) -> Result<Trace, SimError> {
        serde_json::from_str(text).map_err(|e| SimError::Json(alloc::format!("{e}")))
    }
}
