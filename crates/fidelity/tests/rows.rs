//! The rows both sides of a comparison are made of: a golden file's lines, and a synack
//! trace normalized as linux-compare.py normalizes two pcaps.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_fidelity::{compare, from_trace, parse_golden, Dir, Kind, Options};
use synack_sim::{preset, run, Config, SegmentRef, Side};

#[test]
fn golden_lines_read_like_the_python_tool() {
    let text = "\
# comment
    0.000    50.714  C->S  SYN               0      -    0  64240   64240  MSS=1460,SACK_PERM,TS=0/-,NOP,WS=10
  257.123      LOST  C->S  ACK           27513      1 1448     63   64512  NOP,NOP,TS=206/105
  300.500   350.600  S->C  ACK               1  27513    0    100  102400  NOP,NOP,TS=1/2,SACK=28961-30409;31857-33305   [sack]
  too short
";
    let rows = parse_golden(text).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].opts, ["MSS", "SACK_PERM", "TS", "WS"]);
    assert_eq!(rows[0].ack, "-");
    assert!(rows[1].lost && rows[1].opts.is_empty());
    assert_eq!(rows[2].dir, Dir::ServerToClient);
    assert_eq!(rows[2].sack, ["28961-30409", "31857-33305"]);
    assert_eq!(rows[2].wbytes, 102_400);
    let e = parse_golden("  1.0  2.0  C->S  ACK  1  1  many  63  64512  NOP\n").unwrap_err();
    assert!(e.contains("line 1: bad length"), "{e}");
    let e = parse_golden("  1.0  2.0  X->Y  ACK  1  1  0  63  64512  NOP\n").unwrap_err();
    assert!(e.contains("bad direction"), "{e}");
}

#[test]
fn a_trace_becomes_relative_rows() {
    let s = preset("handshake-and-close").unwrap();
    let mut c = Config::for_scenario(&s);
    // Lose the client's `hello` (its 3rd segment, n = 2): it shows LOST, its retransmission not.
    c.drops.push(SegmentRef {
        side: Side::Client,
        nth: 2,
        injected: false,
    });
    let t = run(&s, &c).unwrap();
    let rows = from_trace(&t);
    assert_eq!(rows.len(), t.segments.len());
    let syn = &rows[0];
    assert_eq!(
        (syn.flags.as_str(), syn.seq.as_str(), syn.t),
        ("SYN", "0", 0.0)
    );
    assert_eq!(syn.opts, ["MSS", "SACK_PERM", "TS", "WS"]);
    let synack = &rows[1];
    assert_eq!(
        (synack.flags.as_str(), synack.ack.as_str()),
        ("SYN|ACK", "1")
    );
    let hello: Vec<_> = rows
        .iter()
        .filter(|r| r.dir == Dir::ClientToServer && r.len == 5)
        .collect();
    assert_eq!(hello.len(), 2);
    assert!(hello[0].lost && !hello[1].lost);
    assert_eq!(hello[0].flags, "PSH|ACK");
    // Window scaling is on both ways: wbytes = win << 10 after the SYNs.
    assert!(rows[2..].iter().all(|r| r.wbytes == u64::from(r.win) << 10));
    // Against itself every row matches; against the loss-free run, loss counts.
    assert!(compare(&rows, &rows, &Options::default()).is_full());
    let clean = from_trace(&run(&s, &Config::for_scenario(&s)).unwrap());
    let r = compare(&clean, &rows, &Options::default());
    assert!(!r.is_full());
    assert!(r
        .lines
        .iter()
        .any(|l| l.kind == Kind::Extra || l.kind == Kind::Bad));
}
