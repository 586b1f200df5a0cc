//! The packetdrill dialog (modal): open a `.pkt` file or paste a script, and run it. A script
//! that cannot be shown keeps the dialog open with the reason (what and where) under the
//! text, so that it can be fixed there; one that ran closes it and shows its run.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::packetdrill::{run, run_file};
use super::send;
use super::tools::trap_tab;
use crate::i18n::{Lang, Words, T};
use crate::state::{Action, Dialog};

/// The name a pasted script goes by in messages.
const PASTED: &str = "pasted.pkt";

/// A small script to start from: the project's own passive-open test.
const EXAMPLE: &str = include_str!("../../../tests/packetdrill/handshake-passive.pkt");

#[derive(Properties, PartialEq)]
pub struct ScriptDialogProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn ScriptDialog(p: &ScriptDialogProps) -> Html {
    let lang = p.lang;
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let text = use_node_ref();
    let dialog_ref = use_node_ref();
    {
        let text = text.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            if let Some(t) = text.cast::<web_sys::HtmlElement>() {
                let _ = t.focus();
            }
            move || {
                use wasm_bindgen::JsCast;
                if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    // Shown: the dialog closes (the reducer does it); not: say why here.
    let done = {
        let (d, error, busy) = (p.dispatch.clone(), error.clone(), busy.clone());
        Callback::from(move |r: Result<Action, String>| {
            busy.set(false);
            match r {
                Ok(a) => d.emit(a),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let start = {
        let (error, busy) = (error.clone(), busy.clone());
        move || {
            error.set(None);
            busy.set(true);
        }
    };
    let onrun = {
        let (text, done, start) = (text.clone(), done.clone(), start.clone());
        Callback::from(move |_: MouseEvent| {
            let src = text
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            start();
            run(PASTED.into(), src, lang, done.clone());
        })
    };
    let onfile = {
        let (done, start) = (done.clone(), start.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|l| l.get(0)) {
                start();
                run_file(file, lang, done.clone());
            }
            // The same file again is a change too.
            input.set_value("");
        })
    };
    let example = {
        let (text, error) = (text.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(t) = text.cast::<HtmlTextAreaElement>() {
                t.set_value(EXAMPLE);
                let _ = t.focus();
            }
            error.set(None);
        })
    };
    let close = send(&p.dispatch, Action::OpenDialog(Dialog::None));
    let status = match (&*error, *busy) {
        (Some(e), _) => html! { <p class="pkt-dialog-error" role="alert">{ e.clone() }</p> },
        (None, true) => {
            html! { <p class="pkt-dialog-status" role="status">{ lang.t(T::PktRunning) }</p> }
        }
        (None, false) => html! { <p class="pkt-dialog-status" role="status"></p> },
    };
    html! {
        <div class="overlay">
            <div class="backdrop" onclick={close.clone()}></div>
            <div class="dialog tools-dialog pkt-dialog" role="dialog" aria-modal="true"
                aria-labelledby="pkt-h" ref={dialog_ref.clone()} onkeydown={trap_tab(dialog_ref)}>
                <h2 id="pkt-h">{ lang.t(T::PktDialogTitle) }</h2>
                <p class="desc">{ lang.t(T::PktDialogIntro) }</p>
                <label class="pkt-file">
                    <input type="file" id="pkt-file" class="visually-hidden" accept=".pkt,text/plain" onchange={onfile} />
                    <span class="pkt-file-btn">{ lang.t(T::PktChooseFile) }</span>
                </label>
                <label class="field">
                    <span>{ lang.t(T::PktPasteLabel) }</span>
                    <textarea id="pkt-text" rows="10" spellcheck="false" ref={text}
                        aria-invalid={error.is_some().then_some("true")} />
                </label>
                { status }
                <div class="pkt-dialog-buttons">
                    <button type="button" class="pkt-run" onclick={onrun} disabled={*busy}>{ lang.t(T::PktRun) }</button>
                    <button type="button" class="pkt-example" onclick={example}>{ lang.t(T::PktExample) }</button>
                    <button type="button" class="close-help" onclick={close}>{ lang.t(T::Close) }</button>
                </div>
            </div>
        </div>
    }
}
