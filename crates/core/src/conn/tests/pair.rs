//! Two endpoints on a simulated wire, reading like a story (after quinn-proto's `Pair`).
//! Segments go through `emit` and `parse`, as on a real wire. The wire has a fixed one-way
//! delay and does what the story asks: lose a segment, hold one back (to deliver it later,
//! reordered or as an old duplicate), or slow one down.

use super::fmt::{fmt_seg, Side};
use crate::wire::{Ipv4Pair, Segment};
use crate::{Cause, Connection, Endpoint, Event, Instant, Profile, State};
use alloc::string::String;
use alloc::vec::Vec;
use core::time::Duration;

pub const C_ADDR: [u8; 4] = [10, 0, 0, 1];
pub const S_ADDR: [u8; 4] = [10, 0, 0, 2];
pub const C_PORT: u16 = 40001;
pub const S_PORT: u16 = 5000;

/// What the wire does with the next segment from a side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    Drop,
    Hold,
    Delay(Duration),
}

/// One segment put on the wire.
#[derive(Clone, Debug)]
pub struct Sent {
    pub at: Instant,
    pub from: Side,
    pub seg: Segment,
    pub fate: Fate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    Arrives(Instant),
    Lost,
    Held,
}

struct Flight {
    at: Instant,
    order: u64,
    to: Side,
    bytes: Vec<u8>,
}

pub struct Pair {
    pub client: Connection,
    pub server: Connection,
    pub now: Instant,
    /// One-way delay of the wire.
    pub delay: Duration,
    wire: Vec<Flight>,
    held: Vec<(Side, Vec<u8>)>,
    plans: Vec<(Side, Plan)>,
    order: u64,
    pub log: Vec<Sent>,
    pub events: Vec<(Instant, Side, Event)>,
    /// The client's data segments to lose, by count from 1 (retransmissions included), each
    /// with how many of its retransmissions are lost too.
    pub drop_data: Vec<(u32, u32)>,
    data_count: u32,
    /// Sequence numbers whose next retransmissions are lost, with how many.
    drop_retx: Vec<(u32, u32)>,
    /// The wire loses everything after this instant (keep-alive stories).
    pub blackout_after: Option<Instant>,
}

impl Pair {
    pub fn new() -> Self {
        Self::with_profile(Profile::linux())
    }

    pub fn with_profile(p: Profile) -> Self {
        Self::with_profiles(p.clone(), p)
    }

    pub fn with_profiles(client: Profile, server: Profile) -> Self {
        Pair {
            client: Connection::new(client, Endpoint::new(C_ADDR, C_PORT), 0x1000_0000),
            server: Connection::new(server, Endpoint::new(S_ADDR, S_PORT), 0x7000_0000),
            now: Instant::ZERO,
            delay: Duration::from_millis(50),
            wire: Vec::new(),
            held: Vec::new(),
            plans: Vec::new(),
            order: 0,
            log: Vec::new(),
            events: Vec::new(),
            drop_data: Vec::new(),
            data_count: 0,
            drop_retx: Vec::new(),
            blackout_after: None,
        }
    }

    pub fn conn(&mut self, side: Side) -> &mut Connection {
        match side {
            Side::Client => &mut self.client,
            Side::Server => &mut self.server,
        }
    }

    pub fn state(&self, side: Side) -> State {
        match side {
            Side::Client => self.client.state(),
            Side::Server => self.server.state(),
        }
    }

    // ------------------------------------------------------------------ user calls

    /// Any user call on one side, now; the outputs go onto the wire.
    pub fn call<T>(&mut self, side: Side, f: impl FnOnce(&mut Connection, Instant) -> T) -> T {
        let now = self.now;
        let r = f(self.conn(side), now);
        self.flush();
        r
    }
    pub fn server_listen(&mut self) {
        self.call(Side::Server, |c, t| c.listen(t)).unwrap();
    }
    pub fn client_connect(&mut self) {
        let to = Endpoint::new(S_ADDR, S_PORT);
        self.call(Side::Client, |c, t| c.connect(t, to)).unwrap();
    }
    pub fn server_connect(&mut self) {
        let to = Endpoint::new(C_ADDR, C_PORT);
        self.call(Side::Server, |c, t| c.connect(t, to)).unwrap();
    }
    pub fn send(&mut self, side: Side, d: &[u8]) {
        self.call(side, |c, t| c.send(t, d)).unwrap();
    }
    pub fn client_send(&mut self, d: &[u8]) {
        self.send(Side::Client, d);
    }
    pub fn server_send(&mut self, d: &[u8]) {
        self.send(Side::Server, d);
    }
    pub fn close(&mut self, side: Side) {
        self.call(side, |c, t| c.close(t)).unwrap();
    }
    pub fn client_close(&mut self) {
        self.close(Side::Client);
    }
    pub fn server_close(&mut self) {
        self.close(Side::Server);
    }
    pub fn shutdown(&mut self, side: Side) {
        self.call(side, |c, t| c.shutdown_write(t)).unwrap();
    }
    pub fn abort(&mut self, side: Side) {
        self.call(side, |c, t| c.abort(t)).unwrap();
    }

