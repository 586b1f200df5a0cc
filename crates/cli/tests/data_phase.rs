//! The data-phase options (`--cc`, `--size`, `--read`, `--bw`, `--queue`): each changes the
//! run the way the RFC (and Linux) say it should, read from the trace the CLI writes.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;
use synack_core::{CaState, SendReason, State};
use synack_sim::{Side, Snapshot, Trace};

/// `synack run ARGS --json - -q`, read back.
fn trace(args: &[&str]) -> Trace {
    let o = Command::new(env!("CARGO_BIN_EXE_synack"))
        .arg("run")
        .args(args)
        .args(["--json", "-", "-q"])
        .output()
        .expect("run synack");
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Trace::from_json(&String::from_utf8_lossy(&o.stdout)).unwrap()
}

fn snapshots(t: &Trace, side: Side) -> Vec<&Snapshot> {
    t.snapshots.iter().filter(|s| s.side == side).collect()
}

/// The sender's first reaction to a loss: (cwnd just before, ssthresh set then), in segments.
fn first_loss(t: &Trace) -> (u32, u32) {
    let s = snapshots(t, Side::Client);
    let k = (1..s.len())
        .find(|&i| {
            matches!(s[i].tcb.ca_state, CaState::Recovery | CaState::Loss)
                && matches!(s[i - 1].tcb.ca_state, CaState::Open | CaState::Disorder)
        })
        .expect("a loss");
    let mss = u32::from(s[k].tcb.mss);
    (s[k - 1].tcb.cwnd / mss, s[k].tcb.ssthresh / mss)
}

/// bulk-transfer through a 10 Mbit/s bottleneck with a 20-packet queue loses segments at the
/// queue in slow start. At the first loss Reno halves (RFC 5681 §3.1 eq. (4): ssthresh =
/// FlightSize / 2; Linux `tcp_reno_ssthresh`: cwnd / 2), CUBIC keeps 70 % (RFC 9438 §4.6:
/// ssthresh = cwnd × β_cubic, β_cubic = 0.7; Linux `bictcp_recalc_ssthresh`: cwnd × 717 /
/// 1024), both at least 2 segments.
#[test]
fn cc_reno_halves_at_the_first_loss_where_cubic_keeps_seventy_percent() {
    let net = ["--bw", "10", "--queue", "20"];
    let reno = trace(&[&["bulk-transfer", "--cc", "reno"][..], &net].concat());
    let cubic = trace(&[&["bulk-transfer", "--cc", "cubic"][..], &net].concat());
    let (cwnd, ssthresh) = first_loss(&reno);
    assert!(
        cwnd >= 10,
        "slow start went past the initial window ({cwnd})"
    );
    assert_eq!(ssthresh, (cwnd / 2).max(2), "Reno: cwnd {cwnd}");
    let (cwnd_c, ssthresh_c) = first_loss(&cubic);
    assert_eq!(
        ssthresh_c,
        (cwnd_c * 717 / 1024).max(2),
        "CUBIC: cwnd {cwnd_c}"
    );
    // The same loss, read by two algorithms: CUBIC keeps more.
    assert!(ssthresh_c * 10 >= cwnd_c * 6 && ssthresh * 10 <= cwnd * 5);
    assert!(ssthresh_c > ssthresh);
    // Without the option the preset's own (Linux's default, CUBIC) runs.
    let default = trace(&[&["bulk-transfer"][..], &net].concat());
    assert_eq!(first_loss(&default), (cwnd_c, ssthresh_c));
}

/// The bytes the receiver took in: its last RCV.NXT (before the closed connection forgot
/// it), less the SYN and the FIN.
fn received(t: &Trace) -> u32 {
    let last = snapshots(t, Side::Server)
        .into_iter()
        .rev()
        .find_map(|s| Some((s.tcb.rcv_nxt, s.tcb.irs?)))
        .unwrap();
    last.0.wrapping_sub(last.1).wrapping_sub(2)
}

