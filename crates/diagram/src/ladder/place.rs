//! Placing arrow labels: along the arrow, 30 % of the way across, moved along the arrow
//! when that spot would overlap a label already placed, always between the lanes (never
//! over a state's name), on two lines when one is too long for the room, and hidden (left
//! to tooltips) when no spot is free, so a burst of segments never becomes a smear of text.

use super::{Arrow, ArrowFate};
use crate::geom::{bold_text_width, font, Anchor, Label, Point, TextBox};
use crate::math::{atan2_deg, sqrt};
use alloc::string::String;
use alloc::vec::Vec;

/// Normalized direction of `a → b`, or None if they coincide.
pub(super) fn unit(a: Point, b: Point) -> Option<(f32, f32)> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = sqrt(dx * dx + dy * dy);
    (len > 1e-3).then(|| (dx / len, dy / len))
}

/// The reading direction of a path (never right-to-left), as a unit vector, from its
/// direction `unit(a, b)`.
fn reading(u: Option<(f32, f32)>) -> (f32, f32) {
    let (ux, uy) = u.unwrap_or((1.0, 0.0));
    if ux < 0.0 || (ux == 0.0 && uy < 0.0) {
        (-ux, -uy)
    } else {
        (ux, uy)
    }
}

/// How labels lie along one path: its reading direction and the angle of it.
#[derive(Clone, Copy)]
pub(super) struct Along {
    ux: f32,
    uy: f32,
    angle: f32,
}

impl Along {
    /// Along the path whose direction is `u` (`unit(a, b)`, worked out once per arrow).
    pub(super) fn of_unit(u: Option<(f32, f32)>) -> Along {
        let (ux, uy) = reading(u);
        Along {
            ux,
            uy,
            angle: atan2_deg(uy, ux),
        }
    }

    /// A label at `p`, offset `off` px above the path (negative: below), rotated with the
    /// path but never upside down.
    pub(super) fn label(&self, text: String, p: Point, off: f32) -> Label {
        Label {
            text,
            at: Point::new(p.x + off * self.uy, p.y - off * self.ux),
            anchor: Anchor::Middle,
            angle: self.angle,
        }
    }
}

/// A label along the path `a → b` at `p`, offset `off` px above it (negative: below),
/// rotated with the path but never upside down.
pub(super) fn along(text: String, p: Point, a: Point, b: Point, off: f32) -> Label {
    Along::of_unit(unit(a, b)).label(text, p, off)
}

/// Offsets of the main label's baseline (above the arrow) and of the tag's (below it), and
/// the distance between the two lines of a label too long for one.
pub(super) const ABOVE: f32 = 4.0;
pub(super) const BELOW: f32 = -12.0;
const LINE: f32 = 15.0;

/// The point `across` of the lane distance along the arrow (as a fraction of its path),
/// if that is within the first 85 % of the path (a lost arrow is short).
fn spot(a: &Arrow, lane_dist: f32, across: f32) -> Option<Point> {
    spot_on(&a.points, lane_dist, across)
}

fn spot_on(&[p, q]: &[Point; 2], lane_dist: f32, across: f32) -> Option<Point> {
    let dx = (q.x - p.x).abs();
    let f = if dx > 1e-3 {
        across * lane_dist / dx
    } else {
        0.0
    };
    (f <= 0.85).then(|| Point::new(p.x + f * (q.x - p.x), p.y + f * (q.y - p.y)))
}

/// Where the first label of the arrow `points` goes: 30 % across, or half-way along a short
/// path.
pub(super) fn first_spot(points: &[Point; 2], lane_dist: f32) -> Point {
    spot_on(points, lane_dist, 0.3).unwrap_or_else(|| {
        let [p, q] = *points;
        Point::new((p.x + q.x) / 2.0, (p.y + q.y) / 2.0)
    })
}

fn seg_width(s: &str) -> f32 {
    bold_text_width(s, font::SEG)
}

fn tag_width(s: &str) -> f32 {
    crate::geom::text_width(s, font::TAG)
}

/// Where a label too long for one line breaks: before its ack number, or at the last space
/// before its middle.
fn split(text: &str) -> Option<(String, String)> {
    // (A byte scan, not `str::find`: its substring searcher is code the web app need not carry.)
    let at = text
        .as_bytes()
        .windows(5)
        .position(|w| w == b" ack=")
        .or_else(|| {
            let half = text.len() / 2;
            text.char_indices()
                .filter(|&(i, c)| c == ' ' && i <= half)
                .map(|(i, _)| i)
                .next_back()
        })?;
    let (a, b) = (text.get(..at)?, text.get(at..)?.trim_start_matches(' '));
    (!a.is_empty() && !b.is_empty()).then(|| (String::from(a), String::from(b)))
}

