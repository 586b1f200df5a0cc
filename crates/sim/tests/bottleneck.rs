//! The bottleneck link: serialisation delay at a given bandwidth and a drop-tail queue, per
//! direction, off by default.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_sim::{run, Call, Config, Fate, LossCause, Scenario, Script, Side, Trace, Trigger};

/// The client sends 30 000 bytes (21 segments) and closes; the server closes on EOF.
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

/// (sent, arrived, IPv4 packet bytes) of the client's data segments that arrived.
fn data(t: &Trace) -> Vec<(u64, u64, u64)> {
    t.segments
        .iter()
        .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some((r.sent_at.0, at.0, r.hex.bytes().len() as u64 + 20)),
            _ => None,
        })
        .collect()
}

#[test]
fn segments_leave_one_serialisation_time_apart() {
    let s = bulk();
    let mut c = Config::for_scenario(&s);
    // 10 Mbit/s: a 1500-byte packet takes 1.2 ms.
    c.to_server.bandwidth_bps = 10_000_000;
    let t = run(&s, &c).unwrap();
    let d = data(&t);
    assert_eq!(d.len(), 21);
    // The first burst of 10 is sent at one instant: packet k arrives k+1 serialisations later.
    let (sent0, _, _) = d[0];
    let mut left = sent0;
    for (k, (sent, arrived, bytes)) in d.iter().take(10).enumerate() {
        assert_eq!(*sent, sent0, "#{k} is in the first burst");
        left += (bytes * 8 * 1_000_000).div_ceil(10_000_000);
        assert_eq!(*arrived, left + 50_000, "#{k}");
    }
    assert_eq!(d[0].2, 1500);
    // The other direction has no bottleneck: ACKs take the latency alone.
    for r in t.segments.iter().filter(|r| r.from == Side::Server) {
        if let Fate::Arrived { at } = r.fate {
            assert_eq!(at.0 - r.sent_at.0, 50_000);
        }
    }
}

#[test]
fn a_full_queue_drops_the_tail() {
    let s = bulk();
    let mut c = Config::for_scenario(&s);
    c.to_server.bandwidth_bps = 1_000_000; // 12 ms per full packet
    c.to_server.queue_packets = 4;
    let t = run(&s, &c).unwrap();
    // The first burst of 10 data segments (0.1 ms after the handshake ACK, which takes 0.42 ms
    // to leave and so still holds a place): 3 fit in the queue, the other 7 are dropped.
    let first: Vec<&synack_sim::SegmentRecord> = t
        .segments
        .iter()
        .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
        .take(10)
        .collect();
    let lost: Vec<bool> = first
        .iter()
        .map(|r| {
            matches!(
                r.fate,
                Fate::Lost {
                    cause: LossCause::Queue,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(
        lost,
        [false, false, false, true, true, true, true, true, true, true]
    );
    // No other cause of loss was involved, and the transfer still completes.
    assert!(t.segments.iter().all(|r| !matches!(
        r.fate,
        Fate::Lost {
            cause: LossCause::Random | LossCause::Scripted | LossCause::User,
            ..
        }
    )));
    assert_eq!(t.final_states, [synack_core::State::Closed; 2]);
    assert!(t.to_json().unwrap().contains(r#""cause":"queue""#));
}

#[test]
fn off_by_default_and_checked() {
    let c = Config::default();
    assert_eq!(
        (c.to_server.bandwidth_bps, c.to_server.queue_packets),
        (0, 0)
    );
    let s = bulk();
    let mut c = Config::for_scenario(&s);
    c.to_client.queue_packets = 3;
    let e = run(&s, &c).unwrap_err().to_string();
    assert!(
        e.contains("to_client.queue_packets: a queue needs a bottleneck"),
        "{e}"
    );
    c.set_bottleneck(100, 3);
    let e = run(&s, &c).unwrap_err().to_string();
    assert!(
        e.contains("to_server.bandwidth_bps: 100 bits/s is below 8000"),
        "{e}"
    );
}
