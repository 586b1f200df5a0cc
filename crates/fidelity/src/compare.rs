//! Alignment and judging, as `linux-compare.py` does them: each direction aligned on its own
//! (difflib on direction, flags, relative seq and ack, length), leftovers of a differing
//! stretch paired by a loose key, then every pair judged (loss, send time, SYN options, and
//! on request zero windows and SACK blocks). The score is `match N/M`, M counting extra
//! segments too.

use crate::difflib::{Matcher, Tag};
use crate::rows::{Dir, Row};
use std::collections::HashSet;
use std::fmt::Write;

/// The tool's options (`--tol-ms` and the rest); [`Options::default`] is its defaults, for
/// the handshake and teardown captures, [`Options::data`] the set recommended for the data
/// phase.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    /// Time tolerance floor, ms.
    pub tol_ms: f64,
    /// Tolerance as a percentage of the golden absolute time; `None`: 5, or 0 with a gap rule.
    pub tol_pct: Option<f64>,
    /// The relative rule: time since the previous matched golden segment, within this % of
    /// that gap (or `tol_ms`).
    pub tol_gap_pct: Option<f64>,
    /// Ignore PSH on segments that carry payload.
    pub ignore_psh: bool,
    /// A zero window exactly where the golden run has one.
    pub check_window: bool,
    /// The same SACK blocks.
    pub check_sack: bool,
    /// Print the segments that match too.
    pub verbose: bool,
    /// One line per direction instead of one per segment.
    pub summary: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tol_ms: 5.0,
            tol_pct: None,
            tol_gap_pct: None,
            ignore_psh: false,
            check_window: false,
            check_sack: false,
            verbose: false,
            summary: false,
        }
    }
}

impl Options {
    /// `--tol-ms 3 --tol-gap-pct 15 --ignore-psh --check-window --check-sack`: what the
    /// data-phase captures' README recommends (two real Linux runs pass it against each other).
    pub fn data() -> Self {
        Options {
            tol_ms: 3.0,
            tol_gap_pct: Some(15.0),
            ignore_psh: true,
            check_window: true,
            check_sack: true,
            ..Options::default()
        }
    }
    fn pct(&self) -> f64 {
        self.tol_pct
            .unwrap_or(if self.tol_gap_pct.is_none() { 5.0 } else { 0.0 })
    }
}

/// How one aligned pair was judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Matched,
    /// Aligned, but some check failed.
    Bad,
    /// A golden segment with no simulated counterpart.
    Missing,
    /// A simulated segment with no golden counterpart.
    Extra,
}

/// One line of the report.
#[derive(Clone, Debug)]
pub struct Line {
    pub golden: Option<Row>,
    pub sim: Option<Row>,
    pub kind: Kind,
    /// Why it is not a match (empty when it is).
    pub why: Vec<String>,
}

/// The whole comparison.
#[derive(Clone, Debug)]
pub struct Report {
    pub lines: Vec<Line>,
    /// Golden segments matched.
    pub matched: usize,
    /// max(golden segments, simulated segments).
    pub total: usize,
    pub golden_count: [usize; 2],
    pub sim_count: [usize; 2],
    options: Options,
}

fn flags_key(o: &Options, x: &Row) -> String {
    if o.ignore_psh && x.len > 0 {
        let f: Vec<&str> = x.flags.split('|').filter(|f| *f != "PSH").collect();
        if f.is_empty() {
            "none".into()
        } else {
            f.join("|")
        }
    } else {
        x.flags.clone()
    }
}

/// The alignment key: (dir, flags, seq, ack, len).
fn akey(o: &Options, x: &Row) -> (Dir, String, String, String, u32) {
    (x.dir, flags_key(o, x), x.seq.clone(), x.ack.clone(), x.len)
}

/// The loose key: the same segment with other flags (with payload: or another ack).
fn lkey(x: &Row) -> (Dir, String, String, u32) {
    if x.len > 0 {
        (x.dir, x.seq.clone(), String::new(), x.len)
    } else {
        (x.dir, x.seq.clone(), x.ack.clone(), 0)
    }
}

