//! Command-line arguments, parsed by clap (derive): each subcommand's options are a struct
//! (`RunOpts`, `CompareCli`, `PacketdrillCli`), each value checked by a function whose message
//! says what is wrong; clap's own errors are said the same way ([`ArgError`], exit status 2).
//! Adding an output format is one `Output` variant and one field.

use crate::data_args::DataOpts;
use std::fmt;
use synack_diagram::{Lang, Theme};
use synack_sim::overrides::DataOverrides;
use synack_sim::{ProfileKind, SegmentRef, Side};

/// Every language besides English the CLI knows, with its pack (written by
/// `cargo run -p synack-langpack` from `lang/<code>.txt`) compiled in: one line per language.
const PACKS: &[(&str, &str)] = &[
    ("zh", include_str!("../../../web/lang/zh.txt")),
    ("qps", include_str!("../../../web/lang/qps.txt")),
];

pub const USAGE: &str = "\
synack — simulate one TCP connection and print its ladder diagram

usage:
  synack presets                       list the preset scenarios
  synack run <PRESET|FILE.json> [options]
  synack compare <PRESET|FILE.json> GOLDEN.trace.txt [options] [compare options]
                                       run it and compare with a real Linux capture
  synack compare --all [--fixtures DIR] [options]
                                       every preset that has a capture: one score each
  synack open CAPTURE [CAPTURE2] [--stream N] [--json F] [--svg F] [--animated-svg F]
              [--mermaid F] [--lang LANG] [--absolute] [-q]
              [--captured-at client|server] [--one-way MS]
                                       read a real capture (pcap or pcapng) with the model:
                                       one TCP connection (Wireshark's tcp.stream N, default
                                       0) as the same ladder; two files, one from each end,
                                       give exact times; one file: the other end's times
                                       are estimated (--captured-at, --one-way say where
                                       and how far when the handshake cannot; CAPTURES.md)
  synack packetdrill [-v] FILE_OR_DIR...  run packetdrill scripts (*.pkt) against the engine;
                                       -v prints each run as a ladder (docs/PACKETDRILL.md)
  synack quiz <PRESET|FILE.json> [--seed N] [--loss PCT] [--profile NAME] [--kinds K,...]
              [--lang LANG] [--json FILE] [data-phase options]
                                       the quiz of that run, with its answers (docs/QUIZ.md):
                                       --kinds picks flags, seq, state, time, why (default all);
                                       --json writes the questions as JSON
  synack help                          this text

options of `run`:
  --latency MS          one-way latency of both links (default: the scenario's, else 50)
  --jitter MS           each segment's latency varies by up to ± MS (no reordering)
  --loss PCT            random loss on both links, percent (e.g. 5 or 0.5)
  --duplicate PCT       chance that a link delivers a segment twice, percent
  --reorder PCT         chance that a segment is held back and overtaken, percent
  --bandwidth BPS       a bottleneck on both links: BPS bits per second (e.g. 10000000)
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

data-phase options of `run`, `compare` and `quiz` (the web page's ?cc= ?nagle= ?size= ?read=
?bw= ?queue=, with the same values and bounds):
  --cc cubic|reno       congestion control of both sockets (TCP_CONGESTION)
  --nagle on|off        Nagle's algorithm on both sockets (off: TCP_NODELAY); also 1|0
  --size KB             what each writing application sends, kB (1000 bytes; 1 to 20000)
  --read HOW            how both applications read: instant, slow:N (N kB/s, 1 to 10000) or
                        paused:N (nothing for N s, 1 to 60, then everything: the window closes)
  --bw MBPS             a bottleneck on both links, Mbit/s (0 to 100; 0: none); or --bandwidth
  --queue N             the bottleneck's drop-tail queue, packets (0 to 200; 0: no limit;
                        needs --bw or --bandwidth)

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
    /// `--cc`, `--nagle`, `--size`, `--read`, `--bw`, `--queue`.
    pub data: DataOverrides,
    pub seed: Option<u64>,
    pub profile: Option<ProfileKind>,
    /// `--drop SIDE:N`, in order.
    pub drops: Vec<SegmentRef>,
    pub outputs: Vec<Output>,
    pub quiet: bool,
    /// `--lang`: `None` when not given.
    pub lang: Option<Lang>,
    /// `--absolute`: wire sequence numbers instead of relative ones.
    pub absolute: bool,
    /// `--side`: the side a `--packetdrill` script tests (the server when not given).
    pub side: Option<Side>,
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

