//! The ladder (sequence) diagram: two vertical lanes, time flowing down, one arrow per
//! segment. [`Ladder::new`] computes every static shape once per trace; [`Ladder::frame`]
//! gives the cheap, playhead-dependent part in O(log n + what is visible at t).
//!
//! Time maps to y through [`TimeAxis`], a monotonic piecewise-linear map that compresses
//! long quiet gaps into marked axis breaks (see docs/DIAGRAM.md).

mod axis;
mod boxes;
mod build;
mod collapse;
mod estimate;
mod flights;
mod frame;
mod index;
mod place;
mod rows;
mod scan;
mod window;

pub use axis::TimeAxis;
pub use boxes::LabelOf;
pub use flights::{Collapsed, Flight, FlightKind, Flights, COLLAPSE_ABOVE};
pub use frame::{Frame, LiveTimer, Moving, Phase};
pub use window::{BlockSpans, LadderBlocks};

use crate::geom::{Label, Point};
use crate::steps::Steps;
use crate::timeline::Timeline;
use crate::LadderOptions;
use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use index::IntervalIndex;
use serde::Serialize;
use synack_core::{Instant, State, TimerKind};
use synack_sim::Side;

/// What kind of segment an arrow is: the semantic class the CSS colours (text says it too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrowKind {
    /// SYN without ACK.
    Syn,
    /// SYN with ACK.
    SynAck,
    /// Pure acknowledgment: ACK, no data, no SYN/FIN/RST.
    Ack,
    /// Carries payload (and no FIN).
    Data,
    /// Carries FIN (with or without data).
    Fin,
    /// Carries RST.
    Rst,
    /// Anything else (no ACK and no SYN/FIN/RST: unusual, but the core can be fed anything).
    Other,
}

impl ArrowKind {
    /// The CSS class name.
    pub const fn class(self) -> &'static str {
        match self {
            ArrowKind::Syn => "syn",
            ArrowKind::SynAck => "synack",
            ArrowKind::Ack => "ack",
            ArrowKind::Data => "data",
            ArrowKind::Fin => "fin",
            ArrowKind::Rst => "rst",
            ArrowKind::Other => "other",
        }
    }
}

/// How an arrow ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrowFate {
    /// It reaches the receiver's lane (arrowhead).
    Arrived,
    /// It ends part-way in a ✕.
    Lost,
    /// The trace ended while it travelled: it ends part-way, without head or ✕.
    InFlight,
}

/// One segment on the wire: a polyline from (sender lane, sent) to (receiver lane, arrival).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Arrow {
    /// The segment's id (its index in `Trace::segments`).
    pub id: u32,
    pub from: Side,
    pub kind: ArrowKind,
    pub fate: ArrowFate,
    /// Sent again after a retransmission timeout: drawn dashed, tagged "retransmission".
    pub retransmission: bool,
    /// A copy made by the link (`duplicate_of`).
    pub duplicate: bool,
    /// The receiver rejected it (out of window, challenge ...).
    pub rejected: bool,
    /// When it left the sender.
    pub t0: Instant,
    /// When the drawing of it ends: arrival, loss, or the trace's end.
    pub t1: Instant,
    /// The path: a straight line from (sender lane, y(t0)) to its end at y(t1).
    pub points: [Point; 2],
    /// Arrowhead triangle (tip first), for arrived segments.
    pub head: Option<[Point; 3]>,
    /// ✕ for lost segments: two strokes, `[a, b]` and `[c, d]`.
    pub cross: Option<[Point; 4]>,
    /// Flags, seq/ack (relative or absolute, per the options) and payload length: the
    /// first line of it when it is too long for one line between the lanes.
    pub label: Label,
    /// The label's second line ("ack=1077368333 len=5"), under the first and still above
    /// the arrow, when the whole is too long for one.
    pub label_more: Option<Label>,
    /// Second line for retransmissions and duplicates ("retransmission #1").
    pub tag: Option<Label>,
    /// False when no free spot was found for the label (a dense burst): draw it only as a
    /// tooltip (`<title>`).
    pub label_shown: bool,
    /// CSS classes, e.g. `"seg fin retx lost"`: a constant for the usual segment that
    /// arrived (`"seg data"`, `"seg ack"`), not one allocation per arrow.
    pub class: Cow<'static, str>,
    /// Index into `Ladder::flights` when this segment is drawn inside a collapsed flight's
    /// band: hide the arrow (its label is not placed). `None` for every arrow of
    /// [`Ladder::new`].
    pub flight: Option<u32>,
    /// Set when one of its times is estimated (a capture taken at one end): how to mark
    /// that end. The class then has `est-arrival` or `est-sent`.
    pub estimated: Option<EstimatedEnd>,
}

/// The estimated end of an arrow: the part of its line drawn dashed (a dashed stroke of the
/// background colour over the arrow, class `est`) and a "≈" beside that end (class
/// `est-mark`); `title` says which time is estimated, for the tooltip.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EstimatedEnd {
    pub which: synack_sim::Estimated,
    pub line: [Point; 2],
    pub mark: Label,
    /// "estimated arrival time" or "estimated send time", in the ladder's language.
    pub title: &'static str,
}

