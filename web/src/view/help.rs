//! The keyboard help overlay (`?` opens it, Esc or the button closes it). A modal dialog:
//! focus moves into it on open and back to where it was on close (see `tools::ShareDialog`).

use yew::prelude::*;

use crate::i18n::{Lang, Words, T};

/// The help's content. The overlay around it, with its close button and focus handling, is
/// the share dialog's component (`tools::ShareDialog` with `help`): one component less.
pub fn help_body(lang: Lang) -> Html {
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
    html! {
        <>
        <h2 id="help-h">{ lang.t(T::HelpTitle) }</h2>
        <p>{ lang.t(T::HelpIntro) }</p>
        <table class="keys">
            <tbody>
            { for KEYS.iter().map(|(k, what)| html! {
                <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ lang.t(*what) }</td></tr>
            }) }
            </tbody>
        </table>
        </>
    }
}