/// `synack quiz`: the run (`source`, seed, loss, profile, language) and what to list.
#[derive(Clone, Debug, PartialEq)]
pub struct QuizArgs {
    pub run: RunArgs,
    pub kinds: synack_quiz::Kinds,
    /// `--json FILE` (`-` for standard output).
    pub json: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Presets,
    Run(RunArgs),
    Compare(CompareArgs),
    /// `open FILE [FILE2] [--stream N] [outputs]`: a real capture.
    Open(OpenArgs),
    /// `quiz SOURCE [options]`
    Quiz(QuizArgs),
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

/// `run`'s options (`compare` takes them too): parsed by clap, each value checked by the
/// function that says what is wrong with it.
#[derive(clap::Args, Debug)]
struct RunOpts {
    /// A preset's name or a scenario file's path.
    source: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--latency", v, 3_600_000.0))]
    latency: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--jitter", v, 3_600_000.0))]
    jitter: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--loss", v, 100.0))]
    loss: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--duplicate", v, 100.0))]
    duplicate: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--reorder", v, 100.0))]
    reorder: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = bandwidth)]
    bandwidth: Option<u64>,
    #[command(flatten)]
    data: DataOpts,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| whole::<u64>("--seed", v, "≥ 0"))]
    seed: Option<u64>,
    #[arg(long, value_parser = profile)]
    profile: Option<ProfileKind>,
    #[arg(long = "drop", value_parser = drop_spec)]
    drops: Vec<SegmentRef>,
    #[arg(long, value_parser = |v: &str| file("--json", v))]
    json: Vec<String>,
    #[arg(long, value_parser = |v: &str| file("--pcap-client", v))]
    pcap_client: Vec<String>,
    #[arg(long, value_parser = |v: &str| file("--pcap-server", v))]
    pcap_server: Vec<String>,
    #[arg(long, value_parser = |v: &str| file("--svg", v))]
    svg: Vec<String>,
    #[arg(long = "animated-svg", value_parser = |v: &str| file("--animated-svg", v))]
    animated_svg: Vec<String>,
    #[arg(long, value_parser = theme)]
    theme: Option<Theme>,
    #[arg(long, value_parser = |v: &str| file("--mermaid", v))]
    mermaid: Vec<String>,
    #[arg(long, value_parser = |v: &str| file("--packetdrill", v))]
    packetdrill: Vec<String>,
    #[arg(long, value_parser = side)]
    side: Option<Side>,
    #[arg(long, value_parser = lang)]
    lang: Option<Lang>,
    #[arg(long)]
    absolute: bool,
    #[arg(short = 'q', long)]
    quiet: bool,
}

/// `synack run …`.
#[derive(clap::Parser, Debug)]
#[command(
    name = "run",
    no_binary_name = true,
    disable_help_flag = true,
    args_override_self = true
)]
struct RunCli {
    #[command(flatten)]
    run: RunOpts,
}

