//! RFC 9293's state diagram (Figure 5, from `synack_diagram::StateGraph`) with both sides on
//! it: each side's current state is filled and tagged with the side's name (so colour is
//! never the only clue), and each side's last transition is drawn bold in its colour, with
//! its cause written below the figure.

use synack_core::Instant;
use synack_diagram::{GraphFrame, Label, Ladder, StateGraph};
use synack_sim::Side;
use yew::prelude::*;

use super::ladder::{f, side_name};
use crate::fmt::{instant_us, svg_points};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct StatesProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    /// [client, server]: the instant of each side's latest transition at the playhead.
    pub last: [Option<Instant>; 2],
}

/// [`StatesProps::last`] at playhead `t`.
pub fn last_transitions(ladder: &Ladder, t: u64) -> [Option<Instant>; 2] {
    Side::BOTH.map(|side| {
        ladder
            .timeline
            .transition_at(side, Instant(t))
            .map(|tr| tr.at)
    })
}

fn label(l: &Label, class: &'static str) -> Html {
    html! { <text class={class} x={f(l.at.x)} y={f(l.at.y)} text-anchor={l.anchor.svg()}>{ l.text.clone() }</text> }
}

fn side_class(side: Side) -> &'static str {
    match side {
        Side::Client => "side-c",
        Side::Server => "side-s",
    }
}

/// One edge of the figure; `taken`: the side whose latest transition it is.
fn edge(e: &synack_diagram::states::Edge, taken: Option<Side>) -> Html {
    let mut class = e.class.clone();
    if let Some(s) = taken {
        class.push_str(" taken ");
        class.push_str(side_class(s));
    }
    html! {
        <g {class}>
            <polyline points={svg_points(&e.points)} />
            <polygon class="edge-head" points={svg_points(&e.head)} />
            { for e.labels.iter().map(|l| label(l, "edge-label")) }
        </g>
    }
}

/// `● Client`: one text node, as the name tag always was.
fn tag(lang: Lang, side: Side) -> String {
    let mut s = String::from("● ");
    s.push_str(side_name(lang, side));
    s
}

/// One state of the figure; `here`: [client, server] is in it now.
fn state_box(
    b: &synack_diagram::states::StateBox,
    lang: Lang,
    here: [bool; 2],
    visited: bool,
) -> Html {
    let here = Side::BOTH
        .into_iter()
        .filter(move |s| here.get(s.index()) == Some(&true));
    // `b.class` is `state st-<name>` already.
    let mut class = b.class.clone();
    if here.clone().next().is_some() {
        class.push_str(" current");
    }
    if visited {
        class.push_str(" visited");
    }
    for s in here.clone() {
        class.push(' ');
        class.push_str(side_class(s));
    }
    html! {
        <g {class} data-state={b.state.rfc_name()}>
            <rect x={f(b.x)} y={f(b.y)} width={f(b.w)} height={f(b.h)} rx="8" />
            { label(&b.label, "box-label") }
            // Name tags: above the box's left corner for the client, right for the server.
            // In a fragment: loose, a tag coming or going would shift the rect and label
            // before it (Yew matches unkeyed children from the end) and rebuild them.
            <>{ for here.map(|s| {
                let (x, anchor, class) = match s {
                    Side::Client => (b.x, "start", "who side-c"),
                    Side::Server => (b.x + b.w, "end", "who side-s"),
                };
                html! { <text {class} x={f(x)} y={f(b.y - 5.0)} text-anchor={anchor}>{ tag(lang, s) }</text> }
            }) }</>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct EdgeProps {
    graph: P<StateGraph>,
    i: usize,
    taken: Option<Side>,
}

/// Edge `i` of the figure: a component of its own, so that a seek re-renders only the
/// edges whose "taken" mark it moved (a seek of a short trace crosses transitions nearly
/// every time, and rebuilding the whole figure was the costliest render of a seek).
#[function_component]
fn EdgeView(p: &EdgeProps) -> Html {
    p.graph
        .edges
        .get(p.i)
        .map_or_else(Html::default, |e| edge(e, p.taken))
}

#[derive(Properties, PartialEq)]
struct BoxProps {
    graph: P<StateGraph>,
    i: usize,
    lang: Lang,
    here: [bool; 2],
    visited: bool,
}

/// Box `i` of the figure, re-rendered only when a side enters, leaves or first visits it.
#[function_component]
fn BoxView(p: &BoxProps) -> Html {
    p.graph
        .boxes
        .get(p.i)
        .map_or_else(Html::default, |b| state_box(b, p.lang, p.here, p.visited))
}

/// The figure depends on the playhead only through each side's latest transition, so it
/// takes that (see [`last_transitions`]), not the playhead: a playhead change that crosses
/// no transition (most frames of playback) does not re-render it.
#[function_component]
pub fn StateDiagrams(p: &StatesProps) -> Html {
    let lang = p.lang;
    let graph = use_memo(lang, |l| StateGraph::figure5_in(*l));
    // Before a side's first transition any instant before it gives the same frame: 0.
    let at = |side: Side| {
        p.last
            .get(side.index())
            .copied()
            .flatten()
            .unwrap_or(Instant(0))
    };
    let frames: [GraphFrame; 2] =
        Side::BOTH.map(|side| graph.frame(&p.ladder.timeline, side, at(side), lang));
    let graph = P::from(&graph);
    let edges = (0..graph.edges.len()).map(|i| {
        let taken = frames
            .iter()
            .find(|fr| fr.last.as_ref().and_then(|l| l.edge) == Some(i))
            .map(|fr| fr.side);
        html! { <EdgeView graph={graph.clone()} {i} {taken} /> }
    });
    let transitions = &p.ladder.timeline.transitions;
    let boxes = graph.boxes.iter().enumerate().map(|(i, b)| {
        let here = frames.each_ref().map(|fr| fr.current_box == i);
        let visited = frames.iter().any(|fr| {
            transitions
                .get(fr.side.index())
                .is_some_and(|l| l.iter().any(|tr| tr.at <= at(fr.side) && tr.to == b.state))
        });
        html! { <BoxView graph={graph.clone()} {i} {lang} {here} {visited} /> }
    });
    let captions = frames.iter().map(|fr| {
        let text = match &fr.last {
            Some(tr) => lang.f(
                T::TransitionTaken,
                &[("from", tr.from.rfc_name()), ("to", tr.to.rfc_name()), ("cause", &format!("{} ({}, {})", tr.cause_text, instant_us(tr.at.micros()), tr.rfc))],
            ),
            None => lang.t(T::NoTransitionYet).to_string(),
        };
        let who = match fr.side {
            Side::Client => lang.t(T::StateOfClient),
            Side::Server => lang.t(T::StateOfServer),
        };
        html! {
            <li class={side_class(fr.side)} data-side={if fr.side == Side::Client { "client" } else { "server" }}
                data-current={fr.state.rfc_name()}>
                <strong>{ who }{ lang.t(T::Colon) }<span class="current-state">{ fr.state.rfc_name() }</span></strong>
                <span class="cause">{ text }</span>
            </li>
        }
    });
    html! {
        <section class="panel states-panel" aria-labelledby="states-h">
            <h2 id="states-h">{ lang.t(T::StatesTitle) }</h2>
            <p class="desc">{ lang.t(T::StatesDesc) }</p>
            <ul class="state-now">{ for captions }</ul>
            <svg class="states" viewBox={format!("0 0 {} {}", f(graph.width), f(graph.height))} role="img" aria-labelledby="states-h">
                { for edges }
                { for boxes }
            </svg>
        </section>
    }
}
