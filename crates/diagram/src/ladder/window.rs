//! Vertical extents of a ladder's elements in blocks, so that a view can draw only the blocks
//! near what is on screen: a long trace has thousands of arrows, a screen shows a few dozen,
//! and a browser styles, lays out and paints every element in the DOM, seen or not.
//!
//! Elements are grouped in runs of `block` consecutive indices (the view's unit of
//! rendering); each run gets the union of its elements' y-extents, text included.

use super::Ladder;
use crate::geom::{text_width, Anchor, Label};
use alloc::vec::Vec;

/// Font size the extents assume for any label, in drawing units: larger than any the views
/// use (12 px, 15 px on phones), so a block is never culled while a glyph of it shows.
const FONT: f32 = 16.0;

/// The y-extent (top, bottom) of each run of `block` consecutive elements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockSpans {
    block: usize,
    spans: Vec<(f32, f32)>,
}

impl BlockSpans {
    /// Groups per-element extents `(top, bottom)` in runs of `block` (at least 1).
    pub fn new(extents: impl IntoIterator<Item = (f32, f32)>, block: usize) -> BlockSpans {
        let block = block.max(1);
        let mut spans: Vec<(f32, f32)> = Vec::new();
        for (i, (top, bottom)) in extents.into_iter().enumerate() {
            let (top, bottom) = (top.min(bottom), top.max(bottom));
            if i % block == 0 {
                spans.push((top, bottom));
            } else if let Some(s) = spans.last_mut() {
                *s = (s.0.min(top), s.1.max(bottom));
            }
        }
        BlockSpans { block, spans }
    }

    /// Elements per block.
    pub fn block(&self) -> usize {
        self.block
    }

    /// How many blocks.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Block `k`'s extent.
    pub fn span(&self, k: usize) -> Option<(f32, f32)> {
        self.spans.get(k).copied()
    }

    /// The blocks (ascending) whose extent meets `y0..=y1`. O(blocks): a few comparisons
    /// per 32 elements, cheap enough for every scroll event.
    pub fn meeting(&self, y0: f32, y1: f32) -> impl Iterator<Item = usize> + '_ {
        self.spans
            .iter()
            .enumerate()
            .filter(move |(_, &(top, bottom))| top <= y1 && bottom >= y0)
            .map(|(k, _)| k)
    }
}

/// The block extents of a ladder's arrows, state bands and timer bars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LadderBlocks {
    pub arrows: BlockSpans,
    pub bands: BlockSpans,
    pub timers: BlockSpans,
}

/// How far a label's ink reaches above and below its anchor: a rotated label can reach as
/// far as its length from the anchor (half of it when centred).
fn label_extent(l: &Label) -> (f32, f32) {
    let reach = if l.angle == 0.0 {
        0.0
    } else {
        let w = text_width(&l.text, FONT);
        match l.anchor {
            Anchor::Middle => w / 2.0,
            Anchor::Start | Anchor::End => w,
        }
    };
    (l.at.y - FONT - reach, l.at.y + FONT / 2.0 + reach)
}

fn union(a: (f32, f32), b: (f32, f32)) -> (f32, f32) {
    (a.0.min(b.0), a.1.max(b.1))
}

impl Ladder {
    /// The y-extents of this ladder's arrows, bands and timer bars in runs of `block`
    /// elements (the same order as `arrows`, `bands`, `timers`). O(elements): compute once
    /// per ladder.
    pub fn blocks(&self, block: usize) -> LadderBlocks {
        let arrows = self.arrows.iter().map(|a| {
            let mut e = label_extent(&a.label);
            let points = a
                .points
                .iter()
                .chain(a.head.iter().flatten())
                .chain(a.cross.iter().flatten());
            for p in points {
                e = union(e, (p.y, p.y));
            }
            if let Some(tag) = &a.tag {
                e = union(e, label_extent(tag));
            }
            e
        });
        let bands = self
            .bands
            .iter()
            .map(|b| union((b.y, b.y + b.h), label_extent(&b.label)));
        let timers = self.timers.iter().map(|b| {
            // The label runs down along the bar (it is drawn only when it fits there); the
            // countdown sits on the playhead, inside the bar while it runs.
            let e = union((b.y, b.y + b.h), (b.y_deadline, b.y_deadline));
            union(e, (b.y - FONT, b.y + b.h + FONT))
        });
        LadderBlocks {
            arrows: BlockSpans::new(arrows, block),
            bands: BlockSpans::new(bands, block),
            timers: BlockSpans::new(timers, block),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LadderOptions;
    use alloc::vec;
    use synack_sim::{preset, run, Config};

    #[test]
    fn blocks_take_the_union_of_their_elements() {
        let s = BlockSpans::new([(0.0, 10.0), (5.0, 50.0), (40.0, 30.0), (60.0, 70.0)], 2);
        assert_eq!(s.len(), 2);
        assert_eq!(s.span(0), Some((0.0, 50.0)));
        // A reversed extent counts as its sorted one.
        assert_eq!(s.span(1), Some((30.0, 70.0)));
        assert_eq!(s.meeting(51.0, 55.0).collect::<Vec<_>>(), vec![1]);
        assert_eq!(s.meeting(50.0, 50.0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(s.meeting(71.0, 90.0).count(), 0);
        assert!(BlockSpans::new(core::iter::empty(), 0).is_empty());
    }

    #[test]
    fn every_shape_of_every_arrow_lies_in_its_block() {
        for name in ["bulk-transfer", "handshake-and-close", "syn-lost"] {
            let Some(sc) = preset(name) else {
                panic!("no preset {name}");
            };
            let trace = match run(&sc, &Config::for_scenario(&sc)) {
                Ok(t) => t,
                Err(e) => panic!("{name}: {e:?}"),
            };
            let l = Ladder::new(&trace, &LadderOptions::default());
            let b = l.blocks(32);
            assert_eq!(b.arrows.len(), l.arrows.len().div_ceil(32), "{name}");
            assert_eq!(b.timers.len(), l.timers.len().div_ceil(32), "{name}");
            assert_eq!(b.bands.len(), l.bands.len().div_ceil(32), "{name}");
            for (i, a) in l.arrows.iter().enumerate() {
                let Some((top, bottom)) = b.arrows.span(i / 32) else {
                    panic!("{name}: no block for arrow {i}");
                };
                let ys = a.points.iter().map(|p| p.y).chain([a.label.at.y]);
                for y in ys {
                    assert!(
                        top <= y && y <= bottom,
                        "{name}: arrow {i} at {y} outside {top}..{bottom}"
                    );
                }
                // Seen from any window that contains the arrow's start, its block is drawn.
                let y0 = a.points.first().map_or(0.0, |p| p.y);
                assert!(
                    b.arrows.meeting(y0, y0 + 1.0).any(|k| k == i / 32),
                    "{name}: {i}"
                );
            }
            for (i, t) in l.timers.iter().enumerate() {
                let Some((top, bottom)) = b.timers.span(i / 32) else {
                    panic!("{name}: no block for timer {i}");
                };
                assert!(top <= t.y && t.y + t.h <= bottom, "{name}: timer {i}");
            }
            if name == "bulk-transfer" {
                // The point of it: a screenful of a long ladder meets a few blocks, not all.
                let shown = b
                    .arrows
                    .meeting(l.height / 2.0, l.height / 2.0 + 2000.0)
                    .count();
                assert!(
                    shown * 4 < b.arrows.len(),
                    "{shown} of {} blocks",
                    b.arrows.len()
                );
            }
        }
    }
}
