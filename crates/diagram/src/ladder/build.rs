//! Building the static geometry of a ladder, once per trace.

use super::axis::TimeAxis;
use super::index::IntervalIndex;
use super::{
    Arrow, ArrowFate, ArrowKind, AxisBreak, Ladder, Lane, StateBand, Tick, TimerBar, TimerEnd,
};
use crate::geom::{Anchor, Label, Point};
use crate::labels::segment_label;
use crate::math::{atan2_deg, sqrt};
use crate::narrate::{render, text, timer_name, Key};
use crate::steps::Steps;
use crate::timeline::Timeline;
use crate::transit::{loss_instant, typical_transit_us};
use crate::{fmt, LadderOptions, Lang};
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use synack_core::{Event, Flags, Instant, SendReason, State, TimerKind};
use synack_sim::{Fate, SegmentRecord, Side, Trace, TraceEventKind};

/// Where things sit across the drawing.
pub(super) struct Columns {
    pub lane_x: [f32; 2],
    pub grid_x0: f32,
    pub grid_x1: f32,
    pub axis_label_x: f32,
    pub band_w: f32,
    /// Left edge of each timer kind's column, per side.
    pub timer_x: [[f32; 4]; 2],
    pub timer_w: f32,
}

impl Columns {
    fn new(width: f32) -> Columns {
        let timer_x = |k: usize| 64.0 + 12.0 * k as f32;
        Columns {
            lane_x: [210.0, width - 210.0],
            grid_x0: 60.0,
            grid_x1: width - 12.0,
            axis_label_x: 54.0,
            band_w: 10.0,
            timer_x: [
                [timer_x(0), timer_x(1), timer_x(2), timer_x(3)],
                [
                    width - 5.0 - timer_x(0),
                    width - 5.0 - timer_x(1),
                    width - 5.0 - timer_x(2),
                    width - 5.0 - timer_x(3),
                ],
            ],
            timer_w: 5.0,
        }
    }
}

/// An arrow's motion: (t0, t1, x0, x1); x is linear in time between them.
pub(super) type Motion = (u64, u64, f32, f32);

/// The first y of the time axis (room above for the lane titles).
const TOP: f32 = 64.0;
const BOTTOM_MARGIN: f32 = 28.0;

fn timer_col(kind: TimerKind) -> usize {
    match kind {
        TimerKind::Retransmit => 0,
        TimerKind::DelayedAck => 1,
        TimerKind::TimeWait => 2,
        TimerKind::FinWait2 => 3,
    }
}

fn side_x<T: Copy>(v: &[T; 2], side: Side) -> T {
    match side {
        Side::Client => v[0],
        Side::Server => v[1],
    }
}

