//! The application model (socket options, readers, writers) and the data-phase faults
//! (`data_nth`, blackout): what the file says, what it refuses, and what a run does with it.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{Event, Flags};
use synack_sim::{
    copy_us, run, AppCall, Blackout, Call, Config, Fate, Fault, LossCause, Reader, Scenario,
    Script, Side, SockOpts, Trace, TraceEventKind, Trigger, Writer, DEFAULT_APP_DELAY_US,
};

const MS: u64 = 1000;

fn err(json: &str) -> String {
    match Scenario::from_json(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e.to_string(),
    }
}

const FULL: &str = r#"{
  "name": "app",
  "client": {
    "at": [{ "at_ms": 0, "call": "connect" }],
    "setsockopt": { "sndbuf": 1048576, "congestion": "reno", "nodelay": true,
                    "keepalive": { "idle_ms": 2000, "interval_ms": 1000, "count": 3 } },
    "writer": { "bytes": 10, "count": 20, "every_ms": 8, "after_ms": 1, "close_after_ms": 8 }
  },
  "server": {
    "at": [{ "at_ms": 0, "call": "listen" }],
    "setsockopt": { "rcvbuf": 2048 },
    "setsockopt_accepted": { "rcvlowat": 100 },
    "reader": { "after_ms": 3000 },
    "on_eof": [{ "call": "close" }]
  },
  "faults": [
    { "side": "client", "data_nth": 3, "retransmissions": 1, "action": "drop" },
    { "action": "blackout", "at_ms": 5000 }
  ]
}"#;

#[test]
fn reads_every_key_and_writes_it_back() {
    let s = Scenario::from_json(FULL).unwrap();
    let c = &s.client.app;
    assert_eq!(c.sockopts.sndbuf, Some(1 << 20));
    assert_eq!(c.sockopts.nodelay, Some(true));
    assert_eq!(c.sockopts.keepalive.map(|k| k.count), Some(3));
    assert_eq!(
        c.writer,
        Some(Writer {
            count: 20,
            bytes: 10,
            every_us: 8 * MS,
            after_us: MS,
            close_after_us: Some(8 * MS),
        })
    );
    let sv = &s.server.app;
    assert_eq!(sv.sockopts.rcvbuf, Some(2048));
    assert_eq!(sv.accepted_sockopts.rcvlowat, Some(100));
    assert_eq!(
        sv.reader,
        Reader::After {
            delay_us: 3_000 * MS
        }
    );
    assert_eq!(s.faults, vec![Fault::drop_data(Side::Client, 3, 1)]);
    assert_eq!(s.blackout, Some(Blackout::At(5_000 * MS)));
    assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
    for r in [
        r#""none""#,
        r#"{"rate": 1000}"#,
        r#"{"lowat": 5}"#,
        r#""instant""#,
    ] {
        let j = FULL.replace(r#"{ "after_ms": 3000 }"#, r);
        let s = Scenario::from_json(&j).unwrap();
        assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s, "{r}");
    }
}

