//! Unit tests, one module per RFC 9293 state, on two small harnesses: [`pair::Pair`] (two
//! endpoints on a simulated wire, for stories) and [`lone::Lone`] (one endpoint and a
//! scripted peer, for exact segments). This module replays the real Linux captures in
//! `tests/fixtures/linux/` (50 ms one-way delay) segment by segment.

mod fmt;
mod lone;
mod pair;

mod autotune;
mod linux_data;
mod sending;

mod close_wait;
mod closed;
mod closing;
mod established;
mod fin_wait_1;
mod fin_wait_2;
mod last_ack;
mod listen;
mod syn_received;
mod syn_sent;
mod time_wait;

use crate::{Flags, Profile, State};
use fmt::Side;
use lone::Lone;
use pair::Pair;

/// A Linux client whose handshake with a Linux peer completed at 100 ms: RTT 100 ms, RTO
/// 300 ms, timestamps and window scaling on. Outputs so far are taken.
pub fn linux_client() -> Lone {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    l.at_ms(100);
    let syn_ack = l.linux_syn(Flags::SYN | Flags::ACK);
    l.recv(syn_ack);
    assert_eq!(l.state(), State::Established);
    l.forget();
    l
}

/// The same with the textbook profile against a peer that offers only MSS (RTO 1 s).
pub fn textbook_client() -> Lone {
    let mut l = Lone::client(Profile::textbook());
    l.connect();
    l.at_ms(100);
    let syn_ack = l.syn_ack();
    l.recv(syn_ack);
    assert_eq!(l.state(), State::Established);
    l.forget();
    l
}

/// A Linux server that accepted a Linux client's SYN at 0 and its ACK at 100 ms.
pub fn linux_server() -> Lone {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    l.at_ms(100);
    let ack = l.ack(Flags::EMPTY, 1, 1, b"");
    l.recv(ack);
    assert_eq!(l.state(), State::Established);
    l.forget();
    l
}

/// S1_normal: hello / world / client closes / server closes, timed as Linux did it.
#[test]
fn s1_normal_matches_linux_capture() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(100);
    p.client_send(b"hello");
    p.run_until_ms(150);
    // The server reads 'hello' as it arrives (150) and answers 0.3 ms later.
    p.run_until_ms(151);
    p.server_send(b"world");
    p.run_until_ms(201);
    p.client_close();
    p.run_until_ms(252);
    p.server_close();
    p.run_until_ms(400);
    let expect = [
        "0 C->S SYN 0 - 0",
        "50 S->C SYN|ACK 0 1 0",
        "100 C->S ACK 1 1 0",
        "100 C->S PSH|ACK 1 1 5",
        "150 S->C ACK 1 6 0", // quick-ACK: the first data is acknowledged at once
        "151 S->C PSH|ACK 1 6 5",
        "201 C->S ACK 6 6 0",
        "201 C->S FIN|ACK 6 6 0",
        "252 S->C FIN|ACK 6 7 0", // ping-pong: the FIN's ACK rides on the server's FIN
        "302 C->S ACK 7 7 0",
    ];
    assert_eq!(p.log_lines(), expect);
    assert_eq!(p.client.state(), State::TimeWait);
    assert_eq!(p.server.state(), State::Closed);
    // Windows as captured: 64240 / 65160 in the SYNs, then 63 and 64 scaled by 2^10.
    let win: alloc::vec::Vec<u16> = p.log.iter().map(|s| s.seg.window).collect();
    assert_eq!(win, [64240, 65160, 63, 63, 64, 64, 63, 63, 64, 63]);
}

/// S3_syn_lost: the first SYN is lost; Linux resends it after the initial RTO of 1 s.
#[test]
fn s3_syn_lost_matches_linux_capture() {
    let mut p = Pair::new();
    p.server_listen();
    p.lose_next(Side::Client);
    p.client_connect();
    p.run_until_ms(1100);
    p.client_send(b"hello");
    p.run_until_ms(1160);
    assert_eq!(
        p.log_lines(),
        [
            "0 C->S SYN 0 - 0 LOST",
            "1000 C->S SYN 0 - 0",
            "1050 S->C SYN|ACK 0 1 0",
            "1100 C->S ACK 1 1 0",
            "1100 C->S PSH|ACK 1 1 5",
            "1150 S->C ACK 1 6 0",
        ]
    );
}

/// S9b_close_delayed: no data; the client closes at 400 ms, the server 500 ms after EOF.
/// The server's CLOSE-WAIT ACK waits one 4 ms tick (ping-pong with a zero ATO).
#[test]
fn s9b_close_delayed_matches_linux_capture() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(400);
    p.client_close();
    p.run_until_ms(950);
    p.server_close();
    p.run_until_ms(1100);
    assert_eq!(
        p.log_lines(),
        [
            "0 C->S SYN 0 - 0",
            "50 S->C SYN|ACK 0 1 0",
            "100 C->S ACK 1 1 0",
            "400 C->S FIN|ACK 1 1 0",
            "454 S->C ACK 1 2 0",
            "950 S->C FIN|ACK 1 2 0",
            "1000 C->S ACK 2 2 0",
        ]
    );
    let c = p.transitions(Side::Client);
    let times: alloc::vec::Vec<(u64, State)> = c.iter().map(|(t, _, to, _)| (*t, *to)).collect();
    assert_eq!(
        times,
        [
            (0, State::SynSent),
            (100, State::Established),
            (400, State::FinWait1),
            (504, State::FinWait2),
            (1000, State::TimeWait),
        ]
    );
    // The orphaned FIN-WAIT-2 waited under tcp_fin_timeout (ss: "timewait,59000ms" at 506).
    let fw2 = p.events_of(Side::Client, |e| {
        matches!(
            e,
            crate::Event::TimerArmed {
                timer: crate::TimerKind::FinWait2,
                ..
            }
        )
    });
    assert_eq!(fw2.len(), 1);
    assert_eq!(fw2[0].0, 504);
    // TIME-WAIT ends 60 s after it began (/proc/net/tcp: first due at 60997 ms).
    p.run_until_ms(60_999);
    assert_eq!(p.client.state(), State::TimeWait);
    p.run_until_ms(61_001);
    assert_eq!(p.client.state(), State::Closed);
    assert_eq!(p.server.state(), State::Closed);
}
