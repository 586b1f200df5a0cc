//! Telling one step in words: a sentence per thing that happened (state changes ride on the
//! sentence of the same side as ", and enters SYN-SENT"), then the whys attached to it.

use super::clause::{arg, Args, Clause};
use super::told::Told;
use super::{render, side_name, text, Key};
use crate::labels::{data_preview, segment_summary};
use crate::steps::{Step, Steps};
use crate::timeline::Timeline;
use crate::transit::is_pure_ack;
use crate::whys::Why;
use crate::{fmt, Lang, SeqMode};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Cause, Event, Flags, Instant, RejectReason, SendReason, State, TimerKind};
use synack_sim::{AppCall, Fate, LossCause, SegmentRecord, Side, Trace, TraceEventKind};

/// One explanation, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhyText {
    pub why: Why,
    pub title: String,
    pub body: String,
}

/// A step told in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StepText {
    pub at: Instant,
    /// One sentence per thing that happened, in order, each with its full stop.
    pub sentences: Vec<String>,
    /// The sentences joined (a space between English sentences, none between Chinese).
    pub text: String,
    pub whys: Vec<WhyText>,
}

impl StepText {
    /// The text shortened for a page to draw at once: the first sentences while they fit in
    /// `max` bytes (at least one), `… (+N) …` for the N left out, and the last sentence. A
    /// step of a long transfer tells of hundreds of segments, 100 kB of text whose layout
    /// cost a seek more than the rest of the page (`bulk-transfer`); `sentences` keeps them all.
    /// For a step not told yet, [`super::Told::brief`] gives the same text without rendering
    /// the sentences it leaves out (the web page's narration uses that one).
    pub fn brief(&self, max: usize) -> alloc::borrow::Cow<'_, str> {
        use alloc::borrow::Cow;
        let n = self.sentences.len();
        if self.text.len() <= max || n < 3 {
            return Cow::Borrowed(&self.text);
        }
        let head = super::told::head(self.sentences.iter().map(String::as_str), n, max);
        if head + 1 >= n {
            return Cow::Borrowed(&self.text);
        }
        Cow::Owned(super::told::shortened(
            self.sentences.get(..head).unwrap_or_default(),
            n,
            self.sentences.last().map_or("", String::as_str),
        ))
    }
}

/// The step `index` of `steps` told in `lang`; sequence numbers shown per `mode`. An index
/// out of range gives an empty text.
pub fn narrate_step(
    trace: &Trace,
    steps: &Steps,
    timeline: &Timeline,
    index: usize,
    lang: Lang,
    mode: SeqMode,
) -> StepText {
    Told::new(trace, steps, timeline, index, lang, mode).into_text()
}

