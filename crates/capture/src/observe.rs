//! The model reads the capture: each side's captured segments are fed to a synack-core
//! endpoint in an observing role. What the capture shows a side received is handed to its
//! endpoint at the arrival time (`handle_segment`); what it shows a side sent is the
//! application's doing (data: `send`, FIN: `close`, RST: `abort`, the SYN: `connect`) and is
//! checked against what the endpoint then sends. The endpoint's own segments never reach the
//! wire: the trace's segments are the captured ones; the endpoint gives the states, the TCB,
//! the timers and the whys. Where the two part, a [`Note`] says so.

use crate::note::Note;
use crate::observer::{Input, Observer};
use crate::syn_only;
use crate::timing::{Segments, Timed, Timing};
use crate::Connection as CapturedConnection;
use alloc::string::String;
use alloc::vec::Vec;
use core::net::{IpAddr, SocketAddr};
use synack_core::seq::seq_gt;
use synack_core::{Endpoint, Flags, Instant, Segment, State};
use synack_sim::{reason_from_flags, state_from_flags};
use synack_sim::{
    Fate, Hex, Host, LossCause, SegmentRecord, Side, Snapshot, StopReason, Trace, TraceEvent,
};

/// How to read a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The trace's `scenario` name.
    pub name: String,
    /// A one-end capture: where it was taken, when the handshake does not say (a capture
    /// without one) or says wrong. `None`: read from the handshake.
    pub captured_at: Option<Side>,
    /// A one-end capture: the one-way delay to assume, in microseconds. `None`: half the
    /// handshake's round trip (0 without a handshake).
    pub one_way_us: Option<u64>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            name: String::from("capture"),
            captured_at: None,
            one_way_us: None,
        }
    }
}

/// A connection read with the model.
#[derive(Clone, Debug)]
pub struct CaptureTrace {
    /// The same schema as a simulated run (docs/TRACE.md).
    pub trace: Trace,
    /// Where the captured stack and the model part, in time order.
    pub notes: Vec<Note>,
    /// Which times are captured and which estimated.
    pub timing: Timing,
    /// Each trace segment's frame number in its file (the sender's, when both ends).
    pub frames: Vec<u32>,
}

/// The IPv4 address the trace's `Endpoint` holds for an endpoint: an IPv6 address keeps its
/// last four bytes there, and its whole text in `Host::address` ([`v6_text`]).
fn v4(a: IpAddr) -> [u8; 4] {
    match a {
        IpAddr::V4(v) => v.octets(),
        IpAddr::V6(v) => {
            let o = v.octets();
            [o[12], o[13], o[14], o[15]]
        }
    }
}

/// An IPv6 endpoint as text, `[fd77::1]:40201`: the address compressed as RFC 5952 §4 says
/// (core's `Ipv6Addr` display: the longest run of zero groups as `::`, lower case, an
/// IPv4-mapped address as `::ffff:10.0.0.1`, §5). `None` for IPv4, which `Endpoint` holds.
fn v6_text(s: SocketAddr) -> Option<String> {
    match s {
        SocketAddr::V4(_) => None,
        SocketAddr::V6(v) => Some(alloc::format!("[{}]:{}", v.ip(), v.port())),
    }
}

fn endpoints(c: &CapturedConnection) -> (Endpoint, Endpoint) {
    let (mut a, mut b) = (v4(c.client.ip()), v4(c.server.ip()));
    if a == b && c.client.port() == c.server.port() {
        a = [0, 0, 0, 1];
        b = [0, 0, 0, 2];
    }
    let ep = |s: SocketAddr, addr| Endpoint::new(addr, s.port());
    (ep(c.client, a), ep(c.server, b))
}

