//! Time → y: a monotonic piecewise-linear map through "knots" (instant, y).
//!
//! Between consecutive key instants (anything drawn happens at one) the height is the gap
//! times the base scale (`unit_px` per typical transit), except that
//! - a gap too short to separate two labels is stretched to `min_step_px`;
//! - a quiet gap longer than `compress_factor` typical transits is compressed to
//!   `break_px` (plus a little per doubling of the gap) and marked as an axis break.
//!
//! An instant at which several segments leave (or reach) one lane gets a *plateau*: time
//! stands still while y advances `min_step_px` per extra segment, so a burst of segments
//! sent at once is drawn as parallel arrows, one row each, not as one line. `y_at(t)` is the
//! bottom of the plateau (everything at `t` has happened); `slot_y(t, k)` is row `k`.
//!
//! Consecutive pieces with the same slope are merged. Every query is a binary search.

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
    /// y of each knot's first row (top of its plateau), strictly increasing.
    pub knots_y: Vec<f32>,
    /// Height of each knot's plateau (0 for an instant with one row).
    pub plateau_px: Vec<f32>,
    /// For each piece between knot i and i+1: is it a compressed gap?
    pub compressed: Vec<bool>,
    /// The base scale, px per µs.
    pub px_per_us: f64,
    /// Height of one row of a plateau.
    pub row_px: f32,
}

fn positive_or(v: f32, default: f32) -> f32 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        default
    }
}

impl TimeAxis {
    /// Build from the key instants (µs) with their row counts, sorted by instant; the
    /// first is drawn at `top`.
    pub fn new(keys: &[(u64, u32)], typical_us: u64, top: f32, o: &LadderOptions) -> TimeAxis {
        let typical = typical_us.max(1) as f64;
        let px_per_us = f64::from(positive_or(o.unit_px, 72.0)) / typical;
        let threshold = f64::from(o.compress_factor.max(1.0)) * typical;
        let min_step = if o.min_step_px.is_finite() {
            o.min_step_px.max(0.0)
        } else {
            0.0
        };
        let break_px = positive_or(o.break_px, 56.0);
        let mut ax = TimeAxis {
            px_per_us,
            row_px: min_step,
            ..TimeAxis::default()
        };
        let plateau = |rows: u32| min_step * rows.saturating_sub(1) as f32;
        let Some(&(first, rows)) = keys.first() else {
            ax.knots_t.push(0);
            ax.knots_y.push(top);
            ax.plateau_px.push(0.0);
            return ax;
        };
        ax.knots_t.push(first);
        ax.knots_y.push(top);
        ax.plateau_px.push(plateau(rows));
        let mut last_t = first;
        let mut y = top + plateau(rows);
        for &(t, rows) in keys.iter().skip(1) {
            if t < last_t {
                continue; // not sorted: skip, keeping the map monotonic
            }
            if t == last_t {
                // The same instant listed twice: keep the larger plateau.
                if let (Some(p), Some(&top)) = (ax.plateau_px.last_mut(), ax.knots_y.last()) {
                    if plateau(rows) > *p {
                        *p = plateau(rows);
                        y = top + *p;
                    }
                }
                continue;
            }
            let gap = (t - last_t) as f64;
            let linear = (gap * px_per_us) as f32;
            let compressed_h = break_px * (1.0 + 0.1 * log2((gap / threshold) as f32).min(8.0));
            let (h, compressed) = if gap > threshold && compressed_h < linear {
                (compressed_h, true)
            } else {
                (linear.max(min_step).max(0.01), false)
            };
            y += h;
            ax.push_piece(t, y, plateau(rows), compressed);
            y += plateau(rows);
            last_t = t;
        }
        ax
    }

