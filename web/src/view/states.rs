//! RFC 9293's state diagram (Figure 5, from `synack_diagram::StateGraph`) with both sides on
//! it: each side's current state is filled and tagged with the side's name (so colour is
//! never the only clue), and each side's last transition is drawn bold in its colour, with
//! its cause written below the figure.

use synack_core::Instant;
use synack_diagram::{GraphFrame, Label, Ladder, StateGraph};
use synack_sim::Side;
use yew::prelude::*;

use super::ladder::{f, side_name, state_class};
use crate::fmt::instant_us;
use crate::i18n::{Lang, T};
use crate::ptr::P;
use crate::state::diagram_lang;

#[derive(Properties, PartialEq)]
pub struct StatesProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub playhead: u64,
}

fn label(l: &Label, class: &'static str) -> Html {
    html! { <text class={class} x={f(l.at.x)} y={f(l.at.y)} text-anchor={l.anchor.svg()}>{ l.text.clone() }</text> }
}

fn pts(ps: &[synack_diagram::Point]) -> String {
    ps.iter()
        .map(|p| format!("{},{}", f(p.x), f(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn side_class(side: Side) -> &'static str {
    match side {
        Side::Client => "side-c",
        Side::Server => "side-s",
    }
}

#[function_component]
pub fn StateDiagrams(p: &StatesProps) -> Html {
    let lang = p.lang;
    let graph = use_memo(diagram_lang(lang), |l| StateGraph::figure5_in(*l));
    let t = Instant(p.playhead);
    let frames: [GraphFrame; 2] =
        Side::BOTH.map(|side| graph.frame(&p.ladder.timeline, side, t, diagram_lang(lang)));
    let taken_edge = |i: usize| {
        frames
            .iter()
            .filter(|fr| fr.last.as_ref().and_then(|l| l.edge) == Some(i))
            .map(|fr| fr.side)
            .collect::<Vec<_>>()
    };

    let edges = graph.edges.iter().enumerate().map(|(i, e)| {
        let sides = taken_edge(i);
        let taken = sides.first().copied();
        html! {
            <g class={classes!(e.class.clone(), taken.map(|s| classes!("taken", side_class(s))))}>
                <polyline points={pts(&e.points)} />
                <polygon class="edge-head" points={pts(&e.head)} />
                { for e.labels.iter().map(|l| label(l, "edge-label")) }
            </g>
        }
    });
    let boxes = graph.boxes.iter().enumerate().map(|(i, b)| {
        let here: Vec<Side> = frames.iter().filter(|fr| fr.current_box == i).map(|fr| fr.side).collect();
        let visited = frames.iter().any(|fr| p.ladder.timeline.transitions[fr.side.index()].iter().any(|tr| tr.at <= t && tr.to == b.state));
        html! {
            <g class={classes!(b.class.clone(), state_class(b.state), (!here.is_empty()).then_some("current"),
                        visited.then_some("visited"), here.iter().map(|s| side_class(*s)).collect::<Vec<_>>())}
                data-state={b.state.rfc_name()}>
                <rect x={f(b.x)} y={f(b.y)} width={f(b.w)} height={f(b.h)} rx="8" />
                { label(&b.label, "box-label") }
                // Name tags: above the box's left corner for the client, right for the server.
                { for here.iter().map(|s| {
                    let (x, anchor) = match s { Side::Client => (b.x, "start"), Side::Server => (b.x + b.w, "end") };
                    html! { <text class={classes!("who", side_class(*s))} x={f(x)} y={f(b.y - 5.0)} text-anchor={anchor}>{ format!("● {}", side_name(lang, *s)) }</text> }
                }) }
            </g>
        }
    });
    let captions = frames.iter().map(|fr| {
        let text = match &fr.last {
            Some(tr) => lang.f(
                T::TransitionTaken,
                &[tr.from.rfc_name(), tr.to.rfc_name(), &format!("{} ({}, RFC 9293 {})", tr.cause_text, instant_us(tr.at.micros()), tr.rfc)],
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
                <strong>{ who }{ ": " }<span class="current-state">{ fr.state.rfc_name() }</span></strong>
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