#[test]
fn malformed_values_say_what_and_where() {
    let connect = r#""at": [{ "at_ms": 0, "call": "connect" }]"#;
    let cases: Vec<(String, &str)> = vec![
        (
            format!(r#"{{"client": {{{connect}, "setsockopt": {{"congestion": "bbr"}}}}}}"#),
            "client.setsockopt.congestion: `bbr` is not a congestion control",
        ),
        (
            format!(r#"{{"client": {{{connect}, "setsockopt": {{"sndbuf": -1}}}}}}"#),
            "client.setsockopt.sndbuf: expected a whole number ≥ 0, found -1",
        ),
        (
            format!(r#"{{"client": {{{connect}, "setsockopt": {{"rcvbuf": 0}}}}}}"#),
            "client.setsockopt.rcvbuf: 0",
        ),
        (
            format!(r#"{{"client": {{{connect}, "setsockopt": {{"nagle": true}}}}}}"#),
            "client.setsockopt.nagle: unknown field; expected one of: nodelay, keepalive",
        ),
        (
            format!(r#"{{"client": {{{connect}, "setsockopt": {{"nodelay": 1}}}}}}"#),
            "client.setsockopt.nodelay: expected true or false, found a number",
        ),
        (
            format!(
                r#"{{"client": {{{connect}, "setsockopt": {{"keepalive": {{"count": 0}}}}}}}}"#
            ),
            "client.setsockopt.keepalive.count: 0",
        ),
        (
            format!(
                r#"{{"client": {{{connect}, "setsockopt": {{"keepalive": {{"idle_ms": 10}}}}}}}}"#
            ),
            "client.setsockopt.keepalive.idle_ms: 10 ms",
        ),
        (
            format!(r#"{{"client": {{{connect}, "reader": "lazy"}}}}"#),
            "client.reader: unknown reader `lazy`",
        ),
        (
            format!(r#"{{"client": {{{connect}, "reader": {{"rate": 0}}}}}}"#),
            "client.reader.rate: 0 bytes per second",
        ),
        (
            format!(r#"{{"client": {{{connect}, "reader": {{"rate": 5, "lowat": 5}}}}}}"#),
            "client.reader: a reader is one of",
        ),
        (
            format!(r#"{{"client": {{{connect}, "writer": {{"count": 2}}}}}}"#),
            "client.writer.bytes: missing",
        ),
        (
            format!(r#"{{"client": {{{connect}, "writer": {{"bytes": 5, "count": 2}}}}}}"#),
            "client.writer.every_ms: missing",
        ),
        (
            format!(r#"{{"client": {{{connect}, "writer": {{"bytes": 2000000}}}}}}"#),
            "client.writer.bytes: 2000000 is above the limit of 1048576",
        ),
        (
            format!(r#"{{"client": {{{connect}, "writer": {{"bytes": 5, "close_after_ms": "x"}}}}}}"#),
            "client.writer.close_after_ms: expected a number, found a string",
        ),
        (
            r#"{"server": {"writer": {"bytes": 5}}, "client": {"at": [{"at_ms": 0, "call": "connect"}]}}"#.into(),
            "server.writer: the server never listens or connects",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"side": "client", "data_nth": 0, "action": "drop"}}]}}"#),
            "faults[0].data_nth: 0: data segments count from 1",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"side": "client", "data_nth": 2, "nth": 1, "action": "drop"}}]}}"#),
            "faults[0]: select segments by one of `nth`, `flags` or `data_nth`, not several",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"side": "client", "nth": 2, "retransmissions": 1, "action": "drop"}}]}}"#),
            "faults[0].retransmissions: only a fault selected by `data_nth` takes this",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"side": "client", "data_nth": 2, "retransmissions": -1, "action": "drop"}}]}}"#),
            "faults[0].retransmissions: expected a whole number ≥ 0, found -1",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"action": "blackout"}}]}}"#),
            "faults[0]: a blackout needs `at_ms`",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"action": "blackout", "from": "dawn"}}]}}"#),
            "faults[0].from: expected \"after_handshake\", found \"dawn\"",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"action": "blackout", "at_ms": 1}}, {{"action": "blackout", "at_ms": 2}}]}}"#),
            "faults[1]: a second blackout",
        ),
        (
            format!(r#"{{"client": {{{connect}}}, "faults": [{{"action": "blackout", "at_ms": 1, "side": "client"}}]}}"#),
            "faults[0].side: unknown field; expected one of: action, at_ms, from",
        ),
    ];
    for (json, want) in &cases {
        let got = err(json);
        assert!(got.contains(want), "for {json}\n got: {got}\nwant: {want}");
    }
}

/// A client that writes `bytes` once connected (then closes), a server with `server`'s
/// reader and options that closes on EOF.
fn upload(bytes: u32, server: Script) -> Scenario {
    Scenario::new("t")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .writer(Writer::once(bytes).then_close_ms(0)),
        )
        .server(
            server
                .at_ms(0, Call::Listen)
                .on(Trigger::Eof, 0, Call::Close),
        )
}

fn go(s: &Scenario) -> Trace {
    run(s, &Config::for_scenario(s)).unwrap()
}

/// When `side` made `call` (every time).
fn calls(t: &Trace, side: Side, want: fn(&AppCall) -> bool) -> Vec<u64> {
    t.events
        .iter()
        .filter(|e| e.side == side)
        .filter_map(|e| match &e.kind {
            TraceEventKind::App { call, .. } if want(call) => Some(e.at.0),
            _ => None,
        })
        .collect()
}

