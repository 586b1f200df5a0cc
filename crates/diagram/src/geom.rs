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

/// The sizes text is set at on the ladder, in px: what the layout measures (does a label
/// fit, do two overlap), what the exported SVG's stylesheet sets, and what the page's
/// stylesheet sets (`crates/diagram/tests/style.rs` compares them).
pub mod font {
    /// An arrow's label ("SYN,ACK seq=0 ack=1"), semi-bold.
    pub const SEG: f32 = 12.0;
    /// An arrow's tag ("retransmission #1"), italic.
    pub const TAG: f32 = 10.5;
    /// A state's name beside its lane, semi-bold.
    pub const BAND: f32 = 11.0;
    /// A time tick's label.
    pub const TICK: f32 = 10.5;
    /// An axis break's length ("… 59.7 s …"), italic.
    pub const BREAK: f32 = 11.5;
    /// A timer bar's label ("RTO 1 s"), semi-bold.
    pub const TIMER: f32 = 10.0;
    /// Semi-bold Latin glyphs are wider than regular ones: in DejaVu Sans Bold (Linux's
    /// usual sans-serif) "SYN,ACK seq=1077368332 ack=4037974651" is 0.67 em a character,
    /// 20 % over [`super::text_width`]'s 0.56 (other systems' fonts are narrower).
    pub const BOLD: f32 = 1.2;
}

/// Approximate width of `s` set semi-bold at `font_px` (see [`font::BOLD`]).
pub fn bold_text_width(s: &str, font_px: f32) -> f32 {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x2e80 {
                1.0
            } else {
                0.56 * font::BOLD
            }
        })
        .sum::<f32>()
        * font_px
}

/// The box a text covers, halo included: an oriented rectangle (centre, unit vector along
/// the text, half extents). Two labels overlap when their boxes do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBox {
    pub c: Point,
    /// Unit vector along the baseline.
    pub u: (f32, f32),
    pub hw: f32,
    pub hh: f32,
}

impl TextBox {
    /// Height above the baseline (caps or CJK ascent, plus the halo) and below it
    /// (descenders plus the halo), for a font size.
    pub fn ascent(font_px: f32) -> f32 {
        0.85 * font_px + 1.0
    }
    pub fn descent(font_px: f32) -> f32 {
        0.2 * font_px + 1.0
    }

    /// The box of `l` set at `font_px`, `width` wide.
    pub fn of(l: &Label, font_px: f32, width: f32) -> TextBox {
        let (sin, cos) = crate::math::sin_cos_deg(l.angle);
        let u = (cos, sin);
        // "Up" on the text: rotate (0, -1) by the label's angle.
        let up = (u.1, -u.0);
        let along = match l.anchor {
            Anchor::Start => width / 2.0,
            Anchor::Middle => 0.0,
            Anchor::End => -width / 2.0,
        };
        let (asc, desc) = (Self::ascent(font_px), Self::descent(font_px));
        let mid = (asc - desc) / 2.0;
        TextBox {
            c: Point::new(
                l.at.x + along * u.0 + mid * up.0,
                l.at.y + along * u.1 + mid * up.1,
            ),
            u,
            hw: width / 2.0 + 1.0,
            hh: (asc + desc) / 2.0,
        }
    }

    /// Half its extent along `axis` (a unit vector).
    pub fn radius(&self, axis: (f32, f32)) -> f32 {
        let v = (-self.u.1, self.u.0);
        self.hw * (self.u.0 * axis.0 + self.u.1 * axis.1).abs()
            + self.hh * (v.0 * axis.0 + v.1 * axis.1).abs()
    }

    /// Its horizontal extent, `(left, right)`.
    pub fn x_range(&self) -> (f32, f32) {
        let r = self.radius((1.0, 0.0));
        (self.c.x - r, self.c.x + r)
    }

    /// Its vertical extent, `(top, bottom)`.
    pub fn y_range(&self) -> (f32, f32) {
        let r = self.radius((0.0, 1.0));
        (self.c.y - r, self.c.y + r)
    }

    /// Whether the two boxes overlap (separating-axis test), by more than `slack` px.
    pub fn overlaps(&self, o: &TextBox, slack: f32) -> bool {
        let d = (o.c.x - self.c.x, o.c.y - self.c.y);
        let axes = [self.u, (-self.u.1, self.u.0), o.u, (-o.u.1, o.u.0)];
        axes.iter().all(|&ax| {
            let dist = (d.0 * ax.0 + d.1 * ax.1).abs();
            dist + slack < self.radius(ax) + o.radius(ax)
        })
    }
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
