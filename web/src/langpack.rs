//! The Chinese language pack: English readers do not download the Chinese texts.
//!
//! The site is built without the cargo feature `zh`, so no Chinese is compiled into the
//! WebAssembly. The Chinese texts of every crate live in `web/lang/zh.txt` instead (format:
//! [`synack_text::pack`]), written from the Rust tables by `cargo run -p synack-langpack` and
//! copied into the site by Trunk. When a reader picks Chinese (switcher, `L` key, `?lang=zh`),
//! [`load`] fetches it once, checks it, installs it and only then switches; meanwhile the
//! page stays usable in English, and a failure leaves it in English with an error message.
//! `index.html` starts the same request before the WebAssembly has loaded when the URL
//! asks for Chinese, and the first render waits for it ([`before_first_render`]), so that a
//! Chinese first load neither flashes English nor waits for an extra round trip.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use synack_text::fnv1a;
use synack_text::pack::{self, Pack};
use yew::Callback;

use crate::i18n::Lang;
use crate::state::Action;

/// The fingerprint of the pack this build was made with (computed at compile time; the
/// file's bytes are not kept). It is the URL's cache buster and is checked on arrival.
pub const PACK_HASH: u64 = fnv1a(include_bytes!("../lang/zh.txt"));

/// The pack's URL, relative to the page (Trunk copies `web/lang/` to `dist/lang/`).
pub fn url() -> String {
    url_for(PACK_HASH)
}

/// The URL of the pack whose fingerprint is `hash` (also what `synack-langpack` writes into
/// index.html's early request, which must be the very same URL to be reused).
pub fn url_for(hash: u64) -> String {
    format!("lang/zh.txt?v={hash:016x}")
}

/// Whether `lang`'s texts are here: English always; Chinese when compiled in or installed.
pub fn ready(lang: Lang) -> bool {
    lang == Lang::En || cfg!(feature = "zh") || pack::is_installed()
}

/// Checks that `text` is this build's pack and has every text each table needs, then
/// installs it. The error says what is wrong, for the message the reader sees.
pub fn install_text(text: &str) -> Result<(), String> {
    if fnv1a(text.as_bytes()) != PACK_HASH {
        // The URL's `?v=` only defeats caches: after a deploy the server sends the new pack
        // to a page opened before it, and only a reload brings the matching wasm.
        return Err(
            "not the file this page was built with (the site was probably updated since \
             this page was opened: reload the page)"
                .into(),
        );
    }
    let p = Pack::parse(text).map_err(|e| e.to_string())?;
    let need = [
        (
            synack_text::explain::words::PACK_SECTION,
            synack_text::explain::words::W::ALL.len(),
        ),
        (synack_sim::PACK_SECTION, synack_sim::presets().len()),
        (
            synack_diagram::narrate::PACK_SECTION,
            synack_diagram::narrate::Key::ALL.len(),
        ),
        (crate::i18n::PACK_SECTION, crate::i18n::T::ALL.len()),
    ];
    for (section, n) in need {
        if p.len(section) != Some(n) {
            return Err(format!("section {section} does not have {n} texts"));
        }
    }
    pack::install(p);
    Ok(())
}

/// A request for the pack is on the way (from [`load`] or [`before_first_render`]).
static IN_FLIGHT: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The switch waiting for the request on the way, told how it ended.
    static WAITER: RefCell<Option<(Lang, Callback<Action>)>> = const { RefCell::new(None) };
}

/// The request on the way has ended: the waiting switch, if any, gets its outcome.
fn finish(got: &Result<(), String>) {
    IN_FLIGHT.store(false, Ordering::Relaxed);
    if let Some((lang, dispatch)) = WAITER.with(|w| w.borrow_mut().take()) {
        dispatch.emit(match got {
            Ok(()) => Action::LangLoaded(lang),
            Err(e) => Action::LangFailed(e.clone()),
        });
    }
}

