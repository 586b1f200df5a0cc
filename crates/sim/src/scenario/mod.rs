//! A scenario: what each side's application does (timed calls and reactions to events), and
//! what the network does on purpose (scripted faults, stale segments). Build one in Rust with
//! the builder methods here, or read one from JSON ([`Scenario::from_json`], format in
//! `docs/SCENARIOS.md`). [`Scenario::validate`] rejects impossible scripts with the place.

mod app;
mod app_json;
mod json;
mod validate;

use crate::trace::Side;
use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use once_cell::race::OnceBox;
use synack_core::{Bytes, Flags, State};
use validate::MAX_SEND_BYTES;

pub use app::{copy_us, App, Reader, SockOpts, Writer, RATE_TICK_US, WRITE_NS_PER_BYTE};
pub use json::{flags_name, parse_flags, parse_state};

/// A call an application makes on its socket.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Call {
    /// Passive OPEN.
    Listen,
    /// Active OPEN to the other side (client 10.0.0.1:40001, server 10.0.0.2:5000).
    Connect,
    /// SEND.
    Send(Payload),
    /// shutdown(SHUT_WR): FIN after the queued data; still reading.
    ShutdownWrite,
    /// CLOSE.
    Close,
    /// ABORT (RST).
    Abort,
    /// The host crashes and reboots: it forgets the connection without sending anything
    /// (RFC 9293 §3.5.2, half-open connections).
    Crash,
}

impl Call {
    /// Send these bytes (a UTF-8 text).
    pub fn send(text: &str) -> Call {
        Call::Send(Payload::Text(String::from(text)))
    }
    /// Send `n` bytes of filler.
    pub fn send_bytes(n: u32) -> Call {
        Call::Send(Payload::Bytes(n))
    }
    /// The name used in JSON (`"call": "shutdown_write"`).
    pub fn name(&self) -> &'static str {
        match self {
            Call::Listen => "listen",
            Call::Connect => "connect",
            Call::Send(_) => "send",
            Call::ShutdownWrite => "shutdown_write",
            Call::Close => "close",
            Call::Abort => "abort",
            Call::Crash => "crash",
        }
    }
    /// Does this call open a connection (so that later calls make sense)?
    pub fn opens(&self) -> bool {
        matches!(self, Call::Listen | Call::Connect)
    }
}

/// What a `send` sends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Payload {
    /// These characters, as UTF-8.
    Text(String),
    /// This many bytes of filler (`abc...z` repeated), for bulk data.
    Bytes(u32),
}

impl Payload {
    /// The bytes sent, as a new vector.
    pub fn bytes(&self) -> Vec<u8> {
        self.as_bytes().into_owned()
    }

    /// The bytes sent, without copying them: filler up to the send limit is borrowed from
    /// one shared copy.
    pub fn as_bytes(&self) -> Cow<'_, [u8]> {
        match self {
            Payload::Text(t) => Cow::Borrowed(t.as_bytes()),
            Payload::Bytes(n) => match filler(*n) {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
        }
    }
}

/// The filler as one shared buffer of octets, made at its first use, for the core to send
/// from without copying ([`synack_core::Connection::send_bytes`]): as long as the most a
/// send buffer takes in one call (Linux's `tcp_wmem[2]`, 4 MiB; more only with a larger
/// `SO_SNDBUF`), plus a whole alphabet so that a window may start at any letter. Every
/// segment of a filler write is a window into it, so a trace holds no copy of its payload.
static FILLER_STREAM: OnceBox<Bytes> = OnceBox::new();

/// Octets in [`FILLER_STREAM`].
const FILLER_STREAM_LEN: usize = 4 * 1024 * 1024 + 26;

/// The filler stream (`abc...z` repeated from `a`, [`FILLER_STREAM`]).
pub(crate) fn filler_stream() -> &'static Bytes {
    FILLER_STREAM.get_or_init(|| Box::new(Bytes::from(make_filler(FILLER_STREAM_LEN).into_bytes())))
}

