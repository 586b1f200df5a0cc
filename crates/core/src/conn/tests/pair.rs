//! A two-endpoint harness with a fixed one-way delay, reading like a story (after
//! quinn-proto's `Pair`). Segments go through `emit` and `parse`, as on a real wire.

use crate::wire::{Ipv4Pair, Segment};
use crate::{Connection, Endpoint, Instant, Profile};
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

pub const C_ADDR: [u8; 4] = [10, 0, 0, 1];
pub const S_ADDR: [u8; 4] = [10, 0, 0, 2];

pub struct Pair {
    pub client: Connection,
    pub server: Connection,
    pub now: Instant,
    pub delay_us: u64,
    /// (arrival time, to_server, bytes)
    pub wire: VecDeque<(Instant, bool, Vec<u8>)>,
    /// (send time, to_server, segment)
    pub log: Vec<(Instant, bool, Segment)>,
    /// Drop the n-th segment sent by each side (0-based) if listed: (to_server, index).
    pub drops: Vec<(bool, usize)>,
    sent: [usize; 2],
}

impl Pair {
    pub fn new() -> Self {
        Self::with_profile(Profile::linux())
    }

    pub fn with_profile(p: Profile) -> Self {
        Pair {
            client: Connection::new(p.clone(), Endpoint::new(C_ADDR, 40001), 0x1000_0000),
            server: Connection::new(p, Endpoint::new(S_ADDR, 5000), 0x7000_0000),
            now: Instant::ZERO,
            delay_us: 50_000,
            wire: VecDeque::new(),
            log: Vec::new(),
            drops: Vec::new(),
            sent: [0, 0],
        }
    }

    pub fn server_listen(&mut self) {
        self.server.listen(self.now).unwrap();
        self.flush();
    }
    pub fn client_connect(&mut self, _at_ms: u64) {
        self.client
            .connect(self.now, Endpoint::new(S_ADDR, 5000))
            .unwrap();
        self.flush();
    }
    pub fn client_send(&mut self, d: &[u8]) {
        self.client.send(self.now, d).unwrap();
        self.flush();
    }
    pub fn server_send(&mut self, d: &[u8]) {
        self.server.send(self.now, d).unwrap();
        self.flush();
    }
    pub fn client_close(&mut self) {
        self.client.close(self.now).unwrap();
        self.flush();
    }
    pub fn server_close(&mut self) {
        self.server.close(self.now).unwrap();
        self.flush();
    }

    /// Move segments from both endpoints onto the wire.
    pub fn flush(&mut self) {
        for to_server in [true, false] {
            loop {
                let conn = if to_server {
                    &mut self.client
                } else {
                    &mut self.server
                };
                let Some(seg) = conn.poll_transmit() else {
                    break;
                };
                while conn.poll_event().is_some() {}
                let ips = if to_server {
                    Ipv4Pair {
                        src: C_ADDR,
                        dst: S_ADDR,
                    }
                } else {
                    Ipv4Pair {
                        src: S_ADDR,
                        dst: C_ADDR,
                    }
                };
                let bytes = seg.emit(ips);
                let idx = self.sent[usize::from(to_server)];
                self.sent[usize::from(to_server)] += 1;
                self.log.push((self.now, to_server, seg));
                if !self.drops.contains(&(to_server, idx)) {
                    let at = Instant(self.now.0 + self.delay_us);
                    self.wire.push_back((at, to_server, bytes));
                }
            }
        }
        while self.client.poll_event().is_some() {}
        while self.server.poll_event().is_some() {}
    }

    /// The next instant something happens: a delivery or a timer.
    fn next_instant(&self) -> Option<Instant> {
        let w = self.wire.iter().map(|(t, _, _)| *t).min();
        [w, self.client.poll_timeout(), self.server.poll_timeout()]
            .into_iter()
            .flatten()
            .min()
    }

    pub fn step(&mut self, limit: Instant) -> bool {
        let Some(t) = self.next_instant() else {
            return false;
        };
        if t > limit {
            return false;
        }
        self.now = t;
        if let Some(i) = self.wire.iter().position(|(at, _, _)| *at == t) {
            let (_, to_server, bytes) = self.wire.remove(i).unwrap();
            let (src, dst) = if to_server {
                (C_ADDR, S_ADDR)
            } else {
                (S_ADDR, C_ADDR)
            };
            let parsed = Segment::parse(&bytes, Some(Ipv4Pair { src, dst })).unwrap();
            if to_server {
                self.server.handle_segment(t, src, &parsed.segment);
            } else {
                self.client.handle_segment(t, src, &parsed.segment);
            }
        } else {
            self.client.handle_timeout(t);
            self.server.handle_timeout(t);
        }
        self.flush();
        true
    }

    pub fn run_until_ms(&mut self, ms: u64) {
        let limit = Instant::from_millis(ms);
        while self.step(limit) {}
        self.now = limit;
    }

    pub fn run_until_idle_or_ms(&mut self, ms: u64) {
        self.run_until_ms(ms)
    }

    /// One line per segment: "ms dir flags relseq relack len".
    pub fn log_lines(&self) -> Vec<String> {
        let c_iss = self.client.tcb_iss_hint();
        let s_iss = self.server.tcb_iss_hint();
        self.log
            .iter()
            .map(|(t, to_s, s)| {
                let (mine, theirs) = if *to_s {
                    (c_iss, s_iss)
                } else {
                    (s_iss, c_iss)
                };
                let ack = if s.flags.contains(crate::Flags::ACK) {
                    format!("{}", s.ack.wrapping_sub(theirs))
                } else {
                    String::from("-")
                };
                format!(
                    "{} {} {} {} {} {}",
                    (t.0 + 500) / 1000,
                    if *to_s { "C->S" } else { "S->C" },
                    s.flags,
                    s.seq.wrapping_sub(mine),
                    ack,
                    s.payload.len()
                )
            })
            .collect()
    }
}