fn dir_index(d: Dir) -> usize {
    match d {
        Dir::ClientToServer => 0,
        Dir::ServerToClient => 1,
    }
}

/// A golden row, its simulated counterpart, and the reference for the gap rule (the last
/// earlier golden row that has a counterpart: its golden and simulated times and its index).
struct Pair<'a> {
    g: Option<&'a Row>,
    s: Option<&'a Row>,
    reference: Option<(f64, f64, usize)>,
}

fn time_bad(o: &Options, g: &Row, s: &Row, reference: Option<(f64, f64, usize)>) -> Option<String> {
    let err = s.t - g.t;
    let tol = o.tol_ms.max(g.t * o.pct() / 100.0);
    if err.abs() <= tol {
        return None;
    }
    let Some(gap_pct) = o.tol_gap_pct else {
        return Some(format!(
            "t {:.1}!={:.1} ({:+.1}, tol {:.1})",
            s.t, g.t, err, tol
        ));
    };
    let (rg, rs, ri) = match reference {
        Some((rg, rs, i)) => (rg, rs, Some(i)),
        None => (0.0, 0.0, None),
    };
    let (gap, sgap) = (g.t - rg, s.t - rs);
    let gtol = o.tol_ms.max(gap * gap_pct / 100.0);
    if (sgap - gap).abs() <= gtol {
        return None;
    }
    let since = ri.map_or("start".to_string(), |i| format!("#{i}"));
    Some(format!(
        "t {:.1}!={:.1} ({:+.1}; since {since}: {:.1}!={:.1}, tol {:.1})",
        s.t, g.t, err, sgap, gap, gtol
    ))
}

fn judge(o: &Options, g: &Row, s: &Row, reference: Option<(f64, f64, usize)>) -> Vec<String> {
    let mut why = Vec::new();
    if s.dir != g.dir {
        why.push(format!("dir {}!={}", s.dir.name(), g.dir.name()));
    }
    let (sf, gf) = (flags_key(o, s), flags_key(o, g));
    if sf != gf {
        why.push(format!("flags {sf}!={gf}"));
    }
    if s.seq != g.seq {
        why.push(format!("seq {}!={}", s.seq, g.seq));
    }
    if s.ack != g.ack {
        why.push(format!("ack {}!={}", s.ack, g.ack));
    }
    if s.len != g.len {
        why.push(format!("len {}!={}", s.len, g.len));
    }
    if s.lost != g.lost {
        let name = |l: bool| if l { "LOST" } else { "delivered" };
        why.push(format!("{}!={}", name(s.lost), name(g.lost)));
    }
    if s.opts != g.opts {
        let j = |v: &Vec<String>| {
            if v.is_empty() {
                "-".into()
            } else {
                v.join(",")
            }
        };
        why.push(format!("opts {}!={}", j(&s.opts), j(&g.opts)));
    }
    if let Some(t) = time_bad(o, g, s, reference) {
        why.push(t);
    }
    if o.check_window && !g.flags.contains("RST") && (s.win == 0) != (g.win == 0) {
        why.push(format!("zero window: win {}!={}", s.win, g.win));
    }
    if o.check_sack && s.sack != g.sack {
        why.push(format!(
            "sack {}!={}",
            sack_text(&s.sack),
            sack_text(&g.sack)
        ));
    }
    why
}

fn sack_text(v: &[String]) -> String {
    if v.is_empty() {
        "-".into()
    } else {
        v.join(";")
    }
}