/// `synack compare …`: `run`'s options, the golden trace, and linux-compare.py's options.
#[derive(clap::Parser, Debug)]
#[command(
    name = "compare",
    no_binary_name = true,
    disable_help_flag = true,
    args_override_self = true
)]
struct CompareCli {
    #[command(flatten)]
    run: RunOpts,
    /// The golden GOLDEN.trace.txt.
    golden: Option<String>,
    /// The data-phase set of options.
    #[arg(long)]
    data: bool,
    #[arg(long)]
    ignore_psh: bool,
    #[arg(long)]
    check_window: bool,
    #[arg(long)]
    check_sack: bool,
    #[arg(long)]
    summary: bool,
    #[arg(short = 'v')]
    verbose: bool,
    #[arg(long)]
    all: bool,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--tol-ms", v, 3_600_000.0))]
    tol_ms: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--tol-pct", v, 1000.0))]
    tol_pct: Option<f64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--tol-gap-pct", v, 1000.0))]
    tol_gap_pct: Option<f64>,
    #[arg(long, value_parser = |v: &str| file("--sim-trace", v))]
    sim_trace: Option<String>,
    #[arg(long, value_parser = |v: &str| file("--fixtures", v))]
    fixtures: Option<String>,
}

/// `synack open FILE [FILE2] [--stream N] [outputs]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OpenArgs {
    /// One capture, or one from each end.
    pub files: Vec<String>,
    /// `--stream`: Wireshark's `tcp.stream` number.
    pub stream: Option<u32>,
    /// `--captured-at`: where a one-end capture was taken (else read from the handshake).
    pub captured_at: Option<Side>,
    /// `--one-way`: the one-way delay to assume for a one-end capture, ms.
    pub one_way_ms: Option<f64>,
    /// The outputs and how to draw them (`source` is the first file).
    pub run: RunArgs,
}

#[derive(clap::Parser, Debug)]
#[command(
    name = "open",
    no_binary_name = true,
    disable_help_flag = true,
    args_override_self = true
)]
struct OpenCli {
    files: Vec<String>,
    #[arg(long, value_parser = |v: &str| whole::<u32>("--stream", v, "≥ 0"))]
    stream: Option<u32>,
    #[arg(long = "captured-at", value_parser = |v: &str| side_named(v).ok_or_else(|| ArgError(format!("--captured-at: `{v}` is not a side; use client or server"))))]
    captured_at: Option<Side>,
    #[arg(long = "one-way", allow_hyphen_values = true, value_parser = |v: &str| number("--one-way", v, 3_600_000.0))]
    one_way: Option<f64>,
    #[arg(long, value_parser = |v: &str| file("--json", v))]
    json: Vec<String>,
    #[arg(long, value_parser = |v: &str| file("--svg", v))]
    svg: Vec<String>,
    #[arg(long = "animated-svg", value_parser = |v: &str| file("--animated-svg", v))]
    animated_svg: Vec<String>,
    #[arg(long, value_parser = theme)]
    theme: Option<Theme>,
    #[arg(long, value_parser = |v: &str| file("--mermaid", v))]
    mermaid: Vec<String>,
    #[arg(long, value_parser = lang)]
    lang: Option<Lang>,
    #[arg(long)]
    absolute: bool,
    #[arg(short = 'q', long)]
    quiet: bool,
}

fn parse_open(args: &[String]) -> Result<OpenArgs, ArgError> {
    let (o, m) = clap_parse::<OpenCli>("open", args)?;
    if o.files.is_empty() || o.files.len() > 2 {
        return err("`open` takes a capture file (pcap or pcapng), or two: one from each end");
    }
    let run_opts = RunOpts {
        source: None,
        latency: None,
        jitter: None,
        loss: None,
        duplicate: None,
        reorder: None,
        bandwidth: None,
        data: DataOpts::default(),
        seed: None,
        profile: None,
        drops: Vec::new(),
        json: o.json,
        pcap_client: Vec::new(),
        pcap_server: Vec::new(),
        svg: o.svg,
        animated_svg: o.animated_svg,
        theme: o.theme,
        mermaid: o.mermaid,
        packetdrill: Vec::new(),
        side: None,
        lang: o.lang,
        absolute: o.absolute,
        quiet: o.quiet,
    };
    let source = o.files.first().cloned().unwrap_or_default();
    let run = run_opts.into_run(&m, source)?;
    Ok(OpenArgs {
        files: o.files,
        stream: o.stream,
        captured_at: o.captured_at,
        one_way_ms: o.one_way,
        run,
    })
}

