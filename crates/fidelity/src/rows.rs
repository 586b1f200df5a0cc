//! One segment as both tools see it: the normalized row of a merged trace (`SID.trace.txt`,
//! written by the shared `normalize.py`), read from a golden file or made from a synack
//! [`Trace`] the way `linux-compare.py` makes it from the two captures (`merge`).

use std::collections::HashMap;
use synack_core::{Flags, TcpOption};
use synack_sim::{Fate, Side, Trace};

/// `C->S` or `S->C`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dir {
    ClientToServer,
    ServerToClient,
}

impl Dir {
    pub fn name(self) -> &'static str {
        match self {
            Dir::ClientToServer => "C->S",
            Dir::ServerToClient => "S->C",
        }
    }
    fn parse(s: &str) -> Option<Dir> {
        match s {
            "C->S" => Some(Dir::ClientToServer),
            "S->C" => Some(Dir::ServerToClient),
            _ => None,
        }
    }
    fn of(side: Side) -> Dir {
        match side {
            Side::Client => Dir::ClientToServer,
            Side::Server => Dir::ServerToClient,
        }
    }
}

/// One segment, normalized: times in ms from the first segment, sequence and acknowledgment
/// numbers relative to the ISNs (as text, `raw:N` without one, `-` for no ACK), SACK blocks
/// relative to the ISN of the side whose data they cover.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub t: f64,
    pub lost: bool,
    pub dir: Dir,
    /// `SYN|ACK`, as the tools write flags (`none` for no flag).
    pub flags: String,
    pub seq: String,
    pub ack: String,
    pub len: u32,
    /// The raw window field.
    pub win: u32,
    /// The window in bytes (`win << scale`; SYNs are never scaled).
    pub wbytes: u64,
    /// Option kinds of a SYN, sorted by name (MSS, SACK_PERM, TS, WS); empty otherwise.
    pub opts: Vec<String>,
    /// SACK blocks `left-right`.
    pub sack: Vec<String>,
}

/// The flag names in the order the tools write them.
const FLAG_NAMES: [(u8, &str); 8] = [
    (0x02, "SYN"),
    (0x01, "FIN"),
    (0x04, "RST"),
    (0x08, "PSH"),
    (0x10, "ACK"),
    (0x20, "URG"),
    (0x40, "ECE"),
    (0x80, "CWR"),
];

pub fn flag_text(f: Flags) -> String {
    let names: Vec<&str> = FLAG_NAMES
        .iter()
        .filter(|(b, _)| f.0 & b != 0)
        .map(|(_, n)| *n)
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join("|")
    }
}

const OPT_NAMES: [&str; 4] = ["MSS", "WS", "SACK_PERM", "TS"];

/// Rows of a normalized merged trace, sorted by time (stable), as `read_trace` reads them.
/// Lines starting with `#`, blank lines and lines of fewer than 10 fields are skipped; a line
/// whose numbers do not parse is an error naming the line.
pub fn parse_golden(text: &str) -> Result<Vec<Row>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 10 {
            continue;
        }
        let bad = |what: &str| format!("line {}: bad {what} in `{line}`", n + 1);
        let get = |i: usize| f.get(i).copied().unwrap_or("");
        let flags = get(3).to_string();
        let mut opts: Vec<String> = get(9)
            .split(',')
            .filter_map(|o| o.split('=').next())
            .filter(|k| OPT_NAMES.contains(k))
            .map(String::from)
            .collect();
        opts.sort();
        opts.dedup();
        if !flags.contains("SYN") {
            opts.clear();
        }
        let mut sack = Vec::new();
        for o in get(9).split(',') {
            if let Some(b) = o.strip_prefix("SACK=") {
                sack = b.split(';').map(String::from).collect();
            }
        }
        out.push(Row {
            t: get(0).parse().map_err(|_| bad("time"))?,
            lost: get(1) == "LOST",
            dir: Dir::parse(get(2)).ok_or_else(|| bad("direction"))?,
            flags,
            seq: get(4).to_string(),
            ack: get(5).to_string(),
            len: get(6).parse().map_err(|_| bad("length"))?,
            win: get(7).parse().map_err(|_| bad("window"))?,
            wbytes: get(8).parse().map_err(|_| bad("window bytes"))?,
            opts,
            sack,
        });
    }
    out.sort_by(|a, b| a.t.total_cmp(&b.t));
    Ok(out)
}