/// The clauses of `step`, one per sentence, their arguments not yet written out.
pub(super) fn clauses<'a>(cx: &Cx<'a>, step: &'a Step) -> Vec<Clause<'a>> {
    let (trace, lang) = (cx.trace, cx.lang);
    let mut clauses: Vec<Clause> = Vec::new();
    // How many state changes each side has told in this step (first: ", and enters").
    let mut told_changes = [0usize; 2];
    for &ei in &step.events {
        let Some(e) = trace.events.get(ei as usize) else {
            continue;
        };
        let side = e.side;
        match &e.kind {
            TraceEventKind::App { call, error } => {
                let mut c = cx.app_clause(side, call);
                if let Some(err) = error {
                    let err = call_error(err, lang);
                    c.tails
                        .push((Key::AppErrorTail, alloc::vec![arg("error", &err)]));
                }
                clauses.push(c);
            }
            TraceEventKind::Sent { id } => {
                if let Some(r) = trace.segments.get(*id as usize) {
                    clauses.push(cx.send_clause(r, step.events.as_slice()));
                }
            }
            TraceEventKind::Arrived { id } => {
                if let Some(r) = trace.segments.get(*id as usize) {
                    let transit = match r.fate {
                        Fate::Arrived { at } => at.0.saturating_sub(r.sent_at.0),
                        // The fate records no arrival: the transit is up to this event.
                        Fate::Lost { .. } | Fate::InFlight => e.at.0.saturating_sub(r.sent_at.0),
                    };
                    clauses.push(Clause::lazy(
                        Some(side),
                        Key::Receive,
                        Args::Arrived { r, transit },
                    ));
                }
            }
            TraceEventKind::Core { event } => match event {
                Event::StateChanged { to, cause, .. } => {
                    let n = told_changes.get(side.index()).copied().unwrap_or(0);
                    let state = arg("state", to.rfc_name());
                    // Ride on the sentence of what caused it (the call, the arrival, the
                    // timer), else on the side's last sentence of this step.
                    let causes = cause_keys(*cause);
                    let host = clauses
                        .iter()
                        .rposition(|c| c.side == Some(side) && causes.contains(&c.key))
                        .or_else(|| clauses.iter().rposition(|c| c.side == Some(side)));
                    match host.and_then(|i| clauses.get_mut(i)) {
                        Some(c) => {
                            let k = if n == 0 {
                                Key::EntersTail
                            } else {
                                Key::ThenTail
                            };
                            c.tails.push((k, alloc::vec![state]));
                        }
                        None => {
                            clauses.push(Clause::new(Some(side), Key::Enters, alloc::vec![state]))
                        }
                    }
                    if let Some(slot) = told_changes.get_mut(side.index()) {
                        *slot += 1;
                    }
                }
                Event::SegmentRejected { reason, .. } => {
                    if let Some(c) = clauses
                        .iter_mut()
                        .rev()
                        .find(|c| c.side == Some(side) && c.key == Key::Receive)
                    {
                        let why = super::reject_text(*reason, lang);
                        c.tails
                            .push((Key::RejectTail, alloc::vec![arg("reason", why)]));
                    }
                }
                Event::TimerFired { timer } => {
                    let key = match timer {
                        TimerKind::Retransmit => Key::FiredRetx,
                        TimerKind::DelayedAck => Key::FiredDelAck,
                        TimerKind::TimeWait => Key::FiredTimeWait,
                        TimerKind::FinWait2 => Key::FiredFinWait2,
                        TimerKind::Persist => Key::FiredPersist,
                        TimerKind::Keepalive => Key::FiredKeepalive,
                        TimerKind::LossProbe => Key::FiredLossProbe,
                        TimerKind::ReorderWait => Key::FiredReorderWait,
                    };
                    clauses.push(Clause::new(Some(side), key, Vec::new()));
                }
                Event::DataReceived { data } => clauses.push(Clause::lazy(
                    Some(side),
                    Key::DataReceived,
                    Args::Data(data),
                )),
                Event::Reset { .. } => {
                    clauses.push(Clause::new(Some(side), Key::Reset, Vec::new()))
                }
                Event::Refused => clauses.push(Clause::new(Some(side), Key::Refused, Vec::new())),
                Event::TimedOut { in_state } => clauses.push(Clause::new(
                    Some(side),
                    Key::TimedOut,
                    alloc::vec![arg("state", in_state.rfc_name())],
                )),
                // Told by the segments, timer bars and state bands they go with (the sent
                // segment's own sentence, the arrival's, the timer's expiry), or shown in the
                // picture only (the TCB rows, the sender's limit): no sentence of their own.
                Event::SegmentSent { .. }
                | Event::SegmentAccepted { .. }
                | Event::TimerArmed { .. }
                | Event::TimerCancelled { .. }
                | Event::Retransmission { .. }
                | Event::RttSample { .. }
                | Event::Connected
                | Event::DataAcked { .. }
                | Event::Eof
                | Event::Closed
                | Event::SendBlocked { .. }
                | Event::CaStateChanged { .. } => {}
            },
        }
    }
    for &id in &step.injected {
        if let Some(r) = trace.segments.get(id as usize) {
            clauses.push(Clause::new(
                None,
                Key::Injected,
                alloc::vec![
                    arg("what", cx.summary(r)),
                    arg("side", side_name(r.from, false, lang)),
                ],
            ));
        }
    }
    for &id in &step.lost {
        if let Some(r) = trace.segments.get(id as usize) {
            let what = cx.summary(r);
            // A captured loss says what the capture shows, not the simulator's "in the network".
            let key = match r.fate {
                Fate::Lost {
                    cause: LossCause::Unseen,
                    ..
                } => Key::LostUnseen,
                Fate::Lost {
                    cause: LossCause::Inferred,
                    ..
                } => Key::LostInferred,
                Fate::Lost {
                    cause:
                        LossCause::Random | LossCause::Scripted | LossCause::User | LossCause::Queue,
                    ..
                }
                | Fate::Arrived { .. }
                | Fate::InFlight => Key::Lost,
            };
            clauses.push(Clause::new(
                None,
                key,
                alloc::vec![
                    arg("What", what.clone()),
                    arg("what", what),
                    arg("side", side_name(r.from, false, lang)),
                ],
            ));
        }
    }

    clauses
}

