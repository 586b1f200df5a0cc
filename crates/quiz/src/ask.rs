//! Writing a moment's questions: the right answer read from the trace, and wrong options
//! made from the engine's own alternatives (the other side, a confusable segment kind, the
//! states next to this one in RFC 9293's Figure 5, the numbers one off or of the previous
//! segment, the other whys) — never from a list per scenario.

use crate::cite::Cite;
use crate::kinds::Kind;
use crate::moment::{Change, Class, Fired, Moment};
use crate::question::{Answer, Choice, Question, Value};
use crate::texts::{render, Key};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use synack_core::{Cause, Flags, Rfc, State, TimerKind};
use synack_diagram::narrate::{side_name, timer_name};
use synack_diagram::{Lang, SeqMode, StepText, Timeline, Why};
use synack_sim::{Fate, SegmentRecord, Side, Trace};

/// How many options a multiple-choice question offers at most.
const OPTIONS: usize = 4;

pub(crate) struct Cx<'a> {
    pub trace: &'a Trace,
    pub tl: &'a Timeline,
    pub lang: Lang,
    /// Every why the trace explains, in the order it does.
    pub taught: Vec<Why>,
}

/// A question before its id and place are set.
struct Draft {
    kind: Kind,
    side: Side,
    prompt: String,
    options: Vec<Choice>,
    answer: Answer,
    explanation: String,
    rfc: Cite,
}

/// SplitMix64's finalizer: every bit of the input moves about half the output's.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The right value first, then the candidates: the options are the right one and the first
/// distinct others (up to [`OPTIONS`]), in an order shuffled by `salt` (so that the right
/// one's place tells nothing, and another seed puts it elsewhere); `id` tells values apart.
/// The answer is where the right one lands.
fn choose(
    salt: u64,
    right: Value,
    candidates: impl IntoIterator<Item = Value>,
    id: impl Fn(&Value) -> i64,
    label: impl Fn(&Value) -> String,
) -> (Vec<Choice>, Answer) {
    let mut values = alloc::vec![right];
    for c in candidates {
        if values.len() >= OPTIONS {
            break;
        }
        if !values.contains(&c) {
            values.push(c);
        }
    }
    synack_text::order::sort_by_u64(&mut values, |v| mix(salt ^ mix(id(v) as u64)));
    let index = values.iter().position(|v| *v == right).unwrap_or(0) as u32;
    let options = values
        .iter()
        .map(|v| Choice {
            value: *v,
            label: label(v),
        })
        .collect();
    (options, Answer::Choice { index })
}

