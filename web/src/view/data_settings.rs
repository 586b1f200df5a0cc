//! The data-phase controls of the settings panel (synack-sim's `overrides`, engine/data.rs):
//! congestion control, Nagle, the transfer's size and how the receiver reads. "As the preset"
//! leaves the scenario's own.

use synack_core::CongestionKind;
use yew::prelude::*;

use super::select_value;
use crate::engine::data::{cc_code, Knob, Read, SIZE_KB};
use crate::engine::Settings;
use crate::i18n::{Lang, Words, T};
use crate::state::Action;

/// A callback that sets `knob` to the control's value (empty: as the preset; a number out
/// of bounds: the nearest allowed).
fn edit(settings: &Settings, d: &Callback<Action>, knob: Knob) -> Callback<Event> {
    let (settings, d) = (settings.clone(), d.clone());
    Callback::from(move |e: Event| {
        let v = select_value(&e).or_else(|| {
            e.target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
        });
        if let Some(v) = v {
            let mut s = settings.clone();
            match v.trim() {
                "" => s.data.unset(knob),
                v => {
                    let _ = s.data.set(knob, v);
                }
            }
            d.emit(Action::Configure(s));
        }
    })
}

/// One `<select>`: (value, label) options, the first "as the preset".
fn select(
    lang: Lang,
    id: &'static str,
    label: T,
    opts: Vec<(String, String)>,
    now: &str,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <div class="field">
            <label for={id}>{ lang.t(label) }</label>
            <select {id} {onchange}>
                <option value="" selected={now.is_empty()}>{ lang.t(T::AsPreset) }</option>
                { for opts.into_iter().map(|(v, l)| html! { <option value={v.clone()} selected={v == now}>{ l }</option> }) }
            </select>
        </div>
    }
}

/// `fixed`: the run on screen is not simulated from the settings (a capture, a script's
/// run): the controls are shown, disabled.
pub fn fieldset(lang: Lang, s: &Settings, d: &Callback<Action>, fixed: bool) -> Html {
    let dp = &s.data;
    let cc = select(
        lang,
        "cc",
        T::CcLabel,
        [
            (CongestionKind::Cubic, "CUBIC"),
            (CongestionKind::Reno, "Reno"),
        ]
        .iter()
        .map(|&(k, name)| (cc_code(k).to_string(), name.to_string()))
        .collect(),
        dp.cc.map_or("", cc_code),
        edit(s, d, Knob::Cc),
    );
    let nagle = select(
        lang,
        "nagle",
        T::NagleLabel,
        vec![
            ("1".into(), lang.t(T::On).into()),
            ("0".into(), lang.t(T::Off).into()),
        ],
        match dp.nagle {
            Some(true) => "1",
            Some(false) => "0",
            None => "",
        },
        edit(s, d, Knob::Nagle),
    );
    let mut reads: Vec<Read> = vec![
        Read::Instant,
        Read::Slow(20),
        Read::Slow(200),
        Read::Paused(2),
        Read::Paused(5),
    ];
    if let Some(r) = dp.read.filter(|r| !reads.contains(r)) {
        reads.push(r);
    }
    let read_name = |r: Read| match r {
        Read::Instant => lang.t(T::ReadInstant).to_string(),
        Read::Slow(n) => lang.f(T::ReadSlow, &[("n", &n.to_string())]),
        Read::Paused(n) => lang.f(T::ReadPaused, &[("n", &n.to_string())]),
    };
    let now = dp.read.map(Read::code).unwrap_or_default();
    let read = select(
        lang,
        "read",
        T::ReadLabel,
        reads
            .into_iter()
            .map(|r| (r.code(), read_name(r)))
            .collect(),
        &now,
        edit(s, d, Knob::Read),
    );
    let size = html! {
        <div class="field">
            <label for="size">{ lang.t(T::SizeLabel) }</label>
            <input id="size" type="number" inputmode="numeric" min={SIZE_KB.0.to_string()} max={SIZE_KB.1.to_string()}
                placeholder={lang.t(T::AsPreset)} value={dp.size_kb.map(|v| v.to_string()).unwrap_or_default()}
                onchange={edit(s, d, Knob::Size)} />
        </div>
    };
    html! {
        <fieldset class="network data-phase" disabled={fixed}>
            <legend>{ lang.t(T::DataPhase) }</legend>
            { cc }{ nagle }{ size }{ read }
        </fieldset>
    }
}