/// Switches to `lang`, first fetching its texts if they are not here. `dispatch` gets
/// [`Action::LangLoading`], then [`Action::LangLoaded`] or [`Action::LangFailed`].
pub fn load(lang: Lang, dispatch: Callback<Action>) {
    if ready(lang) {
        dispatch.emit(Action::SetLang(lang));
        return;
    }
    dispatch.emit(Action::LangLoading(lang));
    WAITER.with(|w| *w.borrow_mut() = Some((lang, dispatch)));
    // One request at a time: the `L` key pressed twice while it is on the way, or the first
    // render's request still on the way after its wait (a slow network) is waited for.
    if IN_FLIGHT.swap(true, Ordering::Relaxed) {
        return;
    }
    fetch_install(Box::new(|got| finish(&got)));
}

/// Fetches, checks and installs the pack, then calls `done` with the outcome; an error names
/// the URL. (Boxed: one future type for both callers, so its code is in the wasm once.)
fn fetch_install(done: Box<dyn FnOnce(Result<(), String>)>) {
    yew::platform::spawn_local(async move {
        let url = url();
        let got = fetch_text(&url).await.and_then(|t| install_text(&t));
        done(got.map_err(|e| format!("{url}: {e}")));
    });
}

async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let why = |e: wasm_bindgen::JsValue| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "network error".into())
    };
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "not a response")?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(why)?)
        .await
        .map_err(why)?;
    text.as_string().ok_or_else(|| "not text".into())
}

thread_local! {
    /// Why the fetch before the first render failed, for the first state to show.
    static FIRST_ERROR: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// How long the first render waits for the Chinese texts of a `?lang=zh` URL before it
/// draws in English (they then follow as after a switch).
const FIRST_WAIT_MS: u32 = 1000;

/// Calls `render` at once, or, when the URL asks for a language whose texts are not here, when
/// they are (index.html has requested them already, so they normally arrive with the wasm)
/// or could not be had, or after [`FIRST_WAIT_MS`]: so a Chinese page does not flash English.
pub fn before_first_render(render: impl FnOnce() + 'static) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let lang = crate::params::parse(&search).lang.unwrap_or(Lang::En);
    if ready(lang) {
        render();
        return;
    }
    type Render = Box<dyn FnOnce()>;
    let once: Rc<Cell<Option<Render>>> = Rc::new(Cell::new(Some(Box::new(render))));
    let late = Rc::clone(&once);
    gloo_timers::callback::Timeout::new(FIRST_WAIT_MS, move || {
        if let Some(f) = late.take() {
            f();
        }
    })
    .forget();
    IN_FLIGHT.store(true, Ordering::Relaxed);
    fetch_install(Box::new(move |got| {
        // Rendered already (the wait ran out): the app's switch waits for this request.
        finish(&got);
        if let Err(e) = got {
            FIRST_ERROR.with(|slot| *slot.borrow_mut() = Some(e));
        }
        if let Some(f) = once.take() {
            f();
        }
    }));
}

/// Why the texts the URL asked for could not be had before the first render, once.
pub fn take_first_error() -> Option<String> {
    FIRST_ERROR.with(|slot| slot.borrow_mut().take())
}

/// Installs the committed pack, for tests that check Chinese texts in a build without `zh`.
#[cfg(test)]
pub fn install_for_tests() {
    if !cfg!(feature = "zh") && !pack::is_installed() {
        let _ = install_text(include_str!("../lang/zh.txt"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_committed_pack_is_accepted_and_a_damaged_one_is_refused() {
        let good = include_str!("../lang/zh.txt");
        assert_eq!(fnv1a(good.as_bytes()), PACK_HASH);
        let damaged = good.replacen("@web", "@wbe", 1);
        assert_eq!(
            install_text(&damaged),
            Err(
                "not the file this page was built with (the site was probably updated since \
                 this page was opened: reload the page)"
                    .into()
            )
        );
        assert!(install_text("").is_err());
        assert!(url().starts_with("lang/zh.txt?v="), "{}", url());
        install_for_tests();
        assert!(ready(Lang::Zh));
        assert_eq!(
            crate::i18n::Words::t(Lang::Zh, crate::i18n::T::Play),
            "播放"
        );
    }
}