impl Cx<'_> {
    /// The shuffle of one question's options: the run's seed, the step, and which question
    /// of the step (`tag`).
    fn salt(&self, m: &Moment, tag: u64) -> u64 {
        mix(self.trace.seed ^ mix(m.step as u64 ^ mix(tag)))
    }

    fn side(&self, side: Side, cap: bool) -> &'static str {
        side_name(side, cap, self.lang)
    }

    fn class_label(&self, class: Class) -> &'static str {
        match class {
            Class::Syn => "SYN",
            Class::SynAck => "SYN,ACK",
            Class::Ack => "ACK",
            Class::Data => self.lang.text(Key::ClassData),
            Class::Fin => "FIN,ACK",
            Class::Rst => "RST",
        }
    }

    fn label(&self, v: &Value) -> String {
        match *v {
            Value::Send { side, class, timer } => render(
                if timer {
                    Key::OptTimerSend
                } else {
                    Key::OptSend
                },
                self.lang,
                &[
                    ("Side", self.side(side, true)),
                    ("side", self.side(side, false)),
                    ("flags", self.class_label(class)),
                ],
            ),
            Value::Number { n } => n.to_string(),
            Value::State { state } => state.rfc_name().to_string(),
            Value::Why { why } => self.lang.text(why_keys(why).1).to_string(),
        }
    }

    fn rel_seq(&self, side: Side, seq: u32) -> i64 {
        self.tl.show_seq(side, seq, SeqMode::Relative)
    }

    /// Every question of moment `m`, in [`Kind::ALL`] order; `told` is its narration.
    pub fn questions(&self, m: &Moment, told: &StepText) -> Vec<Question> {
        let mut drafts = Vec::new();
        let first = m.sends.first().copied();
        if let Some(f) = first {
            if m.sends.iter().all(|r| r.from == f.from) {
                drafts.push(self.flags(m, f, told));
            }
            drafts.extend(self.numbers(m, f, told));
        }
        for c in &m.changes {
            drafts.push(self.state(m, c, told));
        }
        if let Some(fired) = m.fired {
            drafts.push(self.time(fired, told));
        }
        for &w in m.whys {
            drafts.push(self.why(m, w, told));
        }
        drafts
            .into_iter()
            .map(|d| Question {
                id: 0,
                kind: d.kind,
                side: d.side,
                prompt: d.prompt,
                options: d.options,
                answer: d.answer,
                explanation: d.explanation,
                rfc: d.rfc,
                step: m.step as u32,
                asked_at: m.asked_at,
                reveal_at: m.at,
                segment: first.map(|r| r.id),
            })
            .collect()
    }

    /// The rule behind a segment: the engine's reference when the sender changed state or
    /// rejected a segment in this step, else its reason's.
    fn send_cite(&self, m: &Moment, r: &SegmentRecord) -> Cite {
        match m.changes.iter().find(|c| c.side == r.from) {
            Some(c) => Cite::of_transition(c.rfc),
            None => Cite::of_send(r.reason),
        }
    }

    fn flags(&self, m: &Moment, f: &SegmentRecord, told: &StepText) -> Draft {
        let (side, class, timer) = (f.from, Class::of_record(f), m.timer_driven);
        let right = Value::Send { side, class, timer };
        let [c1, c2] = class.confusable();
        let other = side.other();
        let send = |side, class, timer| Value::Send { side, class, timer };
        // Another segment of this step is not a wrong answer: leave it out.
        let also_sent = |v: &Value| match v {
            Value::Send { side, class, .. } => m
                .sends
                .iter()
                .skip(1)
                .any(|r| r.from == *side && Class::of_record(r) == *class),
            _ => false,
        };
        let candidates = [
            send(side, class, !timer),
            send(other, class, false),
            send(side, c1, timer),
            send(side, c2, timer),
            send(other, c1, false),
        ]
        .into_iter()
        .filter(|v| !also_sent(v));
        let id = |v: &Value| match *v {
            Value::Send { side, class, timer } => {
                (i64::from(timer) << 8) | ((side.index() as i64) << 4) | class as i64
            }
            _ => 0,
        };
        let (options, answer) = choose(self.salt(m, 0), right, candidates, id, |v| self.label(v));
        let prompt = if m.asked_at.is_none() {
            Key::PromptFirst
        } else {
            Key::PromptNext
        };
        Draft {
            kind: Kind::Flags,
            side,
            prompt: render(prompt, self.lang, &[]),
            options,
            answer,
            explanation: told.text.clone(),
            rfc: self.send_cite(m, f),
        }
    }

    /// Its sequence number, and its acknowledgment number if it carries ACK.
    fn numbers(&self, m: &Moment, f: &SegmentRecord, told: &StepText) -> Vec<Draft> {
        let side = f.from;
        let s = &f.segment;
        // What it is, as the flags question's options name it ("1448 bytes of data").
        let what = match Class::of_record(f) {
            Class::Data => render(
                Key::WhatData,
                self.lang,
                &[("n", s.payload.len().to_string().as_str())],
            ),
            class => self.class_label(class).to_string(),
        };
        let args = [
            ("Side", self.side(side, true)),
            ("side", self.side(side, false)),
            ("what", what.as_str()),
        ];
        let number = |n: i64| Value::Number { n };
        let id = |v: &Value| match *v {
            Value::Number { n } => n,
            _ => 0,
        };
        // What the sender's TCB held before the step.
        let tcb = m
            .asked_at
            .and_then(|t| self.tl.tcb_at(side, t))
            .map(|(_, t)| *t);
        let mut out = Vec::new();

        let n = self.rel_seq(side, s.seq);
        let len = i64::try_from(s.payload.len()).unwrap_or(0)
            + i64::from(s.flags.contains(Flags::SYN))
            + i64::from(s.flags.contains(Flags::FIN));
        let mut cands: Vec<i64> = Vec::new();
        if let Some(t) = tcb {
            cands.push(self.rel_seq(side, t.snd_nxt));
            cands.push(self.rel_seq(side, t.snd_una));
        }
        if len > 0 {
            cands.push(n.saturating_add(len));
        }
        cands.extend([n.saturating_add(1), n.saturating_sub(1)]);
        let (options, answer) = choose(
            self.salt(m, 1),
            number(n),
            plausible(n, cands).map(number),
            id,
            |v| self.label(v),
        );
        out.push(Draft {
            kind: Kind::Seq,
            side,
            prompt: render(Key::PromptSeq, self.lang, &args),
            options,
            answer,
            explanation: told.text.clone(),
            rfc: self.send_cite(m, f),
        });

        if s.flags.contains(Flags::ACK) {
            let peer = side.other();
            let a = self.rel_seq(peer, s.ack);
            let mut cands: Vec<i64> = Vec::new();
            // The peer's latest segment to have arrived: its first number (ack = seq is the
            // classic slip) and its end.
            let last_in = self
                .trace
                .segments
                .iter()
                .filter(|p| p.from == peer && !p.injected)
                .filter_map(|p| match p.fate {
                    Fate::Arrived { at } if at <= m.at => Some((at, p)),
                    Fate::Arrived { .. } | Fate::Lost { .. } | Fate::InFlight => None,
                })
                .max_by_key(|(at, p)| (*at, p.id))
                .map(|(_, p)| p);
            if let Some(p) = last_in {
                let start = self.rel_seq(peer, p.segment.seq);
                cands.push(start);
                let plen = i64::try_from(p.segment.payload.len()).unwrap_or(0)
                    + i64::from(p.segment.flags.intersects(Flags::SYN | Flags::FIN));
                cands.push(start.saturating_add(plen.max(1)));
            }
            // What this side acknowledged last time.
            if let Some(prev) = self.trace.segments.get(..f.id as usize).and_then(|b| {
                b.iter()
                    .rev()
                    .find(|p| p.from == side && p.segment.flags.contains(Flags::ACK) && !p.injected)
            }) {
                cands.push(self.rel_seq(peer, prev.segment.ack));
            }
            cands.extend([a.saturating_add(1), a.saturating_sub(1)]);
            let (options, answer) = choose(
                self.salt(m, 2),
                number(a),
                plausible(a, cands).map(number),
                id,
                |v| self.label(v),
            );
            out.push(Draft {
                kind: Kind::Seq,
                side,
                prompt: render(Key::PromptAck, self.lang, &args),
                options,
                answer,
                explanation: told.text.clone(),
                rfc: self.send_cite(m, f),
            });
        }
        out
    }

    fn state(&self, m: &Moment, c: &Change, told: &StepText) -> Draft {
        let right = Value::State { state: c.to() };
        // Staying put, a state passed through, where the peer is or goes (who ends in
        // TIME-WAIT is the classic slip), then Figure 5's neighbours.
        let mut cands: Vec<State> = alloc::vec![c.from];
        cands.extend(c.path.iter().copied());
        let peer = c.side.other();
        cands.extend(m.changes.iter().filter(|p| p.side == peer).map(Change::to));
        cands.extend(m.asked_at.map(|t| self.tl.state_at(peer, t)));
        cands.extend(neighbours(c.from));
        cands.extend(neighbours(c.to()));
        let id = |v: &Value| match *v {
            Value::State { state } => {
                State::ALL.iter().position(|s| *s == state).unwrap_or(0) as i64
            }
            _ => 0,
        };
        let (options, answer) = choose(
            self.salt(m, 3 + c.side.index() as u64),
            right,
            cands.into_iter().map(|state| Value::State { state }),
            id,
            |v| self.label(v),
        );
        Draft {
            kind: Kind::State,
            side: c.side,
            prompt: render(
                Key::PromptState,
                self.lang,
                &[
                    ("Side", self.side(c.side, true)),
                    ("side", self.side(c.side, false)),
                    ("state", c.from.rfc_name()),
                ],
            ),
            options,
            answer,
            explanation: told.text.clone(),
            rfc: Cite::of_transition(c.rfc),
        }
    }

    fn time(&self, f: Fired, told: &StepText) -> Draft {
        let us = f.at.0.saturating_sub(f.armed_at.0);
        let at = synack_diagram::fmt::duration(f.armed_at.0.saturating_sub(self.trace.t0.0));
        Draft {
            kind: Kind::Time,
            side: f.side,
            prompt: render(
                Key::PromptTime,
                self.lang,
                &[
                    ("at", at.as_str()),
                    ("Side", self.side(f.side, true)),
                    ("side", self.side(f.side, false)),
                    ("timer", timer_name(f.kind, self.lang)),
                ],
            ),
            options: Vec::new(),
            // 10 % either way, at least 1 ms: a doubled RTO or Linux's 40 ms delayed ACK
            // against the RFC's 200 ms stay wrong.
            answer: Answer::Duration {
                us,
                tolerance_us: (us / 10).max(1_000),
            },
            explanation: told.text.clone(),
            rfc: Cite::of_timer(f.kind),
        }
    }

    fn why(&self, m: &Moment, w: Why, told: &StepText) -> Draft {
        let side = why_side(m, w);
        let (prompt, _) = why_keys(w);
        // The other whys this trace teaches first, then the rest, but none of this step's:
        // they are true of it too.
        let taught = self.taught.iter().copied();
        let rest = Why::ALL.iter().copied();
        let cands = taught
            .chain(rest)
            .filter(|x| !m.whys.contains(x))
            .map(|why| Value::Why { why });
        let id = |v: &Value| match *v {
            Value::Why { why } => Why::ALL.iter().position(|x| *x == why).unwrap_or(0) as i64,
            _ => 0,
        };
        let salt = self.salt(
            m,
            5 + Why::ALL.iter().position(|x| *x == w).unwrap_or(0) as u64,
        );
        let (options, answer) = choose(salt, Value::Why { why: w }, cands, id, |v| self.label(v));
        let explanation = told
            .whys
            .iter()
            .find(|t| t.why == w)
            .map(|t| t.body.clone())
            .unwrap_or_else(|| told.text.clone());
        Draft {
            kind: Kind::Why,
            side,
            prompt: render(
                prompt,
                self.lang,
                &[
                    ("Side", self.side(side, true)),
                    ("side", self.side(side, false)),
                ],
            ),
            options,
            answer,
            explanation,
            rfc: why_cite(w),
        }
    }
}

