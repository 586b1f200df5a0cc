//! The model reads the capture: each side's captured segments are fed to a synack-core
//! endpoint in an observing role. What the capture shows a side received is handed to its
//! endpoint at the arrival time (`handle_segment`); what it shows a side sent is the
//! application's doing (data: `send`, FIN: `close`, RST: `abort`, the SYN: `connect`) and is
//! checked against what the endpoint then sends. The endpoint's own segments never reach the
//! wire: the trace's segments are the captured ones; the endpoint gives the states, the TCB,
//! the timers and the whys. Where the two part, a [`Note`] says so.

use crate::note::Note;
use crate::syn_only;
use crate::timing::{Segments, Timed, Timing};
use crate::Connection as CapturedConnection;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{IpAddr, SocketAddr};
use synack_core::seq::{seq_gt, seq_lt};
use synack_core::{
    CaState, Connection, Endpoint, Event, Flags, Instant, Profile, RejectReason, Segment,
    SendReason, State, TcpOption, TimerKind,
};
use synack_sim::{
    AppCall, Fate, Hex, Host, LossCause, SegmentRecord, SendData, Side, Snapshot, StopReason,
    Trace, TraceEvent, TraceEventKind,
};

/// How to read a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The trace's `scenario` name.
    pub name: String,
    /// A one-end capture: where it was taken, when the handshake does not say (a capture
    /// without one) or says wrong. `None`: read from the handshake.
    pub captured_at: Option<Side>,
    /// A one-end capture: the one-way delay to assume, in microseconds. `None`: half the
    /// handshake's round trip (0 without a handshake).
    pub one_way_us: Option<u64>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            name: String::from("capture"),
            captured_at: None,
            one_way_us: None,
        }
    }
}

/// A connection read with the model.
#[derive(Clone, Debug)]
pub struct CaptureTrace {
    /// The same schema as a simulated run (docs/TRACE.md).
    pub trace: Trace,
    /// Where the captured stack and the model part, in time order.
    pub notes: Vec<Note>,
    /// Which times are captured and which estimated.
    pub timing: Timing,
    /// Each trace segment's frame number in its file (the sender's, when both ends).
    pub frames: Vec<u32>,
}

/// The IPv4 address the trace shows for an endpoint (the trace's `Endpoint` is IPv4): an
/// IPv6 address shows as its last four bytes.
fn v4(a: IpAddr) -> [u8; 4] {
    match a {
        IpAddr::V4(v) => v.octets(),
        IpAddr::V6(v) => {
            let o = v.octets();
            [o[12], o[13], o[14], o[15]]
        }
    }
}

fn endpoints(c: &CapturedConnection) -> (Endpoint, Endpoint) {
    let (mut a, mut b) = (v4(c.client.ip()), v4(c.server.ip()));
    if a == b && c.client.port() == c.server.port() {
        a = [0, 0, 0, 1];
        b = [0, 0, 0, 2];
    }
    let ep = |s: SocketAddr, addr| Endpoint::new(addr, s.port());
    (ep(c.client, a), ep(c.server, b))
}

/// SYN, FIN and RST: what a segment must share with the endpoint's to be the same one.
const CONTROL: u8 = 0x07;

fn guess_reason(s: &Segment) -> SendReason {
    let f = s.flags;
    if f.contains(Flags::RST) {
        SendReason::Reset
    } else if f.contains(Flags::SYN | Flags::ACK) {
        SendReason::SynAck
    } else if f.contains(Flags::SYN) {
        SendReason::Syn
    } else if f.contains(Flags::FIN) {
        SendReason::Fin
    } else if !s.payload.is_empty() {
        SendReason::Data
    } else {
        SendReason::Ack
    }
}

fn guess_state(s: &Segment) -> State {
    let f = s.flags;
    if f.contains(Flags::RST) {
        State::Closed
    } else if f.contains(Flags::SYN | Flags::ACK) {
        State::SynReceived
    } else if f.contains(Flags::SYN) {
        State::SynSent
    } else {
        State::Established
    }
}

