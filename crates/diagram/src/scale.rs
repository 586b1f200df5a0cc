//! Linear axes for the data-phase views (window chart, time-sequence graph): a value range
//! mapped onto a pixel range, with ticks at round values (1, 2 or 5 × 10ⁿ) labelled in
//! integers (no float formatting: it would cost the WebAssembly ~15 KB).

use crate::fmt;
use crate::geom::{Anchor, Label, Point};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::Serialize;

/// `value ∈ [v0, v1]` ↦ `px ∈ [p0, p1]` (p1 may be below p0: a y axis grows upwards).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct LinearScale {
    pub v0: u64,
    pub v1: u64,
    pub p0: f32,
    pub p1: f32,
}

impl LinearScale {
    /// A scale over `[v0, v1]` (an empty range is widened to one unit).
    pub fn new(v0: u64, v1: u64, p0: f32, p1: f32) -> LinearScale {
        LinearScale {
            v0,
            v1: v1.max(v0.saturating_add(1)),
            p0,
            p1,
        }
    }

    /// The pixel position of `v` (values outside the range extrapolate).
    pub fn px(&self, v: u64) -> f32 {
        let span = self.v1.saturating_sub(self.v0).max(1) as f64;
        let f = (v as f64 - self.v0 as f64) / span;
        (f64::from(self.p0) + f * f64::from(self.p1 - self.p0)) as f32
    }

    /// The pixel position of `v`, clamped to the drawn range.
    pub fn px_clamped(&self, v: u64) -> f32 {
        self.px(v.clamp(self.v0, self.v1))
    }

    /// The value at pixel `p` (for hover and clicks), clamped to the range.
    pub fn value(&self, p: f32) -> u64 {
        let len = f64::from(self.p1 - self.p0);
        if !p.is_finite() || len == 0.0 {
            return self.v0;
        }
        let f = (f64::from(p - self.p0) / len).clamp(0.0, 1.0);
        let span = self.v1.saturating_sub(self.v0) as f64;
        self.v0.saturating_add((f * span + 0.5) as u64).min(self.v1)
    }
}

/// A round step (1, 2 or 5 × 10ⁿ) of at least `min`.
pub fn nice_step(min: f64) -> u64 {
    let mut base: u64 = 1;
    for _ in 0..19 {
        for m in [1u64, 2, 5] {
            let s = base.saturating_mul(m);
            if s as f64 >= min {
                return s;
            }
        }
        base = base.saturating_mul(10);
    }
    base
}

/// A value rounded up to a whole number of `nice_step(v / 4)`, so that an axis ending there
/// ends on a tick.
pub fn nice_ceiling(v: u64) -> u64 {
    let step = nice_step(v as f64 / 4.0).max(1);
    v.div_ceil(step).saturating_mul(step).max(step)
}

/// One tick of a linear axis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AxisTick {
    pub value: u64,
    /// Its position along the axis (x for a time axis, y for a value axis).
    pub pos: f32,
    pub label: Label,
}

/// What an axis counts, for its tick labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Microseconds, labelled "150 ms", "1.2 s".
    Time,
    /// Bytes, labelled "0", "500 B", "20 kB", "1.5 MB" (powers of 1000, as on the wire).
    Bytes,
}

/// Ticks at multiples of a round step, at least `min_px` apart. `at` places a tick's label
/// from its position (below a time axis, left of a value axis).
pub fn ticks(
    s: &LinearScale,
    min_px: f32,
    unit: Unit,
    at: impl Fn(f32) -> (Point, Anchor),
) -> Vec<AxisTick> {
    let px_per_unit = f64::from((s.p1 - s.p0).abs()) / s.v1.saturating_sub(s.v0).max(1) as f64;
    let step = nice_step(f64::from(min_px.max(1.0)) / px_per_unit.max(1e-12)).max(1);
    let mut out = Vec::new();
    let mut v = s.v0.div_ceil(step).saturating_mul(step);
    while v <= s.v1 && out.len() < 64 {
        let pos = s.px(v);
        let (p, anchor) = at(pos);
        let text = match unit {
            Unit::Time => fmt::tick(v, step),
            Unit::Bytes => bytes(v),
        };
        out.push(AxisTick {
            value: v,
            pos,
            label: Label {
                text,
                at: p,
                anchor,
                angle: 0.0,
            },
        });
        v = v.saturating_add(step);
    }
    out
}

