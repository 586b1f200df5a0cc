//! The trace: everything that happened in one simulated connection, in time order.
//! Serializable as JSON (see docs/TRACE.md). Everything downstream (diagram, web, CLI)
//! reads only this.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};
use synack_core::{Endpoint, Event, Instant, Segment, SendReason, State, Tcb, TimerState};

/// Which end of the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Client,
    Server,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Client, Side::Server];
    pub fn other(self) -> Side {
        match self {
            Side::Client => Side::Server,
            Side::Server => Side::Client,
        }
    }
    pub fn index(self) -> usize {
        match self {
            Side::Client => 0,
            Side::Server => 1,
        }
    }
}

/// What became of a segment on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "fate", rename_all = "snake_case")]
pub enum Fate {
    /// It reached the other side at `at`.
    Arrived { at: Instant },
    /// It was lost; `at` is where the picture ends it (part-way along its path).
    Lost { at: Instant, cause: LossCause },
    /// The simulation ended before it arrived.
    InFlight,
}

/// Why a segment was lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LossCause {
    /// The link's random loss rate.
    Random,
    /// A scripted fault of the scenario (drop the k-th segment, drop by flags).
    Scripted,
    /// The user clicked "drop this segment" (what-if).
    User,
}

/// One segment put on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRecord {
    /// Index in `Trace::segments`.
    pub id: u32,
    pub from: Side,
    pub sent_at: Instant,
    /// The sender's state just after sending (what `ss` would show).
    pub sender_state: State,
    /// Why the sender sent it.
    pub reason: SendReason,
    pub segment: Segment,
    /// The segment exactly as on the wire (valid checksum), lower-case hex.
    pub hex: String,
    pub fate: Fate,
    /// Set when the link duplicated segment `duplicate_of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<u32>,
    /// The n-th segment this side sent (0-based), as scripted faults count. A link's copy
    /// (`duplicate_of`) keeps its original's number; injected segments count apart.
    pub nth_from_side: u32,
    /// A stale segment of an old incarnation, put on the wire by the scenario (not sent by
    /// this side's connection): see `inject` in docs/SCENARIOS.md.
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub injected: bool,
}

/// A user call made by one side's application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum AppCall {
    Listen,
    Connect,
    Send {
        data: String,
    },
    ShutdownWrite,
    Close,
    Abort,
    /// The host crashed and rebooted: its connection is forgotten, nothing is sent.
    Crash,
}

/// What happened, on one side, at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TraceEventKind {
    /// An event reported by that side's synack-core connection.
    Core { event: Event },
    /// The application made a call; `error` is set if the call failed.
    App {
        call: AppCall,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    /// Segment `id` arrived at this side.
    Arrived { id: u32 },
    /// Segment `id` was sent by this side.
    Sent { id: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEvent {
    pub at: Instant,
    pub side: Side,
    #[serde(flatten)]
    pub kind: TraceEventKind,
}

/// The TCB and armed timers of one side after something changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub at: Instant,
    pub side: Side,
    pub tcb: Tcb,
    pub timers: Vec<TimerState>,
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// Nothing was left to happen: no segment in flight, no timer armed, no call pending.
    #[default]
    Quiet,
    /// The simulated-time limit (`Limits::max_time_us`) was reached.
    TimeLimit,
    /// The step limit (`Limits::max_steps`) was reached.
    StepLimit,
    /// The segment limit (`Limits::max_segments`) was reached.
    SegmentLimit,
}

/// One host of the simulation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Host {
    pub endpoint: Endpoint,
    /// The profile's name (`linux`, `textbook`, `linux-two-way` ...).
    pub profile: String,
}

/// Everything that happened in one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    /// Format version of this structure.
    pub version: u32,
    /// The scenario's name (a preset's name, or the file's `name`).
    pub scenario: String,
    pub seed: u64,
    pub client: Host,
    pub server: Host,
    /// Every segment sent, in sending order.
    pub segments: Vec<SegmentRecord>,
    /// Every event of both sides, in time order (ties keep causal order).
    pub events: Vec<TraceEvent>,
    /// TCB snapshots of both sides, in time order.
    pub snapshots: Vec<Snapshot>,
    /// The time of the last thing that happened.
    pub end: Instant,
    /// Each side's state at the end: [client, server].
    pub final_states: [State; 2],
    /// The instant of the client's first SYN: the origin of displayed times (0 in every
    /// preset; all `at` values are on the simulation's clock, which starts at 0).
    #[serde(default)]
    pub t0: Instant,
    /// Why the run ended.
    #[serde(default)]
    pub stop: StopReason,
}
