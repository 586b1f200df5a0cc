//! When each segment left its sender and reached its receiver. A capture taken at one end
//! knows one of the two times of every segment; the other is estimated from the handshake's
//! round-trip time (half of it each way). Two captures, one at each end, know both: a segment
//! is matched across them by its header (sequence and acknowledgment numbers, flags, length,
//! timestamp value), and one the receiver never saw was lost.

use crate::{Capture, Connection, Packet};
use alloc::collections::{BTreeMap, VecDeque};
use alloc::vec::Vec;
use synack_core::seq::seq_le;
use synack_core::Flags;
use synack_sim::{Estimated, Side};

/// How the times of a trace were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timing {
    /// Both ends were captured: every send and arrival time is as captured.
    Exact,
    /// One end was captured (`captured_at`); the other end's times are the captured ones
    /// shifted by `one_way_us`, half the handshake's round trip.
    Estimated { captured_at: Side, one_way_us: u64 },
}

/// One segment with its times (nanoseconds since 1970).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timed<'a> {
    pub from: Side,
    pub sent_ns: u64,
    /// `None`: lost (seen only in its sender's capture).
    pub arrived_ns: Option<u64>,
    pub packet: &'a Packet,
    /// Its loss is inferred (a one-end capture), not seen.
    pub inferred: bool,
    /// Which of its times is estimated, not captured.
    pub estimated: Option<Estimated>,
}

pub(crate) struct Segments<'a> {
    pub segs: Vec<Timed<'a>>,
    pub timing: Timing,
}

fn side_of(conn: &Connection, p: &Packet) -> Side {
    if p.src == conn.client {
        Side::Client
    } else {
        Side::Server
    }
}

fn packets<'a>(cap: &'a Capture, conn: &Connection) -> impl Iterator<Item = &'a Packet> + 'a {
    let ids = conn.packets.clone();
    ids.into_iter()
        .filter_map(move |i| cap.packets().get(i as usize))
}

/// Where a one-end capture was taken and the one-way delay, from its handshake: at the
/// client, SYN → SYN-ACK takes a round trip and SYN-ACK → ACK almost nothing; at the server
/// the reverse. (The SYN taken is the last one before the SYN-ACK: the one answered.)
pub(crate) fn handshake(cap: &Capture, conn: &Connection) -> Option<(Side, u64)> {
    let mut syn: Option<u64> = None;
    let mut synack: Option<u64> = None;
    for p in packets(cap, conn) {
        let from = side_of(conn, p);
        let f = p.flags;
        match synack {
            None if from == Side::Client && crate::syn_only(f) => syn = Some(p.ts_ns),
            None if from == Side::Server && f.contains(Flags::SYN | Flags::ACK) => {
                syn?;
                synack = Some(p.ts_ns);
            }
            None if from == Side::Server && f.contains(Flags::RST) => {
                // Refused: at the client the RST comes a round trip after the SYN.
                let gap = p.ts_ns.saturating_sub(syn?);
                return Some(if gap >= 1_000_000 {
                    (Side::Client, gap / 2)
                } else {
                    (Side::Server, 0)
                });
            }
            Some(sa) if from == Side::Client && !f.contains(Flags::SYN) => {
                let s = syn?;
                let (g1, g2) = (sa.saturating_sub(s), p.ts_ns.saturating_sub(sa));
                return Some(if g1 >= g2 {
                    (Side::Client, g1 / 2)
                } else {
                    (Side::Server, g2 / 2)
                });
            }
            _ => {}
        }
    }
    let (s, sa) = (syn?, synack?);
    Some((Side::Client, sa.saturating_sub(s) / 2))
}

