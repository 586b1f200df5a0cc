//! The data-phase settings a reader changes on a preset without editing it (issue 16):
//! congestion control, Nagle, the transfer's size, how the receiver reads, and a bottleneck
//! with its queue. The web app takes them from its URL (`?cc=reno&size=300`), the CLI from
//! its options (`--cc reno --size 300`): one parser, one set of bounds, one way to apply them.
//!
//! They are applied as the program's own socket options and application model would be
//! ([`SockOpts`](crate::SockOpts), [`Writer`](crate::Writer), [`Reader`]) and as the link
//! model's bottleneck ([`Config::set_bottleneck`]), never to the engine's code. `None`
//! everywhere: the preset as it is.
//!
//! ```
//! use synack_sim::overrides::{DataOverrides, Knob};
//! let mut d = DataOverrides::default();
//! d.set(Knob::Cc, "reno").expect("a congestion control");
//! d.set(Knob::Read, "paused:2").expect("a reader");
//! assert_eq!(d.set(Knob::Size, "0").map_err(|e| e.to_string()),
//!            Err("size: “0” is outside 1 to 20000 kB".into()));
//! assert_eq!(d.size_kb, Some(1)); // the nearest allowed value
//! let mut s = synack_sim::preset("upload-100k").expect("a preset");
//! d.apply(&mut s);
//! ```

use crate::{Config, Reader, Scenario};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use synack_core::CongestionKind;

/// Bounds (inclusive): the transfer in kB (1000 bytes), a slow reader's kB/s, a pause in s,
/// the bottleneck in Mbit/s (0: none) and its drop-tail queue in packets (0: no limit).
pub const SIZE_KB: (u32, u32) = (1, 20_000);
pub const RATE_KBPS: (u32, u32) = (1, 10_000);
pub const PAUSE_S: (u32, u32) = (1, 60);
pub const BANDWIDTH_MBPS: (u32, u32) = (0, 100);
pub const QUEUE_PKTS: (u32, u32) = (0, 200);

/// One setting, named as the URL parameter (`?cc=`) and the CLI option (`--cc`) name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Knob {
    /// `cubic` | `reno`: `TCP_CONGESTION` on both sockets.
    Cc,
    /// `on` | `off` (or `1` | `0`): Nagle's algorithm (`TCP_NODELAY` off or on), both sockets.
    Nagle,
    /// kB: what each writing application sends.
    Size,
    /// `instant` | `slow:N` (kB/s) | `paused:N` (s): how both applications read.
    Read,
    /// Mbit/s: a bottleneck on both links (0: none).
    Bw,
    /// packets: the bottleneck's drop-tail queue (0: no limit).
    Queue,
}

impl Knob {
    pub const ALL: [Knob; 6] = [
        Knob::Cc,
        Knob::Nagle,
        Knob::Size,
        Knob::Read,
        Knob::Bw,
        Knob::Queue,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Knob::Cc => "cc",
            Knob::Nagle => "nagle",
            Knob::Size => "size",
            Knob::Read => "read",
            Knob::Bw => "bw",
            Knob::Queue => "queue",
        }
    }

    pub fn named(name: &str) -> Option<Knob> {
        Knob::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The unit and bounds of a number this knob takes (`Read` has two: see [`Read`]).
    const fn number(self) -> (&'static str, (u32, u32)) {
        match self {
            Knob::Size => ("kB", SIZE_KB),
            Knob::Bw => ("Mbit/s", BANDWIDTH_MBPS),
            Knob::Queue => ("packets", QUEUE_PKTS),
            Knob::Cc | Knob::Nagle | Knob::Read => ("", (0, 0)),
        }
    }
}

impl fmt::Display for Knob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How the receiving application reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Read {
    /// Everything that arrives, at once.
    Instant,
    /// At most this many kB per second ([`Reader::Rate`]).
    Slow(u32),
    /// Nothing for this many seconds, then at once ([`Reader::After`]): the window closes.
    Paused(u32),
}

impl Read {
    /// `instant`, `slow:N`, `paused:N`: what [`parse_read`] reads.
    pub fn code(self) -> String {
        match self {
            Read::Instant => "instant".into(),
            Read::Slow(n) => format!("slow:{n}"),
            Read::Paused(n) => format!("paused:{n}"),
        }
    }

