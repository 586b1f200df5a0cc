//! The window chart: one side's congestion window, slow-start threshold, bytes in flight and
//! the peer's advertised window over time, as step lines in bytes, with the moments of loss
//! detection marked and the phases named (see [`derive`] for the rules that name them).
//!
//! [`WindowChart::new`] computes every static shape once per trace and side;
//! [`WindowChart::frame`] gives what is visible at a playhead in O(log n). Every sample links
//! back to the trace event after which the TCB was snapshotted, so the page can show its
//! narration.

mod derive;
mod frame;

pub use derive::{ca_phase, limit_phase};
pub use frame::{ChartFrame, SeriesFrame};

use crate::geom::Point;
use crate::lookup;
use crate::scale::{byte_ticks, nice_ceiling, time_ticks, AxisTick, LinearScale};
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{CaState, Instant};
use synack_sim::{Side, Trace};

/// Options of [`WindowChart::new`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartOptions {
    /// The drawing's size (viewBox `0 0 width height`).
    pub width: f32,
    pub height: f32,
    /// The span of time drawn; `None`: the data phase (`lookup::data_span`).
    pub span: Option<(Instant, Instant)>,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 760.0,
            height: 320.0,
            span: None,
        }
    }
}

/// The four quantities drawn, each a step line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// The congestion window, cwnd (RFC 5681 §2), in bytes.
    Cwnd,
    /// The slow-start threshold (RFC 5681 §3.1), drawn from the moment it is first set.
    Ssthresh,
    /// Bytes in flight: RFC 6675's `pipe` (Linux `tcp_packets_in_flight`, in bytes).
    InFlight,
    /// The peer's advertised window, SND.WND (RFC 9293 §3.8.6).
    Rwnd,
}

impl Quantity {
    pub const ALL: [Quantity; 4] = [
        Quantity::Cwnd,
        Quantity::Ssthresh,
        Quantity::InFlight,
        Quantity::Rwnd,
    ];

    /// The CSS class name.
    pub const fn class(self) -> &'static str {
        match self {
            Quantity::Cwnd => "cwnd",
            Quantity::Ssthresh => "ssthresh",
            Quantity::InFlight => "in-flight",
            Quantity::Rwnd => "rwnd",
        }
    }
}

/// The side's windows after everything that happened at one instant (the last TCB snapshot
/// there: a chart against time shows what held at each instant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sample {
    pub t: Instant,
    pub cwnd: u32,
    /// `None` while unset (RFC 5681 §3.1: "arbitrarily high").
    pub ssthresh: Option<u32>,
    pub in_flight: u32,
    pub rwnd: u32,
    pub mss: u16,
    pub ca_state: CaState,
    /// Index into `Trace::events`: the last event of this side at this instant, which the
    /// snapshot follows (`None` for the carried-in value at the chart's start when the side
    /// had no event before it).
    pub event: Option<u32>,
}

impl Sample {
    /// The value of `q` in bytes (`None`: ssthresh unset).
    pub fn value(&self, q: Quantity) -> Option<u32> {
        match q {
            Quantity::Cwnd => Some(self.cwnd),
            Quantity::Ssthresh => self.ssthresh,
            Quantity::InFlight => Some(self.in_flight),
            Quantity::Rwnd => Some(self.rwnd),
        }
    }
}

/// One quantity's step line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub quantity: Quantity,
    /// The first sample it is drawn from (ssthresh starts when it is first set).
    pub first: usize,
    /// The step path: `[P₀, H₁, P₁, H₂, P₂ …, end]`, where Pᵢ is sample `first + i` at its
    /// value and Hᵢ the corner at its instant at the previous value; `end` carries the last
    /// value to the right edge. Empty when the quantity is never defined.
    pub path: Vec<Point>,
    /// Some value lies above the plot (drawn at its top edge): the peer's window can dwarf
    /// the others (see [`WindowChart::new`]).
    pub clipped: bool,
}

/// Why the sender resent or probed at a moment: the marker's shape (the page maps it to
/// shape and colour, and to words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// Fast retransmit on duplicate ACKs, SACK not agreed: the third duplicate ACK (RFC 5681
    /// §3.2), or a NewReno partial ACK during recovery (RFC 6582 §3.2).
    DupAckRetransmit,
    /// Fast retransmit with SACK agreed: the scoreboard marks the segment lost (RFC 6675
    /// `IsLost`: DupThresh segments SACKed above it).
    SackRetransmit,
    /// RACK marked it lost: a later segment was delivered and the reordering window passed
    /// (RFC 8985 §6.2; Linux `tcp_rack_detect_loss`).
    Rack,
    /// The tail loss probe timer fired (RFC 8985 §7; Linux `tcp_send_loss_probe`).
    TailLossProbe,
    /// The retransmission timer fired (RFC 6298 §5.4; Linux `tcp_retransmit_timer`).
    Rto,
    /// Not a loss: a zero-window probe (RFC 9293 §3.8.6.1, the persist timer).
    WindowProbe,
}

