//! Languages other than English: English readers download none of their texts.
//!
//! No language but English is compiled into the WebAssembly. Each lives in
//! `web/lang/<code>.txt` (format: [`synack_text::pack`]), written from its source
//! `lang/<code>.txt` by `cargo run -p synack-langpack` and copied into the site by Trunk. When
//! a reader picks a language (switcher, `L` key, `?lang=`), [`load`] fetches its pack once,
//! checks it, keeps it, and only then switches; meanwhile the page stays usable, and a failure
//! leaves it as it was with an error message. `index.html` starts the same request before the
//! WebAssembly has loaded when the URL asks for a language, and the first render waits for it
//! ([`before_first_render`]), so that such a first load neither flashes English nor waits for
//! an extra round trip.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use synack_text::fnv1a;
use yew::Callback;

use crate::i18n::Lang;
use crate::state::Action;

// `PACKS`: each language's code and its pack's fingerprint (computed at compile time; the
// files' bytes are not kept), written by `synack-langpack`. The fingerprint is the URL's
// cache buster and is checked on arrival.
include!("packs.rs");

/// The URL of `code`'s pack, relative to the page (Trunk copies `web/lang/` to `dist/lang/`).
pub fn url(code: &str) -> Option<String> {
    let (_, hash) = PACKS.iter().find(|(c, _)| *c == code)?;
    Some(synack_text::pack::url(code, *hash))
}

thread_local! {
    /// The languages fetched so far: each is fetched once and kept for the page's life.
    static LOADED: RefCell<Vec<Lang>> = const { RefCell::new(Vec::new()) };
    /// Their packs' texts, for the second module (exports in that language, `crate::extras`).
    static TEXTS: RefCell<Vec<(&'static str, Rc<str>)>> = const { RefCell::new(Vec::new()) };
}

/// The text of `code`'s pack, once fetched (`None` for English: it has none).
pub fn pack_text(code: &str) -> Option<Rc<str>> {
    TEXTS.with(|t| {
        t.borrow()
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, s)| s.clone())
    })
}

/// `code`'s language if its texts are here: English always, another once fetched.
pub fn ready(code: &str) -> Option<Lang> {
    if code == "en" {
        return Some(Lang::EN);
    }
    LOADED.with(|l| l.borrow().iter().copied().find(|l| l.code() == code))
}

/// Checks that `text` is this build's pack of `code` and has every text each table needs,
/// then keeps it. The error says what is wrong, for the message the reader sees.
pub fn install_text(code: &str, text: &str) -> Result<Lang, String> {
    use synack_text::Texts;
    if PACKS
        .iter()
        .all(|&(c, h)| c != code || fnv1a(text.as_bytes()) != h)
    {
        // The URL's `?v=` only defeats caches: after a deploy the server sends the new pack
        // to a page opened before it, and only a reload brings the matching wasm.
        return Err(
            "not the file this page was built with (the site was probably updated since \
             this page was opened: reload the page)"
                .into(),
        );
    }
    let lang = Lang::load(text).map_err(|e| e.to_string())?;
    let need = [
        (synack_text::About::SECTION, synack_text::About::ALL.len()),
        (
            synack_text::explain::words::W::SECTION,
            synack_text::explain::words::W::ALL.len(),
        ),
        (synack_sim::PACK_SECTION, synack_sim::presets().len()),
        (synack_sim::NAME_SECTION, synack_sim::presets().len()),
        (
            synack_diagram::narrate::Key::SECTION,
            synack_diagram::narrate::Key::ALL.len(),
        ),
        (crate::i18n::T::SECTION, crate::i18n::T::ALL.len()),
        (
            synack_quiz::texts::Key::SECTION,
            synack_quiz::texts::Key::ALL.len(),
        ),
        (crate::capture::Key::SECTION, crate::capture::Key::ALL.len()),
    ];
    let pack = lang.pack().ok_or("no pack")?;
    for (section, n) in need {
        if pack.len(section) != Some(n) {
            return Err(format!("section {section} does not have {n} texts"));
        }
    }
    LOADED.with(|l| l.borrow_mut().push(lang));
    TEXTS.with(|t| t.borrow_mut().push((lang.code(), Rc::from(text))));
    Ok(lang)
}

/// A request for the pack is on the way (from [`load`] or [`before_first_render`]).
static IN_FLIGHT: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The switch waiting for the request on the way, told how it ended.
    static WAITER: RefCell<Option<(&'static str, Callback<Action>)>> = const { RefCell::new(None) };
}

