//! # synack-diagram: pure layout of a synack trace
//!
//! A [`synack_sim::Trace`] and a playhead become plain geometry structs, which the web app's
//! components map one to one onto SVG elements (they do no arithmetic), and which
//! [`ladder_svg`] writes as a static SVG string, so the live view and an exported picture
//! never disagree.
//!
//! - [`Ladder::new`] lays out the ladder (sequence) diagram once per trace: arrows, state
//!   bands, timer bars, axis ticks and breaks, plus the [`Steps`] and the [`Timeline`];
//!   [`Ladder::frame`] gives what depends on the playhead in O(log n).
//! - [`StateGraph::figure5`] is RFC 9293's state diagram; [`StateGraph::frame`] highlights a
//!   side's state and last transition at a time.
//! - [`narrate_step`] tells a step in English or Simplified Chinese, with the "whys".
//! - [`tcb_rows`] shows a side's TCB at a time.
//! - [`ladder_svg`] and [`mermaid`] export; [`ladder_animated_svg`] is the same ladder
//!   playing by itself (CSS animation only, see [`anim`]).
//!
//! Everything here runs in WebAssembly: no panics, no unchecked indexing, no division by
//! zero. See docs/DIAGRAM.md for the geometry model and the time compression.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod anim;
pub mod chart;
pub mod fmt;
pub mod geom;
pub mod labels;
pub mod ladder;
pub mod lookup;
mod math;
mod mermaid;
pub mod narrate;
mod options;
pub mod scale;
pub mod states;
pub mod steps;
pub mod svg;
mod tcb;
pub mod timeline;
mod transit;
#[cfg(test)]
mod testing {
    /// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
    /// `synack-langpack`'s test).
    pub fn zh() -> crate::Lang {
        crate::Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap_or_default()
    }
}
pub mod tsg;
pub mod viewsvg;
pub mod whys;

pub use anim::{ladder_animated_svg, ladder_animated_svg_of, AnimOptions, Theme};
pub use chart::{ChartFrame, ChartOptions, WindowChart};
pub use geom::{Anchor, Label, Point, TextBox};
pub use ladder::{
    Arrow, ArrowFate, ArrowKind, AxisBreak, EstimatedEnd, Frame, LabelOf, Ladder, Lane, LiveTimer,
    Moving, Phase, StateBand, Tick, TimeAxis, TimerBar, TimerEnd,
};
pub use mermaid::mermaid;
pub use narrate::{narrate_step, Brief, StepText, Told, WhyText};
pub use options::{LadderOptions, Lang, SeqMode};
pub use states::{Edge, GraphFrame, StateBox, StateGraph, TakenTransition};
pub use steps::{Step, Steps};
pub use svg::{ladder_svg, ladder_svg_of, state_graph_svg};
pub use tcb::{tcb_rows, TcbRow};
pub use timeline::{Timeline, Transition};
pub use transit::typical_transit_us;
pub use tsg::{Tsg, TsgFrame, TsgOptions};
pub use viewsvg::{chart_svg, data_sender, tsg_svg};
pub use whys::Why;
