//! The playhead-dependent part of the ladder: cheap enough for every animation frame.

use super::Ladder;
use crate::geom::Point;
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Instant, State};
use synack_sim::Side;

/// An arrow in flight at the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moving {
    /// Index into `Ladder::arrows`.
    pub arrow: usize,
    /// The packet dot, on the playhead line.
    pub dot: Point,
    /// 0 at sending, 1 at arrival (or loss).
    pub progress: f32,
    /// The part of the arrow drawn so far: its points above the dot, then the dot.
    pub points: Vec<Point>,
}

/// A timer running at the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LiveTimer {
    /// Index into `Ladder::timers`.
    pub bar: usize,
    /// µs left until it would expire.
    pub remaining_us: u64,
    /// Fraction of its duration left, 1 → 0.
    pub fraction_left: f32,
}

/// How an arrow looks at the playhead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not sent yet: hidden or faint.
    Future,
    /// On its way: drawn up to its dot.
    Moving,
    /// Arrived, lost or (at the end) still in flight: drawn complete.
    Done,
}

/// Everything that depends on the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Frame {
    pub t: Instant,
    /// The playhead's y.
    pub y: f32,
    /// The playhead line across the drawing.
    pub playhead: [Point; 2],
    /// `arrows[..started]` have been sent; the rest are in the future.
    pub started: usize,
    /// The arrows in flight, by ascending index.
    pub moving: Vec<Moving>,
    /// Each side's state at t: [client, server].
    pub states: [State; 2],
    /// Index into `Ladder::bands` of each side's current band.
    pub bands: [Option<usize>; 2],
    pub timers: Vec<LiveTimer>,
    /// Index into `Ladder::steps` of the step showing (the last at or before t).
    pub step: Option<usize>,
    /// `flights[..flights_started]` (collapsed flights' bands) have begun; of those, the
    /// ones with `t1 > t` are still under way.
    pub flights_started: usize,
}

impl Frame {
    /// The phase of arrow `i`. O(log k).
    pub fn phase(&self, i: usize) -> Phase {
        if i >= self.started {
            Phase::Future
        } else if self.moving.binary_search_by_key(&i, |m| m.arrow).is_ok() {
            Phase::Moving
        } else {
            Phase::Done
        }
    }
}

impl Ladder {
    /// The frame at playhead `t`: O(log n + what is moving or running at t).
    pub fn frame(&self, t: Instant) -> Frame {
        let y = self.axis.y_at(t);
        let moving = self
            .arrow_index
            .active(t.0)
            .into_iter()
            .filter_map(|i| {
                let arrow = self.arrows.get(i)?;
                let a = arrow.points.first().copied()?;
                let b = arrow.points.last().copied()?;
                // Where the line crosses the playhead (by time if it is flat).
                let f = if b.y - a.y > 1e-3 {
                    ((y - a.y) / (b.y - a.y)).clamp(0.0, 1.0)
                } else if arrow.t1 > arrow.t0 {
                    (t.0.saturating_sub(arrow.t0.0) as f64 / (arrow.t1.0 - arrow.t0.0) as f64)
                        .min(1.0) as f32
                } else {
                    1.0
                };
                let dot = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
                let mut points: Vec<Point> = arrow
                    .points
                    .iter()
                    .copied()
                    .take_while(|p| p.y < y)
                    .collect();
                points.push(dot);
                Some(Moving {
                    arrow: i,
                    dot,
                    progress: f,
                    points,
                })
            })
            .collect();
        let timers = self
            .timer_index
            .active(t.0)
            .into_iter()
            .filter_map(|i| {
                let b = self.timers.get(i)?;
                let total = b.deadline.0.saturating_sub(b.armed.0);
                let remaining_us = b.deadline.0.saturating_sub(t.0);
                let fraction_left = if total > 0 {
                    (remaining_us as f64 / total as f64) as f32
                } else {
                    0.0
                };
                Some(LiveTimer {
                    bar: i,
                    remaining_us,
                    fraction_left,
                })
            })
            .collect();
        let band = |side: Side| {
            let list = self.side_bands.get(side.index())?;
            let k = list
                .partition_point(|&b| self.bands.get(b as usize).is_some_and(|band| band.t0 <= t));
            list.get(k.checked_sub(1)?).map(|&b| b as usize)
        };
        Frame {
            t,
            y,
            playhead: [Point::new(self.axis_x0(), y), Point::new(self.axis_x1(), y)],
            started: self.arrow_index.started(t.0),
            moving,
            states: [
                self.timeline.state_at(Side::Client, t),
                self.timeline.state_at(Side::Server, t),
            ],
            bands: [band(Side::Client), band(Side::Server)],
            timers,
            step: self.steps.index_at(t),
            flights_started: self.flights.partition_point(|b| b.t0 <= t),
        }
    }

    /// y of instant `t` (clamped to the drawn span).
    pub fn y_at(&self, t: Instant) -> f32 {
        self.axis.y_at(t)
    }

    /// The instant at height `y`, for scrubbing and clicks (clamped to the drawn span).
    pub fn t_at(&self, y: f32) -> Instant {
        self.axis.t_at(y)
    }

    fn axis_x0(&self) -> f32 {
        self.ticks.first().map_or(60.0, |t| t.x0)
    }

    fn axis_x1(&self) -> f32 {
        self.ticks.first().map_or(self.width - 12.0, |t| t.x1)
    }
}

impl Ladder {
    /// Step `index` told in `lang`, numbers shown per this ladder's sequence mode.
    pub fn narrate(
        &self,
        trace: &synack_sim::Trace,
        index: usize,
        lang: crate::Lang,
    ) -> crate::StepText {
        crate::narrate_step(
            trace,
            &self.steps,
            &self.timeline,
            index,
            lang,
            self.options.seq,
        )
    }

    /// `side`'s TCB rows at `t`, per this ladder's sequence mode.
    pub fn tcb_rows(
        &self,
        side: Side,
        t: Instant,
        lang: crate::Lang,
    ) -> Option<Vec<crate::TcbRow>> {
        crate::tcb_rows(&self.timeline, side, t, self.options.seq, lang)
    }
}