/// The longest filler a send may carry, as text: the stream's first octets (ASCII letters),
/// checked once.
static FILLER: OnceBox<&'static str> = OnceBox::new();

/// `n` bytes of filler: `abc...z` repeated from `a`. Every filler is a prefix of the longest
/// one, so up to the send limit this is a slice of one shared copy (nothing made per call).
pub(crate) fn filler(n: u32) -> Cow<'static, str> {
    let n = n as usize;
    let longest: &'static str = FILLER.get_or_init(|| {
        let octets: &'static [u8] = filler_stream();
        let prefix = octets.get(..MAX_SEND_BYTES as usize).unwrap_or_default();
        Box::new(core::str::from_utf8(prefix).unwrap_or_default())
    });
    match longest.get(..n) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(make_filler(n)),
    }
}

/// Bytes `from..from + len` of any filler at least that long. The pattern repeats every 26
/// bytes, so they are the shared copy's from `from % 26`: borrowed whenever they fit in it,
/// however far into a long write they are (a write past the send limit, as the web app's
/// `?size=` makes, no longer builds its whole filler at every offer: that was quadratic).
pub(crate) fn filler_at(from: usize, len: usize) -> Cow<'static, [u8]> {
    let start = from % 26;
    let n = u32::try_from(start.saturating_add(len)).unwrap_or(u32::MAX);
    match filler(n) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes().get(start..).unwrap_or_default()),
        Cow::Owned(s) => Cow::Owned(s.as_bytes().get(start..).unwrap_or_default().to_vec()),
    }
}

/// `n` bytes of `abc...z` repeated, by doubling copies of whole alphabets.
fn make_filler(n: usize) -> String {
    const ALPHABET: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
    let mut v = Vec::with_capacity(n.max(ALPHABET.len()));
    v.extend_from_slice(ALPHABET);
    // The length stays a multiple of 26, so each copy continues the pattern.
    while v.len() < n {
        let more = v.len().min(n - v.len());
        v.extend_from_within(..more);
    }
    v.truncate(n);
    // ASCII letters only: always valid UTF-8.
    String::from_utf8(v).unwrap_or_default()
}

/// A call at a fixed time (µs from the simulation's start).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Timed {
    pub at_us: u64,
    pub call: Call,
}

/// A call made `after_us` after an event (plus the application's reaction delay).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reaction {
    pub after_us: u64,
    pub call: Call,
}

/// The events an application can react to. Each side's list for a trigger runs once, at
/// the first such event, like a program's straight-line code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trigger {
    /// connect() or accept() returned: ESTABLISHED reached.
    Connected,
    /// Data was read.
    Data,
    /// End of file was read: the peer sent FIN.
    Eof,
    /// The connection failed: refused, reset, or timed out.
    Error,
    /// The connection reached CLOSED.
    Closed,
}

impl Trigger {
    pub const ALL: [Trigger; 5] = [
        Trigger::Connected,
        Trigger::Data,
        Trigger::Eof,
        Trigger::Error,
        Trigger::Closed,
    ];
    /// The list's key in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Trigger::Connected => "on_connected",
            Trigger::Data => "on_data",
            Trigger::Eof => "on_eof",
            Trigger::Error => "on_error",
            Trigger::Closed => "on_closed",
        }
    }
    pub(crate) fn index(self) -> usize {
        match self {
            Trigger::Connected => 0,
            Trigger::Data => 1,
            Trigger::Eof => 2,
            Trigger::Error => 3,
            Trigger::Closed => 4,
        }
    }
}

/// One side's application.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Script {
    /// Calls at fixed times.
    pub at: Vec<Timed>,
    /// Reactions, indexed by [`Trigger::index`] (see [`Script::reactions`]).
    pub on: [Vec<Reaction>; 5],
    /// Socket options, the reader and the writer.
    pub app: App,
}