/// `synack quiz …`.
#[derive(clap::Parser, Debug)]
#[command(
    name = "quiz",
    no_binary_name = true,
    disable_help_flag = true,
    args_override_self = true
)]
struct QuizCli {
    source: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| whole::<u64>("--seed", v, "≥ 0"))]
    seed: Option<u64>,
    #[arg(long, allow_hyphen_values = true, value_parser = |v: &str| number("--loss", v, 100.0))]
    loss: Option<f64>,
    #[arg(long, value_parser = profile)]
    profile: Option<ProfileKind>,
    #[arg(long, value_parser = kinds)]
    kinds: Option<synack_quiz::Kinds>,
    #[arg(long, value_parser = lang)]
    lang: Option<Lang>,
    #[arg(long, value_parser = |v: &str| file("--json", v))]
    json: Option<String>,
    #[command(flatten)]
    data: DataOpts,
}

fn parse_quiz(args: &[String]) -> Result<QuizArgs, ArgError> {
    let (q, _) = clap_parse::<QuizCli>("quiz", args)?;
    let Some(source) = q.source else {
        return err("`quiz` needs a preset name or a scenario file (see `synack presets`)");
    };
    Ok(QuizArgs {
        run: RunArgs {
            source,
            seed: q.seed,
            loss_pct: q.loss,
            profile: q.profile,
            lang: q.lang,
            data: q.data.overrides(),
            ..RunArgs::default()
        },
        kinds: q.kinds.unwrap_or_default(),
        json: q.json,
    })
}

/// `--kinds flags,seq`: the parser's message says where a name is wrong.
fn kinds(v: &str) -> Result<synack_quiz::Kinds, ArgError> {
    synack_quiz::Kinds::parse(v).map_err(|e| ArgError(format!("--kinds: {e}")))
}

/// `synack packetdrill [-v] PATH...`.
#[derive(clap::Parser, Debug)]
#[command(name = "packetdrill", no_binary_name = true, disable_help_flag = true)]
struct PacketdrillCli {
    #[arg(short = 'v', long)]
    verbose: bool,
    paths: Vec<String>,
}

impl std::error::Error for ArgError {}

fn err<T>(msg: impl Into<String>) -> Result<T, ArgError> {
    Err(ArgError(msg.into()))
}

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

/// A whole number; `what` ends the message (`packets`, `≥ 0`).
fn whole<N: std::str::FromStr>(name: &str, v: &str, what: &str) -> Result<N, ArgError> {
    let of = if what == "≥ 0" { "" } else { "of " };
    v.parse()
        .or_else(|_| err(format!("{name}: `{v}` is not a whole number {of}{what}")))
}

fn bandwidth(v: &str) -> Result<u64, ArgError> {
    let n: u64 = whole("--bandwidth", v, "bits/s")?;
    if n < 8_000 {
        return err(format!("--bandwidth: `{v}` is below 8000 bits/s"));
    }
    Ok(n)
}

fn profile(v: &str) -> Result<ProfileKind, ArgError> {
    ProfileKind::parse(v).ok_or_else(|| {
        ArgError(format!(
            "--profile: `{v}` is not a profile; use linux or textbook"
        ))
    })
}

fn drop_spec(v: &str) -> Result<SegmentRef, ArgError> {
    let bad = || {
        ArgError(format!(
            "--drop: `{v}` is not SIDE:N (e.g. client:0 or server:2)"
        ))
    };
    let (side, n) = v.split_once(':').ok_or_else(bad)?;
    let side = side_named(side).ok_or_else(bad)?;
    let nth: u32 = n.parse().map_err(|_| bad())?;
    Ok(SegmentRef {
        side,
        nth,
        injected: false,
    })
}

fn side_named(v: &str) -> Option<Side> {
    match v {
        "client" => Some(Side::Client),
        "server" => Some(Side::Server),
        _ => None,
    }
}

