//! Unit tests, one module per RFC 9293 state, on a tiny two-endpoint harness.

mod pair;

use crate::{Flags, State};
use pair::Pair;

#[test]
fn handshake_and_close_matches_linux_timing() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect(0);
    p.run_until_ms(100);
    p.client_send(b"hello");
    p.run_until_ms(150);
    // Server reads at 150.7: answers
    p.run_until_idle_or_ms(151);
    p.server_send(b"world");
    p.run_until_ms(201);
    p.client_close();
    p.run_until_ms(252);
    p.server_close();
    p.run_until_ms(400);
    let log = p.log_lines();
    let expect = [
        "0 C->S SYN 0 - 0",
        "50 S->C SYN|ACK 0 1 0",
        "100 C->S ACK 1 1 0",
        "100 C->S PSH|ACK 1 1 5",
        "150 S->C ACK 1 6 0",
        "151 S->C PSH|ACK 1 6 5",
        "201 C->S ACK 6 6 0",
        "201 C->S FIN|ACK 6 6 0",
        "252 S->C FIN|ACK 6 7 0",
        "302 C->S ACK 7 7 0",
    ];
    assert_eq!(log, expect, "{log:#?}");
    assert_eq!(p.client.state(), State::TimeWait);
    assert_eq!(p.server.state(), State::Closed);
    let _ = Flags::SYN;
}