/// Reads one connection's timed segments with the model.
pub(crate) fn observe(
    segs: Segments<'_>,
    conn: &CapturedConnection,
    options: &Options,
) -> CaptureTrace {
    let Segments { mut segs, timing } = segs;
    segs.sort_by_key(|s| s.sent_ns);
    let origin = segs
        .iter()
        .flat_map(|s| [Some(s.sent_ns), s.arrived_ns])
        .flatten()
        .min()
        .unwrap_or(0);
    let us = |ns: u64| Instant(ns.saturating_sub(origin) / 1000);
    let (client_ep, server_ep) = endpoints(conn);
    let parsed: Vec<Segment> = segs
        .iter()
        .map(|s| s.packet.segment().unwrap_or_default())
        .collect();

    // The segments as the trace's records (state and reason filled in below).
    let mut count = [0u32; 2];
    let mut records: Vec<SegmentRecord> = Vec::with_capacity(segs.len());
    let mut notes: Vec<(u64, Note)> = Vec::new();
    for (i, (s, seg)) in segs.iter().zip(&parsed).enumerate() {
        let nth = count.get(s.from.index()).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(s.from.index()) {
            *c += 1;
        }
        let sent_at = us(s.sent_ns);
        let fate = match s.arrived_ns {
            Some(a) => Fate::Arrived { at: us(a) },
            None => {
                let (id, side) = (i as u32, s.from);
                let note = if s.inferred {
                    Note::LossInferred { id, side }
                } else {
                    Note::Lost { id, side }
                };
                notes.push((sent_at.micros(), note));
                Fate::Lost {
                    at: sent_at,
                    cause: if s.inferred {
                        LossCause::Inferred
                    } else {
                        LossCause::Unseen
                    },
                }
            }
        };
        records.push(SegmentRecord {
            id: i as u32,
            from: s.from,
            sent_at,
            sender_state: state_from_flags(seg),
            reason: reason_from_flags(seg),
            // Moved in from `parsed` once the observers are done with it.
            segment: Segment::default(),
            hex: Hex::from_bytes(s.packet.tcp.clone()),
            fate,
            duplicate_of: None,
            nth_from_side: nth,
            injected: false,
            estimated: s.estimated,
        });
    }
    // A loss's arrow ends half-way: the time it would have arrived, halved.
    let one_way = match timing {
        Timing::Estimated { one_way_us, .. } => one_way_us,
        Timing::Exact => records
            .iter()
            .filter_map(|r| match r.fate {
                Fate::Arrived { at } => Some(at.micros().saturating_sub(r.sent_at.micros())),
                _ => None,
            })
            .min()
            .unwrap_or(0),
    };
    for r in &mut records {
        if let Fate::Lost { at, .. } = &mut r.fate {
            *at = Instant(r.sent_at.micros().saturating_add(one_way / 2));
        }
    }
    gaps(&segs, &parsed, &mut notes, &records);

    // Each side's inputs, in its time order (an arrival before a send at the same instant).
    let mut obs = [
        Observer::new(Side::Client, client_ep, server_ep),
        Observer::new(Side::Server, server_ep, client_ep),
    ];
    for o in &mut obs {
        let side = o.side;
        let mut inputs: Vec<(u64, u8, Input)> = Vec::new();
        for (i, s) in segs.iter().enumerate() {
            if s.from == side {
                inputs.push((s.sent_ns, 1, Input::Send(i as u32)));
            } else if let Some(a) = s.arrived_ns {
                inputs.push((a, 0, Input::Arrive(i as u32)));
            }
        }
        inputs.sort_by_key(|(t, k, _)| (*t, *k));
        for (k, (t, _, input)) in inputs.iter().enumerate() {
            match *input {
                Input::Arrive(id) => {
                    // The side's next own segment (a listener's answer).
                    let next = inputs.get(k + 1..).unwrap_or_default().iter().find_map(
                        |(_, _, x)| match x {
                            Input::Send(j) => parsed.get(*j as usize),
                            Input::Arrive(_) => None,
                        },
                    );
                    if let Some(seg) = parsed.get(id as usize) {
                        o.arrive(id, us(*t), seg, next);
                    }
                }
                Input::Send(id) => {
                    let Some(seg) = parsed.get(id as usize) else {
                        continue;
                    };
                    // New bytes: this side's sends up to the next data, FIN or SYN it receives.
                    let mut burst: Vec<&Segment> = Vec::new();
                    if o.news(seg) {
                        for (_, _, x) in inputs.get(k..).unwrap_or_default() {
                            match *x {
                                Input::Send(j) => burst.extend(parsed.get(j as usize)),
                                Input::Arrive(j) => {
                                    let asks = parsed.get(j as usize).is_some_and(|p| {
                                        !p.payload.is_empty()
                                            || p.flags.intersects(Flags::FIN | Flags::SYN)
                                    });
                                    if asks {
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    // A FIN after which this side still takes the peer's data without a
                    // reset is a shutdown(SHUT_WR): a closed socket would answer it with RST
                    // (Linux `tcp_rcv_state_process`, data after close).
                    if seg.flags.contains(Flags::FIN) && !o.closed {
                        let later = inputs.get(k..).unwrap_or_default();
                        let data_after = later.iter().any(|(_, _, x)| {
                            matches!(x, Input::Arrive(j)
                                if parsed.get(*j as usize).is_some_and(|p| !p.payload.is_empty()))
                        });
                        let resets = later.iter().any(|(_, _, x)| {
                            matches!(x, Input::Send(j)
                                if parsed.get(*j as usize).is_some_and(|p| p.flags.contains(Flags::RST)))
                        });
                        o.half_close = data_after && !resets;
                    }
                    o.send(id, us(*t), seg, &burst);
                }
            }
        }
    }
    for o in &mut obs {
        o.flush_model_retx();
    }
    if obs.iter().all(|o| o.conn.is_none()) && !records.is_empty() {
        notes.push((0, Note::NoHandshake));
    }
    if let Timing::Estimated {
        captured_at,
        one_way_us,
    } = timing
    {
        notes.insert(
            0,
            (
                0,
                Note::TimesEstimated {
                    captured_at,
                    one_way_us,
                },
            ),
        );
    }
    for (r, seg) in records.iter_mut().zip(parsed) {
        r.segment = seg;
    }
    let mut events: Vec<TraceEvent> = Vec::new();
    let mut snapshots: Vec<Snapshot> = Vec::new();
    let mut final_states = [State::Closed; 2];
    for o in &mut obs {
        for (id, state, reason) in o.sent.drain(..) {
            if let Some(r) = records.get_mut(id as usize) {
                r.sender_state = state;
                r.reason = reason;
            }
        }
        if let Some(fs) = final_states.get_mut(o.side.index()) {
            *fs = o.conn.as_ref().map_or(State::Closed, |c| c.state());
        }
        events.append(&mut o.events);
        snapshots.append(&mut o.snapshots);
        notes.append(&mut o.notes);
    }
    // Both sides' events in one time order (stable: each side keeps its own order).
    events.sort_by_key(|e| e.at);
    snapshots.sort_by_key(|s| s.at);
    notes.sort_by_key(|(t, _)| *t);
    let end = records
        .iter()
        .flat_map(|r| match r.fate {
            Fate::Arrived { at } | Fate::Lost { at, .. } => [r.sent_at, at],
            Fate::InFlight => [r.sent_at, r.sent_at],
        })
        .chain(events.iter().map(|e| e.at))
        .max()
        .unwrap_or(Instant::ZERO);
    let t0 = records
        .iter()
        .find(|r| r.from == Side::Client && syn_only(r.segment.flags))
        .map_or(Instant::ZERO, |r| r.sent_at);
    let profile = |side: Side| {
        String::from(match timing {
            Timing::Estimated { captured_at, .. } if captured_at != side => {
                "capture (times estimated)"
            }
            _ => "capture",
        })
    };
    let frames = segs.iter().map(|s: &Timed<'_>| s.packet.frame).collect();
    CaptureTrace {
        trace: Trace {
            version: 1,
            scenario: options.name.clone(),
            seed: 0,
            client: Host {
                endpoint: client_ep,
                profile: profile(Side::Client),
                address: v6_text(conn.client),
            },
            server: Host {
                endpoint: server_ep,
                profile: profile(Side::Server),
                address: v6_text(conn.server),
            },
            segments: records,
            events,
            snapshots,
            end,
            final_states,
            t0,
            stop: StopReason::Quiet,
        },
        notes: notes.into_iter().map(|(_, n)| n).collect(),
        timing,
        frames,
    }
}

/// Sequence space a sender used that the capture never shows: a segment that starts past
/// everything seen from its sender so far.
fn gaps(
    segs: &[Timed<'_>],
    parsed: &[Segment],
    notes: &mut Vec<(u64, Note)>,
    records: &[SegmentRecord],
) {
    let mut end: [Option<u32>; 2] = [None, None];
    let mut iss: [Option<u32>; 2] = [None, None];
    for (i, (s, seg)) in segs.iter().zip(parsed).enumerate() {
        let k = s.from.index();
        if seg.flags.contains(Flags::SYN) {
            if let Some(x) = iss.get_mut(k) {
                *x = Some(seg.seq);
            }
        }
        if seg.flags.contains(Flags::RST) {
            continue;
        }
        let seg_end = seg.seq.wrapping_add(seg.seg_len());
        let Some(e) = end.get_mut(k) else {
            continue;
        };
        if let Some(prev) = *e {
            if seg.seg_len() > 0 && seq_gt(seg.seq, prev) {
                let base = iss.get(k).copied().flatten().unwrap_or(0);
                let at = records.get(i).map_or(0, |r| r.sent_at.micros());
                notes.push((
                    at,
                    Note::Missing {
                        id: i as u32,
                        side: s.from,
                        from: prev.wrapping_sub(base),
                        to: seg.seq.wrapping_sub(base),
                    },
                ));
            }
            if seq_gt(seg_end, prev) {
                *e = Some(seg_end);
            }
        } else {
            *e = Some(seg_end);
        }
    }
}