impl MarkKind {
    /// The kind of a segment sent for `reason`, if it is a retransmission or probe; `sack`:
    /// whether the connection agreed on SACK (both SYNs carried SACK-permitted, RFC 2018 §2).
    /// A SYN's timeout belongs to the handshake and is not marked.
    pub fn of(reason: synack_core::SendReason, sack: bool, syn: bool) -> Option<MarkKind> {
        use synack_core::SendReason as R;
        Some(match reason {
            R::FastRetransmit if sack => MarkKind::SackRetransmit,
            R::FastRetransmit => MarkKind::DupAckRetransmit,
            R::RackRetransmit => MarkKind::Rack,
            R::LossProbe => MarkKind::TailLossProbe,
            R::Retransmission if !syn => MarkKind::Rto,
            R::WindowProbe => MarkKind::WindowProbe,
            _ => return None,
        })
    }

    /// The CSS class name.
    pub const fn class(self) -> &'static str {
        match self {
            MarkKind::DupAckRetransmit => "dupack-retransmit",
            MarkKind::SackRetransmit => "sack-retransmit",
            MarkKind::Rack => "rack",
            MarkKind::TailLossProbe => "tlp",
            MarkKind::Rto => "rto",
            MarkKind::WindowProbe => "window-probe",
        }
    }
}

/// The segments one side resent (or probed with) at one instant for one reason.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LossMark {
    pub t: Instant,
    pub kind: MarkKind,
    /// Segment ids, in sending order.
    pub segments: Vec<u32>,
    /// Index into `Trace::events` of the first segment's `sent` event.
    pub event: Option<u32>,
    /// On the cwnd line at `t` (after the instant's changes); a window probe on the rwnd
    /// line.
    pub at: Point,
}

/// The congestion-control phase (Linux `tcp_ca_state` refined by RFC 5681's cwnd/ssthresh
/// test); see [`ca_phase`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaPhase {
    SlowStart,
    CongestionAvoidance,
    /// Linux `TCP_CA_Recovery`: fast recovery (RFC 6675, RFC 6937 PRR; RFC 6582 NewReno).
    FastRecovery,
    /// Linux `TCP_CA_Loss`: after a retransmission timeout, slow start from one segment
    /// (RFC 5681 §3.1, RFC 6298 §5).
    LossRecovery,
    /// Linux `TCP_CA_CWR`: cwnd reduced for a congestion signal other than loss.
    CwndReduction,
}

/// What holds new data back (the core's `SendLimit`, reported when it changes, and the
/// peer's zero window); see [`limit_phase`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitPhase {
    /// The packets in flight fill cwnd (`tcp_cwnd_test`).
    CwndLimited,
    /// The peer's window is full (`tcp_snd_wnd_test`), or too small for a segment
    /// (sender SWS avoidance, RFC 9293 §3.8.6.2.1).
    WindowLimited,
    /// The application has given nothing more to send (the send queue is empty; Linux
    /// `tcp_rate_check_app_limited`).
    ApplicationLimited,
    /// Nagle holds a small segment (RFC 9293 §3.7.4).
    Nagle,
    /// The peer advertises a zero window (RFC 9293 §3.8.6.1): only probes leave.
    ZeroWindow,
}

/// A span of time in one phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Span<K> {
    pub kind: K,
    pub t0: Instant,
    pub t1: Instant,
    pub x0: f32,
    pub x1: f32,
    /// Index into `Trace::events` of the event that began it (if inside the trace).
    pub event: Option<u32>,
}

/// The static window chart of one side. Build once per trace and side; call
/// [`WindowChart::frame`] for every playhead position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WindowChart {
    pub side: Side,
    pub width: f32,
    pub height: f32,
    /// The plot area: left, top, right, bottom.
    pub plot: [f32; 4],
    /// Time (µs, the trace's clock) → x.
    pub x: LinearScale,
    /// Bytes → y.
    pub y: LinearScale,
    /// Time ticks, labelled relative to `Trace::t0`; `value` is the instant on the trace's
    /// clock.
    pub x_ticks: Vec<AxisTick>,
    pub y_ticks: Vec<AxisTick>,
    /// One per instant at which the side's TCB changed inside the span (the first carries
    /// the value in at the span's start), in time order.
    pub samples: Vec<Sample>,
    /// x of each sample.
    pub sample_x: Vec<f32>,
    /// In `Quantity::ALL` order.
    pub series: Vec<Series>,
    pub marks: Vec<LossMark>,
    pub ca_phases: Vec<Span<CaPhase>>,
    pub limits: Vec<Span<LimitPhase>>,
}