fn side(v: &str) -> Result<Side, ArgError> {
    side_named(v)
        .ok_or_else(|| ArgError(format!("--side: `{v}` is not a side; use client or server")))
}

/// A file name for an output: not empty (a shell variable that expanded to nothing).
fn file(name: &str, v: &str) -> Result<String, ArgError> {
    if v.is_empty() {
        return err(format!("{name}: the file name is empty"));
    }
    Ok(v.to_string())
}

fn theme(v: &str) -> Result<Theme, ArgError> {
    match v {
        "auto" => Ok(Theme::Auto),
        "light" => Ok(Theme::Light),
        "dark" => Ok(Theme::Dark),
        _ => err(format!(
            "--theme: `{v}` is not a theme; use auto, light or dark"
        )),
    }
}

fn lang(v: &str) -> Result<Lang, ArgError> {
    match (v, PACKS.iter().find(|(code, _)| *code == v)) {
        ("en", _) => Ok(Lang::EN),
        (_, Some((_, pack))) => {
            Lang::load(pack).map_err(|e| ArgError(format!("--lang: the {v} texts are broken: {e}")))
        }
        _ => {
            let codes: Vec<&str> = PACKS
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| *c != synack_text::pseudo::CODE)
                .collect();
            let all = codes.join(" or ");
            err(format!("--lang: `{v}` is not a language; use en or {all}"))
        }
    }
}

/// clap's error as synack says it: the value's own message, or what is wrong with the
/// command line, naming the subcommand `sub`.
fn say(sub: &str, e: &clap::Error, args: &[String]) -> ArgError {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if let Some(inner) = std::error::Error::source(e) {
        return ArgError(inner.to_string());
    }
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(a)) => a.split_whitespace().next().unwrap_or("").to_string(),
        _ => String::new(),
    };
    // A short option clap split (`-q=1` reads as `-q` and `-=`): the word as written.
    let arg = match arg.strip_prefix('-') {
        Some(c) if !c.starts_with('-') && !c.is_empty() => args
            .iter()
            .find(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(c))
            .cloned()
            .unwrap_or(arg),
        _ => arg,
    };
    let as_written = args
        .iter()
        .find(|a| a.split('=').next() == Some(arg.as_str()))
        .cloned()
        .unwrap_or_else(|| arg.clone());
    ArgError(match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') && sub == "packetdrill" => {
            format!("packetdrill: unknown option `{arg}`")
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("unknown option `{arg}` (see `synack help`)")
        }
        ErrorKind::UnknownArgument => {
            format!("unexpected `{arg}`: `{sub}` takes one preset or file (see `synack help`)")
        }
        ErrorKind::TooManyValues | ErrorKind::NoEquals if arg.starts_with('-') => {
            format!("{arg} takes no value (got `{as_written}`)")
        }
        ErrorKind::InvalidValue | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} needs a value")
        }
        _ => format!("`{sub}`: the arguments are not understood (see `synack help`)"),
    })
}

/// The outputs in the order they were given.
fn outputs(m: &clap::ArgMatches, run: &RunOpts) -> Vec<Output> {
    type Kind<'a> = (&'a str, &'a [String], fn(String) -> Output);
    let kinds: [Kind; 7] = [
        ("json", &run.json, Output::Json),
        ("pcap_client", &run.pcap_client, Output::PcapClient),
        ("pcap_server", &run.pcap_server, Output::PcapServer),
        ("svg", &run.svg, Output::Svg),
        ("animated_svg", &run.animated_svg, Output::AnimatedSvg),
        ("mermaid", &run.mermaid, Output::Mermaid),
        ("packetdrill", &run.packetdrill, Output::Packetdrill),
    ];
    let mut at: Vec<(usize, Output)> = Vec::new();
    for (id, files, make) in kinds {
        // (`open` has only some of these arguments: clap knows only those.)
        if files.is_empty() {
            continue;
        }
        let indices: Vec<usize> = m.indices_of(id).map(Iterator::collect).unwrap_or_default();
        for (i, f) in files.iter().enumerate() {
            let index = indices.get(i).copied().unwrap_or(usize::MAX);
            at.push((index, make(f.clone())));
        }
    }
    at.sort_by_key(|(i, _)| *i);
    at.into_iter().map(|(_, o)| o).collect()
}

