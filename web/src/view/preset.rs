//! The scenario picker: every preset of the simulator, with its one-line description in the
//! chosen language. It sits at the top of the page, the first thing a teacher changes.

use yew::prelude::*;

use crate::engine::{find_preset, Settings};
use crate::i18n::{Lang, Words, T};
use crate::state::{Action, Model, Origin};
use synack_sim::PresetGroup;

/// Not a component: rendered with the app's view (one component less in the wasm; its only
/// work is a short list).
pub struct PresetProps<'a> {
    pub lang: Lang,
    pub settings: &'a Settings,
    /// What the run on screen is when it is not the settings' scenario: a capture's file
    /// names or a script's. The picker then shows it as its choice, and picking a scenario
    /// leaves it.
    pub shown: Option<(T, String)>,
    pub dispatch: &'a Callback<Action>,
}

/// A group's heading in the picker.
fn group_name(g: PresetGroup) -> T {
    match g {
        PresetGroup::Opening => T::GroupHandshake,
        PresetGroup::Data => T::GroupData,
        PresetGroup::Closing => T::GroupTeardown,
        PresetGroup::Loss => T::GroupLoss,
        PresetGroup::Abnormal => T::GroupAbnormal,
    }
}

/// The picker's label for a run that is not the settings' scenario, if it is one.
pub fn shown_instead(m: &Model) -> Option<(T, String)> {
    match m.origin() {
        Origin::Settings => None,
        Origin::Capture => {
            let files = m.capture.as_ref()?.files.iter().map(|f| f.name.as_str());
            Some((T::ShownCapture, files.collect::<Vec<_>>().join(" + ")))
        }
        Origin::Script => Some((T::ShownScript, m.script.as_ref()?.name.clone())),
    }
}

pub fn preset_picker(p: &PresetProps) -> Html {
    let lang = p.lang;
    let all = synack_sim::presets();
    let desc = match &p.shown {
        Some(_) => lang.t(T::PickerLeaves),
        None => all
            .iter()
            .find(|x| x.name == p.settings.preset)
            .map(|x| x.description_in(lang))
            .unwrap_or(""),
    };
    let preset = if p.shown.is_some() {
        ""
    } else {
        p.settings.preset.as_str()
    };
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
            // People read names in their language, grouped; the slug is only the value (and
            // the URL's `?preset=`).
            <select id="preset" {onchange} aria-describedby="preset-desc">
                if let Some((what, name)) = &p.shown {
                    <option value="" selected=true disabled=true>{ lang.f(*what, &[("name", name)]) }</option>
                }
                { for PresetGroup::ALL.iter().map(|&g| html! {
                    <optgroup label={lang.t(group_name(g))}>
                        { for all.iter().filter(|x| x.group == g).map(|x| html! {
                            <option value={x.name} selected={x.name == preset}>{ x.title_in(lang) }</option>
                        }) }
                    </optgroup>
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