/// Compare a simulated run with a golden one.
pub fn compare(golden: &[Row], sim: &[Row], o: &Options) -> Report {
    let mut pairs: Vec<(Option<&Row>, Option<&Row>)> = Vec::new();
    for d in [Dir::ClientToServer, Dir::ServerToClient] {
        let gd: Vec<&Row> = golden.iter().filter(|x| x.dir == d).collect();
        let sd: Vec<&Row> = sim.iter().filter(|x| x.dir == d).collect();
        let ga: Vec<_> = gd.iter().map(|x| akey(o, x)).collect();
        let sa: Vec<_> = sd.iter().map(|x| akey(o, x)).collect();
        for op in Matcher::new(&ga, &sa).opcodes() {
            let gb = gd.get(op.i1..op.i2).unwrap_or(&[]);
            let sb = sd.get(op.j1..op.j2).unwrap_or(&[]);
            if op.tag == Tag::Equal {
                pairs.extend(gb.iter().zip(sb).map(|(g, s)| (Some(*g), Some(*s))));
                continue;
            }
            let gl: Vec<_> = gb.iter().map(|x| lkey(x)).collect();
            let sl: Vec<_> = sb.iter().map(|x| lkey(x)).collect();
            let (mut used_g, mut used_s) = (HashSet::new(), HashSet::new());
            for b in Matcher::new(&gl, &sl).matching_blocks() {
                for k in 0..b.size {
                    if let (Some(g), Some(s)) = (gb.get(b.i + k), sb.get(b.j + k)) {
                        pairs.push((Some(*g), Some(*s)));
                        used_g.insert(b.i + k);
                        used_s.insert(b.j + k);
                    }
                }
            }
            for (i, g) in gb.iter().enumerate() {
                if !used_g.contains(&i) {
                    pairs.push((Some(*g), None));
                }
            }
            for (j, s) in sb.iter().enumerate() {
                if !used_s.contains(&j) {
                    pairs.push((None, Some(*s)));
                }
            }
        }
    }
    // Stable, as Python's sort: interleave the two directions by time again.
    pairs.sort_by(|a, b| {
        let ta = a.0.or(a.1).map_or(0.0, |r| r.t);
        let tb = b.0.or(b.1).map_or(0.0, |r| r.t);
        ta.total_cmp(&tb)
    });
    let mut reference = None;
    let mut with_ref = Vec::with_capacity(pairs.len());
    for (i, (g, s)) in pairs.iter().enumerate() {
        let this = if g.is_some() { reference } else { None };
        with_ref.push(Pair {
            g: *g,
            s: *s,
            reference: this,
        });
        if let (Some(g), Some(s)) = (g, s) {
            reference = Some((g.t, s.t, i));
        }
    }
    let mut lines = Vec::with_capacity(with_ref.len());
    let mut matched = 0;
    for p in with_ref {
        let (kind, why) = match (p.g, p.s) {
            (Some(_), None) => (Kind::Missing, vec!["missing".to_string()]),
            (None, Some(_)) => (Kind::Extra, vec!["extra".to_string()]),
            (Some(g), Some(s)) => {
                let why = judge(o, g, s, p.reference);
                (
                    if why.is_empty() {
                        Kind::Matched
                    } else {
                        Kind::Bad
                    },
                    why,
                )
            }
            (None, None) => continue,
        };
        if kind == Kind::Matched {
            matched += 1;
        }
        lines.push(Line {
            golden: p.g.cloned(),
            sim: p.s.cloned(),
            kind,
            why,
        });
    }
    let mut golden_count = [0; 2];
    let mut sim_count = [0; 2];
    for x in golden {
        if let Some(n) = golden_count.get_mut(dir_index(x.dir)) {
            *n += 1;
        }
    }
    for x in sim {
        if let Some(n) = sim_count.get_mut(dir_index(x.dir)) {
            *n += 1;
        }
    }
    Report {
        lines,
        matched,
        total: golden.len().max(sim.len()),
        golden_count,
        sim_count,
        options: o.clone(),
    }
}

impl Report {
    /// Every golden segment matched and nothing extra.
    pub fn is_full(&self) -> bool {
        self.matched == self.total && self.total > 0
    }

    /// `match N/M`.
    pub fn score(&self) -> String {
        format!("match {}/{}", self.matched, self.total)
    }

