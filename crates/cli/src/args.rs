//! Command-line arguments, parsed by hand (no dependency). Options are two tables, those with
//! a value (`OPTIONS`) and plain switches (`FLAGS`): adding an output format is one `Output`
//! variant and one row.

use std::fmt;
use synack_diagram::{Lang, Theme};

pub const USAGE: &str = "\
synack — simulate one TCP connection and print its ladder diagram

usage:
  synack presets                       list the preset scenarios
  synack run <PRESET|FILE.json> [options]
  synack compare <PRESET|FILE.json> GOLDEN.trace.txt [options] [compare options]
                                       run it and compare with a real Linux capture
  synack compare --all [--fixtures DIR] [options]
                                       every preset that has a capture: one score each
  synack packetdrill [-v] FILE_OR_DIR...  run packetdrill scripts (*.pkt) against the engine;
                                       -v prints each run as a ladder (docs/PACKETDRILL.md)
  synack help                          this text

options of `run`:
  --latency MS          one-way latency of both links (default: the scenario's, else 50)
  --jitter MS           each segment's latency varies by up to ± MS (no reordering)
  --loss PCT            random loss on both links, percent (e.g. 5 or 0.5)
  --duplicate PCT       chance that a link delivers a segment twice, percent
  --reorder PCT         chance that a segment is held back and overtaken, percent
  --bandwidth BPS       a bottleneck on both links: BPS bits per second (e.g. 10000000)
  --queue N             the bottleneck's drop-tail queue, N packets (needs --bandwidth)
  --seed N              seed of every random draw (default 1)
  --profile NAME        linux (default) or textbook
  --drop SIDE:N         what if: drop the N-th segment (from 0) that SIDE (client|server) sends;
                        may be repeated
  --json FILE           write the trace as JSON (format: docs/TRACE.md)
  --pcap-client FILE    write what tcpdump would capture on the client (pcap, raw IPv4)
  --pcap-server FILE    write what tcpdump would capture on the server
  --svg FILE            write the ladder diagram as a standalone SVG (the web page's drawing)
  --animated-svg FILE   write the ladder as an SVG that plays by itself (CSS animation, no
                        script: for an <img>, a README, a blog; docs/ANIMATED.md)
  --theme THEME         colours of the animated SVG: auto (default: the reader's light or
                        dark preference), light or dark
  --mermaid FILE        write a Mermaid sequenceDiagram (English, relative numbers)
  --packetdrill FILE    write a packetdrill script that tests one side (the other is the script)
  --side SIDE           the side --packetdrill tests: server (default) or client
  --lang LANG           language of the SVGs: en (default) or zh (Simplified Chinese)
  --absolute            show sequence numbers as on the wire, not relative to each ISN
                        (the printed ladder and the SVGs)
  -q, --quiet           do not print the ladder
FILE `-` means standard output (then the ladder is not printed; only one FILE may be `-`).

options of `compare` (those of `run` set up the run; the rest are linux-compare.py's):
  --data                the data-phase set: --tol-ms 3 --tol-gap-pct 15 --ignore-psh
                        --check-window --check-sack
  --tol-ms MS           time tolerance floor (default 5)
  --tol-pct P           tolerance as P % of the golden time (default 5, or 0 with --tol-gap-pct)
  --tol-gap-pct P       or within P % of the time since the previous matched golden segment
  --ignore-psh          ignore PSH on segments with payload
  --check-window        a zero window exactly where the golden run has one
  --check-sack          the same SACK blocks
  --summary             one line per direction instead of one per segment
  --sim-trace FILE      compare this normalized trace (e.g. a second Linux run) instead of a run
  --all                 every preset with a capture in DIR (default tests/fixtures), data
                        captures with --data; and DIR/linux-data/local/<PRESET>.trace.txt
  --fixtures DIR        where --all finds the captures
  -v                    also print the segments that match
Prints the segments that differ and `match N/M`; exit status 0 only when all N/N match.
Captures: tests/fixtures/linux (handshake, teardown) and tests/fixtures/linux-data (data phase).
Scenario files: docs/SCENARIOS.md. Times in the ladder are ms from the client's first SYN.";

/// A file to write after the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    Json(String),
    PcapClient(String),
    PcapServer(String),
    Svg(String),
    /// The ladder playing by itself (CSS animation).
    AnimatedSvg(String),
    Mermaid(String),
    /// A packetdrill script for one side (`--side`).
    Packetdrill(String),
}

impl Output {
    /// The file name (`-` for standard output).
    pub fn path(&self) -> &str {
        match self {
            Output::Json(p)
            | Output::PcapClient(p)
            | Output::PcapServer(p)
            | Output::Svg(p)
            | Output::AnimatedSvg(p)
            | Output::Mermaid(p)
            | Output::Packetdrill(p) => p,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunArgs {
    /// A preset's name or a scenario file's path.
    pub source: String,
    pub latency_ms: Option<f64>,
    pub jitter_ms: Option<f64>,
    pub loss_pct: Option<f64>,
    pub duplicate_pct: Option<f64>,
    pub reorder_pct: Option<f64>,
    /// `--bandwidth`, bits per second.
    pub bandwidth_bps: Option<u64>,
    /// `--queue`, packets.
    pub queue_packets: Option<u32>,
    pub seed: Option<u64>,
    pub profile: Option<String>,
    /// (side is the server, n)
    pub drops: Vec<(bool, u32)>,
    pub outputs: Vec<Output>,
    pub quiet: bool,
    /// `--lang`: `None` when not given.
    pub lang: Option<Lang>,
    /// `--absolute`: wire sequence numbers instead of relative ones.
    pub absolute: bool,
    /// `--side`: the side a `--packetdrill` script tests (the server when not given).
    pub side_client: bool,
    /// `--theme`: the animated SVG's colours.
    pub theme: Theme,
}

impl RunArgs {
    /// The output going to standard output, if any (at most one, checked by the parser).
    pub fn stdout_output(&self) -> Option<&Output> {
        self.outputs.iter().find(|o| o.path() == "-")
    }
}

/// `synack compare`: a run (or a second normalized trace) against a golden Linux trace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareArgs {
    pub run: RunArgs,
    pub golden: String,
    pub sim_trace: Option<String>,
    pub options: synack_fidelity::Options,
    /// `--all`: every preset with a capture, under `fixtures`.
    pub all: bool,
    pub fixtures: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Presets,
    Run(RunArgs),
    Compare(CompareArgs),
    /// `packetdrill [-v] PATH...`
    Packetdrill {
        paths: Vec<String>,
        verbose: bool,
    },
    Help,
}

/// A usage error: what was wrong, for a message and exit status 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgError(pub String);

impl fmt::Display for ArgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn err<T>(msg: impl Into<String>) -> Result<T, ArgError> {
    Err(ArgError(msg.into()))
}

/// What an option does with its value.
#[derive(Clone, Copy)]
enum Opt {
    Latency,
    Jitter,
    Loss,
    Duplicate,
    Reorder,
    Bandwidth,
    Queue,
    Seed,
    Profile,
    Drop,
    Json,
    PcapClient,
    PcapServer,
    Svg,
    AnimatedSvg,
    Theme,
    Mermaid,
    Packetdrill,
    Side,
    Lang,
}

const OPTIONS: &[(&str, Opt)] = &[
    ("--latency", Opt::Latency),
    ("--jitter", Opt::Jitter),
    ("--loss", Opt::Loss),
    ("--duplicate", Opt::Duplicate),
    ("--reorder", Opt::Reorder),
    ("--bandwidth", Opt::Bandwidth),
    ("--queue", Opt::Queue),
    ("--seed", Opt::Seed),
    ("--profile", Opt::Profile),
    ("--drop", Opt::Drop),
    ("--json", Opt::Json),
    ("--pcap-client", Opt::PcapClient),
    ("--pcap-server", Opt::PcapServer),
    ("--svg", Opt::Svg),
    ("--animated-svg", Opt::AnimatedSvg),
    ("--theme", Opt::Theme),
    ("--mermaid", Opt::Mermaid),
    ("--packetdrill", Opt::Packetdrill),
    ("--side", Opt::Side),
    ("--lang", Opt::Lang),
];

/// A switch: present or not, no value.
#[derive(Clone, Copy)]
enum Flag {
    Quiet,
    Absolute,
}

const FLAGS: &[(&str, Flag)] = &[
    ("-q", Flag::Quiet),
    ("--quiet", Flag::Quiet),
    ("--absolute", Flag::Absolute),
];

fn number(name: &str, v: &str, max: f64) -> Result<f64, ArgError> {
    let x: f64 = v
        .parse()
        .or_else(|_| err(format!("{name}: `{v}` is not a number")))?;
    if !x.is_finite() || x < 0.0 {
        return err(format!("{name}: `{v}` must be a number ≥ 0"));
    }
    if x > max {
        return err(format!("{name}: `{v}` is above the maximum of {max}"));
    }
    Ok(x)
}

fn drop_spec(v: &str) -> Result<(bool, u32), ArgError> {
    let bad = || {
        ArgError(format!(
            "--drop: `{v}` is not SIDE:N (e.g. client:0 or server:2)"
        ))
    };
    let (side, n) = v.split_once(':').ok_or_else(bad)?;
    let server = match side {
        "client" => false,
        "server" => true,
        _ => return Err(bad()),
    };
    let n: u32 = n.parse().map_err(|_| bad())?;
    Ok((server, n))
}

/// A file name for an output: not empty (a shell variable that expanded to nothing).
fn file(name: &str, v: &str) -> Result<String, ArgError> {
    if v.is_empty() {
        return err(format!("{name}: the file name is empty"));
    }
    Ok(v.to_string())
}

fn apply(run: &mut RunArgs, opt: Opt, name: &str, v: &str) -> Result<(), ArgError> {
    match opt {
        Opt::Latency => run.latency_ms = Some(number(name, v, 3_600_000.0)?),
        Opt::Jitter => run.jitter_ms = Some(number(name, v, 3_600_000.0)?),
        Opt::Loss => run.loss_pct = Some(number(name, v, 100.0)?),
        Opt::Duplicate => run.duplicate_pct = Some(number(name, v, 100.0)?),
        Opt::Reorder => run.reorder_pct = Some(number(name, v, 100.0)?),
        Opt::Bandwidth => {
            let n: u64 = v
                .parse()
                .or_else(|_| err(format!("{name}: `{v}` is not a whole number of bits/s")))?;
            if n < 8_000 {
                return err(format!("{name}: `{v}` is below 8000 bits/s"));
            }
            run.bandwidth_bps = Some(n);
        }
        Opt::Queue => {
            run.queue_packets = Some(
                v.parse()
                    .or_else(|_| err(format!("{name}: `{v}` is not a whole number of packets")))?,
            )
        }
        Opt::Seed => {
            run.seed = Some(
                v.parse()
                    .or_else(|_| err(format!("{name}: `{v}` is not a whole number ≥ 0")))?,
            )
        }
        Opt::Profile => match v {
            "linux" | "textbook" => run.profile = Some(v.to_string()),
            _ => {
                return err(format!(
                    "{name}: `{v}` is not a profile; use linux or textbook"
                ))
            }
        },
        Opt::Drop => run.drops.push(drop_spec(v)?),
        Opt::Json => run.outputs.push(Output::Json(file(name, v)?)),
        Opt::PcapClient => run.outputs.push(Output::PcapClient(file(name, v)?)),
        Opt::PcapServer => run.outputs.push(Output::PcapServer(file(name, v)?)),
        Opt::Svg => run.outputs.push(Output::Svg(file(name, v)?)),
        Opt::AnimatedSvg => run.outputs.push(Output::AnimatedSvg(file(name, v)?)),
        Opt::Theme => {
            run.theme = match v {
                "auto" => Theme::Auto,
                "light" => Theme::Light,
                "dark" => Theme::Dark,
                _ => {
                    return err(format!(
                        "{name}: `{v}` is not a theme; use auto, light or dark"
                    ))
                }
            }
        }
        Opt::Mermaid => run.outputs.push(Output::Mermaid(file(name, v)?)),
        Opt::Packetdrill => run.outputs.push(Output::Packetdrill(file(name, v)?)),
        Opt::Side => match v {
            "client" => run.side_client = true,
            "server" => run.side_client = false,
            _ => return err(format!("{name}: `{v}` is not a side; use client or server")),
        },
        Opt::Lang => {
            run.lang = Some(match v {
                "en" => Lang::En,
                "zh" => Lang::Zh,
                _ => return err(format!("{name}: `{v}` is not a language; use en or zh")),
            })
        }
    }
    Ok(())
}

fn parse_run(args: &[String]) -> Result<RunArgs, ArgError> {
    let mut run = RunArgs::default();
    let mut source = None;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        if a.starts_with("--") || a == "-q" {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (a.as_str(), None),
            };
            if let Some((_, flag)) = FLAGS.iter().find(|(n, _)| *n == name) {
                if inline.is_some() {
                    return err(format!("{name} takes no value (got `{a}`)"));
                }
                match flag {
                    Flag::Quiet => run.quiet = true,
                    Flag::Absolute => run.absolute = true,
                }
                continue;
            }
            let Some((_, opt)) = OPTIONS.iter().find(|(n, _)| *n == name) else {
                return err(format!("unknown option `{name}` (see `synack help`)"));
            };
            let value = match inline {
                Some(v) => v,
                None => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| ArgError(format!("{name} needs a value")))?;
                    i += 1;
                    v.clone()
                }
            };
            apply(&mut run, *opt, name, &value)?;
            continue;
        }
        if a.starts_with('-') && a.len() > 1 {
            return err(format!("unknown option `{a}` (see `synack help`)"));
        }
        if source.is_some() {
            return err(format!(
                "unexpected `{a}`: `run` takes one preset or file (see `synack help`)"
            ));
        }
        source = Some(a.clone());
    }
    run.source = source.ok_or_else(|| {
        ArgError("`run` needs a preset name or a scenario file (see `synack presets`)".into())
    })?;
    // Two outputs interleaved on one stream would be unreadable.
    if run.outputs.iter().filter(|o| o.path() == "-").count() > 1 {
        return err("only one output may be `-` (standard output)");
    }
    if run.queue_packets.is_some() && run.bandwidth_bps.is_none() {
        return err("--queue needs --bandwidth (a queue forms only before a bottleneck)");
    }
    Ok(run)
}

