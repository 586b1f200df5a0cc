//! The links: what becomes of each segment on the wire (user drops, scripted faults, random
//! loss, jitter, duplication, reordering), and its delivery.
//!
//! Randomness is drawn per segment from its own generator, seeded from (seed, side, n-th
//! segment of that side): a segment's luck does not depend on what other segments did, so a
//! "what if" drop changes only what follows from it. The generator is `Pcg64Mcg` (a named
//! algorithm), and every draw is a fixed-width `next_u32`/`next_u64` mapped to a range by
//! integer multiplication, never `usize` or rand's range sampling, so a seed gives the same
//! trace natively and in WebAssembly, whatever rand's sampling algorithms become.

use super::Sim;
use super::{mix, What};
use crate::config::SegmentRef;
use crate::error::SimError;
use crate::scenario::{Blackout, FaultAction, Select};
use crate::trace::{Fate, LossCause, SegmentRecord, Side, TraceEventKind};
use alloc::format;
use rand::Rng;
use rand_pcg::Pcg64Mcg;
use synack_core::seq::{seq_le, seq_lt};
use synack_core::{Instant, Segment, SendReason};

/// A link's copy arrives this long after the original (back to back on the wire).
pub const DUPLICATE_GAP_US: u64 = 1_000;

/// The random draws of one segment, always all of them and in this order, so that turning
/// one knob does not shift the others' luck.
struct Draws {
    loss: u32,
    duplicate: u32,
    reorder: u32,
    jitter: u64,
}

impl Draws {
    /// What a link that draws nothing reads: no loss, copy or reordering at any rate of 0.
    const UNUSED: Draws = Draws {
        loss: 0,
        duplicate: 0,
        reorder: 0,
        jitter: 0,
    };

    fn new(seed: u64, side: Side, nth: u32) -> Draws {
        let key = (u64::from(side.index() as u8) << 32) | u64::from(nth);
        let hi = mix(seed ^ mix(key));
        let lo = mix(hi ^ 0x6c69_6e6b);
        let mut rng = Pcg64Mcg::new((u128::from(hi) << 64) | u128::from(lo));
        Draws {
            loss: rng.next_u32(),
            duplicate: rng.next_u32(),
            reorder: rng.next_u32(),
            jitter: rng.next_u64(),
        }
    }
}

/// True with probability `ppm` / 1 000 000, from a uniform 32-bit draw.
fn chance(draw: u32, ppm: u32) -> bool {
    (u64::from(draw) * 1_000_000) >> 32 < u64::from(ppm)
}

/// `latency ± jitter`, uniform, from a 64-bit draw (never below 0).
fn jittered(latency: u64, jitter: u64, draw: u64) -> u64 {
    if jitter == 0 {
        return latency;
    }
    let span = u128::from(jitter) * 2 + 1;
    let offset = ((u128::from(draw) * span) >> 64) as u64; // 0 ..= 2 * jitter
    latency.saturating_add(offset).saturating_sub(jitter)
}

