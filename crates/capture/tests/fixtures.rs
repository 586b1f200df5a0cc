//! Real Linux captures (tests/fixtures/captures, made by its make.sh; tests/fixtures/linux, the
//! shared golden runs) read as they are: the containers, the link types, Wireshark's stream
//! numbering, and the states the model infers against what `ss` recorded.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{all, fixture, records, relink};
use synack_capture::{merge, open, ErrorKind, Format, Note, Options, Skip, Timing};
use synack_core::{Event, State};
use synack_sim::{Fate, Side, TraceEventKind};

/// The states a side went through, as the model inferred them, in `ss`'s words.
fn states(t: &synack_sim::Trace, side: Side) -> Vec<&'static str> {
    t.events
        .iter()
        .filter(|e| e.side == side)
        .filter_map(|e| match &e.kind {
            TraceEventKind::Core {
                event: Event::StateChanged { to, .. },
            } => Some(ss_name(*to)),
            _ => None,
        })
        .collect()
}

/// `ss -t`'s name of a state.
fn ss_name(s: State) -> &'static str {
    match s {
        State::Closed => "CLOSED",
        State::Listen => "LISTEN",
        State::SynSent => "SYN-SENT",
        State::SynReceived => "SYN-RECV",
        State::Established => "ESTAB",
        State::FinWait1 => "FIN-WAIT-1",
        State::FinWait2 => "FIN-WAIT-2",
        State::CloseWait => "CLOSE-WAIT",
        State::Closing => "CLOSING",
        State::LastAck => "LAST-ACK",
        State::TimeWait => "TIME-WAIT",
    }
}

/// The connection's states `ss` saw on one side (`C` or `S`), from a states.txt summary:
/// `#   C 10.99.0.1:40001 -> 10.99.0.2:5000 : SYN-SENT@4  ESTAB@104 …` (the listener's line
/// and `gone` left out).
fn ss_states(text: &str, who: char) -> Vec<String> {
    let line = text.lines().find(|l| {
        l.starts_with(&format!("#   {who} ")) && l.contains(" : ") && !l.contains("0.0.0.0:*")
    });
    let Some(line) = line else { return Vec::new() };
    line.split(" : ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .filter_map(|w| w.split('@').next())
        .filter(|w| *w != "gone")
        .map(String::from)
        .collect()
}

/// Whether `short` appears in `long` in order (ss samples every 10 ms and misses brief states).
fn subsequence(short: &[String], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|s| it.any(|l| l == s))
}

