//! The exported ladder's legend, under the drawing: what the colours, dashes and marks mean
//! (the page has its own, beside the ladder).

use super::escape::{esc, N};
use crate::geom::text_width;
use crate::narrate::{text, Key};
use crate::Lang;
use alloc::format;
use alloc::string::String;
use core::fmt::Write;

/// One sample's drawing, at (x, y) = its left end on the row's middle line.
#[derive(Clone, Copy)]
enum Sample {
    Arrow(&'static str),
    Retx,
    Lost,
    Estimated,
    Timer,
    DelayedAck,
    Deadline,
}

const ROW: f32 = 20.0;
const SAMPLE: f32 = 24.0;

fn sample(s: &mut String, k: Sample, x: f32, y: f32) {
    let (x1, x2) = (N(x), N(x + SAMPLE));
    let _ = match k {
        Sample::Arrow(from) => write!(
            s,
            "<g class=\"lg {from}\"><polyline points=\"{x1},{y} {},{y}\"/><polygon points=\"{x2},{y} {},{} {},{}\"/></g>",
            N(x + SAMPLE - 6.0),
            N(x + SAMPLE - 7.0),
            N(y - 3.5),
            N(x + SAMPLE - 7.0),
            N(y + 3.5),
            y = N(y)
        ),
        Sample::Retx => write!(
            s,
            "<g class=\"lg retx from-c\"><polyline points=\"{x1},{y} {x2},{y}\"/></g>",
            y = N(y)
        ),
        Sample::Lost => write!(
            s,
            "<g class=\"lg lost\"><polyline points=\"{x1},{y} {},{y}\"/><path class=\"cross\" d=\"M{} {}L{} {}M{} {}L{} {}\"/></g>",
            N(x + SAMPLE - 5.0),
            N(x + SAMPLE - 9.0),
            N(y - 4.0),
            N(x + SAMPLE - 1.0),
            N(y + 4.0),
            N(x + SAMPLE - 9.0),
            N(y + 4.0),
            N(x + SAMPLE - 1.0),
            N(y - 4.0),
            y = N(y)
        ),
        Sample::Estimated => write!(
            s,
            "<g class=\"lg seg from-c\"><polyline points=\"{x1},{y} {x2},{y}\"/><polyline class=\"est\" points=\"{},{y} {x2},{y}\"/><text class=\"est-mark\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">≈</text></g>",
            N(x + SAMPLE / 2.0),
            N(x + SAMPLE * 0.75),
            N(y - 3.0),
            y = N(y)
        ),
        Sample::Timer => write!(
            s,
            "<g class=\"lg timer\"><rect x=\"{x1}\" y=\"{}\" width=\"{w}\" height=\"5\"/></g>",
            N(y - 2.5),
            w = N(SAMPLE)
        ),
        Sample::DelayedAck => write!(
            s,
            "<g class=\"lg timer tm-delayed-ack\"><rect x=\"{x1}\" y=\"{}\" width=\"{w}\" height=\"5\"/></g>",
            N(y - 2.5),
            w = N(SAMPLE)
        ),
        Sample::Deadline => write!(
            s,
            "<g class=\"lg timer\"><line class=\"deadline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
            N(x + SAMPLE / 2.0),
            N(y - 5.0),
            N(x + SAMPLE / 2.0),
            N(y + 5.0)
        ),
    };
}

/// The legend's markup for a drawing `width` wide whose legend starts at `top`, and its
/// height.
/// `estimated`: the drawing has estimated times (a capture taken at one end), so the legend
/// says what their mark means.
pub(super) fn legend(width: f32, top: f32, lang: Lang, estimated: bool) -> (String, f32) {
    let (client, server) = (text(Key::LaneClient, lang), text(Key::LaneServer, lang));
    let est = estimated.then(|| {
        (
            Sample::Estimated,
            String::from(text(Key::LegendEstimated, lang)),
        )
    });
    let items = [
        (Sample::Arrow("from-c"), format!("{client} → {server}")),
        (Sample::Arrow("from-s"), format!("{server} → {client}")),
        (Sample::Retx, String::from(text(Key::LegendRetx, lang))),
        (Sample::Lost, String::from(text(Key::LegendLost, lang))),
        (Sample::Timer, String::from(text(Key::LegendTimer, lang))),
        (
            Sample::DelayedAck,
            String::from(text(Key::LegendDelayedAck, lang)),
        ),
        (
            Sample::Deadline,
            String::from(text(Key::LegendDeadline, lang)),
        ),
    ];
    let mut s = String::from("<g class=\"legend\">\n");
    let items = items.into_iter().chain(est);
    let (left, right) = (16.0, width - 16.0);
    let (mut x, mut y) = (left, top + ROW / 2.0);
    for (k, label) in items {
        let w = SAMPLE + 6.0 + text_width(&label, 11.0) + 18.0;
        if x > left && x + w > right {
            x = left;
            y += ROW;
        }
        sample(&mut s, k, x, y);
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(x + SAMPLE + 6.0),
            N(y + 4.0),
            esc(&label)
        );
        x += w;
    }
    s.push_str("</g>\n");
    (s, y - top + ROW / 2.0 + 8.0)
}
