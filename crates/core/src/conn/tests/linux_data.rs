//! The sending side against real Linux 6.18 captures of the data-phase presets
//! (`tests/fixtures/linux-data/local/`, 50 ms each way): the client's data and FIN segments,
//! one by one — sequence number, length, FIN, and send time within 3 ms or 15 % of the time
//! since the previous captured segment (the rule of `linux-compare.py`). The receiving
//! application here reads at once (the receive side's buffers are not what is compared).

extern crate std;

use super::fmt::Side;
use super::pair::Pair;
use crate::cc::CongestionKind;
use crate::{Event, Instant, SockOpt, State};
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;
use std::format;

/// One client segment with data or FIN: µs, relative seq, length, FIN.
type Seg = (u64, u32, u32, bool);

/// The client's data/FIN segments in a capture, each with the time of the segment before it
/// in the merged trace (any direction), for the tolerance.
fn golden(trace: &str) -> Vec<(Seg, u64)> {
    let mut out = Vec::new();
    let mut prev = 0u64;
    for line in trace.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let (Some(t), Some(dir), Some(flags), Some(seq), Some(len)) =
            (f.first(), f.get(2), f.get(3), f.get(4), f.get(6))
        else {
            continue;
        };
        let t = (t.parse::<f64>().unwrap_or(0.0) * 1000.0) as u64;
        let len: u32 = len.parse().unwrap_or(0);
        let fin = flags.contains("FIN");
        if *dir == "C->S" && (len > 0 || fin) {
            out.push(((t, seq.parse().unwrap_or(0), len, fin), prev));
        }
        prev = t;
    }
    out
}

struct Preset {
    trace: &'static str,
    bytes: usize,
    /// After the handshake: the program's delay before its write (µs).
    write_delay_us: u64,
    close_delay_ms: u64,
    drops: &'static [(u32, u32)],
    reno: bool,
    /// Small writes: (count, size, interval ms).
    writes: Option<(u32, usize, u64)>,
    nodelay: bool,
}

const BULK: Preset = Preset {
    trace: "",
    bytes: 100_000,
    write_delay_us: 3_600,
    close_delay_ms: 0,
    drops: &[],
    reno: false,
    writes: None,
    nodelay: false,
};

fn run(p: &Preset) -> Vec<Seg> {
    let mut pair = Pair::new();
    if p.reno {
        for side in [Side::Client, Side::Server] {
            pair.call(side, |c, t| {
                c.set_option(t, SockOpt::Congestion(CongestionKind::Reno))
            })
            .unwrap();
        }
    }
    if p.nodelay {
        pair.call(Side::Client, |c, t| c.set_option(t, SockOpt::NoDelay(true)))
            .unwrap();
    }
    pair.drop_data = p.drops.to_vec();
    pair.server_listen();
    pair.client_connect();
    while pair.state(Side::Client) != State::Established {
        if !pair.step(Instant::from_millis(10_000)) {
            break;
        }
    }
    let est = pair.now;
    let mut server_closed = false;
    let mut run_to = |pair: &mut Pair, t: Instant| {
        while pair.step(t) {
            let eof = pair
                .events
                .iter()
                .any(|(_, s, e)| *s == Side::Server && *e == Event::Eof);
            if eof && !server_closed {
                server_closed = true;
                pair.server_close();
            }
        }
        pair.now = pair.now.max(t);
    };
    match p.writes {
        None => {
            run_to(&mut pair, est + Duration::from_micros(p.write_delay_us));
            let data = alloc::vec![7u8; p.bytes];
            pair.client_send(&data);
            let t = pair.now + Duration::from_millis(p.close_delay_ms);
            run_to(&mut pair, t);
            pair.client_close();
        }
        Some((n, size, every)) => {
            let first = est + Duration::from_micros(100);
            for i in 0..u64::from(n) {
                run_to(&mut pair, first + Duration::from_millis(i * every));
                pair.client_send(&alloc::vec![b'x'; size]);
            }
            let t = pair.now + Duration::from_millis(every);
            run_to(&mut pair, t);
            pair.client_close();
        }
    }
    run_to(&mut pair, Instant::from_millis(5_000));
    let iss = pair.client.tcb_iss_hint();
    pair.log
        .iter()
        .filter(|s| s.from == Side::Client)
        .filter(|s| !s.seg.payload.is_empty() || s.seg.flags.contains(crate::Flags::FIN))
        .map(|s| {
            (
                s.at.micros(),
                s.seg.seq.wrapping_sub(iss),
                s.seg.payload.len() as u32,
                s.seg.flags.contains(crate::Flags::FIN),
            )
        })
        .collect()
}

