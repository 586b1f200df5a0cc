//! Geometry of the RFC 9293 state diagram (§3.3.2, Figure 5), drawn once per side, and which
//! state and transition to highlight at a playhead. Part of the web adapter for
//! `synack-diagram`.
//!
//! The boxes stand where the RFC's ASCII figure puts them: CLOSED at the top, the handshake
//! states below, ESTABLISHED in the middle, the closing states under it, and a second CLOSED at
//! the bottom right where TIME-WAIT and LAST-ACK end, as in the RFC.

use synack_core::{Cause, Event, State};
use synack_sim::{Side, Trace, TraceEventKind};

pub const WIDTH: f64 = 372.0;
pub const HEIGHT: f64 = 412.0;
pub const BOX_W: f64 = 104.0;
pub const BOX_H: f64 = 30.0;

/// Which drawing of a state (CLOSED appears twice).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub state: State,
    /// 0 for the top CLOSED (and every other state), 1 for the bottom CLOSED.
    pub copy: u8,
    /// Centre of the box.
    pub x: f64,
    pub y: f64,
}

const COL: [f64; 3] = [60.0, 186.0, 312.0];
const ROW: [f64; 7] = [22.0, 80.0, 140.0, 200.0, 262.0, 322.0, 386.0];

pub const NODES: [Node; 12] = [
    Node {
        state: State::Closed,
        copy: 0,
        x: COL[1],
        y: ROW[0],
    },
    Node {
        state: State::Listen,
        copy: 0,
        x: COL[1],
        y: ROW[1],
    },
    Node {
        state: State::SynReceived,
        copy: 0,
        x: COL[0],
        y: ROW[2],
    },
    Node {
        state: State::SynSent,
        copy: 0,
        x: COL[2],
        y: ROW[2],
    },
    Node {
        state: State::Established,
        copy: 0,
        x: COL[1],
        y: ROW[3],
    },
    Node {
        state: State::FinWait1,
        copy: 0,
        x: COL[0],
        y: ROW[4],
    },
    Node {
        state: State::CloseWait,
        copy: 0,
        x: COL[2],
        y: ROW[4],
    },
    Node {
        state: State::FinWait2,
        copy: 0,
        x: COL[0],
        y: ROW[5],
    },
    Node {
        state: State::Closing,
        copy: 0,
        x: COL[1],
        y: ROW[5],
    },
    Node {
        state: State::LastAck,
        copy: 0,
        x: COL[2],
        y: ROW[5],
    },
    Node {
        state: State::TimeWait,
        copy: 0,
        x: COL[1],
        y: ROW[6],
    },
    Node {
        state: State::Closed,
        copy: 1,
        x: COL[2],
        y: ROW[6],
    },
];

/// The transitions of Figure 5: (from, to, copy of `to` when it is CLOSED).
pub const EDGES: [(State, State, u8); 21] = [
    (State::Closed, State::Listen, 0),
    (State::Closed, State::SynSent, 0),
    (State::Listen, State::SynReceived, 0),
    (State::Listen, State::SynSent, 0),
    (State::Listen, State::Closed, 0),
    (State::SynSent, State::SynReceived, 0),
    (State::SynSent, State::Established, 0),
    (State::SynSent, State::Closed, 0),
    (State::SynReceived, State::Established, 0),
    (State::SynReceived, State::FinWait1, 0),
    (State::SynReceived, State::Listen, 0),
    (State::Established, State::FinWait1, 0),
    (State::Established, State::CloseWait, 0),
    (State::FinWait1, State::FinWait2, 0),
    (State::FinWait1, State::Closing, 0),
    (State::FinWait1, State::TimeWait, 0),
    (State::FinWait2, State::TimeWait, 0),
    (State::Closing, State::TimeWait, 0),
    (State::CloseWait, State::LastAck, 0),
    (State::LastAck, State::Closed, 1),
    (State::TimeWait, State::Closed, 1),
];

/// A line between two boxes, from border to border.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    pub from: State,
    pub to: State,
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
    /// True for a transition Figure 5 does not draw (a reset or abort to CLOSED).
    pub extra: bool,
}