impl RunOpts {
    /// The checked arguments of a run of `source`.
    fn into_run(self, m: &clap::ArgMatches, source: String) -> Result<RunArgs, ArgError> {
        let outputs = outputs(m, &self);
        let run = RunArgs {
            source,
            latency_ms: self.latency,
            jitter_ms: self.jitter,
            loss_pct: self.loss,
            duplicate_pct: self.duplicate,
            reorder_pct: self.reorder,
            bandwidth_bps: self.bandwidth,
            data: self.data.overrides(),
            seed: self.seed,
            profile: self.profile,
            drops: self.drops,
            outputs,
            quiet: self.quiet,
            lang: self.lang,
            absolute: self.absolute,
            side: self.side,
            theme: self.theme.unwrap_or_default(),
        };
        // Two outputs interleaved on one stream would be unreadable.
        if run.outputs.iter().filter(|o| o.path() == "-").count() > 1 {
            return err("only one output may be `-` (standard output)");
        }
        if run.bandwidth_bps.is_some() && self.data.bw.is_some() {
            return err("--bw and --bandwidth both set the bottleneck: give one");
        }
        if run.data.queue_pkts.is_some()
            && run.bandwidth_bps.is_none()
            && run.data.bw_mbps.is_none()
        {
            return err(
                "--queue needs --bw or --bandwidth (a queue forms only before a bottleneck)",
            );
        }
        Ok(run)
    }
}

/// Parses `args` with `P`, whose matches are also returned (for the order of outputs).
fn clap_parse<P: clap::Parser>(
    sub: &str,
    args: &[String],
) -> Result<(P, clap::ArgMatches), ArgError> {
    let m = P::command()
        .try_get_matches_from(args)
        .map_err(|e| say(sub, &e, args))?;
    let p = P::from_arg_matches(&m).map_err(|e| say(sub, &e, args))?;
    Ok((p, m))
}

fn parse_run(args: &[String]) -> Result<RunArgs, ArgError> {
    let (RunCli { run }, m) = clap_parse::<RunCli>("run", args)?;
    let Some(source) = run.source.clone() else {
        return err("`run` needs a preset name or a scenario file (see `synack presets`)");
    };
    run.into_run(&m, source)
}

/// `compare`: `run`'s options set up the run; the golden file is the second plain argument.
fn parse_compare(args: &[String]) -> Result<CompareArgs, ArgError> {
    let (c, m) = clap_parse::<CompareCli>("compare", args)?;
    let mut o = if c.data {
        synack_fidelity::Options::data()
    } else {
        synack_fidelity::Options::default()
    };
    o.ignore_psh |= c.ignore_psh;
    o.check_window |= c.check_window;
    o.check_sack |= c.check_sack;
    o.summary |= c.summary;
    o.verbose |= c.verbose;
    if let Some(ms) = c.tol_ms {
        o.tol_ms = ms;
    }
    if c.tol_pct.is_some() {
        o.tol_pct = c.tol_pct;
    }
    if c.tol_gap_pct.is_some() {
        o.tol_gap_pct = c.tol_gap_pct;
    }
    let mut out = CompareArgs {
        run: RunArgs::default(),
        golden: String::new(),
        sim_trace: c.sim_trace,
        options: o,
        all: c.all,
        fixtures: c.fixtures,
    };
    if c.all {
        if let Some(x) = c.run.source {
            return err(format!(
                "`compare --all` takes no preset or file (got `{x}`)"
            ));
        }
        // The run options apply to every preset; the source is filled in per preset.
        out.run = c.run.into_run(&m, "-".into())?;
        return Ok(out);
    }
    out.golden = c.golden.ok_or_else(|| {
        ArgError("`compare` needs a preset (or scenario file) and a golden GOLDEN.trace.txt".into())
    })?;
    if out.sim_trace.is_some() {
        // With --sim-trace no run is needed (the first argument may still name the preset).
        return Ok(out);
    }
    let source = c.run.source.clone().unwrap_or_default();
    out.run = c.run.into_run(&m, source)?;
    Ok(out)
}