/// `compare`: its own options are taken out, the golden file is the second plain argument,
/// and the rest is parsed as `run`'s.
fn parse_compare(args: &[String]) -> Result<CompareArgs, ArgError> {
    let mut c = CompareArgs::default();
    let mut rest = Vec::new();
    let mut plain = 0;
    // The first plain argument (the preset or scenario file).
    let mut first: Option<String> = None;
    let mut golden = None;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        i += 1;
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a.as_str(), None),
        };
        let o = &mut c.options;
        let switch = match name {
            "--data" => {
                *o = synack_fidelity::Options {
                    verbose: o.verbose,
                    summary: o.summary,
                    ..synack_fidelity::Options::data()
                };
                true
            }
            "--ignore-psh" => {
                o.ignore_psh = true;
                true
            }
            "--check-window" => {
                o.check_window = true;
                true
            }
            "--check-sack" => {
                o.check_sack = true;
                true
            }
            "--summary" => {
                o.summary = true;
                true
            }
            "-v" => {
                o.verbose = true;
                true
            }
            "--all" => {
                c.all = true;
                true
            }
            _ => false,
        };
        if switch {
            if inline.is_some() {
                return err(format!("{name} takes no value (got `{a}`)"));
            }
            continue;
        }
        if matches!(
            name,
            "--tol-ms" | "--tol-pct" | "--tol-gap-pct" | "--sim-trace" | "--fixtures"
        ) {
            let value = match inline {
                Some(v) => v,
                None => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| ArgError(format!("{name} needs a value")))?;
                    i += 1;
                    v.clone()
                }
            };
            match name {
                "--tol-ms" => o.tol_ms = number(name, &value, 3_600_000.0)?,
                "--tol-pct" => o.tol_pct = Some(number(name, &value, 1000.0)?),
                "--tol-gap-pct" => o.tol_gap_pct = Some(number(name, &value, 1000.0)?),
                "--fixtures" => c.fixtures = Some(file(name, &value)?),
                _ => c.sim_trace = Some(file(name, &value)?),
            }
            continue;
        }
        // One of `run`'s options (with its value), or a plain argument.
        if a.starts_with("--") {
            rest.push(a.clone());
            let takes_value = OPTIONS.iter().any(|(n, _)| *n == name);
            if takes_value && inline.is_none() {
                if let Some(v) = args.get(i) {
                    rest.push(v.clone());
                    i += 1;
                }
            }
            continue;
        }
        if a.starts_with('-') && a.len() > 1 && a != "-q" {
            return err(format!("unknown option `{a}` (see `synack help`)"));
        }
        if a != "-q" {
            plain += 1;
            first.get_or_insert_with(|| a.clone());
            if plain == 2 {
                golden = Some(a.clone());
                continue;
            }
        }
        rest.push(a.clone());
    }
    if c.all {
        if let Some(x) = first {
            return err(format!(
                "`compare --all` takes no preset or file (got `{x}`)"
            ));
        }
        // The run options apply to every preset; the source is filled in per preset.
        rest.push("-".into());
        c.run = parse_run(&rest)?;
        return Ok(c);
    }
    c.golden = golden.ok_or_else(|| {
        ArgError("`compare` needs a preset (or scenario file) and a golden GOLDEN.trace.txt".into())
    })?;
    if c.sim_trace.is_some() {
        // With --sim-trace no run is needed (the first argument may still name the preset).
        return Ok(c);
    }
    c.run = parse_run(&rest)?;
    Ok(c)
}

