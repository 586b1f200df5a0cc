//! Placing arrow labels: along the arrow, 30 % of the way across, moved along the arrow
//! when that spot would overlap a label already placed, and hidden (left to tooltips) when
//! no spot is free, so a burst of segments never becomes a smear of text.

use super::Arrow;
use crate::geom::{Anchor, Label, Point};
use crate::math::{atan2_deg, sqrt};
use alloc::string::String;
use alloc::vec::Vec;

/// Normalized direction of `a → b`, or None if they coincide.
pub(super) fn unit(a: Point, b: Point) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = sqrt(dx * dx + dy * dy);
    (len > 1e-3).then(|| (dx / len, dy / len))
}

/// The reading direction of a path (never right-to-left), as a unit vector.
fn reading(a: Point, b: Point) -> (f32, f32) {
    let (ux, uy) = unit(a, b).unwrap_or((1.0, 0.0));
    if ux < 0.0 || (ux == 0.0 && uy < 0.0) {
        (-ux, -uy)
    } else {
        (ux, uy)
    }
}

/// A label along the path `a → b` at `p`, offset `off` px above it (negative: below),
/// rotated with the path but never upside down.
pub(super) fn along(text: String, p: Point, a: Point, b: Point, off: f32) -> Label {
    let (ux, uy) = reading(a, b);
    Label {
        text,
        at: Point::new(p.x + off * uy, p.y - off * ux),
        anchor: Anchor::Middle,
        angle: atan2_deg(uy, ux),
    }
}

/// Offsets of the main label (above the arrow) and of the tag (below it).
pub(super) const ABOVE: f32 = 4.0;
pub(super) const BELOW: f32 = -11.0;

/// The point `across` of the lane distance along the arrow (as a fraction of its path),
/// if that is within the first 85 % of the path (a lost arrow is short).
fn spot(a: &Arrow, lane_dist: f32, across: f32) -> Option<Point> {
    let (p, q) = (*a.points.first()?, *a.points.last()?);
    let dx = (q.x - p.x).abs();
    let f = if dx > 1e-3 {
        across * lane_dist / dx
    } else {
        0.0
    };
    (f <= 0.85).then(|| Point::new(p.x + f * (q.x - p.x), p.y + f * (q.y - p.y)))
}

/// Where the first label goes: 30 % across, or half-way along a short path.
pub(super) fn first_spot(a: &Arrow, lane_dist: f32) -> Point {
    spot(a, lane_dist, 0.3).unwrap_or_else(|| {
        let (p, q) = (
            a.points.first().copied().unwrap_or_default(),
            a.points.last().copied().unwrap_or_default(),
        );
        Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0)
    })
}

fn text_width(s: &str) -> f32 {
    crate::geom::text_width(s, 11.0)
}

/// An oriented box: centre, unit axis along the text, half extents.
#[derive(Clone, Copy)]
struct Obb {
    c: Point,
    u: (f32, f32),
    hw: f32,
    hh: f32,
}

impl Obb {
    fn radius(&self, axis: (f32, f32)) -> f32 {
        let v = (-self.u.1, self.u.0);
        self.hw * (self.u.0 * axis.0 + self.u.1 * axis.1).abs()
            + self.hh * (v.0 * axis.0 + v.1 * axis.1).abs()
    }

    /// Separating-axis test.
    fn overlaps(&self, o: &Obb) -> bool {
        let d = (o.c.x - self.c.x, o.c.y - self.c.y);
        let axes = [self.u, (-self.u.1, self.u.0), o.u, (-o.u.1, o.u.0)];
        axes.iter().all(|&ax| {
            let dist = (d.0 * ax.0 + d.1 * ax.1).abs();
            dist <= self.radius(ax) + o.radius(ax)
        })
    }
}

/// The box of an arrow's label (and tag, if any) at `p`.
fn obb(a: &Arrow, p: Point) -> Obb {
    let (p0, p1) = (
        a.points.first().copied().unwrap_or_default(),
        a.points.last().copied().unwrap_or_default(),
    );
    let u = reading(p0, p1);
    let up = (u.1, -u.0);
    let mut w = text_width(&a.label.text);
    // Main text spans from its descenders (3 px under the baseline, which is ABOVE px over
    // the arrow) to 12 px over the baseline, halo included; a tag adds the space under the
    // arrow down to its own descenders.
    let (top, bottom) = match &a.tag {
        Some(t) => {
            w = w.max(text_width(&t.text));
            (ABOVE + 12.0, BELOW - 3.0)
        }
        None => (ABOVE + 12.0, ABOVE - 3.0),
    };
    let mid = (top + bottom) / 2.0;
    Obb {
        c: Point::new(p.x + mid * up.0, p.y + mid * up.1),
        u,
        hw: w / 2.0 + 2.0,
        hh: (top - bottom) / 2.0,
    }
}

/// Move or hide labels that would overlap one placed before (arrows in sending order).
pub(super) fn place_labels<'a>(arrows: impl IntoIterator<Item = &'a mut Arrow>, lane_dist: f32) {
    const CANDIDATES: [f32; 5] = [0.3, 0.45, 0.18, 0.6, 0.72];
    // Recently placed boxes; labels far above the current one cannot overlap it.
    let mut placed: Vec<(f32, Obb)> = Vec::new();
    for a in arrows {
        let top_y = a.points.first().map_or(0.0, |p| p.y);
        placed.retain(|(bottom, _)| *bottom + 40.0 >= top_y);
        let choice = CANDIDATES.iter().find_map(|&c| {
            let p = spot(a, lane_dist, c)?;
            let b = obb(a, p);
            (!placed.iter().any(|(_, o)| o.overlaps(&b))).then_some((p, b))
        });
        match choice {
            Some((p, b)) => {
                let (p0, p1) = (
                    a.points.first().copied().unwrap_or_default(),
                    a.points.last().copied().unwrap_or_default(),
                );
                a.label = along(core::mem::take(&mut a.label.text), p, p0, p1, ABOVE);
                if let Some(t) = a.tag.take() {
                    a.tag = Some(along(t.text, p, p0, p1, BELOW));
                }
                a.label_shown = true;
                placed.push((b.c.y + b.hw.max(b.hh), b));
            }
            None => a.label_shown = false,
        }
    }
}
