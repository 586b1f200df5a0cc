//! The quiz against the trace it is about: for every preset and 50 seeds (half of them with
//! random loss on both links, some with the textbook profile or a duplicating, reordering
//! link), every question's right answer is what the trace then shows,
//! read here straight from the trace (segments, snapshots, timer events, the steps' whys)
//! rather than through the quiz's own reading; every multiple-choice question has exactly
//! one true option; a student who answers from the trace scores 100 %, one who answers
//! wrongly is told the answer and an RFC section; and no question asks about what the
//! trace cannot show.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{Event, Flags, State};
use synack_diagram::{Lang, Steps};
use synack_quiz::{Answer, Kind, Kinds, Progress, Question, Quiz, Response, Value};
use synack_sim::{preset, presets, run, Config, SegmentRecord, Side, Trace, TraceEventKind};

/// How many seeds per preset (`SYNACK_QUIZ_SEEDS` to change).
fn seeds() -> u64 {
    std::env::var("SYNACK_QUIZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50)
}

fn trace(name: &str, seed: u64) -> Trace {
    let s = preset(name).unwrap();
    let mut c = Config::for_scenario(&s);
    c.seed = seed;
    // Odd seeds: 3 % random loss both ways, on top of the scenario's own faults; one seed in
    // four the textbook profile; one in five a link that duplicates and reorders (1 %).
    if seed % 2 == 1 {
        c.set_loss_ppm(30_000);
    }
    if seed % 4 == 2 {
        c.profile = synack_sim::ProfileKind::Textbook;
    }
    if seed.is_multiple_of(5) {
        for l in [&mut c.to_server, &mut c.to_client] {
            l.duplicate_ppm = 10_000;
            l.reorder_ppm = 10_000;
        }
    }
    run(&s, &c).unwrap_or_else(|e| panic!("{name} seed {seed}: {e}"))
}

/// A sequence number sent by `side`, relative to that side's ISN (the sequence number of
/// its first SYN, else of its first segment), as Wireshark counts.
fn rel(trace: &Trace, side: Side, seq: u32) -> i64 {
    let mine = || {
        trace
            .segments
            .iter()
            .filter(|r| r.from == side && !r.injected)
    };
    let base = mine()
        .find(|r| r.segment.flags.contains(Flags::SYN))
        .or_else(|| mine().next())
        .map_or(0, |r| r.segment.seq);
    i64::from(seq.wrapping_sub(base) as i32)
}

/// The student's names for a segment.
fn class(r: &SegmentRecord) -> synack_quiz::Class {
    use synack_quiz::Class as C;
    let f = r.segment.flags;
    match () {
        _ if f.contains(Flags::RST) => C::Rst,
        _ if f.contains(Flags::SYN | Flags::ACK) => C::SynAck,
        _ if f.contains(Flags::SYN) => C::Syn,
        _ if f.contains(Flags::FIN) => C::Fin,
        _ if !r.segment.payload.is_empty() => C::Data,
        _ => C::Ack,
    }
}

/// What the trace shows at one question's step.
struct Shown<'a> {
    trace: &'a Trace,
    steps: &'a Steps,
    q: &'a Question,
}

