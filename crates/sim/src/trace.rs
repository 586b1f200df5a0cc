//! The trace: everything that happened in one simulated connection, in time order.
//! Serializable as JSON (see docs/TRACE.md). Everything downstream (diagram, web, CLI)
//! reads only this.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Deref;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use synack_core::{Endpoint, Event, Flags, Instant, Segment, SendReason, State, Tcb, TimerState};

pub use crate::hex::Hex;

/// Which end of the connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[serde(rename_all = "snake_case")]
pub enum LossCause {
    /// The link's random loss rate.
    Random,
    /// A scripted fault of the scenario (drop the k-th segment, drop by flags).
    Scripted,
    /// The user clicked "drop this segment" (what-if).
    User,
    /// The bottleneck's drop-tail queue was full (`LinkConfig::queue_packets`).
    Queue,
    /// A real capture at each end: in its sender's capture, never in its receiver's. Lost
    /// somewhere between the two capture points; where and why, the captures cannot say.
    Unseen,
    /// A real capture at one end (the sender's): sent again before any acknowledgment covered
    /// it, so taken as lost. The capture cannot show the loss itself (nor tell it from a
    /// lost acknowledgment or a spurious retransmission).
    Inferred,
}

/// Which of a segment's two times is an estimate, not an observation: a capture taken at
/// one end knows only that end's times (docs/CAPTURES.md, "Times").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[serde(rename_all = "snake_case")]
pub enum Estimated {
    /// `sent_at`: the sender's end was not captured.
    Sent,
    /// The arrival (`Fate::Arrived`'s `at`): the receiver's end was not captured.
    Arrival,
}

/// One segment put on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
    /// The segment exactly as on the wire (valid checksum): its bytes, which read and
    /// serialize as lower-case hex text.
    pub hex: Hex,
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
    /// Set when one of its times is estimated (a capture taken at one end); `None` in a
    /// simulated run and wherever both times were seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated: Option<Estimated>,
}

/// A user call made by one side's application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum AppCall {
    Listen,
    Connect,
    Send {
        data: SendData,
    },
    ShutdownWrite,
    Close,
    Abort,
    /// The host crashed and rebooted: its connection is forgotten, nothing is sent.
    Crash,
    /// `setsockopt`: one socket option, as the program passed it.
    SetOption {
        opt: synack_core::SockOpt,
    },
    /// The program read this many bytes of what had arrived (`recv`), freeing the receive
    /// buffer.
    Read {
        bytes: u32,
    },
}

/// The bytes an application passed to `send`, as text: what the scenario gave, or `n` bytes of
/// filler (`abc...z` repeated) kept as a count and read from one shared copy, so that a 1 MiB
/// send costs the trace nothing. Reads as a `str` (`&*data`, `data.len()`); in JSON it is the
/// same string either way.
#[derive(Clone)]
pub struct SendData(pub(crate) SendRepr);

#[derive(Clone)]
pub(crate) enum SendRepr {
    Text(String),
    Filler(u32),
}

impl SendData {
    /// `n` bytes of filler, as a scenario's `"bytes": n` sends.
    pub fn filler(n: u32) -> SendData {
        SendData(SendRepr::Filler(n))
    }

    /// The text itself (the filler is borrowed from its shared copy up to the send limit).
    pub fn as_text(&self) -> Cow<'_, str> {
        match &self.0 {
            SendRepr::Text(t) => Cow::Borrowed(t.as_str()),
            SendRepr::Filler(n) => crate::scenario::filler(*n),
        }
    }
}

impl From<String> for SendData {
    fn from(t: String) -> SendData {
        SendData(SendRepr::Text(t))
    }
}

impl From<&str> for SendData {
    fn from(t: &str) -> SendData {
        SendData(SendRepr::Text(String::from(t)))
    }
}

/// A `str`, as the field was before it could hold filler by count.
impl Deref for SendData {
    type Target = str;
    fn deref(&self) -> &str {
        match &self.0 {
            SendRepr::Text(t) => t,
            SendRepr::Filler(n) => match crate::scenario::filler(*n) {
                Cow::Borrowed(s) => s,
                // Filler longer than the send limit is never produced by a run (scenarios are
                // validated first); such a value reads as empty rather than panicking.
                Cow::Owned(_) => "",
            },
        }
    }
}

impl PartialEq for SendData {
    fn eq(&self, other: &SendData) -> bool {
        match (&self.0, &other.0) {
            (SendRepr::Filler(a), SendRepr::Filler(b)) => a == b,
            _ => *self.as_text() == *other.as_text(),
        }
    }
}

impl Eq for SendData {}

impl fmt::Debug for SendData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.as_text(), f)
    }
}

impl Serialize for SendData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_text())
    }
}

impl<'de> Deserialize<'de> for SendData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SendData, D::Error> {
        String::deserialize(d).map(SendData::from)
    }
}

/// What happened, on one side, at one instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct TraceEvent {
    pub at: Instant,
    pub side: Side,
    #[serde(flatten)]
    pub kind: TraceEventKind,
}

