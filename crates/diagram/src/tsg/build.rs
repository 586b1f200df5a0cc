//! Building the time-sequence graph from a trace.

use super::{Bar, BarKind, SackBlock, StepLine, Tsg, TsgOptions};
use crate::chart::MarkKind;
use crate::geom::Point;
use crate::scale::{byte_ticks, nice_ceiling, time_ticks, LinearScale};
use crate::timeline::{of, Timeline};
use alloc::format;
use alloc::vec::Vec;
use synack_core::seq::seq_lt;
use synack_core::{Flags, Instant, TcpOption};
use synack_sim::{Fate, Side, Trace};

impl Tsg {
    /// Lay out the segments `side` sends. O(n log n).
    ///
    /// The y range ends on a round value above the highest sequence number sent and
    /// acknowledged; the window line joins the range unless it reaches more than 1.5 times
    /// that (a large receive buffer would flatten the data), and is then drawn at the top
    /// edge with `clipped` set.
    pub fn new(trace: &Trace, side: Side, opts: &TsgOptions) -> Tsg {
        let crate::scale::PlotFrame {
            width,
            height,
            t0,
            t1,
            plot,
            x,
        } = crate::scale::plot_frame(trace, (opts.width, opts.height), 420.0, opts.span, 72.0);
        let tl = Timeline::new(trace);
        let base = *of(&tl.seq_base, side);
        let sack = crate::lookup::sack_agreed(trace);
        // Relative to the sender's ISN; a number before it (a stale segment) is not drawn.
        let rel = |seq: u32| -> Option<u64> {
            let d = seq.wrapping_sub(base);
            (d < 1 << 31).then_some(u64::from(d))
        };

        // (segment, kind, how, t, seq0, seq1, lost_at)
        let mut raw = Vec::new();
        for r in &trace.segments {
            if r.from != side || r.injected || r.duplicate_of.is_some() {
                continue;
            }
            let t = r.sent_at.0;
            if t < t0 || t > t1 || r.segment.flags.contains(Flags::SYN) {
                continue;
            }
            let len =
                r.segment.payload.len() as u64 + u64::from(r.segment.flags.contains(Flags::FIN));
            let how = MarkKind::of(r.reason, sack, false);
            let kind = match how {
                Some(MarkKind::TailLossProbe) => BarKind::LossProbe,
                Some(MarkKind::WindowProbe) => BarKind::WindowProbe,
                Some(_) => BarKind::Retransmission,
                None if len > 0 => BarKind::Data,
                None => continue,
            };
            let Some(seq0) = rel(r.segment.seq) else {
                continue;
            };
            let lost_at = match r.fate {
                Fate::Lost { at, .. } => Some(at),
                _ => None,
            };
            raw.push((r.id, kind, how, t, seq0, seq0 + len, lost_at));
        }

        // SND.UNA and SND.UNA + SND.WND after each instant, from the sender's snapshots.
        let mut steps: Vec<(u64, u64, u64)> = Vec::new();
        for s in trace.snapshots.iter().filter(|s| s.side == side) {
            if s.at.0 > t1 || !s.tcb.state.is_synchronized() {
                continue;
            }
            let Some(una) = rel(s.tcb.snd_una) else {
                continue;
            };
            let p = (s.at.0.max(t0), una, una + u64::from(s.tcb.snd_wnd));
            match steps.last_mut() {
                Some(last) if last.0 == p.0 => *last = p,
                _ => steps.push(p),
            }
        }

        let mut sacks_raw = Vec::new();
        for r in &trace.segments {
            if r.from != side.other() {
                continue;
            }
            let Fate::Arrived { at } = r.fate else {
                continue;
            };
            if at.0 < t0 || at.0 > t1 {
                continue;
            }
            for o in &r.segment.options {
                let TcpOption::Sack(blocks) = o else {
                    continue;
                };
                for (i, &(l, rr)) in blocks.iter().enumerate() {
                    // RFC 2883 §4: a first block below the cumulative ACK, or inside the
                    // second block, reports a duplicate.
                    let inside_next = blocks
                        .get(1)
                        .is_some_and(|&(l2, r2)| !seq_lt(l, l2) && !seq_lt(r2, rr));
                    let dsack = i == 0 && (seq_lt(l, r.segment.ack) || inside_next);
                    if let (Some(a), Some(b)) = (rel(l), rel(rr)) {
                        sacks_raw.push((r.id, at.0, a, b, dsack));
                    }
                }
            }
        }

        let data_max = raw
            .iter()
            .map(|b| b.5)
            .chain(steps.iter().map(|s| s.1))
            .chain(sacks_raw.iter().map(|s| s.3))
            .max()
            .unwrap_or(1);
        let wnd_max = steps.iter().map(|s| s.2).max().unwrap_or(0);
        let top = if wnd_max.saturating_mul(2) <= data_max.saturating_mul(3) {
            data_max.max(wnd_max)
        } else {
            data_max
        };
        let y = LinearScale::new(0, nice_ceiling(top.max(1)), plot[3], plot[1]);

        let bars = raw
            .into_iter()
            .map(|(segment, kind, how, t, seq0, seq1, lost_at)| {
                let mut class = format!("bar {}", kind.class());
                if lost_at.is_some() {
                    class.push_str(" lost");
                }
                Bar {
                    segment,
                    kind,
                    how,
                    t: Instant(t),
                    seq0,
                    seq1,
                    x: x.px_clamped(t),
                    y0: y.px_clamped(seq0),
                    y1: y.px_clamped(seq1),
                    lost_at,
                    class,
                }
            })
            .collect();
        let line = |pick: &dyn Fn(&(u64, u64, u64)) -> u64| {
            let mut l = StepLine::default();
            let mut prev: Option<f32> = None;
            for s in &steps {
                let v = pick(s);
                l.clipped |= v > y.v1;
                let (px, py) = (x.px_clamped(s.0), y.px_clamped(v));
                if let Some(p0) = prev {
                    l.path.push(Point::new(px, p0));
                }
                l.path.push(Point::new(px, py));
                l.t.push(Instant(s.0));
                l.value.push(v);
                prev = Some(py);
            }
            if let Some(py) = prev {
                l.path.push(Point::new(plot[2], py));
            }
            l
        };
        let ack = line(&|s| s.1);
        let window = line(&|s| s.2);
        let sacks = sacks_raw
            .into_iter()
            .map(|(segment, t, a, b, dsack)| SackBlock {
                segment,
                t: Instant(t),
                seq0: a,
                seq1: b,
                x: x.px_clamped(t),
                y0: y.px_clamped(a),
                y1: y.px_clamped(b),
                dsack,
            })
            .collect::<Vec<_>>();
        let mut sacks = sacks;
        synack_text::order::sort_by_u64(&mut sacks, |s| s.t.0);
        Tsg {
            side,
            width,
            height,
            plot,
            x_ticks: time_ticks(&x, trace.t0.0, plot[3] + 16.0),
            y_ticks: byte_ticks(&y, plot[0]),
            x,
            y,
            bars,
            ack,
            window,
            sacks,
        }
    }
}
