//! The list of a capture's connections (modal), when its file holds more than one: stream,
//! endpoints, segments, bytes, duration and first flags, as Wireshark's conversation list
//! shows them; each row's button (Tab, Enter) reads that connection with the model.

use yew::prelude::*;

use super::capture::choose;
use super::send;
use super::tools::trap_tab;
use crate::capture::{Key, Pick};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::Action;

/// The columns: their titles and classes.
const COLUMNS: [(Key, &str); 7] = [
    (Key::Stream, ""),
    (Key::Client, "addr"),
    (Key::Server, "addr"),
    (Key::Segments, "num"),
    (Key::Bytes, "num"),
    (Key::Duration, "num"),
    (Key::FirstFlags, ""),
];

#[derive(Properties, PartialEq)]
pub struct CaptureListProps {
    pub lang: Lang,
    pub pick: P<Pick>,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn CaptureList(p: &CaptureListProps) -> Html {
    let lang = p.lang;
    let busy = use_state(|| false);
    let dialog_ref = use_node_ref();
    {
        // The first row's button has the focus when the list opens.
        let r = dialog_ref.clone();
        use_effect_with((), move |_| {
            let first = r
                .cast::<web_sys::Element>()
                .and_then(|d| d.query_selector("button.capture-row").ok().flatten())
                .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok());
            if let Some(b) = first {
                let _ = b.focus();
            }
        });
    }
    let close = send(&p.dispatch, Action::CapturePick(None));
    let onkeydown = {
        let (trap, d) = (trap_tab(dialog_ref.clone()), p.dispatch.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                d.emit(Action::CapturePick(None));
            } else {
                trap.emit(e);
            }
        })
    };
    let name = p.pick.files.first().map_or("", |f| f.name.as_str());
    let intro = synack_text::pack::fill_str(
        lang.text(Key::ListIntro),
        &[("name", name), ("n", &p.pick.rows.len().to_string())],
    );
    let rows = p.pick.rows.iter().map(|r| {
        let onclick = {
            let (files, d, busy, stream) = (p.pick.files.clone(), p.dispatch.clone(), busy.clone(), r.stream);
            Callback::from(move |_: MouseEvent| {
                busy.set(true);
                choose(files.clone(), stream, lang, false, d.clone());
            })
        };
        let cells = [
            r.client.clone(),
            r.server.clone(),
            r.segments.to_string(),
            r.bytes.to_string(),
            r.duration_ms.clone(),
            r.flags.clone(),
        ];
        html! {
            <tr data-stream={r.stream.to_string()}>
                <th scope="row">
                    <button type="button" class="capture-row" {onclick} disabled={*busy}>
                        { r.stream }
                    </button>
                </th>
                { for cells.into_iter().enumerate().map(|(c, v)| html! { <td class={COLUMNS.get(c + 1).map_or("", |k| k.1)}>{ v }</td> }) }
            </tr>
        }
    });
    html! {
        <div class="overlay">
            <div class="backdrop" onclick={close.clone()}></div>
            <div class="dialog tools-dialog capture-dialog" role="dialog" aria-modal="true"
                aria-labelledby="capture-h" ref={dialog_ref} {onkeydown}>
                <h2 id="capture-h">{ lang.text(Key::ListTitle) }</h2>
                <p class="desc">{ intro }</p>
                if !p.pick.skipped.is_empty() {
                    <p class="desc capture-skipped">{ p.pick.skipped.clone() }</p>
                }
                <div class="capture-table">
                    <table>
                        <thead><tr>
                            { for COLUMNS.iter().map(|(k, class)| html! { <th scope="col" class={*class}>{ lang.text(*k) }</th> }) }
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                <p class="pkt-dialog-status" role="status">{ if *busy { lang.text(Key::Reading) } else { "" } }</p>
                <div class="pkt-dialog-buttons">
                    <button type="button" class="close-help" onclick={close}>{ lang.t(T::Close) }</button>
                </div>
            </div>
        </div>
    }
}
