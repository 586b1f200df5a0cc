//! One endpoint facing a scripted peer: the test writes every segment the peer sends and
//! reads back exactly what the endpoint answered, when, and why.

use super::fmt::fmt_seg;
use super::pair::{C_ADDR, C_PORT, S_ADDR, S_PORT};
use crate::event::Rfc;
use crate::wire::{Flags, Segment, TcpOption};
use crate::{Cause, Connection, Endpoint, Event, Instant, Profile, State, TimerKind};
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// The scripted peer's initial sequence number.
pub const PEER_ISS: u32 = 0x5000_0000;

pub struct Lone {
    pub conn: Connection,
    pub now: Instant,
    /// Every segment the endpoint sent, with its time.
    pub out: Vec<(Instant, Segment)>,
    taken: usize,
    pub events: Vec<(Instant, Event)>,
    events_taken: usize,
    /// The peer's address (segments come from here).
    pub peer: Endpoint,
    /// The application reads what arrives at once (as the simulator's default reader);
    /// false: it reads nothing, and the receive buffer fills.
    pub reads: bool,
}

impl Lone {
    /// An endpoint at the client's address; the peer is the server.
    pub fn client(p: Profile) -> Self {
        Self::at(
            p,
            Endpoint::new(C_ADDR, C_PORT),
            Endpoint::new(S_ADDR, S_PORT),
        )
    }

    /// An endpoint at the server's address; the peer is the client.
    pub fn server(p: Profile) -> Self {
        Self::at(
            p,
            Endpoint::new(S_ADDR, S_PORT),
            Endpoint::new(C_ADDR, C_PORT),
        )
    }

    fn at(p: Profile, local: Endpoint, peer: Endpoint) -> Self {
        Lone {
            conn: Connection::new(p, local, 0x2000_0000),
            now: Instant::ZERO,
            out: Vec::new(),
            taken: 0,
            events: Vec::new(),
            events_taken: 0,
            reads: true,
            peer,
        }
    }

    fn drain(&mut self) {
        while let Some(s) = self.conn.poll_transmit() {
            self.out.push((self.now, s));
        }
        while let Some(e) = self.conn.poll_event() {
            self.events.push((self.now, e));
        }
    }

    /// Forget what was sent and happened so far (a test starts its story here).
    pub fn forget(&mut self) {
        self.out.clear();
        self.events.clear();
        self.taken = 0;
        self.events_taken = 0;
    }

    // ------------------------------------------------------------------ inputs

    pub fn connect(&mut self) {
        let (now, peer) = (self.now, self.peer);
        self.conn.connect(now, peer).unwrap();
        self.drain();
    }
    pub fn listen(&mut self) {
        self.conn.listen(self.now).unwrap();
        self.drain();
    }
    pub fn send(&mut self, d: &[u8]) {
        assert_eq!(self.conn.send(self.now, d), Ok(d.len()));
        self.drain();
    }
    pub fn close(&mut self) {
        self.conn.close(self.now).unwrap();
        self.drain();
    }
    pub fn shutdown(&mut self) {
        self.conn.shutdown_write(self.now).unwrap();
        self.drain();
    }
    pub fn abort(&mut self) {
        self.conn.abort(self.now).unwrap();
        self.drain();
    }

    /// A segment from the peer arrives now.
    pub fn recv(&mut self, seg: Segment) {
        self.conn.handle_segment(self.now, self.peer.addr, &seg);
        if self.reads {
            let n = self.conn.unread();
            self.conn.read(self.now, n);
        }
        self.drain();
    }

    /// Let time pass until `ms`, firing every timer at its own instant.
    pub fn at_ms(&mut self, ms: u64) -> &mut Self {
        self.until(Instant::from_millis(ms))
    }

    pub fn until(&mut self, t: Instant) -> &mut Self {
        while let Some(due) = self.conn.poll_timeout() {
            if due > t {
                break;
            }
            self.now = due;
            self.conn.handle_timeout(due);
            self.drain();
            assert!(self.conn.poll_timeout().is_none_or(|n| n > due));
        }
        self.now = self.now.max(t);
        self
    }

    // ------------------------------------------------------------------ the peer's segments

    /// Our ISS (that of the last connection, even after the TCB is gone).
    pub fn iss(&self) -> u32 {
        self.conn.tcb_iss_hint()
    }