/// How an arrow's label is set: on one line or two, above the arrow (its tag below) or,
/// where the room above is taken (a segment sent just after another), below it (its tag
/// under the label).
struct Shape<'a> {
    lines: [&'a str; 2],
    two: bool,
    below: bool,
    tag: Option<&'a str>,
}

impl Shape<'_> {
    /// The baselines' offsets above the arrow: the label's lines, then the tag's.
    fn baselines(&self) -> ([f32; 2], f32) {
        let step = if self.two { LINE } else { 0.0 };
        if self.below {
            let first = -(TextBox::ascent(font::SEG) + 1.0);
            let last = first - step;
            let tag = last - (TextBox::descent(font::SEG) + TextBox::ascent(font::TAG));
            ([first, last], tag)
        } else {
            ([ABOVE + step, ABOVE], BELOW)
        }
    }

    /// The box of the whole label (both lines and the tag) with the arrow's point `p` and
    /// reading direction `u`.
    fn at(&self, p: Point, u: (f32, f32)) -> TextBox {
        let up = (u.1, -u.0);
        let ([first, last], tag_at) = self.baselines();
        let mut w = seg_width(self.lines[0]);
        if self.two {
            w = w.max(seg_width(self.lines[1]));
        }
        let top = first + TextBox::ascent(font::SEG);
        let bottom = match self.tag {
            Some(t) => {
                w = w.max(tag_width(t));
                tag_at - TextBox::descent(font::TAG)
            }
            None => last - TextBox::descent(font::SEG),
        };
        let mid = (top + bottom) / 2.0;
        TextBox {
            c: Point::new(p.x + mid * up.0, p.y + mid * up.1),
            u,
            hw: w / 2.0 + 1.0,
            hh: (top - bottom) / 2.0,
        }
    }
}

/// The labels' room across the drawing: between the two lanes, clear of their state bands
/// (so a label never runs into a state's name).
pub(super) struct Room {
    pub lo: f32,
    pub hi: f32,
}

/// The point of the line through `a` and `b` at abscissa `x` (the line goes on past a lost
/// arrow's ✕, where the picture is empty).
fn on_line(a: Point, b: Point, x: f32) -> Option<Point> {
    let dx = b.x - a.x;
    (dx.abs() > 1e-3).then(|| Point::new(x, a.y + (x - a.x) / dx * (b.y - a.y)))
}

/// Move or hide labels that would overlap one placed before (arrows in sending order), keep
/// each between the lanes, and set one too long for a line on two.
///
/// A lost segment's label is never the one left out, so that the picture always says what
/// was lost (a segment dropped in a burst, or by the web app's "what if"): if it found no
/// spot, it takes one from the labels in its way, which then look for another.
///
/// Returns the boxes of the labels placed.
pub(super) fn place_labels(mut arrows: Vec<&mut Arrow>, room: &Room) -> Vec<TextBox> {
    let mut boxes: Vec<Option<TextBox>> = Vec::with_capacity(arrows.len());
    // Recently placed boxes; labels far above the current one cannot overlap it.
    let mut placed: Vec<(f32, f32, TextBox)> = Vec::new();
    for a in arrows.iter_mut() {
        let top_y = a.points.iter().map(|p| p.y).fold(f32::MAX, f32::min);
        placed.retain(|(_, bottom, _)| *bottom >= top_y - 60.0);
        let b = place_one(a, room, &placed);
        if let Some(b) = b {
            let (top, bottom) = b.y_range();
            placed.push((top, bottom, b));
        }
        boxes.push(b);
    }
    let lost: Vec<usize> = (0..arrows.len())
        .filter(|&i| {
            arrows
                .get(i)
                .is_some_and(|a| a.fate == ArrowFate::Lost && !a.label_shown)
        })
        .collect();
    for i in lost {
        // Only the other lost segments' labels are in its way.
        let lost_boxes: Vec<(f32, f32, TextBox)> = arrows
            .iter()
            .zip(&boxes)
            .filter(|(a, _)| a.fate == ArrowFate::Lost)
            .filter_map(|(_, b)| *b)
            .map(|b| (b.y_range().0, b.y_range().1, b))
            .collect();
        let Some(b) = arrows
            .get_mut(i)
            .and_then(|a| place_one(a, room, &lost_boxes))
        else {
            continue;
        };
        if let Some(slot) = boxes.get_mut(i) {
            *slot = Some(b);
        }
        // Those in its way give way, and look again.
        let evicted: Vec<usize> = boxes
            .iter()
            .enumerate()
            .filter(|&(j, o)| j != i && o.is_some_and(|o| o.overlaps(&b, 0.0)))
            .map(|(j, _)| j)
            .collect();
        for &j in &evicted {
            if let (Some(a), Some(slot)) = (arrows.get_mut(j), boxes.get_mut(j)) {
                unplace(a);
                *slot = None;
            }
        }
        for j in evicted {
            let shown: Vec<(f32, f32, TextBox)> = boxes
                .iter()
                .flatten()
                .map(|b| (b.y_range().0, b.y_range().1, *b))
                .collect();
            if let Some(a) = arrows.get_mut(j) {
                let b = place_one(a, room, &shown);
                if let Some(slot) = boxes.get_mut(j) {
                    *slot = b;
                }
            }
        }
    }
    boxes.into_iter().flatten().collect()
}

