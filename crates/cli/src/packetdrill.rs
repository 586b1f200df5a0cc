//! `synack packetdrill FILE_OR_DIR…`: run packetdrill scripts against the engine, one line per
//! script (`pass`, `fail at line N: …`, `unsupported: …`, `error: …`), then
//! `N passed, N failed, N unsupported`. Exit status 0 when nothing failed (unsupported scripts
//! and unreadable ones are not failures of the engine, but unreadable ones are counted failed:
//! a script we cannot read is a bug on one side or the other).

use crate::ladder;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use synack_packetdrill::{run_source, trace::to_trace, Outcome};

/// The scripts under `paths`: files as given, directories searched for `*.pkt`, sorted.
fn scripts(paths: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            let mut stack = vec![path.to_path_buf()];
            let mut found = Vec::new();
            while let Some(d) = stack.pop() {
                let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
                for e in entries.flatten() {
                    let q = e.path();
                    if q.is_dir() {
                        stack.push(q);
                    } else if q.extension().is_some_and(|x| x == "pkt") {
                        found.push(q);
                    }
                }
            }
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.to_path_buf());
        } else {
            return Err(format!("{p}: no such file or directory"));
        }
    }
    Ok(out)
}

pub fn run_all(paths: &[String], verbose: bool) -> ExitCode {
    let files = match scripts(paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("synack: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut passed, mut failed, mut unsupported) = (0u32, 0u32, 0u32);
    for f in &files {
        let name = f.display().to_string();
        let outcome = match std::fs::read_to_string(f) {
            Ok(src) => {
                let run = run_source(&src);
                if verbose {
                    let trace = to_trace(&run, &name);
                    let note = "no latency (packetdrill's tun device)";
                    print!(
                        "{}",
                        ladder::render(&trace, "packetdrill script", note, false)
                    );
                }
                match run.outcome {
                    Outcome::Pass => passed += 1,
                    Outcome::Unsupported { .. } => unsupported += 1,
                    Outcome::Fail { .. } | Outcome::Error(_) => failed += 1,
                }
                run.outcome.to_string()
            }
            Err(e) => {
                failed += 1;
                format!("error: cannot read: {e}")
            }
        };
        println!("{name}: {outcome}");
    }
    println!("{passed} passed, {failed} failed, {unsupported} unsupported");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