/// Candidate numbers that can pass for the answer `n`: not `n` itself, and not negative
/// when `n` is not (a TCB read before the ISN was chosen gives such numbers).
fn plausible(n: i64, cands: Vec<i64>) -> impl Iterator<Item = i64> {
    cands
        .into_iter()
        .filter(move |&c| c != n && (c >= 0 || n < 0))
}

/// The causes of RFC 9293's transitions (`Cause::is_rfc_edge`) that a state's neighbours
/// are read from.
const CAUSES: [Cause; 15] = [
    Cause::Listen,
    Cause::Connect,
    Cause::Close,
    Cause::Abort,
    Cause::RcvSyn,
    Cause::RcvSynAck,
    Cause::RcvAckOfSyn,
    Cause::RcvFin,
    Cause::RcvAckOfFin,
    Cause::RcvFinAckOfFin,
    Cause::RcvRst,
    Cause::Timeout(TimerKind::TimeWait),
    Cause::Timeout(TimerKind::FinWait2),
    Cause::RetriesExhausted,
    Cause::DataAfterClose,
];

/// The states one transition away from `s`, in Figure 5's order.
fn neighbours(s: State) -> impl Iterator<Item = State> {
    State::ALL
        .into_iter()
        .filter(move |&t| t != s && CAUSES.iter().any(|c| c.is_rfc_edge(s, t)))
}