#[test]
fn every_fixture_opens_whole() {
    for dir in ["captures", "linux"] {
        for (name, bytes) in all(dir) {
            let cap = open(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(cap.problem(), None, "{name}");
            assert!(!cap.connections().is_empty(), "{name}");
            for c in cap.connections() {
                let ct = cap.observe(c.stream, &Options::default()).unwrap();
                assert_eq!(ct.trace.segments.len(), c.segments as usize, "{name}");
                assert!(ct
                    .trace
                    .segments
                    .iter()
                    .enumerate()
                    .all(|(i, r)| r.id as usize == i));
                assert!(
                    ct.trace.events.windows(2).all(|w| w[0].at <= w[1].at),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn handshake_and_close_states_at_either_end() {
    for file in ["handshake_close.client.pcap", "handshake_close.server.pcap"] {
        let cap = open(&fixture("captures", file)).unwrap();
        let ct = cap.observe(0, &Options::default()).unwrap();
        let t = &ct.trace;
        assert_eq!(
            states(t, Side::Client),
            ["SYN-SENT", "ESTAB", "FIN-WAIT-1", "TIME-WAIT"],
            "{file}"
        );
        assert_eq!(
            states(t, Side::Server),
            [
                "LISTEN",
                "SYN-RECV",
                "ESTAB",
                "CLOSE-WAIT",
                "LAST-ACK",
                "CLOSED"
            ],
            "{file}"
        );
        assert_eq!(t.final_states, [State::TimeWait, State::Closed]);
        let at = if file.contains("client") {
            Side::Client
        } else {
            Side::Server
        };
        assert!(
            matches!(ct.timing, Timing::Estimated { captured_at, one_way_us }
            if captured_at == at && (19_000..23_000).contains(&one_way_us)),
            "{file}: {:?}",
            ct.timing
        );
        assert!(matches!(
            ct.notes.first(),
            Some(Note::TimesEstimated { .. })
        ));
        // The estimated end is marked in the trace itself.
        let est = if at == Side::Client {
            &t.server
        } else {
            &t.client
        };
        assert!(est.profile.contains("estimated"));
        // Endpoints and data as captured.
        assert_eq!(t.client.endpoint.port, 40100);
        assert_eq!(
            t.server.endpoint,
            synack_core::Endpoint::new([10, 77, 0, 2], 5000)
        );
        let data: Vec<&[u8]> = t
            .segments
            .iter()
            .map(|r| r.segment.payload.as_slice())
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(data, [&b"hello"[..], b"world"]);
        // The hex is the captured TCP segment.
        assert_eq!(t.segments[0].hex.bytes(), &cap.packets()[0].tcp[..]);
    }
}

#[test]
fn linux_golden_runs_give_the_states_ss_saw() {
    for name in [
        "S1_normal",
        "S2_refused",
        "S3_syn_lost",
        "S9b_close_delayed",
    ] {
        let text = String::from_utf8(fixture("linux", &format!("{name}.states.txt"))).unwrap();
        let c = open(&fixture("linux", &format!("{name}.client.pcap"))).unwrap();
        let s = open(&fixture("linux", &format!("{name}.server.pcap"))).unwrap();
        let mut readings = vec![
            ("client file", c.observe(0, &Options::default()).unwrap()),
            ("both files", merge(&c, &s, 0, &Options::default()).unwrap()),
        ];
        if !s.connections().is_empty() {
            readings.push(("server file", s.observe(0, &Options::default()).unwrap()));
        }
        for (how, ct) in readings {
            for (side, who) in [(Side::Client, 'C'), (Side::Server, 'S')] {
                let ss = ss_states(&text, who);
                let model = states(&ct.trace, side);
                assert!(
                    subsequence(&ss, &model),
                    "{name} ({how}) {side:?}: ss saw {ss:?}, the model {model:?}"
                );
            }
        }
    }
}

/// `HH.MMM` columns of a trace.txt line: send time, then arrival time or `LOST`.
fn golden_times(text: &str) -> Vec<(f64, Option<f64>)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut w = l.split_whitespace();
            let t: f64 = w.next().unwrap().parse().unwrap();
            let a = w.next().unwrap().parse().ok();
            (t, a)
        })
        .collect()
}

#[test]
fn both_ends_merge_into_the_golden_times_within_a_millisecond() {
    for name in [
        "S1_normal",
        "S3_syn_lost",
        "S9b_close_delayed",
        "S2_refused",
    ] {
        let golden = golden_times(
            &String::from_utf8(fixture("linux", &format!("{name}.trace.txt"))).unwrap(),
        );
        let c = open(&fixture("linux", &format!("{name}.client.pcap"))).unwrap();
        let s = open(&fixture("linux", &format!("{name}.server.pcap"))).unwrap();
        // Either order of the two files.
        for ct in [
            merge(&c, &s, 0, &Options::default()).unwrap(),
            merge(&s, &c, 0, &Options::default()).unwrap(),
        ] {
            assert_eq!(ct.timing, Timing::Exact);
            let t = &ct.trace;
            assert_eq!(t.segments.len(), golden.len(), "{name}");
            for (r, (sent, arr)) in t.segments.iter().zip(&golden) {
                let ms = |us: u64| us as f64 / 1000.0;
                assert!(
                    (ms(r.sent_at.0) - sent).abs() < 1.0,
                    "{name} #{}: sent {} vs {sent}",
                    r.id,
                    r.sent_at.0
                );
                match (&r.fate, arr) {
                    (Fate::Arrived { at }, Some(a)) => {
                        assert!((ms(at.0) - a).abs() < 1.0, "{name} #{}", r.id)
                    }
                    (Fate::Lost { .. }, None) => {}
                    (f, a) => panic!("{name} #{}: {f:?} vs {a:?}", r.id),
                }
            }
        }
    }
}

#[test]
fn a_loss_is_seen_with_both_ends_and_inferred_at_the_sender() {
    let c = open(&fixture("captures", "loss.client.pcap")).unwrap();
    let s = open(&fixture("captures", "loss.server.pcap")).unwrap();
    // The wire dropped the client's 4th and 5th payload segments (make.sh: bridge.py 4,5).
    let payload_ids = |t: &synack_sim::Trace| -> Vec<u32> {
        t.segments
            .iter()
            .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
            .map(|r| r.id)
            .collect()
    };
    let lost = |t: &synack_sim::Trace| -> Vec<u32> {
        t.segments
            .iter()
            .filter(|r| matches!(r.fate, Fate::Lost { .. }))
            .map(|r| r.id)
            .collect()
    };
    let both = merge(&c, &s, 0, &Options::default()).unwrap();
    let ids = payload_ids(&both.trace);
    assert_eq!(lost(&both.trace), [ids[3], ids[4]]);
    assert!(both
        .notes
        .iter()
        .all(|n| !matches!(n, Note::LossInferred { .. })));
    assert_eq!(
        both.notes
            .iter()
            .filter(|n| matches!(n, Note::Lost { .. }))
            .count(),
        2
    );

    let one = c.observe(0, &Options::default()).unwrap();
    let ids = payload_ids(&one.trace);
    assert_eq!(lost(&one.trace), [ids[3], ids[4]]);
    assert_eq!(
        one.notes
            .iter()
            .filter(|n| matches!(
                n,
                Note::LossInferred {
                    side: Side::Client,
                    ..
                }
            ))
            .count(),
        2
    );
    // The model's own loss recovery retransmits the same two segments when the capture does
    // (RACK, after the SACKs), so no retransmission is early and none is rejected.
    assert!(
        one.notes
            .iter()
            .all(|n| !matches!(n, Note::EarlyRetransmission { .. } | Note::Rejected { .. })),
        "{:?}",
        one.notes
    );
    for t in [&one.trace, &both.trace] {
        assert_eq!(t.final_states, [State::TimeWait, State::Closed]);
        assert_eq!(
            states(t, Side::Server),
            [
                "LISTEN",
                "SYN-RECV",
                "ESTAB",
                "CLOSE-WAIT",
                "LAST-ACK",
                "CLOSED"
            ]
        );
    }

    // At the receiver, the two segments never appear until they are sent again: missing.
    let at_server = s.observe(0, &Options::default()).unwrap();
    let missing: Vec<(u32, u32)> = at_server
        .notes
        .iter()
        .filter_map(|n| match n {
            Note::Missing {
                side: Side::Client,
                from,
                to,
                ..
            } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(missing, [(1 + 3 * 1448, 1 + 5 * 1448)]);
}

#[test]
fn containers_and_link_types_give_the_same_segments() {
    let base = open(&fixture("captures", "handshake_close.client.pcap")).unwrap();
    assert_eq!(
        base.format(),
        Format::Pcap {
            big_endian: false,
            nanos: false
        }
    );
    let same = |name: &str, cap: &synack_capture::Capture, exact_time: bool| {
        assert_eq!(cap.packets().len(), base.packets().len(), "{name}");
        for (a, b) in cap.packets().iter().zip(base.packets()) {
            assert_eq!(a.tcp, b.tcp, "{name}");
            assert_eq!((a.src, a.dst), (b.src, b.dst), "{name}");
            if exact_time {
                assert_eq!(a.ts_ns, b.ts_ns, "{name}");
            }
        }
    };
    for (name, format) in [
        ("handshake_close.client.pcapng", Format::Pcapng),
        (
            "handshake_close.client.ns.pcap",
            Format::Pcap {
                big_endian: false,
                nanos: true,
            },
        ),
        ("handshake_close.client.ns.pcapng", Format::Pcapng),
    ] {
        let cap = open(&fixture("captures", name)).unwrap();
        assert_eq!(cap.format(), format, "{name}");
        same(name, &cap, true);
    }
    // Cooked v1, captured by its own tcpdump at the same moment (times differ by microseconds).
    let sll = open(&fixture("captures", "handshake_close.sll.pcap")).unwrap();
    same("sll", &sll, false);

    // Made here from the Ethernet file: big-endian pcap, 802.1Q and QinQ tags, raw IP, NULL, LOOP.
    let eth = fixture("captures", "handshake_close.client.pcap");
    for (name, bytes) in [
        ("big-endian", big_endian(&eth)),
        (
            "802.1Q",
            relink(&eth, 1, |f| {
                [&f[..12], &[0x81, 0, 0, 5][..], &f[12..]].concat()
            }),
        ),
        (
            "QinQ",
            relink(&eth, 1, |f| {
                [&f[..12], &[0x88, 0xa8, 0, 7, 0x81, 0, 0, 5][..], &f[12..]].concat()
            }),
        ),
        ("raw", relink(&eth, 101, |f| f[14..].to_vec())),
        ("ipv4 228", relink(&eth, 228, |f| f[14..].to_vec())),
        (
            "NULL",
            relink(&eth, 0, |f| [&2u32.to_le_bytes()[..], &f[14..]].concat()),
        ),
        (
            "LOOP",
            relink(&eth, 108, |f| [&2u32.to_be_bytes()[..], &f[14..]].concat()),
        ),
    ] {
        let cap = open(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        same(name, &cap, true);
    }
}

/// The same pcap written by a big-endian machine.
fn big_endian(p: &[u8]) -> Vec<u8> {
    let (head, recs) = records(p);
    let swap32 = |b: &[u8]| u32::from_le_bytes(b.try_into().unwrap()).to_be_bytes();
    let swap16 = |b: &[u8]| u16::from_le_bytes(b.try_into().unwrap()).to_be_bytes();
    let mut out = Vec::new();
    out.extend(swap32(&head[0..4]));
    out.extend(swap16(&head[4..6]));
    out.extend(swap16(&head[6..8]));
    for i in (8..24).step_by(4) {
        out.extend(swap32(&head[i..i + 4]));
    }
    for (h, d) in recs {
        for i in (0..16).step_by(4) {
            out.extend(swap32(&h[i..i + 4]));
        }
        out.extend(d);
    }
    out
}

#[test]
fn several_connections_are_numbered_as_wireshark_numbers_tcp_stream() {
    // `tshark -r FILE -q -z conv,tcp` and `-T fields -e tcp.stream` on these files: streams 0
    // and 1 share the 4-tuple 10.77.0.1:40200 <-> 10.77.0.2:5002 (a new SYN after the first
    // connection closed: "TCP Port numbers reused"), stream 2 is IPv6; 10 frames each, of 741
    // bytes, 741 and 946 with cooked v2 headers, 681, 681 and 886 with Ethernet's.
    for (file, bytes) in [
        ("several.sll2.pcap", [741, 741, 946]),
        ("several.pcapng", [681, 681, 886]),
    ] {
        let cap = open(&fixture("captures", file)).unwrap();
        let conns = cap.connections();
        assert_eq!(conns.len(), 3, "{file}");
        let ends: Vec<String> = conns
            .iter()
            .map(|c| format!("{} {}", c.client, c.server))
            .collect();
        assert_eq!(
            ends,
            [
                "10.77.0.1:40200 10.77.0.2:5002",
                "10.77.0.1:40200 10.77.0.2:5002",
                "[fd77::1]:40201 [fd77::2]:5003"
            ],
            "{file}"
        );
        assert_eq!(
            conns.iter().map(|c| c.segments).collect::<Vec<_>>(),
            [10, 10, 10]
        );
        assert_eq!(
            conns.iter().map(|c| c.frame_bytes).collect::<Vec<_>>(),
            bytes
        );
        assert_eq!(
            conns.iter().map(|c| c.payload_bytes).collect::<Vec<_>>(),
            [5, 5, 10]
        );
        assert!(conns.iter().all(|c| c.has_syn()));
        // tshark's durations: 0.1243, 0.1350, 0.1259 s.
        let ms: Vec<u64> = conns.iter().map(|c| c.duration_ns() / 100_000).collect();
        assert_eq!(ms, [1242, 1350, 1259]);
        // What else was there: ARP (2), ICMP (1, the port unreachable), UDP (1), ICMPv6 (5).
        let skipped: Vec<(Skip, u32)> = cap.skipped().collect();
        assert_eq!(
            skipped,
            [
                (Skip::NotIp(0x0806), 2),
                (Skip::NotTcp(1), 1),
                (Skip::NotTcp(17), 1),
                (Skip::NotTcp(58), 5)
            ]
        );
        assert_eq!(cap.frames(), 39);
        // The second connection on the reused ports is read as its own: from SYN to close.
        for stream in 0..3 {
            let t = cap.trace(stream, &Options::default()).unwrap();
            assert_eq!(states(&t, Side::Client)[0], "SYN-SENT", "{file} {stream}");
            assert_eq!(t.segments.len(), 10);
        }
        // The server closed first in streams 0 and 1: it is the one in TIME-WAIT.
        let t = cap.trace(1, &Options::default()).unwrap();
        assert_eq!(t.final_states, [State::Closed, State::TimeWait]);
    }
}

#[test]
fn bad_files_are_located_errors() {
    let e = open(b"not a capture at all, no").unwrap_err();
    assert_eq!(
        (e.kind, e.offset),
        (ErrorKind::BadMagic { magic: 0x6e6f7420 }, 0)
    );
    assert!(e.to_string().contains("at byte 0"));
    assert_eq!(
        open(b"\xd4\xc3").unwrap_err().kind,
        ErrorKind::TooShort { len: 2 }
    );
    // Cut inside the fifth packet's bytes: four packets read, the fifth located.
    let p = fixture("captures", "handshake_close.client.pcap");
    let (_, recs) = records(&p);
    let cut = 24
        + recs[..4]
            .iter()
            .map(|(h, d)| h.len() + d.len())
            .sum::<usize>()
        + 20;
    let cap = open(&p[..cut]).unwrap();
    assert_eq!(cap.packets().len(), 4);
    let e = cap.problem().unwrap();
    assert_eq!(e.packet, Some(5));
    assert_eq!(e.offset, cut - 4);
    assert!(matches!(e.kind, ErrorKind::Truncated { .. }));
    assert!(e.to_string().starts_with("packet 5, at byte"), "{e}");
    let e = cap.trace(7, &Options::default()).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::NoSuchStream {
            stream: 7,
            count: 1
        }
    );
}

#[test]
fn notes_read_in_english_and_chinese() {
    let zh = synack_text::Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap();
    let c = open(&fixture("captures", "loss.client.pcap")).unwrap();
    let ct = c.observe(0, &Options::default()).unwrap();
    let inferred = ct
        .notes
        .iter()
        .find(|n| matches!(n, Note::LossInferred { .. }))
        .unwrap();
    let en = inferred.text(synack_text::Lang::EN);
    assert!(
        en.starts_with("Segment #") && en.contains("the client sent it again"),
        "{en}"
    );
    let zh_text = inferred.text(zh);
    assert!(
        zh_text.starts_with("报文段 #") && zh_text.contains("客户端"),
        "{zh_text}"
    );
    let est = ct.notes[0].text(zh);
    assert!(
        est.contains("只在客户端一端抓包") && est.contains("毫秒"),
        "{est}"
    );
}

/// The shared data-phase runs (real Linux 6.18: bulk, one loss, zero window, TCP_NODELAY),
/// read at either end or both: the states `ss` saw, and the model agrees with every segment
/// the stack sent: no early retransmission, no rejection, no sender ahead of the model.
#[test]
fn linux_data_phase_runs_agree_with_the_model() {
    for name in ["D1_bulk", "D2_one_loss", "D5_zero_window", "D6b_nodelay"] {
        let text = String::from_utf8(fixture("linux-data", &format!("{name}.states.txt"))).unwrap();
        let c = open(&fixture("linux-data", &format!("{name}.client.pcap"))).unwrap();
        let s = open(&fixture("linux-data", &format!("{name}.server.pcap"))).unwrap();
        for (how, ct) in [
            ("client file", c.observe(0, &Options::default()).unwrap()),
            ("server file", s.observe(0, &Options::default()).unwrap()),
            ("both files", merge(&c, &s, 0, &Options::default()).unwrap()),
        ] {
            for (side, who) in [(Side::Client, 'C'), (Side::Server, 'S')] {
                let ss = ss_states(&text, who);
                let model = states(&ct.trace, side);
                assert!(
                    subsequence(&ss, &model),
                    "{name} ({how}) {side:?}: ss {ss:?}, model {model:?}"
                );
            }
            assert_eq!(
                ct.trace.final_states,
                [State::TimeWait, State::Closed],
                "{name} ({how})"
            );
            let odd: Vec<&Note> = ct
                .notes
                .iter()
                .filter(|n| {
                    matches!(
                        n,
                        Note::EarlyRetransmission { .. }
                            | Note::TailLossProbe { .. }
                            | Note::Rejected { .. }
                            | Note::AheadOfModel { .. }
                            | Note::ModelRetransmits { .. }
                    )
                })
                .collect();
            assert!(odd.is_empty(), "{name} ({how}): {odd:?}");
            // D2: the wire dropped one data segment; each reading says so its own way.
            let count = |f: fn(&Note) -> bool| ct.notes.iter().filter(|n| f(n)).count();
            let losses = (
                count(|n| matches!(n, Note::Lost { .. })),
                count(|n| matches!(n, Note::LossInferred { .. })),
                count(|n| matches!(n, Note::Missing { .. })),
            );
            let want = match (name, how) {
                ("D2_one_loss", "client file") => (0, 1, 0),
                ("D2_one_loss", "server file") => (0, 0, 1),
                ("D2_one_loss", _) => (1, 0, 0),
                _ => (0, 0, 0),
            };
            assert_eq!(losses, want, "{name} ({how})");
        }
    }
}
