//! A run as a [`Trace`], the simulator's record of a connection, so that everything that draws
//! traces (the CLI's text ladder, the diagram) can draw a packetdrill run. The engine is the
//! server when it listened and the client when it connected; the script's peer is the other
//! side. Segments cross a wire of zero length (packetdrill's tun device): each arrives when
//! it is sent.

use crate::runner::{Run, Step, CLIENT_PORT, LOCAL_ADDR, REMOTE_ADDR, SERVER_PORT};
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::{Endpoint, Event, Instant, Ipv4Pair, Segment, SendReason, State};
use synack_sim::{
    AppCall, Fate, Hex, Host, SegmentRecord, SendData, Side, StopReason, Trace, TraceEvent,
    TraceEventKind,
};

/// The application call a script line stands for, where the trace has a word for it.
fn app_call(text: &str) -> Option<AppCall> {
    let name = text.split('(').next().unwrap_or("");
    let ret: i64 = text
        .rsplit("= ")
        .next()
        .and_then(|r| r.split(' ').next())
        .and_then(|r| r.parse().ok())
        .unwrap_or(-1);
    Some(match name {
        "listen" => AppCall::Listen,
        "connect" => AppCall::Connect,
        "write" | "send" if ret > 0 => AppCall::Send {
            data: SendData::filler(u32::try_from(ret).unwrap_or(0)),
        },
        "shutdown" => AppCall::ShutdownWrite,
        "close" => AppCall::Close,
        _ => return None,
    })
}

/// The run as a trace named `name`.
pub fn to_trace(run: &Run, name: &str) -> Trace {
    let engine = if run.passive {
        Side::Server
    } else {
        Side::Client
    };
    let peer = engine.other();
    let (engine_ep, peer_ep) = if run.passive {
        (
            Endpoint::new(LOCAL_ADDR, SERVER_PORT),
            Endpoint::new(REMOTE_ADDR, CLIENT_PORT),
        )
    } else {
        (
            Endpoint::new(LOCAL_ADDR, CLIENT_PORT),
            Endpoint::new(REMOTE_ADDR, SERVER_PORT),
        )
    };
    let mut segments: Vec<SegmentRecord> = Vec::new();
    let mut events = Vec::new();
    let mut count = [0u32; 2];
    let mut engine_state = if run.passive {
        State::Listen
    } else {
        State::Closed
    };
    let mut push_seg = |segments: &mut Vec<SegmentRecord>,
                        events: &mut Vec<TraceEvent>,
                        from: Side,
                        at: u64,
                        seg: &Segment,
                        reason: SendReason,
                        state: State| {
        let (src, dst) = if from == engine {
            (LOCAL_ADDR, REMOTE_ADDR)
        } else {
            (REMOTE_ADDR, LOCAL_ADDR)
        };
        let id = segments.len() as u32;
        let nth = count.get(from.index()).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(from.index()) {
            *c += 1;
        }
        segments.push(SegmentRecord {
            id,
            from,
            sent_at: Instant(at),
            sender_state: state,
            reason,
            segment: seg.clone(),
            hex: Hex::from_bytes(seg.emit(Ipv4Pair { src, dst })),
            fate: Fate::Arrived { at: Instant(at) },
            duplicate_of: None,
            nth_from_side: nth,
            injected: false,
            estimated: None,
        });
        events.push(TraceEvent {
            at: Instant(at),
            side: from,
            kind: TraceEventKind::Sent { id },
        });
        events.push(TraceEvent {
            at: Instant(at),
            side: from.other(),
            kind: TraceEventKind::Arrived { id },
        });
    };
    for s in &run.steps {
        match s {
            Step::Sent { at, seg, reason } => push_seg(
                &mut segments,
                &mut events,
                engine,
                *at,
                seg,
                *reason,
                engine_state,
            ),
            Step::Received { at, seg, .. } => push_seg(
                &mut segments,
                &mut events,
                peer,
                *at,
                seg,
                synack_sim::reason_from_flags(seg),
                synack_sim::state_from_flags(seg),
            ),
            Step::Call { at, text, .. } => {
                if let Some(call) = app_call(text) {
                    let error = text
                        .contains("= -1")
                        .then(|| String::from(text.rsplit(' ').next().unwrap_or("")));
                    events.push(TraceEvent {
                        at: Instant(*at),
                        side: engine,
                        kind: TraceEventKind::App { call, error },
                    });
                }
            }
            Step::Done { .. } => {}
            Step::Core { at, event } => {
                if let Event::StateChanged { to, .. } = event {
                    engine_state = *to;
                }
                if matches!(
                    event,
                    Event::SegmentSent { .. } | Event::SegmentAccepted { .. }
                ) {
                    continue;
                }
                events.push(TraceEvent {
                    at: Instant(*at),
                    side: engine,
                    kind: TraceEventKind::Core {
                        event: event.clone(),
                    },
                });
            }
        }
    }
    let host = |endpoint, profile: &str| Host {
        endpoint,
        profile: String::from(profile),
        address: None,
    };
    let (client, server) = if run.passive {
        (
            host(peer_ep, "packetdrill script"),
            host(engine_ep, "linux"),
        )
    } else {
        (
            host(engine_ep, "linux"),
            host(peer_ep, "packetdrill script"),
        )
    };
    let mut final_states = [State::Closed; 2];
    if let Some(s) = final_states.get_mut(engine.index()) {
        *s = engine_state;
    }
    Trace {
        version: 1,
        scenario: String::from(name),
        seed: 0,
        client,
        server,
        segments,
        events,
        snapshots: Vec::new(),
        end: Instant(run.end),
        final_states,
        t0: Instant::ZERO,
        stop: StopReason::Quiet,
    }
}
