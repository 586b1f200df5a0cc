//! Random sequences of user calls, segments and timeouts, decoded from bytes with
//! `arbitrary`: the shared body of the cargo-fuzz target `events` and the bounded property
//! tests in `conn_props.rs`. After every step it checks:
//!
//! - no panic, whatever the input;
//! - `Connection::check_invariants` (sequence space, timers consistent with the state);
//! - every `StateChanged` starts from the state we last saw and follows an RFC 9293 Figure 5
//!   edge (`Cause::is_rfc_edge`);
//! - after `handle_timeout(now)`, `poll_timeout()` lies strictly after `now`;
//! - every segment sent survives emit → parse unchanged;
//! - what a side received is a prefix of what its peer sent (until garbage is injected or a
//!   connection ends);
//! - on a benign wire (loss, duplication, reordering, delay, but no forged bytes), after
//!   the dust settles: all data delivered, and closed connections fully closed.
#![allow(dead_code)]

use arbitrary::{Result, Unstructured};
use core::time::Duration;
use synack_core::wire::{Ipv4Pair, Segment, TcpOption};
use synack_core::{Connection, Endpoint, Event, Flags, Instant, Profile, State};

/// How far the input may take the endpoints.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// Two endpoints; anything goes, forged and mutated segments included.
    Pair,
    /// Two endpoints on a lossy, reordering, duplicating wire that never corrupts.
    Benign,
    /// One endpoint and forged segments only.
    Lone,
}

const ADDR: [[u8; 4]; 2] = [[10, 0, 0, 1], [10, 0, 0, 2]];
const PORT: [u16; 2] = [40001, 5000];
const MAX_STEPS: usize = 400;
pub static STATES: [std::sync::atomic::AtomicU32; 11] =
    [const { std::sync::atomic::AtomicU32::new(0) }; 11];

pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mode = match u.choose_index(3) {
        Ok(0) => Mode::Lone,
        Ok(1) => Mode::Benign,
        _ => Mode::Pair,
    };
    run_mode(mode, &mut u);
}

pub fn run_mode(mode: Mode, u: &mut Unstructured) {
    let Ok(mut w) = World::new(mode, u) else {
        return;
    };
    if w.open(u).is_err() {
        return;
    }
    for _ in 0..MAX_STEPS {
        if u.is_empty() || w.step(u).is_err() {
            break;
        }
    }
    if mode == Mode::Benign {
        w.settle();
    }
}

struct Side {
    conn: Connection,
    state: State,
    /// Octets this side queued with `send` (its stream, first connection only).
    sent: Vec<u8>,
    received: Vec<u8>,
    closed: bool,
    aborted: bool,
}

struct World {
    mode: Mode,
    sides: Vec<Side>,
    now: Instant,
    /// Segments on the wire: (to, segment). Delivered in any order the input picks.
    wire: Vec<(usize, Segment)>,
    /// The byte streams are still comparable: no garbage injected, no connection ended.
    streams: bool,
    /// Windows too small to make progress without a persist timer (not modelled).
    tiny_windows: bool,
    /// A side opened a second connection while segments of the first could still arrive:
    /// with the ISN clock standing still they share sequence space, the hazard TIME-WAIT and
    /// the quiet time (RFC 9293 §3.4.3) exist for. Two textbook ends can then trade ACKs
    /// forever by the RFC's own rules, so "goes quiet" is not required of them.
    reopened: bool,
    opens: [u32; 2],
}

fn profile(u: &mut Unstructured) -> Result<Profile> {
    let mut p = match u.choose_index(3)? {
        0 => Profile::linux(),
        1 => Profile::textbook(),
        _ => Profile::two_way(Profile::linux()),
    };
    if u.ratio(1, 3)? {
        // Small numbers reach the give-up paths and odd sizes quickly.
        p.syn_retries = u.int_in_range(0..=3)?;
        p.synack_retries = u.int_in_range(0..=3)?;
        p.data_retries = u.int_in_range(0..=4)?;
        p.mss = u.int_in_range(16..=1460)?;
        p.rcv_space = u.int_in_range(0..=70_000)?;
        p.time_wait = Duration::from_millis(u.int_in_range(0..=5000)?);
        p.rto_min = Duration::from_millis(u.int_in_range(0..=1000)?);
        p.window_scale = if u.arbitrary()? {
            Some(u.int_in_range(0..=20)?)
        } else {
            None
        };
        p.sack = u.arbitrary()?;
        p.timestamps = u.arbitrary()?;
    }
    Ok(p)
}