fn span<K>(x: &LinearScale, kind: K, a: u64, b: u64, event: Option<u32>) -> Span<K> {
    Span {
        kind,
        t0: Instant(a),
        t1: Instant(b),
        x0: x.px_clamped(a),
        x1: x.px_clamped(b),
        event,
    }
}

impl WindowChart {
    /// Lay out `side`'s windows. O(n log n) in the trace's size.
    ///
    /// The y range ends on a round value above the largest cwnd, ssthresh and flight; the
    /// peer's window joins the range unless it is more than three times that (a receiver's
    /// megabytes of buffer would flatten the congestion window), and then it is drawn at
    /// the top edge with `clipped` set.
    pub fn new(trace: &Trace, side: Side, opts: &ChartOptions) -> WindowChart {
        let crate::scale::PlotFrame {
            width,
            height,
            t0,
            t1,
            plot,
            x,
        } = crate::scale::plot_frame(trace, (opts.width, opts.height), 320.0, opts.span, 64.0);
        let per_instant = lookup::last_event_per_instant(trace);
        let samples = derive::samples(trace, side, t0, t1, &per_instant);

        let core_max = samples
            .iter()
            .map(|s| s.cwnd.max(s.in_flight).max(s.ssthresh.unwrap_or(0)))
            .max()
            .unwrap_or(0);
        let rwnd_max = samples.iter().map(|s| s.rwnd).max().unwrap_or(0);
        let top = if u64::from(rwnd_max) <= 3 * u64::from(core_max) {
            core_max.max(rwnd_max)
        } else {
            core_max
        };
        let y = LinearScale::new(0, nice_ceiling(u64::from(top).max(1)), plot[3], plot[1]);
        let sample_x: Vec<f32> = samples.iter().map(|s| x.px_clamped(s.t.0)).collect();
        let series = Quantity::ALL
            .iter()
            .map(|&q| derive::series(q, &samples, &sample_x, &y, plot[2]))
            .collect();
        let sent = lookup::sent_events(trace);
        // A mark sits on the line it is about: a window probe on the peer's window, a loss
        // on cwnd (the values after the instant).
        let mark_y = |t: u64, kind: MarkKind| {
            let k = samples.partition_point(|s| s.t.0 <= t);
            let s = k.checked_sub(1).and_then(|i| samples.get(i));
            let v = match kind {
                MarkKind::WindowProbe => s.map_or(0, |s| s.rwnd),
                _ => s.map_or(0, |s| s.cwnd),
            };
            y.px_clamped(u64::from(v))
        };
        let marks = derive::marks(trace, side, t0, t1, &sent)
            .into_iter()
            .map(|(t, kind, segments, event)| LossMark {
                t: Instant(t),
                kind,
                segments,
                event,
                at: Point::new(x.px_clamped(t), mark_y(t, kind)),
            })
            .collect();
        let ca_phases = derive::runs(samples.iter().map(|s| (s.t.0, ca_phase(s), s.event)), t1)
            .into_iter()
            .map(|(k, a, b, e)| span(&x, k, a, b, e))
            .collect();
        let limits = derive::limits(trace, side, &samples, t0, t1)
            .into_iter()
            .map(|(k, a, b, e)| span(&x, k, a, b, e))
            .collect();
        let x_ticks = time_ticks(&x, trace.t0.0, plot[3] + 16.0);
        let y_ticks = byte_ticks(&y, plot[0]);
        WindowChart {
            side,
            width,
            height,
            plot,
            x,
            y,
            x_ticks,
            y_ticks,
            samples,
            sample_x,
            series,
            marks,
            ca_phases,
            limits,
        }
    }

    /// The sample in force at `t` (the last at or before it).
    pub fn sample_at(&self, t: Instant) -> Option<&Sample> {
        let k = self.samples.partition_point(|s| s.t <= t);
        self.samples.get(k.checked_sub(1)?)
    }

    /// The sample nearest to x = `px` (hover, focus): its values and its event.
    pub fn nearest(&self, px: f32) -> Option<usize> {
        if self.sample_x.is_empty() || !px.is_finite() {
            return None;
        }
        let k = self.sample_x.partition_point(|&x| x <= px);
        let after = k.min(self.sample_x.len() - 1);
        let before = k.saturating_sub(1);
        let d = |i: usize| self.sample_x.get(i).map_or(f32::MAX, |x| (x - px).abs());
        Some(if d(before) <= d(after) { before } else { after })
    }
}