/// The rows of a simulated run: every segment a side sent (not the link's copies, not the
/// scenario's injected stale segments, which no sender's capture holds), lost when it never
/// arrived (lost, or still in flight at the end), normalized like `merge` does.
pub fn from_trace(trace: &Trace) -> Vec<Row> {
    let mut sent: Vec<_> = trace
        .segments
        .iter()
        .filter(|r| !r.injected && r.duplicate_of.is_none())
        .collect();
    // Stable: segments sent at one instant keep their sending order.
    sent.sort_by_key(|r| r.sent_at.0);
    let Some(first) = sent.first() else {
        return Vec::new();
    };
    let t0 = first.sent_at.0;
    let mut isn: HashMap<Dir, u32> = HashMap::new();
    let mut wscale: HashMap<Dir, u8> = HashMap::new();
    for r in &sent {
        let d = Dir::of(r.from);
        if r.segment.flags.contains(Flags::SYN) && !isn.contains_key(&d) {
            isn.insert(d, r.segment.seq);
            for o in &r.segment.options {
                if let TcpOption::WindowScale(s) = o {
                    wscale.insert(d, *s);
                }
            }
        }
    }
    if wscale.len() < 2 {
        // Window scaling is in effect only when both SYNs carried it (RFC 7323 §2.2).
        wscale.clear();
    }
    sent.iter()
        .map(|r| {
            let s = &r.segment;
            let d = Dir::of(r.from);
            let other = Dir::of(r.from.other());
            let seq = match isn.get(&d) {
                Some(b) => s.seq.wrapping_sub(*b).to_string(),
                None => format!("raw:{}", s.seq),
            };
            let ack = if s.flags.contains(Flags::ACK) {
                match isn.get(&other) {
                    Some(b) => s.ack.wrapping_sub(*b).to_string(),
                    None => format!("raw:{}", s.ack),
                }
            } else {
                "-".into()
            };
            let sb = isn.get(&other).copied().unwrap_or(0);
            let mut opts = Vec::new();
            let mut sack = Vec::new();
            for o in &s.options {
                match o {
                    TcpOption::Mss(_) => opts.push("MSS"),
                    TcpOption::WindowScale(_) => opts.push("WS"),
                    TcpOption::SackPermitted => opts.push("SACK_PERM"),
                    TcpOption::Timestamps { .. } => opts.push("TS"),
                    TcpOption::Sack(blocks) => {
                        sack = blocks
                            .iter()
                            .map(|(l, r)| format!("{}-{}", l.wrapping_sub(sb), r.wrapping_sub(sb)))
                            .collect();
                    }
                    _ => {}
                }
            }
            let mut opts: Vec<String> = if s.flags.contains(Flags::SYN) {
                opts.into_iter().map(String::from).collect()
            } else {
                Vec::new()
            };
            opts.sort();
            opts.dedup();
            let win = u32::from(s.window);
            let wbytes = if s.flags.contains(Flags::SYN) {
                u64::from(win)
            } else {
                u64::from(win) << wscale.get(&d).copied().unwrap_or(0).min(14)
            };
            Row {
                t: r.sent_at.0.saturating_sub(t0) as f64 / 1000.0,
                lost: !matches!(r.fate, Fate::Arrived { .. }),
                dir: d,
                flags: flag_text(s.flags),
                seq,
                ack,
                len: s.payload.len() as u32,
                win,
                wbytes,
                opts,
                sack,
            }
        })
        .collect()
}
