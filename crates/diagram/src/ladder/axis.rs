//! Time → y: a monotonic piecewise-linear map through "knots" (instant, y).
//!
//! Between consecutive key instants (anything drawn happens at one) the height is the gap
//! times the base scale (`unit_px` per typical transit), except that
//! - a gap too short to separate two labels is stretched to `min_step_px`;
//! - a quiet gap longer than `compress_factor` typical transits is compressed to
//!   `break_px` (plus a little per doubling of the gap) and marked as an axis break.
//!
//! Consecutive pieces with the same slope are merged, so arrows bend only where the scale
//! really changes. Every query is a binary search over the knots.

use crate::math::log2;
use crate::LadderOptions;
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::Instant;

/// The time axis of one ladder.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TimeAxis {
    /// Knot instants in µs, strictly increasing (at least one).
    pub knots_t: Vec<u64>,
    /// Knot y values, strictly increasing, same length as `knots_t`.
    pub knots_y: Vec<f32>,
    /// For each piece between knot i and i+1: is it a compressed gap?
    pub compressed: Vec<bool>,
    /// The base scale, px per µs.
    pub px_per_us: f64,
}

impl TimeAxis {
    /// Build from the sorted, deduplicated key instants (µs), the first drawn at `top`.
    pub fn new(keys: &[u64], typical_us: u64, top: f32, o: &LadderOptions) -> TimeAxis {
        let typical = typical_us.max(1) as f64;
        let unit = if o.unit_px.is_finite() && o.unit_px > 0.0 {
            o.unit_px
        } else {
            72.0
        };
        let px_per_us = f64::from(unit) / typical;
        let threshold = f64::from(o.compress_factor.max(1.0)) * typical;
        let min_step = if o.min_step_px.is_finite() {
            o.min_step_px.max(0.0)
        } else {
            0.0
        };
        let break_px = if o.break_px.is_finite() && o.break_px > 0.0 {
            o.break_px
        } else {
            56.0
        };

        let mut ax = TimeAxis {
            knots_t: Vec::with_capacity(keys.len()),
            knots_y: Vec::with_capacity(keys.len()),
            compressed: Vec::new(),
            px_per_us,
        };
        let Some(&first) = keys.first() else {
            ax.knots_t.push(0);
            ax.knots_y.push(top);
            return ax;
        };
        ax.knots_t.push(first);
        ax.knots_y.push(top);
        let mut last_t = first;
        let mut y = top;
        for &t in keys.iter().skip(1) {
            if t <= last_t {
                continue; // not sorted or duplicate: skip, keeping the map monotonic
            }
            let gap = (t - last_t) as f64;
            let linear = (gap * px_per_us) as f32;
            let compressed_h = break_px * (1.0 + 0.12 * log2((gap / threshold) as f32).min(8.0));
            let (h, compressed) = if gap > threshold && compressed_h < linear {
                (compressed_h, true)
            } else {
                (linear.max(min_step).max(0.01), false)
            };
            y += h;
            ax.push_piece(t, y, compressed);
            last_t = t;
        }
        ax
    }

    /// Append a piece ending at (t, y), merging it into the previous one when both are
    /// uncompressed and have the same slope.
    fn push_piece(&mut self, t: u64, y: f32, compressed: bool) {
        let n = self.knots_t.len();
        if n >= 2 && !compressed && self.compressed.last() == Some(&false) {
            if let (Some(&t0), Some(&t1), Some(&y0), Some(&y1)) = (
                self.knots_t.get(n - 2),
                self.knots_t.get(n - 1),
                self.knots_y.get(n - 2),
                self.knots_y.get(n - 1),
            ) {
                let s_prev = f64::from(y1 - y0) / (t1 - t0) as f64;
                let s_new = f64::from(y - y1) / (t - t1) as f64;
                if (s_prev - s_new).abs() <= s_prev.abs() * 1e-4 {
                    if let (Some(lt), Some(ly)) = (self.knots_t.last_mut(), self.knots_y.last_mut())
                    {
                        *lt = t;
                        *ly = y;
                    }
                    return;
                }
            }
        }
        self.knots_t.push(t);
        self.knots_y.push(y);
        self.compressed.push(compressed);
    }

    pub fn start(&self) -> u64 {
        self.knots_t.first().copied().unwrap_or(0)
    }

    pub fn end(&self) -> u64 {
        self.knots_t.last().copied().unwrap_or(0)
    }

    pub fn top(&self) -> f32 {
        self.knots_y.first().copied().unwrap_or(0.0)
    }

    pub fn bottom(&self) -> f32 {
        self.knots_y.last().copied().unwrap_or(0.0)
    }

    /// y of instant `t`, clamped to the axis.
    pub fn y_at(&self, t: Instant) -> f32 {
        self.y_at_us(t.0)
    }

    pub fn y_at_us(&self, t: u64) -> f32 {
        let k = self.knots_t.partition_point(|&k| k <= t);
        let (Some(i), Some(&t1), Some(&y1)) =
            (k.checked_sub(1), self.knots_t.get(k), self.knots_y.get(k))
        else {
            return if k == 0 { self.top() } else { self.bottom() };
        };
        let (Some(&t0), Some(&y0)) = (self.knots_t.get(i), self.knots_y.get(i)) else {
            return self.top();
        };
        let f = (t - t0) as f64 / (t1 - t0).max(1) as f64;
        (f64::from(y0) + f * f64::from(y1 - y0)) as f32
    }

    /// The instant at height `y` (the inverse map, for scrubbing), clamped to the axis.
    pub fn t_at(&self, y: f32) -> Instant {
        if y.is_nan() {
            return Instant(self.start());
        }
        let k = self.knots_y.partition_point(|&k| k <= y);
        let (Some(i), Some(&t1), Some(&y1)) =
            (k.checked_sub(1), self.knots_t.get(k), self.knots_y.get(k))
        else {
            return Instant(if k == 0 { self.start() } else { self.end() });
        };
        let (Some(&t0), Some(&y0)) = (self.knots_t.get(i), self.knots_y.get(i)) else {
            return Instant(self.start());
        };
        let h = f64::from(y1 - y0);
        let f = if h > 0.0 { f64::from(y - y0) / h } else { 0.0 };
        let dt = (f * (t1 - t0) as f64 + 0.5) as u64;
        Instant(t0.saturating_add(dt).min(t1))
    }

    /// The pieces as (t0, t1, y0, y1, compressed).
    pub fn pieces(&self) -> impl Iterator<Item = (u64, u64, f32, f32, bool)> + '_ {
        self.knots_t
            .windows(2)
            .zip(self.knots_y.windows(2))
            .zip(&self.compressed)
            .filter_map(|((t, y), c)| match (t, y) {
                ([t0, t1], [y0, y1]) => Some((*t0, *t1, *y0, *y1, *c)),
                _ => None,
            })
    }

    /// Knot instants strictly between `t0` and `t1`: where a straight path bends.
    pub fn knots_between(&self, t0: u64, t1: u64) -> &[u64] {
        let a = self.knots_t.partition_point(|&k| k <= t0);
        let b = self.knots_t.partition_point(|&k| k < t1);
        self.knots_t.get(a..b.max(a)).unwrap_or(&[])
    }
}