/// The clauses that can tell the cause of a state change.
fn cause_keys(cause: Cause) -> &'static [Key] {
    match cause {
        Cause::Listen | Cause::Connect | Cause::Close | Cause::Abort => &[
            Key::AppListen,
            Key::AppConnect,
            Key::AppClose,
            Key::AppAbort,
            Key::AppShutdown,
            Key::AppCrash,
        ],
        Cause::Timeout(_) | Cause::RetriesExhausted => &[
            Key::FiredRetx,
            Key::FiredDelAck,
            Key::FiredTimeWait,
            Key::FiredFinWait2,
            Key::FiredPersist,
            Key::FiredKeepalive,
            Key::FiredLossProbe,
            Key::FiredReorderWait,
            Key::TimedOut,
        ],
        Cause::SndSynAck => &[Key::SendSynAck],
        Cause::RcvSyn
        | Cause::RcvSynAck
        | Cause::RcvAckOfSyn
        | Cause::RcvFin
        | Cause::RcvAckOfFin
        | Cause::RcvFinAckOfFin
        | Cause::RcvRst
        | Cause::RcvRstReturnToListen
        | Cause::DataAfterClose => &[Key::Receive],
    }
}

/// A socket option as a program writes it: `TCP_NODELAY = 1`, `SO_RCVBUF = 2048` (the value
/// the program passed; Linux stores buffer sizes doubled).
fn sockopt_text(opt: &synack_core::SockOpt) -> String {
    use synack_core::SockOpt as O;
    let secs = |d: &core::time::Duration| {
        crate::fmt::duration(u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
    };
    match opt {
        O::NoDelay(on) => alloc::format!("TCP_NODELAY = {}", u8::from(*on)),
        O::KeepAlive(on) => alloc::format!("SO_KEEPALIVE = {}", u8::from(*on)),
        O::KeepIdle(d) => alloc::format!("TCP_KEEPIDLE = {}", secs(d)),
        O::KeepIntvl(d) => alloc::format!("TCP_KEEPINTVL = {}", secs(d)),
        O::KeepCnt(n) => alloc::format!("TCP_KEEPCNT = {n}"),
        O::Congestion(k) => alloc::format!(
            "TCP_CONGESTION = {}",
            match k {
                synack_core::CongestionKind::Cubic => "cubic",
                synack_core::CongestionKind::Reno => "reno",
            }
        ),
        O::SndBuf(n) => alloc::format!("SO_SNDBUF = {n}"),
        O::RcvBuf(n) => alloc::format!("SO_RCVBUF = {n}"),
        O::RcvLowat(n) => alloc::format!("SO_RCVLOWAT = {n}"),
    }
}

/// The sentence of a segment sent by loss recovery or a probe timer, whatever it carries.
fn recovery_key(r: SendReason) -> Option<Key> {
    Some(match r {
        SendReason::FastRetransmit => Key::SendFastRetx,
        SendReason::RackRetransmit => Key::SendRackRetx,
        SendReason::LossProbe => Key::SendLossProbe,
        SendReason::WindowProbe => Key::SendWindowProbe,
        SendReason::KeepaliveProbe => Key::SendKeepalive,
        SendReason::Syn
        | SendReason::SynAck
        | SendReason::HandshakeAck
        | SendReason::Data
        | SendReason::Fin
        | SendReason::Ack
        | SendReason::DupAck
        | SendReason::OutOfOrderAck
        | SendReason::ChallengeAck
        | SendReason::Reset
        | SendReason::Abort
        | SendReason::Retransmission
        | SendReason::WindowUpdate
        | SendReason::DSack => return None,
    })
}

/// Why a segment was rejected: one key per reason.
pub(super) fn reject_key(r: RejectReason) -> Key {
    match r {
        RejectReason::OutOfWindow => Key::RejOutOfWindow,
        RejectReason::RstOutOfWindow => Key::RejRstOutOfWindow,
        RejectReason::RstChallenge => Key::RejRstChallenge,
        RejectReason::SynChallenge => Key::RejSynChallenge,
        RejectReason::AckOfUnsent => Key::RejAckOfUnsent,
        RejectReason::BadAckInHandshake => Key::RejBadAckInHandshake,
        RejectReason::NoAck => Key::RejNoAck,
        RejectReason::Closed => Key::RejClosed,
        RejectReason::NotSyn => Key::RejNotSyn,
        RejectReason::WrongPorts => Key::RejWrongPorts,
        RejectReason::DuplicateAck => Key::RejDuplicateAck,
        RejectReason::AckTooOld => Key::RejAckTooOld,
        RejectReason::DataAfterClose => Key::RejDataAfterClose,
        RejectReason::BufferFull => Key::RejBufferFull,
    }
}

/// What telling a step reads: the trace, its timeline, the numbering and the language.
#[derive(Clone, Copy)]
pub(super) struct Cx<'a> {
    pub(super) trace: &'a Trace,
    pub(super) tl: &'a Timeline,
    pub(super) mode: SeqMode,
    pub(super) lang: Lang,
}

