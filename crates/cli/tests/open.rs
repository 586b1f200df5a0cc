//! `synack open`: a real capture read with the model, printed and written like a run.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};
use synack_core::{Event, State};
use synack_sim::{Side, Trace, TraceEventKind};

fn synack(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synack"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(args)
        .output()
        .expect("run synack")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const DIR: &str = "tests/fixtures/captures";

#[test]
fn open_prints_the_ladder_of_a_capture_with_its_states() {
    let o = synack(&["open", &format!("{DIR}/handshake_close.client.pcap")]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    for want in [
        "CLOSED → SYN-SENT",
        "SYN-SENT → ESTABLISHED",
        "ESTABLISHED → FIN-WAIT-1",
        "FIN-WAIT-1 → TIME-WAIT",
        "LISTEN → SYN-RECEIVED",
        "CLOSE-WAIT → LAST-ACK",
        "send(\"hello\")",
        "captured at the client; the server's times estimated",
        "note: Captured at the client only",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    // One connection: no listing.
    assert!(!out.contains("using stream 0"));
}

#[test]
fn several_connections_are_listed_and_stream_0_is_used_unless_chosen() {
    let f = format!("{DIR}/several.sll2.pcap");
    let o = synack(&["open", &f]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains("using stream 0 (choose another with --stream N)"),
        "{out}"
    );
    assert!(
        out.contains("skipped: 2 ARP, 1 ICMP, 1 UDP, 5 ICMPv6"),
        "{out}"
    );
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with(['0', '1', '2']) && l.contains(":500"))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(rows[2].contains("[fd77::1]:40201") && rows[2].contains("[fd77::2]:5003"));
    let o = synack(&["open", &f, "--stream", "2", "-q"]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    // Where and how far, when the reader knows better than the handshake.
    let o = synack(&[
        "open",
        &f,
        "--stream",
        "2",
        "--captured-at",
        "client",
        "--one-way",
        "7.5",
    ]);
    assert!(
        text(&o.stdout).contains("estimated, 7.500 ms one way"),
        "{}",
        text(&o.stdout)
    );
    let o = synack(&["open", &f, "--captured-at", "middle"]);
    assert_eq!(o.status.code(), Some(2));
    let o = synack(&["open", &f, "--stream", "3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("no TCP stream 3: the file holds streams 0 to 2"),
        "{}",
        text(&o.stderr)
    );
}

/// `--json -` writes a trace with one segment per TCP segment of the connection in the file,
/// and each side's state changes.
#[test]
fn json_has_every_captured_segment_and_both_sides_states() {
    for args in [
        vec![format!("{DIR}/loss.client.pcap")],
        vec![
            format!("{DIR}/loss.client.pcap"),
            format!("{DIR}/loss.server.pcap"),
        ],
        vec![
            format!("{DIR}/several.pcapng"),
            "--stream".into(),
            "1".into(),
        ],
    ] {
        let mut a: Vec<&str> = vec!["open"];
        a.extend(args.iter().map(String::as_str));
        a.extend(["--json", "-"]);
        let o = synack(&a);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let t = Trace::from_json(&text(&o.stdout)).unwrap();
        // tshark -r FILE -Y 'tcp.stream == N' | wc -l: 34 at the client, 10 in stream 1; the
        // merge has the 34 the client sent or received (the server saw 32 of them).
        let want = if args[0].contains("loss") { 34 } else { 10 };
        assert_eq!(t.segments.len(), want, "{args:?}");
        for side in Side::BOTH {
            assert!(
                t.events.iter().any(|e| e.side == side
                    && matches!(
                        e.kind,
                        TraceEventKind::Core {
                            event: Event::StateChanged { .. }
                        }
                    )),
                "{args:?}: no state change of the {side:?}"
            );
        }
        assert_eq!(
            t.final_states[0],
            if args[0].contains("several") {
                State::Closed
            } else {
                State::TimeWait
            }
        );
    }
}

#[test]
fn exports_are_written_and_errors_name_the_file_and_byte() {
    let dir = std::env::temp_dir().join(format!("synack-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let svg = dir.join("c.svg");
    let mmd = dir.join("c.mmd");
    let anim = dir.join("a.svg");
    let o = synack(&[
        "open",
        &format!("{DIR}/handshake_close.client.pcapng"),
        "-q",
        "--svg",
        svg.to_str().unwrap(),
        "--mermaid",
        mmd.to_str().unwrap(),
        "--animated-svg",
        anim.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    assert!(std::fs::read_to_string(&anim)
        .unwrap()
        .contains("@keyframes"));
    assert!(std::fs::read_to_string(&mmd)
        .unwrap()
        .contains("sequenceDiagram"));

    let bad = dir.join("bad.pcap");
    std::fs::write(&bad, b"GIF89a, not a capture, clearly").unwrap();
    let o = synack(&["open", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = text(&o.stderr);
    assert!(
        e.contains("bad.pcap: at byte 0: magic number 0x47494638"),
        "{e}"
    );

    let full = std::fs::read(format!(
        "{}/../../{DIR}/handshake_close.client.pcap",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let cut = dir.join("cut.pcap");
    std::fs::write(&cut, &full[..500]).unwrap();
    let o = synack(&["open", cut.to_str().unwrap()]);
    assert!(o.status.success(), "what was read is shown");
    let out = text(&o.stdout);
    assert!(
        out.contains("cut.pcap: reading stopped at packet 6, at byte 471: truncated"),
        "{out}"
    );

    // A file past the limit is refused by its size, unread (a sparse file costs no disk).
    let huge = dir.join("huge.pcap");
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(300 << 20).unwrap();
    let o = synack(&["open", huge.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr)
            .contains("huge.pcap: the file has 314572800 bytes; synack reads captures up to"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