impl Shown<'_> {
    fn events(&self) -> impl Iterator<Item = &synack_sim::TraceEvent> {
        self.steps.list[self.q.step as usize]
            .events
            .iter()
            .map(|&i| &self.trace.events[i as usize])
    }

    fn sends(&self) -> Vec<&SegmentRecord> {
        self.events()
            .filter_map(|e| match e.kind {
                TraceEventKind::Sent { id } => Some(&self.trace.segments[id as usize]),
                _ => None,
            })
            .collect()
    }

    /// The first segment of the step left because its sender's timer expired: the sender's
    /// timer fired before it, and nothing arrived at the sender nor did its application call.
    fn first_by_timer(&self) -> bool {
        let first = self.sends()[0];
        let before: Vec<_> = self
            .events()
            .take_while(|e| !matches!(e.kind, TraceEventKind::Sent { id } if id == first.id))
            .filter(|e| e.side == first.from)
            .collect();
        before.iter().any(|e| {
            matches!(
                e.kind,
                TraceEventKind::Core {
                    event: Event::TimerFired { .. }
                }
            )
        }) && !before.iter().any(|e| {
            matches!(
                e.kind,
                TraceEventKind::Arrived { .. } | TraceEventKind::App { .. }
            )
        })
    }

    /// `side`'s state once the step is over: its last TCB snapshot by then.
    fn state_after(&self, side: Side) -> State {
        self.trace
            .snapshots
            .iter()
            .rev()
            .find(|s| s.side == side && s.at <= self.q.reveal_at)
            .map_or(State::Closed, |s| s.tcb.state)
    }

    /// Whether option value `v` is true of what the trace shows.
    fn is_true(&self, v: &Value) -> bool {
        let q = self.q;
        match *v {
            Value::Send {
                side,
                class: c,
                timer,
            } => {
                let sends = self.sends();
                let first = sends[0];
                (side == first.from && c == class(first) && timer == self.first_by_timer())
                    // Any other segment of the step is "what happens next" too.
                    || sends[1..].iter().any(|r| r.from == side && class(r) == c)
            }
            Value::Number { n } => {
                let r = &self.trace.segments[q.segment.unwrap() as usize];
                if q.prompt.contains("acknowledgment number") {
                    r.segment.flags.contains(Flags::ACK)
                        && rel(self.trace, r.from.other(), r.segment.ack) == n
                } else {
                    rel(self.trace, r.from, r.segment.seq) == n
                }
            }
            Value::State { state } => state == self.state_after(q.side),
            Value::Why { why } => self.steps.list[q.step as usize].whys.contains(&why),
        }
    }

    /// The durations the fired timers of `q.side` in this step were armed for (the core's
    /// `TimerArmed { duration }`), each with the instant it was armed.
    fn timer_durations(&self) -> Vec<(u64, u64)> {
        let step = &self.steps.list[self.q.step as usize];
        let mut out = Vec::new();
        for &i in &step.events {
            let e = &self.trace.events[i as usize];
            let TraceEventKind::Core {
                event: Event::TimerFired { timer },
            } = e.kind
            else {
                continue;
            };
            if e.side != self.q.side {
                continue;
            }
            let armed = self.trace.events[..i as usize]
                .iter()
                .rev()
                .find_map(|a| match &a.kind {
                    TraceEventKind::Core {
                        event:
                            Event::TimerArmed {
                                timer: t, duration, ..
                            },
                    } if a.side == e.side && *t == timer => {
                        Some((a.at.0, duration.as_micros() as u64))
                    }
                    _ => None,
                });
            out.extend(armed);
        }
        out
    }

    /// The answer a student reading the trace gives.
    fn response(&self) -> Response {
        match self.q.answer {
            Answer::Choice { .. } => {
                let i = self
                    .q
                    .options
                    .iter()
                    .position(|c| self.is_true(&c.value))
                    .unwrap();
                Response::Choice(i as u32)
            }
            Answer::Duration { .. } => Response::Duration(self.timer_durations()[0].1),
        }
    }
}

