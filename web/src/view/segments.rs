//! The segments as an ordered text list: the ladder's text alternative, for screen readers
//! and for copying into notes.

use synack_diagram::{ArrowFate, Ladder};
use yew::prelude::*;

use super::ladder::side_name;
use crate::fmt::instant_us;
use crate::i18n::{Lang, T};
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct SegmentsProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub playhead: u64,
}

#[function_component]
pub fn SegmentList(p: &SegmentsProps) -> Html {
    let lang = p.lang;
    html! {
        <section class="panel segments-panel" aria-labelledby="segs-h">
            <details>
                <summary><h2 id="segs-h">{ lang.t(T::SegmentsTitle) }</h2></summary>
                <p class="desc">{ lang.t(T::SegmentsDesc) }</p>
                <ol class="segments">
                    { for p.ladder.arrows.iter().map(|a| {
                        let fate = match a.fate {
                            ArrowFate::Arrived => String::new(),
                            ArrowFate::Lost => format!(" — {}", lang.t(T::Lost)),
                            ArrowFate::InFlight => format!(" — {}", lang.t(T::InFlight)),
                        };
                        let tag = a.tag.as_ref().map(|t| format!(" ({})", t.text)).unwrap_or_default();
                        html! {
                            <li class={classes!((a.t0.micros() > p.playhead).then_some("future"))}>
                                { format!("{} {} → {}: {}{}{}", instant_us(a.t0.micros()), side_name(lang, a.from), side_name(lang, a.from.other()), a.label.text, tag, fate) }
                            </li>
                        }
                    }) }
                </ol>
            </details>
        </section>
    }
}
