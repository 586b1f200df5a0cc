//! The scenario and network controls: preset (with its one-line description), profile, seed,
//! and per-direction latency, jitter and loss. Every change re-runs the simulation.

use yew::prelude::*;

use super::{select_value, send};
use crate::engine::data::{BANDWIDTH_MBPS, QUEUE_PKTS};
use crate::engine::{Settings, JITTER_MS, LATENCY_MS, LOSS_PCT};
use crate::i18n::{Lang, Words, T};
use crate::state::{Action, Origin};
use synack_sim::ProfileKind;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub lang: Lang,
    pub settings: Settings,
    pub absolute: bool,
    /// What the run on screen was made from. A capture's or a script's run is not simulated
    /// from these settings: they are shown disabled, with a note, so that a slider cannot
    /// silently replace what the reader opened (`Model::resimulate` would).
    pub origin: Origin,
    pub dispatch: Callback<Action>,
}

fn input_value(e: &InputEvent) -> Option<String> {
    e.target_dyn_into::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
}

/// One labelled slider editing one number of the settings.
fn slider(
    p: &SettingsProps,
    id: &'static str,
    label: T,
    unit: T,
    range: (u32, u32),
    value: u32,
    set: fn(&mut Settings, u32),
) -> Html {
    let lang = p.lang;
    let d = p.dispatch.clone();
    let settings = p.settings.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(v) = input_value(&e).and_then(|v| v.parse::<u32>().ok()) {
            let mut s = settings.clone();
            set(&mut s, v);
            // Queued inputs (a held key, a drag while busy) simulate only the newest.
            crate::state::soon::configure(&d, s);
        }
    });
    let shown = format!("{value} {}", lang.t(unit));
    html! {
        <div class="slider">
            <label for={id}>{ lang.t(label) }</label>
            <input {id} type="range" min={range.0.to_string()} max={range.1.to_string()} step="1"
                value={value.to_string()} aria-valuetext={shown.clone()} {oninput} />
            <output for={id}>{ shown }</output>
        </div>
    }
}

#[function_component]
pub fn SettingsPanel(p: &SettingsProps) -> Html {
    let lang = p.lang;
    let s = &p.settings;
    let fixed = p.origin != Origin::Settings;
    let note = match p.origin {
        Origin::Settings => None,
        Origin::Capture => Some(T::SettingsFixedCapture),
        Origin::Script => Some(T::SettingsFixedScript),
    };
    let profile = {
        let d = p.dispatch.clone();
        let settings = s.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(pr) = select_value(&e).and_then(|v| ProfileKind::parse(v.trim())) {
                d.emit(Action::Configure(Settings {
                    profile: pr,
                    ..settings.clone()
                }));
            }
        });
        html! {
            <div class="field">
                <label for="profile">{ lang.t(T::Profile) }</label>
                <select id="profile" {onchange} disabled={fixed}>
                    { for ProfileKind::ALL.iter().map(|pr| html! {
                        <option value={pr.name()} selected={*pr == s.profile}>
                            { lang.t(match pr { ProfileKind::Linux => T::ProfileLinux, ProfileKind::Textbook => T::ProfileTextbook }) }
                        </option>
                    }) }
                </select>
            </div>
        }
    };
    let seed = {
        let d = p.dispatch.clone();
        let settings = s.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .and_then(|i| i.value().trim().parse::<u64>().ok());
            if let Some(seed) = v {
                d.emit(Action::Configure(Settings {
                    seed,
                    ..settings.clone()
                }));
            }
        });
        let d2 = p.dispatch.clone();
        let settings2 = s.clone();
        let next = Callback::from(move |_| {
            // A fresh seed: a cheap, deterministic scramble of the old one.
            let seed = settings2
                .seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407)
                >> 40;
            d2.emit(Action::Configure(Settings {
                seed,
                ..settings2.clone()
            }));
        });
        html! {
            <div class="field seed">
                <label for="seed">{ lang.t(T::Seed) }</label>
                <input id="seed" type="number" min="0" inputmode="numeric" value={s.seed.to_string()} {onchange} disabled={fixed} />
                <button type="button" onclick={next} disabled={fixed}>{ lang.t(T::NewSeed) }</button>
            </div>
        }
    };
    let absolute = {
        html! {
            <div class="field check">
                <input id="abs" type="checkbox" checked={p.absolute} aria-keyshortcuts="a"
                    onchange={send(&p.dispatch, Action::ToggleAbsolute)} />
                <label for="abs">{ lang.t(T::AbsoluteSeq) }</label>
            </div>
        }
    };
    let reset = {
        html! { <button type="button" class="reset" onclick={send(&p.dispatch, Action::Configure(s.network_reset()))}>{ lang.t(T::ResetSettings) }</button> }
    };
    html! {
        <section class="panel settings" aria-labelledby="settings-h">
            <h2 id="settings-h">{ lang.t(T::SettingsTitle) }</h2>
            if let Some(note) = note {
                <p class="settings-fixed">{ lang.t(note) }</p>
            }
            <div class="settings-grid">
                { profile }
                { seed }
                { absolute }
            </div>
            <fieldset class="network" disabled={fixed}>
                <legend>{ lang.t(T::Network) }</legend>
                { slider(p, "lat-c2s", T::LatencyC2S, T::Milliseconds, LATENCY_MS, s.latency_ms[0], |s, v| s.latency_ms[0] = v) }
                { slider(p, "lat-s2c", T::LatencyS2C, T::Milliseconds, LATENCY_MS, s.latency_ms[1], |s, v| s.latency_ms[1] = v) }
                { slider(p, "jit-c2s", T::JitterC2S, T::Milliseconds, JITTER_MS, s.jitter_ms[0], |s, v| s.jitter_ms[0] = v) }
                { slider(p, "jit-s2c", T::JitterS2C, T::Milliseconds, JITTER_MS, s.jitter_ms[1], |s, v| s.jitter_ms[1] = v) }
                { slider(p, "loss-c2s", T::LossC2S, T::Percent, LOSS_PCT, s.loss_pct[0], |s, v| s.loss_pct[0] = v) }
                { slider(p, "loss-s2c", T::LossS2C, T::Percent, LOSS_PCT, s.loss_pct[1], |s, v| s.loss_pct[1] = v) }
                { slider(p, "bw", T::Bottleneck, T::Mbps, BANDWIDTH_MBPS, s.data.bw_mbps.unwrap_or(0), |s, v| s.data.bw_mbps = (v > 0).then_some(v)) }
                { slider(p, "queue", T::QueueLen, T::Packets, QUEUE_PKTS, s.data.queue_pkts.unwrap_or(0), |s, v| s.data.queue_pkts = (v > 0).then_some(v)) }
                { reset }
            </fieldset>
            { super::data_settings::fieldset(lang, s, &p.dispatch, fixed) }
        </section>
    }
}