impl Script {
    pub fn new() -> Self {
        Script::default()
    }
    /// Call `call` at `ms` milliseconds.
    pub fn at_ms(self, ms: u64, call: Call) -> Self {
        self.at_us(ms.saturating_mul(1000), call)
    }
    pub fn at_us(mut self, us: u64, call: Call) -> Self {
        self.at.push(Timed { at_us: us, call });
        self
    }
    /// On `trigger`, call `call` after `after_ms` milliseconds.
    pub fn on(self, trigger: Trigger, after_ms: u64, call: Call) -> Self {
        self.on_us(trigger, after_ms.saturating_mul(1000), call)
    }
    pub fn on_us(mut self, trigger: Trigger, after_us: u64, call: Call) -> Self {
        if let Some(list) = self.on.get_mut(trigger.index()) {
            list.push(Reaction { after_us, call });
        }
        self
    }
    /// `setsockopt` calls before listen()/connect().
    pub fn setsockopt(mut self, o: SockOpts) -> Self {
        self.app.sockopts = o;
        self
    }
    /// `setsockopt` calls on the connected socket, when connect()/accept() returns.
    pub fn setsockopt_accepted(mut self, o: SockOpts) -> Self {
        self.app.accepted_sockopts = o;
        self
    }
    pub fn reader(mut self, r: Reader) -> Self {
        self.app.reader = r;
        self
    }
    pub fn writer(mut self, w: Writer) -> Self {
        self.app.writer = Some(w);
        self
    }
    pub fn reactions(&self, trigger: Trigger) -> &[Reaction] {
        self.on.get(trigger.index()).map_or(&[], |v| v.as_slice())
    }
    /// Does the application do anything at all?
    pub fn is_idle(&self) -> bool {
        self.at.is_empty() && self.on.iter().all(|l| l.is_empty())
    }
}

/// Which of a side's segments a fault hits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Select {
    /// The n-th segment (0-based) the side sends.
    Nth(u32),
    /// Segments with exactly these flags (and, if given, sent in this state: the sender's
    /// state just after sending), the first one or all of them.
    Match {
        flags: Flags,
        state: Option<State>,
        all: bool,
    },
    /// The n-th segment (from 1) the side sends that carries payload, retransmissions
    /// counted, and then its first `retransmissions` retransmissions: later segments whose
    /// sequence range covers its first byte.
    DataNth { n: u32, retransmissions: u32 },
}

/// What the network does to the selected segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FaultAction {
    Drop,
    /// Arrives `extra_us` later than it would have (later segments overtake it).
    Delay {
        extra_us: u64,
    },
    /// Arrives as usual, and a copy arrives `extra_us` after it: an old duplicate.
    Duplicate {
        extra_us: u64,
    },
}

/// A scripted fault on the link leaving `side`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fault {
    pub side: Side,
    pub select: Select,
    pub action: FaultAction,
}

impl Fault {
    pub fn drop_nth(side: Side, nth: u32) -> Fault {
        Fault {
            side,
            select: Select::Nth(nth),
            action: FaultAction::Drop,
        }
    }
    /// Drop the first (or every) segment of `side` with exactly `flags`.
    pub fn drop_flags(side: Side, flags: Flags, all: bool) -> Fault {
        Fault {
            side,
            select: Select::Match {
                flags,
                state: None,
                all,
            },
            action: FaultAction::Drop,
        }
    }
    /// Drop `side`'s n-th segment that carries payload (from 1, retransmissions counted)
    /// and its first `retransmissions` retransmissions.
    pub fn drop_data(side: Side, n: u32, retransmissions: u32) -> Fault {
        Fault {
            side,
            select: Select::DataNth { n, retransmissions },
            action: FaultAction::Drop,
        }
    }
    pub fn with_state(mut self, st: State) -> Fault {
        if let Select::Match { state, .. } = &mut self.select {
            *state = Some(st);
        }
        self
    }
    pub fn with_action(mut self, action: FaultAction) -> Fault {
        self.action = action;
        self
    }
}

/// From when the network drops everything, both ways (a cable pulled out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Blackout {
    /// Every segment sent at or after this instant (µs).
    At(u64),
    /// Every segment sent after the client's handshake-completing ACK (which still arrives).
    AfterHandshake,
}