impl Ladder {
    /// Lay out the whole trace. O(n log n) in the trace's size.
    pub fn new(trace: &Trace, opts: &LadderOptions) -> Ladder {
        let mut o = opts.clone();
        if !o.width.is_finite() || o.width < 600.0 {
            o.width = 600.0;
        }
        let lang = o.lang;
        let timeline = Timeline::new(trace);
        let steps = Steps::new(trace);
        let typical = typical_transit_us(trace);
        let cols = Columns::new(o.width);

        // Every instant something is drawn at.
        let mut keys: Vec<u64> =
            Vec::with_capacity(trace.events.len() + 2 * trace.segments.len() + 1);
        keys.extend(trace.events.iter().map(|e| e.at.0));
        for r in &trace.segments {
            keys.push(r.sent_at.0);
            match r.fate {
                Fate::Arrived { at } => keys.push(at.0),
                Fate::Lost { .. } => keys.extend(loss_instant(r, typical).map(|t| t.0)),
                Fate::InFlight => {}
            }
        }
        keys.push(trace.end.0);
        keys.sort_unstable();
        keys.dedup();
        let start = keys.first().copied().unwrap_or(0);
        let end = keys.last().copied().unwrap_or(0);
        let axis = TimeAxis::new(&keys, typical, TOP, &o);

        let (arrows, motions) = build_arrows(trace, &timeline, &axis, &cols, typical, end, &o);
        let bands = build_bands(&timeline, &axis, &cols, start, end);
        let timers = build_timers(trace, &axis, &cols, end, lang);
        let ticks = build_ticks(&axis, &cols);
        let breaks = build_breaks(&axis, &cols, o.width);

        let label_bottom = bands
            .iter()
            .map(|b| b.label.at.y)
            .fold(axis.bottom(), f32::max);
        let y1 = label_bottom + 8.0;
        let lane = |side: Side, key: Key| {
            let x = side_x(&cols.lane_x, side);
            let host = match side {
                Side::Client => &trace.client,
                Side::Server => &trace.server,
            };
            Lane {
                side,
                x,
                y0: TOP - 8.0,
                y1,
                title: Label {
                    text: text(key, lang).to_string(),
                    at: Point::new(x, 24.0),
                    anchor: Anchor::Middle,
                    angle: 0.0,
                },
                subtitle: Label {
                    text: host.endpoint.to_string(),
                    at: Point::new(x, 40.0),
                    anchor: Anchor::Middle,
                    angle: 0.0,
                },
            }
        };
        let lanes = [
            lane(Side::Client, Key::LaneClient),
            lane(Side::Server, Key::LaneServer),
        ];

        let arrow_index = IntervalIndex::new(motions.iter().map(|m| (m.0, m.1)));
        let timer_index = IntervalIndex::new(timers.iter().map(|b| (b.armed.0, b.stop.0)));
        let mut side_bands: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for (i, b) in (0u32..).zip(&bands) {
            if let Some(v) = side_bands.get_mut(b.side.index()) {
                v.push(i);
            }
        }
        Ladder {
            width: o.width,
            height: y1 + BOTTOM_MARGIN,
            options: o,
            lanes,
            arrows,
            bands,
            timers,
            ticks,
            breaks,
            axis,
            steps,
            timeline,
            start: Instant(start),
            end: Instant(end),
            typical_transit_us: typical,
            motions,
            arrow_index,
            timer_index,
            side_bands,
        }
    }
}

fn kind_of(flags: Flags, len: usize) -> ArrowKind {
    if flags.contains(Flags::RST) {
        ArrowKind::Rst
    } else if flags.contains(Flags::SYN) {
        if flags.contains(Flags::ACK) {
            ArrowKind::SynAck
        } else {
            ArrowKind::Syn
        }
    } else if flags.contains(Flags::FIN) {
        ArrowKind::Fin
    } else if len > 0 {
        ArrowKind::Data
    } else if flags.contains(Flags::ACK) {
        ArrowKind::Ack
    } else {
        ArrowKind::Other
    }
}

/// Normalized direction of `a → b`, or None if they coincide.
fn unit(a: Point, b: Point) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = sqrt(dx * dx + dy * dy);
    (len > 1e-3).then(|| (dx / len, dy / len))
}

/// A label along the path `a → b` at `p`, offset `off` px above it (negative: below),
/// rotated with the path but never upside down.
fn along(text: String, p: Point, a: Point, b: Point, off: f32) -> Label {
    let (mut ux, mut uy) = unit(a, b).unwrap_or((1.0, 0.0));
    if ux < 0.0 || (ux == 0.0 && uy < 0.0) {
        ux = -ux;
        uy = -uy;
    }
    Label {
        text,
        at: Point::new(p.x + off * uy, p.y - off * ux),
        anchor: Anchor::Middle,
        angle: atan2_deg(uy, ux),
    }
}

struct Lookups {
    /// (side, sent at, seq) → retransmission attempt.
    attempts: BTreeMap<(usize, u64, u32), u8>,
    /// (receiving side, at, seq, flags) of rejected segments.
    rejected: BTreeSet<(usize, u64, u32, u8)>,
}