fn close(c: &AppCall) -> bool {
    matches!(c, AppCall::Close)
}

/// The server's unread bytes over time (from the TCB snapshots).
fn max_unread(t: &Trace, side: Side, before: u64) -> u32 {
    t.snapshots
        .iter()
        .filter(|s| s.side == side && s.at.0 < before)
        .map(|s| s.tcb.rcv_unread)
        .max()
        .unwrap_or(0)
}

#[test]
fn a_write_reaches_the_core_after_its_copy() {
    let t = go(&upload(100_000, Script::new()));
    // ESTABLISHED at 100 ms (one round trip), then the reaction delay and the copy.
    let first_data = t
        .segments
        .iter()
        .find(|r| r.from == Side::Client && !r.segment.payload.is_empty())
        .unwrap();
    assert_eq!(
        first_data.sent_at.0,
        100 * MS + DEFAULT_APP_DELAY_US + copy_us(100_000)
    );
    assert_eq!(copy_us(100_000), 4_200);
    // The close follows the write at once.
    assert_eq!(calls(&t, Side::Client, close), vec![first_data.sent_at.0]);
}

#[test]
fn repeated_writes_are_spaced_and_then_close() {
    let s = Scenario::new("t")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .writer(Writer::repeat(5, 10, 8).after_ms(2).then_close_ms(8)),
        )
        .server(Script::new().at_ms(0, Call::Listen));
    let t = go(&s);
    let sends = calls(&t, Side::Client, |c| matches!(c, AppCall::Send { .. }));
    let step = 8 * MS + copy_us(10);
    let first = 100 * MS + DEFAULT_APP_DELAY_US + 2 * MS + copy_us(10);
    let want: Vec<u64> = (0..5).map(|k| first + k * step).collect();
    assert_eq!(sends, want);
    assert_eq!(calls(&t, Side::Client, close), vec![want[4] + 8 * MS]);
}

#[test]
fn a_delayed_reader_reads_and_sees_eof_only_when_it_starts() {
    let s = upload(
        5_000,
        Script::new().reader(Reader::After {
            delay_us: 1_000 * MS,
        }),
    );
    let t = go(&s);
    // Accepted at 150 ms: reading starts at 1150.1 ms; everything waits until then.
    let start = 150 * MS + DEFAULT_APP_DELAY_US + 1_000 * MS;
    assert_eq!(max_unread(&t, Side::Server, start), 5_000);
    assert_eq!(
        calls(&t, Side::Server, close),
        vec![start + DEFAULT_APP_DELAY_US]
    );
    // The instant reader closes one reaction delay after the FIN arrived.
    let t0 = go(&upload(5_000, Script::new()));
    assert!(calls(&t0, Side::Server, close)[0] < 300 * MS);
    assert_eq!(max_unread(&t0, Side::Server, u64::MAX), 0);
}

#[test]
fn a_lowat_reader_waits_for_its_bytes() {
    for server in [
        Script::new().reader(Reader::Lowat(10_000)),
        Script::new().setsockopt_accepted(SockOpts::default().rcvlowat(10_000)),
    ] {
        let t = go(&upload(
            10_000,
            server.on(Trigger::Data, 0, Call::send("ok")),
        ));
        // Everything but the last segment (1,312 bytes) waited unread; the last one's arrival
        // made 10,000 and the read took them in the same step.
        assert_eq!(max_unread(&t, Side::Server, u64::MAX), 10_000 - 1_312);
        // on_data fires once, when everything is there: the last data segment's arrival.
        let last = t
            .segments
            .iter()
            .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
            .filter_map(|r| match r.fate {
                Fate::Arrived { at } => Some(at.0),
                _ => None,
            })
            .max()
            .unwrap();
        let sends = calls(&t, Side::Server, |c| matches!(c, AppCall::Send { .. }));
        assert_eq!(sends, vec![last + DEFAULT_APP_DELAY_US]);
    }
}

