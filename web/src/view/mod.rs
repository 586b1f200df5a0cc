//! Thin Yew components: each maps layout structs (already positioned, already worded) to SVG
//! or HTML elements and sends `Action`s back. No layout arithmetic lives here.

pub mod app;
pub mod help;
pub mod inspector;
pub mod keys;
pub mod ladder;
pub mod narration;
pub mod preset;
pub mod segments;
pub mod settings;
pub mod states;
pub mod tcb;
pub mod tools;
pub mod transport;

/// A number for an SVG attribute (one decimal; never `NaN`).
pub fn n(v: f64) -> String {
    crate::fmt::fixed1(v)
}