impl World {
    fn new(mode: Mode, u: &mut Unstructured) -> Result<World> {
        let mut sides = Vec::new();
        let mut tiny = false;
        for i in 0..2 {
            let p = profile(u)?;
            tiny |= p.rcv_space < 4 * u32::from(p.mss.max(536));
            let secret: u32 = u.arbitrary()?;
            sides.push(Side {
                conn: Connection::new(p, Endpoint::new(ADDR[i], PORT[i]), secret),
                state: State::Closed,
                sent: Vec::new(),
                received: Vec::new(),
                closed: false,
                aborted: false,
            });
        }
        Ok(World {
            mode,
            sides,
            now: Instant::from_millis(u.int_in_range(0..=1_000_000)?),
            wire: Vec::new(),
            streams: mode == Mode::Benign,
            tiny_windows: tiny,
            reopened: false,
            opens: [0; 2],
        })
    }

    /// Most runs start with a connection being opened, so that the later states are
    /// reached often: a listener and a connect (pair), or a scripted handshake (lone).
    fn open(&mut self, u: &mut Unstructured) -> Result<()> {
        if u.ratio(1, 8)? {
            return Ok(());
        }
        let now = self.now;
        if self.mode != Mode::Lone {
            let _ = self.sides[1].conn.listen(now);
            let to = Endpoint::new(ADDR[1], PORT[1]);
            let _ = self.sides[0].conn.connect(now, to);
            self.after(1);
            self.after(0);
            return Ok(());
        }
        // Lone: the endpoint opens (actively or passively) and a scripted peer completes
        // the handshake with a Linux-like SYN; `forge` then takes it from there.
        let peer_iss: u32 = u.arbitrary()?;
        let mut syn = Segment {
            src_port: PORT[1],
            dst_port: PORT[0],
            seq: peer_iss,
            flags: Flags::SYN,
            window: u.arbitrary()?,
            options: options(u)?,
            ..Segment::default()
        };
        if u.arbitrary()? {
            let _ = self.sides[0].conn.listen(now);
            self.after(0);
            self.arrive(0, &syn);
        } else {
            let _ = self.sides[0]
                .conn
                .connect(now, Endpoint::new(ADDR[1], PORT[1]));
            self.after(0);
            syn.flags = Flags::SYN | Flags::ACK;
            syn.ack = self.sides[0].conn.tcb().iss.wrapping_add(1);
            self.arrive(0, &syn);
        }
        let tcb = self.sides[0].conn.tcb();
        let ack = Segment {
            src_port: PORT[1],
            dst_port: PORT[0],
            seq: peer_iss.wrapping_add(1),
            ack: tcb.iss.wrapping_add(1),
            flags: Flags::ACK,
            window: u.arbitrary()?,
            ..Segment::default()
        };
        self.arrive(0, &ack);
        Ok(())
    }

    fn n_sides(&self) -> usize {
        if self.mode == Mode::Lone {
            1
        } else {
            2
        }
    }

    fn step(&mut self, u: &mut Unstructured) -> Result<()> {
        let garbage = self.mode != Mode::Benign;
        match u.choose_index(12)? {
            0 | 1 => self.call(u)?,
            2 | 3 => self.advance(u)?,
            4 | 9 if self.mode != Mode::Lone => self.deliver(u, false)?,
            5 if self.mode != Mode::Lone => self.drop_one(u)?,
            6 if self.mode != Mode::Lone => self.deliver(u, true)?,
            7 | 10 if self.mode != Mode::Lone => {
                let all = std::mem::take(&mut self.wire);
                for (to, seg) in all {
                    self.arrive(to, &seg);
                }
            }
            8 if garbage && self.mode != Mode::Lone => self.mutate(u)?,
            _ if garbage => self.forge(u)?,
            _ => self.deliver(u, false)?,
        }
        Ok(())
    }

    // ------------------------------------------------------------------ inputs

    fn call(&mut self, u: &mut Unstructured) -> Result<()> {
        let i = u.choose_index(self.n_sides())?;
        let now = self.now;
        let peer = Endpoint::new(ADDR[1 - i], PORT[1 - i]);
        let streams = self.streams;
        let s = &mut self.sides[i];
        match u.choose_index(7)? {
            0 => {
                let _ = s.conn.listen(now);
            }
            1 => {
                let _ = s.conn.connect(now, peer);
            }
            2 | 3 => {
                let n = u.int_in_range(0..=4000usize)?;
                let start = s.sent.len();
                let data: Vec<u8> = (start..start + n).map(|k| pattern(i, k)).collect();
                if let Ok(q) = s.conn.send(now, &data) {
                    assert_eq!(q, n, "send queues everything it accepts");
                    if streams {
                        s.sent.extend_from_slice(&data);
                    }
                }
            }
            4 => {
                let _ = s.conn.shutdown_write(now);
            }
            5 => {
                if s.conn.close(now).is_ok() {
                    s.closed = true;
                }
            }
            _ => {
                if s.conn.abort(now).is_ok() {
                    s.aborted = true;
                }
            }
        }
        self.after(i);
        Ok(())
    }

