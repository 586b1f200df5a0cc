//! Plain geometry shared by every view: points and positioned text.

use alloc::string::String;
use serde::Serialize;

/// A point in the drawing's user units (the SVG viewBox), y growing downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Point { x, y }
    }
}

/// Approximate advance width of `s` at `font_px`, for layout decisions (does a label fit,
/// do two labels overlap): CJK characters are square, Latin ones about 0.56 em.
pub fn text_width(s: &str, font_px: f32) -> f32 {
    s.chars()
        .map(|c| if (c as u32) >= 0x2e80 { 1.0 } else { 0.56 })
        .sum::<f32>()
        * font_px
}

/// Where a text's `at` point sits on the text (SVG `text-anchor`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    Start,
    #[default]
    Middle,
    End,
}

impl Anchor {
    /// The SVG `text-anchor` value.
    pub const fn svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A positioned piece of text: `<text x y text-anchor transform="rotate(angle x y)">`.
/// The text is plain (unescaped); whoever writes markup escapes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Label {
    pub text: String,
    /// The anchor point (baseline).
    pub at: Point,
    pub anchor: Anchor,
    /// Rotation in degrees about `at`, clockwise (SVG convention); always in (-90, 90] so
    /// text never reads upside down.
    pub angle: f32,
}
