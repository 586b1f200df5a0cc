//! The time-sequence graph (Stevens, tcptrace, Wireshark's "Stevens"/"tcptrace" graphs):
//! for one direction, sequence numbers (relative to the sender's ISN) against time. Each
//! data segment is a vertical bar from its first to its last sequence number at the instant
//! it left; the ACK line and the receive-window line (ACK + window) step along below and
//! above; SACK blocks stand where the ACK carrying them arrived. Retransmissions, probes and
//! lost segments are distinct by [`BarKind`] and `lost` (the page maps them to shape and
//! colour).
//!
//! [`Tsg::new`] lays out once per trace and direction; [`Tsg::frame`] clips to the playhead
//! in O(log n).

mod build;

use crate::chart::MarkKind;
use crate::geom::Point;
use crate::scale::{AxisTick, LinearScale};
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::Instant;
use synack_sim::Side;

/// Options of [`Tsg::new`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TsgOptions {
    pub width: f32,
    pub height: f32,
    /// The span of time drawn; `None`: the data phase (`lookup::data_span`).
    pub span: Option<(Instant, Instant)>,
}

impl Default for TsgOptions {
    fn default() -> Self {
        TsgOptions {
            width: 760.0,
            height: 420.0,
            span: None,
        }
    }
}

/// What a bar is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BarKind {
    /// New data (or a FIN), sent for the first time.
    Data,
    /// Data sent again; `how` says what found it lost.
    Retransmission,
    /// A tail loss probe (RFC 8985 §7): new data or the last segment again.
    LossProbe,
    /// A zero-window probe (RFC 9293 §3.8.6.1): one old byte's number, no data: a dot.
    WindowProbe,
}

impl BarKind {
    /// The CSS class name.
    pub const fn class(self) -> &'static str {
        match self {
            BarKind::Data => "data",
            BarKind::Retransmission => "retx",
            BarKind::LossProbe => "tlp",
            BarKind::WindowProbe => "probe",
        }
    }
}

/// One segment of the chosen direction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bar {
    /// The segment's id (index into `Trace::segments`): a click selects it everywhere.
    pub segment: u32,
    pub kind: BarKind,
    /// For a retransmission or probe: the reason the sender gave (fast retransmit, RACK,
    /// TLP, RTO, window probe).
    pub how: Option<MarkKind>,
    /// When it left the sender.
    pub t: Instant,
    /// Relative sequence numbers `[seq, seq + len)` (a FIN counts one).
    pub seq0: u64,
    pub seq1: u64,
    pub x: f32,
    /// y of `seq0` (bottom) and `seq1` (top).
    pub y0: f32,
    pub y1: f32,
    /// The link lost it, at this instant (draw it lost from then on).
    pub lost_at: Option<Instant>,
    /// CSS classes, e.g. `"bar retx lost"`.
    pub class: alloc::string::String,
}

/// A SACK block the sender received: `[left, right)` in relative sequence numbers, at the
/// instant the ACK carrying it arrived.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SackBlock {
    /// The ACK segment that carried it.
    pub segment: u32,
    pub t: Instant,
    pub seq0: u64,
    pub seq1: u64,
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
    /// A D-SACK block: it reports data received twice (RFC 2883 §4: the first block lies
    /// below the cumulative ACK, or inside the second block).
    pub dsack: bool,
}

/// A step line (the ACK line, the window line): `path` as in `chart::Series::path`, one
/// point per change at `t[i]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StepLine {
    pub t: Vec<Instant>,
    /// Relative sequence numbers at each `t`.
    pub value: Vec<u64>,
    /// `[P₀, H₁, P₁, …, end]` (see `chart::Series::path`).
    pub path: Vec<Point>,
    /// Some value lies above the plot (drawn at its top edge).
    pub clipped: bool,
}

/// The time-sequence graph of one direction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tsg {
    /// The sender whose sequence numbers are drawn.
    pub side: Side,
    pub width: f32,
    pub height: f32,
    /// Left, top, right, bottom.
    pub plot: [f32; 4],
    pub x: LinearScale,
    /// Relative sequence number → y.
    pub y: LinearScale,
    pub x_ticks: Vec<AxisTick>,
    pub y_ticks: Vec<AxisTick>,
    /// In sending order (ascending `segment`).
    pub bars: Vec<Bar>,
    /// The cumulative ACK the sender has received, SND.UNA (its snapshots).
    pub ack: StepLine,
    /// SND.UNA + SND.WND: the right edge of the peer's window (RFC 9293 §3.8.6).
    pub window: StepLine,
    /// In arrival order.
    pub sacks: Vec<SackBlock>,
}

/// What of the graph is visible at the playhead.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TsgFrame {
    pub t: Instant,
    pub x: f32,
    pub playhead: [Point; 2],
    /// `bars[..bars_shown]` have been sent.
    pub bars_shown: usize,
    /// `sacks[..sacks_shown]` have arrived.
    pub sacks_shown: usize,
    /// Draw `ack.path[..ack_visible]` and then `ack_tip` (likewise the window line).
    pub ack_visible: usize,
    pub ack_tip: Option<Point>,
    pub window_visible: usize,
    pub window_tip: Option<Point>,
}

impl StepLine {
    /// The visible prefix of the path at `t` and the tip on the playhead at `x`.
    fn visible(&self, t: Instant, x: f32) -> (usize, Option<Point>) {
        let k = self.t.partition_point(|&s| s <= t);
        let Some(last) = k.checked_sub(1) else {
            return (0, None);
        };
        let visible = (2 * last + 1).min(self.path.len());
        let y = self.path.get(visible.saturating_sub(1)).map(|p| p.y);
        (visible, y.map(|y| Point::new(x, y)))
    }
}

impl Tsg {
    /// The graph at playhead `t`: O(log n).
    pub fn frame(&self, t: Instant) -> TsgFrame {
        let x = self.x.px_clamped(t.0);
        let (ack_visible, ack_tip) = self.ack.visible(t, x);
        let (window_visible, window_tip) = self.window.visible(t, x);
        TsgFrame {
            t,
            x,
            playhead: [Point::new(x, self.plot[1]), Point::new(x, self.plot[3])],
            bars_shown: self.bars.partition_point(|b| b.t <= t),
            sacks_shown: self.sacks.partition_point(|s| s.t <= t),
            ack_visible,
            ack_tip,
            window_visible,
            window_tip,
        }
    }

    /// The bar of segment `id` (to highlight a selection made elsewhere): O(log n).
    pub fn bar_of(&self, id: u32) -> Option<usize> {
        self.bars.binary_search_by_key(&id, |b| b.segment).ok()
    }
}