    /// Let time pass, firing each timer at its own instant.
    fn advance(&mut self, u: &mut Unstructured) -> Result<()> {
        let d = match u.choose_index(4)? {
            0 => Duration::from_micros(u.int_in_range(0..=50_000)?),
            1 => Duration::from_millis(u.int_in_range(0..=3000)?),
            2 => Duration::from_secs(u.int_in_range(0..=300)?),
            _ => {
                // Exactly to the next timer.
                let next = (0..self.n_sides())
                    .filter_map(|i| self.sides[i].conn.poll_timeout())
                    .min();
                next.map_or(Duration::ZERO, |t| t - self.now)
            }
        };
        self.run_timers_until(self.now + d);
        Ok(())
    }

    fn run_timers_until(&mut self, target: Instant) {
        loop {
            let next = (0..self.n_sides())
                .filter_map(|i| self.sides[i].conn.poll_timeout())
                .min();
            let Some(t) = next.filter(|t| *t <= target) else {
                break;
            };
            self.now = self.now.max(t);
            for i in 0..self.n_sides() {
                if self.sides[i]
                    .conn
                    .poll_timeout()
                    .is_some_and(|d| d <= self.now)
                {
                    self.sides[i].conn.handle_timeout(self.now);
                    let after = self.sides[i].conn.poll_timeout();
                    assert!(
                        after.is_none_or(|a| a > self.now),
                        "poll_timeout {after:?} not after handle_timeout({:?})",
                        self.now
                    );
                    self.after(i);
                }
            }
        }
        self.now = self.now.max(target);
    }

    fn pick(&self, u: &mut Unstructured) -> Result<Option<usize>> {
        if self.wire.is_empty() {
            return Ok(None);
        }
        Ok(Some(u.choose_index(self.wire.len())?))
    }

    fn deliver(&mut self, u: &mut Unstructured, duplicate: bool) -> Result<()> {
        if let Some(k) = self.pick(u)? {
            let (to, seg) = if duplicate {
                self.wire[k].clone()
            } else {
                self.wire.swap_remove(k)
            };
            self.arrive(to, &seg);
        }
        Ok(())
    }

    fn drop_one(&mut self, u: &mut Unstructured) -> Result<()> {
        if let Some(k) = self.pick(u)? {
            self.wire.swap_remove(k);
        }
        Ok(())
    }

    /// Deliver a damaged copy of a segment on the wire (the checksum would catch it on a
    /// real wire; the state machine must survive it anyway).
    fn mutate(&mut self, u: &mut Unstructured) -> Result<()> {
        let Some(k) = self.pick(u)? else {
            return Ok(());
        };
        let (to, mut seg) = self.wire[k].clone();
        for _ in 0..u.int_in_range(1..=3)? {
            match u.choose_index(7)? {
                0 => seg.flags = Flags(seg.flags.0 ^ (1 << u.int_in_range(0..=7)?)),
                1 => seg.seq = seg.seq.wrapping_add(small(u)?),
                2 => seg.ack = seg.ack.wrapping_add(small(u)?),
                3 => seg.window = u.arbitrary()?,
                4 => seg.payload = seg.payload.slice(0, u.int_in_range(0..=seg.payload.len())?),
                5 => seg.options = options(u)?,
                _ => {
                    let n = u.int_in_range(0..=64)?;
                    let mut p = seg.payload.to_vec();
                    p.extend_from_slice(u.bytes(n)?);
                    seg.payload = p.into();
                }
            }
        }
        self.streams = false;
        self.arrive(to, &seg);
        Ok(())
    }

