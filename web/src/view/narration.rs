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

/// Lines per block.
const BLOCK: usize = 32;

#[derive(Properties, PartialEq)]
struct LinesProps {
    lang: Lang,
    texts: P<Vec<StepText>>,
    lo: usize,
    hi: usize,
    /// The current step, if it is in this block.
    now: Option<usize>,
}

/// Narration lines `lo..hi`.
#[function_component]
fn Lines(p: &LinesProps) -> Html {
    let texts = p.texts.get(p.lo..p.hi).unwrap_or_default();
    html! {
        <>{ for texts.iter().enumerate().map(|(k, s)| {
            let is_now = Some(p.lo + k) == p.now;
            html! {
                <li class={classes!(is_now.then_some("now"))}>
                    <span class="at">{ instant_us(s.at.micros()) }</span>
                    <span class="text">{ s.text.clone() }</span>
                    if is_now { <span class="now-badge">{ p.lang.t(T::NarrationNow) }</span> }
                </li>
            }
        }) }</>
    }
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
        // Scrolled after the frame is drawn, without reading the layout (the browser clamps).
        use_effect_with((shown, p.texts.clone()), move |_| {
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(el) = list.cast::<web_sys::Element>() {
                    el.set_scroll_top(i32::MAX);
                }
            })
            .forget();
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
                // In keyed blocks of BLOCK lines: a playhead change re-renders only the
                // blocks it changed, not every line told so far.
                { for (0..shown).step_by(BLOCK).map(|lo| {
                    let hi = (lo + BLOCK).min(shown);
                    let now = current.filter(|i| (lo..hi).contains(i));
                    html! { <Lines key={lo} {lang} texts={p.texts.clone()} {lo} {hi} {now} /> }
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
