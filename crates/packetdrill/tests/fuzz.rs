//! Nothing panics: arbitrary text, and arbitrary sequences of the language's own tokens, are
//! read and run to an outcome.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use synack_packetdrill::run_source;

const TOKENS: &[&str] = &[
    "0",
    "+0",
    "+0.1",
    ".04",
    "*",
    "~",
    "...",
    "<",
    ">",
    "S",
    "S.",
    ".",
    "P.",
    "F.",
    "R",
    "R.",
    "0:0(0)",
    "1:1001(1000)",
    "ack",
    "1",
    "win",
    "65535",
    "<mss 1460,sackOK,nop,wscale 7>",
    "<nop,nop,TS val 1 ecr 0>",
    "<sack 1:2 3:4>",
    "<...>",
    "socket(..., SOCK_STREAM, IPPROTO_TCP)",
    "= 3",
    "= -1 EAGAIN",
    "accept(3, ..., ...)",
    "read(4, ..., 1000)",
    "write(3, ..., 10)",
    "close(3)",
    "listen(3, 1)",
    "connect(3, ..., ...)",
    "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK)",
    "%{ assert tcpi_snd_cwnd == 10 }%",
    "`sysctl -q net.ipv4.tcp_sack=0`",
    "\n",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    "=",
    "-1",
    "4294967296",
    "99999999999999999999",
];

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("0 f({}) = 0\n", "[".repeat(100_000));
    assert!(matches!(
        run_source(&deep).outcome,
        synack_packetdrill::Outcome::Error(_)
    ));
    let parens = format!("0 %{{ assert {}1 == 1 }}%\n", "(".repeat(100_000));
    assert!(matches!(
        run_source(&parens).outcome,
        synack_packetdrill::Outcome::Unsupported { .. }
    ));
    let minus = format!("0 %{{ assert {}1 == 1 }}%\n", "-".repeat(100_000));
    let _ = run_source(&minus);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = run_source(&s);
    }

    #[test]
    fn arbitrary_tokens_never_panic(v in proptest::collection::vec(0..TOKENS.len(), 0..60)) {
        let src: Vec<&str> = v.iter().filter_map(|i| TOKENS.get(*i).copied()).collect();
        let _ = run_source(&src.join(" "));
    }
}
