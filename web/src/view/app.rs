//! The root component: reads the URL once, owns the reducer, runs the clock and the keyboard,
//! and lays out the panels.

use web_sys::window;
use yew::prelude::*;

use super::inspector::Inspector;
use super::keys::{use_keyboard, KeyCtx};
use super::ladder::LadderView;
use super::narration::Narration;
use super::preset::shown_instead;
use super::segments::SegmentList;
use super::send;
use super::settings::SettingsPanel;
use super::states::{last_transitions, StateDiagrams};
use super::tcb::{tcb_panel, TcbProps};
use super::tools::ShareDialog;
use super::transport::{transport, TransportProps};
use crate::clock::use_animation_frames;
use crate::embed::use_embed;
use crate::i18n::{Lang, Words, T};
use crate::langpack;
use crate::params::{self, Problem, Why};
use crate::ptr::P;
use crate::state::{Action, AppState, Dialog};

fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    window().and_then(|w| w.match_media(query).ok().flatten())
}

fn prefers_reduced_motion() -> bool {
    media(REDUCED_MOTION).is_some_and(|m| m.matches())
}

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";
/// style.css's phone breakpoint: below it the ladder is laid out narrower and shown at least
/// 1:1, panning sideways ([`crate::state::NARROW_WIDTH`]).
const NARROW: &str = "(max-width: 640px)";

fn search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

fn initial_state() -> AppState {
    let p = params::parse(&search());
    let code = p.lang.unwrap_or("en");
    // A language whose texts are not here (yet): start in English, with the error if
    // fetching them before this first render failed; else `App` fetches them at once.
    let ready = langpack::ready(code);
    let narrow = media(NARROW).is_some_and(|m| m.matches());
    let present = p.present && !p.embed.on;
    let mut s = AppState::sized(
        p.settings,
        ready.unwrap_or(Lang::EN),
        p.absolute,
        !p.embed.on && (narrow || present),
    );
    s.chrome.narrow = narrow;
    s.chrome.presenting = present;
    if ready.is_none() {
        s.chrome.lang_error = langpack::take_first_error();
        s.chrome.lang_loading = s.chrome.lang_error.is_none().then_some(code);
    }
    s.chrome.problems = p.problems;
    s.playback.reduced_motion = prefers_reduced_motion();
    s.chrome.theme = p.theme;
    s.chrome.view = p.view;
    if p.flights_open {
        s.model.open_flights(s.chrome.lang, s.chrome.absolute);
    }
    s.chrome.embed = p.embed.on;
    if p.embed.on {
        s.playback.range = p.embed.steps;
        s.playback.playhead = s.start();
        // An embed plays on load unless asked to wait (`paused`) or the reader prefers calm.
        s.playback.playing = !p.embed.paused && !s.playback.reduced_motion;
    } else {
        s.playback.playhead = p.playhead.min(s.end());
    }
    // Quiz mode (view::quiz) starts with nothing shown.
    if let Some(kinds) = p.quiz {
        s.chrome.quiz = Some(kinds);
        s.playback.quiz_limit = Some(s.start());
        (s.playback.playhead, s.playback.playing) = (s.start(), false);
    }
    s
}

/// One line of the notice about URL parameters that were not used.
fn problem_text(lang: Lang, p: &Problem) -> String {
    let key = match p.why {
        Why::UnknownValue => T::WhyUnknownValue,
        Why::Malformed => T::WhyMalformed,
        Why::OutOfRange => T::WhyOutOfRange,
        Why::UnknownName => T::WhyUnknownName,
    };
    lang.f(key, &[("value", &p.key)])
}

/// Mirrors embed mode and presenter mode into `<html data-embed / data-present>` for the CSS.
fn sync_root_flag(name: &str, on: bool) {
    if let Some(html) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            html.set_attribute(name, "")
        } else {
            html.remove_attribute(name)
        };
    }
}

/// Mirrors the language into `<html lang>` and the title at once.
fn sync_document(lang: Lang) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    doc.set_title(&format!(
        "synack — {}",
        lang.t(T::Tagline)
            .split(['.', '：', ':'])
            .next()
            .unwrap_or("")
    ));
}