/// Parse the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, ArgError> {
    let Some(cmd) = args.first() else {
        return Ok(Command::Help);
    };
    let rest = args.get(1..).unwrap_or(&[]);
    let help = rest.iter().any(|a| a == "-h" || a == "--help");
    match cmd.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "presets" => {
            if let Some(x) = rest.first() {
                return err(format!("`presets` takes no arguments, got `{x}`"));
            }
            Ok(Command::Presets)
        }
        "packetdrill" => {
            let (p, _) = clap_parse::<PacketdrillCli>("packetdrill", rest)?;
            if p.paths.is_empty() {
                return err("packetdrill: give one or more scripts or directories");
            }
            Ok(Command::Packetdrill {
                paths: p.paths,
                verbose: p.verbose,
            })
        }
        "run" if help => Ok(Command::Help),
        "run" => parse_run(rest).map(Command::Run),
        "open" if help => Ok(Command::Help),
        "open" => parse_open(rest).map(Command::Open),
        "quiz" if help => Ok(Command::Help),
        "quiz" => parse_quiz(rest).map(Command::Quiz),
        "compare" if help => Ok(Command::Help),
        "compare" => parse_compare(rest).map(Command::Compare),
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
        assert_eq!(
            r.drops,
            vec![SegmentRef {
                side: Side::Server,
                nth: 2,
                injected: false
            }]
        );
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
        assert!(e("run x --queue 5").contains("needs --bw or --bandwidth"));
        assert!(e("run x --queue 5 --bw 0").contains("needs --bw"));
        assert!(e("run x --cc bbr").starts_with("--cc: “bbr”"));
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
        assert_eq!(r.lang.map(Lang::code), Some("zh"));
        assert!(r.absolute);
        assert_eq!(r.stdout_output(), Some(&Output::Mermaid("-".into())));
        // Outputs keep the order they were given in; a repeated option, the last value.
        let c = parse(&v(
            "run syn-lost --mermaid=m --json j --svg s --json k --seed 3 --seed 4",
        ))
        .unwrap();
        let Command::Run(r) = c else { panic!() };
        assert_eq!(
            r.outputs,
            vec![
                Output::Mermaid("m".into()),
                Output::Json("j".into()),
                Output::Svg("s".into()),
                Output::Json("k".into())
            ]
        );
        assert_eq!(r.seed, Some(4));
        let e = |s: &str| parse(&v(s)).unwrap_err().0;
        assert_eq!(e("run x -q=1"), "unknown option `-q=1` (see `synack help`)");
        assert_eq!(e("packetdrill -x a"), "packetdrill: unknown option `-x`");
        assert!(matches!(parse(&v("run x --help")), Ok(Command::Help)));
    }

    #[test]
    fn quiz_takes_its_options() {
        let Command::Quiz(q) =
            parse(&v("quiz syn-lost --seed 3 --kinds flags,time --json -")).unwrap()
        else {
            panic!()
        };
        assert_eq!((q.run.source.as_str(), q.run.seed), ("syn-lost", Some(3)));
        assert_eq!(q.kinds.to_string(), "flags,time");
        assert_eq!(q.json.as_deref(), Some("-"));
        let e = |s: &str| parse(&v(s)).unwrap_err().0;
        assert!(e("quiz").contains("needs a preset"));
        assert_eq!(
            e("quiz x --kinds flags,flag"),
            "--kinds: “flag” (at character 7 of “flags,flag”) is not a question kind: \
             use flags, seq, state, time or why"
        );
        assert!(e("quiz x --svg a.svg").contains("unknown option"));
    }
}