    /// A segment nobody sent, with numbers near the receiver's (to reach every check).
    fn forge(&mut self, u: &mut Unstructured) -> Result<()> {
        let to = u.choose_index(self.n_sides())?;
        let tcb = self.sides[to].conn.tcb();
        if u.ratio(1, 2)? {
            // A well-behaved peer: in order, acknowledging some or all that was sent.
            let flags = [
                Flags::ACK,
                Flags::ACK | Flags::PSH,
                Flags::FIN | Flags::ACK,
                Flags::FIN | Flags::PSH | Flags::ACK,
            ][u.choose_index(4)?];
            let in_flight = tcb.snd_nxt.wrapping_sub(tcb.snd_una);
            let acked = if u.arbitrary()? {
                in_flight
            } else {
                u.int_in_range(0..=in_flight)?
            };
            let n = if flags.contains(Flags::PSH) {
                u.int_in_range(1..=2000usize)?
            } else {
                0
            };
            let seg = Segment {
                src_port: PORT[1 - to],
                dst_port: PORT[to],
                seq: tcb.rcv_nxt,
                ack: tcb.snd_una.wrapping_add(acked),
                flags,
                window: u.arbitrary()?,
                payload: vec![0x5a; n].into(),
                ..Segment::default()
            };
            self.streams = false;
            self.arrive(to, &seg);
            return Ok(());
        }
        let seq = match u.choose_index(4)? {
            0 => tcb.rcv_nxt.wrapping_add(small(u)?),
            1 => tcb
                .rcv_nxt
                .wrapping_add(tcb.rcv_wnd)
                .wrapping_add(small(u)?),
            2 => tcb.irs.unwrap_or(0).wrapping_add(small(u)?),
            _ => u.arbitrary()?,
        };
        let ack = match u.choose_index(4)? {
            0 => tcb.snd_nxt.wrapping_add(small(u)?),
            1 => tcb.snd_una.wrapping_add(small(u)?),
            2 => tcb.iss.wrapping_add(1),
            _ => u.arbitrary()?,
        };
        let flags = match u.choose_index(8)? {
            0 => Flags::SYN,
            1 => Flags::SYN | Flags::ACK,
            2 => Flags::ACK,
            3 => Flags::RST,
            4 => Flags::RST | Flags::ACK,
            5 => Flags::FIN | Flags::ACK,
            6 => Flags::PSH | Flags::ACK,
            _ => Flags(u.arbitrary()?),
        };
        let n = u.int_in_range(0..=1500usize)?;
        let seg = Segment {
            src_port: if u.ratio(1, 16)? {
                u.arbitrary()?
            } else {
                PORT[1 - to]
            },
            dst_port: if u.ratio(1, 16)? {
                u.arbitrary()?
            } else {
                PORT[to]
            },
            seq,
            ack,
            flags,
            window: u.arbitrary()?,
            urgent: u.arbitrary()?,
            options: options(u)?,
            payload: {
                let n = n.min(u.len());
                u.bytes(n)?.into()
            },
        };
        self.streams = false;
        self.arrive(to, &seg);
        Ok(())
    }

    fn arrive(&mut self, to: usize, seg: &Segment) {
        let now = self.now;
        trace(|| {
            format!(
                "{:?} -> {to}: {} seq={} ack={} len={} win={}",
                now,
                seg.flags,
                seg.seq,
                seg.ack,
                seg.payload.len(),
                seg.window
            )
        });
        let src = if self.mode == Mode::Lone {
            ADDR[1]
        } else {
            ADDR[1 - to]
        };
        self.sides[to].conn.handle_segment(now, src, seg);
        // The application reads what arrived at once.
        let n = self.sides[to].conn.unread();
        self.sides[to].conn.read(now, n);
        self.after(to);
    }

    // ------------------------------------------------------------------ checks