    /// A segment from the peer with seq relative to the peer's ISS and ack relative to ours.
    pub fn seg(&self, flags: Flags, seq: u32, ack: u32, data: &[u8]) -> Segment {
        Segment {
            src_port: self.peer.port,
            dst_port: self.conn.local().port,
            seq: PEER_ISS.wrapping_add(seq),
            ack: if flags.contains(Flags::ACK) {
                self.iss().wrapping_add(ack)
            } else {
                0
            },
            flags,
            window: 502,
            urgent: 0,
            options: Vec::new(),
            payload: data.into(),
        }
    }

    /// The peer's SYN with only the MSS option (as the textbook profile sends).
    pub fn syn(&self) -> Segment {
        let mut s = self.seg(Flags::SYN, 0, 0, b"");
        s.window = 65535;
        s.options = vec![TcpOption::Mss(1460)];
        s
    }

    /// The peer's SYN as Linux sends it: MSS, SACK-permitted, timestamps, window scale 7.
    pub fn linux_syn(&self, flags: Flags) -> Segment {
        let mut s = self.seg(flags, 0, 1, b"");
        s.window = 64240;
        s.options = vec![
            TcpOption::Mss(1460),
            TcpOption::SackPermitted,
            TcpOption::Timestamps {
                tsval: 1000,
                tsecr: 0,
            },
            TcpOption::Nop,
            TcpOption::WindowScale(7),
        ];
        s
    }

    /// The peer's SYN,ACK answering our SYN (MSS option only).
    pub fn syn_ack(&self) -> Segment {
        let mut s = self.seg(Flags::SYN | Flags::ACK, 0, 1, b"");
        s.window = 65535;
        s.options = vec![TcpOption::Mss(1460)];
        s
    }

    /// A plain segment with ACK (and `more` flags), relative numbers, window 65535 unscaled.
    pub fn ack(&self, more: Flags, seq: u32, ack: u32, data: &[u8]) -> Segment {
        let mut s = self.seg(Flags::ACK | more, seq, ack, data);
        s.window = 65535;
        s
    }

    // ------------------------------------------------------------------ outputs

    /// Segments sent since the last call: "ms FLAGS seq ack len" (relative numbers).
    pub fn sent(&mut self) -> Vec<String> {
        let iss = self.iss();
        let lines = self.out[self.taken..]
            .iter()
            .map(|(t, s)| alloc::format!("{} {}", fmt_ms(*t), fmt_seg(s, iss, PEER_ISS)))
            .collect();
        self.taken = self.out.len();
        lines
    }

    /// The segments themselves, sent since the last call of `sent` or `take`.
    pub fn take(&mut self) -> Vec<Segment> {
        let v = self.out[self.taken..]
            .iter()
            .map(|(_, s)| s.clone())
            .collect();
        self.taken = self.out.len();
        v
    }

    /// Events since the last call.
    pub fn new_events(&mut self) -> Vec<Event> {
        let v = self.events[self.events_taken..]
            .iter()
            .map(|(_, e)| e.clone())
            .collect();
        self.events_taken = self.events.len();
        v
    }

    /// State changes since the last call of `new_events`/`changes`: (from, to, cause, rfc).
    pub fn changes(&mut self) -> Vec<(State, State, Cause, Rfc)> {
        self.new_events()
            .into_iter()
            .filter_map(|e| match e {
                Event::StateChanged {
                    from,
                    to,
                    cause,
                    rfc,
                } => Some((from, to, cause, rfc)),
                _ => None,
            })
            .collect()
    }

    pub fn state(&self) -> State {
        self.conn.state()
    }

    /// When the timer of `kind` expires, in ms, if armed.
    pub fn timer_ms(&self, kind: TimerKind) -> Option<u64> {
        self.conn
            .timers()
            .find(|t| t.kind == kind)
            .map(|t| t.expires.millis())
    }

    /// Times (ms) of every event matching `f` so far.
    pub fn times_of(&self, f: impl Fn(&Event) -> bool) -> Vec<u64> {
        self.events
            .iter()
            .filter(|(_, e)| f(e))
            .map(|(t, _)| t.millis())
            .collect()
    }
}

/// Milliseconds, with the fraction only when there is one.
fn fmt_ms(t: Instant) -> String {
    if t.micros().is_multiple_of(1000) {
        alloc::format!("{}", t.millis())
    } else {
        alloc::format!("{}.{:03}", t.millis(), t.micros() % 1000)
    }
}

/// ms → Instant.
pub fn ms(v: u64) -> Instant {
    Instant::from_millis(v)
}
