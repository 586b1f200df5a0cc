//! Every script in the repository's tests/packetdrill/ runs, and the scripts that pass are
//! exactly those docs/PACKETDRILL.md lists as passing (the others are listed there as known
//! failures with the reason): a script that starts passing or stops passing fails this test.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_packetdrill::{run_source, Outcome};

/// The names between the `<!-- pass-list -->` markers of docs/PACKETDRILL.md (`- name.pkt`).
fn listed(doc: &str, marker: &str) -> Vec<String> {
    let start = format!("<!-- {marker} -->");
    let end = format!("<!-- /{marker} -->");
    let body = doc
        .split_once(&start)
        .and_then(|(_, rest)| rest.split_once(&end))
        .map(|(b, _)| b)
        .unwrap_or("");
    let mut v: Vec<String> = body
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(String::from)
        .collect();
    v.sort();
    v
}

#[test]
fn the_project_scripts_pass_as_listed() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let doc = std::fs::read_to_string(format!("{root}/docs/PACKETDRILL.md")).unwrap_or_default();
    let mut passed = Vec::new();
    let mut not = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(format!("{root}/tests/packetdrill"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        match run_source(&src).outcome {
            Outcome::Pass => passed.push(name),
            o => not.push((name, o.to_string())),
        }
    }
    assert!(passed.len() >= 9, "too few scripts pass: {passed:?}");
    assert_eq!(passed, listed(&doc, "pass-list"), "not passing: {not:?}");
    let failing: Vec<String> = not.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(failing, listed(&doc, "fail-list"), "{not:?}");
}