    fn show(&self, x: Option<&Row>) -> String {
        let Some(x) = x else { return "-".into() };
        let wb = if self.options.check_window {
            format!(" wbytes={}", x.wbytes)
        } else {
            String::new()
        };
        let opts = if x.opts.is_empty() {
            String::new()
        } else {
            format!(" {}", x.opts.join(","))
        };
        let sack = if x.sack.is_empty() {
            String::new()
        } else {
            format!(" SACK={}", x.sack.join(";"))
        };
        format!(
            "{:9.1} {:>4} {} {:<8} seq={} ack={} len={} win={}{wb}{opts}{sack}",
            x.t,
            if x.lost { "LOST" } else { "" },
            x.dir.name(),
            x.flags,
            x.seq,
            x.ack,
            x.len,
            x.win
        )
    }

    /// Differences that are not checked (shown with `verbose`).
    fn info(&self, s: &Row, g: &Row) -> Vec<String> {
        let mut notes = Vec::new();
        if s.flags != g.flags {
            notes.push(format!("flags {}!={}", s.flags, g.flags));
        }
        if self.options.check_window && s.wbytes != g.wbytes {
            notes.push(format!("wbytes {}!={}", s.wbytes, g.wbytes));
        }
        if !self.options.check_sack && s.sack != g.sack {
            notes.push(format!(
                "sack {}!={}",
                sack_text(&s.sack),
                sack_text(&g.sack)
            ));
        }
        notes
    }

    /// The report as the Python tool prints it: the segments that differ (all with
    /// `verbose`), or one line per direction (`summary`), then `match N/M`.
    pub fn render(&self) -> String {
        let o = &self.options;
        let mut out = String::new();
        let mut first: [Option<String>; 2] = [None, None];
        let mut stats = [[0usize; 4]; 2];
        for (i, l) in self.lines.iter().enumerate() {
            let Some(x) = l.golden.as_ref().or(l.sim.as_ref()) else {
                continue;
            };
            let d = dir_index(x.dir);
            let k = match l.kind {
                Kind::Matched => 0,
                Kind::Bad => 1,
                Kind::Missing => 2,
                Kind::Extra => 3,
            };
            if let Some(s) = stats.get_mut(d).and_then(|s| s.get_mut(k)) {
                *s += 1;
            }
            let ok = l.kind == Kind::Matched;
            if let Some(f) = first.get_mut(d) {
                if !ok && f.is_none() {
                    *f = Some(format!(
                        "#{i} {} t={:.1} {} seq={} ack={} len={}: {}",
                        if l.golden.is_some() { "linux" } else { "sim" },
                        x.t,
                        x.flags,
                        x.seq,
                        x.ack,
                        x.len,
                        l.why.join("; ")
                    ));
                }
            }
            // Printed: every line with -v; else the failures, unless only the summary is wanted.
            let printed = o.verbose || (!ok && !o.summary);
            if !printed {
                continue;
            }
            let tail = if !l.why.is_empty() {
                format!("   <- {}", l.why.join("; "))
            } else {
                let notes = match (&l.sim, &l.golden) {
                    (Some(s), Some(g)) if o.verbose => self.info(s, g),
                    _ => Vec::new(),
                };
                if notes.is_empty() {
                    String::new()
                } else {
                    format!("   ({})", notes.join("; "))
                }
            };
            let _ = writeln!(
                out,
                "{i:2} {}  sim: {}\n      linux: {}{tail}",
                if ok { "ok " } else { "BAD" },
                self.show(l.sim.as_ref()),
                self.show(l.golden.as_ref()),
            );
        }
        if o.summary {
            for d in [Dir::ClientToServer, Dir::ServerToClient] {
                let i = dir_index(d);
                let st = stats.get(i).copied().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{}  golden {}  sim {}  matched {}  bad {}  missing {}  extra {}  first mismatch: {}",
                    d.name(),
                    self.golden_count.get(i).copied().unwrap_or(0),
                    self.sim_count.get(i).copied().unwrap_or(0),
                    st[0],
                    st[1],
                    st[2],
                    st[3],
                    first.get(i).cloned().flatten().unwrap_or_else(|| "none".into())
                );
            }
        }
        let _ = writeln!(out, "{}", self.score());
        out
    }
}
