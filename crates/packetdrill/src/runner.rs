//! The runner: the engine ([`Connection`], `linux` profile with the selftests' sysctls) is the
//! system under test; the script plays the application (its system calls) and the remote peer
//! (its inbound segments), and every outbound segment is checked as packetdrill checks it.
//!
//! Time follows packetdrill's `run.c`: a relative time (`+0.1`) counts from the previous
//! event's actual time, except that consecutive inbound packets count from each other's script
//! times (`adjust_relative_event_times`); an outbound segment must leave within the tolerance
//! of its script time, the larger of `--tolerance_usecs` (4000) and `--tolerance_percent`
//! (12.5 %) of the time since the previous event (`verify_time`). Outbound segments queue up
//! in the order the engine sends them; each `>` line takes the next one, waiting for the
//! engine's timers if none is queued.

use crate::ast::{Dir, Event, Kind, Packet, Script, Time};
use crate::check::{self, Isns};
use crate::parser::{parse, ParseError};
use crate::sysctl::Env;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::{
    Connection, Endpoint, Event as CoreEvent, Flags, Instant, Segment, SendReason, State,
};

/// The engine's address (packetdrill's default local address).
pub const LOCAL_ADDR: [u8; 4] = [192, 168, 0, 1];
/// The script peer's address (packetdrill's default remote address).
pub const REMOTE_ADDR: [u8; 4] = [192, 0, 2, 1];
/// The port a script's listener binds (packetdrill's default), and the port the script peer
/// listens on when the engine connects.
pub const SERVER_PORT: u16 = 8080;
/// The engine's port when it connects; the script peer's port when it connects.
pub const CLIENT_PORT: u16 = 40000;
/// The script peer's initial sequence number: script numbers of inbound segments are offsets
/// from it.
pub const REMOTE_ISN: u32 = 0;
/// The engine's ISN secret (any value: scripts see sequence numbers relative to the ISS).
pub(crate) const ISN_SECRET: u32 = 0x5eed_1234;
/// An `*` outbound line waits at most this long for the engine.
const ANY_WAIT_US: u64 = 3_600_000_000;

/// How one script ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    /// The engine did something else than the script says.
    Fail {
        line: u32,
        msg: String,
    },
    /// The script uses something the runner cannot do.
    Unsupported {
        line: u32,
        what: String,
    },
    /// The script cannot be read.
    Error(ParseError),
}

impl core::fmt::Display for Outcome {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Outcome::Pass => f.write_str("pass"),
            Outcome::Fail { line, msg } => write!(f, "fail at line {line}: {msg}"),
            Outcome::Unsupported { line, what } => write!(f, "unsupported: {what} (line {line})"),
            Outcome::Error(e) => write!(f, "error: {e}"),
        }
    }
}

/// One thing that happened during a run, for the ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The engine sent a segment.
    Sent {
        at: u64,
        seg: Segment,
        reason: SendReason,
    },
    /// The script's peer sent a segment (script line).
    Received { at: u64, seg: Segment, line: u32 },
    /// A system call returned (its script text and what it returned).
    Call { at: u64, text: String, line: u32 },
    /// An event of the engine.
    Core { at: u64, event: CoreEvent },
    /// Script line `line` held: its segment was sent or matched, its call returned what it
    /// expects, its asserts were true (a blocking call: when it returned).
    Done { at: u64, line: u32 },
}

/// A run: the outcome and what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub outcome: Outcome,
    pub steps: Vec<Step>,
    /// The engine was the passive side (it listened).
    pub passive: bool,
    /// When the run stopped (µs).
    pub end: u64,
}

/// Read and run a script.
pub fn run_source(src: &str) -> Run {
    match parse(src) {
        Ok(s) => run(&s),
        Err(e) => Run {
            outcome: Outcome::Error(e),
            steps: Vec::new(),
            passive: true,
            end: 0,
        },
    }
}

/// Why a run stops early.
pub(crate) enum Stop {
    Fail(u32, String),
    Unsupported(u32, String),
}

pub(crate) type R<T = ()> = Result<T, Stop>;

/// A blocking call waiting for the engine.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub ev: Event,
    pub call: crate::ast::Call,
    /// The expected return time (µs), from `start...end`.
    pub end_us: Option<u64>,
}

pub(crate) struct Runner {
    pub env: Env,
    pub conn: Option<Connection>,
    /// The engine connected (active open) rather than listened.
    pub active: bool,
    pub now: u64,
    pub out: VecDeque<(u64, Segment)>,
    pub iss: Option<u32>,
    pub ts_map: Vec<(u32, u32)>,
    pub steps: Vec<Step>,
    pub last_script: u64,
    pub last_inbound: bool,
    pub tolerance_us: u64,
    /// `--tolerance_percent` in thousandths of a percent (12.5 % = 12_500).
    pub tolerance_milli_pct: u64,
    pub pending: Option<Pending>,
    pub fds: crate::syscalls::Fds,
}