impl Sim<'_> {
    /// Decide what becomes of freshly sent segment `id` and queue its arrival.
    pub(super) fn launch(&mut self, id: u32) {
        let Some(rec) = self.rec.segments.get(id as usize) else {
            return;
        };
        let (side, nth, sent) = (rec.from, rec.nth_from_side, rec.sent_at.0);
        let (flags, state) = (rec.segment.flags, rec.sender_state);
        let (seq, len, reason) = (
            rec.segment.seq,
            rec.segment.payload.len() as u32,
            rec.reason,
        );
        // Segments with payload are counted per side from 1, retransmissions too.
        let data_nth = if len > 0 {
            let c = self.data_sent.get_mut(side);
            *c = c.saturating_add(1);
            Some(*c)
        } else {
            None
        };
        let link = self.cfg.link(side).clone();
        let lost_at = Instant(sent.saturating_add(link.latency_us / 2));
        // A segment's draws decide only its own luck (see `Draws`), and a link without loss,
        // duplication, reordering or jitter uses none of them: they are not drawn then (the
        // 128-bit generator is a good part of a long lossless run, in WebAssembly).
        let d = if link.loss_ppm == 0
            && link.duplicate_ppm == 0
            && link.reorder_ppm == 0
            && link.jitter_us == 0
        {
            Draws::UNUSED
        } else {
            Draws::new(self.cfg.seed, side, nth)
        };

        // Scripted faults: every fault whose selector matches applies; a drop wins.
        let mut scripted_drop = false;
        let mut extra = 0u64;
        let mut copy_after = None;
        for (i, f) in self.sc.faults.iter().enumerate() {
            if f.side != side {
                continue;
            }
            let hit = match &f.select {
                Select::Nth(n) => *n == nth,
                Select::Match {
                    flags: want,
                    state: st,
                    all,
                } => {
                    if *want != flags || st.is_some_and(|s| s != state) {
                        false
                    } else {
                        let Some(h) = self.fault_hits.get_mut(i) else {
                            continue;
                        };
                        *h = h.saturating_add(1);
                        *all || *h == 1
                    }
                }
                Select::DataNth { n, retransmissions } => {
                    let Some(slot) = self.data_hits.get_mut(i) else {
                        continue;
                    };
                    match slot {
                        None if data_nth == Some(*n) => {
                            *slot = Some((seq, 0));
                            true
                        }
                        // A retransmission: a later segment whose range covers the first byte.
                        Some((start, hits))
                            if *hits < *retransmissions
                                && len > 0
                                && seq_le(seq, *start)
                                && seq_lt(*start, seq.wrapping_add(len)) =>
                        {
                            *hits += 1;
                            true
                        }
                        _ => false,
                    }
                }
            };
            if hit {
                match f.action {
                    FaultAction::Drop => scripted_drop = true,
                    FaultAction::Delay { extra_us } => extra = extra.saturating_add(extra_us),
                    FaultAction::Duplicate { extra_us } => copy_after = Some(extra_us),
                }
            }
        }
        let me = SegmentRef {
            side,
            nth,
            injected: false,
        };
        // The blackout: after the handshake-completing ACK (which still arrives), or from an
        // instant on, everything is lost, both ways.
        let dark = self.dark || matches!(self.sc.blackout, Some(Blackout::At(t)) if sent >= t);
        if self.sc.blackout == Some(Blackout::AfterHandshake) && reason == SendReason::HandshakeAck
        {
            self.dark = true;
        }
        let cause = if self.cfg.drops.contains(&me) {
            Some(LossCause::User)
        } else if scripted_drop || dark {
            Some(LossCause::Scripted)
        } else if chance(d.loss, link.loss_ppm) {
            Some(LossCause::Random)
        } else {
            None
        };
        if let Some(cause) = cause {
            self.rec.set_fate(id, Fate::Lost { at: lost_at, cause });
            return;
        }
        // The bottleneck: wait for the packets ahead, then the serialisation delay.
        let bytes = self
            .rec
            .segments
            .get(id as usize)
            .map_or(0, |r| r.hex.byte_len());
        let Some(sent) = self.bottleneck(side, &link, sent, bytes) else {
            self.rec.set_fate(
                id,
                Fate::Lost {
                    at: Instant(sent),
                    cause: LossCause::Queue,
                },
            );
            return;
        };
        let base = sent.saturating_add(jittered(link.latency_us, link.jitter_us, d.jitter));
        let held_back = chance(d.reorder, link.reorder_ppm);
        let arrival = if extra > 0 || held_back {
            // Out of the FIFO: later segments may overtake this one.
            let hold = if held_back {
                link.latency_us.max(1_000)
            } else {
                0
            };
            base.saturating_add(extra).saturating_add(hold)
        } else {
            let last = self.last_arrival.get_mut(side);
            let a = base.max(*last);
            *last = a;
            a
        };
        self.push(arrival, What::Arrive(id));
        if chance(d.duplicate, link.duplicate_ppm) {
            self.copy(id, arrival.saturating_add(DUPLICATE_GAP_US));
        }
        if let Some(after) = copy_after {
            self.copy(id, arrival.saturating_add(after));
        }
    }

    /// A packet of `tcp_bytes` (plus the 20-byte IPv4 header) enters `side`'s bottleneck at
    /// `at`: when it has left the queue (`at` itself without a bottleneck), or `None` when
    /// the drop-tail queue is full.
    fn bottleneck(
        &mut self,
        side: Side,
        link: &crate::config::LinkConfig,
        at: u64,
        tcp_bytes: usize,
    ) -> Option<u64> {
        if link.bandwidth_bps == 0 {
            return Some(at);
        }
        let q = self.queues.get_mut(side);
        // Packets that have left by now no longer hold a place.
        while q.front().is_some_and(|&left| left <= at) {
            q.pop_front();
        }
        if link.queue_packets > 0 && q.len() >= link.queue_packets as usize {
            return None;
        }
        let bits = (tcp_bytes as u128 + 20) * 8 * 1_000_000;
        let serialise = bits.div_ceil(u128::from(link.bandwidth_bps));
        let start = q.back().copied().unwrap_or(at).max(at);
        let left = start.saturating_add(u64::try_from(serialise).unwrap_or(u64::MAX));
        q.push_back(left);
        Some(left)
    }

    /// The link delivers a second copy of segment `of` at `at`.
    fn copy(&mut self, of: u32, at: u64) {
        let Some(orig) = self.rec.segments.get(of as usize) else {
            return;
        };
        let mut rec = orig.clone();
        rec.duplicate_of = Some(of);
        rec.fate = Fate::InFlight;
        let id = self.rec.add_segment(rec);
        self.push(at, What::Arrive(id));
    }

    /// Segment `id` reaches its receiver, which gets the segment its bytes on the wire say.
    /// For a canonical segment (every one a connection sends) that is the recorded segment
    /// itself: parsing its bytes would give it back unchanged (`Segment::is_canonical`), so
    /// it is handed over without re-parsing or re-checking the checksum it was emitted with.
    /// Any other is parsed from its bytes, as a real wire would hand it over.
    pub(super) fn arrive(&mut self, id: u32) -> Result<(), SimError> {
        let now = self.now;
        let Some(rec) = self.rec.segments.get(id as usize) else {
            return Err(SimError::Internal(format!(
                "segment {id} arrived but was never sent"
            )));
        };
        let from = rec.from;
        let to = from.other();
        let src = super::endpoint(from).addr;
        let reparsed = if rec.segment.is_canonical() {
            None
        } else {
            let parsed =
                Segment::parse(&rec.hex.bytes(), Some(super::record::ips(from))).map_err(|e| {
                    SimError::Internal(format!(
                        "segment {id} does not parse back from its bytes: {e}"
                    ))
                })?;
            Some(parsed.segment)
        };
        self.rec.set_fate(id, Fate::Arrived { at: now });
        self.rec.event(now, to, TraceEventKind::Arrived { id });
        let conn = self.conns.get_mut(to);
        match (&reparsed, self.rec.segments.get(id as usize)) {
            (Some(seg), _) | (None, Some(SegmentRecord { segment: seg, .. })) => {
                conn.handle_segment(now, src, seg)
            }
            (None, None) => {}
        }
        self.drain(to);
        Ok(())
    }

    /// Whether the user dropped the n-th injected segment.
    pub(super) fn injection_dropped(&self, nth: u32, from: Side) -> bool {
        self.cfg.drops.contains(&SegmentRef {
            side: from,
            nth,
            injected: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chance_is_exact_at_the_ends() {
        assert!(!chance(0, 0));
        assert!(!chance(u32::MAX, 0));
        assert!(chance(0, 1_000_000));
        assert!(chance(u32::MAX, 1_000_000));
        assert!(chance(u32::MAX / 2 - 1000, 500_000));
        assert!(!chance(u32::MAX / 2 + 1000, 500_000));
    }

    #[test]
    fn jitter_stays_in_range() {
        assert_eq!(jittered(50, 0, u64::MAX), 50);
        assert_eq!(jittered(50, 10, 0), 40);
        assert_eq!(jittered(50, 10, u64::MAX), 60);
        assert_eq!(jittered(5, 10, 0), 0);
    }

    #[test]
    fn draws_depend_only_on_seed_side_and_number() {
        let a = Draws::new(7, Side::Client, 3);
        let b = Draws::new(7, Side::Client, 3);
        let c = Draws::new(7, Side::Server, 3);
        assert_eq!((a.loss, a.jitter), (b.loss, b.jitter));
        assert_ne!((a.loss, a.jitter), (c.loss, c.jitter));
    }
}
