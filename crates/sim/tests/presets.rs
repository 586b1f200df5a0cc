//! The presets: exact instants of the key moments and the final states, with the Linux
//! profile and the default 50 ms latency (100 ms for simultaneous-close).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::run_preset;
use synack_core::{Cause, Event, Flags, State, TimerKind};
use synack_sim::{
    presets, run, AppCall, Config, Fate, LossCause, ProfileKind, Side, StopReason, Trace,
    TraceEventKind,
};

const MS: u64 = 1000;

/// (sent at µs, from, flags) of every segment.
fn wire(t: &Trace) -> Vec<(u64, Side, Flags)> {
    t.segments
        .iter()
        .map(|r| (r.sent_at.0, r.from, r.segment.flags))
        .collect()
}

fn sent_times(t: &Trace, from: Side, flags: Flags) -> Vec<u64> {
    t.segments
        .iter()
        .filter(|r| r.from == from && r.segment.flags == flags && r.duplicate_of.is_none())
        .map(|r| r.sent_at.0)
        .collect()
}

/// When `side` entered state `to` (every time).
fn entered(t: &Trace, side: Side, to: State) -> Vec<u64> {
    t.events
        .iter()
        .filter(|e| e.side == side)
        .filter_map(|e| match &e.kind {
            TraceEventKind::Core {
                event: Event::StateChanged { to: s, .. },
            } if *s == to => Some(e.at.0),
            _ => None,
        })
        .collect()
}

fn has_event(t: &Trace, side: Side, f: impl Fn(&Event) -> bool) -> bool {
    t.events
        .iter()
        .any(|e| e.side == side && matches!(&e.kind, TraceEventKind::Core { event } if f(event)))
}

#[test]
fn every_preset_runs_quietly_and_is_described() {
    for p in presets() {
        let s = p.scenario();
        assert!(!p.description.is_empty(), "{}", p.name);
        assert_eq!(s.name, p.name);
        s.validate().unwrap_or_else(|e| panic!("{}: {e}", p.name));
        for profile in [ProfileKind::Linux, ProfileKind::Textbook] {
            let mut c = Config::for_scenario(&s);
            c.profile = profile;
            let t = run(&s, &c).unwrap_or_else(|e| panic!("{}: {e}", p.name));
            assert_eq!(t.stop, StopReason::Quiet, "{} {profile:?}", p.name);
            assert_eq!(t.t0.0, 0, "{}: the client's first SYN is time 0", p.name);
        }
    }
}

#[test]
fn handshake_and_close() {
    let t = run_preset("handshake-and-close");
    let ack = Flags::ACK;
    let pa = Flags::PSH | Flags::ACK;
    let fa = Flags::FIN | Flags::ACK;
    let (c, s) = (Side::Client, Side::Server);
    assert_eq!(
        wire(&t),
        vec![
            (0, c, Flags::SYN),
            (50 * MS, s, Flags::SYN | ack),
            (100 * MS, c, ack),
            (100_100, c, pa),
            (150_100, s, ack),
            (150_200, s, pa),
            (200_200, c, ack),
            (200_300, c, fa),
            (250_400, s, fa),
            (300_400, c, ack),
        ]
    );
    // TIME-WAIT lasts 60 s (Linux TCP_TIMEWAIT_LEN).
    assert_eq!(entered(&t, c, State::TimeWait), vec![300_400]);
    assert_eq!(entered(&t, c, State::Closed), vec![60_300_400]);
    assert_eq!(entered(&t, s, State::Closed), vec![350_400]);
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
    assert_eq!(t.end.0, 60_300_400);
}

