//! The command line: listing, running, writing files, and failing clearly (never a panic).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

fn synack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .expect("run synack")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("synack-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Every segment line says why it was sent in words, and what the sender's TCB held.
#[test]
fn the_ladder_names_reasons_and_congestion_state() {
    let o = synack(&["run", "data-loss"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    // Linux resends a lone lost segment as a tail loss probe (RFC 8985 §7), before the RTO.
    let retx = text
        .lines()
        .find(|l| l.contains("[tail loss probe]"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        retx.contains(" cwnd=") && retx.contains(" ssthresh="),
        "{retx}"
    );
    assert!(
        retx.contains(" flight=5 ") && retx.contains(" wnd="),
        "{retx}"
    );
    assert!(
        text.contains("[handshake ACK]") && text.contains("[SYN-ACK]"),
        "{text}"
    );
    assert!(!text.contains("[Retransmission]"), "Debug names are gone");
    // A bottleneck's full queue is its own cause of loss.
    let o = synack(&[
        "run",
        "upload-100k",
        "--bandwidth",
        "1000000",
        "--queue",
        "3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("LOST (bottleneck queue full)"), "{text}");
    assert!(text.contains("bottleneck 1000000 bit/s with a queue of 3 packets"));
}

#[test]
fn presets_are_listed_one_per_line() {
    let o = synack(&["presets"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(text.lines().count(), synack_sim::presets().len());
    assert!(text.lines().any(|l| l.starts_with("syn-timeout ")));
}

#[test]
fn run_prints_a_ladder() {
    let o = synack(&["run", "handshake-and-close"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("#0 SYN seq=0 len=0"), "{text}");
    assert!(text.contains("FIN-WAIT-1 → TIME-WAIT"), "{text}");
    assert!(text.contains("end at 60300.400 ms"), "{text}");
}

#[test]
fn writes_json_and_pcaps() {
    let d = scratch("outputs");
    let (j, c, s) = (d.join("t.json"), d.join("c.pcap"), d.join("s.pcap"));
    let o = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", "syn-lost", "-q", "--latency", "20", "--json"])
        .arg(&j)
        .arg("--pcap-client")
        .arg(&c)
        .arg("--pcap-server")
        .arg(&s)
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let trace = synack_sim::Trace::from_json(&std::fs::read_to_string(&j).unwrap()).unwrap();
    assert_eq!(trace.scenario, "syn-lost");
    // The lost SYN is only in the client's capture: 24-byte header + one record more.
    let (cb, sb) = (std::fs::read(&c).unwrap(), std::fs::read(&s).unwrap());
    assert_eq!(&cb[..4], &[0xd4, 0xc3, 0xb2, 0xa1]);
    assert_eq!(u32::from_le_bytes([cb[20], cb[21], cb[22], cb[23]]), 101);
    assert!(cb.len() > sb.len());
}

#[test]
fn reads_a_scenario_file() {
    let d = scratch("file");
    let f = d.join("s.json");
    std::fs::write(
        &f,
        r#"{"name": "mine", "client": {"at": [{"at_ms": 0, "call": "connect"}]}}"#,
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_synack"))
        .arg("run")
        .arg(&f)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("connection refused"));
}

#[test]
fn bad_input_fails_clearly() {
    let d = scratch("bad");
    let f = d.join("bad.json");
    std::fs::write(
        &f,
        r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}], "on_data": [{"after_ms": "x", "call": "close"}]}}"#,
    )
    .unwrap();
    let path = f.to_string_lossy().into_owned();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["run", "no-such-preset"], 1, "neither a preset nor a file"),
        (
            &["run", &path],
            1,
            "client.on_data[0].after_ms: expected a number",
        ),
        (
            &["run", "syn-lost", "--loss", "lots"],
            2,
            "--loss: `lots` is not a number",
        ),
        (
            &["run", "syn-lost", "--profile", "bsd"],
            2,
            "linux or textbook",
        ),
        (&["run"], 2, "needs a preset"),
        (&["frobnicate"], 2, "unknown command"),
        (
            &["run", "syn-lost", "-q", "--json", "/nonexistent-dir/x.json"],
            1,
            "cannot write the trace to /nonexistent-dir/x.json",
        ),
    ];
    for (args, code, want) in cases {
        let o = synack(args);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{args:?}");
    }
}

/// `synack quiz`: the questions of a run with their answers, as text or JSON; a bad kind is a
/// usage error that says where.
#[test]
fn quiz_lists_questions_with_their_answers() {
    let o = synack(&["quiz", "syn-lost", "--kinds", "flags,time"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.starts_with("syn-lost, seed 1: "), "{text}");
    // The lost SYN: nothing happens until the client's RTO expires, after 1 s.
    assert!(
        text.lines().any(|l| l.ends_with(
            ") Nothing, until a timer of the client expires; then it sends SYN  ← answer"
        )),
        "{text}"
    );
    assert!(text.contains("answer: 1000 ms (± 100 ms)"), "{text}");
    assert!(!text.contains("[seq]") && !text.contains("[why]"), "{text}");

    let d = scratch("quiz");
    let path = d.join("q.json");
    let o = synack(&[
        "quiz",
        "syn-lost",
        "--seed",
        "4",
        "--lang",
        "zh",
        "--json",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let questions = json.as_array().unwrap();
    assert!(questions.len() > 20);
    assert_eq!(questions[0]["prompt"], "最先发生的是什么？");
    assert_eq!(questions[0]["answer"]["type"], "choice");
    assert!(questions.iter().any(|q| q["rfc"] == "RFC 6298 §5"));

    let o = synack(&["quiz", "syn-lost", "--kinds", "flags,timers"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "--kinds: “timers” (at character 7 of “flags,timers”) is not a question kind"
        ),
        "{}",
        stderr(&o)
    );
    let o = synack(&["quiz", "nothing-like-this"]);
    assert_eq!(o.status.code(), Some(1));
}