/// Everything that must hold of one question.
fn check(trace: &Trace, steps: &Steps, q: &Question, what: &str) {
    let step = steps
        .get(q.step as usize)
        .unwrap_or_else(|| panic!("{what}: no step {}", q.step));
    // Asked at the step before, about what the trace shows.
    assert_eq!(step.at, q.reveal_at, "{what}");
    assert!(q.reveal_at <= trace.end, "{what}: after the trace ends");
    let before = (q.step as usize).checked_sub(1).map(|i| steps.list[i].at);
    assert_eq!(q.asked_at, before, "{what}");
    let shown = Shown { trace, steps, q };
    if let Some(id) = q.segment {
        let r = &trace.segments[id as usize];
        assert!(
            !r.injected && r.duplicate_of.is_none(),
            "{what}: #{id} was not sent by a side"
        );
        assert_eq!(shown.sends().first().map(|r| r.id), Some(id), "{what}");
    }
    match q.kind {
        Kind::Flags | Kind::Seq => assert_eq!(
            q.side,
            trace.segments[q.segment.unwrap() as usize].from,
            "{what}"
        ),
        Kind::State => {
            let was = shown
                .trace
                .snapshots
                .iter()
                .rev()
                .find(|s| s.side == q.side && Some(s.at) <= q.asked_at);
            let was = was.map_or(State::Closed, |s| s.tcb.state);
            assert_ne!(
                was,
                shown.state_after(q.side),
                "{what}: no change to ask about"
            );
            // The prompt says where the side is while the question is asked (a host that
            // crashed is CLOSED, whatever it held).
            assert!(
                q.prompt.contains(&format!(" is in {}.", was.rfc_name())),
                "{what}: it is in {was:?}"
            );
        }
        Kind::Time | Kind::Why => {}
    }
    match q.answer {
        Answer::Choice { index } => {
            assert!(
                q.options.len() >= 2 && q.options.len() <= 4,
                "{what}: {:?}",
                q.options
            );
            let truths: Vec<usize> = (0..q.options.len())
                .filter(|&i| shown.is_true(&q.options[i].value))
                .collect();
            assert_eq!(truths, [index as usize], "{what}: {:#?}", q.options);
            for (i, a) in q.options.iter().enumerate() {
                for b in &q.options[i + 1..] {
                    assert!(
                        a.value != b.value && a.label != b.label,
                        "{what}: {a:?} twice"
                    );
                }
            }
        }
        Answer::Duration { us, tolerance_us } => {
            assert_eq!(q.kind, Kind::Time, "{what}");
            let durations = shown.timer_durations();
            let (armed_at, duration) = *durations
                .first()
                .unwrap_or_else(|| panic!("{what}: no timer fired"));
            assert_eq!(
                us, duration,
                "{what}: the timer was armed for {duration} µs"
            );
            assert!(
                armed_at <= q.asked_at.unwrap().0,
                "{what}: the timer was not running when asked"
            );
            assert!(
                tolerance_us >= 1_000 && tolerance_us <= us.max(10_000),
                "{what}"
            );
        }
    }
    // A wrong answer is told the right one, the explanation and an RFC section (or the Linux
    // function where Linux departs from the RFCs).
    let wrong = match q.answer {
        Answer::Choice { index } => Response::Choice((index + 1) % q.options.len() as u32),
        Answer::Duration { us, .. } => Response::Duration(us * 3 + 10_000),
    };
    let v = q.verdict(wrong, Lang::EN);
    assert!(!v.right, "{what}");
    assert!(
        v.text.contains(&v.answer) && v.text.contains(&v.rfc) && !v.explanation.is_empty(),
        "{what}: {v:?}"
    );
    assert!(
        (v.rfc.starts_with("RFC ") && v.rfc.len() > 6) || v.rfc.starts_with("Linux tcp_"),
        "{what}: {}",
        v.rfc
    );
}

#[test]
fn every_answer_is_what_the_trace_shows_and_a_student_reading_it_scores_100() {
    let mut asked = [0usize; 5];
    // Where the right option of a four-option question is.
    let mut place = [0usize; 4];
    for p in presets() {
        for seed in 1..=seeds() {
            let t = trace(p.name, seed);
            let steps = Steps::new(&t);
            let quiz = Quiz::new(&t, Kinds::ALL, Lang::EN);
            assert!(!quiz.questions.is_empty(), "{} seed {seed}", p.name);
            let mut progress = Progress::default();
            progress.start(p.name, seed, 0, Kinds::ALL, quiz.questions.len() as u32);
            for (i, q) in quiz.questions.iter().enumerate() {
                let what = format!(
                    "{} seed {seed} question #{} ({:?}: {})",
                    p.name, q.id, q.kind, q.prompt
                );
                assert_eq!(q.id as usize, i, "{what}: ids count every question");
                check(&t, &steps, q, &what);
                let r = Shown {
                    trace: &t,
                    steps: &steps,
                    q,
                }
                .response();
                assert!(q.verdict(r, Lang::EN).right, "{what}: {r:?}");
                assert!(progress.answer(p.name, q.id, q.check(r)));
                asked[Kind::ALL.iter().position(|k| *k == q.kind).unwrap()] += 1;
                if let (Answer::Choice { index }, 4) = (q.answer, q.options.len()) {
                    place[index as usize] += 1;
                }
            }
            let record = progress.record(p.name).unwrap();
            assert_eq!(
                record.best,
                Some((quiz.questions.len() as u32, quiz.questions.len() as u32))
            );
            assert!(record.last.missed.is_empty());
        }
    }
    // Every kind is asked somewhere.
    assert!(asked.iter().all(|&n| n > 0), "{asked:?}");
    // The right option's place tells nothing: each of the four holds it 20–30 % of the time.
    let all: usize = place.iter().sum();
    assert!(
        place.iter().all(|&n| n * 5 >= all && n * 10 <= all * 3),
        "{place:?}"
    );
    println!(
        "questions asked, by kind {:?}: {asked:?}; right option at a–d: {place:?}",
        Kind::ALL
    );
}
