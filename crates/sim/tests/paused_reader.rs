//! A receiver whose program does not read, with Linux's default (auto-tuned, unlocked) buffer:
//! `bulk-transfer` with the server's reader paused for 3 s, against real Linux 6.18 doing the
//! same (`tests/fixtures/linux-data/local/bulk-transfer-paused-reader.trace.txt`, made with
//! `scripts/linux-capture/capture.sh bulk-transfer --set read_delay=3.0`).
//!
//! What Linux does there, and the engine must: every byte inside the window it already
//! offered is taken in (the buffer is over its size, and `tcp_prune_queue` →
//! `tcp_clamp_window` grows an unlocked buffer to hold it); the window it offers next is what
//! the buffer has free, nothing, so the window closes at the old right edge; the sender probes
//! the zero window (RFC 9293 §3.8.6.1) until the program reads and a window update reopens it.
//! Before `tcp_clamp_window` was modelled the engine dropped in-window data as "buffer full",
//! offered a 7 KB window it could not honour, and the sender retransmitted into it until RTO
//! backoff: no zero window ever showed.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{Event, RejectReason, SendReason};
use synack_sim::overrides::Read;
use synack_sim::{preset, run, Config, DataOverrides, Side, Trace, TraceEventKind};

const CAPTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/linux-data/local/bulk-transfer-paused-reader.trace.txt"
);

/// One line of the capture: (sent ms, direction C->S?, flags, relative seq, ack, len, window
/// in bytes).
struct Line {
    t_ms: f64,
    from_client: bool,
    seq: u64,
    ack: u64,
    len: u64,
    wbytes: u64,
}

fn capture() -> Vec<Line> {
    let text = std::fs::read_to_string(CAPTURE).expect("the capture fixture is in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            Line {
                t_ms: f[0].parse().unwrap(),
                from_client: f[2] == "C->S",
                seq: f[4].parse().unwrap(),
                ack: f[5].parse().unwrap_or(0),
                len: f[6].parse().unwrap(),
                wbytes: f[8].parse().unwrap(),
            }
        })
        .collect()
}

fn paused_run() -> Trace {
    let mut s = preset("bulk-transfer").unwrap();
    let o = DataOverrides {
        read: Some(Read::Paused(3)),
        ..DataOverrides::default()
    };
    o.apply(&mut s);
    let mut c = Config::for_scenario(&s);
    o.configure(&mut c);
    run(&s, &c).unwrap()
}

/// The server's window advertisements, relative ack and window bytes, before `until_us`.
fn server_windows(t: &Trace, until_us: u64) -> Vec<(u64, u64, u64)> {
    let irs = t.segments.first().map_or(0, |s| s.segment.seq);
    let shift = 10; // both ends announce scale 10 in bulk-transfer, as in the capture
    t.segments
        .iter()
        .filter(|s| s.from == Side::Server && s.sent_at.0 - t.t0.0 < until_us && s.segment.ack != 0)
        .map(|s| {
            let w = if s.segment.flags.contains(synack_core::Flags::SYN) {
                u64::from(s.segment.window)
            } else {
                u64::from(s.segment.window) << shift
            };
            (
                s.sent_at.0 - t.t0.0,
                u64::from(s.segment.ack.wrapping_sub(irs)),
                w,
            )
        })
        .collect()
}

#[test]
fn linux_takes_in_the_offered_window_then_closes_it() {
    let cap = capture();
    // Linux: no data segment is sent twice before the program reads (nothing was dropped).
    let mut seen = std::collections::HashSet::new();
    let resent = cap
        .iter()
        .filter(|l| l.from_client && l.len > 0 && l.t_ms < 3000.0)
        .filter(|l| !seen.insert(l.seq))
        .count();
    assert_eq!(resent, 0, "the capture resends nothing before the read");
    // Linux: the window closes at the right edge it had offered.
    let zero = cap
        .iter()
        .find(|l| !l.from_client && l.wbytes == 0 && l.t_ms < 3000.0)
        .expect("Linux advertises a zero window");
    let linux_edge = zero.ack;

    let t = paused_run();
    // The engine drops nothing for want of buffer, and resends nothing, before the read.
    let full: Vec<u64> = t
        .events
        .iter()
        .filter(|e| e.side == Side::Server && e.at.0 - t.t0.0 < 3_000_000)
        .filter_map(|e| match &e.kind {
            TraceEventKind::Core {
                event:
                    Event::SegmentRejected {
                        reason: RejectReason::BufferFull,
                        ..
                    },
            } => Some(e.at.0 - t.t0.0),
            _ => None,
        })
        .collect();
    assert!(
        full.is_empty(),
        "in-window data dropped as buffer full at {full:?} µs"
    );
    let retx = t
        .segments
        .iter()
        .filter(|s| s.from == Side::Client && s.sent_at.0 - t.t0.0 < 3_000_000)
        .filter(|s| s.reason == SendReason::Retransmission)
        .count();
    assert_eq!(retx, 0, "retransmissions before the read");
    // It advertises a zero window, at the edge Linux closed it (within one segment: the
    // last sub-MSS send that fills the window is timed by the persist timer).
    let windows = server_windows(&t, 3_000_000);
    let (at, edge, _) = *windows
        .iter()
        .find(|w| w.2 == 0)
        .unwrap_or_else(|| panic!("no zero window before the read: {windows:?}"));
    assert!(
        edge.abs_diff(linux_edge) <= 1448,
        "the window closes at {edge}, Linux at {linux_edge}"
    );
    assert!(at < 1_500_000, "the zero window comes at {at} µs");
    // The client probes it (RFC 9293 §3.8.6.1), as Linux's did twice before the read.
    let linux_probes = cap
        .iter()
        .filter(|l| l.from_client && l.len == 0 && l.t_ms > zero.t_ms && l.t_ms < 3000.0)
        .count();
    let probes = t
        .segments
        .iter()
        .filter(|s| s.from == Side::Client && s.reason == SendReason::WindowProbe)
        .filter(|s| s.sent_at.0 - t.t0.0 < 3_000_000)
        .count();
    assert_eq!(linux_probes, 2);
    assert_eq!(probes, linux_probes, "zero-window probes before the read");
    // The read reopens the window, and every byte then arrives.
    let reopened = server_windows(&t, 3_300_000)
        .iter()
        .any(|w| w.0 >= 3_000_000 && w.2 > 0);
    assert!(reopened, "a window update when the program reads");
    let bytes: usize = t
        .events
        .iter()
        .filter(|e| e.side == Side::Server)
        .filter_map(|e| match &e.kind {
            TraceEventKind::Core {
                event: Event::DataReceived { data },
            } => Some(data.len()),
            _ => None,
        })
        .sum();
    assert_eq!(bytes, 1_572_864);
}
