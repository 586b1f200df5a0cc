//! # synack-web: the synack web app
//!
//! Draws what `synack-sim` computed, never scripting the protocol: a ladder diagram, the
//! RFC 9293 state diagram of each side, a header inspector, both TCBs and a narration, all
//! tied to one playhead. See docs/WEB.md.
//!
//! - [`engine`]: settings → trace (runs the simulator).
//! - [`layout`]: trace (+ playhead) → plain geometry and words; pure, tested natively.
//! - [`state`]: the app state and its reducer; the browser clock only moves the playhead.
//! - [`view`]: thin Yew components that copy layout numbers into SVG and HTML.
//! - [`i18n`]: every UI string, in English and Simplified Chinese.
//! - [`langpack`]: fetches the Chinese texts only when a reader picks Chinese.
//! - [`params`]: the URL (everything that defines the picture) in and out.
//! - [`embed`], [`export`], [`present`], [`theme`]: embed mode's messages (docs/EMBED.md),
//!   downloads, the Fullscreen API and colour themes.
//!
//! No panics: nothing here unwraps; a failed simulation shows a message and keeps the last
//! good picture. Nothing from the URL or the user is ever inserted as HTML.

pub mod capture;
pub mod clock;
pub mod download;
pub mod embed;
pub mod engine;
pub mod export;
pub mod extras;
pub mod fmt;
pub mod i18n;
pub mod langpack;
pub mod layout;
pub mod listen;
pub mod params;
pub mod pkt;
pub mod present;
pub mod ptr;
pub mod quiz;
pub mod state;
pub mod theme;
pub mod view;

pub use view::app::App;

/// Mounts the app on `<body>`; for a `?lang=zh` URL, once the Chinese texts are here
/// (see [`langpack::before_first_render`]).
pub fn start() {
    langpack::before_first_render(|| {
        yew::Renderer::<App>::new().render();
        // index.html's "Loading…" line (it turns into an error if the module fails to start).
        if let Some(boot) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("boot"))
        {
            boot.remove();
        }
    });
}