/// Run a parsed script.
pub fn run(script: &Script) -> Run {
    let mut r = Runner {
        env: Env::selftests(),
        conn: None,
        active: false,
        now: 0,
        out: VecDeque::new(),
        iss: None,
        ts_map: Vec::new(),
        steps: Vec::new(),
        last_script: 0,
        last_inbound: false,
        tolerance_us: 4000,
        tolerance_milli_pct: 12_500,
        pending: None,
        fds: crate::syscalls::Fds::default(),
    };
    let outcome = match r.run(script) {
        Ok(()) => Outcome::Pass,
        Err(Stop::Fail(line, msg)) => Outcome::Fail { line, msg },
        Err(Stop::Unsupported(line, what)) => Outcome::Unsupported { line, what },
    };
    Run {
        outcome,
        steps: r.steps,
        passive: !r.active,
        end: r.now,
    }
}

/// Seconds with six decimals, as packetdrill prints times.
pub(crate) fn secs(us: u64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

impl Runner {
    fn run(&mut self, script: &Script) -> R {
        for (k, v, line) in &script.options {
            match k.as_str() {
                "tolerance_usecs" => {
                    self.tolerance_us = v
                        .parse()
                        .map_err(|_| Stop::Fail(*line, "bad --tolerance_usecs".into()))?
                }
                "tolerance_percent" => {
                    let us = crate::parser::seconds_to_us(v)
                        .ok_or_else(|| Stop::Fail(*line, "bad --tolerance_percent".into()))?;
                    // seconds_to_us reads "12.5" as 12_500_000: thousandths are that / 1000.
                    self.tolerance_milli_pct = us / 1000;
                }
                "ip_version" if v == "ipv4" => {}
                // The addresses are not visible to the checks (only in the checksum).
                "remote_ip" | "local_ip" => {}
                "mss" | "wire_protocol" => {}
                _ => return Err(Stop::Unsupported(*line, format!("option --{k}={v}"))),
            }
        }
        // Anything unsupported anywhere makes the whole script unsupported, never a pass.
        if let Some(ev) = script
            .events
            .iter()
            .find(|e| matches!(e.kind, Kind::Unsupported(_)))
        {
            if let Kind::Unsupported(w) = &ev.kind {
                return Err(Stop::Unsupported(ev.line, w.clone()));
            }
        }
        for ev in &script.events {
            let inbound = matches!(&ev.kind, Kind::Packet(p) if p.dir == Dir::Inbound);
            let anchor = if inbound && self.last_inbound {
                self.last_script
            } else {
                self.now
            };
            let (start, end) = match ev.time {
                Time::Absolute(a) => (a, a),
                Time::Relative(r) => (anchor.saturating_add(r), anchor.saturating_add(r)),
                Time::Any => (anchor, anchor.saturating_add(ANY_WAIT_US)),
                Time::AbsoluteRange(a, b) => (a, b),
                Time::RelativeRange(a, b) => (anchor.saturating_add(a), anchor.saturating_add(b)),
            };
            match &ev.kind {
                Kind::Packet(p) if p.dir == Dir::Inbound => {
                    self.advance_to(start)?;
                    self.inject(ev.line, p)?;
                }
                Kind::Packet(p) => self.expect_out(ev, p, start, end)?,
                Kind::Call(c) => {
                    self.advance_to(start)?;
                    // `start...end`: with a relative start the end counts from the same
                    // anchor, '+' or not (packetdrill's adjust_relative_event_times shifts
                    // both); with an absolute start a '+end' counts from the start.
                    let start_relative =
                        !matches!(ev.time, Time::Absolute(_) | Time::AbsoluteRange(..));
                    let end_us = c.end.map(|t| match t {
                        Time::Absolute(v) | Time::AbsoluteRange(v, _) if start_relative => {
                            anchor.saturating_add(v)
                        }
                        Time::Absolute(v) | Time::AbsoluteRange(v, _) => v,
                        Time::Relative(r) | Time::RelativeRange(r, _) if start_relative => {
                            anchor.saturating_add(r)
                        }
                        Time::Relative(r) | Time::RelativeRange(r, _) => start.saturating_add(r),
                        Time::Any => u64::MAX,
                    });
                    self.call(ev, c, end_us)?;
                }
                Kind::Shell(s) => {
                    self.advance_to(start)?;
                    self.env
                        .run_shell(s)
                        .map_err(|w| Stop::Unsupported(ev.line, w))?;
                }
                Kind::Code(asserts) => {
                    self.advance_to(start)?;
                    self.code(ev.line, asserts)?;
                }
                Kind::Unsupported(w) => return Err(Stop::Unsupported(ev.line, w.clone())),
            }
            if self.pending.as_ref().is_none_or(|p| p.ev.line != ev.line) {
                self.steps.push(Step::Done {
                    at: self.now,
                    line: ev.line,
                });
            }
            self.last_script = start;
            self.last_inbound = inbound;
            self.try_pending()?;
        }
        // A call still blocked may return by the engine's timers alone (a connect timing out),
        // by the time the script said it would.
        if let Some(end) = self.pending.as_ref().and_then(|p| p.end_us) {
            if end != u64::MAX {
                self.advance_to(end.saturating_add(self.tolerance(end)))?;
            }
        }
        if let Some(p) = &self.pending {
            return Err(Stop::Fail(
                p.ev.line,
                format!("{}() was still blocked when the script ended", p.call.name),
            ));
        }
        Ok(())
    }

    /// The tolerance for an event at `script_us` (packetdrill's `verify_time`).
    pub(crate) fn tolerance(&self, script_us: u64) -> u64 {
        let delta = script_us.saturating_sub(self.last_script);
        let dynamic = delta.saturating_mul(self.tolerance_milli_pct) / 100_000;
        self.tolerance_us.max(dynamic)
    }

    /// Let the engine's timers run up to `t`.
    pub(crate) fn advance_to(&mut self, t: u64) -> R {
        for _ in 0..10_000 {
            let Some(conn) = self.conn.as_mut() else {
                break;
            };
            match conn.poll_timeout() {
                Some(tt) if tt.0 <= t => {
                    self.now = self.now.max(tt.0);
                    conn.handle_timeout(Instant(self.now));
                    self.drain();
                    self.try_pending()?;
                }
                _ => break,
            }
        }
        self.now = self.now.max(t);
        Ok(())
    }

    /// Collect what the engine sent and reported.
    pub(crate) fn drain(&mut self) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let mut segs = Vec::new();
        while let Some(s) = conn.poll_transmit() {
            segs.push(s);
        }
        let mut reasons = VecDeque::new();
        let mut events = Vec::new();
        while let Some(e) = conn.poll_event() {
            if let CoreEvent::SegmentSent { reason, .. } = e {
                reasons.push_back(reason);
            }
            events.push(e);
        }
        // The events first: a segment is recorded with the state its sending left (as the
        // simulator records `sender_state`).
        for e in events {
            self.fds.note(&e);
            self.steps.push(Step::Core {
                at: self.now,
                event: e,
            });
        }
        for seg in segs {
            if seg.flags.contains(Flags::SYN) {
                self.iss = Some(seg.seq);
            }
            let reason = reasons.pop_front().unwrap_or(SendReason::Data);
            self.out.push_back((self.now, seg.clone()));
            self.steps.push(Step::Sent {
                at: self.now,
                seg,
                reason,
            });
        }
    }

    pub(crate) fn isns(&self) -> Isns {
        Isns {
            local: self.iss.unwrap_or(0),
            remote: REMOTE_ISN,
        }
    }

    fn inject(&mut self, line: u32, p: &Packet) -> R {
        let ports = if self.active {
            (SERVER_PORT, CLIENT_PORT)
        } else {
            (CLIENT_PORT, SERVER_PORT)
        };
        let map = self.ts_map.clone();
        let first = map.first().copied();
        let ecr_of = move |ecr: u32| {
            map.iter()
                .rev()
                .find(|(s, _)| *s == ecr)
                .map(|(_, a)| *a)
                .or_else(|| first.map(|(s, a)| ecr.wrapping_sub(s).wrapping_add(a)))
        };
        let seg = check::inbound_segment(p, self.isns(), ports, &ecr_of)
            .map_err(|e| Stop::Fail(line, e))?;
        let port_open = self
            .conn
            .as_ref()
            .is_some_and(|c| c.local().port == ports.1 && c.state() != State::Closed);
        if !port_open {
            if self.fds.listening() {
                // The listener takes a new connection (Linux keeps listening after a child
                // ends): a new incarnation, accepted anew.
                self.new_conn(SERVER_PORT);
                self.fds.new_incarnation();
                if let Some(conn) = self.conn.as_mut() {
                    let _ = conn.listen(Instant(self.now));
                }
                self.drain();
            } else if self.conn.as_ref().is_none_or(|c| c.local().port != ports.1) {
                // No socket on that port (or one not yet listening or connecting, whose
                // options are replayed when it does): the host answers as a closed port does.
                let local = Endpoint::new(LOCAL_ADDR, ports.1);
                self.conn = Some(Connection::new(self.env.profile.clone(), local, ISN_SECRET));
            }
        }
        self.steps.push(Step::Received {
            at: self.now,
            seg: seg.clone(),
            line,
        });
        if let Some(conn) = self.conn.as_mut() {
            conn.handle_segment(Instant(self.now), REMOTE_ADDR, &seg);
        }
        self.drain();
        Ok(())
    }

    fn expect_out(&mut self, ev: &Event, p: &Packet, start: u64, end: u64) -> R {
        let deadline = match ev.time {
            Time::Any => end,
            Time::AbsoluteRange(..) | Time::RelativeRange(..) => {
                end.saturating_add(self.tolerance(start))
            }
            _ => start.saturating_add(self.tolerance(start)),
        };
        for _ in 0..10_000 {
            if !self.out.is_empty() {
                break;
            }
            let next = self.conn.as_ref().and_then(|c| c.poll_timeout());
            match next {
                Some(tt) if tt.0 <= deadline => self.advance_to(tt.0)?,
                _ => {
                    return Err(Stop::Fail(
                        ev.line,
                        format!(
                            "expected `{}` at {} s, but the engine sent nothing by {} s",
                            check::packet_text(p),
                            secs(start),
                            secs(deadline)
                        ),
                    ))
                }
            }
        }
        let Some((at, mut seg)) = self.out.pop_front() else {
            return Err(Stop::Fail(
                ev.line,
                "the engine's timers never settled".into(),
            ));
        };
        // packetdrill's tun device does segmentation offload: segments the stack sends
        // together reach the script as one (Linux builds a TSO/GSO super-segment). Merge
        // back-to-back contiguous segments of the same instant while the script's is longer.
        while (seg.payload.len() as u32) < p.len {
            let Some((t2, next)) = self.out.front() else {
                break;
            };
            let contiguous = *t2 == at
                && next.seq == seg.seq.wrapping_add(seg.payload.len() as u32)
                && next.ack == seg.ack
                && !next.flags.intersects(Flags::SYN.union(Flags::RST))
                && !seg.flags.contains(Flags::FIN)
                && !next.payload.is_empty();
            if !contiguous {
                break;
            }
            let Some((_, next)) = self.out.pop_front() else {
                break;
            };
            // Joined without a copy when the sender cut both from one write.
            let mut joined = synack_core::wire::Gather::new(seg.payload);
            joined.push(&next.payload);
            seg.payload = joined.finish();
            seg.flags = seg.flags.union(next.flags);
            seg.window = next.window;
            seg.options = next.options;
        }
        let isns = self.isns();
        match check::verify(p, &seg, isns) {
            Ok(Some(pair)) => self.ts_map.push(pair),
            Ok(None) => {}
            Err(why) => {
                let got = check::packet_of_wire(&seg, isns, Dir::Outbound);
                return Err(Stop::Fail(
                    ev.line,
                    format!(
                        "expected `{}` got `{}` at {} s ({why})",
                        check::packet_text(p),
                        check::packet_text(&got),
                        secs(at)
                    ),
                ));
            }
        }
        if ev.time != Time::Any {
            let tol = self.tolerance(start);
            let ranged = matches!(ev.time, Time::AbsoluteRange(..) | Time::RelativeRange(..));
            let hi = if ranged { end } else { start };
            if at.saturating_add(tol) < start || at > hi.saturating_add(tol) {
                let want = if ranged {
                    format!("in {}~{} s", secs(start), secs(end))
                } else {
                    format!("at {} s", secs(start))
                };
                return Err(Stop::Fail(
                    ev.line,
                    format!(
                        "timing error: expected `{}` {want} but it was sent at {} s; tolerance {} s",
                        check::packet_text(p),
                        secs(at),
                        secs(tol)
                    ),
                ));
            }
        }
        self.now = self.now.max(at);
        Ok(())
    }

    fn code(&mut self, line: u32, asserts: &[crate::ast::Assert]) -> R {
        let conn = self.fds.info_conn(self.conn.as_ref());
        for a in asserts {
            let look = |n: &str| {
                crate::tcp_info::lookup(conn, n).map_err(|m| match m {
                    crate::tcp_info::Missing::Unsupported(w) => w,
                    crate::tcp_info::Missing::Unknown(w) => format!("unknown name {w}"),
                })
            };
            let mut vals = Vec::new();
            for t in &a.terms {
                vals.push(crate::code::eval(t, &look).map_err(|w| Stop::Unsupported(line, w))?);
            }
            for (i, op) in a.ops.iter().enumerate() {
                let (Some(x), Some(y)) = (vals.get(i), vals.get(i + 1)) else {
                    continue;
                };
                if !crate::code::holds(*op, *x, *y) {
                    return Err(Stop::Fail(
                        line,
                        format!("assert {} failed: values {:?}", a.text, vals),
                    ));
                }
            }
        }
        Ok(())
    }
}