/// A why's question and its answer.
pub(crate) fn why_keys(w: Why) -> (Key, Key) {
    match w {
        Why::RandomIsn => (Key::WhyRandomIsnQ, Key::WhyRandomIsnA),
        Why::ThreeWayHandshake => (Key::WhyThreeWayQ, Key::WhyThreeWayA),
        Why::AckFlagVsNumber => (Key::WhyAckFlagQ, Key::WhyAckFlagA),
        Why::FourWayClose => (Key::WhyFourWayQ, Key::WhyFourWayA),
        Why::MergedFinAck => (Key::WhyMergedQ, Key::WhyMergedA),
        Why::TimeWait => (Key::WhyTimeWaitQ, Key::WhyTimeWaitA),
        Why::CloseWaitLeak => (Key::WhyCloseWaitQ, Key::WhyCloseWaitA),
        Why::Retransmission => (Key::WhyRetxQ, Key::WhyRetxA),
        Why::Rst => (Key::WhyRstQ, Key::WhyRstA),
        Why::ChallengeAck => (Key::WhyChallengeQ, Key::WhyChallengeA),
        Why::FastRetransmit => (Key::WhyFastRetxQ, Key::WhyFastRetxA),
        Why::Rack => (Key::WhyRackQ, Key::WhyRackA),
        Why::TailLossProbe => (Key::WhyTlpQ, Key::WhyTlpA),
        Why::DSack => (Key::WhyDSackQ, Key::WhyDSackA),
        Why::ZeroWindow => (Key::WhyZeroWindowQ, Key::WhyZeroWindowA),
        Why::Keepalive => (Key::WhyKeepaliveQ, Key::WhyKeepaliveA),
    }
}