/// The request on the way has ended: the waiting switch, if any, gets its outcome (or, if
/// it waits for another language, that one is fetched now).
fn finish(got: &Result<Lang, String>) {
    IN_FLIGHT.store(false, Ordering::Relaxed);
    let Some((code, dispatch)) = WAITER.with(|w| w.borrow_mut().take()) else {
        return;
    };
    match got {
        Ok(l) if l.code() != code => load(code, dispatch),
        Ok(l) => dispatch.emit(Action::LangLoaded(*l)),
        Err(e) => dispatch.emit(Action::LangFailed(e.clone())),
    }
}

/// Switches to the language `code`, first fetching its texts if they are not here.
/// `dispatch` gets [`Action::SetLang`] at once, or [`Action::LangLoading`], then
/// [`Action::LangLoaded`] or [`Action::LangFailed`].
pub fn load(code: &'static str, dispatch: Callback<Action>) {
    if let Some(lang) = ready(code) {
        dispatch.emit(Action::SetLang(lang));
        return;
    }
    dispatch.emit(Action::LangLoading(code));
    WAITER.with(|w| *w.borrow_mut() = Some((code, dispatch)));
    // One request at a time: the `L` key pressed twice while it is on the way, or the first
    // render's request still on the way after its wait (a slow network) is waited for.
    if IN_FLIGHT.swap(true, Ordering::Relaxed) {
        return;
    }
    fetch_install(code, Box::new(|got| finish(&got)));
}

/// Fetches, checks and keeps `code`'s pack, then calls `done` with the outcome; an error
/// names the URL. (Boxed: one future type for both callers, so its code is in the wasm once.)
fn fetch_install(code: &'static str, done: Box<dyn FnOnce(Result<Lang, String>)>) {
    yew::platform::spawn_local(async move {
        let got = match url(code) {
            Some(url) => fetch_text(&url)
                .await
                .and_then(|t| install_text(code, &t))
                .map_err(|e| format!("{url}: {e}")),
            None => Err(format!("{code}: not a language of this site")),
        };
        done(got);
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

/// How long the first render waits for the texts of a `?lang=` URL before it draws in
/// English (they then follow as after a switch).
const FIRST_WAIT_MS: u32 = 1000;

/// Calls `render` at once, or, when the URL asks for a language whose texts are not here, when
/// they are (index.html has requested them already, so they normally arrive with the wasm)
/// or could not be had, or after [`FIRST_WAIT_MS`]: so a Chinese page does not flash English.
pub fn before_first_render(render: impl FnOnce() + 'static) {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let code = crate::params::parse(&search).lang.unwrap_or("en");
    if ready(code).is_some() {
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
    fetch_install(
        code,
        Box::new(move |got| {
            // Rendered already (the wait ran out): the app's switch waits for this request.
            finish(&got);
            if let Err(e) = &got {
                FIRST_ERROR.with(|slot| *slot.borrow_mut() = Some(e.clone()));
            }
            if let Some(f) = once.take() {
                f();
            }
        }),
    );
}

/// Why the texts the URL asked for could not be had before the first render, once.
pub fn take_first_error() -> Option<String> {
    FIRST_ERROR.with(|slot| slot.borrow_mut().take())
}

/// The committed pack of `code`, kept, for tests that check other languages' texts.
#[cfg(test)]
pub fn lang_for_tests(code: &'static str) -> Lang {
    const ZH: &str = include_str!("../lang/zh.txt");
    ready(code)
        .or_else(|| install_text(code, ZH).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_committed_pack_is_accepted_and_a_damaged_one_is_refused() {
        let good = include_str!("../lang/zh.txt");
        let damaged = good.replacen("@web", "@wbe", 1);
        assert_eq!(
            install_text("zh", &damaged),
            Err(
                "not the file this page was built with (the site was probably updated since \
                 this page was opened: reload the page)"
                    .into()
            )
        );
        assert!(install_text("zh", "").is_err());
        assert!(install_text("xx", good).is_err());
        assert!(url("zh").is_some_and(|u| u.starts_with("lang/zh.txt?v=")));
        let zh = lang_for_tests("zh");
        assert_eq!(ready("zh"), Some(zh));
        assert_eq!(crate::i18n::Words::t(zh, crate::i18n::T::Play), "播放");
    }
}