/// A stale segment of an old incarnation of the connection, which the network delivers
/// as if `from` had sent it at `at_us` (it arrives one latency later; no random loss).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Injection {
    pub from: Side,
    pub at_us: u64,
    pub flags: Flags,
    /// Sequence number relative to the sender's current ISS (0 if it has none yet).
    pub seq: i64,
    /// Acknowledgment number relative to the receiver's current ISS (used with ACK).
    pub ack: i64,
}

/// A whole scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Scenario {
    pub name: String,
    /// One line, English.
    pub description: String,
    /// The description in other languages: (language code, one line), as a scenario file's
    /// `"descriptions": {"zh": "…"}` (or the older `"description_zh"`) gives them.
    pub descriptions: alloc::collections::BTreeMap<String, String>,
    /// The latency this scenario is meant for (both ways), µs; `None` = the default 50 ms.
    pub latency_us: Option<u64>,
    /// Run the hypothetical two-way handshake (a listener counts its own SYN-ACK as the end
    /// of the handshake) on both sides.
    pub two_way_handshake: bool,
    pub client: Script,
    pub server: Script,
    pub faults: Vec<Fault>,
    /// The network goes dark, both ways.
    pub blackout: Option<Blackout>,
    pub inject: Vec<Injection>,
}

impl Scenario {
    pub fn new(name: &str) -> Self {
        Scenario {
            name: String::from(name),
            ..Scenario::default()
        }
    }
    pub fn describe(mut self, en: &str) -> Self {
        self.description = String::from(en);
        self
    }

    /// The description in language `lang` (a code: `zh`), or English.
    pub fn description_in(&self, lang: &str) -> &str {
        self.descriptions
            .get(lang)
            .map_or(self.description.as_str(), String::as_str)
    }
    pub fn latency_ms(mut self, ms: u64) -> Self {
        self.latency_us = Some(ms.saturating_mul(1000));
        self
    }
    pub fn two_way(mut self) -> Self {
        self.two_way_handshake = true;
        self
    }
    pub fn client(mut self, s: Script) -> Self {
        self.client = s;
        self
    }
    pub fn server(mut self, s: Script) -> Self {
        self.server = s;
        self
    }
    pub fn fault(mut self, f: Fault) -> Self {
        self.faults.push(f);
        self
    }
    pub fn blackout(mut self, b: Blackout) -> Self {
        self.blackout = Some(b);
        self
    }
    pub fn inject(mut self, i: Injection) -> Self {
        self.inject.push(i);
        self
    }
    pub fn script(&self, side: Side) -> &Script {
        match side {
            Side::Client => &self.client,
            Side::Server => &self.server,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(n: u32) -> Vec<u8> {
        (0..n).map(|i| b'a' + (i % 26) as u8).collect()
    }

    #[test]
    fn filler_at_any_offset_is_that_part_of_the_whole() {
        let whole = naive(3 << 20);
        for (from, len) in [
            (0, 10),
            (5, 100),
            (27, 1448),
            (1 << 20, 65_536),
            ((3 << 20) - 7, 7),
        ] {
            let part = filler_at(from, len);
            assert_eq!(&part[..], &whole[from..from + len], "{from}+{len}");
            assert!(matches!(part, Cow::Borrowed(_)), "{from}+{len} is shared");
        }
        // Longer than the shared copy: made.
        let long = filler_at(3, (1 << 20) + 100);
        assert_eq!(&long[..], &whole[3..3 + (1 << 20) + 100]);
    }

    #[test]
    fn filler_is_the_alphabet_repeated_at_every_length() {
        let lens = (0..200).chain([1000, 1448, 65_535, 524_288, 1 << 20]);
        for n in lens {
            assert_eq!(Payload::Bytes(n).bytes(), naive(n), "{n}");
            assert!(matches!(filler(n), Cow::Borrowed(_)), "{n} is shared");
        }
        // Past the send limit (never in a validated scenario): made, not borrowed.
        let over = (1 << 20) + 27;
        assert!(matches!(filler(over), Cow::Owned(_)));
        assert_eq!(filler(over).as_bytes(), naive(over).as_slice());
    }
}