/// Compare; returns (matches, total, the first mismatches as text).
fn compare(p: &Preset) -> (usize, usize, Vec<String>) {
    let want = golden(p.trace);
    let got = run(p);
    let mut ok = 0;
    let mut bad = Vec::new();
    for (i, ((w, prev), g)) in want.iter().zip(got.iter()).enumerate() {
        let gap = w.0.saturating_sub(*prev);
        let tol = 3_000u64.max(gap * 15 / 100);
        let same = w.1 == g.1 && w.2 == g.2 && w.3 == g.3 && w.0.abs_diff(g.0) <= tol;
        if same {
            ok += 1;
        } else if bad.len() < 12 {
            bad.push(format!("#{i}: want {w:?} got {g:?} (tol {tol} µs)"));
        }
    }
    if want.len() != got.len() {
        bad.push(format!("count: want {} got {}", want.len(), got.len()));
    }
    (ok, want.len().max(got.len()), bad)
}

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(
            "../../../../../tests/fixtures/linux-data/local/",
            $name,
            ".trace.txt"
        ))
    };
}

fn presets() -> Vec<(&'static str, Preset)> {
    let small = |trace, bytes, delay| Preset {
        trace,
        bytes,
        write_delay_us: delay,
        ..BULK
    };
    alloc::vec![
        (
            "upload-100k",
            Preset {
                trace: fixture!("upload-100k"),
                ..BULK
            }
        ),
        (
            "fast-retransmit",
            Preset {
                trace: fixture!("fast-retransmit"),
                drops: &[(20, 0)],
                ..BULK
            }
        ),
        (
            "fast-retransmit-reno",
            Preset {
                trace: fixture!("fast-retransmit-reno"),
                drops: &[(20, 0)],
                reno: true,
                ..BULK
            }
        ),
        (
            "burst-loss",
            Preset {
                trace: fixture!("burst-loss"),
                drops: &[(20, 0), (21, 0), (22, 0)],
                ..BULK
            }
        ),
        (
            "burst-loss-reno",
            Preset {
                trace: fixture!("burst-loss-reno"),
                drops: &[(20, 0), (21, 0), (22, 0)],
                reno: true,
                ..BULK
            }
        ),
        (
            "retransmission-lost",
            Preset {
                trace: fixture!("retransmission-lost"),
                drops: &[(20, 1)],
                ..BULK
            }
        ),
        (
            "tail-loss-probe",
            Preset {
                drops: &[(14, 0)],
                ..small(fixture!("tail-loss-probe"), 20_000, 720)
            }
        ),
        (
            "tail-rto",
            Preset {
                drops: &[(14, 1)],
                ..small(fixture!("tail-rto"), 20_000, 720)
            }
        ),
        (
            "rack-reorder",
            Preset {
                drops: &[(7, 0)],
                close_delay_ms: 5,
                ..small(fixture!("rack-reorder"), 10_000, 360)
            }
        ),
        (
            "nagle",
            Preset {
                trace: fixture!("nagle"),
                writes: Some((20, 10, 8)),
                ..BULK
            }
        ),
        (
            "nodelay",
            Preset {
                trace: fixture!("nodelay"),
                writes: Some((20, 10, 8)),
                nodelay: true,
                ..BULK
            }
        ),
    ]
}

/// Every preset's client data/FIN segments against its capture (`cargo test -p synack-core
/// linux_data -- --nocapture` prints the mismatches). Where the score is below the total, the
/// first difference is the receiver's ACK pattern, not the sender's: Linux's server, still in
/// quick-ACK mode, acknowledges each segment of the second round where this one acknowledges
/// two at once, so one ACK carries SACK and the first reduction starts one packet higher.
#[test]
fn client_segments_match_linux() {
    let want = [
        ("upload-100k", 70, 70),
        ("fast-retransmit", 68, 71),
        ("fast-retransmit-reno", 65, 71),
        ("burst-loss", 68, 73),
        ("burst-loss-reno", 63, 73),
        ("retransmission-lost", 56, 72),
        ("tail-loss-probe", 15, 15),
        ("tail-rto", 15, 16),
        ("rack-reorder", 9, 9),
        ("nagle", 3, 3),
        ("nodelay", 19, 19),
    ];
    for ((name, p), (wname, min, total)) in presets().into_iter().zip(want) {
        assert_eq!(name, wname);
        let (ok, n, bad) = compare(&p);
        std::eprintln!("{name}: client data match {ok}/{n}");
        for b in &bad {
            std::eprintln!("    {b}");
        }
        assert_eq!(n, total, "{name}: segment count {bad:?}");
        assert!(ok >= min, "{name}: {ok}/{n} {bad:?}");
    }
}