fn lookups(trace: &Trace) -> Lookups {
    let mut l = Lookups {
        attempts: BTreeMap::new(),
        rejected: BTreeSet::new(),
    };
    for e in &trace.events {
        match &e.kind {
            TraceEventKind::Core {
                event: Event::Retransmission { seq, attempt, .. },
            } => {
                l.attempts.insert((e.side.index(), e.at.0, *seq), *attempt);
            }
            TraceEventKind::Core {
                event: Event::SegmentRejected { seq, flags, .. },
            } => {
                l.rejected
                    .insert((e.side.index(), e.at.0, *seq, flags.bits()));
            }
            _ => {}
        }
    }
    l
}

#[allow(clippy::too_many_arguments)]
fn build_arrows(
    trace: &Trace,
    tl: &Timeline,
    axis: &TimeAxis,
    cols: &super::build::Columns,
    typical: u64,
    end: u64,
    o: &LadderOptions,
) -> (Vec<Arrow>, Vec<Motion>) {
    let look = lookups(trace);
    let mut order: Vec<&SegmentRecord> = trace.segments.iter().collect();
    order.sort_by_key(|r| r.sent_at); // stable: sending order within an instant
    let mut arrows = Vec::with_capacity(order.len());
    let mut motions = Vec::with_capacity(order.len());
    for r in order {
        let (arrow, motion) = build_arrow(r, tl, axis, cols, typical, end, o, &look);
        arrows.push(arrow);
        motions.push(motion);
    }
    (arrows, motions)
}

