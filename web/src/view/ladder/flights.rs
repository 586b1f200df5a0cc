//! Collapsed flights on the ladder (docs/VIEWS.md, "Flights"): a run of back-to-back segments
//! drawn as one band labelled with its count and numbers, which a click, Enter or Space
//! expands into its segments; an expanded flight of a long trace keeps a bracket beside the
//! sender's lane that collapses it again. Lost, retransmitted and state-changing segments are
//! never in a flight (synack-diagram's rule), so nothing a lesson points at is hidden.

use synack_diagram::ladder::{Collapsed, Flights, COLLAPSE_ABOVE};
use synack_diagram::Ladder;
use synack_sim::Side;
use yew::prelude::*;

use super::{f, points, text};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub(super) struct FlightProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub flights: P<Flights>,
    pub collapsed: Collapsed,
    /// `ladder.flights[..started]` have begun at the playhead.
    pub started: usize,
    /// The trace's number of segments (brackets only on a trace long enough to collapse).
    pub segments: usize,
    pub dispatch: Callback<Action>,
}

/// Click, Enter or Space: `Fold(k, collapse)`; the page's own keys do not see them.
fn handlers(
    d: &Callback<Action>,
    k: u32,
    collapse: bool,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let a = Action::Fold(k, collapse);
    let d2 = d.clone();
    let a2 = a.clone();
    (
        d.reform(move |e: MouseEvent| {
            e.stop_propagation();
            a.clone()
        }),
        Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "Enter" | " ") {
                e.prevent_default();
                e.stop_propagation();
                d2.emit(a2.clone());
            }
        }),
    )
}

#[function_component]
pub(super) fn FlightLayer(p: &FlightProps) -> Html {
    let lang = p.lang;
    let l = &*p.ladder;
    let bands = l.flights.iter().enumerate().map(|(i, b)| {
        let (onclick, onkeydown) = handlers(&p.dispatch, b.flight, false);
        let name = lang.f(
            T::FlightExpand,
            &[("label", &b.label.text), ("n", &b.count.to_string())],
        );
        html! {
            <g class={classes!(b.class.clone(), if b.from == Side::Client { "from-c" } else { "from-s" }, (i >= p.started).then_some("future"))}
                data-flight={b.flight.to_string()} tabindex="0" role="button" aria-expanded="false"
                aria-label={name.clone()} {onclick} {onkeydown}>
                <title>{ name }</title>
                <polygon points={points(&b.polygon)} />
                if b.label_shown { { text(&b.label, "flight-label") } }
            </g>
        }
    });
    // Brackets beside the sender's lane for the flights shown expanded (long traces only).
    let open = (p.segments > COLLAPSE_ABOVE).then(|| {
        p.flights.list.iter().enumerate().filter(|(k, _)| !p.collapsed.is_collapsed(*k)).filter_map(|(k, fl)| {
            let first = l.arrows.get(*fl.segments.first()? as usize)?;
            let last = l.arrows.get(*fl.segments.last()? as usize)?;
            let (y0, y1) = (first.points.first()?.y, last.points.first()?.y);
            let lane = l.lanes.iter().find(|ln| ln.side == fl.side)?;
            let x = if fl.side == Side::Client { lane.x - 12.0 } else { lane.x + 12.0 };
            let tick = if fl.side == Side::Client { 4.0 } else { -4.0 };
            let k = u32::try_from(k).ok()?;
            let (onclick, onkeydown) = handlers(&p.dispatch, k, true);
            let name = lang.f(T::FlightCollapse, &[("n", &fl.segments.len().to_string())]);
            Some(html! {
                <g class="flight-open" data-flight={k.to_string()} tabindex="0" role="button" aria-expanded="true"
                    aria-label={name.clone()} {onclick} {onkeydown}>
                    <title>{ name }</title>
                    <rect class="hit" x={f(x - 6.0)} y={f(y0 - 2.0)} width="12" height={f(y1 - y0 + 4.0)} />
                    <path d={format!("M{} {}h{}V{}h{}", f(x + tick), f(y0), f(-tick), f(y1), f(tick))} />
                </g>
            })
        }).collect::<Vec<_>>()
    });
    html! { <g class="flights"><>{ for bands }</><>{ for open.into_iter().flatten() }</></g> }
}