fn tsval(s: &Segment) -> Option<u32> {
    s.timestamps().map(|(v, _)| v)
}

/// One input of a side, in its time order.
#[derive(Clone, Copy)]
enum Input {
    Arrive(u32),
    Send(u32),
}

/// What one side's observer found.
struct Observer {
    side: Side,
    local: Endpoint,
    remote: Endpoint,
    conn: Option<Connection>,
    /// Sequence number up to which the application's data was handed to the endpoint.
    app_end: Option<u32>,
    closed: bool,
    aborted: bool,
    /// The endpoint's own segments not yet matched with a captured one.
    pending: VecDeque<(Segment, SendReason)>,
    /// The endpoint's TSval minus the captured stack's (to translate echoed TSecr).
    ts_delta: Option<u32>,
    /// The highest sequence number + length this side was seen sending.
    sent_end: Option<u32>,
    iss: Option<u32>,
    events: Vec<TraceEvent>,
    snapshots: Vec<Snapshot>,
    notes: Vec<(u64, Note)>,
    /// The sender's state and reason for each of this side's segments.
    sent: Vec<(u32, State, SendReason)>,
    /// The endpoint's last timeout retransmission (when, which sequence number), until the
    /// capture shows the same one or the endpoint retransmits again.
    model_retx: Option<(Instant, u32)>,
    /// The last arrival's rejection, if it was rejected (a run of the same one is one note).
    last_reject: Option<RejectReason>,
    /// Bytes the program wrote that the endpoint's send buffer has not taken yet.
    backlog: VecDeque<u8>,
    /// The program closed after writing `backlog`.
    close_pending: bool,
    /// Its FIN is a `shutdown(SHUT_WR)`, not a `close`: it goes on taking the peer's data.
    half_close: bool,
}

impl Observer {
    fn new(side: Side, local: Endpoint, remote: Endpoint) -> Observer {
        Observer {
            side,
            local,
            remote,
            conn: None,
            app_end: None,
            closed: false,
            aborted: false,
            pending: VecDeque::new(),
            ts_delta: None,
            sent_end: None,
            iss: None,
            events: Vec::new(),
            snapshots: Vec::new(),
            notes: Vec::new(),
            sent: Vec::new(),
            model_retx: None,
            last_reject: None,
            backlog: VecDeque::new(),
            close_pending: false,
            half_close: false,
        }
    }

    /// A retransmission of the endpoint that the capture never showed becomes a note.
    fn flush_model_retx(&mut self) {
        if let (Some((at, seq)), Some(iss)) = (self.model_retx.take(), self.iss) {
            self.notes.push((
                at.micros(),
                Note::ModelRetransmits {
                    at_us: at.micros(),
                    side: self.side,
                    seq: seq.wrapping_sub(iss),
                },
            ));
        }
    }

    fn event(&mut self, at: Instant, kind: TraceEventKind) {
        self.events.push(TraceEvent {
            at,
            side: self.side,
            kind,
        });
    }

    fn app(&mut self, at: Instant, call: AppCall, error: Option<String>) {
        self.event(at, TraceEventKind::App { call, error });
    }

