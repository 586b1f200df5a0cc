//! The mark of an estimated time: a capture taken at one end knows one of each segment's
//! two times, and the other is estimated (`SegmentRecord::estimated`, docs/CAPTURES.md).
//! That end of the arrow is drawn dashed — a dashed line in the background colour over it,
//! stopping short of the arrowhead and the sender's state band — with "≈" beside it.

use super::place::unit;
use super::EstimatedEnd;
use crate::geom::{Anchor, Label, Point};
use crate::math::sqrt;
use crate::narrate::{text, Key};
use crate::Lang;
use synack_sim::{Estimated, SegmentRecord};

/// The share of the arrow, from its estimated end, that is drawn dashed.
const SHARE: f32 = 0.4;

/// The estimated end of the arrow `start → tip` of `r`, if one of its times is estimated.
/// `band_w`: the state band's width around each lane, which the dashes keep clear of.
pub(super) fn estimated_end(
    r: &SegmentRecord,
    start: Point,
    tip: Point,
    band_w: f32,
    lang: Lang,
) -> Option<EstimatedEnd> {
    let which = r.estimated?;
    let (ux, uy) = unit(start, tip)?;
    let (dx, dy) = (tip.x - start.x, tip.y - start.y);
    let len = sqrt(dx * dx + dy * dy);
    let at = |d: f32| Point::new(start.x + ux * d, start.y + uy * d);
    let clear = band_w / 2.0 + 3.0;
    let (line, mark_at, key) = match which {
        // The arrowhead (9 px) stays whole.
        Estimated::Arrival => (
            [at(len * (1.0 - SHARE)), at(len - 10.0)],
            at(len - 16.0),
            Key::EstArrival,
        ),
        Estimated::Sent => ([at(clear), at(len * SHARE)], at(clear + 8.0), Key::EstSent),
    };
    Some(EstimatedEnd {
        which,
        line,
        mark: Label {
            text: "≈".into(),
            // Under the line, clear of the label above it.
            at: Point::new(mark_at.x, mark_at.y + 15.0),
            anchor: Anchor::Middle,
            angle: 0.0,
        },
        title: text(key, lang),
    })
}
