//! What the caller chooses: language, sequence-number display, and the drawing's proportions.

use serde::{Deserialize, Serialize};

/// The language of every word the layout writes (labels, narration, table hints):
/// `synack_text::Lang`, the one language value of every crate.
pub use synack_text::Lang;

/// How sequence and acknowledgment numbers are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeqMode {
    /// Relative to each side's initial sequence number, as Wireshark shows them by default:
    /// a side's SEQ counts from its own ISN, its ACK from the peer's.
    #[default]
    Relative,
    /// The 32-bit numbers as on the wire.
    Absolute,
}

/// Options of [`crate::Ladder::new`]. `Default` gives a drawing that reads well at 760 px wide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LadderOptions {
    pub seq: SeqMode,
    /// Not serialized: a language is a pack, not a name.
    #[serde(skip)]
    pub lang: Lang,
    /// Total width of the drawing (the viewBox width).
    pub width: f32,
    /// Height in px of one typical one-way transit time (the median transit of the trace's
    /// delivered segments). This sets the time scale.
    pub unit_px: f32,
    /// Minimum height between two distinct instants, so that segments sent microseconds
    /// apart keep readable labels. 0 disables it (pure linear time between breaks).
    pub min_step_px: f32,
    /// A quiet gap longer than this many typical transits is compressed into an axis break.
    pub compress_factor: f32,
    /// Height of an axis break (it grows a little with each doubling of the gap it hides, so
    /// that 1 s, 2 s, 4 s retransmission gaps still look different).
    pub break_px: f32,
}

impl Default for LadderOptions {
    fn default() -> Self {
        LadderOptions {
            seq: SeqMode::Relative,
            lang: Lang::EN,
            width: 760.0,
            unit_px: 72.0,
            min_step_px: 16.0,
            compress_factor: 3.0,
            break_px: 56.0,
        }
    }
}
