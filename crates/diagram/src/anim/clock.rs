//! Animation time: the playhead sweeps down the ladder at a constant speed in drawing units
//! per second, as the web page plays at 1× (so compressed quiet gaps take as long as their
//! break is tall), after a short lead-in and before a pause on the final picture.
//!
//! Every animated element shares one cycle (`total_s`, looping), so a moment is a percentage
//! of it, kept in hundredths of a percent ([`Hundredths`]) so that equal moments share one
//! `@keyframes` rule ([`Keyframes`]).

use super::AnimOptions;
use alloc::collections::BTreeMap;
use alloc::string::String;
use core::fmt::{self, Write};

/// A moment of the cycle in hundredths of a percent, 0..=10 000.
pub type Hundredths = u32;

/// The smallest step between two keyframes: a hundredth of a percent of the cycle.
pub const EPS: Hundredths = 1;
pub const FULL: Hundredths = 10_000;

/// Maps a y of the drawing to a moment of the cycle.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    pub top: f32,
    pub bottom: f32,
    /// Drawing units per second.
    pub speed: f64,
    pub lead_s: f64,
    /// One whole cycle: lead-in, sweep, pause.
    pub total_s: f64,
}

impl Clock {
    pub fn new(top: f32, bottom: f32, o: &AnimOptions) -> Clock {
        let speed = if o.speed.is_finite() && o.speed > 0.0 {
            f64::from(o.speed)
        } else {
            60.0
        };
        let lead_s = finite_non_negative(o.lead_s);
        let pause_s = finite_non_negative(o.pause_s);
        let sweep = f64::from((bottom - top).max(0.0)) / speed;
        Clock {
            top,
            bottom: bottom.max(top),
            speed,
            lead_s,
            total_s: (lead_s + sweep + pause_s).max(0.1),
        }
    }

    /// Seconds into the cycle at which the playhead reaches `y`.
    pub fn secs(&self, y: f32) -> f64 {
        let dy = f64::from(y.clamp(self.top, self.bottom) - self.top);
        self.lead_s + dy / self.speed
    }

    /// The moment the playhead reaches `y`.
    pub fn at(&self, y: f32) -> Hundredths {
        let f = self.secs(y) / self.total_s * f64::from(FULL);
        if f.is_finite() {
            (f + 0.5).clamp(0.0, f64::from(FULL)) as Hundredths
        } else {
            0
        }
    }

    /// When the lead-in ends and the sweep begins.
    pub fn start(&self) -> Hundredths {
        self.at(self.top)
    }

    /// When the sweep reaches the bottom.
    pub fn end(&self) -> Hundredths {
        self.at(self.bottom)
    }
}

fn finite_non_negative(v: f32) -> f64 {
    if v.is_finite() && v > 0.0 {
        f64::from(v)
    } else {
        0.0
    }
}

/// A keyframe selector: "12.34%".
pub struct Pct(pub Hundredths);

impl fmt::Display for Pct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = self.0.min(FULL);
        match h % 100 {
            0 => write!(f, "{}%", h / 100),
            r if r % 10 == 0 => write!(f, "{}.{}%", h / 100, r / 10),
            r => write!(f, "{}.{:02}%", h / 100, r),
        }
    }
}

/// The shapes of keyframes that many elements share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shared {
    /// Hidden until the moment, then shown to the end of the cycle.
    Show(Hundredths),
    /// Shown from the first moment until the second.
    Window(Hundredths, Hundredths),
}

/// The document's `@keyframes` rules: shared ones deduplicated by shape, unique ones (a
/// packet's path) added as they come. Each rule has a class of the same short name.
pub struct Keyframes {
    /// Prefix of every keyframe name (unique per drawing: several may share an HTML page).
    prefix: String,
    shared: BTreeMap<Shared, u32>,
    next: u32,
    /// The rules written so far: `@keyframes` and the class that applies it.
    pub css: String,
}

impl Keyframes {
    pub fn new(prefix: &str) -> Keyframes {
        Keyframes {
            prefix: prefix.into(),
            shared: BTreeMap::new(),
            next: 0,
            css: String::new(),
        }
    }

    /// The class of a shared shape, or `None` when it needs no animation (shown all along).
    pub fn shared(&mut self, shape: Shared) -> Option<String> {
        let shape = match shape {
            Shared::Show(0) => return None,
            Shared::Window(0, b) if b >= FULL => return None,
            Shared::Window(a, b) if b >= FULL => Shared::Show(a),
            Shared::Window(a, b) => Shared::Window(a, b.max(a.saturating_add(EPS))),
            s => s,
        };
        if let Some(&n) = self.shared.get(&shape) {
            return Some(class(n));
        }
        // The animation holds each keyframe's value until the next (`step-end`, css.rs); the
        // implicit 100% is the element's own opacity, reached only at the loop's end.
        let body = match shape {
            Shared::Show(a) => alloc::format!("0%{{opacity:0}}{}{{opacity:1}}", Pct(a)),
            Shared::Window(0, b) => alloc::format!("0%{{opacity:1}}{}{{opacity:0}}", Pct(b)),
            Shared::Window(a, b) => alloc::format!(
                "0%{{opacity:0}}{}{{opacity:1}}{}{{opacity:0}}",
                Pct(a),
                Pct(b)
            ),
        };
        let n = self.add(&body);
        self.shared.insert(shape, n);
        Some(class(n))
    }

    /// A rule of its own (its body: the keyframes inside the braces); returns its class.
    pub fn unique(&mut self, body: &str) -> String {
        class(self.add(body))
    }

    fn add(&mut self, body: &str) -> u32 {
        let n = self.next;
        self.next = self.next.saturating_add(1);
        let _ = write!(
            self.css,
            "@keyframes {p}{n}{{{body}}}\n#{p} .k{n}{{animation-name:{p}{n}}}\n",
            p = self.prefix
        );
        n
    }
}

fn class(n: u32) -> String {
    alloc::format!("k{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn percentages_are_compact() {
        assert_eq!(format!("{}", Pct(0)), "0%");
        assert_eq!(format!("{}", Pct(1234)), "12.34%");
        assert_eq!(format!("{}", Pct(1230)), "12.3%");
        assert_eq!(format!("{}", Pct(1205)), "12.05%");
        assert_eq!(format!("{}", Pct(99_999)), "100%");
    }

    #[test]
    fn the_clock_runs_at_the_page_speed_between_lead_in_and_pause() {
        let o = AnimOptions {
            speed: 60.0,
            lead_s: 0.5,
            pause_s: 2.5,
            ..AnimOptions::default()
        };
        let c = Clock::new(100.0, 220.0, &o);
        assert!((c.total_s - 5.0).abs() < 1e-9);
        assert!((c.secs(160.0) - 1.5).abs() < 1e-9);
        assert_eq!(c.start(), 1000);
        assert_eq!(c.end(), 5000);
        assert_eq!(c.at(1e9), 5000, "clamped to the bottom");
    }

    #[test]
    fn equal_shapes_share_one_rule() {
        let mut k = Keyframes::new("s1");
        assert_eq!(k.shared(Shared::Show(0)), None);
        let a = k.shared(Shared::Show(1200));
        assert_eq!(k.shared(Shared::Show(1200)), a);
        assert_ne!(k.shared(Shared::Window(1200, 3000)), a);
        assert_eq!(k.shared(Shared::Window(1200, FULL)), a);
        assert_eq!(k.css.matches("@keyframes").count(), 2);
        assert!(k
            .css
            .contains("@keyframes s10{0%{opacity:0}12%{opacity:1}}"));
    }
}
