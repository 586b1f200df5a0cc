//! The narration: every step up to the playhead told in plain words (`state/told.rs`, from
//! `synack_diagram::Told`), newest last and marked, with the "whys" of the current
//! step, read out politely to screen readers as it changes.
//!
//! Only the latest lines are in the DOM (about [`BUDGET`] characters of them, more on
//! request): a step of a long transfer tells of dozens of segments (kilobytes of text), and
//! laying out every line up to the playhead cost a seek on `bulk-transfer` more than the
//! rest of the page together, growing with the trace.

use synack_core::Instant;
use synack_diagram::Ladder;
use yew::prelude::*;

use crate::fmt::instant_us;
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::StepTexts;

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub lang: Lang,
    /// Told on demand: only the lines drawn and the "now" step are ever told.
    pub texts: P<StepTexts>,
    pub ladder: P<Ladder>,
    pub playhead: u64,
}

/// Characters of earlier lines drawn by default, beyond the newest two: a few screens of
/// the list to scroll back through.
const BUDGET: usize = 2000;

/// Lines that "show earlier steps" adds.
const MORE: usize = 16;

/// The user's "show earlier" is forgotten once the newest line has moved this many lines
/// past it (a seek far ahead): it would otherwise keep every line in between drawn.
const KEEP: usize = 256;

/// The first line drawn by default when lines `..shown` are told: the newest two, and
/// earlier ones while they fit in [`BUDGET`].
fn tail(texts: &StepTexts, shown: usize) -> usize {
    let mut first = shown.saturating_sub(2);
    let mut chars = 0;
    // Characters, not bytes: a Chinese line has a third as many per byte. Counted only as
    // far as the budget needs (a step of a long transfer is told briefly, state/told.rs).
    while let Some(c) = first
        .checked_sub(1)
        .and_then(|i| texts.chars_up_to(i, BUDGET.saturating_sub(chars)))
    {
        chars += c;
        if chars > BUDGET {
            break;
        }
        first -= 1;
    }
    first
}

#[derive(Properties, PartialEq)]
struct LineProps {
    lang: Lang,
    texts: P<StepTexts>,
    i: usize,
    now: bool,
}

/// Narration line `i`: a component of its own, so that a playhead change re-renders only
/// the lines whose "now" mark it moved.
#[function_component]
fn Line(p: &LineProps) -> Html {
    let Some(s) = p.texts.get(p.i) else {
        return html! {};
    };
    html! {
        <li class={classes!(p.now.then_some("now"))}>
            <span class="at">{ instant_us(s.at.micros()) }</span>
            <span class="text">{ s.text.clone() }</span>
            if p.now { <span class="now-badge">{ p.lang.t(T::NarrationNow) }</span> }
        </li>
    }
}

#[function_component]
pub fn Narration(p: &NarrationProps) -> Html {
    let lang = p.lang;
    let list = use_node_ref();
    let current = p.ladder.steps.index_at(Instant(p.playhead));
    let shown = current.map_or(0, |i| i + 1);
    {
        // Keep the newest sentence in view (the list scrolls, not the page): scrolled to the
        // end, unless the sentence is taller than the list, then to its first word (a
        // projector's large type, a phone's narrow column). After the frame is drawn, so
        // reading the sizes costs no extra layout.
        let list = list.clone();
        use_effect_with((shown, p.texts.clone()), move |(next, texts)| {
            let (next, texts) = (*next, texts.clone());
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(el) = list.cast::<web_sys::Element>() {
                    let newest = el
                        .last_element_child()
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        })
                        .map_or(0, |e| e.offset_height());
                    let end = el.scroll_height().saturating_sub(el.client_height());
                    el.set_scroll_top(end.min(el.scroll_height().saturating_sub(newest)));
                }
                // Tell the next step now, between frames, rather than in the frame that
                // reaches it: a step of a long transfer tells of dozens of segments, 1-2 ms.
                let _ = texts.get(next);
            })
            .forget();
        });
    }
    // The first line drawn: the tail's, or an earlier one the user asked for (for this
    // narration only; a new simulation starts from the tail again).
    let tail = tail(&p.texts, shown);
    let asked = use_state_eq(|| None::<(usize, P<StepTexts>)>);
    let first = match &*asked {
        Some((i, texts)) if *texts == p.texts && tail.saturating_sub(*i) <= KEEP => tail.min(*i),
        _ => tail,
    };
    let earlier = (first > 0).then(|| {
        let (asked, texts, list) = (asked.clone(), p.texts.clone(), list.clone());
        let to = first.saturating_sub(MORE);
        let onclick = Callback::from(move |_: MouseEvent| {
            asked.set(Some((to, texts.clone())));
            // The button goes away with the first line drawn: keep the focus in the list.
            if to == 0 {
                if let Some(el) = list.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
        html! {
            <li key="earlier" class="earlier">
                <button type="button" {onclick}>{ lang.f(T::NarrationEarlier, &[("n", &first.to_string())]) }</button>
            </li>
        }
    });
    let now = current.and_then(|i| p.texts.get(i));
    let whys = now.map(|s| s.whys.clone()).unwrap_or_default();
    html! {
        <section class="panel narration" aria-labelledby="narr-h">
            <h2 id="narr-h">{ lang.t(T::NarrationTitle) }</h2>
            if shown == 0 {
                <p class="hint">{ lang.t(T::NarrationEmpty) }</p>
            }
            <ol class="lines" ref={list} tabindex="0" aria-labelledby="narr-h">
                { for earlier }
                { for (first..shown).map(|i| html! {
                    <Line key={i} {lang} texts={p.texts.clone()} {i} now={current == Some(i)} />
                }) }
            </ol>
            // In a fragment of its own: Yew matches unkeyed children from the end, so a
            // changing number of loose asides would shift the list before them, and Yew
            // would build the list and every line again (most seeks did).
            <>{ for whys.iter().map(|w| html! {
                <aside class="why">
                    <h3>{ w.title.clone() }</h3>
                    <p>{ w.body.clone() }</p>
                </aside>
            }) }</>
            <p class="visually-hidden" aria-live="polite">{ now.map(|s| s.text.clone()).unwrap_or_default() }</p>
        </section>
    }
}
