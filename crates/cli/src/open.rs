//! `synack open`: a real capture (pcap or pcapng) read with the model (synack-capture), printed
//! as the same ladder as a run, with the same outputs. Errors name the file and the byte.

use crate::args::OpenArgs;
use crate::{ladder, outputs};
use std::fmt::Write;
use synack_capture::{merge, open, Capture, CaptureTrace, Options, Skip, Timing};
use synack_sim::Side;

/// Reads a file's capture (the file's bytes are dropped once read); the error names the file.
fn read(path: &str) -> Result<Capture, String> {
    // Too large a file is refused before it is read.
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    if len > synack_capture::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "{path}: the file has {len} bytes; synack reads captures up to {}",
            synack_capture::MAX_FILE_BYTES
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    open(&bytes).map_err(|e| format!("{path}: {e}"))
}

fn skip_text(s: Skip) -> String {
    match s {
        Skip::LinkType(t) => format!("link type {t}"),
        Skip::NotIp(0x0806) => "ARP".into(),
        Skip::NotIp(k) => format!("not IP (type {k:#06x})"),
        Skip::NotTcp(1) => "ICMP".into(),
        Skip::NotTcp(17) => "UDP".into(),
        Skip::NotTcp(58) => "ICMPv6".into(),
        Skip::NotTcp(p) => format!("IP protocol {p}"),
        Skip::Fragment => "IP fragments".into(),
        Skip::Truncated => "cut short by the snap length, or malformed below TCP".into(),
        Skip::BadTcp => "malformed TCP".into(),
    }
}

/// What the file held besides its connections, and any problem reading it.
fn summary(path: &str, cap: &Capture) -> String {
    let mut out = String::new();
    let skipped: Vec<String> = cap
        .skipped()
        .map(|(s, n)| format!("{n} {}", skip_text(s)))
        .collect();
    let _ = write!(
        out,
        "{path}: {} frames, {} TCP connection(s)",
        cap.frames(),
        cap.connections().len()
    );
    if !skipped.is_empty() {
        let _ = write!(out, "; skipped: {}", skipped.join(", "));
    }
    out.push('\n');
    if let Some(e) = cap.problem() {
        let _ = writeln!(
            out,
            "{path}: reading stopped at {e}; what came before is shown"
        );
    }
    if cap.over_snaplen() > 0 {
        let _ = writeln!(
            out,
            "{path}: {} packet(s) longer than the file's snap length (read anyway)",
            cap.over_snaplen()
        );
    }
    out
}

/// The connections, one line each, as Wireshark's conversation list shows them.
fn listing(cap: &Capture) -> String {
    let mut out = String::from("stream  client                 server                 segments     bytes  duration (ms)  first\n");
    for c in cap.connections() {
        let mut flags = String::new();
        let _ = c.first_flags.write_joined(&mut flags, "|");
        let _ = writeln!(
            out,
            "{:>6}  {:<22} {:<22} {:>8} {:>9} {:>14.3}  {flags}",
            c.stream,
            c.client.to_string(),
            c.server.to_string(),
            c.segments,
            c.payload_bytes,
            c.duration_ns() as f64 / 1e6,
        );
    }
    out
}

pub fn run(o: &OpenArgs) -> Result<(), String> {
    let first = o.files.first().map(String::as_str).unwrap_or("-");
    let cap = read(first)?;
    let to_stdout = !o.run.quiet && o.run.stdout_output().is_none();
    let mut head = summary(first, &cap);
    let stream = match o.stream {
        Some(s) => s,
        None if cap.connections().len() > 1 => {
            head.push_str(&listing(&cap));
            head.push_str("using stream 0 (choose another with --stream N)\n");
            0
        }
        None => 0,
    };
    let options = Options {
        name: format!("capture {first}, stream {stream}"),
        captured_at: o.captured_at,
        one_way_us: o.one_way_ms.map(|ms| (ms * 1000.0).round() as u64),
    };
    let ct: CaptureTrace = match o.files.get(1) {
        Some(second) => {
            let cap2 = read(second)?;
            head.push_str(&summary(second, &cap2));
            merge(&cap, &cap2, stream, &options).map_err(|e| format!("{first} + {second}: {e}"))?
        }
        // What the file held and where its reading stopped say why there is no such stream.
        None => cap
            .observe(stream, &options)
            .map_err(|e| format!("{head}{first}: {e}"))?,
    };
    let timing = match ct.timing {
        Timing::Exact => "times as captured at both ends".to_string(),
        Timing::Estimated {
            captured_at,
            one_way_us,
        } => {
            let (at, other) = match captured_at {
                Side::Client => ("client", "server"),
                Side::Server => ("server", "client"),
            };
            format!(
                "captured at the {at}; the {other}'s times estimated ({} ms one way)",
                one_way_us as f64 / 1000.0
            )
        }
    };
    let lang = o.run.lang.unwrap_or_default();
    let mut tail = String::new();
    for n in &ct.notes {
        let _ = writeln!(tail, "note: {}", n.text(lang));
    }
    if to_stdout {
        print!("{head}");
        print!(
            "{}",
            ladder::render(
                &ct.trace,
                "a real capture read with the model",
                &timing,
                o.run.absolute
            )
        );
        print!("{tail}");
    } else {
        eprint!("{head}{tail}");
    }
    outputs::write_all(&ct.trace, &o.run)
}