/// Without a handshake, the timestamps (RFC 7323 §3): a TSval comes back as the peer's TSecr
/// a round trip later at its sender's end, and at once at the echoing end. The side whose
/// echoes take longest (the smallest wait of each side, to leave out delayed ACKs) is where
/// the capture was taken; half its wait is one way.
fn echoes(cap: &Capture, conn: &Connection) -> Option<(Side, u64)> {
    let mut first_sent: [BTreeMap<u32, u64>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let mut wait: [Option<u64>; 2] = [None, None];
    for p in packets(cap, conn) {
        let from = side_of(conn, p);
        let Some((tsval, tsecr)) = p.segment().and_then(|s| s.timestamps()) else {
            continue;
        };
        if let Some(m) = first_sent.get_mut(from.index()) {
            m.entry(tsval).or_insert(p.ts_ns);
        }
        let echoed = first_sent
            .get(from.other().index())
            .and_then(|m| m.get(&tsecr).copied());
        if let (Some(sent), Some(w)) = (echoed, wait.get_mut(from.other().index())) {
            let d = p.ts_ns.saturating_sub(sent);
            *w = Some(w.map_or(d, |x| x.min(d)));
        }
    }
    let [c, s] = wait;
    match (c?, s?) {
        (c, s) if c >= s => Some((Side::Client, c / 2)),
        (_, s) => Some((Side::Server, s / 2)),
    }
}

/// A capture taken at one end: the other end's times estimated.
pub(crate) fn one_end<'a>(
    cap: &'a Capture,
    conn: &Connection,
    options: &crate::Options,
) -> Segments<'a> {
    let (at, one_way) = handshake(cap, conn)
        .or_else(|| echoes(cap, conn))
        .unwrap_or((Side::Client, 0));
    let at = options.captured_at.unwrap_or(at);
    let one_way = options
        .one_way_us
        .map_or(one_way, |us| us.saturating_mul(1000));
    let mut segs: Vec<Timed<'a>> = packets(cap, conn)
        .map(|p| {
            let from = side_of(conn, p);
            if from == at {
                Timed {
                    from,
                    sent_ns: p.ts_ns,
                    arrived_ns: Some(p.ts_ns.saturating_add(one_way)),
                    packet: p,
                    inferred: false,
                    estimated: Some(Estimated::Arrival),
                }
            } else {
                Timed {
                    from,
                    sent_ns: p.ts_ns.saturating_sub(one_way),
                    arrived_ns: Some(p.ts_ns),
                    packet: p,
                    inferred: false,
                    estimated: Some(Estimated::Sent),
                }
            }
        })
        .collect();

    infer_losses(&mut segs, at);
    causal(&mut segs, at);
    Segments {
        segs,
        timing: Timing::Estimated {
            captured_at: at,
            one_way_us: one_way / 1000,
        },
    }
}

/// SEG.LEN of a captured packet (RFC 9293 §3.4).
fn seg_len(p: &Packet) -> u32 {
    let mut n = p.payload_len;
    if p.flags.contains(Flags::SYN) {
        n = n.wrapping_add(1);
    }
    if p.flags.contains(Flags::FIN) {
        n = n.wrapping_add(1);
    }
    n
}

