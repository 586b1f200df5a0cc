//! Opening a capture: the header's "Open capture…" picker, files dropped on the page (routed
//! here or to a packetdrill run by [`route`]), the list of connections when a file holds more
//! than one ([`super::capture_list`]), and the banner over the shown connection. See
//! [`crate::capture`].

use std::rc::Rc;

use synack_text::pack::fill_str;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::send;
use crate::capture::{self, File, Key, Listed, Opened, Pick, Showing};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::Action;

/// `why`, as the error banner says it: the picture stays.
fn failed(lang: Lang, why: &str) -> Action {
    Action::ScriptFailed(format!("{why} {}", lang.t(T::ErrorKeptPicture)))
}

/// Reads `f` into the page (a JavaScript array), or says why not.
async fn read(f: &web_sys::File, lang: Lang) -> Result<File, String> {
    let name = f.name();
    let refuse = |what: String| {
        fill_str(
            lang.text(Key::OtherError),
            &[("name", &name), ("what", &what)],
        )
    };
    if f.size() > capture::MAX_BYTES {
        let what = fill_str(
            lang.text(Key::ErrTooLarge),
            &[
                ("len", &(f.size() as u64).to_string()),
                ("limit", &(capture::MAX_BYTES as u64).to_string()),
            ],
        );
        return Err(refuse(what));
    }
    let buf = JsFuture::from(f.array_buffer())
        .await
        .map_err(|_| refuse(String::from("the browser could not read the file")))?;
    Ok(File {
        name: name.clone(),
        bytes: js_sys::Uint8Array::new(&buf),
    })
}

/// Opens `files` as captures (one, or one per end): the list when the first holds several
/// connections, else its connection at once; errors go to the banner.
pub fn take(files: Vec<web_sys::File>, lang: Lang, dispatch: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut read_files = Vec::new();
        for f in files.iter().take(2) {
            match read(f, lang).await {
                Ok(f) => read_files.push(f),
                Err(why) => return dispatch.emit(failed(lang, &why)),
            }
        }
        let Some(first) = read_files.first() else {
            return;
        };
        match capture::list(first, lang).await {
            Err(why) => dispatch.emit(failed(lang, &why)),
            Ok(Listed::Refused { error }) => dispatch.emit(failed(lang, &error)),
            Ok(Listed::Read { rows, skipped }) => {
                if rows.len() == 1 {
                    choose(read_files, 0, lang, false, dispatch);
                } else {
                    let pick = Pick {
                        files: read_files,
                        rows,
                        skipped,
                    };
                    dispatch.emit(Action::CapturePick(Some(P(Rc::new(pick)))));
                }
            }
        }
    });
}

/// Shows connection `stream` of `files`, read with the model (`again`: the one shown, read
/// again for another language).
pub fn choose(files: Vec<File>, stream: u32, lang: Lang, again: bool, dispatch: Callback<Action>) {
    wasm_bindgen_futures::spawn_local(async move {
        let action = match capture::open(&files, stream, lang).await {
            Ok(Opened::Read { trace, shown }) => Action::OpenCapture(P(Rc::new(capture::Read {
                trace: Rc::new(*trace),
                showing: capture::Showing {
                    shown,
                    files,
                    lang: lang.code(),
                },
                again,
            }))),
            Ok(Opened::Refused { error }) => failed(lang, &error),
            Err(why) => failed(lang, &why),
        };
        if matches!(action, Action::ScriptFailed(_)) {
            dispatch.emit(Action::CapturePick(None));
        }
        dispatch.emit(action);
    });
}

/// Files dropped on the page: captures (by their name, else by their first bytes) are
/// opened here, anything else runs as a packetdrill script (`script`).
pub fn route(
    files: Vec<web_sys::File>,
    lang: Lang,
    dispatch: Callback<Action>,
    script: impl FnOnce(web_sys::File) + 'static,
) {
    let Some(first) = files.first().cloned() else {
        return;
    };
    if files.iter().any(|f| capture::named_like_one(&f.name())) {
        return take(files, lang, dispatch);
    }
    if first.name().to_ascii_lowercase().ends_with(".pkt") {
        return script(first);
    }
    wasm_bindgen_futures::spawn_local(async move {
        let head = match first.slice_with_i32_and_i32(0, 4) {
            Ok(b) => JsFuture::from(b.array_buffer()).await.ok(),
            Err(_) => None,
        };
        let head = head.map(|b| js_sys::Uint8Array::new(&b).to_vec());
        if head.is_some_and(|h| capture::magic(&h)) {
            take(files, lang, dispatch);
        } else {
            script(first);
        }
    });
}

/// The files a drop carries (at most two: the two ends of a connection).
pub fn dropped(e: &web_sys::Event) -> Vec<web_sys::File> {
    let list = e
        .dyn_ref::<web_sys::DragEvent>()
        .and_then(|d| d.data_transfer())
        .and_then(|t| t.files());
    list.map_or_else(Vec::new, |l| {
        (0..l.length().min(2)).filter_map(|i| l.get(i)).collect()
    })
}

/// The header's "Open capture…": a file picker (one file, or one per end).
pub fn open_button(lang: Lang, dispatch: &Callback<Action>) -> Html {
    let d = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
            return;
        };
        let files: Vec<web_sys::File> = input.files().map_or_else(Vec::new, |l| {
            (0..l.length().min(2)).filter_map(|i| l.get(i)).collect()
        });
        // The same file again is a change too.
        input.set_value("");
        take(files, lang, d.clone());
    });
    html! {
        <label class="capture-open" title={lang.text(Key::OpenTitle)}>
            <input type="file" id="capture-file" class="visually-hidden" multiple=true
                accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap" {onchange} />
            <span class="capture-open-btn">{ lang.text(Key::Open) }</span>
        </label>
    }
}

/// A capture shown in another language than the page's is read again in the page's (its
/// banner and notes come written from the second module).
#[hook]
pub fn use_relabel(lang: Lang, shown: Option<Rc<Showing>>, dispatch: Callback<Action>) {
    let key = shown
        .as_ref()
        .map(|s| (P(Rc::clone(s)), s.lang != lang.code()));
    use_effect_with((lang, key), move |(lang, key)| {
        if let Some((s, true)) = key {
            choose(s.files.clone(), s.shown.stream, *lang, true, dispatch);
        }
    });
}

/// The banner over a shown capture: which connection, its end states, whether times are
/// estimated, what was skipped; and the way back.
pub fn banner(
    lang: Lang,
    shown: Option<&Rc<Showing>>,
    dispatch: &Callback<Action>,
    back: Action,
) -> Html {
    let Some(s) = shown.map(|s| &s.shown) else {
        return html! {};
    };
    html! {
        <div class="banner capture-result" role="status" data-stream={s.stream.to_string()}
            data-estimated={s.estimated.map(|e| super::ladder::side_name(Lang::EN, e))}>
            <p>{ s.summary.clone() }</p>
            <button type="button" class="pkt-back capture-back" onclick={send(dispatch, back)}>{ lang.t(T::PktBack) }</button>
        </div>
    }
}