#[allow(clippy::too_many_arguments)]
fn build_arrow(
    r: &SegmentRecord,
    tl: &Timeline,
    axis: &TimeAxis,
    cols: &Columns,
    typical: u64,
    end: u64,
    o: &LadderOptions,
    look: &Lookups,
) -> (Arrow, Motion) {
    let lang = o.lang;
    let x0 = side_x(&cols.lane_x, r.from);
    let xr = side_x(&cols.lane_x, r.from.other());
    let dist = xr - x0;
    let t0 = r.sent_at.0;
    // A segment that is not delivered travels at the typical speed until it stops.
    let part = |t1: u64, max: f32| {
        let f = (t1.saturating_sub(t0) as f64 / typical.max(1) as f64) as f32;
        x0 + dist * f.clamp(0.1, max)
    };
    let (fate, t1, x1) = match r.fate {
        Fate::Arrived { at } => (ArrowFate::Arrived, at.0.max(t0), xr),
        Fate::Lost { .. } => {
            let t1 = loss_instant(r, typical).map_or(t0, |t| t.0).max(t0);
            (ArrowFate::Lost, t1, part(t1, 0.85))
        }
        Fate::InFlight => {
            let t1 = end.max(t0);
            (ArrowFate::InFlight, t1, part(t1, 0.95))
        }
    };
    let x_at = |t: u64| -> f32 {
        if t1 <= t0 {
            return x1;
        }
        let f = (t.saturating_sub(t0) as f64 / (t1 - t0) as f64).min(1.0) as f32;
        x0 + (x1 - x0) * f
    };
    let mut points = Vec::with_capacity(2);
    points.push(Point::new(x0, axis.y_at_us(t0)));
    for &k in axis.knots_between(t0, t1) {
        points.push(Point::new(x_at(k), axis.y_at_us(k)));
    }
    points.push(Point::new(x1, axis.y_at_us(t1)));

    let last = points.len().saturating_sub(1);
    let tip = points.get(last).copied().unwrap_or_default();
    let prev = points
        .get(last.saturating_sub(1))
        .copied()
        .unwrap_or_default();
    let head = match fate {
        ArrowFate::Arrived => unit(prev, tip).map(|(ux, uy)| {
            let (bx, by) = (tip.x - 9.0 * ux, tip.y - 9.0 * uy);
            [
                tip,
                Point::new(bx - 3.5 * uy, by + 3.5 * ux),
                Point::new(bx + 3.5 * uy, by - 3.5 * ux),
            ]
        }),
        _ => None,
    };
    let cross = (fate == ArrowFate::Lost).then(|| {
        let s = 5.0;
        [
            Point::new(tip.x - s, tip.y - s),
            Point::new(tip.x + s, tip.y + s),
            Point::new(tip.x - s, tip.y + s),
            Point::new(tip.x + s, tip.y - s),
        ]
    });

    // The label sits 30 % of the way across (at most half-way along a short path).
    let covered = if (x1 - x0).abs() > 1e-3 {
        (0.3 * dist.abs() / (x1 - x0).abs()).min(0.5)
    } else {
        0.0
    };
    let tl_at = t0 + ((t1 - t0) as f64 * f64::from(covered)) as u64;
    let p = Point::new(x_at(tl_at), axis.y_at_us(tl_at));
    let seg_i = points.iter().rposition(|q| q.y <= p.y).unwrap_or(0);
    let a = points.get(seg_i).copied().unwrap_or(p);
    let b = points.get(seg_i + 1).copied().unwrap_or(tip);
    let (a, b) = if unit(a, b).is_some() {
        (a, b)
    } else {
        (points.first().copied().unwrap_or(p), tip)
    };
    let label = along(segment_label(r, tl, o.seq), p, a, b, 4.0);

    let retransmission = r.reason == SendReason::Retransmission;
    let attempt = look
        .attempts
        .get(&(r.from.index(), t0, r.segment.seq))
        .copied();
    let tag_text = if retransmission {
        Some(match attempt {
            Some(n) => render(Key::TagRetxN, lang, &[("n", &n.to_string())]),
            None => text(Key::TagRetx, lang).to_string(),
        })
    } else {
        r.duplicate_of
            .map(|d| render(Key::TagDup, lang, &[("n", &d.to_string())]))
    };
    let tag = tag_text.map(|t| along(t, p, a, b, -11.0));
    let rejected = matches!(r.fate, Fate::Arrived { at } if look.rejected.contains(&(
        r.from.other().index(),
        at.0,
        r.segment.seq,
        r.segment.flags.bits()
    )));

    let kind = kind_of(r.segment.flags, r.segment.payload.len());
    let mut class = format!("seg {}", kind.class());
    if retransmission {
        class.push_str(" retx");
    }
    match fate {
        ArrowFate::Lost => class.push_str(" lost"),
        ArrowFate::InFlight => class.push_str(" inflight"),
        ArrowFate::Arrived => {}
    }
    if r.duplicate_of.is_some() {
        class.push_str(" dup");
    }
    if rejected {
        class.push_str(" rejected");
    }
    let arrow = Arrow {
        id: r.id,
        from: r.from,
        kind,
        fate,
        retransmission,
        duplicate: r.duplicate_of.is_some(),
        rejected,
        t0: Instant(t0),
        t1: Instant(t1),
        points,
        head,
        cross,
        label,
        tag,
        class,
    };
    (arrow, (t0, t1, x0, x1))
}

/// "SYN-SENT" → "st-syn-sent".
fn state_class(s: State) -> String {
    let mut c = String::from("band st-");
    c.push_str(&s.rfc_name().to_ascii_lowercase());
    c
}

