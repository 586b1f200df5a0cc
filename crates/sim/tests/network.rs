//! The links: jitter, reordering, duplication, loss, and the safety limits.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_sim::{
    run, Call, Config, Fate, LossCause, Scenario, Script, Side, StopReason, Trace, Trigger,
};

/// The client sends 30 000 bytes (about 21 full segments) and closes.
fn bulk() -> Scenario {
    Scenario::new("bulk")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .on(Trigger::Connected, 0, Call::send_bytes(30_000))
                .on(Trigger::Connected, 0, Call::Close),
        )
        .server(
            Script::new()
                .at_ms(0, Call::Listen)
                .on(Trigger::Eof, 0, Call::Close),
        )
}

/// Arrival times of `from`'s segments, in sending order.
fn arrivals(t: &Trace, from: Side) -> Vec<u64> {
    t.segments
        .iter()
        .filter(|r| r.from == from && r.duplicate_of.is_none())
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
        .collect()
}

#[test]
fn jitter_varies_latency_but_never_reorders() {
    let s = bulk();
    let mut c = Config::for_scenario(&s);
    c.set_jitter_us(20_000);
    let t = run(&s, &c).unwrap();
    let a = arrivals(&t, Side::Client);
    assert!(a.len() > 20);
    assert!(a.windows(2).all(|w| w[0] <= w[1]), "{a:?}");
    let delays: Vec<u64> = t
        .segments
        .iter()
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0 - r.sent_at.0),
            _ => None,
        })
        .collect();
    assert!(
        delays.iter().all(|d| (30_000..=90_000).contains(d)),
        "{delays:?}"
    );
    assert!(delays.iter().any(|d| *d != 50_000));
    assert_eq!(t.final_states[1], synack_core::State::Closed);
}

#[test]
fn reordering_lets_segments_overtake() {
    let s = bulk();
    let overtaken = (1..20).any(|seed| {
        let mut c = Config::for_scenario(&s);
        c.seed = seed;
        c.to_server.reorder_ppm = 300_000;
        let t = run(&s, &c).unwrap();
        let a = arrivals(&t, Side::Client);
        a.windows(2).any(|w| w[0] > w[1])
    });
    assert!(overtaken);
}

#[test]
fn duplication_makes_copies() {
    let s = synack_sim::preset("handshake-and-close").unwrap();
    let mut c = Config::for_scenario(&s);
    c.to_server.duplicate_ppm = 1_000_000;
    let t = run(&s, &c).unwrap();
    let copies: Vec<_> = t
        .segments
        .iter()
        .filter(|r| r.duplicate_of.is_some())
        .collect();
    assert!(!copies.is_empty());
    for copy in copies {
        let of = &t.segments[copy.duplicate_of.unwrap() as usize];
        assert_eq!(
            (copy.from, copy.hex.as_str()),
            (Side::Client, of.hex.as_str())
        );
        if let (Fate::Arrived { at: a }, Fate::Arrived { at: b }) = (&of.fate, &copy.fate) {
            assert_eq!(b.0 - a.0, 1_000);
        }
    }
}

#[test]
fn total_loss_times_the_connect_out() {
    let s = synack_sim::preset("handshake-and-close").unwrap();
    let mut c = Config::for_scenario(&s);
    c.to_server.loss_ppm = 1_000_000;
    let t = run(&s, &c).unwrap();
    assert!(t.segments.iter().all(|r| matches!(
        r.fate,
        Fate::Lost {
            cause: LossCause::Random,
            ..
        }
    )));
    assert_eq!(t.segments.len(), 11);
    assert_eq!(t.final_states[0], synack_core::State::Closed);
}

#[test]
fn some_loss_is_survived() {
    let s = bulk();
    for seed in 1..10 {
        let mut c = Config::for_scenario(&s);
        c.seed = seed;
        c.set_loss_ppm(100_000);
        let t = run(&s, &c).unwrap();
        assert_eq!(t.stop, StopReason::Quiet);
        let delivered: usize = t
            .events
            .iter()
            .filter(|e| e.side == Side::Server)
            .filter_map(|e| match &e.kind {
                synack_sim::TraceEventKind::Core {
                    event: synack_core::Event::DataReceived { data },
                } => Some(data.len()),
                _ => None,
            })
            .sum();
        // Unless the handshake itself gave up, every byte arrives, in order, once.
        if t.events.iter().any(|e| {
            matches!(
                &e.kind,
                synack_sim::TraceEventKind::Core {
                    event: synack_core::Event::Connected
                }
            )
        }) {
            assert_eq!(delivered, 30_000, "seed {seed}");
        }
    }
}

#[test]
fn limits_stop_a_run_without_error() {
    let s = synack_sim::preset("handshake-and-close").unwrap();
    let mut c = Config::for_scenario(&s);
    c.limits.max_time_us = 120_000;
    let t = run(&s, &c).unwrap();
    assert_eq!(t.stop, StopReason::TimeLimit);
    assert!(t.segments.iter().any(|r| r.fate == Fate::InFlight));
    let mut c = Config::for_scenario(&s);
    c.limits.max_segments = 3;
    assert_eq!(run(&s, &c).unwrap().stop, StopReason::SegmentLimit);
    let mut c = Config::for_scenario(&s);
    c.limits.max_steps = 5;
    assert_eq!(run(&s, &c).unwrap().stop, StopReason::StepLimit);
}

#[test]
fn the_trace_is_complete() {
    let t = synack_sim::preset("handshake-and-close")
        .map(|s| run(&s, &Config::for_scenario(&s)).unwrap())
        .unwrap();
    // Events are in time order; every sent segment has its Sent event; snapshots exist.
    assert!(t.events.windows(2).all(|w| w[0].at <= w[1].at));
    for r in &t.segments {
        assert!(t.events.iter().any(|e| e.side == r.from
            && matches!(e.kind, synack_sim::TraceEventKind::Sent { id } if id == r.id)));
        assert_eq!(
            r.id as usize,
            t.segments.iter().position(|x| x.id == r.id).unwrap()
        );
    }
    assert!(t.snapshots.len() > 10);
    assert_eq!(t.client.endpoint, synack_sim::CLIENT);
    assert_eq!(t.server.endpoint.port, 5000);
}