impl Arrow {
    /// The whole label on one line ("PSH,ACK seq=1 ack=1 len=5"), however it is set.
    pub fn label_text(&self) -> String {
        let mut t = self.label.text.clone();
        if let Some(more) = &self.label_more {
            t.push(' ');
            t.push_str(&more.text);
        }
        t
    }
}

/// A collapsed flight: one band from the sender's lane to the receiver's, in place of its
/// segments' arrows (see [`Flights`] for what makes a flight).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlightBand {
    /// Index into `Flights::list` (to expand it: `Collapsed::expand`).
    pub flight: u32,
    pub from: Side,
    pub kind: FlightKind,
    pub count: u32,
    /// Its segments' ids, in sending order.
    pub segments: Vec<u32>,
    /// First sending instant, last arrival.
    pub t0: Instant,
    pub t1: Instant,
    /// Sender's lane at the first sending, receiver's lane at the first arrival, receiver's
    /// lane at the last arrival, sender's lane at the last sending. Draw it with a stroke of
    /// a few px: a flight sent and received at single instants is a degenerate quadrilateral
    /// (one line).
    pub polygon: [Point; 4],
    /// "10× seq=1–14481", "5× ACK ack=1449–14481" (numbers per the ladder's `SeqMode`).
    pub label: Label,
    /// False when no free spot was found for the label: show it as a tooltip.
    pub label_shown: bool,
    /// CSS classes: `"flight data"` or `"flight ack"` (the arrows' colour classes).
    pub class: String,
}

/// A span of time during which one side held one state: a narrow bar along its lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateBand {
    pub side: Side,
    pub state: State,
    pub t0: Instant,
    pub t1: Instant,
    /// Left edge, top, width, height.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// The state's RFC name, beside the lane at the band's top (pushed down so that names of
    /// short bands never overlap).
    pub label: Label,
    /// CSS classes, e.g. `"band st-syn-sent"`.
    pub class: String,
}

/// How a timer's bar ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerEnd {
    /// It expired.
    Fired,
    /// It was cancelled before expiring.
    Cancelled,
    /// It was armed again (restarted) before expiring.
    Rearmed,
    /// Still armed when the trace ends.
    Pending,
}

/// One arming of one timer: a bar beside its side's lane, from arming to when it stopped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimerBar {
    pub side: Side,
    pub timer: TimerKind,
    pub armed: Instant,
    /// When it would expire.
    pub deadline: Instant,
    /// When it stopped (fired, cancelled, re-armed, or the trace's end).
    pub stop: Instant,
    pub end: TimerEnd,
    /// Left edge, top (armed), width, height (to `stop`).
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// y of the deadline (a tick mark when the bar stopped early).
    pub y_deadline: f32,
    /// "RTO 1 s", "2MSL 60 s" ... beside the bar's top, rotated to run along it.
    pub label: Label,
    /// Whether `label` fits along the bar (else show it only as a tooltip).
    pub label_fits: bool,
    /// CSS classes, e.g. `"timer tm-retransmit fired"`.
    pub class: String,
}

/// A tick of the time axis, with a faint gridline across the lanes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tick {
    pub t: Instant,
    pub y: f32,
    pub x0: f32,
    pub x1: f32,
    pub label: Label,
}

/// A compressed quiet gap: a zig-zag across the drawing and "… 59.7 s …".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AxisBreak {
    pub t0: Instant,
    pub t1: Instant,
    pub y0: f32,
    pub y1: f32,
    /// Two zig-zag polylines across the full width, at the top and bottom of the break.
    pub zigzag: [Vec<Point>; 2],
    pub label: Label,
}

/// One lane: a vertical line for one side, with its title.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lane {
    pub side: Side,
    pub x: f32,
    pub y0: f32,
    pub y1: f32,
    /// "Client" / "客户端".
    pub title: Label,
    /// The endpoint, "10.0.0.1:40001".
    pub subtitle: Label,
}

/// The static ladder geometry of one trace. Build once per trace (and per options); call
/// [`Ladder::frame`] for every playhead position.
#[derive(Clone, Debug, Serialize)]
pub struct Ladder {
    pub options: LadderOptions,
    /// The drawing's size (viewBox `0 0 width height`).
    pub width: f32,
    pub height: f32,
    /// [client, server].
    pub lanes: [Lane; 2],
    /// One per segment, in sending order (`arrows[i].id == i` for a well-formed trace).
    pub arrows: Vec<Arrow>,
    /// Both sides' state bands, in time order per side.
    pub bands: Vec<StateBand>,
    pub timers: Vec<TimerBar>,
    pub ticks: Vec<Tick>,
    pub breaks: Vec<AxisBreak>,
    /// The collapsed flights' bands, in order of first sending (empty for [`Ladder::new`]).
    pub flights: Vec<FlightBand>,
    pub axis: TimeAxis,
    pub steps: Steps,
    pub timeline: Timeline,
    /// The first and last instant drawn.
    pub start: Instant,
    pub end: Instant,
    /// The typical one-way transit time the scale is based on, in µs.
    pub typical_transit_us: u64,
    #[serde(skip)]
    arrow_index: IntervalIndex,
    #[serde(skip)]
    timer_index: IntervalIndex,
    /// Band indices of each side, in time order: [client, server].
    #[serde(skip)]
    side_bands: [Vec<u32>; 2],
}
