//! Building the static geometry of a ladder, once per trace.

use super::axis::TimeAxis;
use super::collapse;
use super::estimate;
use super::flights::{Collapsed, Flights};
use super::index::IntervalIndex;
use super::place::{first_spot, place_labels, unit, Along, Room, ABOVE, BELOW};
use super::rows;
use super::scan::{self, timer_col, OpenTimers, TimerSpan};
use super::{
    Arrow, ArrowFate, ArrowKind, AxisBreak, Ladder, Lane, StateBand, Tick, TimerBar, TimerEnd,
};
use crate::geom::{font, Anchor, Label, Point, TextBox};
use crate::labels::segment_label;
use crate::narrate::{render, text, timer_name, Key};
use crate::steps::Steps;
use crate::timeline::{of, Timeline};
use crate::transit::{loss_instant, typical_transit_us};
use crate::{fmt, LadderOptions, Lang};
use alloc::borrow::Cow;
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use synack_core::{Flags, Instant, LinuxTimer, SendReason, State, TimerKind};
use synack_sim::{Estimated, Fate, SegmentRecord, Side, Trace};
use synack_text::order::sort_by_u64;

/// Where things sit across the drawing.
pub(super) struct Columns {
    pub lane_x: [f32; 2],
    pub grid_x0: f32,
    pub grid_x1: f32,
    pub axis_label_x: f32,
    pub band_w: f32,
    /// Left edge of each timer kind's column, per side.
    pub timer_x: [[f32; LinuxTimer::COUNT]; 2],
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

/// The first y of the time axis (room above for the lane titles).
const TOP: f32 = 64.0;
const BOTTOM_MARGIN: f32 = 28.0;

fn side_x<T: Copy>(v: &[T; 2], side: Side) -> T {
    *of(v, side)
}

impl Ladder {
    /// Lay out the whole trace, every segment its own arrow. O(n log n) in the trace's size.
    pub fn new(trace: &Trace, opts: &LadderOptions) -> Ladder {
        Ladder::build(trace, opts, &Flights::default(), &Collapsed::none())
    }

    /// Lay out the whole trace with the flights `collapsed` says drawn as bands (see
    /// [`Flights`]): their members share one row per instant, instants only they occupy get
    /// no row of their own, and each becomes a [`super::FlightBand`]. With nothing collapsed
    /// this is [`Ladder::new`].
    pub fn with_flights(
        trace: &Trace,
        opts: &LadderOptions,
        flights: &Flights,
        collapsed: &Collapsed,
    ) -> Ladder {
        Ladder::build(trace, opts, flights, collapsed)
    }

