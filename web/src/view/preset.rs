//! The scenario picker: every preset of the simulator, with its one-line description in the
//! chosen language. It sits at the top of the page, the first thing a teacher changes.

use yew::prelude::*;

use crate::engine::{find_preset, presets, Settings};
use crate::i18n::{Lang, Words, T};
use crate::state::Action;

/// Not a component: rendered with the app's view (one component less in the wasm; its only
/// work is a short list).
pub struct PresetProps<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    pub dispatch: &'a Callback<Action>,
}

pub fn preset_picker(p: &PresetProps) -> Html {
    let lang = p.lang;
    let all = presets();
    let desc = synack_sim::presets()
        .iter()
        .find(|x| x.name == p.settings.preset)
        .map(|x| x.description_in(lang))
        .unwrap_or("");
    let onchange = {
        let d = p.dispatch.clone();
        let (profile, seed) = (p.settings.profile, p.settings.seed);
        Callback::from(move |e: Event| {
            let v = super::select_value(&e).unwrap_or_default();
            // Only names from the list are accepted; the new story gets its own network.
            if let Some(info) = find_preset(&v) {
                d.emit(Action::Configure(Settings {
                    profile,
                    seed,
                    ..Settings::for_preset(info.name)
                }));
            }
        })
    };
    html! {
        <div class="preset">
            <label for="preset">{ lang.t(T::Scenario) }</label>
            <select id="preset" {onchange} aria-describedby="preset-desc">
                { for all.iter().map(|x| html! {
                    <option value={x.name} selected={x.name == p.settings.preset}>{ x.name }</option>
                }) }
            </select>
            <p id="preset-desc" class="preset-desc">
                // The simulator writes code in `backticks`: odd pieces are code.
                { for desc.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
                    html! { <code>{ part }</code> }
                } else {
                    html! { { part } }
                }) }
            </p>
        </div>
    }
}
