//! The scenario file format: what it reads, what it refuses, and how it says so.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_sim::{presets, run, Call, Config, Scenario, Script, SimError, Trigger};

fn err(json: &str) -> String {
    match Scenario::from_json(json) {
        Ok(_) => panic!("accepted: {json}"),
        Err(e) => e.to_string(),
    }
}

const S1: &str = r#"{
  "name": "my-hello",
  "description": "hello, world",
  "latency_ms": 20,
  "client": {
    "at": [{ "at_ms": 0, "call": "connect" }],
    "on_connected": [{ "call": "send", "data": "hello" }],
    "on_data": [{ "call": "close" }]
  },
  "server": {
    "at": [{ "at_ms": 0, "call": "listen" }],
    "on_data": [{ "call": "send", "data": "world" }],
    "on_eof": [{ "after_ms": 0.5, "call": "close" }]
  },
  "faults": [{ "side": "client", "flags": "SYN", "which": "first", "action": "drop" }]
}"#;

#[test]
fn reads_a_file_and_runs_it() {
    let s = Scenario::from_json(S1).unwrap();
    assert_eq!(s.name, "my-hello");
    assert_eq!(s.latency_us, Some(20_000));
    assert_eq!(s.server.reactions(Trigger::Eof)[0].after_us, 500);
    let t = run(&s, &Config::for_scenario(&s)).unwrap();
    assert_eq!(t.scenario, "my-hello");
    // The SYN is lost, so the handshake completes after the 1 s retransmission.
    assert_eq!(t.segments[1].sent_at.0, 1_000_000);
}

#[test]
fn every_preset_round_trips_through_json() {
    for p in presets() {
        let s = p.scenario();
        let back = Scenario::from_json(&s.to_json()).unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert_eq!(back, s, "{}", p.name);
    }
}

/// Every JSON example in docs/SCENARIOS.md reads and runs.
#[test]
fn the_documented_examples_read_and_run() {
    let doc = include_str!("../../../docs/SCENARIOS.md");
    let mut n = 0;
    for block in doc.split("```json\n").skip(1) {
        let json = block.split("```").next().unwrap();
        let s = Scenario::from_json(json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        run(&s, &Config::for_scenario(&s)).unwrap();
        n += 1;
    }
    assert!(n >= 2, "{n} examples");
}

#[test]
fn serde_reads_the_same_format() {
    let s: Scenario = serde_json::from_str(S1).unwrap();
    assert_eq!(s, Scenario::from_json(S1).unwrap());
    let e = serde_json::from_str::<Scenario>(
        r#"{"client": {"at": [{"at_ms": "x", "call": "connect"}]}}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("client.at[0].at_ms: expected a number"), "{e}");
}

#[test]
fn errors_name_the_place() {
    let cases: &[(&str, &str)] = &[
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}], "on_data": [{"after_ms": "soon", "call": "close"}]}}"#,
            "client.on_data[0].after_ms: expected a number, found a string",
        ),
        (
            r#"{"client": {"at": [{"at_ms": -5, "call": "connect"}]}}"#,
            "client.at[0].at_ms: -5 is negative",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect", "colour": "red"}]}}"#,
            "client.at[0].colour: unknown field; expected one of: at_ms, call, data, bytes",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "sever": {}}"#,
            "sever: unknown field",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "send", "data": "hi"}, {"at_ms": 1, "call": "connect"}]}}"#,
            "client.at[0]: send at 0 ms comes before the client listens or connects",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "fly"}]}}"#,
            "client.at[0].call: unknown call `fly`",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "send"}]}}"#,
            "client.at[0]: a send needs `data`",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "close", "data": "x"}]}}"#,
            "client.at[0].data: only a send carries `data`",
        ),
        (
            r#"{"server": {"on_eof": [{"call": "close"}]}}"#,
            "server.on_eof: the server never listens or connects",
        ),
        (r#"{}"#, "nothing happens"),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "faults": [{"side": "client", "flags": "SYN|BOGUS", "action": "drop"}]}"#,
            "faults[0].flags: `BOGUS` is not a flag",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "faults": [{"side": "client", "nth": 1, "action": "delay"}]}"#,
            "faults[0].extra_ms: missing",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "faults": [{"side": "both", "nth": 1, "action": "drop"}]}"#,
            "faults[0].side: expected \"client\" or \"server\"",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "faults": [{"side": "client", "flags": "ACK", "state": "WAITING", "action": "drop"}]}"#,
            "faults[0].state: `WAITING` is not an RFC 9293 state",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 0, "call": "connect"}]}, "faults": [{"side": "client", "nth": 1.5, "action": "drop"}]}"#,
            "faults[0].nth: expected a whole number ≥ 0, found 1.5",
        ),
        (
            r#"{"client": {"at": [{"at_ms": 9e99, "call": "connect"}]}}"#,
            "client.at[0].at_ms: 9e+99 ms is past the one-hour limit",
        ),
        (
            r#"{"client": [1, 2]}"#,
            "client: expected an object {...}, found a list",
        ),
    ];
    for (json, want) in cases {
        let got = err(json);
        assert!(got.contains(want), "for {json}\n got: {got}\nwant: {want}");
    }
}

