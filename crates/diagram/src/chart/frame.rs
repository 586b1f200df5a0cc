//! The playhead-dependent part of the window chart: O(log n) per frame.

use super::{Quantity, WindowChart};
use crate::geom::Point;
use serde::Serialize;
use synack_core::Instant;

/// One series at the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesFrame {
    pub quantity: Quantity,
    /// Draw `series.path[..visible]` and then `tip`: the line up to the playhead.
    pub visible: usize,
    /// Where the line meets the playhead (absent before the series starts).
    pub tip: Option<Point>,
    /// Its value at the playhead, in bytes.
    pub value: Option<u32>,
}

/// Everything of the chart that depends on the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartFrame {
    pub t: Instant,
    /// x of the playhead (clamped to the plot).
    pub x: f32,
    /// The playhead line, top to bottom of the plot.
    pub playhead: [Point; 2],
    /// `samples[..samples_shown]` are at or before t.
    pub samples_shown: usize,
    /// In `Quantity::ALL` order.
    pub series: [SeriesFrame; 4],
    /// `marks[..marks_shown]` are at or before t.
    pub marks_shown: usize,
    /// Index into `ca_phases` / `limits` of the span at t.
    pub ca_phase: Option<usize>,
    pub limit: Option<usize>,
}

impl WindowChart {
    /// The chart at playhead `t`: O(log n).
    pub fn frame(&self, t: Instant) -> ChartFrame {
        let x = self.x.px_clamped(t.0);
        let k = self.samples.partition_point(|s| s.t <= t);
        let series = Quantity::ALL.map(|q| {
            let s = self
                .series
                .iter()
                .find(|s| s.quantity == q)
                .filter(|s| k > s.first && !s.path.is_empty());
            match s {
                Some(s) => {
                    // Sample `first + i` is path point 2i.
                    let last = k - 1 - s.first;
                    let visible = (2 * last + 1).min(s.path.len());
                    let y = s.path.get(visible.saturating_sub(1)).map_or(0.0, |p| p.y);
                    SeriesFrame {
                        quantity: q,
                        visible,
                        tip: Some(Point::new(x, y)),
                        value: self.samples.get(k - 1).and_then(|v| v.value(q)),
                    }
                }
                None => SeriesFrame {
                    quantity: q,
                    visible: 0,
                    tip: None,
                    value: None,
                },
            }
        });
        // Spans are in time order and do not overlap: the last one starting at or before t,
        // if t is inside it.
        fn span_at<K>(spans: &[super::Span<K>], t: Instant) -> Option<usize> {
            let i = spans.partition_point(|s| s.t0 <= t).checked_sub(1)?;
            spans.get(i).filter(|s| t <= s.t1).map(|_| i)
        }
        ChartFrame {
            t,
            x,
            playhead: [Point::new(x, self.plot[1]), Point::new(x, self.plot[3])],
            samples_shown: k,
            series,
            marks_shown: self.marks.partition_point(|m| m.t <= t),
            ca_phase: span_at(&self.ca_phases, t),
            limit: span_at(&self.limits, t),
        }
    }
}