fn build_bands(
    tl: &Timeline,
    axis: &TimeAxis,
    cols: &Columns,
    start: u64,
    end: u64,
) -> Vec<StateBand> {
    let mut bands = Vec::new();
    for side in Side::BOTH {
        let x = side_x(&cols.lane_x, side);
        let (lx, anchor) = match side {
            Side::Client => (x - cols.band_w / 2.0 - 5.0, Anchor::End),
            Side::Server => (x + cols.band_w / 2.0 + 5.0, Anchor::Start),
        };
        // (state, from) spans; zero-length ones (two changes at one instant) are skipped,
        // except the last, which shows the final state.
        let mut spans: Vec<(State, u64, u64)> = Vec::new();
        let mut cur = (tl.initial[side.index()], start);
        for tr in &tl.transitions[side.index()] {
            let at = tr.at.0.clamp(start, end);
            if at > cur.1 {
                spans.push((cur.0, cur.1, at));
            }
            cur = (tr.to, at);
        }
        spans.push((cur.0, cur.1, end.max(cur.1)));
        let mut label_y = f32::MIN;
        for (state, t0, t1) in spans {
            let (y0, y1) = (axis.y_at_us(t0), axis.y_at_us(t1));
            label_y = (y0 + 11.0).max(label_y + 13.0);
            bands.push(StateBand {
                side,
                state,
                t0: Instant(t0),
                t1: Instant(t1),
                x: x - cols.band_w / 2.0,
                y: y0,
                w: cols.band_w,
                h: y1 - y0,
                label: Label {
                    text: state.rfc_name().to_string(),
                    at: Point::new(lx, label_y),
                    anchor,
                    angle: 0.0,
                },
                class: state_class(state),
            });
        }
    }
    bands
}

fn build_timers(
    trace: &Trace,
    axis: &TimeAxis,
    cols: &Columns,
    end: u64,
    lang: Lang,
) -> Vec<TimerBar> {
    // Open bars per (side, kind): (armed, deadline).
    let mut open: [[Option<(u64, u64)>; 4]; 2] = [[None; 4]; 2];
    let mut spans: Vec<(Side, TimerKind, u64, u64, u64, TimerEnd)> = Vec::new();
    for e in &trace.events {
        let TraceEventKind::Core { event } = &e.kind else {
            continue;
        };
        let (kind, armed_to) = match event {
            Event::TimerArmed { timer, at, .. } => (*timer, Some(at.0)),
            Event::TimerFired { timer } | Event::TimerCancelled { timer } => (*timer, None),
            _ => continue,
        };
        let Some(slot) = open
            .get_mut(e.side.index())
            .and_then(|s| s.get_mut(timer_col(kind)))
        else {
            continue;
        };
        if let Some((armed, deadline)) = slot.take() {
            let how = match (event, armed_to) {
                (_, Some(_)) => TimerEnd::Rearmed,
                (Event::TimerFired { .. }, _) => TimerEnd::Fired,
                _ => TimerEnd::Cancelled,
            };
            spans.push((e.side, kind, armed, deadline, e.at.0, how));
        }
        if let Some(deadline) = armed_to {
            *slot = Some((e.at.0, deadline.max(e.at.0)));
        }
    }
    for side in Side::BOTH {
        for kind in TimerKind::ALL {
            if let Some((armed, deadline)) = open
                .get(side.index())
                .and_then(|s| s.get(timer_col(kind)))
                .copied()
                .flatten()
            {
                spans.push((
                    side,
                    kind,
                    armed,
                    deadline,
                    end.max(armed),
                    TimerEnd::Pending,
                ));
            }
        }
    }
    spans.retain(|s| s.4 > s.2);
    spans.sort_by_key(|s| s.2);
    spans
        .into_iter()
        .map(|(side, kind, armed, deadline, stop, how)| {
            let x = cols
                .timer_x
                .get(side.index())
                .and_then(|c| c.get(timer_col(kind)))
                .copied()
                .unwrap_or(0.0);
            let (y0, y1) = (axis.y_at_us(armed), axis.y_at_us(stop));
            let text = format!(
                "{} {}",
                timer_name(kind, lang),
                fmt::duration(deadline - armed)
            );
            // ~6 px per character at the 10 px font the labels use.
            let fits = (y1 - y0) >= 6.0 * text.chars().count() as f32 + 4.0;
            let how_class = match how {
                TimerEnd::Fired => "fired",
                TimerEnd::Cancelled => "cancelled",
                TimerEnd::Rearmed => "rearmed",
                TimerEnd::Pending => "pending",
            };
            TimerBar {
                side,
                timer: kind,
                armed: Instant(armed),
                deadline: Instant(deadline),
                stop: Instant(stop),
                end: how,
                x,
                y: y0,
                w: cols.timer_w,
                h: y1 - y0,
                y_deadline: axis.y_at_us(deadline.min(end)),
                label: Label {
                    text,
                    at: Point::new(x + cols.timer_w + 2.0, y0 + 2.0),
                    anchor: Anchor::Start,
                    angle: 90.0,
                },
                label_fits: fits,
                class: format!("timer tm-{} {how_class}", timer_class(kind)),
            }
        })
        .collect()
}

