//! The keyboard help overlay (`?` opens it, Esc or the button closes it). A modal dialog:
//! focus moves into it on open and back to where it was on close.

use yew::prelude::*;

use super::send;
use crate::i18n::{Lang, T};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn HelpOverlay(p: &HelpProps) -> Html {
    let lang = p.lang;
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(el) = previous
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            }
        });
    }
    const KEYS: [(&str, T); 14] = [
        ("Space", T::KeySpace),
        ("←", T::KeyLeft),
        ("→", T::KeyRight),
        ("Home", T::KeyHome),
        ("End", T::KeyEnd),
        ("Tab", T::KeyTab),
        ("Enter", T::KeyEnter),
        ("A", T::KeyA),
        ("L", T::KeyL),
        ("PgUp / PgDn", T::KeyPage),
        ("P", T::KeyP),
        ("B", T::KeyB),
        ("?", T::KeyHelp),
        ("Esc", T::KeyEsc),
    ];
    let close = send(&p.dispatch, Action::ShowHelp(false));
    html! {
        <div class="overlay">
            <div class="backdrop" onclick={close.clone()}></div>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-h">
                <h2 id="help-h">{ lang.t(T::HelpTitle) }</h2>
                <p>{ lang.t(T::HelpIntro) }</p>
                <table class="keys">
                    <tbody>
                    { for KEYS.iter().map(|(k, what)| html! {
                        <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ lang.t(*what) }</td></tr>
                    }) }
                    </tbody>
                </table>
                <button type="button" class="close-help" ref={close_ref} onclick={close}>{ lang.t(T::Close) }</button>
            </div>
        </div>
    }
}
