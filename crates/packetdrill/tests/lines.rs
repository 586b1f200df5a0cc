//! `Step::Done`: which script lines held, and when — what the web app marks beside each line.

use synack_packetdrill::{parse, run_source, Outcome, Step};

const PASSIVE: &str = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0 bind(3, ..., ...) = 0
+0 listen(3, 1) = 0
+0.1 < S 0:0(0) win 29200 <mss 1400,sackOK,nop,nop,nop,wscale 6>
+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>
+0.05 < . 1:1(0) ack 1 win 457
+0 accept(3, ..., ...) = 4
+0.01 < P. 1:101(100) ack 1 win 457
";

fn done(src: &str) -> Vec<(u32, u64)> {
    run_source(src)
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::Done { at, line } => Some((*line, *at)),
            _ => None,
        })
        .collect()
}

fn event_lines(src: &str) -> Vec<u32> {
    parse(src)
        .map(|s| s.events.iter().map(|e| e.line).collect())
        .unwrap_or_default()
}

#[test]
fn every_line_of_a_passing_script_is_done_once_at_its_time() {
    let src = format!("{PASSIVE}+0 > . 1:1(0) ack 101\n");
    assert_eq!(run_source(&src).outcome, Outcome::Pass);
    let d = done(&src);
    let mut lines: Vec<u32> = d.iter().map(|&(l, _)| l).collect();
    lines.sort_unstable();
    assert_eq!(lines, event_lines(&src));
    // The SYN-ACK at 0.1 s, the engine's ACK of the 100 bytes at 0.16 s.
    assert!(d.contains(&(6, 100_000)), "{d:?}");
    assert!(d.contains(&(10, 160_000)), "{d:?}");
}

#[test]
fn a_failing_line_and_the_lines_after_it_are_not_done() {
    let src = format!("{PASSIVE}+0 > . 1:1(0) ack 51\n+0 close(4) = 0\n");
    assert!(matches!(
        run_source(&src).outcome,
        Outcome::Fail { line: 10, .. }
    ));
    let d = done(&src);
    assert!(d.iter().all(|&(l, _)| l < 10), "{d:?}");
    assert_eq!(d.len(), 9);
}

#[test]
fn a_blocking_call_is_done_when_it_returns() {
    // accept() at 0 blocks until the handshake completes at 0.15 s.
    let src = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 bind(3, ..., ...) = 0
+0 listen(3, 1) = 0
+0 accept(3, ..., ...) = 4
+0.1 < S 0:0(0) win 29200 <mss 1400,sackOK,nop,nop,nop,wscale 6>
+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>
+0.05 < . 1:1(0) ack 1 win 457
";
    let r = run_source(src);
    assert_eq!(r.outcome, Outcome::Pass, "{:?}", r.outcome);
    let d = done(src);
    assert_eq!(d.iter().filter(|&&(l, _)| l == 4).count(), 1, "{d:?}");
    assert!(d.contains(&(4, 150_000)), "{d:?}");
}
