//! RFC 9293's state diagram, once per side: the current state filled (and marked with ●,
//! not by colour alone), the transition just taken bold, its cause written below.

use synack_sim::{Side, Trace};
use yew::prelude::*;

use super::ladder::state_class;
use super::n;
use crate::fmt::instant_us;
use crate::i18n::{Lang, T};
use crate::layout::states::{self, figure_edges, view_at, StatesView, BOX_H, BOX_W, NODES};
use crate::layout::words::cause_text;
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct StatesProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub playhead: u64,
}

#[function_component]
pub fn StateDiagrams(p: &StatesProps) -> Html {
    let lang = p.lang;
    let views = Side::BOTH.map(|side| view_at(&p.trace, side, p.playhead));
    html! {
        <section class="panel states-panel" aria-labelledby="states-h">
            <h2 id="states-h">{ lang.t(T::StatesTitle) }</h2>
            <p class="desc">{ lang.t(T::StatesDesc) }</p>
            <div class="states-pair">
                { for views.into_iter().map(|v| html! { <StateDiagram {lang} view={v} /> }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DiagramProps {
    lang: Lang,
    view: StatesView,
}

#[function_component]
fn StateDiagram(p: &DiagramProps) -> Html {
    let lang = p.lang;
    let v = &p.view;
    let (title, id) = match v.side {
        Side::Client => (lang.t(T::StateOfClient), "sd-client"),
        Side::Server => (lang.t(T::StateOfServer), "sd-server"),
    };
    // Marker ids must be unique in the page: one set per side.
    let head = format!("{id}-head");
    let head_taken = format!("{id}-head-taken");
    let edges = figure_edges().into_iter().map(|e| {
        html! { <line class="edge" x1={n(e.x1)} y1={n(e.y1)} x2={n(e.x2)} y2={n(e.y2)} marker-end={format!("url(#{head})")} /> }
    });
    let taken = v.edge.map(|e| {
        html! {
            <line class={classes!("edge", "taken", e.extra.then_some("extra"))}
                x1={n(e.x1)} y1={n(e.y1)} x2={n(e.x2)} y2={n(e.y2)} marker-end={format!("url(#{head_taken})")} />
        }
    });
    let nodes = NODES.iter().enumerate().map(|(i, node)| {
        let current = i == v.current_node;
        let visited = v.visited.contains(&node.state);
        html! {
            <g class={classes!("node", state_class(node.state), current.then_some("current"), visited.then_some("visited"))}
                data-state={node.state.rfc_name()}>
                <rect x={n(node.x - BOX_W / 2.0)} y={n(node.y - BOX_H / 2.0)} width={n(BOX_W)} height={n(BOX_H)} rx="6" />
                <text x={n(node.x)} y={n(node.y + 4.5)} text-anchor="middle">
                    { if current { format!("● {}", node.state.rfc_name()) } else { node.state.rfc_name().to_string() } }
                </text>
            </g>
        }
    });
    let caption = match v.last {
        Some(tr) => lang.f(
            T::TransitionTaken,
            &[
                tr.from.rfc_name(),
                tr.to.rfc_name(),
                &format!(
                    "{} ({}, RFC 9293 {})",
                    cause_text(lang, tr.cause),
                    instant_us(tr.at),
                    tr.rfc
                ),
            ],
        ),
        None => lang.t(T::NoTransitionYet).to_string(),
    };
    html! {
        <figure class="state-fig" data-side={if v.side == Side::Client { "client" } else { "server" }}
            data-current={v.current.rfc_name()}>
            <figcaption id={id}>
                <strong>{ title }</strong>{ ": " }<span class="current-state">{ v.current.rfc_name() }</span>
            </figcaption>
            <svg class="states" viewBox={format!("0 0 {} {}", n(states::WIDTH), n(states::HEIGHT))} role="img" aria-labelledby={id}>
                <defs>
                    <marker id={head.clone()} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path class="sd-head" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                    <marker id={head_taken.clone()} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
                        <path class="sd-head taken" d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for edges }
                { for taken }
                { for nodes }
            </svg>
            <p class="cause" aria-live="polite">{ caption }</p>
        </figure>
    }
}