    // ------------------------------------------------------------------ the wire's plans

    /// The next segment `side` sends is lost.
    pub fn lose_next(&mut self, side: Side) {
        self.plans.push((side, Plan::Drop));
    }
    /// The next segment `side` sends is held back until [`Pair::release_held`].
    pub fn hold_next(&mut self, side: Side) {
        self.plans.push((side, Plan::Hold));
    }
    /// The next segment `side` sends takes `extra_ms` longer than the others.
    pub fn slow_next(&mut self, side: Side, extra_ms: u64) {
        self.plans
            .push((side, Plan::Delay(Duration::from_millis(extra_ms))));
    }
    /// Held segments go on the wire now (they arrive one delay later, in order).
    pub fn release_held(&mut self) {
        for (from, bytes) in core::mem::take(&mut self.held) {
            let at = self.now + self.delay;
            self.order += 1;
            self.wire.push(Flight {
                at,
                order: self.order,
                to: from.other(),
                bytes,
            });
        }
    }

    /// A segment that `to`'s peer never sent now (an old duplicate, a forged reset) arrives
    /// at `to` at `at_ms`.
    pub fn inject(&mut self, to: Side, seg: Segment, at_ms: u64) {
        let (src, dst) = to.other().addrs();
        self.order += 1;
        self.wire.push(Flight {
            at: Instant::from_millis(at_ms),
            order: self.order,
            to,
            bytes: seg.emit(Ipv4Pair { src, dst }),
        });
    }

    /// `side` crashes: its TCB is gone and it comes back CLOSED, knowing nothing.
    pub fn crash(&mut self, side: Side) {
        let (p, local) = {
            let c = self.conn(side);
            (c.profile().clone(), c.local())
        };
        *self.conn(side) = Connection::new(p, local, 0x3000_0000);
    }

    /// Move segments from both endpoints onto the wire, and keep their events.
    pub fn flush(&mut self) {
        for from in [Side::Client, Side::Server] {
            let now = self.now;
            while let Some(ev) = self.conn(from).poll_event() {
                self.events.push((now, from, ev));
            }
            while let Some(seg) = self.conn(from).poll_transmit() {
                let (src, dst) = from.addrs();
                let bytes = seg.emit(Ipv4Pair { src, dst });
                let plan = self.plans.iter().position(|(s, _)| *s == from);
                let mut plan = plan.map(|i| self.plans.remove(i).1);
                if from == Side::Client && !seg.payload.is_empty() {
                    self.data_count += 1;
                    if let Some(i) = self.drop_retx.iter().position(|r| r.0 == seg.seq) {
                        plan = Some(Plan::Drop);
                        if let Some(r) = self.drop_retx.get_mut(i) {
                            r.1 -= 1;
                            if r.1 == 0 {
                                self.drop_retx.remove(i);
                            }
                        }
                    } else if let Some(&(_, k)) =
                        self.drop_data.iter().find(|d| d.0 == self.data_count)
                    {
                        plan = Some(Plan::Drop);
                        if k > 0 {
                            self.drop_retx.push((seg.seq, k));
                        }
                    }
                }
                if self.blackout_after.is_some_and(|t| now > t) {
                    plan = Some(Plan::Drop);
                }
                let fate = match plan {
                    Some(Plan::Drop) => Fate::Lost,
                    Some(Plan::Hold) => {
                        self.held.push((from, bytes));
                        Fate::Held
                    }
                    other => {
                        let extra = match other {
                            Some(Plan::Delay(d)) => d,
                            _ => Duration::ZERO,
                        };
                        let at = now + self.delay + extra;
                        self.order += 1;
                        self.wire.push(Flight {
                            at,
                            order: self.order,
                            to: from.other(),
                            bytes,
                        });
                        Fate::Arrives(at)
                    }
                };
                self.log.push(Sent {
                    at: now,
                    from,
                    seg,
                    fate,
                });
            }
        }
    }