    /// Everything the endpoint has to say after an input: its events into the trace (but not
    /// those of segments it sent itself, which stay off the wire), its segments to `pending`.
    fn drain(&mut self, at: Instant) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let mut reasons: VecDeque<SendReason> = VecDeque::new();
        let mut kept: Vec<Event> = Vec::new();
        let mut retx: Option<u32> = None;
        while let Some(ev) = conn.poll_event() {
            match ev {
                Event::SegmentSent { reason, .. } => reasons.push_back(reason),
                Event::Retransmission { seq, .. } => retx = Some(seq),
                Event::SegmentAccepted { .. } | Event::SendBlocked { .. } => {}
                other => kept.push(other),
            }
        }
        while let Some(seg) = conn.poll_transmit() {
            let reason = reasons.pop_front().unwrap_or_else(|| guess_reason(&seg));
            self.pending.push_back((seg, reason));
        }
        // A bound on what is remembered: old unmatched segments are forgotten.
        while self.pending.len() > 4096 {
            self.pending.pop_front();
        }
        for event in kept {
            self.event(at, TraceEventKind::Core { event });
        }
        if let Some(seq) = retx {
            self.flush_model_retx();
            self.model_retx = Some((at, seq));
        }
    }

    fn snapshot(&mut self, at: Instant) {
        let Some(conn) = self.conn.as_ref() else {
            return;
        };
        let tcb = conn.tcb();
        if let Some(prev) = self.snapshots.last() {
            if prev.tcb == tcb && prev.timers.iter().copied().eq(conn.timers()) {
                return;
            }
        }
        self.snapshots.push(Snapshot {
            at,
            side: self.side,
            tcb,
            timers: conn.timers().collect(),
        });
    }

    /// The endpoint's timers that are due by `now`, in order.
    fn run_timers(&mut self, now: Instant) {
        for _ in 0..1000 {
            let Some(due) = self.conn.as_ref().and_then(|c| c.poll_timeout()) else {
                return;
            };
            if due > now {
                return;
            }
            if let Some(c) = self.conn.as_mut() {
                c.handle_timeout(due);
            }
            self.drain(due);
            self.snapshot(due);
        }
    }

    /// A new endpoint whose ISS, chosen at `now`, is `iss` (the core's ISS is the secret plus
    /// the 4 µs clock, RFC 9293 §3.4.1).
    fn start(&mut self, now: Instant, iss: u32) {
        let secret = iss.wrapping_sub((now.micros() / 4) as u32);
        self.conn = Some(Connection::new(Profile::linux(), self.local, secret));
    }

    fn arrive(&mut self, id: u32, at: Instant, seg: &Segment, next_sent: Option<&Segment>) {
        self.run_timers(at);
        if self.conn.is_none() && self.side == Side::Server && syn_only(seg.flags) {
            // The server's answer says whether a program listened.
            let refused = next_sent.is_some_and(|s| s.flags.contains(Flags::RST));
            let iss = next_sent.map_or(0, |s| s.seq);
            self.start(at, iss);
            if !refused {
                if let Some(c) = self.conn.as_mut() {
                    let _ = c.listen(at);
                }
                self.app(at, AppCall::Listen, None);
                self.drain(at);
            }
        }
        self.event(at, TraceEventKind::Arrived { id });
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        // The TSecr echoes the captured stack's clock: put it on the endpoint's.
        let mut seg = seg.clone();
        if let Some(delta) = self.ts_delta {
            for o in &mut seg.options {
                if let TcpOption::Timestamps { tsecr, .. } = o {
                    if *tsecr != 0 {
                        *tsecr = tsecr.wrapping_add(delta);
                    }
                }
            }
        }
        conn.handle_segment(at, self.remote.addr, &seg);
        let before = self.events.len();
        self.drain(at);
        let rejected = self
            .events
            .get(before..)
            .unwrap_or_default()
            .iter()
            .find_map(|e| match &e.kind {
                TraceEventKind::Core {
                    event: Event::SegmentRejected { reason, .. },
                    // A duplicate ACK is no rejection, and a closed port's answer (RST) is in
                    // the capture for all to see.
                } if !matches!(reason, RejectReason::DuplicateAck | RejectReason::Closed) => {
                    Some(*reason)
                }
                _ => None,
            });
        // A zero-window probe or keep-alive is out of the window by design (RFC 9293
        // §3.8.6.1: it elicits an ACK), at Linux as in the model: no note.
        let probe = seg.payload.is_empty() && !seg.flags.intersects(Flags::SYN | Flags::FIN);
        let rejected = rejected.filter(|r| !(probe && *r == RejectReason::OutOfWindow));
        // One note for a run of the same rejection.
        if rejected.is_some() && rejected != self.last_reject {
            let side = self.side;
            let note = match rejected {
                Some(RejectReason::AckOfUnsent) => Note::AheadOfModel { id, side },
                Some(reason) => Note::Rejected { id, side, reason },
                None => Note::NoHandshake,
            };
            self.notes.push((at.micros(), note));
        }
        self.last_reject = rejected;
        // Acknowledged bytes free the send buffer for what the program still writes.
        self.push(at);
        // The program reads what arrived at once.
        if let Some(conn) = self.conn.as_mut() {
            if conn.unread() > 0 {
                let n = conn.read(at, u32::MAX);
                self.app(at, AppCall::Read { bytes: n }, None);
                self.drain(at);
            }
        }
        self.snapshot(at);
    }

    fn send(&mut self, id: u32, at: Instant, seg: &Segment, burst: &[&Segment]) {
        self.run_timers(at);
        let f = seg.flags;
        if self.conn.is_none() && self.side == Side::Client && syn_only(f) {
            self.start(at, seg.seq);
            let remote = self.remote;
            let err = self
                .conn
                .as_mut()
                .and_then(|c| c.connect(at, remote).err())
                .map(|e| alloc::format!("{e}"));
            self.app(at, AppCall::Connect, err);
            self.drain(at);
        }
        if let Some(conn) = self.conn.as_ref() {
            self.iss = Some(conn.tcb().iss);
        }
        self.write(at, burst);
        self.application(at, seg);
        // The endpoint's segment that is this one: same sequence number, SYN/FIN/RST and length.
        let same = |m: &Segment| {
            m.seq == seg.seq
                && m.flags.bits() & CONTROL == f.bits() & CONTROL
                && m.payload.len() == seg.payload.len()
        };
        if self.model_retx.is_some_and(|(_, q)| q == seg.seq) {
            self.model_retx = None;
        }
        let found = self.pending.iter().position(|(m, _)| same(m));
        let end = seg.seq.wrapping_add(seg.seg_len());
        let is_retx = seg.seg_len() > 0 && self.sent_end.is_some_and(|e| seq_lt(seg.seq, e));
        let reason = match found {
            Some(i) => {
                let (m, reason) = self.pending.get(i).cloned().unwrap_or_default_pair(seg);
                if let (None, Some(mine), Some(theirs)) = (self.ts_delta, tsval(&m), tsval(seg)) {
                    self.ts_delta = Some(mine.wrapping_sub(theirs));
                }
                self.pending.drain(..=i);
                reason
            }
            // In loss recovery, with duplicate ACKs or SACK blocks in hand, a retransmission
            // the model did not make at that instant is a detail of recovery (which hole
            // first, PRR's pacing), not a retransmission without cause: no note.
            None if is_retx
                && self.conn.as_ref().is_some_and(|c| {
                    let t = c.tcb();
                    t.ca_state != CaState::Open || t.sacked > 0 || t.lost > 0
                }) =>
            {
                SendReason::FastRetransmit
            }
            None if is_retx && self.conn.is_some() => {
                // Linux arms one retransmission timer at a time: the RTO, or the loss probe's
                // PTO in its place (`tcp_schedule_loss_probe`); the model does the same.
                let rto_at = self.conn.as_ref().and_then(|c| {
                    c.timers()
                        .filter(|t| matches!(t.kind, TimerKind::Retransmit | TimerKind::LossProbe))
                        .map(|t| t.expires)
                        .min()
                });
                let last = self.sent_end == Some(end);
                let iss = self.iss.unwrap_or(0);
                match rto_at {
                    Some(rto) if rto > at => {
                        let note = if last && !f.contains(Flags::SYN) {
                            Note::TailLossProbe {
                                id,
                                side: self.side,
                            }
                        } else {
                            Note::EarlyRetransmission {
                                id,
                                side: self.side,
                                seq: seg.seq.wrapping_sub(iss),
                                early_us: rto.micros().saturating_sub(at.micros()),
                            }
                        };
                        let reason = if matches!(note, Note::TailLossProbe { .. }) {
                            SendReason::LossProbe
                        } else {
                            SendReason::Retransmission
                        };
                        self.notes.push((at.micros(), note));
                        reason
                    }
                    _ => SendReason::Retransmission,
                }
            }
            None => guess_reason(seg),
        };
        if self.sent_end.is_none_or(|e| seq_gt(end, e)) {
            self.sent_end = Some(end);
        }
        let state = self
            .conn
            .as_ref()
            .map_or_else(|| guess_state(seg), |c| c.state());
        self.sent.push((id, state, reason));
        self.event(at, TraceEventKind::Sent { id });
        self.snapshot(at);
    }

    /// The program's writes wait, as a blocked `send` would, until the endpoint's send
    /// buffer takes them (the capture shows what the real one took; the model's buffer may be
    /// smaller); then its `close`.
    fn push(&mut self, at: Instant) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        let mut moved = false;
        while !self.backlog.is_empty() {
            let (front, _) = self.backlog.as_slices();
            let n = conn.send(at, front).unwrap_or(0);
            if n == 0 {
                break;
            }
            self.backlog.drain(..n);
            moved = true;
        }
        if moved {
            self.drain(at);
        }
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if self.close_pending && self.backlog.is_empty() {
            self.close_pending = false;
            let (call, result) = if self.half_close {
                (AppCall::ShutdownWrite, conn.shutdown_write(at))
            } else {
                (AppCall::Close, conn.close(at))
            };
            let err = result.err().map(|e| alloc::format!("{e}"));
            self.app(at, call, err);
            self.drain(at);
        }
    }

    /// Whether `seg` carries bytes the program has not written yet.
    fn news(&self, seg: &Segment) -> bool {
        let end = seg.seq.wrapping_add(seg.payload.len() as u32);
        !seg.payload.is_empty() && !self.closed && self.app_end.is_none_or(|e| seq_gt(end, e))
    }

    /// The program's write of the bytes of `segs` it has not written yet, in one `send` call:
    /// a burst the capture shows leaving before anything from the peer could have asked for
    /// more (so a bulk sender's model is not starved between segments, which would keep its
    /// congestion window from growing as Linux's grows, `tcp_is_cwnd_limited`).
    fn write(&mut self, at: Instant, segs: &[&Segment]) {
        let Some(conn) = self.conn.as_ref() else {
            return;
        };
        if self.aborted || self.closed {
            return;
        }
        let before = self.backlog.len();
        let mut start = *self.app_end.get_or_insert(conn.tcb().iss.wrapping_add(1));
        for seg in segs {
            let end = seg.seq.wrapping_add(seg.payload.len() as u32);
            if seg.payload.is_empty() || !seq_gt(end, start) {
                continue;
            }
            if seq_gt(seg.seq, start) {
                // Bytes the capture never showed: the endpoint gets zeros in their place.
                let gap = seg.seq.wrapping_sub(start) as usize;
                let len = self.backlog.len();
                self.backlog.resize(len.saturating_add(gap.min(1 << 24)), 0);
                self.backlog.extend(seg.payload.iter().copied());
            } else {
                let skip = start.wrapping_sub(seg.seq) as usize;
                self.backlog
                    .extend(seg.payload.get(skip..).unwrap_or_default().iter().copied());
            }
            start = end;
        }
        // A FIN riding on the burst's data: the program closed right after writing (else
        // the endpoint would send the last bytes without it, and its FIN alone later).
        if segs
            .iter()
            .any(|s| s.flags.contains(Flags::FIN) && !s.payload.is_empty())
        {
            self.closed = true;
            self.close_pending = true;
        }
        let n = self.backlog.len().saturating_sub(before);
        if n == 0 {
            return;
        }
        self.app_end = Some(start);
        let written: Vec<u8> = self.backlog.range(before..).copied().collect();
        let text = core::str::from_utf8(&written)
            .map(SendData::from)
            .unwrap_or_else(|_| SendData::filler(n as u32));
        self.app(at, AppCall::Send { data: text }, None);
    }

    /// What the application must have done for the endpoint to send `seg`: the data (already
    /// written by [`Observer::write`]), the close, the abort.
    fn application(&mut self, at: Instant, seg: &Segment) {
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if self.aborted {
            return;
        }
        let f = seg.flags;
        let _ = conn;
        if f.contains(Flags::FIN) && !self.closed && !f.contains(Flags::SYN) {
            self.closed = true;
            self.close_pending = true;
        }
        self.push(at);
        let Some(conn) = self.conn.as_mut() else {
            return;
        };
        if f.contains(Flags::RST)
            && !f.contains(Flags::FIN)
            && !self
                .pending
                .iter()
                .any(|(m, _)| m.flags.contains(Flags::RST))
            && !matches!(conn.state(), State::Closed | State::Listen)
        {
            self.aborted = true;
            self.backlog.clear();
            let err = conn.abort(at).err().map(|e| alloc::format!("{e}"));
            self.app(at, AppCall::Abort, err);
            self.drain(at);
        }
    }
}

