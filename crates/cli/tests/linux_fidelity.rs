//! The acceptance test: with the Linux profile, four presets must match real Linux captures
//! segment for segment, as `shared/tools/linux-compare.py` defines a match (direction,
//! flags, relative seq/ack, length, loss, SYN options, send time within 5 ms or 5 %).
//!
//! The captures and the tool live beside the repository (`<repo>/../shared`). The test needs
//! python3 and tshark; where tshark is missing it is skipped with a loud message.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

fn have(cmd: &str) -> bool {
    Command::new(cmd)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A fresh directory for this test's files.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("synack-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Run `synack run <preset>` writing both captures; returns their paths.
fn captures(preset: &str, dir: &Path) -> (PathBuf, PathBuf) {
    let c = dir.join(format!("{preset}.client.pcap"));
    let s = dir.join(format!("{preset}.server.pcap"));
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", preset, "--profile", "linux", "-q", "--pcap-client"])
        .arg(&c)
        .arg("--pcap-server")
        .arg(&s)
        .output()
        .expect("run synack");
    assert!(
        out.status.success(),
        "synack run {preset} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (c, s)
}

#[test]
fn presets_match_linux_captures() {
    if !have("tshark") {
        eprintln!(
            "\n\n!!! SKIPPED presets_match_linux_captures: tshark is not installed \
             (apt-get install tshark, or scripts/setup.sh) !!!\n\n"
        );
        return;
    }
    let tool = shared().join("tools/linux-compare.py");
    assert!(
        tool.exists(),
        "{} is missing: the shared captures must sit beside the repository",
        tool.display()
    );
    let dir = scratch("fidelity");
    let mut failures = Vec::new();
    for (preset, golden) in [
        ("handshake-and-close", "S1_normal"),
        ("connect-refused", "S2_refused"),
        ("syn-lost", "S3_syn_lost"),
        ("close-delayed", "S9b_close_delayed"),
    ] {
        let (c, s) = captures(preset, &dir);
        let golden = shared().join(format!("fixtures/linux/{golden}.trace.txt"));
        let out = Command::new("python3")
            .arg(&tool)
            .arg(&golden)
            .arg(&c)
            .arg(&s)
            .args(["--client-ip", "10.0.0.1"])
            .output()
            .expect("run python3");
        let text = String::from_utf8_lossy(&out.stdout);
        let last = text.lines().last().unwrap_or("").to_string();
        let full = last
            .strip_prefix("match ")
            .and_then(|r| r.split_once('/'))
            .is_some_and(|(n, m)| n == m && n != "0");
        println!("{preset}: {last}");
        if !out.status.success() || !full {
            failures.push(format!(
                "{preset} vs {}:\n{text}{}",
                golden.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every preset's captures are well-formed: tshark finds no error (bad checksum, malformed
/// packet) and verifies every IPv4 and TCP checksum as good.
#[test]
fn captures_have_valid_checksums() {
    if !have("tshark") {
        eprintln!("\n\n!!! SKIPPED captures_have_valid_checksums: tshark is not installed !!!\n\n");
        return;
    }
    let dir = scratch("checksums");
    for preset in [
        "handshake-and-close",
        "half-close",
        "time-wait-guard",
        "old-duplicate-syn",
    ] {
        let (c, s) = captures(preset, &dir);
        for f in [c, s] {
            let out = Command::new("tshark")
                .arg("-r")
                .arg(&f)
                .args([
                    "-o",
                    "tcp.check_checksum:TRUE",
                    "-o",
                    "ip.check_checksum:TRUE",
                    "-T",
                    "fields",
                    "-e",
                    "tcp.checksum.status",
                    "-e",
                    "ip.checksum.status",
                    "-e",
                    "_ws.expert.severity",
                ])
                .output()
                .expect("run tshark");
            assert!(out.status.success(), "tshark cannot read {}", f.display());
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(!text.trim().is_empty(), "{} is empty", f.display());
            for line in text.lines() {
                let cols: Vec<&str> = line.split('\t').collect();
                // Status 1 = "Good" in Wireshark's checksum fields.
                assert_eq!(cols.first(), Some(&"1"), "{}: {line}", f.display());
                assert_eq!(cols.get(1), Some(&"1"), "{}: {line}", f.display());
            }
        }
    }
}
