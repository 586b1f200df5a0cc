//! Same inputs, same bytes: the trace is a pure function of (scenario, config, seed).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{fnv1a, pinned_case, PINNED_HASH};
use synack_sim::{preset, run, Config, Fate, SegmentRef, Side, Trace};

#[test]
fn pinned_trace_hash() {
    let (s, c) = pinned_case();
    let json = run(&s, &c).unwrap().to_json().unwrap();
    let again = run(&s, &c).unwrap().to_json().unwrap();
    assert_eq!(json, again, "two runs differ");
    assert_eq!(
        fnv1a(json.as_bytes()),
        PINNED_HASH,
        "hash of {} bytes",
        json.len()
    );
}

/// The JSON of the 1.5 MB bulk transfer (`bench/long-transfer.json`, 2,099 segments; the FIN
/// rides on the last data since the data phase follows Linux's tcp_send_fin; receive-buffer
/// auto-tuning lets the window grow, so more rounds are ACKed segment by segment) as the
/// first implementation wrote it: a filler send kept as a count, wire bytes kept as bytes and
/// segments handed over without re-parsing must all serialize to the same bytes.
pub const LONG_TRANSFER_HASH: u64 = 1733913248134864217;

#[test]
fn long_transfer_trace_hash() {
    let text = include_str!("../../../bench/long-transfer.json");
    let s = synack_sim::Scenario::from_json(text).unwrap();
    let t = run(&s, &Config::for_scenario(&s)).unwrap();
    assert_eq!(t.segments.len(), 2099);
    let json = t.to_json().unwrap();
    assert_eq!(fnv1a(json.as_bytes()), LONG_TRANSFER_HASH);
    // And it reads back to the same trace.
    assert_eq!(Trace::from_json(&json).unwrap(), t);
}

/// What the receiver is handed (the recorded segment, not re-parsed) is what its bytes on the
/// wire say: every segment of every preset, of the pinned case and of the bulk transfer parses
/// back from `hex` to itself, with a valid checksum.
#[test]
fn recorded_segments_are_their_wire_bytes() {
    let mut traces: Vec<Trace> = synack_sim::presets()
        .iter()
        .map(|p| common::run_preset(p.name))
        .collect();
    let (s, c) = pinned_case();
    traces.push(run(&s, &c).unwrap());
    let bulk =
        synack_sim::Scenario::from_json(include_str!("../../../bench/long-transfer.json")).unwrap();
    traces.push(run(&bulk, &Config::for_scenario(&bulk)).unwrap());
    for t in &traces {
        for r in &t.segments {
            let (src, dst) = match r.from {
                Side::Client => (t.client.endpoint.addr, t.server.endpoint.addr),
                Side::Server => (t.server.endpoint.addr, t.client.endpoint.addr),
            };
            let ips = synack_core::Ipv4Pair { src, dst };
            let p = synack_core::Segment::parse(&r.hex.bytes(), Some(ips)).unwrap();
            assert_eq!(p.checksum_ok, Some(true), "{} #{}", t.scenario, r.id);
            assert_eq!(p.segment, r.segment, "{} #{}", t.scenario, r.id);
            assert_eq!(
                r.hex.bytes().to_vec(),
                r.segment.emit(ips),
                "{} #{}",
                t.scenario,
                r.id
            );
        }
    }
}

#[test]
fn trace_json_round_trips() {
    let (s, c) = pinned_case();
    let t = run(&s, &c).unwrap();
    let back = Trace::from_json(&t.to_json().unwrap()).unwrap();
    assert_eq!(back, t);
}

#[test]
fn seeds_change_the_luck() {
    let (s, mut c) = pinned_case();
    let a = run(&s, &c).unwrap().to_json().unwrap();
    c.seed = 43;
    let b = run(&s, &c).unwrap().to_json().unwrap();
    assert_ne!(a, b);
}

/// Dropping the n-th segment of a side keeps everything sent before it, byte for byte.
#[test]
fn what_if_drop_keeps_the_past() {
    let s = preset("handshake-and-close").unwrap();
    let base = run(&s, &Config::for_scenario(&s)).unwrap();
    for side in Side::BOTH {
        for nth in 0..4 {
            let mut c = Config::for_scenario(&s);
            c.drops.push(SegmentRef {
                side,
                nth,
                injected: false,
            });
            let t = run(&s, &c).unwrap();
            let dropped = t
                .segments
                .iter()
                .find(|r| r.from == side && r.nth_from_side == nth)
                .unwrap();
            assert!(matches!(dropped.fate, Fate::Lost { .. }));
            let before = |tr: &Trace| {
                tr.segments
                    .iter()
                    .filter(|r| r.sent_at < dropped.sent_at)
                    .map(|r| (r.from, r.sent_at, r.hex.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(before(&t), before(&base), "{side:?} {nth}");
        }
    }
}

/// A 60 s TIME-WAIT and a 131 s SYN timeout cost a handful of steps, not one per tick.
#[test]
fn idle_time_is_free() {
    let t = common::run_preset("syn-timeout");
    assert!(t.events.len() < 200, "{} events", t.events.len());
    assert!(t.snapshots.len() < 60, "{} snapshots", t.snapshots.len());
}
