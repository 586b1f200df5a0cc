//! The segments as an ordered text list: the ladder's text alternative, for screen readers
//! and for copying into notes.

use synack_diagram::{ArrowFate, Ladder};
use yew::prelude::*;

use super::ladder::side_name;
use crate::fmt::instant_us;
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct SegmentsProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub playhead: u64,
}

/// Items per block: a block's "not sent yet" flags fit in a `u64`.
const BLOCK: usize = 32;

#[derive(Properties, PartialEq)]
struct ItemsProps {
    lang: Lang,
    ladder: P<Ladder>,
    lo: usize,
    hi: usize,
    /// Bit `i - lo`: arrow `i` is not sent yet.
    future: u64,
}

/// List items `lo..hi`.
#[function_component]
fn Items(p: &ItemsProps) -> Html {
    let lang = p.lang;
    let arrows = p.ladder.arrows.get(p.lo..p.hi).unwrap_or_default();
    html! {
        <>{ for arrows.iter().enumerate().map(|(k, a)| {
            let fate = match a.fate {
                ArrowFate::Arrived => String::new(),
                ArrowFate::Lost => format!(" — {}", lang.t(T::Lost)),
                ArrowFate::InFlight => format!(" — {}", lang.t(T::InFlight)),
            };
            let tag = a.tag.as_ref().map(|t| format!(" ({})", t.text)).unwrap_or_default();
            let future = p.future >> (k & 63) & 1 == 1;
            html! {
                <li class={classes!(future.then_some("future"))}>
                    { format!("{} {} → {}{}{}{}{}", instant_us(a.t0.micros()), side_name(lang, a.from), side_name(lang, a.from.other()), lang.t(T::Colon), a.label_text(), tag, fate) }
                </li>
            }
        }) }</>
    }
}

#[function_component]
pub fn SegmentList(p: &SegmentsProps) -> Html {
    let lang = p.lang;
    // Whether the list is open. While it is closed nothing of it shows and none of its items
    // is built: a new trace would otherwise build them all, and a seek across a long trace
    // restyle (and re-render) every block between the two instants, O(segments).
    let open = use_state_eq(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::Element>() {
                open.set(d.has_attribute("open"));
            }
        })
    };
    html! {
        <section class="panel segments-panel" aria-labelledby="segs-h">
            <details {ontoggle}>
                <summary><h2 id="segs-h">{ lang.t(T::SegmentsTitle) }</h2></summary>
                <p class="desc">{ lang.t(T::SegmentsDesc) }</p>
                // Its items only while it is open: closed, nothing of them shows, and building
                // them for each new trace cost a slider change ~20 ms on 10,000 segments.
                if *open {
                    <ol class="segments">
                        // In keyed blocks whose props are the block's "not sent yet" bits: a
                        // playhead change re-renders only the blocks it changed (O(1) per
                        // frame, not O(segments)).
                        { for (0..p.ladder.arrows.len()).step_by(BLOCK).map(|lo| {
                            let hi = (lo + BLOCK).min(p.ladder.arrows.len());
                            let future = (lo..hi)
                                .filter(|&i| p.ladder.arrows.get(i).is_some_and(|a| a.t0.micros() > p.playhead))
                                .fold(0u64, |m, i| m | 1u64 << ((i - lo) & 63));
                            html! { <Items key={lo} {lang} ladder={p.ladder.clone()} {lo} {hi} {future} /> }
                        }) }
                    </ol>
                }
            </details>
        </section>
    }
}
