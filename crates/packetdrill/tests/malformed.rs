//! Malformed scripts give errors located at the token that breaks the rule. Each file in
//! tests/malformed/ is paired here with its expected line, column and message fragment.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_packetdrill::{run_source, Outcome};

const CASES: &[(&str, u32, u32, &str)] = &[
    ("no-inbound-window.pkt", 2, 4, "inbound packet needs 'win'"),
    ("unclosed-call.pkt", 1, 40, "expected ','"),
    (
        "inconsistent-seq.pkt",
        1,
        15,
        "inconsistent sequence numbers",
    ),
    ("unknown-option.pkt", 1, 31, "unknown TCP option 'bogus'"),
    ("bad-flag.pkt", 1, 5, "'Q' is not a TCP flag"),
    ("unterminated-code.pkt", 2, 4, "unterminated %{ code block"),
    ("bad-time.pkt", 1, 2, "expected a time"),
    ("window-range.pkt", 1, 18, "the window out of range"),
    ("mixed-range.pkt", 1, 6, "both ends of a time range"),
    ("no-result.pkt", 1, 10, "expected '='"),
];

#[test]
fn every_malformed_script_has_a_located_error() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/malformed");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    assert_eq!(
        files.len(),
        CASES.len(),
        "every file in tests/malformed has a case: {files:?}"
    );
    for (file, line, col, what) in CASES {
        let src = std::fs::read_to_string(format!("{dir}/{file}")).unwrap_or_default();
        match run_source(&src).outcome {
            Outcome::Error(e) => {
                assert_eq!((e.line, e.col), (*line, *col), "{file}: {e}");
                assert!(e.msg.contains(what), "{file}: {e}");
            }
            o => panic!("{file}: expected a parse error, got {o}"),
        }
    }
}
