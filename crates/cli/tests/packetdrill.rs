//! `synack packetdrill` and `synack run --packetdrill`: the summary line, the exit status, the
//! ladder with -v, and an exported script that the runner passes.

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

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("synack-pd-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

const GOOD: &str = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n\
+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n\
+0 < S 0:0(0) win 1000 <mss 1460,nop,nop,sackOK,nop,wscale 7>\n\
+0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>\n";

#[test]
fn a_directory_of_scripts_is_summed_up() {
    let d = scratch("dir");
    std::fs::write(d.join("good.pkt"), GOOD).expect("write");
    std::fs::write(d.join("bad.pkt"), GOOD.replace("wscale 8", "wscale 9")).expect("write");
    std::fs::write(d.join("tfo.pkt"), "0 < S 0:0(0) win 1000 <FO 1234>\n").expect("write");
    std::fs::write(d.join("notes.txt"), "not a script").expect("write");
    let o = synack(&["packetdrill", d.to_str().unwrap_or("")]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("good.pkt: pass"), "{text}");
    assert!(text.contains("bad.pkt: fail at line 5: expected"), "{text}");
    assert!(
        text.contains("tfo.pkt: unsupported: TCP Fast Open options (line 1)"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("1 passed, 1 failed, 1 unsupported"),
        "{text}"
    );
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_file(d.join("bad.pkt"));
    let o = synack(&["packetdrill", d.to_str().unwrap_or("")]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn verbose_prints_the_ladder() {
    let d = scratch("v");
    let f = d.join("good.pkt");
    std::fs::write(&f, GOOD).expect("write");
    let o = synack(&["packetdrill", "-v", f.to_str().unwrap_or("")]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("#1 SYN|ACK seq=0 ack=1 len=0"), "{text}");
    assert!(text.contains("LISTEN → SYN-RECEIVED"), "{text}");
}

#[test]
fn an_exported_script_passes() {
    let d = scratch("export");
    let f = d.join("out.pkt");
    let path = f.to_str().unwrap_or("");
    for side in ["client", "server"] {
        let o = synack(&[
            "run",
            "data-loss",
            "-q",
            "--packetdrill",
            path,
            "--side",
            side,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let script = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(script.contains("> S"), "{script}");
        let o = synack(&["packetdrill", path]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            text.ends_with("1 passed, 0 failed, 0 unsupported\n"),
            "{side}: {text}"
        );
    }
}

#[test]
fn bad_arguments_are_usage_errors() {
    assert_eq!(synack(&["packetdrill"]).status.code(), Some(2));
    assert_eq!(synack(&["packetdrill", "--frob"]).status.code(), Some(2));
    assert_eq!(
        synack(&["packetdrill", "/no/such/file.pkt"]).status.code(),
        Some(2)
    );
    assert_eq!(
        synack(&["run", "handshake-and-close", "--side", "middle"])
            .status
            .code(),
        Some(2)
    );
}
