//! Facts about segments' travel that the ladder, the steps and the narration must agree on.

use alloc::vec::Vec;
use synack_core::{Flags, Instant};
use synack_sim::{Fate, SegmentRecord, Trace};

/// The typical one-way transit time in µs: the median transit of delivered segments; else
/// twice the median time to loss of lost segments (the simulator ends a lost segment
/// half-way); else the median positive gap between the trace's event instants; else 1 ms.
/// Never 0.
pub fn typical_transit_us(trace: &Trace) -> u64 {
    let mut transits: Vec<(u64, u32)> = trace
        .segments
        .iter()
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some((at.0.saturating_sub(r.sent_at.0), 0)),
            _ => None,
        })
        .filter(|d| d.0 > 0)
        .collect();
    if let Some(m) = median(&mut transits) {
        return m;
    }
    let mut to_loss: Vec<(u64, u32)> = trace
        .segments
        .iter()
        .filter_map(|r| match r.fate {
            Fate::Lost { at, .. } => Some((at.0.saturating_sub(r.sent_at.0).saturating_mul(2), 0)),
            _ => None,
        })
        .filter(|d| d.0 > 0)
        .collect();
    if let Some(m) = median(&mut to_loss) {
        return m;
    }
    let mut times: Vec<u64> = trace.events.iter().map(|e| e.at.0).collect();
    sort_u64(&mut times);
    let mut gaps: Vec<(u64, u32)> = times
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if b > a => Some((b - a, 0)),
            _ => None,
        })
        .collect();
    median(&mut gaps).unwrap_or(1000).max(1)
}

/// The middle value (the upper of the two middle ones), through the one shared sort of
/// `synack_text::order` on the bare pairs: no index, no sorted copy (a 10,000-segment trace
/// has as many transits).
fn median(v: &mut [(u64, u32)]) -> Option<u64> {
    synack_text::order::sort_pairs(v);
    v.get(v.len() / 2).map(|p| p.0)
}

/// Through the one shared sort (see `synack_text::order`), not a sort of its own.
fn sort_u64(v: &mut Vec<u64>) {
    synack_text::order::sort_by_u64(v, |&x| x);
}

/// Where the drawing of a lost segment ends: its `Fate::Lost` instant, or half a typical
/// transit after sending if that instant is not after the sending (so the ✕ is part-way).
pub fn loss_instant(rec: &SegmentRecord, typical_us: u64) -> Option<Instant> {
    match rec.fate {
        Fate::Lost { at, .. } if at > rec.sent_at => Some(at),
        Fate::Lost { .. } => Some(Instant(rec.sent_at.0.saturating_add(typical_us / 2))),
        _ => None,
    }
}

/// A segment that only acknowledges: ACK set, no SYN/FIN/RST, no payload.
pub fn is_pure_ack(rec: &SegmentRecord) -> bool {
    let f = rec.segment.flags;
    f.contains(Flags::ACK)
        && !f.intersects(Flags::SYN | Flags::FIN | Flags::RST)
        && rec.segment.payload.is_empty()
}
