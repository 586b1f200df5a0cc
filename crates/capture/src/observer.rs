//! One side's observer: a synack-core endpoint that is told what the capture shows its side
//! received and sent, and asked what it makes of it (see observe.rs and docs/CAPTURES.md).

use crate::note::Note;
use crate::syn_only;
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::seq::{seq_gt, seq_lt};
use synack_core::{
    CaState, Connection, Endpoint, Event, Flags, Instant, Profile, RejectReason, Segment,
    SendReason, State, TcpOption, TimerKind,
};
use synack_sim::{AppCall, SendData, Side, Snapshot, TraceEvent, TraceEventKind};

/// SYN, FIN and RST: what a segment must share with the endpoint's to be the same one.
const CONTROL: u8 = 0x07;

fn tsval(s: &Segment) -> Option<u32> {
    s.timestamps().map(|(v, _)| v)
}

/// One input of a side, in its time order.
#[derive(Clone, Copy)]
pub(crate) enum Input {
    Arrive(u32),
    Send(u32),
}

/// What one side's observer found.
pub(crate) struct Observer {
    pub(crate) side: Side,
    pub(crate) local: Endpoint,
    pub(crate) remote: Endpoint,
    pub(crate) conn: Option<Connection>,
    /// Sequence number up to which the application's data was handed to the endpoint.
    pub(crate) app_end: Option<u32>,
    pub(crate) closed: bool,
    pub(crate) aborted: bool,
    /// The endpoint's own segments not yet matched with a captured one.
    pub(crate) pending: VecDeque<(Segment, SendReason)>,
    /// The endpoint's TSval minus the captured stack's (to translate echoed TSecr).
    pub(crate) ts_delta: Option<u32>,
    /// The highest sequence number + length this side was seen sending.
    pub(crate) sent_end: Option<u32>,
    pub(crate) iss: Option<u32>,
    pub(crate) events: Vec<TraceEvent>,
    pub(crate) snapshots: Vec<Snapshot>,
    pub(crate) notes: Vec<(u64, Note)>,
    /// The sender's state and reason for each of this side's segments.
    pub(crate) sent: Vec<(u32, State, SendReason)>,
    /// The endpoint's last timeout retransmission (when, which sequence number), until the
    /// capture shows the same one or the endpoint retransmits again.
    pub(crate) model_retx: Option<(Instant, u32)>,
    /// The last arrival's rejection, if it was rejected (a run of the same one is one note).
    pub(crate) last_reject: Option<RejectReason>,
    /// Bytes the program wrote that the endpoint's send buffer has not taken yet.
    pub(crate) backlog: VecDeque<u8>,
    /// The program closed after writing `backlog`.
    pub(crate) close_pending: bool,
    /// Its FIN is a `shutdown(SHUT_WR)`, not a `close`: it goes on taking the peer's data.
    pub(crate) half_close: bool,
}

impl Observer {
    pub(crate) fn new(side: Side, local: Endpoint, remote: Endpoint) -> Observer {
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
    pub(crate) fn flush_model_retx(&mut self) {
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

    pub(crate) fn event(&mut self, at: Instant, kind: TraceEventKind) {
        self.events.push(TraceEvent {
            at,
            side: self.side,
            kind,
        });
    }

    pub(crate) fn app(&mut self, at: Instant, call: AppCall, error: Option<String>) {
        self.event(at, TraceEventKind::App { call, error });
    }

    /// Everything the endpoint has to say after an input: its events into the trace (but not
    /// those of segments it sent itself, which stay off the wire), its segments to `pending`.
    pub(crate) fn drain(&mut self, at: Instant) {
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
            let reason = reasons
                .pop_front()
                .unwrap_or_else(|| synack_sim::reason_from_flags(&seg));
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

    pub(crate) fn snapshot(&mut self, at: Instant) {
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
    pub(crate) fn run_timers(&mut self, now: Instant) {
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
    pub(crate) fn start(&mut self, now: Instant, iss: u32) {
        let secret = iss.wrapping_sub((now.micros() / 4) as u32);
        self.conn = Some(Connection::new(Profile::linux(), self.local, secret));
    }

    pub(crate) fn arrive(
        &mut self,
        id: u32,
        at: Instant,
        seg: &Segment,
        next_sent: Option<&Segment>,
    ) {
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

    pub(crate) fn send(&mut self, id: u32, at: Instant, seg: &Segment, burst: &[&Segment]) {
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
            None => synack_sim::reason_from_flags(seg),
        };
        if self.sent_end.is_none_or(|e| seq_gt(end, e)) {
            self.sent_end = Some(end);
        }
        let state = self
            .conn
            .as_ref()
            .map_or_else(|| synack_sim::state_from_flags(seg), |c| c.state());
        self.sent.push((id, state, reason));
        self.event(at, TraceEventKind::Sent { id });
        self.snapshot(at);
    }

    /// The program's writes wait, as a blocked `send` would, until the endpoint's send
    /// buffer takes them (the capture shows what the real one took; the model's buffer may be
    /// smaller); then its `close`.
    pub(crate) fn push(&mut self, at: Instant) {
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
    pub(crate) fn news(&self, seg: &Segment) -> bool {
        let end = seg.seq.wrapping_add(seg.payload.len() as u32);
        !seg.payload.is_empty() && !self.closed && self.app_end.is_none_or(|e| seq_gt(end, e))
    }

    /// The program's write of the bytes of `segs` it has not written yet, in one `send` call:
    /// a burst the capture shows leaving before anything from the peer could have asked for
    /// more (so a bulk sender's model is not starved between segments, which would keep its
    /// congestion window from growing as Linux's grows, `tcp_is_cwnd_limited`).
    pub(crate) fn write(&mut self, at: Instant, segs: &[&Segment]) {
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
    pub(crate) fn application(&mut self, at: Instant, seg: &Segment) {
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
        self.unwrap_or_else(|| (seg.clone(), synack_sim::reason_from_flags(seg)))
    }
}
