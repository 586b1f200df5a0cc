//! RFC 9293 Figure 5, placed by hand on a 740 × 770 grid: three columns (x = 100, 360,
//! 620), seven rows, CLOSED drawn twice as in the RFC (top: before a connection; bottom
//! right: after one). Edges are polylines with their RFC labels ("event" over "action").

use super::{Edge, StateBox, StateGraph};
use crate::geom::{Anchor, Label, Point};
use alloc::string::ToString;
use alloc::vec::Vec;
use synack_core::{Cause, State, TimerKind};

const W: f32 = 120.0;
const H: f32 = 40.0;

/// Box index constants, in the order `boxes` lists them.
pub const CLOSED_TOP: usize = 0;
pub const CLOSED_END: usize = 11;

/// Which causes an edge stands for (the RFC's label); other causes of the same (from, to)
/// are off the figure.
type CauseOk = fn(Cause) -> bool;

struct E {
    from: usize,
    to: usize,
    points: &'static [(f32, f32)],
    /// Label lines: the event, then the action(s).
    lines: &'static [&'static str],
    /// Where the first line goes, and its anchor; more lines follow 14 px lower.
    at: (f32, f32),
    anchor: Anchor,
    ok: CauseOk,
    in_rfc: bool,
}

fn boxes() -> Vec<StateBox> {
    let place = |state: State, cx: f32, cy: f32, text: &str| StateBox {
        state,
        x: cx - W / 2.0,
        y: cy - H / 2.0,
        w: W,
        h: H,
        label: Label {
            text: text.to_string(),
            at: Point::new(cx, cy + 4.5),
            anchor: Anchor::Middle,
            angle: 0.0,
        },
        class: {
            let mut c = alloc::string::String::from("state st-");
            c.push_str(&state.rfc_name().to_ascii_lowercase());
            c
        },
    };
    alloc::vec![
        place(State::Closed, 360.0, 40.0, "CLOSED"),
        place(State::Listen, 360.0, 150.0, "LISTEN"),
        place(State::SynReceived, 100.0, 270.0, "SYN-RECEIVED"),
        place(State::SynSent, 620.0, 270.0, "SYN-SENT"),
        place(State::Established, 360.0, 390.0, "ESTABLISHED"),
        place(State::FinWait1, 100.0, 500.0, "FIN-WAIT-1"),
        place(State::CloseWait, 620.0, 500.0, "CLOSE-WAIT"),
        place(State::FinWait2, 100.0, 610.0, "FIN-WAIT-2"),
        place(State::Closing, 360.0, 610.0, "CLOSING"),
        place(State::LastAck, 620.0, 610.0, "LAST-ACK"),
        place(State::TimeWait, 360.0, 730.0, "TIME-WAIT"),
        place(State::Closed, 620.0, 730.0, "CLOSED"),
    ]
}

const CLOSED: usize = CLOSED_TOP;
const LISTEN: usize = 1;
const SYN_RCVD: usize = 2;
const SYN_SENT: usize = 3;
const ESTAB: usize = 4;
const FW1: usize = 5;
const CLOSE_WAIT: usize = 6;
const FW2: usize = 7;
const CLOSING: usize = 8;
const LAST_ACK: usize = 9;
const TIME_WAIT: usize = 10;

