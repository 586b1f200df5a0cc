//! The narration: every step up to the playhead told in plain words (from
//! `synack_diagram::narrate_step`), newest last and marked, with the "whys" of the current
//! step, read out politely to screen readers as it changes.

use synack_core::Instant;
use synack_diagram::{Ladder, StepText};
use yew::prelude::*;

use crate::fmt::instant_us;
use crate::i18n::{Lang, T};
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub lang: Lang,
    pub texts: P<Vec<StepText>>,
    pub ladder: P<Ladder>,
    pub playhead: u64,
}

#[function_component]
pub fn Narration(p: &NarrationProps) -> Html {
    let lang = p.lang;
    let list = use_node_ref();
    let current = p.ladder.steps.index_at(Instant(p.playhead));
    let shown = current.map_or(0, |i| i + 1);
    {
        // Keep the newest sentence in view (the list scrolls, not the page).
        let list = list.clone();
        use_effect_with((shown, p.texts.clone()), move |_| {
            if let Some(el) = list.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let now = current.and_then(|i| p.texts.get(i));
    let whys = now.map(|s| s.whys.clone()).unwrap_or_default();
    html! {
        <section class="panel narration" aria-labelledby="narr-h">
            <h2 id="narr-h">{ lang.t(T::NarrationTitle) }</h2>
            if shown == 0 {
                <p class="hint">{ lang.t(T::NarrationEmpty) }</p>
            }
            <ol class="lines" ref={list} tabindex="0" aria-labelledby="narr-h">
                { for p.texts.iter().take(shown).enumerate().map(|(i, s)| {
                    let is_now = Some(i) == current;
                    html! {
                        <li class={classes!(is_now.then_some("now"))}>
                            <span class="at">{ instant_us(s.at.micros()) }</span>
                            <span class="text">{ s.text.clone() }</span>
                            if is_now { <span class="now-badge">{ lang.t(T::NarrationNow) }</span> }
                        </li>
                    }
                }) }
            </ol>
            { for whys.iter().map(|w| html! {
                <aside class="why">
                    <h3>{ w.title.clone() }</h3>
                    <p>{ w.body.clone() }</p>
                </aside>
            }) }
            <p class="visually-hidden" aria-live="polite">{ now.map(|s| s.text.clone()).unwrap_or_default() }</p>
        </section>
    }
}