/// The rule a why explains.
fn why_cite(w: Why) -> Cite {
    match w {
        Why::RandomIsn => Cite::S3_4_1,
        Why::ThreeWayHandshake => Cite::S3_5,
        Why::AckFlagVsNumber => Cite::S3_4,
        Why::FourWayClose | Why::MergedFinAck | Why::TimeWait | Why::CloseWaitLeak => {
            Cite::Engine(Rfc::S3_6)
        }
        Why::Retransmission => Cite::Rfc6298S5,
        Why::Rst => Cite::Engine(Rfc::S3_5_2),
        Why::ChallengeAck => Cite::Engine(Rfc::S3_10_7_4Rfc5961S3_2),
        Why::FastRetransmit => Cite::Rfc5681S3_2,
        Why::Rack => Cite::Rfc8985S6_2,
        Why::TailLossProbe => Cite::Rfc8985S7,
        Why::DSack => Cite::Rfc2883,
        Why::ZeroWindow => Cite::S3_8_6_1,
        Why::Keepalive => Cite::Engine(Rfc::S3_8_4),
    }
}

/// The side a why is about: who enters the state, or who sends the segment it explains.
fn why_side(m: &Moment, w: Why) -> Side {
    use synack_core::SendReason as R;
    let entered = |s: State| {
        m.changes
            .iter()
            .find(|c| c.path.contains(&s))
            .map(|c| c.side)
    };
    let sent = |p: &dyn Fn(&SegmentRecord) -> bool| m.sends.iter().find(|r| p(r)).map(|r| r.from);
    let f = |r: &SegmentRecord, flag: Flags| r.segment.flags.contains(flag);
    let side = match w {
        Why::TimeWait => entered(State::TimeWait),
        Why::CloseWaitLeak => entered(State::CloseWait),
        Why::RandomIsn => sent(&|r| f(r, Flags::SYN)),
        Why::ThreeWayHandshake => sent(&|r| r.reason == R::HandshakeAck),
        Why::AckFlagVsNumber | Why::FourWayClose => sent(&|r| Class::of_record(r) == Class::Ack),
        Why::MergedFinAck => sent(&|r| f(r, Flags::FIN)),
        Why::Retransmission => sent(&|r| r.reason == R::Retransmission),
        Why::Rst => sent(&|r| f(r, Flags::RST)),
        Why::ChallengeAck => sent(&|r| r.reason == R::ChallengeAck),
        Why::FastRetransmit => sent(&|r| r.reason == R::FastRetransmit),
        Why::Rack => sent(&|r| r.reason == R::RackRetransmit),
        Why::TailLossProbe => sent(&|r| r.reason == R::LossProbe),
        Why::DSack => sent(&|r| r.reason == R::DSack),
        Why::ZeroWindow => sent(&|r| r.reason == R::WindowProbe),
        Why::Keepalive => sent(&|r| r.reason == R::KeepaliveProbe),
    };
    side.or_else(|| m.sends.first().map(|r| r.from))
        .unwrap_or(Side::Client)
}