    fn build(
        trace: &Trace,
        opts: &LadderOptions,
        flights: &Flights,
        collapsed: &Collapsed,
    ) -> Ladder {
        let mut o = opts.clone();
        if !o.width.is_finite() || o.width < 600.0 {
            o.width = 600.0;
        }
        let lang = o.lang;
        let timeline = Timeline::new(trace);
        let typical = typical_transit_us(trace);
        let scan::Scan {
            mut times,
            in_order,
            attempts,
            rejected,
            timer_spans,
            timers_open,
        } = scan::scan(trace);
        let steps = Steps::with(trace, typical, &timeline, in_order);
        let cols = Columns::new(o.width);

        // Every instant something is drawn at, with the rows it needs.
        let groups = collapse::groups(trace, flights, collapsed);
        let (slots, rows) = rows::slots(trace, typical, &groups);
        // The events are in time order already (a hand-made trace may not be).
        let end_last = match times.as_slice() {
            [.., a, b] => a <= b,
            _ => true,
        };
        if !(in_order && end_last) {
            synack_text::order::sort_pairs(&mut times);
        }
        let mut keys = rows::merge_sorted(&times, &rows);
        if !groups.is_empty() {
            let drop = collapse::droppable_instants(trace, flights, &groups);
            let last = trace.end.0;
            keys.retain(|k| k.0 == last || !collapse::holds(&drop, k.0));
        }
        let start = keys.first().map_or(0, |k| k.0);
        let end = keys.last().map_or(0, |k| k.0);
        let axis = TimeAxis::new(&keys, typical, TOP, &o);

        let look = lookups(trace, attempts, rejected);
        let mut arrows = build_arrows(
            trace, &look, &timeline, &axis, &cols, typical, end, &o, &slots,
        );
        let breaks = build_breaks(&axis, &cols, o.width);
        let [lc, ls] = cols.lane_x;
        let clear = cols.band_w / 2.0 + 3.0;
        let room = Room {
            lo: lc.min(ls) + clear,
            hi: lc.max(ls) - clear,
        };
        let mut flight_bands = Vec::new();
        let label_boxes = if groups.is_empty() {
            place_labels(arrows.iter_mut().collect(), &room)
        } else {
            flight_bands = collapse::bands(&mut arrows, flights, &groups, &timeline, o.seq);
            collapse::place_with_bands(&mut arrows, &mut flight_bands, &room)
        };
        let bands = build_bands(&timeline, &axis, &cols, start, end);
        let timers = build_timers(timer_spans, &timers_open, &axis, &cols, end, lang);
        let ticks = build_ticks(&axis, &cols);

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
                    text: host.label(),
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

        let arrow_index = IntervalIndex::new(arrows.iter().map(|a| (a.t0.0, a.t1.0)));
        let timer_index = IntervalIndex::new(timers.iter().map(|b| (b.armed.0, b.stop.0)));
        let mut side_bands: [Vec<u32>; 2] = [Vec::new(), Vec::new()];
        for (i, b) in (0u32..).zip(&bands) {
            if let Some(v) = side_bands.get_mut(b.side.index()) {
                v.push(i);
            }
        }
        let mut ladder = Ladder {
            width: o.width,
            height: y1 + BOTTOM_MARGIN,
            options: o,
            lanes,
            arrows,
            bands,
            timers,
            ticks,
            breaks,
            flights: flight_bands,
            axis,
            steps,
            timeline,
            start: Instant(start),
            end: Instant(end),
            typical_transit_us: typical,
            arrow_index,
            timer_index,
            side_bands,
        };
        ladder.settle_break_labels(&label_boxes);
        ladder
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

/// Whether `r` carries sequence space its side had sent before (RFC 9293 §3.10.7.4's
/// "retransmission": anything at or above SEG.SEQ already sent).
fn resends(trace: &Trace, r: &SegmentRecord) -> bool {
    let seq = r.segment.seq;
    trace.segments.iter().take_while(|o| o.id != r.id).any(|o| {
        o.from == r.from
            && !o.segment.payload.is_empty()
            && synack_core::seq::seq_le(o.segment.seq, seq)
            && synack_core::seq::seq_gt(
                o.segment.seq.wrapping_add(o.segment.payload.len() as u32),
                seq,
            )
    })
}

struct Lookups {
    /// (side, sent at, seq) → retransmission attempt.
    attempts: BTreeMap<(usize, u64, u32), u8>,
    /// (receiving side, at, seq, flags) of rejected segments.
    rejected: BTreeSet<(usize, u64, u32, u8)>,
    /// Tail loss probes that repeat data sent before (not new data).
    probe_resends: BTreeSet<u32>,
}

fn lookups(
    trace: &Trace,
    attempts: BTreeMap<(usize, u64, u32), u8>,
    rejected: BTreeSet<(usize, u64, u32, u8)>,
) -> Lookups {
    Lookups {
        attempts,
        rejected,
        probe_resends: trace
            .segments
            .iter()
            .filter(|r| r.reason == SendReason::LossProbe && resends(trace, r))
            .map(|r| r.id)
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
fn build_arrows(
    trace: &Trace,
    look: &Lookups,
    tl: &Timeline,
    axis: &TimeAxis,
    cols: &super::build::Columns,
    typical: u64,
    end: u64,
    o: &LadderOptions,
    slots: &[(u32, u32)],
) -> Vec<Arrow> {
    let mut order: Vec<(usize, &SegmentRecord)> = trace.segments.iter().enumerate().collect();
    sort_by_u64(&mut order, |(_, r)| r.sent_at.0); // stable: sending order within an instant
                                                   // Retransmission numbers: the core's count, where it told one for this sending; a second
                                                   // resend of the same sequence number at the same instant (a SYN,ACK sent again by its
                                                   // timer and again in answer to a retransmitted SYN, as Linux's inet_rtx_syn_ack counts
                                                   // it) is the next number, not the same one. (Few segments are resent: plain lists.)
    let mut told: Vec<(usize, u64, u32)> = Vec::new();
    let mut last: Vec<((usize, u32), u8)> = Vec::new();
    // Pushed one by one into a list sized once: an arrow is some 300 bytes, and an iterator's
    // `collect` moved each of them three times.
    let mut arrows = Vec::with_capacity(order.len());
    for (i, r) in order {
        let rows = slots.get(i).copied().unwrap_or((0, 0));
        let key = (r.from.index(), r.sent_at.0, r.segment.seq);
        let by_seq = (r.from.index(), r.segment.seq);
        let attempt = match look.attempts.get(&key) {
            Some(&n) if !told.contains(&key) => {
                told.push(key);
                Some(n)
            }
            _ => last
                .iter()
                .rev()
                .find(|(k, _)| *k == by_seq)
                .map(|(_, n)| n.saturating_add(1)),
        };
        arrows.push(build_arrow(
            r, tl, axis, cols, typical, end, o, look, rows, attempt,
        ));
        if let (Some(true), Some(n)) = (arrows.last().map(|a| a.retransmission), attempt) {
            last.push((by_seq, n));
        }
    }
    arrows
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
    rows: (u32, u32),
    attempt: Option<u8>,
) -> Arrow {
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
    // A straight line: where the time axis stretches short gaps (`min_step_px`), segments
    // sent back to back stay parallel instead of merging, and the dot of a moving segment
    // is where the line crosses the playhead (see `Ladder::frame`).
    let y1 = match fate {
        ArrowFate::InFlight => axis.y_at_us(t1),
        _ => axis.slot_y(t1, rows.1),
    };
    let start = Point::new(x0, axis.slot_y(t0, rows.0));
    let tip = Point::new(x1, y1);
    let points = [start, tip];
    // The line's direction, for its head and its labels.
    let dir = unit(start, tip);
    let head = match fate {
        ArrowFate::Arrived => dir.map(|(ux, uy)| {
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

    // Every resend is drawn as one: after an RTO, a fast retransmit (duplicate ACKs or the
    // SACK scoreboard), a RACK-marked loss, and a tail loss probe that repeats the last
    // segment (a probe with new data is not a resend).
    let retransmission = match r.reason {
        SendReason::Retransmission | SendReason::FastRetransmit | SendReason::RackRetransmit => {
            true
        }
        SendReason::LossProbe => look.probe_resends.contains(&r.id),
        _ => false,
    };
    let tag_text = if retransmission {
        Some(match attempt {
            Some(n) => render(Key::TagRetxN, lang, &[("n", &n.to_string())]),
            None => text(Key::TagRetx, lang).to_string(),
        })
    } else if r.injected {
        Some(text(Key::TagInjected, lang).to_string())
    } else {
        r.duplicate_of
            .map(|d| render(Key::TagDup, lang, &[("n", &d.to_string())]))
    };
    let rejected = matches!(r.fate, Fate::Arrived { at } if look.rejected.contains(&(
        r.from.other().index(),
        at.0,
        r.segment.seq,
        r.segment.flags.bits()
    )));

    let kind = kind_of(r.segment.flags, r.segment.payload.len());
    let estimated = estimate::estimated_end(r, start, tip, cols.band_w, lang);
    let plain = !retransmission
        && fate == ArrowFate::Arrived
        && r.duplicate_of.is_none()
        && !r.injected
        && !rejected
        && estimated.is_none();
    let class: Cow<'static, str> = if plain {
        Cow::Borrowed(plain_class(kind))
    } else {
        let mut class = String::with_capacity(40);
        class.push_str("seg ");
        class.push_str(kind.class());
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
        if r.injected {
            class.push_str(" injected");
        }
        if rejected {
            class.push_str(" rejected");
        }
        match estimated.as_ref().map(|e| e.which) {
            Some(Estimated::Arrival) => class.push_str(" est-arrival"),
            Some(Estimated::Sent) => class.push_str(" est-sent"),
            None => {}
        }
        Cow::Owned(class)
    };
    let p = first_spot(&points, dist.abs());
    let along = Along::of_unit(dir);
    let label = along.label(segment_label(r, tl, o.seq), p, ABOVE);
    let tag = tag_text.map(|t| along.label(t, p, BELOW));
    Arrow {
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
        label_more: None,
        tag,
        label_shown: true,
        class,
        flight: None,
        estimated,
    }
}

/// The classes of an arrow that arrived and is nothing else (not resent, duplicated,
/// injected, rejected or estimated): `"seg "` and its kind's class.
fn plain_class(kind: ArrowKind) -> &'static str {
    match kind {
        ArrowKind::Syn => "seg syn",
        ArrowKind::SynAck => "seg synack",
        ArrowKind::Ack => "seg ack",
        ArrowKind::Data => "seg data",
        ArrowKind::Fin => "seg fin",
        ArrowKind::Rst => "seg rst",
        ArrowKind::Other => "seg other",
    }
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
        let mut cur = (*of(&tl.initial, side), start);
        for tr in of(&tl.transitions, side) {
            let at = tr.at.0.clamp(start, end);
            if at > cur.1 {
                spans.push((cur.0, cur.1, at));
            }
            cur = (tr.to, at);
        }
        spans.push((cur.0, cur.1, end.max(cur.1)));
        let mut label_y = f32::MIN;
        for (state, t0, t1) in spans {
            let (y0, y1) = (axis.slot_y(t0, 0), axis.slot_y(t1, 0));
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
    mut spans: Vec<TimerSpan>,
    open: &OpenTimers,
    axis: &TimeAxis,
    cols: &Columns,
    end: u64,
    lang: Lang,
) -> Vec<TimerBar> {
    // What is still armed at the end: one bar per column (kinds that share a Linux timer
    // share its column, and only the last one armed is running).
    for side in Side::BOTH {
        for (kind, armed, deadline) in open
            .get(side.index())
            .into_iter()
            .flatten()
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
    spans.retain(|s| s.4 > s.2);
    sort_by_u64(&mut spans, |s| s.2);
    spans
        .into_iter()
        .map(|(side, kind, armed, deadline, stop, how)| {
            let x = cols
                .timer_x
                .get(side.index())
                .and_then(|c| c.get(timer_col(kind)))
                .copied()
                .unwrap_or(0.0);
            let (y0, y1) = (axis.slot_y(armed, 0), axis.slot_y(stop, 0));
            let text = format!(
                "{} {}",
                timer_name(kind, lang),
                fmt::duration(deadline - armed)
            );
            let fits = (y1 - y0) >= crate::geom::bold_text_width(&text, font::TIMER) + 4.0;
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
        TimerKind::Persist => "persist",
        TimerKind::Keepalive => "keepalive",
        TimerKind::LossProbe => "loss-probe",
        TimerKind::ReorderWait => "reorder-wait",
    }
}

fn build_ticks(axis: &TimeAxis, cols: &Columns) -> Vec<Tick> {
    const MIN_TICK_PX: f64 = 56.0;
    // A round step in µs, at most 10¹³ µs (about four months) however long the gap.
    let step =
        crate::scale::nice_step(MIN_TICK_PX / axis.px_per_us.max(1e-12)).min(10_000_000_000_000);
    // The axis breaks' grey bands, which would cover a label: a tick beside one writes its
    // label under or over its line instead of across it, or none if neither is clear.
    let bands: Vec<(f32, f32)> = axis.pieces().filter(|p| p.4).map(|p| (p.2, p.3)).collect();
    let (asc, desc) = (TextBox::ascent(font::TICK), TextBox::descent(font::TICK));
    let mut ticks: Vec<Tick> = Vec::new();
    let push = |t: u64, ticks: &mut Vec<Tick>| {
        let y = axis.y_at_us(t);
        let last = ticks.last();
        if last.is_some_and(|l| l.t.0 >= t || y - l.y < 16.0) {
            return;
        }
        let last_bottom = last.map_or(f32::MIN, |l| l.label.at.y + desc);
        // Across the line, under it, over it.
        let Some(baseline) = [y + 3.5, y + 3.0 + asc, y - 2.0 - desc]
            .into_iter()
            .find(|&b| {
                let (top, bottom) = (b - asc, b + desc);
                top > last_bottom && bands.iter().all(|&(y0, y1)| bottom <= y0 || top >= y1)
            })
        else {
            return;
        };
        ticks.push(Tick {
            t: Instant(t),
            y,
            x0: cols.grid_x0,
            x1: cols.grid_x1,
            label: Label {
                text: fmt::tick(t, step),
                at: Point::new(cols.axis_label_x, baseline),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_arrows_class_is_seg_and_its_kind() {
        for kind in [
            ArrowKind::Syn,
            ArrowKind::SynAck,
            ArrowKind::Ack,
            ArrowKind::Data,
            ArrowKind::Fin,
            ArrowKind::Rst,
            ArrowKind::Other,
        ] {
            assert_eq!(plain_class(kind), format!("seg {}", kind.class()));
        }
    }
}