    /// The application model's reader.
    pub fn reader(self) -> Reader {
        match self {
            Read::Instant => Reader::Instant,
            Read::Slow(kbps) => Reader::Rate {
                bytes_per_sec: u64::from(kbps) * 1000,
            },
            Read::Paused(s) => Reader::After {
                delay_us: u64::from(s) * 1_000_000,
            },
        }
    }
}

/// What is wrong with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not one of the names this setting takes (`cc=bbr`).
    UnknownValue,
    /// Not in the expected form (a number that is not one, `read=fast`, `nagle=maybe`).
    Malformed,
    /// A number outside the bounds ([`DataOverrides::set`] took the nearest allowed one).
    OutOfRange,
}

/// A value a setting does not take: which setting, the value, the part of it that is wrong
/// ([`OverrideError::part`], from character [`OverrideError::at`]), and what is wrong. It
/// borrows the value: nothing is copied until a message is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverrideError<'a> {
    pub knob: Knob,
    pub input: &'a str,
    /// The wrong part: bytes `start..end` of `input`.
    span: (usize, usize),
    pub problem: Problem,
}

impl<'a> OverrideError<'a> {
    /// The whole of `input` is wrong.
    fn new(knob: Knob, input: &'a str, problem: Problem) -> OverrideError<'a> {
        OverrideError::within(knob, input, 0, input, problem)
    }

    /// `part`, starting at byte `from` of `input`, is wrong.
    fn within(
        knob: Knob,
        input: &'a str,
        from: usize,
        part: &str,
        problem: Problem,
    ) -> OverrideError<'a> {
        OverrideError {
            knob,
            input,
            span: (from, from.saturating_add(part.len())),
            problem,
        }
    }

    /// The part of the value that is wrong.
    pub fn part(&self) -> &'a str {
        self.input
            .get(self.span.0..self.span.1)
            .unwrap_or(self.input)
    }

    /// Where the wrong part starts, in characters from 0 (a reader counts what they see).
    pub fn at(&self) -> usize {
        self.input
            .get(..self.span.0)
            .map_or(0, |s| s.chars().count())
    }

    /// What is wrong, without the setting's name: `“slow:x”'s “x” …`.
    pub fn message(&self) -> String {
        let part = self.part();
        let whole = part == self.input || part.is_empty();
        let what = if whole {
            format!("“{}”", self.input)
        } else {
            format!(
                "“{part}” (at character {} of “{}”)",
                self.at() + 1,
                self.input
            )
        };
        let range = |unit: &str, (lo, hi): (u32, u32)| match self.problem {
            Problem::OutOfRange => format!("{what} is outside {lo} to {hi} {unit}"),
            Problem::UnknownValue | Problem::Malformed => {
                format!("{what} is not a whole number of {unit} ({lo} to {hi})")
            }
        };
        match self.knob {
            Knob::Cc => format!("{what} is not a congestion control: use cubic or reno"),
            Knob::Nagle => format!("{what} is not on or off (or 1 or 0)"),
            Knob::Read if whole => {
                format!("{what} is not instant, slow:N (kB/s) or paused:N (seconds)")
            }
            Knob::Read if self.input.trim_start().starts_with("slow") => range("kB/s", RATE_KBPS),
            Knob::Read => range("seconds", PAUSE_S),
            Knob::Size | Knob::Bw | Knob::Queue => {
                let (unit, bounds) = self.knob.number();
                range(unit, bounds)
            }
        }
    }
}

impl fmt::Display for OverrideError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.knob, self.message())
    }
}

/// A value, clamped into its bounds, with the error that says it was not (`Err`: no value).
type Lenient<'a, T> = Result<(T, Option<OverrideError<'a>>), OverrideError<'a>>;

fn strict<T>(r: Lenient<'_, T>) -> Result<T, OverrideError<'_>> {
    match r? {
        (v, None) => Ok(v),
        (_, Some(e)) => Err(e),
    }
}

/// A whole number within `bounds`: `part` of `input`, from its byte `from`. (Not inlined:
/// one copy for every setting keeps the web app's module small.)
#[inline(never)]
fn number<'a>(
    knob: Knob,
    input: &'a str,
    from: usize,
    part: &str,
    (lo, hi): (u32, u32),
) -> Lenient<'a, u32> {
    let digits = part.trim();
    // `digits` lies inside `part`: its offset is the difference of their addresses.
    let start =
        from.saturating_add((digits.as_ptr() as usize).wrapping_sub(part.as_ptr() as usize));
    let bad = |p| match digits {
        "" => OverrideError::within(knob, input, from, part, p),
        d => OverrideError::within(knob, input, start, d, p),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(Problem::Malformed));
    }
    // All digits: too many of them for a u32 is out of range, not malformed.
    let n = digits.parse::<u32>().unwrap_or(u32::MAX);
    let c = n.clamp(lo, hi);
    Ok((c, (c != n).then(|| bad(Problem::OutOfRange))))
}