/// The last transition of one side at a playhead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition {
    pub from: State,
    pub to: State,
    pub cause: Cause,
    pub rfc: &'static str,
    pub at: u64,
}

/// One side's diagram at a playhead.
#[derive(Clone, Debug, PartialEq)]
pub struct StatesView {
    pub side: Side,
    pub current: State,
    /// Which node is current (index into [`NODES`]).
    pub current_node: usize,
    pub last: Option<Transition>,
    /// The edge of `last`, drawn bold.
    pub edge: Option<Edge>,
    /// States this side has been in so far (drawn with a marker).
    pub visited: Vec<State>,
}

/// Index of the node drawing `state` (copy 1 of CLOSED after a close through TIME-WAIT or
/// LAST-ACK, like the RFC's bottom-right box).
pub fn node_index(state: State, copy: u8) -> usize {
    NODES
        .iter()
        .position(|n| n.state == state && n.copy == copy)
        .or_else(|| NODES.iter().position(|n| n.state == state))
        .unwrap_or(0)
}

/// The border-to-border line from node `a` to node `b`.
pub fn edge_between(a: usize, b: usize, extra: bool) -> Option<Edge> {
    let (na, nb) = (NODES.get(a)?, NODES.get(b)?);
    let (dx, dy) = (nb.x - na.x, nb.y - na.y);
    // Leave each box where the line crosses its border.
    let clip = |dx: f64, dy: f64| {
        let sx = if dx.abs() > 1e-9 {
            (BOX_W / 2.0 + 3.0) / dx.abs()
        } else {
            f64::INFINITY
        };
        let sy = if dy.abs() > 1e-9 {
            (BOX_H / 2.0 + 3.0) / dy.abs()
        } else {
            f64::INFINITY
        };
        sx.min(sy).min(0.5)
    };
    let s = clip(dx, dy);
    Some(Edge {
        from: na.state,
        to: nb.state,
        x1: na.x + dx * s,
        y1: na.y + dy * s,
        x2: nb.x - dx * s,
        y2: nb.y - dy * s,
        extra,
    })
}

/// Every edge of Figure 5.
pub fn figure_edges() -> Vec<Edge> {
    EDGES
        .iter()
        .filter_map(|&(f, t, copy)| edge_between(node_index(f, 0), node_index(t, copy), false))
        .collect()
}

/// Which CLOSED box a transition into CLOSED lands on.
fn closed_copy(from: State) -> u8 {
    match from {
        State::TimeWait
        | State::LastAck
        | State::Closing
        | State::FinWait1
        | State::FinWait2
        | State::CloseWait
        | State::Established => 1,
        _ => 0,
    }
}

/// One side's diagram at playhead `t`.
pub fn view_at(trace: &Trace, side: Side, t: u64) -> StatesView {
    let mut current = State::Closed;
    let mut last: Option<Transition> = None;
    let mut visited = vec![State::Closed];
    for e in trace
        .events
        .iter()
        .filter(|e| e.side == side && e.at.micros() <= t)
    {
        if let TraceEventKind::Core {
            event:
                Event::StateChanged {
                    from,
                    to,
                    cause,
                    rfc,
                },
        } = &e.kind
        {
            current = *to;
            if !visited.contains(to) {
                visited.push(*to);
            }
            last = Some(Transition {
                from: *from,
                to: *to,
                cause: *cause,
                rfc,
                at: e.at.micros(),
            });
        }
    }
    let copy = |s: State, from: Option<State>| {
        if s == State::Closed {
            from.map_or(0, closed_copy)
        } else {
            0
        }
    };
    let current_node = node_index(current, copy(current, last.map(|l| l.from)));
    let edge = last.and_then(|l| {
        let a = node_index(l.from, copy(l.from, None));
        let b = node_index(l.to, copy(l.to, Some(l.from)));
        let in_figure = EDGES.iter().any(|&(f, to, _)| f == l.from && to == l.to);
        edge_between(a, b, !in_figure)
    });
    StatesView {
        side,
        current,
        current_node,
        last,
        edge,
        visited,
    }
}