#[test]
fn connect_refused() {
    let t = run_preset("connect-refused");
    assert_eq!(
        wire(&t),
        vec![
            (0, Side::Client, Flags::SYN),
            (50 * MS, Side::Server, Flags::RST | Flags::ACK)
        ]
    );
    assert!(has_event(&t, Side::Client, |e| *e == Event::Refused));
    assert_eq!(entered(&t, Side::Client, State::Closed), vec![100 * MS]);
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn syn_lost_retransmits_after_one_second() {
    let t = run_preset("syn-lost");
    assert_eq!(sent_times(&t, Side::Client, Flags::SYN), vec![0, 1000 * MS]);
    assert!(matches!(
        t.segments[0].fate,
        Fate::Lost {
            cause: LossCause::Scripted,
            ..
        }
    ));
    assert_eq!(
        entered(&t, Side::Client, State::Established),
        vec![1100 * MS]
    );
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn syn_timeout_linux() {
    let t = run_preset("syn-timeout");
    let secs: Vec<u64> = sent_times(&t, Side::Client, Flags::SYN)
        .iter()
        .map(|us| us / 1_000_000)
        .collect();
    assert_eq!(secs, vec![0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
    assert!(has_event(&t, Side::Client, |e| matches!(
        e,
        Event::TimedOut {
            in_state: State::SynSent
        }
    )));
    assert_eq!(entered(&t, Side::Client, State::Closed), vec![131_000 * MS]);
    assert_eq!(t.final_states, [State::Closed, State::Listen]);
}

#[test]
fn syn_timeout_textbook_backs_off_exponentially() {
    let s = synack_sim::preset("syn-timeout").unwrap();
    let mut c = Config::for_scenario(&s);
    c.profile = ProfileKind::Textbook;
    let t = run(&s, &c).unwrap();
    let secs: Vec<u64> = sent_times(&t, Side::Client, Flags::SYN)
        .iter()
        .map(|us| us / 1_000_000)
        .collect();
    // RFC 9293 §3.8.3 MUST-23: a SYN is retransmitted for at least 3 minutes (RTO ≤ 60 s).
    assert_eq!(secs, vec![0, 1, 3, 7, 15, 31, 63, 123]);
}

#[test]
fn synack_lost() {
    let t = run_preset("synack-lost");
    // The server's SYN-ACK timer (1 s) and the client's retransmitted SYN both bring one.
    assert_eq!(
        sent_times(&t, Side::Server, Flags::SYN | Flags::ACK),
        vec![50 * MS, 1050 * MS, 1050 * MS]
    );
    assert_eq!(sent_times(&t, Side::Client, Flags::SYN), vec![0, 1000 * MS]);
    assert_eq!(
        entered(&t, Side::Client, State::Established),
        vec![1100 * MS]
    );
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn last_ack_lost() {
    let t = run_preset("last-ack-lost");
    let fins = sent_times(&t, Side::Server, Flags::FIN | Flags::ACK);
    // The FIN again after the RTO (SRTT 100 ms + 200 ms floor = 300 ms).
    assert_eq!(fins, vec![250_400, 550_400]);
    // TIME-WAIT answers it and starts its 60 s again.
    assert_eq!(
        sent_times(&t, Side::Client, Flags::ACK).last(),
        Some(&600_400)
    );
    assert_eq!(entered(&t, Side::Server, State::Closed), vec![650_400]);
    assert_eq!(entered(&t, Side::Client, State::Closed), vec![60_600_400]);
}

#[test]
fn simultaneous_close() {
    let t = run_preset("simultaneous-close");
    for side in Side::BOTH {
        assert_eq!(entered(&t, side, State::FinWait1), vec![1366 * MS]);
        assert_eq!(entered(&t, side, State::Closing), vec![1466 * MS]);
        assert_eq!(entered(&t, side, State::TimeWait), vec![1566 * MS]);
        assert_eq!(entered(&t, side, State::Closed), vec![61_566 * MS]);
    }
}

#[test]
fn simultaneous_open() {
    let t = run_preset("simultaneous-open");
    assert_eq!(sent_times(&t, Side::Server, Flags::SYN), vec![1_700]);
    for side in Side::BOTH {
        assert_eq!(entered(&t, side, State::SynSent).len(), 1);
        assert_eq!(entered(&t, side, State::SynReceived).len(), 1, "{side:?}");
        assert_eq!(entered(&t, side, State::Established).len(), 1, "{side:?}");
    }
    assert!(has_event(
        &t,
        Side::Server,
        |e| matches!(e, Event::DataReceived { data } if data == b"hello")
    ));
    assert!(has_event(
        &t,
        Side::Client,
        |e| matches!(e, Event::DataReceived { data } if data == b"world")
    ));
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn half_close() {
    let t = run_preset("half-close");
    let data: Vec<u64> = t
        .segments
        .iter()
        .filter(|r| r.from == Side::Server && r.segment.payload.len() == 100)
        .map(|r| r.sent_at.0)
        .collect();
    assert_eq!(data, vec![150_200, 300_200, 450_200]);
    // Data flows to a client in FIN-WAIT-2: the half-close.
    assert_eq!(entered(&t, Side::Client, State::FinWait2), vec![200_200]);
    assert_eq!(
        sent_times(&t, Side::Server, Flags::FIN | Flags::ACK),
        vec![450_200]
    );
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn close_merged_and_delayed() {
    let m = run_preset("close-merged");
    assert_eq!(m.segments.len(), 6);
    assert_eq!(
        sent_times(&m, Side::Server, Flags::FIN | Flags::ACK),
        vec![450_100]
    );
    let d = run_preset("close-delayed");
    assert_eq!(d.segments.len(), 7);
    // The delayed ACK fires at the next 4 ms tick (no data received: ATO is zero).
    assert_eq!(sent_times(&d, Side::Server, Flags::ACK), vec![454 * MS]);
    assert_eq!(
        sent_times(&d, Side::Server, Flags::FIN | Flags::ACK),
        vec![950_100]
    );
}

#[test]
fn abort() {
    let t = run_preset("abort");
    assert_eq!(
        sent_times(&t, Side::Client, Flags::RST | Flags::ACK),
        vec![400 * MS]
    );
    assert!(has_event(&t, Side::Server, |e| matches!(
        e,
        Event::Reset {
            in_state: State::Established
        }
    )));
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn old_duplicate_syn() {
    let t = run_preset("old-duplicate-syn");
    let stale = t.segments.iter().find(|r| r.injected).unwrap();
    assert_eq!(
        stale.fate,
        Fate::Arrived {
            at: synack_core::Instant(50 * MS)
        }
    );
    assert_eq!(sent_times(&t, Side::Client, Flags::RST), vec![100 * MS]);
    assert_eq!(entered(&t, Side::Server, State::Listen), vec![0, 150 * MS]);
    assert_eq!(
        entered(&t, Side::Server, State::Established),
        vec![300 * MS]
    );
    assert_eq!(t.final_states, [State::Established, State::Established]);
}

#[test]
fn two_way_handshake_accepts_the_stale_syn() {
    let t = run_preset("two-way-handshake");
    assert_eq!(t.server.profile, "linux-two-way");
    // ESTABLISHED on the stale SYN alone, until the client's RST.
    assert_eq!(
        entered(&t, Side::Server, State::Established),
        vec![50 * MS, 200 * MS]
    );
    assert!(t.events.iter().any(|e| e.side == Side::Server
        && matches!(
            &e.kind,
            TraceEventKind::Core {
                event: Event::StateChanged {
                    cause: Cause::SndSynAck,
                    ..
                }
            }
        )));
    assert!(has_event(&t, Side::Server, |e| matches!(
        e,
        Event::Reset { .. }
    )));
}

#[test]
fn half_open() {
    let t = run_preset("half-open");
    // The crashed client's new SYN draws an ACK, the ACK a RST, the RST the server's abort.
    assert_eq!(sent_times(&t, Side::Client, Flags::RST), vec![700 * MS]);
    assert!(has_event(&t, Side::Server, |e| matches!(
        e,
        Event::Reset { .. }
    )));
    assert_eq!(
        entered(&t, Side::Client, State::Established),
        vec![100 * MS, 1700 * MS]
    );
    assert_eq!(t.final_states, [State::Established, State::Established]);

    let d = run_preset("half-open-data");
    assert_eq!(sent_times(&d, Side::Client, Flags::RST), vec![650 * MS]);
    assert_eq!(d.final_states, [State::Closed, State::Closed]);
}

#[test]
fn close_wait_leak() {
    let t = run_preset("close-wait-leak");
    assert_eq!(entered(&t, Side::Client, State::FinWait2), vec![540 * MS]);
    // Linux tcp_fin_timeout: an orphaned FIN-WAIT-2 lasts 60 s.
    assert_eq!(entered(&t, Side::Client, State::Closed), vec![60_540 * MS]);
    assert_eq!(t.final_states, [State::Closed, State::CloseWait]);
}

#[test]
fn data_loss_retransmits_after_the_rto() {
    let t = run_preset("data-loss");
    let data = sent_times(&t, Side::Client, Flags::PSH | Flags::ACK);
    // Linux's tail loss probe: min(2·SRTT + 200 ms, RTO) with one segment out, and the RTO
    // after one 100 ms sample is SRTT + max(4 RTTVAR, 200 ms) = 300 ms (RFC 8985 §7.2).
    assert_eq!(data, vec![100_100, 400_100]);
    assert!(has_event(&t, Side::Client, |e| matches!(
        e,
        Event::TimerFired {
            timer: TimerKind::LossProbe
        }
    )));
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

#[test]
fn time_wait_guard() {
    let t = run_preset("time-wait-guard");
    let copy = t
        .segments
        .iter()
        .find(|r| r.duplicate_of.is_some())
        .unwrap();
    assert_eq!(
        copy.fate,
        Fate::Arrived {
            at: synack_core::Instant(1050 * MS)
        }
    );
    // TIME-WAIT answers the old SYN with an ACK; no SYN-RECEIVED, no new connection.
    let answer = t
        .segments
        .iter()
        .find(|r| r.from == Side::Server && r.sent_at.0 == 1050 * MS)
        .unwrap();
    assert_eq!(answer.segment.flags, Flags::ACK);
    assert_eq!(answer.sender_state, State::TimeWait);
    assert_eq!(entered(&t, Side::Server, State::SynReceived), vec![50 * MS]);
    // The client's port is still guarded: connecting again fails.
    assert!(t.events.iter().any(|e| matches!(
        &e.kind,
        TraceEventKind::App {
            call: AppCall::Connect,
            error: Some(_)
        }
    )));
    // Both TIME-WAITs last their 60 s (Linux may restart one on the stray ACK).
    for side in Side::BOTH {
        let closed = entered(&t, side, State::Closed);
        assert_eq!(closed.len(), 1);
        assert!(
            (60_500 * MS..=61_100 * MS).contains(&closed[0]),
            "{side:?} {closed:?}"
        );
    }
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
}

/// The bulk transfer tells what its description says: 1.5 MB in 1,000+ segments, slow start
/// doubling what is in flight each round trip (100 ms), while the server's receive window
/// keeps ahead of it: once a round trip the server sees it read more than the round before and
/// grows its buffer (Linux's receive-buffer auto-tuning, `tcp_rcv_space_adjust`), so the
/// window grows from 64 KB past 1 MB. Nothing is lost.
#[test]
fn bulk_transfer_slow_start_is_not_held_back_by_the_receive_window() {
    let t = run_preset("bulk-transfer");
    assert!(t.segments.len() >= 1000, "{} segments", t.segments.len());
    assert!(t
        .segments
        .iter()
        .all(|r| matches!(r.fate, Fate::Arrived { .. })));
    assert_eq!(t.stop, StopReason::Quiet);
    assert_eq!(t.final_states, [State::Closed, State::Closed]);
    let bytes: usize = t
        .segments
        .iter()
        .filter(|r| r.from == Side::Client)
        .map(|r| r.segment.payload.len())
        .sum();
    assert_eq!(bytes, (1 << 20) + (512 << 10));
    // Data segments the client sends in each 100 ms round trip.
    let mut per_rtt = vec![0u32; 30];
    for r in t.segments.iter().filter(|r| r.from == Side::Client) {
        if !r.segment.payload.is_empty() {
            per_rtt[(r.sent_at.0 / (100 * MS)) as usize] += 1;
        }
    }
    // Slow start: 10 segments (IW10), then twice as many each round trip, until the data
    // runs out: the receive window never holds the sender back.
    assert_eq!(per_rtt[1..7], [10, 20, 40, 80, 160, 320], "{per_rtt:?}");
    let last = t
        .snapshots
        .iter()
        .rfind(|s| s.side == Side::Client && s.tcb.snd_una != s.tcb.snd_nxt)
        .unwrap();
    // The default buffer (128 KiB) holds 81,920 bytes of window; auto-tuning grew it.
    assert!(last.tcb.snd_wnd > 1 << 20, "{:?}", last.tcb);
}