fn lenient_read(s: &str) -> Lenient<'_, Read> {
    let t = s.trim();
    if t == "instant" {
        return Ok((Read::Instant, None));
    }
    let malformed = || OverrideError::new(Knob::Read, s, Problem::Malformed);
    // (A byte search, not `split_once`: a smaller web module.)
    let colon = s.bytes().position(|b| b == b':').ok_or_else(malformed)?;
    let (kind, n) = (
        s.get(..colon).unwrap_or(""),
        s.get(colon + 1..).unwrap_or(""),
    );
    let (make, bounds): (fn(u32) -> Read, _) = match kind.trim() {
        "slow" => (Read::Slow, RATE_KBPS),
        "paused" => (Read::Paused, PAUSE_S),
        _ => return Err(malformed()),
    };
    // `n` ends `s`: it starts that many bytes before the end.
    let (v, e) = number(Knob::Read, s, s.len() - n.len(), n, bounds)?;
    Ok((make(v), e))
}

/// `cubic` or `reno` (any case).
pub fn parse_cc(s: &str) -> Result<CongestionKind, OverrideError<'_>> {
    let t = s.trim();
    if t.eq_ignore_ascii_case("cubic") {
        Ok(CongestionKind::Cubic)
    } else if t.eq_ignore_ascii_case("reno") {
        Ok(CongestionKind::Reno)
    } else {
        Err(OverrideError::new(Knob::Cc, s, Problem::UnknownValue))
    }
}

/// `cubic` / `reno`: the name [`parse_cc`] reads.
pub fn cc_code(k: CongestionKind) -> &'static str {
    match k {
        CongestionKind::Cubic => "cubic",
        CongestionKind::Reno => "reno",
    }
}

/// `on` / `1`: Nagle's algorithm on; `off` / `0`: off (`TCP_NODELAY`).
pub fn parse_nagle(s: &str) -> Result<bool, OverrideError<'_>> {
    match s.trim() {
        "1" | "on" => Ok(true),
        "0" | "off" => Ok(false),
        _ => Err(OverrideError::new(Knob::Nagle, s, Problem::Malformed)),
    }
}

/// The transfer's size in kB, [`SIZE_KB`].
pub fn parse_size(s: &str) -> Result<u32, OverrideError<'_>> {
    strict(number(Knob::Size, s, 0, s, SIZE_KB))
}

/// `instant`, `slow:N` (kB/s, [`RATE_KBPS`]) or `paused:N` (seconds, [`PAUSE_S`]).
pub fn parse_read(s: &str) -> Result<Read, OverrideError<'_>> {
    strict(lenient_read(s))
}

/// A bottleneck in Mbit/s, [`BANDWIDTH_MBPS`] (0: none).
pub fn parse_bw(s: &str) -> Result<u32, OverrideError<'_>> {
    strict(number(Knob::Bw, s, 0, s, BANDWIDTH_MBPS))
}

/// The bottleneck's queue in packets, [`QUEUE_PKTS`] (0: no limit).
pub fn parse_queue(s: &str) -> Result<u32, OverrideError<'_>> {
    strict(number(Knob::Queue, s, 0, s, QUEUE_PKTS))
}

/// The data phase as the reader set it. `None`: as the preset (for `bw` and `queue`: no
/// bottleneck, no queue limit, which [`DataOverrides::set`] also makes of a 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DataOverrides {
    pub cc: Option<CongestionKind>,
    /// Nagle's algorithm on (`TCP_NODELAY` off) or off.
    pub nagle: Option<bool>,
    /// What each writing application sends, kB: a one-write program writes it whole; a
    /// loop's writes share it.
    pub size_kb: Option<u32>,
    pub read: Option<Read>,
    /// A bottleneck on both links, Mbit/s.
    pub bw_mbps: Option<u32>,
    /// Its drop-tail queue, packets.
    pub queue_pkts: Option<u32>,
}

