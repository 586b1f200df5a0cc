//! Play, pause, step, jump, scrub and speed: the controls of the one playhead.

use yew::prelude::*;

use super::send;
use crate::fmt::instant_us;
use crate::i18n::{Lang, Words, T};
use crate::layout::scrub::{fraction_at, t_at_fraction};
use crate::ptr::P;
use crate::state::{Action, SPEED_LABELS};
use synack_core::Instant;
use synack_diagram::Ladder;

/// Not a component: it changes with every playhead, so it is rendered with the app's
/// view (one component less in the wasm, and nothing to compare).
pub struct TransportProps {
    pub lang: Lang,
    pub playhead: u64,
    pub end: u64,
    pub playing: bool,
    pub speed: usize,
    pub ladder: P<Ladder>,
    pub dispatch: Callback<Action>,
}

/// The scrubber's resolution.
const SCRUB_STEPS: f64 = 1000.0;
const SCRUB_MAX: &str = "1000";

pub fn transport(p: &TransportProps) -> Html {
    let lang = p.lang;
    // Start, back | play | forward, end: (label, icon, action, class, key).
    const NAV: [(T, &str, Action, &str, &str); 4] = [
        (T::ToStart, "|◀◀", Action::ToStart, "tbtn start", "Home"),
        (
            T::StepBack,
            "◀|",
            Action::StepBack,
            "tbtn back",
            "ArrowLeft",
        ),
        (
            T::StepForward,
            "▶|",
            Action::StepForward,
            "tbtn fwd",
            "ArrowRight",
        ),
        (T::ToEnd, "▶▶|", Action::ToEnd, "tbtn end", "End"),
    ];
    let btns = |range: std::ops::Range<usize>| {
        NAV.get(range)
            .unwrap_or_default()
            .iter()
            .map(|(label, icon, action, class, keys)| {
                let label = lang.t(*label);
                html! {
                    <button type="button" class={*class} title={label} aria-label={label}
                        aria-keyshortcuts={*keys} onclick={send(&p.dispatch, action.clone())}>
                        <span aria-hidden="true">{ *icon }</span>
                    </button>
                }
            })
    };
    let play_label = if p.playing { T::Pause } else { T::Play };
    let play = {
        html! {
            <button type="button" class="tbtn play" aria-keyshortcuts="Space" aria-pressed={if p.playing { "true" } else { "false" }}
                onclick={send(&p.dispatch, Action::TogglePlay)}>
                <span aria-hidden="true">{ if p.playing { "❚❚" } else { "▶" } }</span>
                <span class="play-text">{ lang.t(play_label) }</span>
            </button>
        }
    };
    let readout = lang.f(T::PlayheadValue, &[("t", &instant_us(p.playhead))]);
    let scrub = {
        let d = p.dispatch.clone();
        let ladder = p.ladder.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value_as_number())
                .unwrap_or(0.0);
            if v.is_finite() {
                d.emit(Action::Seek(t_at_fraction(&ladder, v / SCRUB_STEPS)));
            }
        });
        let value = (fraction_at(&p.ladder, p.playhead) * SCRUB_STEPS).round();
        html! {
            <label class="scrub">
                <span class="visually-hidden">{ lang.t(T::Playhead) }</span>
                <input id="scrubber" type="range" min="0" max={SCRUB_MAX} step="1"
                    value={(value as i64).to_string()} aria-valuetext={readout.clone()} {oninput} />
            </label>
        }
    };
    let speed = {
        let d = p.dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = super::select_value(&e).and_then(|s| s.parse::<usize>().ok());
            if let Some(i) = v {
                d.emit(Action::SetSpeed(i));
            }
        });
        html! {
            <label class="speed">
                <span>{ lang.t(T::Speed) }</span>
                <select id="speed" {onchange}>
                    { for SPEED_LABELS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == p.speed}>{ *s }</option>
                    }) }
                </select>
            </label>
        }
    };
    let done = p
        .ladder
        .steps
        .index_at(Instant(p.playhead))
        .map_or(0, |i| i + 1);
    let total = p.ladder.steps.len();
    html! {
        <nav class="transport" aria-label={lang.t(T::Playhead)}>
            <div class="buttons">
                { for btns(0..2) }
                { play }
                { for btns(2..4) }
            </div>
            { scrub }
            <div class="readout" aria-live="off">
                <output class="time" for="scrubber">{ readout }</output>
                <span class="count">{ lang.f(T::EventCounter, &[("n", &done.to_string()), ("total", &total.to_string())]) }</span>
            </div>
            { speed }
        </nav>
    }
}