fn edges() -> [E; 21] {
    use Anchor::{End, Middle, Start};
    [
        E {
            from: CLOSED,
            to: LISTEN,
            points: &[(345.0, 60.0), (345.0, 130.0)],
            lines: &["passive OPEN", "create TCB"],
            at: (337.0, 92.0),
            anchor: End,
            ok: |c| c == Cause::Listen,
            in_rfc: true,
        },
        E {
            from: CLOSED,
            to: SYN_SENT,
            points: &[(420.0, 30.0), (640.0, 30.0), (640.0, 250.0)],
            lines: &["active OPEN", "create TCB", "snd SYN"],
            at: (648.0, 100.0),
            anchor: Start,
            ok: |c| c == Cause::Connect,
            in_rfc: true,
        },
        E {
            from: LISTEN,
            to: CLOSED,
            points: &[(375.0, 130.0), (375.0, 60.0)],
            lines: &["CLOSE", "delete TCB"],
            at: (383.0, 92.0),
            anchor: Start,
            ok: |c| matches!(c, Cause::Close | Cause::Abort),
            in_rfc: true,
        },
        E {
            from: LISTEN,
            to: SYN_RCVD,
            points: &[(300.0, 165.0), (160.0, 258.0)],
            lines: &["rcv SYN", "snd SYN,ACK"],
            at: (236.0, 180.0),
            anchor: End,
            ok: |c| c == Cause::RcvSyn,
            in_rfc: true,
        },
        E {
            from: LISTEN,
            to: SYN_SENT,
            points: &[(420.0, 165.0), (560.0, 258.0)],
            lines: &["SEND", "snd SYN"],
            at: (484.0, 180.0),
            anchor: Start,
            ok: |c| c == Cause::Connect,
            in_rfc: true,
        },
        E {
            from: SYN_SENT,
            to: CLOSED,
            points: &[(600.0, 250.0), (600.0, 50.0), (420.0, 50.0)],
            lines: &["CLOSE", "delete TCB"],
            at: (592.0, 100.0),
            anchor: End,
            ok: |c| matches!(c, Cause::Close | Cause::Abort),
            in_rfc: true,
        },
        E {
            from: SYN_SENT,
            to: SYN_RCVD,
            points: &[(560.0, 270.0), (160.0, 270.0)],
            lines: &["rcv SYN", "snd SYN,ACK"],
            at: (360.0, 262.0),
            anchor: Middle,
            ok: |c| c == Cause::RcvSyn,
            in_rfc: true,
        },
        E {
            from: SYN_RCVD,
            to: LISTEN,
            points: &[(100.0, 250.0), (100.0, 150.0), (300.0, 150.0)],
            lines: &["rcv RST (note 1)"],
            at: (150.0, 142.0),
            anchor: Start,
            ok: |c| matches!(c, Cause::RcvRst | Cause::RcvRstReturnToListen),
            in_rfc: true,
        },
        E {
            from: SYN_SENT,
            to: ESTAB,
            points: &[(600.0, 290.0), (420.0, 380.0)],
            lines: &["rcv SYN,ACK", "snd ACK"],
            at: (522.0, 350.0),
            anchor: Start,
            ok: |c| c == Cause::RcvSynAck,
            in_rfc: true,
        },
        E {
            from: SYN_RCVD,
            to: ESTAB,
            points: &[(120.0, 290.0), (300.0, 380.0)],
            lines: &["rcv ACK of SYN", "x (nothing sent)"],
            at: (198.0, 350.0),
            anchor: End,
            ok: |c| matches!(c, Cause::RcvAckOfSyn | Cause::SndSynAck),
            in_rfc: true,
        },
        E {
            from: SYN_RCVD,
            to: FW1,
            points: &[(70.0, 290.0), (70.0, 480.0)],
            lines: &["CLOSE", "snd FIN"],
            // Below ESTABLISHED → FIN-WAIT-1's words, which are wider in Chinese.
            at: (78.0, 452.0),
            anchor: Start,
            ok: |c| c == Cause::Close,
            in_rfc: true,
        },
        E {
            from: ESTAB,
            to: FW1,
            points: &[(300.0, 400.0), (160.0, 490.0)],
            lines: &["CLOSE", "snd FIN"],
            at: (232.0, 416.0),
            anchor: End,
            ok: |c| c == Cause::Close,
            in_rfc: true,
        },
        E {
            from: ESTAB,
            to: CLOSE_WAIT,
            points: &[(420.0, 400.0), (560.0, 490.0)],
            lines: &["rcv FIN", "snd ACK"],
            at: (488.0, 416.0),
            anchor: Start,
            ok: |c| c == Cause::RcvFin,
            in_rfc: true,
        },
        E {
            from: FW1,
            to: FW2,
            points: &[(70.0, 520.0), (70.0, 590.0)],
            lines: &["rcv ACK of FIN", "x (nothing sent)"],
            at: (78.0, 548.0),
            anchor: Start,
            ok: |c| c == Cause::RcvAckOfFin,
            in_rfc: true,
        },
        E {
            from: FW1,
            to: CLOSING,
            points: &[(160.0, 510.0), (300.0, 600.0)],
            lines: &["rcv FIN", "snd ACK"],
            at: (270.0, 556.0),
            anchor: Start,
            ok: |c| c == Cause::RcvFin,
            in_rfc: true,
        },
        E {
            from: CLOSE_WAIT,
            to: LAST_ACK,
            points: &[(620.0, 520.0), (620.0, 590.0)],
            lines: &["CLOSE", "snd FIN"],
            at: (612.0, 548.0),
            anchor: End,
            ok: |c| c == Cause::Close,
            in_rfc: true,
        },
        E {
            from: FW2,
            to: TIME_WAIT,
            points: &[(100.0, 630.0), (100.0, 745.0), (300.0, 745.0)],
            lines: &["rcv FIN", "snd ACK"],
            at: (108.0, 680.0),
            anchor: Start,
            ok: |c| c == Cause::RcvFin,
            in_rfc: true,
        },
        E {
            from: CLOSING,
            to: TIME_WAIT,
            points: &[(360.0, 630.0), (360.0, 710.0)],
            lines: &["rcv ACK of FIN", "x (nothing sent)"],
            at: (368.0, 665.0),
            anchor: Start,
            ok: |c| c == Cause::RcvAckOfFin,
            in_rfc: true,
        },
        E {
            from: LAST_ACK,
            to: CLOSED_END,
            points: &[(620.0, 630.0), (620.0, 710.0)],
            lines: &["rcv ACK of FIN", "x (nothing sent)"],
            // Left of its line: to the right, a bold Chinese label ran off the figure.
            at: (612.0, 668.0),
            anchor: End,
            ok: |c| c == Cause::RcvAckOfFin,
            in_rfc: true,
        },
        E {
            from: TIME_WAIT,
            to: CLOSED_END,
            points: &[(420.0, 730.0), (560.0, 730.0)],
            lines: &["Timeout=2MSL", "delete TCB"],
            at: (490.0, 722.0),
            anchor: Middle,
            ok: |c| c == Cause::Timeout(TimerKind::TimeWait),
            in_rfc: true,
        },
        // Not in Figure 5, but RFC 9293 §3.10.7.4 allows it and Linux does it: FIN and the
        // ACK of our FIN in one segment take FIN-WAIT-1 straight to TIME-WAIT.
        E {
            from: FW1,
            to: TIME_WAIT,
            points: &[
                (160.0, 495.0),
                (262.0, 495.0),
                (262.0, 715.0),
                (300.0, 715.0),
            ],
            lines: &["rcv FIN,ACK", "snd ACK"],
            at: (268.0, 650.0),
            anchor: Start,
            ok: |c| matches!(c, Cause::RcvFinAckOfFin | Cause::RcvFin),
            in_rfc: false,
        },
    ]
}