/// Ticks of a time axis `x` (µs on the trace's clock), labelled relative to `t_base` (the
/// trace's `t0`) below it at `label_y`; each tick's `value` is the instant on the trace's
/// clock.
pub fn time_ticks(x: &LinearScale, t_base: u64, label_y: f32) -> Vec<AxisTick> {
    let rel = LinearScale::new(
        x.v0.saturating_sub(t_base),
        x.v1.saturating_sub(t_base),
        x.p0,
        x.p1,
    );
    let mut out = ticks(&rel, 70.0, Unit::Time, |p| {
        (Point::new(p, label_y), Anchor::Middle)
    });
    for t in &mut out {
        t.value = t.value.saturating_add(t_base);
    }
    out
}

/// Ticks of a byte axis `y`, labelled left of `left`.
pub fn byte_ticks(y: &LinearScale, left: f32) -> Vec<AxisTick> {
    ticks(y, 28.0, Unit::Bytes, |p| {
        (Point::new(left - 6.0, p + 3.5), Anchor::End)
    })
}

/// Bytes in powers of 1000 with at most three significant decimals: "0", "500 B", "20 kB",
/// "2.5 kB", "1.5 MB".
pub fn bytes(v: u64) -> String {
    let (unit, name) = if v >= 1_000_000 {
        (1_000_000, "MB")
    } else if v >= 1_000 {
        (1_000, "kB")
    } else {
        return if v == 0 {
            String::from("0")
        } else {
            format!("{v} B")
        };
    };
    let whole = v / unit;
    let mut frac = (v % unit) * 1000 / unit;
    let mut digits = 3;
    while digits > 0 && frac.is_multiple_of(10) {
        frac /= 10;
        digits -= 1;
    }
    if digits == 0 {
        format!("{whole} {name}")
    } else {
        format!("{whole}.{frac:0digits$} {name}")
    }
}

/// The frame the data-phase charts share (the window chart, the time-sequence graph): the
/// size asked for (`default_height` and 760 px wide when not finite; at least 200 × 120),
/// the time drawn (`span`, else the data phase, `lookup::data_span`), the plot rectangle
/// inside margins of `left`, 14 (top and right) and 30 (bottom, for the time labels), and
/// the time scale across it.
pub(crate) struct PlotFrame {
    pub width: f32,
    pub height: f32,
    pub t0: u64,
    pub t1: u64,
    /// Left, top, right, bottom.
    pub plot: [f32; 4],
    pub x: LinearScale,
}

pub(crate) fn plot_frame(
    trace: &synack_sim::Trace,
    (width, height): (f32, f32),
    default_height: f32,
    span: Option<(synack_core::Instant, synack_core::Instant)>,
    left: f32,
) -> PlotFrame {
    let width = if width.is_finite() {
        width.max(200.0)
    } else {
        760.0
    };
    let height = if height.is_finite() {
        height.max(120.0)
    } else {
        default_height
    };
    let (t0, t1) = match span {
        Some((a, b)) if b > a => (a.0, b.0),
        _ => crate::lookup::data_span(trace),
    };
    let plot = [left, 14.0, width - 14.0, height - 30.0];
    let x = LinearScale::new(t0, t1, plot[0], plot[2]);
    PlotFrame {
        width,
        height,
        t0,
        t1,
        plot,
        x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round_and_large_enough() {
        assert_eq!(nice_step(0.3), 1);
        assert_eq!(nice_step(3.0), 5);
        assert_eq!(nice_step(11.0), 20);
        assert_eq!(nice_step(4000.0), 5000);
        assert_eq!(nice_ceiling(87_000), 100_000);
        assert_eq!(nice_ceiling(14_480), 15_000);
    }

    #[test]
    fn bytes_read_as_people_write_them() {
        assert_eq!(bytes(0), "0");
        assert_eq!(bytes(500), "500 B");
        assert_eq!(bytes(20_000), "20 kB");
        assert_eq!(bytes(2_500), "2.5 kB");
        assert_eq!(bytes(14_480), "14.48 kB");
        assert_eq!(bytes(1_500_000), "1.5 MB");
    }

    #[test]
    fn a_scale_maps_both_ways_and_ticks_are_apart() {
        let s = LinearScale::new(0, 100_000, 300.0, 20.0);
        assert_eq!(s.px(0), 300.0);
        assert_eq!(s.px(100_000), 20.0);
        assert_eq!(s.value(160.0), 50_000);
        let t = ticks(&s, 40.0, Unit::Bytes, |p| (Point::new(0.0, p), Anchor::End));
        assert!(t.len() >= 3, "{t:?}");
        for w in t.windows(2) {
            if let [a, b] = w {
                assert!((a.pos - b.pos).abs() >= 40.0);
                assert!(b.value > a.value);
            }
        }
        assert_eq!(t.first().map(|t| t.label.text.as_str()), Some("0"));
    }
}