#[test]
fn bad_json_says_where() {
    let e = Scenario::from_json("{\"client\": ").unwrap_err();
    assert!(matches!(e, SimError::Json(_)));
    assert!(e.to_string().contains("line 1"), "{e}");
}

#[test]
fn builder_scripts_are_checked_too() {
    let s = Scenario::new("x").client(Script::new().at_ms(0, Call::Close));
    let e = run(&s, &Config::default()).unwrap_err().to_string();
    assert_eq!(
        e,
        "client.at[0]: close at 0 ms comes before the client listens or connects"
    );
    let s = Scenario::new("x").client(
        Script::new()
            .at_ms(0, Call::Connect)
            .at_ms(5, Call::send("")),
    );
    assert!(run(&s, &Config::default())
        .unwrap_err()
        .to_string()
        .contains("client.at[1].data: empty"));
}

#[test]
fn bad_config_is_an_error() {
    let s = synack_sim::preset("connect-refused").unwrap();
    let mut c = Config::for_scenario(&s);
    c.to_client.loss_ppm = 2_000_000;
    let e = run(&s, &c).unwrap_err().to_string();
    assert!(e.contains("to_client.loss_ppm"), "{e}");
}

/// Mangled files never panic: every one-character change of a preset's JSON either reads
/// (and then runs) or is a clear error.
#[test]
fn mangled_files_never_panic() {
    let mut ran = 0;
    for name in ["handshake-and-close", "old-duplicate-syn", "half-close"] {
        let text = synack_sim::preset(name).unwrap().to_json();
        let chars: Vec<char> = text.chars().collect();
        for i in (0..chars.len()).step_by(3) {
            for rep in ['9', '-', '"', 'x', '}', ' '] {
                let mut m = chars.clone();
                m[i] = rep;
                let s: String = m.into_iter().collect();
                match Scenario::from_json(&s) {
                    Err(e) => assert!(!e.to_string().is_empty()),
                    Ok(sc) if ran < 300 => {
                        ran += 1;
                        let _ = run(&sc, &Config::for_scenario(&sc));
                    }
                    Ok(_) => {}
                }
            }
        }
    }
    assert!(ran > 10);
}

/// Descriptions per language: `"descriptions": {"<lang>": "…"}`, and the older
/// `"description_zh"` of files already written, read as the `zh` one; written back as
/// `descriptions`.
#[test]
fn descriptions_per_language_and_the_older_description_zh() {
    let calls = r#""client": {"at": [{"at_ms": 0, "call": "connect"}]}"#;
    let old =
        format!(r#"{{"name": "x", "description": "Hello", "description_zh": "你好", {calls}}}"#);
    let s = Scenario::from_json(&old).unwrap();
    assert_eq!(s.description_in("zh"), "你好");
    assert_eq!(s.description_in("fr"), "Hello");
    let new = format!(
        r#"{{"name": "x", "description": "Hello", "descriptions": {{"fr": "Bonjour", "zh": "你好"}}, {calls}}}"#
    );
    let t = Scenario::from_json(&new).unwrap();
    assert_eq!(
        (t.description_in("fr"), t.description_in("zh")),
        ("Bonjour", "你好")
    );
    let back = Scenario::from_json(&t.to_json()).unwrap();
    assert_eq!(back, t);
    assert!(t.to_json().contains("\"descriptions\""));
    let bad = format!(r#"{{"name": "x", "descriptions": {{"fr": 3}}, {calls}}}"#);
    let e = Scenario::from_json(&bad).unwrap_err().to_string();
    assert!(e.contains("descriptions.fr"), "{e}");
}