pub fn figure5() -> StateGraph {
    let boxes = boxes();
    let edges = edges()
        .iter()
        .map(|e| {
            let points: Vec<Point> = e.points.iter().map(|&(x, y)| Point::new(x, y)).collect();
            let tip = points.last().copied().unwrap_or_default();
            let prev = points
                .get(points.len().saturating_sub(2))
                .copied()
                .unwrap_or_default();
            let (dx, dy) = (tip.x - prev.x, tip.y - prev.y);
            let len = crate::math::sqrt(dx * dx + dy * dy).max(1e-3);
            let (ux, uy) = (dx / len, dy / len);
            let (bx, by) = (tip.x - 9.0 * ux, tip.y - 9.0 * uy);
            let head = [
                tip,
                Point::new(bx - 4.0 * uy, by + 4.0 * ux),
                Point::new(bx + 4.0 * uy, by - 4.0 * ux),
            ];
            let labels = (0u8..)
                .zip(e.lines)
                .map(|(i, line)| {
                    // Horizontal edges carry the event above and the action below the line.
                    let dy = if e.anchor == Anchor::Middle && i > 0 {
                        22.0
                    } else {
                        14.0 * f32::from(i)
                    };
                    Label {
                        text: line.to_string(),
                        at: Point::new(e.at.0, e.at.1 + dy),
                        anchor: e.anchor,
                        angle: 0.0,
                    }
                })
                .collect();
            let from_state = boxes.get(e.from).map_or(State::Closed, |b| b.state);
            let to_state = boxes.get(e.to).map_or(State::Closed, |b| b.state);
            Edge {
                from: from_state,
                to: to_state,
                from_box: e.from,
                to_box: e.to,
                points,
                head,
                labels,
                in_rfc_figure: e.in_rfc,
                class: if e.in_rfc {
                    "edge".to_string()
                } else {
                    "edge extra".to_string()
                },
            }
        })
        .collect();
    StateGraph {
        width: 740.0,
        height: 770.0,
        boxes,
        edges,
    }
}

/// Does edge `i` of `edges()` stand for a transition with this cause?
pub fn edge_accepts(i: usize, cause: Cause) -> bool {
    edges().get(i).is_some_and(|e| (e.ok)(cause))
}