#[test]
fn size_sets_the_bytes_transferred() {
    for (args, bytes) in [
        (&["upload-100k"][..], 100_000),
        (&["upload-100k", "--size", "30"][..], 30_000),
        (&["upload-100k", "--size", "1200"][..], 1_200_000),
    ] {
        let t = trace(args);
        let sent: usize = t
            .segments
            .iter()
            .filter(|r| r.from == Side::Client && r.reason == SendReason::Data)
            .map(|r| r.segment.payload.len())
            .sum();
        assert_eq!(sent, bytes, "{args:?}");
        assert_eq!(received(&t), bytes as u32, "{args:?}");
        // The server waited for all of it (its SO_RCVLOWAT followed the size) and closed.
        assert_eq!(t.final_states[1], State::Closed, "{args:?}");
    }
}

/// When the server's application connected, from its trace (the reader's pause starts then).
fn server_established(t: &Trace) -> u64 {
    snapshots(t, Side::Server)
        .into_iter()
        .find(|s| s.tcb.state == State::Established)
        .unwrap()
        .at
        .0
}

/// zero-window's server has a 2 KB receive buffer: a reader paused for N s lets it fill. The
/// server advertises a zero window, the client probes it (RFC 9293 §3.8.6.1, the persist
/// timer), and the window opens when the reader wakes, N s after the connection was
/// accepted.
#[test]
fn read_paused_closes_the_window_and_the_sender_probes_until_it_reads() {
    let mut reopened = Vec::new();
    for n in [1u64, 6] {
        let t = trace(&["zero-window", "--read", &format!("paused:{n}")]);
        let from_server: Vec<_> = t
            .segments
            .iter()
            .filter(|r| r.from == Side::Server)
            .collect();
        let zero = from_server
            .iter()
            .find(|r| r.segment.window == 0 && r.segment.flags.contains(synack_core::Flags::ACK))
            .unwrap_or_else(|| panic!("paused:{n}: the window never closed"));
        let open = from_server
            .iter()
            .find(|r| r.sent_at > zero.sent_at && r.segment.window > 0)
            .unwrap_or_else(|| panic!("paused:{n}: the window never opened"));
        let wake = server_established(&t) + n * 1_000_000;
        assert!(
            open.sent_at.0 >= wake && open.sent_at.0 < wake + 1_000_000,
            "paused:{n}: opened at {} µs, the reader woke at {wake}",
            open.sent_at.0
        );
        let probes = t
            .segments
            .iter()
            .filter(|r| {
                r.from == Side::Client
                    && r.reason == SendReason::WindowProbe
                    && r.sent_at > zero.sent_at
                    && r.sent_at <= open.sent_at
            })
            .count();
        reopened.push((open.sent_at.0, probes));
    }
    let [(open1, probes1), (open6, probes6)] = reopened[..] else {
        panic!()
    };
    assert!(open6 >= open1 + 5_000_000, "{open1} {open6}");
    // The persist timer backs off (doubling), so 5 s more are at least one probe more.
    assert!(probes6 > probes1 && probes6 >= 1, "{probes1} {probes6}");
    // `instant` reads as it arrives: the 2 KB buffer never fills.
    let t = trace(&["zero-window", "--read", "instant"]);
    assert!(t
        .segments
        .iter()
        .all(|r| r.from == Side::Client || r.segment.window > 0));
}

#[test]
fn bad_values_are_refused_with_what_and_where() {
    let err = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_synack"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = String::from_utf8_lossy(&o.stderr).into_owned();
        e.lines().next().unwrap_or("").to_string()
    };
    assert_eq!(
        err(&["run", "bulk-transfer", "--read", "slow:x"]),
        "synack: --read: “x” (at character 6 of “slow:x”) is not a whole number of kB/s (1 to 10000)"
    );
    assert_eq!(
        err(&["run", "bulk-transfer", "--size", "20001"]),
        "synack: --size: “20001” is outside 1 to 20000 kB"
    );
    assert_eq!(
        err(&["quiz", "bulk-transfer", "--cc", "bbr"]),
        "synack: --cc: “bbr” is not a congestion control: use cubic or reno"
    );
    assert!(err(&["run", "x", "--queue", "201", "--bw", "1"]).contains("outside 0 to 200"));
    assert!(err(&["run", "x", "--queue", "20"]).contains("--queue needs --bw or --bandwidth"));
    assert!(err(&["run", "x", "--bw", "5", "--bandwidth", "80000"]).contains("give one"));
    assert!(err(&["compare", "x", "g", "--nagle", "yes"]).contains("--nagle: “yes”"));
}