/// A capture taken at the sender shows a lost segment leaving, and later the same sequence
/// number leaving again. A segment sent again before any acknowledgment (cumulative or SACK,
/// RFC 2018) that arrived at the sender covered it is taken as lost: the other end never
/// receives it. (A spurious retransmission, whose original did arrive, is read as a loss
/// too: the capture cannot tell them apart.)
fn infer_losses(segs: &mut [Timed<'_>], captured_at: Side) {
    let mut by_seq: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, s) in segs.iter().enumerate() {
        if s.from == captured_at && seg_len(s.packet) > 0 {
            by_seq.entry(s.packet.seq).or_default().push(i);
        }
    }
    let mut lost: Vec<usize> = Vec::new();
    for list in by_seq.values() {
        for pair in list.windows(2) {
            let (Some(&i), Some(&j)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let Some(orig) = segs.get(i) else {
                continue;
            };
            let (start, end) = (
                orig.packet.seq,
                orig.packet.seq.wrapping_add(seg_len(orig.packet)),
            );
            let covered = segs.get(i + 1..j).unwrap_or_default().iter().any(|r| {
                r.from != captured_at
                    && (r.packet.flags.contains(Flags::ACK) && seq_le(end, r.packet.ack)
                        || r.packet.segment().is_some_and(|seg| {
                            seg.options.iter().any(|o| match o {
                                synack_core::TcpOption::Sack(blocks) => blocks
                                    .iter()
                                    .any(|&(l, rr)| seq_le(l, start) && seq_le(end, rr)),
                                _ => false,
                            })
                        }))
            });
            if !covered {
                lost.push(i);
            }
        }
    }
    for i in lost {
        if let Some(s) = segs.get_mut(i) {
            s.arrived_ns = None;
            s.inferred = true;
            // Its send was captured; it has no arrival to estimate.
            s.estimated = None;
        }
    }
}

/// The estimated end must not answer what it has not yet received: a segment it sends that
/// acknowledges a captured end's segment leaves no earlier than that segment's (estimated)
/// arrival. (Half the handshake's round trip can exceed one way of a later exchange by the
/// peer's processing time.)
fn causal(segs: &mut [Timed<'_>], captured_at: Side) {
    // The captured end's segments: (end of their sequence space, estimated arrival).
    let mut sent: Vec<(u32, u64)> = Vec::new();
    let mut next = 0usize;
    let mut latest = 0u64;
    for s in segs.iter_mut() {
        let p = s.packet;
        if s.from == captured_at {
            if seg_len(p) > 0 && s.arrived_ns.is_some() {
                sent.push((p.seq.wrapping_add(seg_len(p)), s.arrived_ns.unwrap_or(0)));
            }
            continue;
        }
        if p.flags.contains(Flags::ACK) {
            while let Some(&(end, arr)) = sent.get(next) {
                if !seq_le(end, p.ack) {
                    break;
                }
                latest = latest.max(arr);
                next += 1;
            }
        }
        // Never later than it was captured arriving.
        let bound = latest.min(s.arrived_ns.unwrap_or(u64::MAX));
        s.sent_ns = s.sent_ns.max(bound);
    }
}

/// What identifies a segment in both captures.
type Key = (u32, u32, u8, u32, Option<u32>);

fn key(p: &Packet) -> Key {
    let tsval = p
        .segment()
        .and_then(|s| s.timestamps())
        .map(|(tsval, _)| tsval);
    (p.seq, p.ack, p.flags.bits(), p.payload_len, tsval)
}

/// Two captures, one at each end: exact times.
pub(crate) fn two_ends<'a>(
    a: &'a Capture,
    ca: &Connection,
    b: &'a Capture,
    cb: &Connection,
) -> Segments<'a> {
    let at_a = handshake(a, ca).map_or(Side::Client, |h| h.0);
    let at_b = handshake(b, cb).map_or(at_a.other(), |h| h.0);
    let at_b = if at_b == at_a { at_a.other() } else { at_b };
    let one_way = handshake(a, ca).map_or(0, |h| h.1);
    let (client_cap, cc, server_cap, sc) = if at_a == Side::Client {
        (a, ca, b, cb)
    } else {
        (b, cb, a, ca)
    };
    let _ = at_b;
    // What each end received, by key, in order.
    let received = |cap: &'a Capture, conn: &Connection, from: Side| {
        let mut m: BTreeMap<Key, VecDeque<&'a Packet>> = BTreeMap::new();
        for p in packets(cap, conn).filter(|p| side_of(conn, p) == from) {
            m.entry(key(p)).or_default().push_back(p);
        }
        m
    };
    let mut at_server = received(server_cap, sc, Side::Client);
    let mut at_client = received(client_cap, cc, Side::Server);
    // Sent segments with the arrival found at the other end.
    let mut pairs: Vec<(Side, &'a Packet, Option<u64>)> = Vec::new();
    for p in packets(client_cap, cc).filter(|p| side_of(cc, p) == Side::Client) {
        let arr = at_server
            .get_mut(&key(p))
            .and_then(|q| q.pop_front())
            .map(|r| r.ts_ns);
        pairs.push((Side::Client, p, arr));
    }
    for p in packets(server_cap, sc).filter(|p| side_of(sc, p) == Side::Server) {
        let arr = at_client
            .get_mut(&key(p))
            .and_then(|q| q.pop_front())
            .map(|r| r.ts_ns);
        pairs.push((Side::Server, p, arr));
    }
    // The two clocks may differ: if a segment seems to arrive before it left, take the
    // offset that makes the smallest one-way delays of both directions equal.
    let min_delay = |from: Side| {
        pairs
            .iter()
            .filter(|(s, _, _)| *s == from)
            .filter_map(|(_, p, arr)| arr.map(|a| i128::from(a) - i128::from(p.ts_ns)))
            .min()
    };
    // theta: how far the server's clock is ahead of the client's.
    let theta: i128 = match (min_delay(Side::Client), min_delay(Side::Server)) {
        (Some(f), Some(r)) if f < 0 || r < 0 => (f - r) / 2,
        _ => 0,
    };
    let to_client_clock = |t: u64| u64::try_from((i128::from(t) - theta).max(0)).unwrap_or(0);
    let mut segs: Vec<Timed<'a>> = pairs
        .into_iter()
        .map(|(from, p, arr)| match from {
            Side::Client => Timed {
                from,
                sent_ns: p.ts_ns,
                arrived_ns: arr.map(to_client_clock),
                packet: p,
                inferred: false,
                estimated: None,
            },
            Side::Server => Timed {
                from,
                sent_ns: to_client_clock(p.ts_ns),
                arrived_ns: arr,
                packet: p,
                inferred: false,
                estimated: None,
            },
        })
        .collect();
    // Segments the receiver saw that its sender's capture missed: the send time estimated.
    for (from, left) in [(Side::Client, at_server), (Side::Server, at_client)] {
        for p in left.into_values().flatten() {
            let arr = match from {
                Side::Client => to_client_clock(p.ts_ns),
                Side::Server => p.ts_ns,
            };
            segs.push(Timed {
                from,
                sent_ns: arr.saturating_sub(one_way),
                arrived_ns: Some(arr),
                packet: p,
                inferred: false,
                estimated: Some(Estimated::Sent),
            });
        }
    }
    segs.sort_by_key(|s| s.sent_ns);
    Segments {
        segs,
        timing: Timing::Exact,
    }
}