impl<'a> Cx<'a> {
    pub(super) fn summary(&self, r: &SegmentRecord) -> String {
        segment_summary(r, self.tl, self.mode, self.lang)
    }

    fn app_clause(&self, side: Side, call: &AppCall) -> Clause<'a> {
        let (key, args) = match call {
            AppCall::Listen => (Key::AppListen, Vec::new()),
            AppCall::Connect => (Key::AppConnect, Vec::new()),
            AppCall::Send { data } => (
                Key::AppSend,
                alloc::vec![
                    arg("data", data_preview(data.as_bytes())),
                    arg("n", data.len())
                ],
            ),
            AppCall::ShutdownWrite => (Key::AppShutdown, Vec::new()),
            AppCall::Close => (Key::AppClose, Vec::new()),
            AppCall::Abort => (Key::AppAbort, Vec::new()),
            AppCall::Crash => (Key::AppCrash, Vec::new()),
            AppCall::SetOption { opt } => (
                Key::AppSetOption,
                alloc::vec![arg("opt", sockopt_text(opt))],
            ),
            AppCall::Read { bytes } => (Key::AppRead, alloc::vec![arg("n", bytes)]),
        };
        Clause::new(Some(side), key, args)
    }

    fn send_clause(&self, r: &'a SegmentRecord, step_events: &[u32]) -> Clause<'a> {
        let s = &r.segment;
        let f = s.flags;
        let side = r.from;
        let mut retx = None;
        let mut tails = Vec::new();
        let key = if f.contains(Flags::RST) {
            match r.reason {
                SendReason::Abort => Key::SendAbortRst,
                SendReason::Reset if f.contains(Flags::ACK) => Key::SendRstReply,
                SendReason::Reset => Key::SendRstReplyNoAck,
                // A RST sent for any other reason (none does today) is still a reset.
                SendReason::Syn
                | SendReason::SynAck
                | SendReason::HandshakeAck
                | SendReason::Data
                | SendReason::Fin
                | SendReason::Ack
                | SendReason::DupAck
                | SendReason::OutOfOrderAck
                | SendReason::ChallengeAck
                | SendReason::Retransmission
                | SendReason::FastRetransmit
                | SendReason::RackRetransmit
                | SendReason::LossProbe
                | SendReason::WindowProbe
                | SendReason::WindowUpdate
                | SendReason::KeepaliveProbe
                | SendReason::DSack => Key::SendRst,
            }
        } else if let Some(k) = recovery_key(r.reason) {
            k
        } else if r.reason == SendReason::Retransmission {
            match self.retransmission(side, s.seq, step_events) {
                Some((attempt, rto)) => {
                    retx = Some((attempt, rto));
                    let before = self.previous_rto(side, step_events);
                    if before.is_some_and(|b| rto >= b.saturating_mul(2)) {
                        Key::SendRetx
                    } else {
                        Key::SendRetxKeep
                    }
                }
                None => Key::SendRetxNoRto,
            }
        } else if f.contains(Flags::SYN) {
            if f.contains(Flags::ACK) {
                Key::SendSynAck
            } else {
                Key::SendSyn
            }
        } else if f.contains(Flags::FIN) {
            if !s.payload.is_empty() {
                tails.push((Key::LenTail, alloc::vec![arg("len", s.payload.len())]));
            }
            if self.fin_acks_peer_fin(r) {
                Key::SendFinMerged
            } else {
                Key::SendFin
            }
        } else if !s.payload.is_empty() {
            Key::SendData
        } else {
            match r.reason {
                SendReason::DupAck => Key::SendDupAck,
                SendReason::OutOfOrderAck => Key::SendOooAck,
                SendReason::DSack => Key::SendDSack,
                SendReason::WindowUpdate => Key::SendWindowUpdate,
                SendReason::ChallengeAck => Key::SendChallengeAck,
                SendReason::HandshakeAck => Key::SendHandshakeAck,
                // No data, SYN, FIN or RST, and not one of the ACKs above: an ordinary ACK, or
                // a segment with other flags (URG, or none), told by its flags.
                SendReason::Syn
                | SendReason::SynAck
                | SendReason::Data
                | SendReason::Fin
                | SendReason::Ack
                | SendReason::Reset
                | SendReason::Abort
                | SendReason::Retransmission
                | SendReason::FastRetransmit
                | SendReason::RackRetransmit
                | SendReason::LossProbe
                | SendReason::WindowProbe
                | SendReason::KeepaliveProbe => {
                    if is_pure_ack(r) {
                        Key::SendAck
                    } else {
                        Key::SendOther
                    }
                }
            }
        };
        // The first SYN of a side reveals its ISN.
        if f.contains(Flags::SYN) && *crate::timeline::of(&self.tl.first_syn, side) == Some(r.id) {
            match self.mode {
                SeqMode::Relative => {
                    tails.insert(0, (Key::IsnRelTail, alloc::vec![arg("isn", s.seq)]))
                }
                SeqMode::Absolute => tails.insert(0, (Key::IsnAbsTail, Vec::new())),
            }
        }
        let mut c = Clause::lazy(Some(side), key, Args::Sent { r, retx });
        c.tails = tails;
        c
    }

    /// (attempt, new RTO in µs) from the `Retransmission` event of this step.
    fn retransmission(&self, side: Side, seq: u32, step_events: &[u32]) -> Option<(u8, u64)> {
        step_events.iter().find_map(|&i| {
            let e = self.trace.events.get(i as usize)?;
            match &e.kind {
                TraceEventKind::Core {
                    event:
                        Event::Retransmission {
                            seq: s,
                            attempt,
                            rto,
                            ..
                        },
                } if e.side == side && *s == seq => {
                    Some((*attempt, u64::try_from(rto.as_micros()).unwrap_or(u64::MAX)))
                }
                _ => None,
            }
        })
    }

    /// The duration of `side`'s retransmission timer armed last before this step.
    fn previous_rto(&self, side: Side, step_events: &[u32]) -> Option<u64> {
        let first = step_events.iter().copied().min()? as usize;
        self.trace
            .events
            .get(..first)?
            .iter()
            .rev()
            .find_map(|e| match &e.kind {
                TraceEventKind::Core {
                    event:
                        Event::TimerArmed {
                            timer: TimerKind::Retransmit,
                            duration,
                            ..
                        },
                } if e.side == side => u64::try_from(duration.as_micros()).ok(),
                _ => None,
            })
    }

    /// A FIN sent from LAST-ACK that is the first of its side to acknowledge the peer's FIN:
    /// the ACK rode on the FIN (a three-segment close).
    fn fin_acks_peer_fin(&self, r: &SegmentRecord) -> bool {
        if r.sender_state != State::LastAck || !r.segment.flags.contains(Flags::ACK) {
            return false;
        }
        let earlier = self
            .trace
            .segments
            .iter()
            .take(r.id as usize)
            .rev()
            .find(|p| p.from == r.from && p.segment.flags.contains(Flags::ACK));
        match earlier {
            Some(p) => p.segment.ack != r.segment.ack,
            None => true,
        }
    }

    pub(super) fn why_text(&self, why: Why, at: Instant, step_events: &[u32]) -> WhyText {
        let lang = self.lang;
        let (title, body) = match why {
            Why::RandomIsn => (Key::WhyRandomIsnTitle, Key::WhyRandomIsn),
            Why::ThreeWayHandshake => (Key::WhyThreeWayTitle, Key::WhyThreeWay),
            Why::AckFlagVsNumber => (Key::WhyAckFlagTitle, Key::WhyAckFlag),
            Why::FourWayClose => (Key::WhyFourWayTitle, Key::WhyFourWay),
            Why::MergedFinAck => (Key::WhyMergedTitle, Key::WhyMerged),
            Why::TimeWait => (Key::WhyTimeWaitTitle, Key::WhyTimeWait),
            Why::CloseWaitLeak => (Key::WhyCloseWaitTitle, Key::WhyCloseWait),
            Why::Retransmission => (Key::WhyRetxTitle, Key::WhyRetx),
            Why::Rst => (Key::WhyRstTitle, Key::WhyRst),
            Why::ChallengeAck => (Key::WhyChallengeTitle, Key::WhyChallenge),
            Why::FastRetransmit => (Key::WhyFastRetxTitle, Key::WhyFastRetx),
            Why::Rack => (Key::WhyRackTitle, Key::WhyRack),
            Why::TailLossProbe => (Key::WhyTlpTitle, Key::WhyTlp),
            Why::DSack => (Key::WhyDSackTitle, Key::WhyDSack),
            Why::ZeroWindow => (Key::WhyZeroWindowTitle, Key::WhyZeroWindow),
            Why::Keepalive => (Key::WhyKeepaliveTitle, Key::WhyKeepalive),
            Why::NegativeSeq => (Key::WhyNegativeSeqTitle, Key::WhyNegativeSeq),
        };
        // The side concerned: who entered the state, or who sent the segment, in this step.
        let events = || {
            step_events
                .iter()
                .filter_map(|&i| self.trace.events.get(i as usize))
        };
        let side = events()
            .find_map(|e| match (&e.kind, why) {
                (
                    TraceEventKind::Core {
                        event:
                            Event::StateChanged {
                                to: State::TimeWait,
                                ..
                            },
                    },
                    Why::TimeWait,
                )
                | (
                    TraceEventKind::Core {
                        event:
                            Event::StateChanged {
                                to: State::CloseWait,
                                ..
                            },
                    },
                    Why::CloseWaitLeak,
                ) => Some(e.side),
                (TraceEventKind::Sent { id }, Why::MergedFinAck) => self
                    .trace
                    .segments
                    .get(*id as usize)
                    .filter(|r| r.segment.flags.contains(Flags::FIN))
                    .map(|r| r.from),
                _ => None,
            })
            .unwrap_or(Side::Client);
        let ack = events()
            .find_map(|e| match &e.kind {
                TraceEventKind::Sent { id } => self
                    .trace
                    .segments
                    .get(*id as usize)
                    .filter(|r| is_pure_ack(r))
                    .map(|r| self.tl.show_ack(r.from, r.segment.ack, self.mode)),
                _ => None,
            })
            .unwrap_or(0);
        let dur = self.time_wait_duration(side, at);
        let ack = ack.to_string();
        let args = [
            ("Side", side_name(side, true, lang)),
            ("side", side_name(side, false, lang)),
            ("ack", ack.as_str()),
            ("dur", dur.as_str()),
        ];
        WhyText {
            why,
            title: render(title, lang, &args),
            body: render(body, lang, &args),
        }
    }

    /// How long `side`'s TIME-WAIT timer armed at or after `at` lasts, formatted.
    fn time_wait_duration(&self, side: Side, at: Instant) -> String {
        self.trace
            .events
            .iter()
            .filter(|e| e.side == side && e.at >= at)
            .find_map(|e| match &e.kind {
                TraceEventKind::Core {
                    event:
                        Event::TimerArmed {
                            timer: TimerKind::TimeWait,
                            duration,
                            ..
                        },
                } => Some(fmt::duration(
                    u64::try_from(duration.as_micros()).unwrap_or(u64::MAX),
                )),
                _ => None,
            })
            .unwrap_or_else(|| String::from("2×MSL"))
    }
}

/// A failed call's error in the reader's language: the trace keeps the core's English words
/// (`CallError`'s text, RFC 9293 §3.10's "error: connection already exists").
fn call_error(err: &str, lang: Lang) -> String {
    use synack_core::CallError;
    let key = [
        (CallError::ConnectionExists, Key::ErrConnectionExists),
        (
            CallError::ConnectionDoesNotExist,
            Key::ErrConnectionDoesNotExist,
        ),
        (CallError::ConnectionClosing, Key::ErrConnectionClosing),
        (CallError::InvalidRemote, Key::ErrInvalidRemote),
    ]
    .into_iter()
    .find(|(e, _)| e.to_string() == err)
    .map(|(_, k)| k);
    match key {
        Some(k) => text(k, lang).to_string(),
        None => err.to_string(),
    }
}