fn timer_class(kind: TimerKind) -> &'static str {
    match kind {
        TimerKind::Retransmit => "retransmit",
        TimerKind::DelayedAck => "delayed-ack",
        TimerKind::TimeWait => "time-wait",
        TimerKind::FinWait2 => "fin-wait-2",
    }
}

/// A round step (1, 2 or 5 × 10^k µs) of at least `min_us`.
fn nice_step(min_us: f64) -> u64 {
    let mut base: u64 = 1;
    for _ in 0..13 {
        for m in [1u64, 2, 5] {
            let s = base.saturating_mul(m);
            if s as f64 >= min_us {
                return s;
            }
        }
        base = base.saturating_mul(10);
    }
    base
}

fn build_ticks(axis: &TimeAxis, cols: &Columns) -> Vec<Tick> {
    const MIN_TICK_PX: f64 = 56.0;
    let step = nice_step(MIN_TICK_PX / axis.px_per_us.max(1e-12));
    let mut ticks: Vec<Tick> = Vec::new();
    let push = |t: u64, ticks: &mut Vec<Tick>| {
        let y = axis.y_at_us(t);
        if ticks.last().is_some_and(|l| l.t.0 >= t || y - l.y < 16.0) {
            return;
        }
        ticks.push(Tick {
            t: Instant(t),
            y,
            x0: cols.grid_x0,
            x1: cols.grid_x1,
            label: Label {
                text: fmt::tick(t, step),
                at: Point::new(cols.axis_label_x, y + 3.5),
                anchor: Anchor::End,
                angle: 0.0,
            },
        });
    };
    for (t0, t1, _, _, compressed) in axis.pieces() {
        if compressed {
            continue;
        }
        let mut t = t0.div_ceil(step).saturating_mul(step);
        while t <= t1 {
            push(t, &mut ticks);
            t = t.saturating_add(step);
        }
    }
    if axis.knots_t.len() == 1 {
        push(axis.start(), &mut ticks);
    }
    ticks
}

fn build_breaks(axis: &TimeAxis, cols: &Columns, width: f32) -> Vec<AxisBreak> {
    axis.pieces()
        .filter(|p| p.4)
        .map(|(t0, t1, y0, y1, _)| {
            let h = y1 - y0;
            let zig = |y: f32| {
                let mut v = Vec::new();
                let mut x = cols.grid_x0;
                let mut up = true;
                while x < cols.grid_x1 {
                    v.push(Point::new(x, y + if up { -3.0 } else { 3.0 }));
                    up = !up;
                    x += 6.0;
                }
                v.push(Point::new(cols.grid_x1, y));
                v
            };
            AxisBreak {
                t0: Instant(t0),
                t1: Instant(t1),
                y0,
                y1,
                zigzag: [zig(y0 + 0.3 * h), zig(y1 - 0.3 * h)],
                label: Label {
                    text: format!("… {} …", fmt::duration(t1 - t0)),
                    at: Point::new(width / 2.0, y0 + h / 2.0 + 4.0),
                    anchor: Anchor::Middle,
                    angle: 0.0,
                },
            }
        })
        .collect()
}