trait PairOr {
    fn unwrap_or_default_pair(self, seg: &Segment) -> (Segment, SendReason);
}

impl PairOr for Option<(Segment, SendReason)> {
    fn unwrap_or_default_pair(self, seg: &Segment) -> (Segment, SendReason) {
        self.unwrap_or_else(|| (seg.clone(), guess_reason(seg)))
    }
}

/// Reads one connection's timed segments with the model.
pub(crate) fn observe(
    segs: Segments<'_>,
    conn: &CapturedConnection,
    options: &Options,
) -> CaptureTrace {
    let Segments { mut segs, timing } = segs;
    segs.sort_by_key(|s| s.sent_ns);
    let origin = segs
        .iter()
        .flat_map(|s| [Some(s.sent_ns), s.arrived_ns])
        .flatten()
        .min()
        .unwrap_or(0);
    let us = |ns: u64| Instant(ns.saturating_sub(origin) / 1000);
    let (client_ep, server_ep) = endpoints(conn);
    let parsed: Vec<Segment> = segs
        .iter()
        .map(|s| s.packet.segment().unwrap_or_default())
        .collect();

    // The segments as the trace's records (state and reason filled in below).
    let mut count = [0u32; 2];
    let mut records: Vec<SegmentRecord> = Vec::with_capacity(segs.len());
    let mut notes: Vec<(u64, Note)> = Vec::new();
    for (i, (s, seg)) in segs.iter().zip(&parsed).enumerate() {
        let nth = count.get(s.from.index()).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(s.from.index()) {
            *c += 1;
        }
        let sent_at = us(s.sent_ns);
        let fate = match s.arrived_ns {
            Some(a) => Fate::Arrived { at: us(a) },
            None => {
                let (id, side) = (i as u32, s.from);
                let note = if s.inferred {
                    Note::LossInferred { id, side }
                } else {
                    Note::Lost { id, side }
                };
                notes.push((sent_at.micros(), note));
                Fate::Lost {
                    at: sent_at,
                    cause: LossCause::Random,
                }
            }
        };
        records.push(SegmentRecord {
            id: i as u32,
            from: s.from,
            sent_at,
            sender_state: guess_state(seg),
            reason: guess_reason(seg),
            // Moved in from `parsed` once the observers are done with it.
            segment: Segment::default(),
            hex: Hex::from_bytes(s.packet.tcp.clone()),
            fate,
            duplicate_of: None,
            nth_from_side: nth,
            injected: false,
        });
    }
    // A loss's arrow ends half-way: the time it would have arrived, halved.
    let one_way = match timing {
        Timing::Estimated { one_way_us, .. } => one_way_us,
        Timing::Exact => records
            .iter()
            .filter_map(|r| match r.fate {
                Fate::Arrived { at } => Some(at.micros().saturating_sub(r.sent_at.micros())),
                _ => None,
            })
            .min()
            .unwrap_or(0),
    };
    for r in &mut records {
        if let Fate::Lost { at, .. } = &mut r.fate {
            *at = Instant(r.sent_at.micros().saturating_add(one_way / 2));
        }
    }
    gaps(&segs, &parsed, &mut notes, &records);

    // Each side's inputs, in its time order (an arrival before a send at the same instant).
    let mut obs = [
        Observer::new(Side::Client, client_ep, server_ep),
        Observer::new(Side::Server, server_ep, client_ep),
    ];
    for o in &mut obs {
        let side = o.side;
        let mut inputs: Vec<(u64, u8, Input)> = Vec::new();
        for (i, s) in segs.iter().enumerate() {
            if s.from == side {
                inputs.push((s.sent_ns, 1, Input::Send(i as u32)));
            } else if let Some(a) = s.arrived_ns {
                inputs.push((a, 0, Input::Arrive(i as u32)));
            }
        }
        inputs.sort_by_key(|(t, k, _)| (*t, *k));
        for (k, (t, _, input)) in inputs.iter().enumerate() {
            match *input {
                Input::Arrive(id) => {
                    // The side's next own segment (a listener's answer).
                    let next = inputs.get(k + 1..).unwrap_or_default().iter().find_map(
                        |(_, _, x)| match x {
                            Input::Send(j) => parsed.get(*j as usize),
                            Input::Arrive(_) => None,
                        },
                    );
                    if let Some(seg) = parsed.get(id as usize) {
                        o.arrive(id, us(*t), seg, next);
                    }
                }
                Input::Send(id) => {
                    let Some(seg) = parsed.get(id as usize) else {
                        continue;
                    };
                    // New bytes: this side's sends up to the next data, FIN or SYN it receives.
                    let mut burst: Vec<&Segment> = Vec::new();
                    if o.news(seg) {
                        for (_, _, x) in inputs.get(k..).unwrap_or_default() {
                            match *x {
                                Input::Send(j) => burst.extend(parsed.get(j as usize)),
                                Input::Arrive(j) => {
                                    let asks = parsed.get(j as usize).is_some_and(|p| {
                                        !p.payload.is_empty()
                                            || p.flags.intersects(Flags::FIN | Flags::SYN)
                                    });
                                    if asks {
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    // A FIN after which this side still takes the peer's data without a
                    // reset is a shutdown(SHUT_WR): a closed socket would answer it with RST
                    // (Linux `tcp_rcv_state_process`, data after close).
                    if seg.flags.contains(Flags::FIN) && !o.closed {
                        let later = inputs.get(k..).unwrap_or_default();
                        let data_after = later.iter().any(|(_, _, x)| {
                            matches!(x, Input::Arrive(j)
                                if parsed.get(*j as usize).is_some_and(|p| !p.payload.is_empty()))
                        });
                        let resets = later.iter().any(|(_, _, x)| {
                            matches!(x, Input::Send(j)
                                if parsed.get(*j as usize).is_some_and(|p| p.flags.contains(Flags::RST)))
                        });
                        o.half_close = data_after && !resets;
                    }
                    o.send(id, us(*t), seg, &burst);
                }
            }
        }
    }
    for o in &mut obs {
        o.flush_model_retx();
    }
    if obs.iter().all(|o| o.conn.is_none()) && !records.is_empty() {
        notes.push((0, Note::NoHandshake));
    }
    if let Timing::Estimated {
        captured_at,
        one_way_us,
    } = timing
    {
        notes.insert(
            0,
            (
                0,
                Note::TimesEstimated {
                    captured_at,
                    one_way_us,
                },
            ),
        );
    }
    for (r, seg) in records.iter_mut().zip(parsed) {
        r.segment = seg;
    }
    let mut events: Vec<TraceEvent> = Vec::new();
    let mut snapshots: Vec<Snapshot> = Vec::new();
    let mut final_states = [State::Closed; 2];
    for o in &mut obs {
        for (id, state, reason) in o.sent.drain(..) {
            if let Some(r) = records.get_mut(id as usize) {
                r.sender_state = state;
                r.reason = reason;
            }
        }
        if let Some(fs) = final_states.get_mut(o.side.index()) {
            *fs = o.conn.as_ref().map_or(State::Closed, |c| c.state());
        }
        events.append(&mut o.events);
        snapshots.append(&mut o.snapshots);
        notes.append(&mut o.notes);
    }
    // Both sides' events in one time order (stable: each side keeps its own order).
    events.sort_by_key(|e| e.at);
    snapshots.sort_by_key(|s| s.at);
    notes.sort_by_key(|(t, _)| *t);
    let end = records
        .iter()
        .flat_map(|r| match r.fate {
            Fate::Arrived { at } | Fate::Lost { at, .. } => [r.sent_at, at],
            Fate::InFlight => [r.sent_at, r.sent_at],
        })
        .chain(events.iter().map(|e| e.at))
        .max()
        .unwrap_or(Instant::ZERO);
    let t0 = records
        .iter()
        .find(|r| r.from == Side::Client && syn_only(r.segment.flags))
        .map_or(Instant::ZERO, |r| r.sent_at);
    let profile = |side: Side| {
        String::from(match timing {
            Timing::Estimated { captured_at, .. } if captured_at != side => {
                "capture (times estimated)"
            }
            _ => "capture",
        })
    };
    let frames = segs.iter().map(|s: &Timed<'_>| s.packet.frame).collect();
    CaptureTrace {
        trace: Trace {
            version: 1,
            scenario: options.name.clone(),
            seed: 0,
            client: Host {
                endpoint: client_ep,
                profile: profile(Side::Client),
            },
            server: Host {
                endpoint: server_ep,
                profile: profile(Side::Server),
            },
            segments: records,
            events,
            snapshots,
            end,
            final_states,
            t0,
            stop: StopReason::Quiet,
        },
        notes: notes.into_iter().map(|(_, n)| n).collect(),
        timing,
        frames,
    }
}

/// Sequence space a sender used that the capture never shows: a segment that starts past
/// everything seen from its sender so far.
fn gaps(
    segs: &[Timed<'_>],
    parsed: &[Segment],
    notes: &mut Vec<(u64, Note)>,
    records: &[SegmentRecord],
) {
    let mut end: [Option<u32>; 2] = [None, None];
    let mut iss: [Option<u32>; 2] = [None, None];
    for (i, (s, seg)) in segs.iter().zip(parsed).enumerate() {
        let k = s.from.index();
        if seg.flags.contains(Flags::SYN) {
            if let Some(x) = iss.get_mut(k) {
                *x = Some(seg.seq);
            }
        }
        if seg.flags.contains(Flags::RST) {
            continue;
        }
        let seg_end = seg.seq.wrapping_add(seg.seg_len());
        let Some(e) = end.get_mut(k) else {
            continue;
        };
        if let Some(prev) = *e {
            if seg.seg_len() > 0 && seq_gt(seg.seq, prev) {
                let base = iss.get(k).copied().flatten().unwrap_or(0);
                let at = records.get(i).map_or(0, |r| r.sent_at.micros());
                notes.push((
                    at,
                    Note::Missing {
                        id: i as u32,
                        side: s.from,
                        from: prev.wrapping_sub(base),
                        to: seg.seq.wrapping_sub(base),
                    },
                ));
            }
            if seq_gt(seg_end, prev) {
                *e = Some(seg_end);
            }
        } else {
            *e = Some(seg_end);
        }
    }
}
