//! The acceptance test: with the Linux profile, the presets must match real Linux captures
//! segment for segment, as `linux-compare.py` defines a match (direction, flags, relative
//! seq/ack, length, loss, SYN options, send time within 5 ms or 5 %; for the data phase its
//! recommended `--tol-ms 3 --tol-gap-pct 15 --ignore-psh --check-window --check-sack`).
//!
//! The captures are in the repository (`tests/fixtures/linux`, `tests/fixtures/linux-data`),
//! and the comparison is `synack compare` (synack-fidelity, the Rust port of the tool): no
//! Python or tshark needed. One test also runs the Python tool (`scripts/linux-compare.py`) on
//! the CLI's pcaps, where python3 and tshark are installed, and checks that both tools agree.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(sub: &str, id: &str) -> PathBuf {
    repo().join(format!("tests/fixtures/{sub}/{id}.trace.txt"))
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

/// `synack compare <preset> <golden> [extra]`: (report text, matched, total, exit success).
fn compare(preset: &str, golden: &Path, extra: &[&str]) -> (String, u32, u32, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["compare", preset])
        .arg(golden)
        .args(extra)
        .output()
        .expect("run synack compare");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (n, m) = score(&text).unwrap_or_else(|| {
        panic!(
            "no score from synack compare {preset}:\n{text}{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (text, n, m, out.status.success())
}

/// `match N/M` from a report's last line.
fn score(text: &str) -> Option<(u32, u32)> {
    let last = text.lines().last()?;
    let (n, m) = last.strip_prefix("match ")?.split_once('/')?;
    Some((n.parse().ok()?, m.parse().ok()?))
}

/// The handshake and teardown presets that match their capture today: every segment.
const HANDSHAKE: &[(&str, &str)] = &[
    ("handshake-and-close", "S1_normal"),
    ("connect-refused", "S2_refused"),
    ("syn-lost", "S3_syn_lost"),
    ("close-delayed", "S9b_close_delayed"),
];

#[test]
fn presets_match_linux_captures() {
    let mut failures = Vec::new();
    for (preset, id) in HANDSHAKE {
        let (text, n, m, ok) = compare(preset, &fixture("linux", id), &[]);
        println!("{preset}: match {n}/{m}");
        if !ok || n != m || n == 0 {
            failures.push(format!("{preset} vs {id}:\n{text}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The Rust port and the Python tool give the same score on the CLI's pcaps (needs python3
/// and tshark; skipped loudly without them).
#[test]
fn python_tool_agrees_on_the_pcaps() {
    if !have("tshark") || !have("python3") {
        eprintln!(
            "\n\n!!! SKIPPED python_tool_agrees_on_the_pcaps: python3 or tshark is not installed \
             (apt-get install tshark, or scripts/setup.sh) !!!\n\n"
        );
        return;
    }
    let tool = repo().join("scripts/linux-compare.py");
    let dir = scratch("agree");
    let mut cases: Vec<(&str, PathBuf, &[&str])> = HANDSHAKE
        .iter()
        .map(|(p, id)| (*p, fixture("linux", id), &[][..]))
        .collect();
    cases.extend(
        DATA.iter()
            .map(|(p, id, _)| (*p, fixture("linux-data", id), DATA_OPTS)),
    );
    for (preset, golden, opts) in cases {
        let (c, s) = captures(preset, &dir);
        let py = Command::new("python3")
            .arg(&tool)
            .arg(&golden)
            .arg(&c)
            .arg(&s)
            .args(["--client-ip", "10.0.0.1"])
            .args(opts)
            .output()
            .expect("run python3");
        let py_text = String::from_utf8_lossy(&py.stdout).to_string();
        let (rs_text, ..) = compare(
            preset,
            &golden,
            if opts.is_empty() { &[] } else { &["--data"] },
        );
        assert_eq!(
            score(&py_text),
            score(&rs_text),
            "{preset}: python says\n{py_text}\nsynack compare says\n{rs_text}"
        );
        println!("{preset}: both {}", rs_text.lines().last().unwrap_or(""));
    }
}

const DATA_OPTS: &[&str] = &[
    "--tol-ms",
    "3",
    "--tol-gap-pct",
    "15",
    "--ignore-psh",
    "--check-window",
    "--check-sack",
];

/// The data-phase presets with a capture, and the score the engine reaches today: a floor
/// that may only rise. The lead raises it as the engine learns SACK, RACK, TLP, CUBIC, the
/// persist timer and Nagle (issue 12); the goal is every segment (M).
const DATA: &[(&str, &str, u32)] = &[
    // A floor equal to the golden's segment count means the preset matches exactly.
    ("upload-100k", "D1_bulk", 125), // of 125: exact
    ("fast-retransmit", "D2_one_loss", 118),
    ("zero-window", "D5_zero_window", 68), // of 68: exact,
    ("nodelay", "D6b_nodelay", 42),        // of 42: exact,
];

/// Compare `preset` with its capture under the data-phase rules; fail below `floor`, with
/// the whole report.
fn data_floor(preset: &str) {
    let Some((_, id, floor)) = DATA.iter().find(|(p, ..)| *p == preset) else {
        panic!("{preset} has no capture in DATA");
    };
    let (text, n, m, _) = compare(preset, &fixture("linux-data", id), &["--data"]);
    println!("{preset} vs {id}: match {n}/{m} (floor {floor})");
    assert!(n >= *floor, "{preset} vs {id}: {n} < floor {floor}\n{text}");
}

#[test]
fn upload_100k_reaches_its_floor() {
    data_floor("upload-100k");
}

#[test]
fn fast_retransmit_reaches_its_floor() {
    data_floor("fast-retransmit");
}

#[test]
fn zero_window_reaches_its_floor() {
    data_floor("zero-window");
}

#[test]
fn nodelay_reaches_its_floor() {
    data_floor("nodelay");
}

/// Every data preset against its local capture (`tests/fixtures/linux-data/local/`, made on
/// this project's own Linux machine, `<preset>.trace.txt`; its README says how) under the
/// data-phase rules: the score today, a floor that may only rise. Floors measured with the
/// sending side (RACK-TLP, PRR, CUBIC/Reno, Nagle, persist, keep-alive) and Linux's SACK
/// compression on the receiving side.
const LOCAL: &[(&str, u32)] = &[
    ("upload-100k", 125),          // of 125: exact
    ("fast-retransmit", 120),      // of 120: exact
    ("fast-retransmit-reno", 119), // of 121
    ("burst-loss", 124),           // of 124: exact
    ("burst-loss-reno", 124),      // of 124: exact
    ("retransmission-lost", 118),  // of 119
    ("tail-loss-probe", 33), // of 33 (the RTO retransmission falls within the TLP's tolerance)
    ("tail-rto", 34),        // of 34: exact
    ("rack-reorder", 22),    // of 22: exact
    ("zero-window", 68),     // of 68: exact
    ("nagle", 10),           // of 10: exact
    ("nodelay", 41),         // of 42
    ("keepalive", 8),        // of 8: exact
    // Of 2099 (the engine's segments; the capture has 1905). Linux's receive-buffer
    // auto-tuning depends on how far the reader lags (bytes still queued when a round closes
    // are not counted): this capture's Python reader woke up late enough that the window
    // stayed at 67-87 KB until about 900 ms and the transfer ended at 1222 ms (run 2: 929 ms;
    // its client also waited 57 ms before writing). The engine's reader keeps up, and its
    // window grows from the third round trip (750 ms): as Linux's does with a reader that
    // keeps up, see local_bulk_transfer_fast_reader.
    ("bulk-transfer", 259),
];

fn local_floor(preset: &str) {
    let Some((_, floor)) = LOCAL.iter().find(|(p, _)| *p == preset) else {
        panic!("{preset} has no floor in LOCAL");
    };
    local_floor_vs(preset, preset, *floor);
}

/// `preset` against the local capture `<capture>.trace.txt`, failing below `floor`.
fn local_floor_vs(preset: &str, capture: &str, floor: u32) {
    let golden = repo().join(format!(
        "tests/fixtures/linux-data/local/{capture}.trace.txt"
    ));
    let (text, n, m, _) = compare(preset, &golden, &["--data"]);
    println!("{preset} vs local capture {capture}: match {n}/{m} (floor {floor})");
    assert!(
        n >= floor,
        "{preset} vs local capture {capture}: {n} < floor {floor}\n{text}"
    );
}

/// `bulk-transfer` against Linux with a reader that keeps up and a client that writes at once
/// (capture preset `bulk-transfer-fast-reader`), as the simulator's preset does: the same
/// receive-buffer auto-tuning, so the same window each round trip (80,896 → 151,552 → 346,112 →
/// 694,272 → 1,389,568 bytes) and the end at 750 ms against Linux's 762. What differs is on
/// the ACK and sending side: a few of the receiver's ACKs, and two segments Linux's sender
/// holds back 43 ms each round. Of 2101.
#[test]
fn local_bulk_transfer_fast_reader() {
    local_floor_vs("bulk-transfer", "bulk-transfer-fast-reader", 2028);
}

macro_rules! local_floors {
    ($($test:ident: $preset:literal,)*) => {
        $(
            #[test]
            fn $test() {
                local_floor($preset);
            }
        )*
    };
}

local_floors! {
    local_upload_100k: "upload-100k",
    local_fast_retransmit: "fast-retransmit",
    local_fast_retransmit_reno: "fast-retransmit-reno",
    local_burst_loss: "burst-loss",
    local_burst_loss_reno: "burst-loss-reno",
    local_retransmission_lost: "retransmission-lost",
    local_tail_loss_probe: "tail-loss-probe",
    local_tail_rto: "tail-rto",
    local_rack_reorder: "rack-reorder",
    local_zero_window: "zero-window",
    local_nagle: "nagle",
    local_nodelay: "nodelay",
    local_bulk_transfer: "bulk-transfer",
    local_keepalive: "keepalive",
}

/// Every data preset has a local capture and a floor.
#[test]
fn every_data_preset_has_a_local_floor() {
    let data_presets = synack_sim::presets()
        .iter()
        .skip_while(|p| p.name != "upload-100k")
        .map(|p| p.name);
    for p in data_presets {
        assert!(LOCAL.iter().any(|(l, _)| *l == p), "{p} has no floor");
        let f = repo().join(format!("tests/fixtures/linux-data/local/{p}.trace.txt"));
        assert!(f.exists(), "{} is missing", f.display());
    }
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

/// `--sim-trace`: a second real Linux run matches the first under the data-phase rules (exit
/// status 0), and a different scenario does not (exit status 1).
#[test]
fn compare_reads_a_second_trace() {
    let run = |golden: &str, other: &str| {
        Command::new(env!("CARGO_BIN_EXE_synack"))
            .args(["compare", "-", golden])
            .arg("--sim-trace")
            .arg(fixture("linux-data", other))
            .arg("--data")
            .output()
            .expect("run synack compare")
    };
    let g = fixture("linux-data", "D1_bulk");
    let g = g.to_str().unwrap();
    let o = run(g, "D1_bulk.run2");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{text}");
    assert_eq!(score(&text), Some((125, 125)));
    let o = run(g, "D2_one_loss");
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(" BAD "), "{text}");
}

/// Every capture `synack compare --all` knows is held to a score here (exactly, or a floor),
/// and `--all` prints one line per capture.
#[test]
fn every_known_capture_is_tested() {
    for k in synack_fidelity::CAPTURES {
        let id = k
            .file
            .rsplit('/')
            .next()
            .unwrap()
            .trim_end_matches(".trace.txt");
        let here = if k.data {
            DATA.iter().any(|(p, i, _)| *p == k.preset && *i == id)
        } else {
            HANDSHAKE.iter().any(|(p, i)| *p == k.preset && *i == id)
        };
        assert!(here, "{} ({}) has no test here", k.preset, k.file);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["compare", "--all", "--fixtures"])
        .arg(repo().join("tests/fixtures"))
        .output()
        .expect("run synack compare --all");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().count() >= synack_fidelity::CAPTURES.len(),
        "{text}"
    );
    assert!(
        text.contains("handshake-and-close") && text.contains("match 10/10"),
        "{text}"
    );
}
