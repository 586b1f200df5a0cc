//! `synack`: simulate one TCP connection (a preset or a scenario file), or read one from a real
//! capture (`synack open`), and print it as a text ladder; on request write the trace as JSON, each side's capture as pcap, and the ladder
//! diagram as SVG or Mermaid (drawn by synack-diagram, like the web page).
//!
//! Exit status: 0 on success, 1 when the scenario or a file is bad, 2 for bad arguments.

mod args;
mod data_args;
mod ladder;
mod open;
mod outputs;
mod packetdrill;
mod quiz;

use args::{Command, CompareArgs, RunArgs, USAGE};
use std::process::ExitCode;
use synack_sim::{ppm_from_percent, preset, presets, run, Config, Scenario};

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&argv) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Presets) => {
            let width = presets().iter().map(|p| p.name.len()).max().unwrap_or(0);
            for p in presets() {
                println!("{:width$}  {}: {}", p.name, p.title, p.description);
            }
            ExitCode::SUCCESS
        }
        Ok(Command::Packetdrill { paths, verbose }) => packetdrill::run_all(&paths, verbose),
        Ok(Command::Open(o)) => match open::run(&o) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("synack: {e}");
                ExitCode::from(1)
            }
        },
        Ok(Command::Run(r)) => match run_command(&r) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("synack: {e}");
                ExitCode::from(1)
            }
        },
        Ok(Command::Quiz(q)) => match quiz::run(&q) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("synack: {e}");
                ExitCode::from(1)
            }
        },
        Ok(Command::Compare(c)) => match compare_command(&c) {
            Ok(true) => ExitCode::SUCCESS,
            // As linux-compare.py: status 1 unless every segment matched.
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("synack: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("synack: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// A preset by name, else a scenario file by path.
fn load(source: &str) -> Result<Scenario, String> {
    if let Some(s) = preset(source) {
        return Ok(s);
    }
    let path = std::path::Path::new(source);
    if !path.exists() {
        let names: Vec<&str> = presets().iter().map(|p| p.name).collect();
        return Err(format!(
            "`{source}` is neither a preset nor a file; presets: {}",
            names.join(", ")
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {source}: {e}"))?;
    Scenario::from_json(&text).map_err(|e| format!("{source}: {e}"))
}

/// The run's scenario: `source` loaded, with the data-phase options applied to it.
fn scenario(r: &RunArgs) -> Result<Scenario, String> {
    let mut s = load(&r.source)?;
    r.data.apply(&mut s);
    Ok(s)
}

fn us(ms: f64) -> u64 {
    // Validated finite, ≥ 0 and ≤ one hour by the argument parser.
    (ms * 1000.0 + 0.5) as u64
}

fn config(scenario: &Scenario, r: &RunArgs) -> Config {
    let mut c = Config::for_scenario(scenario);
    if let Some(l) = r.latency_ms {
        c.set_latency_us(us(l));
    }
    if let Some(j) = r.jitter_ms {
        c.set_jitter_us(us(j));
    }
    if let Some(p) = r.loss_pct {
        c.set_loss_ppm(ppm_from_percent(p));
    }
    if let Some(p) = r.duplicate_pct {
        c.to_server.duplicate_ppm = ppm_from_percent(p);
        c.to_client.duplicate_ppm = ppm_from_percent(p);
    }
    if let Some(p) = r.reorder_pct {
        c.to_server.reorder_ppm = ppm_from_percent(p);
        c.to_client.reorder_ppm = ppm_from_percent(p);
    }
    if let Some(bps) = r.bandwidth_bps {
        c.set_bottleneck(bps, r.data.queue_pkts.unwrap_or(0));
    }
    // `--bw` (the parser refuses it beside `--bandwidth`).
    r.data.configure(&mut c);
    if let Some(s) = r.seed {
        c.seed = s;
    }
    if let Some(p) = r.profile {
        c.profile = p;
    }
    c.drops.extend_from_slice(&r.drops);
    c
}

fn run_command(r: &RunArgs) -> Result<(), String> {
    let scenario = scenario(r)?;
    let cfg = config(&scenario, r);
    let trace = run(&scenario, &cfg).map_err(|e| e.to_string())?;
    if let Some(note) = outputs::caveats(r) {
        eprintln!("synack: {note}");
    }
    // An output on standard output replaces the ladder there.
    if !r.quiet && r.stdout_output().is_none() {
        let l = &cfg.to_server;
        let mut note = format!("latency {} ms", l.latency_us as f64 / 1000.0);
        if l.jitter_us > 0 {
            note.push_str(&format!(" ± {} ms", l.jitter_us as f64 / 1000.0));
        }
        if l.loss_ppm > 0 {
            note.push_str(&format!(", loss {} %", f64::from(l.loss_ppm) / 10_000.0));
        }
        if l.bandwidth_bps > 0 {
            note.push_str(&format!(", bottleneck {} bit/s", l.bandwidth_bps));
            if l.queue_packets > 0 {
                note.push_str(&format!(" with a queue of {} packets", l.queue_packets));
            }
        }
        // The other data-phase options, as given (the bottleneck is said above).
        let set: Vec<String> = r
            .data
            .query()
            .into_iter()
            .filter(|kv| !kv.starts_with("bw=") && !kv.starts_with("queue="))
            .collect();
        if !set.is_empty() {
            note.push_str(&format!("; {}", set.join(" ")));
        }
        print!(
            "{}",
            ladder::render(&trace, &scenario.description, &note, r.absolute)
        );
    }
    outputs::write_all(&trace, r)
}

/// `synack compare`: run the scenario (or read `--sim-trace`) and compare it with the golden
/// Linux trace; prints the report. `Ok(true)` when every segment matched.
fn compare_command(c: &CompareArgs) -> Result<bool, String> {
    if c.all {
        return compare_all(c);
    }
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("cannot read {p}: {e}"));
    let golden = synack_fidelity::parse_golden(&read(&c.golden)?)
        .map_err(|e| format!("{}: {e}", c.golden))?;
    let sim = match &c.sim_trace {
        Some(p) => synack_fidelity::parse_golden(&read(p)?).map_err(|e| format!("{p}: {e}"))?,
        None => {
            let scenario = scenario(&c.run)?;
            let cfg = config(&scenario, &c.run);
            let trace = run(&scenario, &cfg).map_err(|e| e.to_string())?;
            outputs::write_all(&trace, &c.run)?;
            synack_fidelity::from_trace(&trace)
        }
    };
    let report = synack_fidelity::compare(&golden, &sim, &c.options);
    print!("{}", report.render());
    Ok(report.is_full())
}

/// `synack compare --all`: every preset that has a capture, one score line each. `Ok(true)`
/// when every one matched fully.
fn compare_all(c: &CompareArgs) -> Result<bool, String> {
    let dir = std::path::PathBuf::from(c.fixtures.as_deref().unwrap_or("tests/fixtures"));
    let mut cases: Vec<(String, std::path::PathBuf, bool)> = synack_fidelity::CAPTURES
        .iter()
        .map(|k| (k.preset.to_string(), dir.join(k.file), k.data))
        .collect();
    let local = dir.join("linux-data/local");
    if let Ok(entries) = std::fs::read_dir(&local) {
        let mut found: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(String::from))
            .filter_map(|f| f.strip_suffix(".trace.txt").map(String::from))
            .filter(|p| preset(p).is_some())
            .collect();
        found.sort();
        for p in found {
            let path = local.join(format!("{p}.trace.txt"));
            cases.push((p, path, true));
        }
    }
    let mut all_full = true;
    for (name, path, data) in cases {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e} (see --fixtures)", path.display()))?;
        let golden =
            synack_fidelity::parse_golden(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut run_args = c.run.clone();
        run_args.source = name.clone();
        let scenario = scenario(&run_args)?;
        let trace = run(&scenario, &config(&scenario, &run_args)).map_err(|e| e.to_string())?;
        let options = if data {
            synack_fidelity::Options::data()
        } else {
            synack_fidelity::Options::default()
        };
        let report =
            synack_fidelity::compare(&golden, &synack_fidelity::from_trace(&trace), &options);
        all_full &= report.is_full();
        let shown = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        println!("{name:<22} {shown:<40} {}", report.score());
    }
    Ok(all_full)
}