    // ------------------------------------------------------------------ time

    /// The next instant something happens: a delivery or a timer.
    fn next_instant(&self) -> Option<Instant> {
        let w = self.wire.iter().map(|f| f.at).min();
        [w, self.client.poll_timeout(), self.server.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
    }

    /// Do the next thing due at or before `limit`. Deliveries before timers at one instant.
    pub fn step(&mut self, limit: Instant) -> bool {
        let Some(t) = self.next_instant() else {
            return false;
        };
        if t > limit {
            return false;
        }
        self.now = t;
        let due = self
            .wire
            .iter()
            .enumerate()
            .filter(|(_, f)| f.at == t)
            .min_by_key(|(_, f)| f.order)
            .map(|(i, _)| i);
        if let Some(i) = due {
            let f = self.wire.remove(i);
            let from = f.to.other();
            let (src, dst) = from.addrs();
            let parsed = Segment::parse(&f.bytes, Some(Ipv4Pair { src, dst })).unwrap();
            assert_eq!(parsed.checksum_ok, Some(true));
            self.conn(f.to).handle_segment(t, src, &parsed.segment);
            // Both applications read what arrives at once.
            let n = self.conn(f.to).unread();
            self.conn(f.to).read(t, n);
        } else {
            self.client.handle_timeout(t);
            self.server.handle_timeout(t);
        }
        self.flush();
        true
    }

    pub fn run_until_ms(&mut self, ms: u64) {
        self.run_until(Instant::from_millis(ms));
    }

    pub fn run_until(&mut self, limit: Instant) {
        while self.step(limit) {}
        self.now = self.now.max(limit);
    }

    pub fn run_for_ms(&mut self, ms: u64) {
        self.run_until(self.now + Duration::from_millis(ms));
    }

    // ------------------------------------------------------------------ reading the story

    /// One line per segment: "ms dir flags relseq relack len", plus " LOST" / " HELD".
    pub fn log_lines(&self) -> Vec<String> {
        self.lines_since(0)
    }

    /// Log lines from index `mark` (see [`Pair::mark`]).
    pub fn lines_since(&self, mark: usize) -> Vec<String> {
        let c_iss = self.client.tcb_iss_hint();
        let s_iss = self.server.tcb_iss_hint();
        self.log
            .iter()
            .skip(mark)
            .map(|s| {
                let (mine, theirs) = match s.from {
                    Side::Client => (c_iss, s_iss),
                    Side::Server => (s_iss, c_iss),
                };
                let mut line = alloc::format!(
                    "{} {} {}",
                    (s.at.micros() + 500) / 1000,
                    s.from.arrow(),
                    fmt_seg(&s.seg, mine, theirs)
                );
                match s.fate {
                    Fate::Lost => line.push_str(" LOST"),
                    Fate::Held => line.push_str(" HELD"),
                    Fate::Arrives(_) => {}
                }
                line
            })
            .collect()
    }

    /// Index of the next segment to be logged.
    pub fn mark(&self) -> usize {
        self.log.len()
    }

    /// The state changes of one side: (ms, from, to, cause).
    pub fn transitions(&self, side: Side) -> Vec<(u64, State, State, Cause)> {
        self.events
            .iter()
            .filter(|(_, s, _)| *s == side)
            .filter_map(|(t, _, e)| match e {
                Event::StateChanged {
                    from, to, cause, ..
                } => Some((t.millis(), *from, *to, *cause)),
                _ => None,
            })
            .collect()
    }

    /// The states one side went through, starting with CLOSED.
    pub fn path(&self, side: Side) -> Vec<State> {
        let mut v = alloc::vec![State::Closed];
        v.extend(self.transitions(side).into_iter().map(|(_, _, to, _)| to));
        v
    }

    /// Events of one side satisfying `f`, with their times in ms.
    pub fn events_of(&self, side: Side, f: impl Fn(&Event) -> bool) -> Vec<(u64, Event)> {
        self.events
            .iter()
            .filter(|(_, s, e)| *s == side && f(e))
            .map(|(t, _, e)| (t.millis(), e.clone()))
            .collect()
    }

    /// All data one side has received, concatenated.
    pub fn received(&self, side: Side) -> Vec<u8> {
        let mut v = Vec::new();
        for (_, s, e) in &self.events {
            if let (true, Event::DataReceived { data }) = (*s == side, e) {
                v.extend_from_slice(data);
            }
        }
        v
    }
}
