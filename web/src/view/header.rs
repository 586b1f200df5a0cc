//! The page's header: title, tools (quiz, packetdrill, capture, share, export, present,
//! theme), the language switcher, help and the scenario picker. A component of its own
//! because none of it depends on the playhead: App re-renders on every animation frame and
//! seek, and building and comparing the header (the picker lists every preset) then cost
//! each of them for nothing. Equal props, and Yew skips it.

use yew::prelude::*;

use super::preset::{preset_picker, PresetProps};
use super::send;
use super::tools::{tools, ToolsProps};
use crate::engine::Settings;
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::Action;
use crate::theme::Theme;
use synack_diagram::Ladder;
use synack_sim::Trace;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// The language whose texts are on the way, if any (the switcher shows it).
    pub lang_loading: Option<&'static str>,
    pub theme: Theme,
    pub presenting: bool,
    pub quiz: Option<synack_quiz::Kinds>,
    pub settings: Settings,
    /// What the run on screen is when it is not the settings' scenario
    /// ([`super::preset::shown_instead`]).
    pub shown: Option<(T, String)>,
    pub ladder: P<Ladder>,
    pub trace: P<Trace>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn Header(p: &HeaderProps) -> Html {
    let (lang, dispatch) = (p.lang, &p.dispatch);
    let lang_switch = {
        let d = dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let v = super::select_value(&e).unwrap_or_default();
            if let Some(code) = crate::i18n::parse_code(&v) {
                d.emit(Action::PickLang(code));
            }
        });
        // While a language's texts are on the way, the switcher shows it, and says so.
        let shown = p.lang_loading.unwrap_or(lang.code());
        let busy = p.lang_loading.is_some();
        html! {
            <label class="lang">
                <span>{ lang.t(T::LanguageLabel) }</span>
                <select id="lang-select" {onchange} aria-busy={busy.then_some("true")}>
                    { for core::iter::once(("en", Lang::EN.name())).chain(synack_text::LANGUAGES.iter().copied()).map(|(code, name)| html! {
                        <option value={code} selected={code == shown} lang={code}>{ name }</option>
                    }) }
                </select>
                <span class="lang-status" role="status">{ if busy { lang.t(T::LangLoading) } else { "" } }</span>
            </label>
        }
    };
    let help_button = html! {
        <button type="button" class="help-btn" aria-keyshortcuts="?" onclick={send(dispatch, Action::ShowHelp(true))}>
            <span aria-hidden="true">{"? "}</span>{ lang.t(T::Help) }
        </button>
    };
    let tools = tools(&ToolsProps {
        lang,
        theme: p.theme,
        presenting: p.presenting,
        ladder: p.ladder.clone(),
        trace: p.trace.clone(),
        dispatch: dispatch.clone(),
    });
    html! {
        <header class="top">
            <div class="brand">
                <h1>{ lang.t(T::AppTitle) }</h1>
                <p class="tagline">{ lang.t(T::Tagline) }</p>
            </div>
            <div class="top-tools">{ super::quiz::toggle(lang, p.quiz, dispatch) }{ super::packetdrill::open_button(lang, dispatch) }{ super::capture::open_button(lang, dispatch) }{ tools }{ lang_switch }{ help_button }</div>
            { preset_picker(&PresetProps { lang, settings: &p.settings, shown: p.shown.clone(), dispatch }) }
        </header>
    }
}
