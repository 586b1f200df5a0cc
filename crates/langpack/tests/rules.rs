//! The rule "no panic on any input, no silent fallback" is a check, not a habit: every crate
//! takes the workspace's lints (Cargo.toml `[workspace.lints]`: no unwrap, expect, panic!,
//! indexing, unreachable!, todo! outside tests), no shipped source turns them off, and no
//! match hides a variant behind `#[allow(unreachable_patterns)]`.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use synack_langpack::root;

/// The workspace's members, from the root Cargo.toml.
fn members() -> Vec<String> {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let line = toml
        .lines()
        .find(|l| l.trim_start().starts_with("members"))
        .unwrap();
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The benchmark that measures the simulator's wasm size opts out: it is not shipped.
const NOT_SHIPPED: &[&str] = &["bench/simwasm"];

#[test]
fn every_crate_takes_the_workspace_lints() {
    let members = members();
    assert!(members.iter().any(|m| m == "crates/core"), "{members:?}");
    for m in members
        .iter()
        .filter(|m| !NOT_SHIPPED.contains(&m.as_str()))
    {
        let toml = std::fs::read_to_string(root().join(m).join("Cargo.toml")).unwrap();
        assert!(
            toml.contains("[lints]\nworkspace = true"),
            "{m}/Cargo.toml: add `[lints]` `workspace = true`"
        );
    }
    let root_toml = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    for lint in [
        "unwrap_used",
        "expect_used",
        "panic",
        "indexing_slicing",
        "unreachable",
        "todo",
    ] {
        assert!(
            root_toml.contains(&format!("\n{lint} = \"deny\"")),
            "Cargo.toml: {lint} is not denied"
        );
    }
}

#[test]
fn no_shipped_source_turns_the_rule_off() {
    let mut files = Vec::new();
    for m in members() {
        sources(&root().join(&m).join("src"), &mut files);
    }
    assert!(files.len() > 50, "found only {} sources", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            let off = line.contains("allow(unreachable_patterns)")
                || [
                    "unwrap_used",
                    "expect_used",
                    "panic",
                    "indexing_slicing",
                    "unreachable",
                ]
                .iter()
                .any(|l| line.contains(&format!("allow(clippy::{l}")));
            if off {
                found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the rule is turned off:\n{}",
        found.join("\n")
    );
}