    /// Append a piece ending at (t, y) with a plateau there, merging it into the previous
    /// one when both are uncompressed, the knot between them has no plateau, and the slopes
    /// are equal.
    fn push_piece(&mut self, t: u64, y: f32, plateau: f32, compressed: bool) {
        let n = self.knots_t.len();
        let mergeable = n >= 2
            && !compressed
            && self.compressed.last() == Some(&false)
            && self.plateau_px.last() == Some(&0.0);
        if mergeable {
            if let (Some(&t0), Some(&t1), Some(&y0), Some(&p0), Some(&y1)) = (
                self.knots_t.get(n - 2),
                self.knots_t.get(n - 1),
                self.knots_y.get(n - 2),
                self.plateau_px.get(n - 2),
                self.knots_y.get(n - 1),
            ) {
                let s_prev = f64::from(y1 - (y0 + p0)) / (t1 - t0) as f64;
                let s_new = f64::from(y - y1) / (t - t1) as f64;
                if (s_prev - s_new).abs() <= s_prev.abs() * 1e-4 {
                    if let (Some(lt), Some(ly), Some(lp)) = (
                        self.knots_t.last_mut(),
                        self.knots_y.last_mut(),
                        self.plateau_px.last_mut(),
                    ) {
                        *lt = t;
                        *ly = y;
                        *lp = plateau;
                    }
                    return;
                }
            }
        }
        self.knots_t.push(t);
        self.knots_y.push(y);
        self.plateau_px.push(plateau);
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

    /// The lowest y of the axis (bottom of the last plateau).
    pub fn bottom(&self) -> f32 {
        self.bottom_of(self.knots_y.len().saturating_sub(1))
    }

    fn bottom_of(&self, i: usize) -> f32 {
        self.knots_y.get(i).copied().unwrap_or(0.0) + self.plateau_px.get(i).copied().unwrap_or(0.0)
    }

    /// y of instant `t`, clamped to the axis: the bottom of its plateau.
    pub fn y_at(&self, t: Instant) -> f32 {
        self.y_at_us(t.0)
    }

    pub fn y_at_us(&self, t: u64) -> f32 {
        let k = self.knots_t.partition_point(|&k| k <= t);
        let Some(i) = k.checked_sub(1) else {
            return self.top();
        };
        let (Some(&t0), Some(&t1), Some(&y1)) = (
            self.knots_t.get(i),
            self.knots_t.get(k),
            self.knots_y.get(k),
        ) else {
            return self.bottom();
        };
        let y0 = self.bottom_of(i);
        let f = (t - t0) as f64 / (t1 - t0).max(1) as f64;
        (f64::from(y0) + f * f64::from(y1 - y0)) as f32
    }

    /// y of row `row` at instant `t`: the plateau's top plus `row` rows, for a key
    /// instant; `y_at(t)` otherwise.
    pub fn slot_y(&self, t: u64, row: u32) -> f32 {
        match self.knots_t.binary_search(&t) {
            Ok(i) => {
                let top = self.knots_y.get(i).copied().unwrap_or(0.0);
                let p = self.plateau_px.get(i).copied().unwrap_or(0.0);
                (top + self.row_px * row as f32).min(top + p)
            }
            Err(_) => self.y_at_us(t),
        }
    }

    /// The instant at height `y` (the inverse map, for scrubbing), clamped to the axis. A y
    /// on a plateau gives the plateau's instant.
    pub fn t_at(&self, y: f32) -> Instant {
        if y.is_nan() {
            return Instant(self.start());
        }
        let k = self.knots_y.partition_point(|&k| k <= y);
        let Some(i) = k.checked_sub(1) else {
            return Instant(self.start());
        };
        let (Some(&t0), Some(&t1), Some(&y1)) = (
            self.knots_t.get(i),
            self.knots_t.get(k),
            self.knots_y.get(k),
        ) else {
            return Instant(self.end());
        };
        let y0 = self.bottom_of(i);
        if y <= y0 {
            return Instant(t0);
        }
        let h = f64::from(y1 - y0);
        let f = if h > 0.0 { f64::from(y - y0) / h } else { 0.0 };
        let dt = (f * (t1 - t0) as f64 + 0.5) as u64;
        Instant(t0.saturating_add(dt).min(t1))
    }

    /// The pieces between knots as (t0, t1, y0, y1, compressed), y0 being the bottom of
    /// the first knot's plateau.
    pub fn pieces(&self) -> impl Iterator<Item = (u64, u64, f32, f32, bool)> + '_ {
        (0..self.compressed.len()).filter_map(move |i| {
            Some((
                *self.knots_t.get(i)?,
                *self.knots_t.get(i + 1)?,
                self.bottom_of(i),
                *self.knots_y.get(i + 1)?,
                *self.compressed.get(i)?,
            ))
        })
    }
}