/// Undo a placement: the label whole again, hidden (a tooltip).
fn unplace(a: &mut Arrow) {
    if let Some(more) = a.label_more.take() {
        a.label.text.push(' ');
        a.label.text.push_str(&more.text);
    }
    a.label_shown = false;
}

/// Place one arrow's label clear of `placed`; its box, or None (hidden) when no spot is free.
fn place_one(a: &mut Arrow, room: &Room, placed: &[(f32, f32, TextBox)]) -> Option<TextBox> {
    const CANDIDATES: [f32; 9] = [0.3, 0.45, 0.18, 0.6, 0.72, 0.08, 0.85, 0.0, 1.0];
    let span = room.hi - room.lo;
    {
        let (p0, p1) = (
            a.points.first().copied().unwrap_or_default(),
            a.points.last().copied().unwrap_or_default(),
        );
        let u = reading(unit(p0, p1));
        let dir = if p1.x >= p0.x { 1.0 } else { -1.0 };
        let text = core::mem::take(&mut a.label.text);
        let halves = split(&text);
        let tag = a.tag.as_ref().map(|t| t.text.as_str());
        let mut shapes = Vec::with_capacity(4);
        for below in [false, true] {
            shapes.push(Shape {
                lines: [&text, ""],
                two: false,
                below,
                tag,
            });
            if let Some((l1, l2)) = &halves {
                shapes.push(Shape {
                    lines: [l1, l2],
                    two: true,
                    below,
                    tag,
                });
            }
        }
        // The first shape that fits between the lanes, at the first free spot.
        let choice = shapes.iter().enumerate().find_map(|(k, shape)| {
            CANDIDATES.iter().find_map(|&c| {
                let x = p0.x + dir * c * span;
                let p = on_line(p0, p1, x).or_else(|| spot(a, span, c))?;
                let b = shape.at(p, u);
                let (l, r) = b.x_range();
                if r - l > span {
                    return None;
                }
                // Slide it along the arrow back between the lanes.
                let shift = if l < room.lo {
                    room.lo - l
                } else if r > room.hi {
                    room.hi - r
                } else {
                    0.0
                };
                let p = if shift == 0.0 {
                    p
                } else {
                    on_line(p0, p1, p.x + shift)?
                };
                let b = shape.at(p, u);
                let free = !placed.iter().any(|(_, _, o)| o.overlaps(&b, 0.0));
                free.then_some((k, p, b))
            })
        });
        match choice {
            Some((k, p, b)) => {
                let (two, ([first, last], tag_at)) = shapes
                    .get(k)
                    .map_or((false, ([ABOVE, ABOVE], BELOW)), |s| (s.two, s.baselines()));
                match (two, halves) {
                    (true, Some((l1, l2))) => {
                        a.label = along(l1, p, p0, p1, first);
                        a.label_more = Some(along(l2, p, p0, p1, last));
                    }
                    _ => {
                        a.label = along(text, p, p0, p1, first);
                        a.label_more = None;
                    }
                }
                if let Some(t) = a.tag.take() {
                    a.tag = Some(along(t.text, p, p0, p1, tag_at));
                }
                a.label_shown = true;
                Some(b)
            }
            None => {
                a.label.text = text;
                a.label_more = None;
                a.label_shown = false;
                None
            }
        }
    }
}