/// Mirrors the view into the URL without adding history entries, so that a copied link
/// reopens it. Called through a short debounce: browsers throttle rapid `replaceState`
/// calls (a slider drag makes dozens).
fn sync_url(query: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    // One callback for the component's life: children compare it by pointer, so a new one
    // per render would re-render every child that takes it (settings, tools, inspector…).
    // A switch to a language whose texts are not here yet fetches them first (langpack).
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        (*use_memo((), move |_| {
            let raw = Callback::from(move |a: Action| d.dispatch(a));
            Callback::from(move |a: Action| match a {
                Action::PickLang(code) => langpack::load(code, raw.clone()),
                a => raw.emit(a),
            })
        }))
        .clone()
    };
    // `?lang=<code>`: fetch the language's texts right after the first render (index.html
    // has already started the request).
    {
        let (d, loading) = (dispatch.clone(), state.chrome.lang_loading);
        let first = state.clone();
        use_effect_with((), move |_| {
            if let Some(l) = loading {
                d.emit(Action::PickLang(l));
            }
            // And warm the path of a settings change for the first one (state/warm.rs).
            let m = &first.model;
            if m.origin() == crate::state::Origin::Settings {
                crate::state::warm::rerender_when_idle(m.settings.clone(), d.clone());
            }
        });
    }

    use_animation_frames(state.playback.playing, {
        let d = dispatch.clone();
        Callback::from(move |ms: f64| d.emit(Action::Tick(ms)))
    });
    use_keyboard(
        dispatch.clone(),
        KeyCtx {
            help_open: state.chrome.help_open,
            dialog_open: state.chrome.dialog != Dialog::None || state.chrome.capture_pick.is_some(),
            selection: state.model.selection.is_some(),
            presenting: state.chrome.presenting,
            blank: state.chrome.blank,
            // While a language loads, `l` toggles from the one the switcher shows (so a
            // second press goes back rather than asking for the same language again).
            lang: state
                .chrome
                .lang_loading
                .unwrap_or(state.chrome.lang.code()),
            ..KeyCtx::default()
        },
    );
    {
        // Read once: the URL does not change under an embed.
        let id = use_memo((), |_| params::parse(&search()).embed.id);
        use_embed(state.chrome.embed, (*id).clone(), dispatch.clone());
    }

    // One effect for these idempotent mirrors (each effect is a distinct type in the wasm):
    // a change of one re-applies the others, which changes nothing.
    use_effect_with(
        (state.chrome.lang, state.chrome.theme, state.chrome.embed),
        |&(lang, theme, embed)| {
            sync_document(lang);
            crate::theme::apply(theme);
            sync_root_flag("data-embed", embed);
        },
    );
    use_effect_with(state.chrome.quiz.is_some(), |&on| {
        sync_root_flag("data-quiz", on)
    });
    use_effect_with(state.chrome.presenting, |&on| {
        sync_root_flag("data-present", on);
        if on {
            // Off the "Present" button, so that Space (which plays) cannot press it again.
            crate::present::blur_focus();
            crate::present::enter_fullscreen();
        } else {
            crate::present::exit_fullscreen();
        }
    });
    // Leaving fullscreen (Esc, the browser's own control) leaves presenter mode; and follow
    // the system's reduced-motion setting and the screen's width (phone or not) if they
    // change while the page is open.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let d2 = d.clone();
            let fullscreen = window().and_then(|w| w.document()).map(|doc| {
                crate::listen::listen(&doc, "fullscreenchange", move |_| {
                    if !crate::present::is_fullscreen() {
                        d2.emit(Action::Present(false));
                    }
                })
            });
            let on_change = |query: &str, action: fn(bool) -> Action| {
                let d = d.clone();
                media(query).map(|m| {
                    let m2 = m.clone();
                    crate::listen::listen(&m, "change", move |_| d.emit(action(m2.matches())))
                })
            };
            let motion = on_change(REDUCED_MOTION, Action::SetReducedMotion);
            let narrow = on_change(NARROW, Action::SetNarrow);
            move || drop((fullscreen, motion, narrow))
        });
    }
    super::packetdrill::use_drop(state.chrome.lang, !state.chrome.embed, dispatch.clone());
    super::capture::use_relabel(
        state.chrome.lang,
        state.model.capture.clone(),
        dispatch.clone(),
    );
    {
        let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
        // While playing the moment changes every frame: the URL gets it once playback stops.
        let query = params::to_query(&params::View {
            settings: &state.model.settings,
            lang: state.chrome.lang.code(),
            absolute: state.chrome.absolute,
            theme: state.chrome.theme,
            playhead: if state.playback.playing || state.chrome.quiz.is_some() {
                0
            } else {
                state.playback.playhead
            },
            quiz: state.chrome.quiz,
            view: state.chrome.view,
            flights_open: state.model.flights_open(),
        });
        let embed = state.chrome.embed;
        // Presenter mode is kept in the page's own URL (reload, bookmark), not in share links.
        let query = if state.chrome.presenting {
            query + "&present"
        } else {
            query
        };
        use_effect_with(query, move |q| {
            // An embed keeps its own URL (its embed parameters are the parent's to set).
            if embed {
                return;
            }
            let q = q.clone();
            // Replacing the pending timeout cancels it.
            if let Ok(mut slot) = pending.try_borrow_mut() {
                *slot = Some(gloo_timers::callback::Timeout::new(300, move || {
                    sync_url(&q)
                }));
            }
        });
    }

    let lang = state.chrome.lang;
    let t = state.playback.playhead;
    let trace = P::from(&state.model.trace);
    let ladder = P::from(&state.model.ladder);

    let error = state.model.error.as_ref().map(|e| {
        html! {
            <div class="banner error" role="alert">
                <p>{ lang.f(T::ErrorSimulation, &[("error", e)]) }{" "}{ lang.t(T::ErrorKeptPicture) }</p>
                <button type="button" onclick={send(&dispatch, Action::DismissError)}>{ lang.t(T::Dismiss) }</button>
            </div>
        }
    });
    let unknown = (!state.chrome.problems.is_empty()).then(|| {
        html! {
            <div class="banner notice" role="status">
                <div>
                    <p>{ lang.t(T::NoticeTitle) }</p>
                    <ul>{ for state.chrome.problems.iter().map(|p| html! { <li data-param={p.key.clone()}>{ problem_text(lang, p) }</li> }) }</ul>
                </div>
                <button type="button" class="dismiss-notice" onclick={send(&dispatch, Action::DismissNotice)}>{ lang.t(T::Dismiss) }</button>
            </div>
        }
    });
    let lang_error = state.chrome.lang_error.as_ref().map(|e| {
        html! {
            <div class="banner error lang-error" role="alert">
                <p>{ lang.f(T::LangFailed, &[("error", e)]) }</p>
                <button type="button" onclick={send(&dispatch, Action::DismissLangError)}>{ lang.t(T::Dismiss) }</button>
            </div>
        }
    });
    let what_if = (!state.model.settings.drops.is_empty()).then(|| {
        html! {
            <div class="banner whatif" role="status">
                <p>{ match state.model.settings.drops.len() {
                    1 => lang.t(T::WhatIfBannerOne).to_string(),
                    n => lang.f(T::WhatIfBanner, &[("n", &n.to_string())]),
                } }</p>
                <button type="button" class="undo" onclick={send(&dispatch, Action::UndoDrop)}>{ "↶ " }{ lang.t(T::UndoDrop) }</button>
            </div>
        }
    });

    let view = params::View {
        settings: &state.model.settings,
        lang: state.chrome.lang_loading.unwrap_or(lang.code()),
        absolute: state.chrome.absolute,
        theme: state.chrome.theme,
        playhead: state.playback.playhead,
        quiz: state.chrome.quiz,
        view: state.chrome.view,
        flights_open: state.model.flights_open(),
    };
    let dialog = (state.chrome.dialog != Dialog::None).then(|| {
        if state.chrome.dialog == Dialog::Script {
            return html! { <super::pkt_dialog::ScriptDialog {lang} dispatch={dispatch.clone()} /> };
        }
        html! {
            <ShareDialog {lang} dialog={state.chrome.dialog} query={params::to_query(&view)}
                embed_query={params::embed_query(&view)} preset={state.model.settings.preset.clone()}
                dispatch={dispatch.clone()} />
        }
    });
    let blank = state.chrome.blank.then(|| {
        html! {
            <div class="blank" onclick={send(&dispatch, Action::Blank(false))}>
                <p class="visually-hidden" role="status">{ lang.t(T::Blanked) }</p>
            </div>
        }
    });
    let transport = transport(&TransportProps {
        lang,
        playhead: t,
        end: state.end(),
        playing: state.playback.playing,
        speed: state.playback.speed,
        ladder: ladder.clone(),
        dispatch: dispatch.clone(),
    });

    // Built once: both layouts below show them (one copy of their props code, not two).
    let script = super::packetdrill::banners(
        lang,
        state.model.script.as_ref(),
        state.chrome.script_error.as_ref(),
        state.model.trace.segments.len(),
        &dispatch,
        Action::Configure(state.model.settings.clone()),
    );
    let capture = super::capture::banner(
        lang,
        state.model.capture.as_ref(),
        &dispatch,
        Action::Configure(state.model.settings.clone()),
    );
    let banners = html! { <>{ for error }{ script }{ capture }{ for lang_error }{ for unknown }{ for what_if }</> };
    let ladder_panel = html! {
        <section class="panel ladder-panel" aria-labelledby="ladder-h">
            if !state.chrome.embed { { super::views::views_control(lang, state.chrome.view, &dispatch) } }
            if state.chrome.view != crate::state::DataView::Ladder {
                <super::views::ViewPanel {lang} trace={trace.clone()} view={state.chrome.view}
                    playhead={t} selection={state.model.selection} present={state.chrome.presenting}
                    dispatch={dispatch.clone()} />
            }
            <LadderView {lang} ladder={ladder.clone()} trace={trace.clone()} playhead={t}
                selection={state.model.selection} dispatch={dispatch.clone()}
                script={state.model.script.as_ref().map(P::from)}
                flights={Some((P::from(&state.model.flights), state.model.collapsed.clone()))} />
        </section>
    };
    let quiz = state.chrome.quiz.map(|kinds| {
        html! {
            <super::quiz::QuizPanel {lang} trace={trace.clone()} {kinds}
                settings={state.model.settings.clone()} dispatch={dispatch.clone()} />
        }
    });
    let narration = html! {
        <Narration {lang} texts={P::from(&state.model.narration)} ladder={ladder.clone()} playhead={t} />
    };

    if state.chrome.embed {
        // The compact view for iframes: ladder, controls and narration; no page chrome.
        // Its height is its content's (no viewport units): the parent sizes the frame to it.
        // The frame's page has its heading too (for screen readers; the host page shows its own).
        let scenario = synack_sim::presets()
            .iter()
            .find(|x| x.name == state.model.settings.preset)
            .map_or(state.model.settings.preset.as_str(), |x| x.title_in(lang));
        return html! {
            <>
            { transport }
            { banners }
            <main class="embed-main">
                <h1 class="visually-hidden">{ lang.f(T::EmbedFrameTitle, &[("scenario", scenario)]) }</h1>
                { ladder_panel }<>{ for quiz }</>{ narration }
            </main>
            <>{ for blank }</>
            </>
        };
    }

    html! {
        <>
        <a class="skip" href="#ladder">{ lang.t(T::SkipToLadder) }</a>
        <super::header::Header {lang} lang_loading={state.chrome.lang_loading} theme={state.chrome.theme}
            presenting={state.chrome.presenting} quiz={state.chrome.quiz} settings={state.model.settings.clone()}
            shown={shown_instead(&state.model)} ladder={ladder.clone()} trace={trace.clone()} dispatch={dispatch.clone()} />
        { transport }
        { banners }
        <main class="grid">
            { ladder_panel }
            <div class="side">
                { for quiz }
                if let Some(script) = &state.model.script {
                    <super::pkt_lines::ScriptLines {lang} script={P::from(script)} playhead={t} dispatch={dispatch.clone()} />
                }
                { narration }
                <Inspector {lang} trace={trace.clone()} selection={state.model.selection}
                    absolute={state.chrome.absolute} drops={state.model.settings.drops.len()} dispatch={dispatch.clone()} />
                <StateDiagrams {lang} ladder={ladder.clone()} last={last_transitions(&state.model.ladder, t)} />
                { tcb_panel(&TcbProps { lang, trace: trace.clone(), ladder: ladder.clone(), playhead: t, absolute: state.chrome.absolute }) }
            </div>
            <SettingsPanel {lang} settings={state.model.settings.clone()} absolute={state.chrome.absolute}
                origin={state.model.origin()} dispatch={dispatch.clone()} />
            <SegmentList {lang} ladder={ladder} playhead={t} />
        </main>
        <footer class="foot"><p>{ lang.t(T::FooterAbout) }</p></footer>
        if state.chrome.help_open {
            <ShareDialog {lang} help=true dialog={Dialog::None} query={String::new()}
                embed_query={String::new()} preset={String::new()} dispatch={dispatch.clone()} />
        }
        // Optional nodes in fragments of their own: loose, one coming or going would shift
        // every sibling before it (Yew matches unkeyed children from the end) and rebuild
        // the page.
        <>{ for dialog }</>
        if let Some(pick) = &state.chrome.capture_pick {
            <super::capture_list::CaptureList {lang} pick={pick.clone()} dispatch={dispatch.clone()} />
        }
        <>{ for blank }</>
        </>
    }
}