/// The TCB and armed timers of one side after something changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Snapshot {
    pub at: Instant,
    pub side: Side,
    pub tcb: Tcb,
    pub timers: Vec<TimerState>,
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Host {
    pub endpoint: Endpoint,
    /// The profile's name (`linux`, `textbook`, `linux-two-way` ...).
    pub profile: String,
    /// The endpoint as text when `endpoint` (IPv4) cannot hold it: a captured IPv6 endpoint,
    /// `[fd77::1]:40201` (RFC 5952). `None` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Host {
    /// The endpoint as people read it: `address` if set, else `endpoint` (`10.0.0.1:40001`).
    pub fn label(&self) -> String {
        match &self.address {
            Some(a) => a.clone(),
            None => alloc::format!("{}", self.endpoint),
        }
    }
}

/// Everything that happened in one run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
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

/// Why a segment was sent, read from its flags and length alone: for a segment whose sender
/// has no TCB the trace can read (a packetdrill script's peer, a captured stack) or that came
/// without its `SegmentSent` event.
pub fn reason_from_flags(seg: &Segment) -> SendReason {
    let f = seg.flags;
    if f.contains(Flags::RST) {
        SendReason::Reset
    } else if f.contains(Flags::SYN | Flags::ACK) {
        SendReason::SynAck
    } else if f.contains(Flags::SYN) {
        SendReason::Syn
    } else if f.contains(Flags::FIN) {
        SendReason::Fin
    } else if !seg.payload.is_empty() {
        SendReason::Data
    } else {
        SendReason::Ack
    }
}

/// The state a sender without a readable TCB was in, as far as its segment's flags say
/// (RFC 9293 §3.3.2: a SYN is sent from SYN-SENT, a SYN,ACK from SYN-RECEIVED).
pub fn state_from_flags(seg: &Segment) -> State {
    let f = seg.flags;
    if f.contains(Flags::RST) {
        State::Closed
    } else if f.contains(Flags::SYN | Flags::ACK) {
        State::SynReceived
    } else if f.contains(Flags::SYN) {
        State::SynSent
    } else {
        State::Established
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn filler_send_data_reads_serializes_and_compares_as_its_text() {
        let text: String = (0..1000u32)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let (f, t) = (SendData::filler(1000), SendData::from(text.clone()));
        assert_eq!(&*f, text.as_str());
        assert_eq!(f, t);
        assert_ne!(f, SendData::filler(999));
        assert_ne!(f, SendData::from("abc"));
        assert_eq!(format!("{f:?}"), format!("{text:?}"));
        let call = |data| AppCall::Send { data };
        let json = serde_json::to_string(&call(f.clone())).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&call(t)).unwrap_or_default());
        let back: AppCall = serde_json::from_str(&json).unwrap_or(AppCall::Listen);
        assert_eq!(back, call(f));
    }

    #[test]
    fn hex_reads_serializes_and_compares_as_the_text_it_was() {
        let bytes = alloc::vec![0x9c, 0x41, 0x00, 0xff, 0x0a];
        let h = Hex::from_bytes(bytes.clone());
        assert_eq!(format!("{h}"), "9c4100ff0a");
        assert_eq!(format!("{h:?}"), "\"9c4100ff0a\"");
        assert_eq!(
            serde_json::to_string(&h).unwrap_or_default(),
            "\"9c4100ff0a\""
        );
        assert_eq!(&*h, "9c4100ff0a");
        assert_eq!(h.as_str(), "9c4100ff0a");
        // Once made, the text is kept: Debug and JSON give the same.
        assert_eq!(format!("{h:?}"), "\"9c4100ff0a\"");
        assert_eq!(
            serde_json::to_string(&h).unwrap_or_default(),
            "\"9c4100ff0a\""
        );
        let long = Hex::from_bytes((0..=255u8).cycle().take(1000).collect());
        assert_eq!(long.len(), 2000);
        assert!(long.starts_with("000102") && long.ends_with("e5e6e7"));

        let back: Hex =
            serde_json::from_str("\"9c4100ff0a\"").unwrap_or(Hex::from_bytes(Vec::new()));
        assert_eq!(back.bytes(), bytes.as_slice());
        assert_eq!(back, h);
        assert_eq!(back, Hex::from_bytes(bytes.clone()));
        assert_ne!(back, Hex::from_bytes(Vec::new()));

        // Text that is not lower-case hex is kept as it was, and its bytes decoded as far as
        // they go.
        for (text, bytes) in [
            ("9C41", &[0x9c, 0x41][..]),
            ("9c4x00", &[0x9c]),
            ("9c4", &[0x9c]),
        ] {
            let json = format!("\"{text}\"");
            let h: Hex = serde_json::from_str(&json).unwrap_or(Hex::from_bytes(Vec::new()));
            assert_eq!((h.as_str(), &*h.bytes()), (text, bytes));
            assert_eq!(serde_json::to_string(&h).unwrap_or_default(), json);
        }
    }
}