    /// Drain side `i`'s outputs and check everything about it.
    fn after(&mut self, i: usize) {
        let lone = self.mode == Mode::Lone;
        let s = &mut self.sides[i];
        while let Some(ev) = s.conn.poll_event() {
            trace(|| match &ev {
                Event::DataReceived { data } => format!("  [{i}] DataReceived({})", data.len()),
                e => format!("  [{i}] {e:?}"),
            });
            match ev {
                Event::StateChanged {
                    from,
                    to,
                    cause,
                    rfc,
                } => {
                    assert_eq!(
                        from, s.state,
                        "StateChanged from {from} but we were in {}",
                        s.state
                    );
                    assert!(
                        cause.is_rfc_edge(from, to),
                        "{from} -> {to} by {cause:?} ({rfc}) is not an RFC 9293 transition"
                    );
                    s.state = to;
                    if matches!(to, State::SynSent | State::SynReceived)
                        && matches!(from, State::Closed | State::Listen)
                    {
                        self.opens[i] += 1;
                        self.reopened |= self.opens[i] > 1;
                    }
                    STATES[to as usize].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if to == State::Closed || (to == State::Listen && from != State::Closed) {
                        self.streams = false;
                    }
                }
                Event::DataReceived { data } => {
                    assert!(!data.is_empty(), "empty DataReceived");
                    s.received.extend_from_slice(&data);
                }
                _ => {}
            }
        }
        assert_eq!(s.conn.state(), s.state, "state() disagrees with the events");
        if let Err(e) = s.conn.check_invariants() {
            panic!(
                "invariant broken in {}: {e}; tcb {:?}; timers {:?}",
                s.state,
                s.conn.tcb(),
                s.conn.timers().collect::<Vec<_>>()
            );
        }
        let ips = Ipv4Pair {
            src: ADDR[i],
            dst: ADDR[1 - i],
        };
        while let Some(seg) = s.conn.poll_transmit() {
            let bytes = seg.emit(ips);
            let back = Segment::parse(&bytes, Some(ips)).expect("our own segment must parse");
            assert_eq!(back.segment, seg, "emit/parse changed our segment");
            assert!(seg
                .options
                .iter()
                .all(|o| !matches!(o, TcpOption::Unknown { .. })));
            if !lone {
                self.wire.push((1 - i, seg));
            }
        }
        if self.streams && !lone {
            for j in 0..2 {
                let (rx, tx) = (&self.sides[j].received, &self.sides[1 - j].sent);
                assert!(
                    tx.starts_with(rx),
                    "side {j} received {} octets that the peer never sent in that order",
                    rx.len()
                );
            }
        }
    }

    /// Benign wire: deliver everything, let every timer run, and check that the
    /// connection did what it was asked.
    fn settle(&mut self) {
        let mut quiet = false;
        for n in 0..1_000_000 {
            if self.reopened && n > 20_000 {
                break;
            }
            if !self.wire.is_empty() {
                let (to, seg) = self.wire.remove(0);
                self.arrive(to, &seg);
                continue;
            }
            let next = self
                .sides
                .iter()
                .filter_map(|s| s.conn.poll_timeout())
                .min();
            match next {
                Some(t) => self.run_timers_until(t),
                None => {
                    quiet = true;
                    break;
                }
            }
        }
        // Endless segments on a benign wire would be an ACK war.
        assert!(quiet || self.reopened, "the connection never went quiet");
        if !self.streams || self.tiny_windows {
            return;
        }
        let synced = |s: &Side| s.state != State::Closed && s.state != State::Listen;
        for j in 0..2 {
            let (rx, tx) = (&self.sides[j], &self.sides[1 - j]);
            if synced(rx) && synced(tx) {
                assert_eq!(
                    rx.received.len(),
                    tx.sent.len(),
                    "on a benign wire everything sent arrives ({} then {})",
                    tx.state,
                    rx.state
                );
            }
        }
        if self.sides.iter().all(|s| s.closed && !s.aborted) {
            for s in &self.sides {
                assert!(
                    matches!(s.state, State::Closed | State::Listen),
                    "both sides closed but one is left in {}",
                    s.state
                );
            }
        }
    }
}

/// Print what happens when SYNACK_TRACE is set (for reproducing a failure).
fn trace(f: impl FnOnce() -> String) {
    if std::env::var_os("SYNACK_TRACE").is_some() {
        eprintln!("{}", f());
    }
}

/// Octet `k` of side `i`'s stream: recognisable, so that misplaced octets show.
fn pattern(i: usize, k: usize) -> u8 {
    (k.wrapping_mul(31)
        .wrapping_add(k / 251)
        .wrapping_add(i * 101)
        % 251) as u8
}

/// A small signed offset in sequence space, as u32: often exactly 0 or ±1, where the
/// acceptance tests have their edges.
fn small(u: &mut Unstructured) -> Result<u32> {
    Ok(match u.choose_index(5)? {
        0 | 1 => 0,
        2 => 1,
        3 => u32::MAX,
        _ => {
            let d: i16 = u.arbitrary()?;
            d as i32 as u32
        }
    })
}

fn options(u: &mut Unstructured) -> Result<Vec<TcpOption>> {
    let mut v = Vec::new();
    for _ in 0..u.int_in_range(0..=4)? {
        v.push(match u.choose_index(6)? {
            0 => TcpOption::Mss(u.arbitrary()?),
            1 => TcpOption::WindowScale(u.arbitrary()?),
            2 => TcpOption::SackPermitted,
            3 => TcpOption::Timestamps {
                tsval: u.arbitrary()?,
                tsecr: u.arbitrary()?,
            },
            4 => TcpOption::Sack(vec![(u.arbitrary()?, u.arbitrary()?)]),
            _ => TcpOption::Nop,
        });
    }
    Ok(v)
}