#[test]
fn a_rate_reader_reads_in_ticks() {
    // 20,000 bytes at 100,000 B/s: 1,000 bytes per 10 ms tick, so about 200 ms of reading.
    let t = go(&upload(
        20_000,
        Script::new().reader(Reader::Rate {
            bytes_per_sec: 100_000,
        }),
    ));
    let close_at = calls(&t, Side::Server, close)[0];
    let first_arrival = t
        .segments
        .iter()
        .find(|r| r.from == Side::Client && !r.segment.payload.is_empty())
        .and_then(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
        .unwrap();
    let took = close_at - first_arrival;
    assert!((190 * MS..=260 * MS).contains(&took), "{took}");
    // Never more than one tick's worth read at a time: unread drops by ≤ 1,000 per step.
    let unread: Vec<u32> = t
        .snapshots
        .iter()
        .filter(|s| s.side == Side::Server)
        .map(|s| s.tcb.rcv_unread)
        .collect();
    for w in unread.windows(2) {
        assert!(w[0] <= w[1] + 1_000, "{w:?}");
    }
}

#[test]
fn a_reader_that_never_reads_never_sees_eof() {
    let t = go(&upload(3_000, Script::new().reader(Reader::None)));
    assert!(calls(&t, Side::Server, close).is_empty());
    let eof = t.events.iter().any(|e| {
        e.side == Side::Server && matches!(&e.kind, TraceEventKind::Core { event: Event::Eof })
    });
    assert!(eof, "the core still got the FIN");
    assert_eq!(max_unread(&t, Side::Server, u64::MAX), 3_000);
}

/// Payload segments of the client, in sending order: (first byte relative to the ISS, fate).
fn data_segments(t: &Trace) -> Vec<(u32, bool)> {
    let iss = t.segments[0].segment.seq;
    t.segments
        .iter()
        .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
        .map(|r| {
            (
                r.segment.seq.wrapping_sub(iss),
                matches!(
                    r.fate,
                    Fate::Lost {
                        cause: LossCause::Scripted,
                        ..
                    }
                ),
            )
        })
        .collect()
}

#[test]
fn data_nth_drops_that_segment_and_its_first_retransmissions() {
    for retx in [0, 1, 2] {
        let s = upload(5 * 1448, Script::new()).fault(Fault::drop_data(Side::Client, 3, retx));
        let t = go(&s);
        let segs = data_segments(&t);
        let target = segs[2].0;
        assert!(segs[2].1, "the 3rd data segment is lost");
        let copies: Vec<bool> = segs
            .iter()
            .skip(3)
            .filter(|(seq, _)| *seq <= target && target < *seq + 1448)
            .map(|(_, lost)| *lost)
            .collect();
        assert!(copies.len() > retx as usize, "{retx}: {segs:?}");
        let want: Vec<bool> = (0..copies.len()).map(|i| i < retx as usize).collect();
        assert_eq!(copies, want, "retransmissions {retx}");
        assert_eq!(segs.iter().filter(|s| s.1).count(), 1 + retx as usize);
    }
}

#[test]
fn a_blackout_drops_everything_both_ways() {
    // After the handshake: the ACK completing it arrives, nothing after it does.
    let s = upload(3_000, Script::new()).blackout(Blackout::AfterHandshake);
    let t = go(&s);
    let ack = t
        .segments
        .iter()
        .position(|r| r.reason == synack_core::SendReason::HandshakeAck)
        .unwrap();
    assert!(matches!(t.segments[ack].fate, Fate::Arrived { .. }));
    assert!(t.segments.len() > ack + 3);
    for r in &t.segments[ack + 1..] {
        assert!(
            matches!(
                r.fate,
                Fate::Lost {
                    cause: LossCause::Scripted,
                    ..
                }
            ),
            "#{} {:?}",
            r.id,
            r.fate
        );
    }
    // From an instant: before it everything arrives, after it nothing does, either way.
    let s = upload(3_000, Script::new()).blackout(Blackout::At(102 * MS));
    let t = go(&s);
    let mut seen = [false, false];
    for r in &t.segments {
        let lost = matches!(r.fate, Fate::Lost { .. });
        assert_eq!(lost, r.sent_at.0 >= 102 * MS, "#{}", r.id);
        if lost {
            seen[r.from.index()] = true;
        }
    }
    assert_eq!(seen, [true, true], "both directions lose");
    assert!(t
        .segments
        .iter()
        .any(|r| r.segment.flags.contains(Flags::SYN)));
}