/// Parse the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, ArgError> {
    let Some(cmd) = args.first() else {
        return Ok(Command::Help);
    };
    let rest = args.get(1..).unwrap_or(&[]);
    match cmd.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "presets" => {
            if let Some(x) = rest.first() {
                return err(format!("`presets` takes no arguments, got `{x}`"));
            }
            Ok(Command::Presets)
        }
        "packetdrill" => {
            let verbose = rest.iter().any(|a| a == "-v" || a == "--verbose");
            let paths: Vec<String> = rest
                .iter()
                .filter(|a| *a != "-v" && *a != "--verbose")
                .cloned()
                .collect();
            if let Some(bad) = paths.iter().find(|a| a.starts_with('-')) {
                return err(format!("packetdrill: unknown option `{bad}`"));
            }
            if paths.is_empty() {
                return err("packetdrill: give one or more scripts or directories");
            }
            Ok(Command::Packetdrill { paths, verbose })
        }
        "run" => {
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                return Ok(Command::Help);
            }
            parse_run(rest).map(Command::Run)
        }
        "compare" => {
            if rest.iter().any(|a| a == "-h" || a == "--help") {
                return Ok(Command::Help);
            }
            parse_compare(rest).map(Command::Compare)
        }
        other => err(format!(
            "unknown command `{other}`; use `synack presets` or `synack run <PRESET|FILE>`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn run_with_options() {
        let c = parse(&v(
            "run syn-lost --latency 20 --loss=5 --seed 7 --json t.json --drop server:2 -q",
        ))
        .unwrap();
        let Command::Run(r) = c else { panic!() };
        assert_eq!(r.source, "syn-lost");
        assert_eq!(r.latency_ms, Some(20.0));
        assert_eq!(r.loss_pct, Some(5.0));
        assert_eq!(r.seed, Some(7));
        assert_eq!(r.drops, vec![(true, 2)]);
        assert_eq!(r.outputs, vec![Output::Json("t.json".into())]);
        assert!(r.quiet);
    }

    #[test]
    fn errors_say_what() {
        let e = |s: &str| parse(&v(s)).unwrap_err().0;
        assert!(e("run").contains("needs a preset"));
        assert!(e("run x --latency").contains("needs a value"));
        assert!(
            e("run x --latency -3").contains("not a number")
                || e("run x --latency -3").contains("≥ 0")
        );
        assert!(e("run x --loss 101").contains("maximum"));
        assert!(e("run x --profile bsd").contains("linux or textbook"));
        assert!(e("run x --frobnicate 1").contains("unknown option"));
        assert!(e("run x y").contains("unexpected"));
        assert!(e("fly").contains("unknown command"));
        assert!(e("run x --drop c:1").contains("SIDE:N"));
        assert!(e("run x --lang fr").contains("en or zh"));
        assert!(e("run x --absolute=yes").contains("takes no value"));
        assert!(e("run x --svg=").contains("file name is empty"));
        assert!(e("run x --svg - --mermaid -").contains("only one output"));
        assert!(e("run x --svg").contains("needs a value"));
        assert!(e("run x --queue 5").contains("needs --bandwidth"));
        assert!(e("run x --bandwidth 10").contains("below 8000"));
        assert!(e("run x --bandwidth 1e6").contains("whole number"));
    }

    #[test]
    fn compare_takes_its_options_and_run_options() {
        let c = parse(&v(
            "compare upload-100k g.trace.txt --seed 3 --data -v --tol-ms=4",
        ))
        .unwrap();
        let Command::Compare(c) = c else { panic!() };
        assert_eq!(c.run.source, "upload-100k");
        assert_eq!(c.run.seed, Some(3));
        assert_eq!(c.golden, "g.trace.txt");
        assert_eq!(c.options.tol_ms, 4.0);
        assert_eq!(c.options.tol_gap_pct, Some(15.0));
        assert!(c.options.ignore_psh && c.options.check_sack && c.options.verbose);
        let e = |s: &str| parse(&v(s)).unwrap_err().0;
        assert!(e("compare upload-100k").contains("golden"));
        assert!(e("compare a b --tol-ms x").contains("not a number"));
        assert!(e("compare a b --data=1").contains("takes no value"));
        assert!(e("compare --all upload-100k").contains("takes no preset"));
        let Command::Compare(c) = parse(&v("compare --all --seed 2 --fixtures f -v")).unwrap()
        else {
            panic!()
        };
        assert!(c.all && c.options.verbose);
        assert_eq!((c.run.seed, c.fixtures.as_deref()), (Some(2), Some("f")));
    }

    #[test]
    fn exports_and_their_options() {
        let c = parse(&v(
            "run syn-lost --svg a.svg --mermaid=- --lang zh --absolute",
        ))
        .unwrap();
        let Command::Run(r) = c else { panic!() };
        assert_eq!(
            r.outputs,
            vec![Output::Svg("a.svg".into()), Output::Mermaid("-".into())]
        );
        assert_eq!(r.lang, Some(Lang::Zh));
        assert!(r.absolute);
        assert_eq!(r.stdout_output(), Some(&Output::Mermaid("-".into())));
    }
}
