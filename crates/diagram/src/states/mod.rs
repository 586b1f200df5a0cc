//! The state diagram of RFC 9293 (Figure 5), as geometry, and where a side is on it at a
//! given time: its current state's box and the transition it last took, with the cause.

mod figure;
mod words;

pub use words::edge_words;

use crate::geom::{Label, Point};
use crate::narrate::cause_text;
use crate::timeline::Timeline;
use crate::Lang;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::Serialize;
use synack_core::{Cause, Instant, State};
use synack_sim::Side;

/// One state's box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateBox {
    pub state: State,
    /// Left, top, width, height.
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    /// The RFC name, centred.
    pub label: Label,
    /// e.g. `"state st-syn-sent"`.
    pub class: String,
}

/// One transition arrow of the figure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Edge {
    pub from: State,
    pub to: State,
    /// Indices into `StateGraph::boxes`.
    pub from_box: usize,
    pub to_box: usize,
    pub points: Vec<Point>,
    /// Arrowhead triangle, tip first.
    pub head: [Point; 3],
    /// The RFC's words: the event ("rcv SYN"), then the action ("snd SYN,ACK").
    pub labels: Vec<Label>,
    /// False for the FIN-WAIT-1 → TIME-WAIT edge the figure leaves out.
    pub in_rfc_figure: bool,
    /// `"edge"` or `"edge extra"`.
    pub class: String,
}

/// The whole figure. Static: build it once with [`StateGraph::figure5`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StateGraph {
    /// viewBox `0 0 width height`.
    pub width: f32,
    pub height: f32,
    /// Twelve boxes: CLOSED appears twice, as in the RFC (index 0 at the top, 11 at the
    /// bottom right).
    pub boxes: Vec<StateBox>,
    pub edges: Vec<Edge>,
}

/// The transition a side took last, as the diagram shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TakenTransition {
    pub at: Instant,
    pub from: State,
    pub to: State,
    pub cause: Cause,
    /// The rule.
    pub rfc: synack_core::Rfc,
    /// The figure's edge for it, if the figure has one for this cause.
    pub edge: Option<usize>,
    /// The cause in words, in the requested language.
    pub cause_text: String,
}

/// Where one side is on the figure at a time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphFrame {
    pub side: Side,
    pub state: State,
    /// Index into `StateGraph::boxes` of the current state.
    pub current_box: usize,
    /// The latest transition at or before the time (None before the first).
    pub last: Option<TakenTransition>,
}

impl StateGraph {
    /// RFC 9293 Figure 5, plus the FIN-WAIT-1 → TIME-WAIT edge (marked `in_rfc_figure: false`).
    pub fn figure5() -> StateGraph {
        figure::figure5()
    }

    /// [`StateGraph::figure5`] with the edge words in `lang` (state names stay as the RFC
    /// spells them, as Chinese textbooks do too).
    pub fn figure5_in(lang: Lang) -> StateGraph {
        let mut g = figure::figure5();
        for e in &mut g.edges {
            for l in &mut e.labels {
                let w = edge_words(&l.text, lang);
                if w != l.text {
                    l.text = w.to_string();
                }
            }
        }
        g
    }

    /// The box showing `state`, given the transition that led there: CLOSED is the top box
    /// before a connection was synchronized, the bottom one after.
    pub fn box_for(&self, state: State, came_from: Option<State>) -> usize {
        if state == State::Closed {
            return match came_from {
                Some(f) if f.is_synchronized() => figure::CLOSED_END,
                _ => figure::CLOSED_TOP,
            };
        }
        self.boxes
            .iter()
            .position(|b| b.state == state)
            .unwrap_or(figure::CLOSED_TOP)
    }

    /// The figure's edge for a transition, if it has one for this cause.
    pub fn edge_for(&self, from: State, to: State, cause: Cause) -> Option<usize> {
        let to_box = self.box_for(to, Some(from));
        self.edges.iter().enumerate().position(|(i, e)| {
            e.from == from && e.to_box == to_box && figure::edge_accepts(i, cause)
        })
    }

    /// Where `side` is at time `t`. O(log n).
    pub fn frame(&self, timeline: &Timeline, side: Side, t: Instant, lang: Lang) -> GraphFrame {
        let last = timeline.transition_at(side, t);
        let state = timeline.state_at(side, t);
        GraphFrame {
            side,
            state,
            current_box: self.box_for(state, last.map(|tr| tr.from)),
            last: last.map(|tr| TakenTransition {
                at: tr.at,
                from: tr.from,
                to: tr.to,
                cause: tr.cause,
                rfc: tr.rfc,
                edge: self.edge_for(tr.from, tr.to, tr.cause),
                cause_text: cause_text(tr.cause, lang).to_string(),
            }),
        }
    }
}
