//! The scrubber moves evenly along the drawn ladder, not through time, so a compressed
//! 60 s TIME-WAIT takes as little travel as it takes room on screen.
//! (A candidate for `synack_diagram::TimeAxis`.)

use synack_core::Instant;
use synack_diagram::Ladder;

/// Where `t` is along the drawing, 0..=1.
pub fn fraction_at(l: &Ladder, t: u64) -> f64 {
    let (y0, y1) = (l.axis.y_at(l.start), l.axis.y_at(l.end));
    // (Also catches NaN.)
    if y1.partial_cmp(&y0) != Some(core::cmp::Ordering::Greater) {
        return 0.0;
    }
    (f64::from(l.axis.y_at(Instant(t)) - y0) / f64::from(y1 - y0)).clamp(0.0, 1.0)
}

/// The inverse of [`fraction_at`].
pub fn t_at_fraction(l: &Ladder, f: f64) -> u64 {
    let (y0, y1) = (l.axis.y_at(l.start), l.axis.y_at(l.end));
    let y = f64::from(y0) + f64::from(y1 - y0) * f.clamp(0.0, 1.0);
    l.axis.t_at(y as f32).micros().min(l.end.micros())
}