impl DataOverrides {
    /// Sets `knob` from its text. A number out of bounds is set to the nearest allowed value
    /// and reported (`Err` with [`Problem::OutOfRange`]); any other error leaves the setting.
    /// A bottleneck or queue of 0 is none: as the preset.
    pub fn set<'a>(&mut self, knob: Knob, value: &'a str) -> Result<(), OverrideError<'a>> {
        let (slot, bounds) = match knob {
            Knob::Cc => {
                self.cc = Some(parse_cc(value)?);
                return Ok(());
            }
            Knob::Nagle => {
                self.nagle = Some(parse_nagle(value)?);
                return Ok(());
            }
            Knob::Read => {
                let (r, e) = lenient_read(value)?;
                self.read = Some(r);
                return e.map_or(Ok(()), Err);
            }
            Knob::Size => (&mut self.size_kb, SIZE_KB),
            Knob::Bw => (&mut self.bw_mbps, BANDWIDTH_MBPS),
            Knob::Queue => (&mut self.queue_pkts, QUEUE_PKTS),
        };
        let (n, e) = number(knob, value, 0, value, bounds)?;
        *slot = (n > 0).then_some(n);
        e.map_or(Ok(()), Err)
    }

    /// Back to the preset's own.
    pub fn unset(&mut self, knob: Knob) {
        match knob {
            Knob::Cc => self.cc = None,
            Knob::Nagle => self.nagle = None,
            Knob::Size => self.size_kb = None,
            Knob::Read => self.read = None,
            Knob::Bw => self.bw_mbps = None,
            Knob::Queue => self.queue_pkts = None,
        }
    }

    /// Every setting made, as `name=value` in the syntax [`DataOverrides::set`] reads
    /// (`nagle` as `1` / `0`), in the order bw, queue, cc, nagle, size, read: a URL's
    /// parameters.
    pub fn query(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(n) = self.bw_mbps {
            v.push(format!("bw={n}"));
        }
        if let Some(n) = self.queue_pkts {
            v.push(format!("queue={n}"));
        }
        if let Some(k) = self.cc {
            v.push(format!("cc={}", cc_code(k)));
        }
        if let Some(on) = self.nagle {
            v.push(format!("nagle={}", u8::from(on)));
        }
        if let Some(n) = self.size_kb {
            v.push(format!("size={n}"));
        }
        if let Some(r) = self.read {
            v.push(format!("read={}", r.code()));
        }
        v
    }

    /// The scenario with these settings applied: the sockets' options and the applications'
    /// writing and reading.
    pub fn apply(&self, s: &mut Scenario) {
        // The transfer's new size; a peer that waits for the whole of the old one
        // (SO_RCVLOWAT, as the upload presets' server does) waits for the new one.
        let mut resized: Vec<(u32, u32)> = Vec::new();
        if let Some(kb) = self.size_kb {
            let total = kb.clamp(SIZE_KB.0, SIZE_KB.1).saturating_mul(1000);
            for script in [&mut s.client, &mut s.server] {
                if let Some(w) = script.app.writer.as_mut() {
                    let old = w.bytes.saturating_mul(w.count);
                    w.bytes = (total / w.count.max(1)).max(1);
                    resized.push((old, w.bytes.saturating_mul(w.count)));
                }
            }
        }
        for script in [&mut s.client, &mut s.server] {
            let app = &mut script.app;
            for lowat in [
                &mut app.sockopts.rcvlowat,
                &mut app.accepted_sockopts.rcvlowat,
            ] {
                if let Some(&(_, new)) = resized.iter().find(|(old, _)| Some(*old) == *lowat) {
                    *lowat = Some(new);
                }
            }
            if let Some(k) = self.cc {
                app.sockopts.congestion = Some(k);
            }
            if let Some(on) = self.nagle {
                app.sockopts.nodelay = Some(!on);
            }
            if let Some(r) = self.read {
                app.reader = r.reader();
                // The reader decides when to read, not a low-water mark.
                app.sockopts.rcvlowat = None;
                app.accepted_sockopts.rcvlowat = None;
            }
        }
    }

    /// The links with the bottleneck applied (both ways, [`Config::set_bottleneck`]); a queue
    /// without a bottleneck changes nothing.
    pub fn configure(&self, c: &mut Config) {
        if let Some(mbps) = self.bw_mbps.filter(|&m| m > 0) {
            let mbps = mbps.min(BANDWIDTH_MBPS.1);
            let queue = self.queue_pkts.unwrap_or(0).min(QUEUE_PKTS.1);
            c.set_bottleneck(u64::from(mbps) * 1_000_000, queue);
        }
    }
}

#[cfg(test)]
mod tests;
