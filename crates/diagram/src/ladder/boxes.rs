//! The boxes the ladder's visible labels cover, as drawn (sizes from [`crate::geom::font`]):
//! what a test checks for overlaps, the same boxes the layout keeps apart.

use super::Ladder;
use crate::geom::{bold_text_width, font, text_width, Label, TextBox};
use alloc::vec::Vec;

/// Which part of the drawing a label belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOf {
    /// An arrow's label (either line), by index in `Ladder::arrows`.
    Arrow(u32),
    /// An arrow's tag.
    Tag(u32),
    /// A state's name, by index in `Ladder::bands`.
    Band(u32),
    /// A timer bar's label, by index in `Ladder::timers`.
    Timer(u32),
    /// A time tick's label.
    Tick(u32),
    /// An axis break's length.
    Break(u32),
    /// A lane's title or endpoint.
    Lane(u32),
    /// A collapsed flight's label.
    Flight(u32),
}

/// Monospaced digits (tick labels, endpoints) are 0.6 em.
fn mono_width(s: &str, px: f32) -> f32 {
    text_width(s, px) * (0.6 / 0.56)
}

impl Ladder {
    /// Every label drawn (hidden ones, kept as tooltips, are not), with its box.
    pub fn label_boxes(&self) -> Vec<(LabelOf, TextBox)> {
        let mut out = Vec::new();
        let mut add = |of: LabelOf, l: &Label, px: f32, w: f32| {
            if !l.text.is_empty() {
                out.push((of, TextBox::of(l, px, w)));
            }
        };
        for (i, a) in (0u32..).zip(&self.arrows) {
            if !a.label_shown || a.flight.is_some() {
                continue;
            }
            add(
                LabelOf::Arrow(i),
                &a.label,
                font::SEG,
                bold_text_width(&a.label.text, font::SEG),
            );
            if let Some(m) = &a.label_more {
                add(
                    LabelOf::Arrow(i),
                    m,
                    font::SEG,
                    bold_text_width(&m.text, font::SEG),
                );
            }
            if let Some(t) = &a.tag {
                add(
                    LabelOf::Tag(i),
                    t,
                    font::TAG,
                    text_width(&t.text, font::TAG),
                );
            }
        }
        for (i, b) in (0u32..).zip(&self.bands) {
            let w = bold_text_width(&b.label.text, font::BAND);
            add(LabelOf::Band(i), &b.label, font::BAND, w);
        }
        for (i, b) in (0u32..).zip(&self.timers) {
            if b.label_fits {
                let w = bold_text_width(&b.label.text, font::TIMER);
                add(LabelOf::Timer(i), &b.label, font::TIMER, w);
            }
        }
        for (i, t) in (0u32..).zip(&self.ticks) {
            add(
                LabelOf::Tick(i),
                &t.label,
                font::TICK,
                mono_width(&t.label.text, font::TICK),
            );
        }
        for (i, b) in (0u32..).zip(&self.breaks) {
            add(
                LabelOf::Break(i),
                &b.label,
                font::BREAK,
                text_width(&b.label.text, font::BREAK),
            );
        }
        for (i, l) in (0u32..).zip(&self.lanes) {
            add(
                LabelOf::Lane(i),
                &l.title,
                14.0,
                bold_text_width(&l.title.text, 14.0),
            );
            add(
                LabelOf::Lane(i),
                &l.subtitle,
                11.0,
                mono_width(&l.subtitle.text, 11.0),
            );
        }
        for (i, f) in (0u32..).zip(&self.flights) {
            if f.label_shown {
                add(
                    LabelOf::Flight(i),
                    &f.label,
                    font::SEG,
                    bold_text_width(&f.label.text, font::SEG),
                );
            }
        }
        out
    }

    /// Move each axis break's label ("… 59.7 s …") along its band, off the arrow labels
    /// (an arrow that crosses the break, a label set under its arrow): the middle, else a
    /// quarter or three quarters of the way across, else the left end.
    pub(super) fn settle_break_labels(&mut self, arrows: &[TextBox]) {
        let w = self.width;
        for b in &mut self.breaks {
            let tw = text_width(&b.label.text, font::BREAK);
            let free = |x: f32| {
                let l = Label {
                    at: crate::geom::Point::new(x, b.label.at.y),
                    ..b.label.clone()
                };
                let bx = TextBox::of(&l, font::BREAK, tw);
                !arrows.iter().any(|o| o.overlaps(&bx, 0.0))
            };
            if let Some(x) = [w / 2.0, w * 0.3, w * 0.7, 60.0 + tw / 2.0 + 20.0]
                .into_iter()
                .find(|&x| free(x))
            {
                b.label.at.x = x;
            }
        }
    }

    /// The pairs of drawn labels that overlap by more than `slack` px (two lines of one
    /// label are one label).
    pub fn label_overlaps(&self, slack: f32) -> Vec<(LabelOf, LabelOf)> {
        let boxes = self.label_boxes();
        let mut out = Vec::new();
        for (i, (a, ba)) in boxes.iter().enumerate() {
            for (b, bb) in boxes.iter().skip(i + 1) {
                if a != b && ba.overlaps(bb, slack) {
                    out.push((*a, *b));
                }
            }
        }
        out
    }
}
