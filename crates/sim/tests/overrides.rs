//! The data-phase settings on a run: each reaches the program's sockets, its writer and
//! reader, or the links, and the run shows it.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{CongestionKind, SendReason, State};
use synack_sim::overrides::{DataOverrides, Read};
use synack_sim::{preset, run, Config, Fate, LossCause, Reader, Side, Trace};

fn traced(name: &str, d: &DataOverrides) -> Trace {
    let mut s = preset(name).unwrap();
    d.apply(&mut s);
    let mut c = Config::for_scenario(&s);
    d.configure(&mut c);
    run(&s, &c).unwrap()
}

fn sent(t: &Trace, side: Side) -> usize {
    t.segments
        .iter()
        .filter(|r| r.from == side && r.reason == SendReason::Data)
        .map(|r| r.segment.payload.len())
        .sum()
}

#[test]
fn the_transfer_size_is_what_the_writer_sends_and_the_peer_waits_for() {
    let t = traced("upload-100k", &DataOverrides::default());
    assert_eq!(sent(&t, Side::Client), 100_000);
    let t = traced(
        "upload-100k",
        &DataOverrides {
            size_kb: Some(30),
            ..DataOverrides::default()
        },
    );
    assert_eq!(sent(&t, Side::Client), 30_000);
    // The server read all of it (its SO_RCVLOWAT followed) and closed: the run ends.
    assert!(
        t.final_states
            .iter()
            .all(|st| *st == State::Closed || *st == State::TimeWait),
        "{:?}",
        t.final_states
    );
}

#[test]
fn congestion_control_nagle_and_reading_reach_the_sockets() {
    let d = DataOverrides {
        cc: Some(CongestionKind::Reno),
        nagle: Some(false),
        read: Some(Read::Paused(2)),
        ..DataOverrides::default()
    };
    let mut sc = preset("upload-100k").unwrap();
    d.apply(&mut sc);
    for app in [&sc.client.app, &sc.server.app] {
        assert_eq!(app.sockopts.congestion, Some(CongestionKind::Reno));
        assert_eq!(app.sockopts.nodelay, Some(true));
        assert_eq!(
            app.reader,
            Reader::After {
                delay_us: 2_000_000
            }
        );
        assert_eq!(app.accepted_sockopts.rcvlowat, None);
    }
    // A receiver that pauses 2 s fills its window: the sender meets a zero window and the
    // transfer ends later than the instant reader's.
    let paused = traced("upload-100k", &d).end.0;
    let instant = traced(
        "upload-100k",
        &DataOverrides {
            read: Some(Read::Instant),
            ..d
        },
    )
    .end
    .0;
    assert!(paused > instant + 1_000_000, "{paused} vs {instant}");
}

#[test]
fn a_bottleneck_with_a_short_queue_drops_at_the_queue() {
    let d = DataOverrides {
        bw_mbps: Some(1),
        queue_pkts: Some(3),
        ..DataOverrides::default()
    };
    let t = traced("upload-100k", &d);
    assert!(t.segments.iter().any(|r| matches!(
        r.fate,
        Fate::Lost {
            cause: LossCause::Queue,
            ..
        }
    )));
    let free = traced("upload-100k", &DataOverrides::default());
    assert!(free
        .segments
        .iter()
        .all(|r| !matches!(r.fate, Fate::Lost { .. })));
}
