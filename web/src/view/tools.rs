//! The share / embed / export / present / theme tools, and the Share and Embed dialogs.
//! Nothing from the URL is inserted as HTML: the links and snippets are text in read-only
//! fields (Yew escapes them), and the snippets escape what they quote as HTML.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::help::help_body;
use super::send;
use crate::export::{export, Format};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::{Action, Dialog};
use crate::theme::Theme;
use synack_diagram::Ladder;
use synack_sim::{Side, Trace};

pub struct ToolsProps {
    pub lang: Lang,
    pub theme: Theme,
    pub presenting: bool,
    pub ladder: P<Ladder>,
    pub trace: P<Trace>,
    pub dispatch: Callback<Action>,
}

fn theme_label(t: Theme) -> T {
    match t {
        Theme::System => T::ThemeSystem,
        Theme::Light => T::ThemeLight,
        Theme::Dark => T::ThemeDark,
        Theme::Projector => T::ThemeProjector,
    }
}

/// A format's `data-export` code: its file suffix without the leading `.` or `-`.
fn code(f: Format) -> &'static str {
    f.suffix().trim_start_matches(['.', '-'])
}

fn format_label(f: Format) -> T {
    match f {
        Format::Svg => T::ExportSvg,
        Format::AnimatedSvg => T::ExportAnimatedSvg,
        Format::Png => T::ExportPng,
        Format::PcapClient => T::ExportPcapClient,
        Format::PcapServer => T::ExportPcapServer,
        Format::Mermaid => T::ExportMermaid,
        Format::Json => T::ExportJson,
        Format::PktClient => T::ExportPktClient,
        Format::PktServer => T::ExportPktServer,
    }
}

/// The theme picker (also used in presenter mode).
pub fn theme_select(lang: Lang, theme: Theme, dispatch: &Callback<Action>) -> Html {
    let d = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = super::select_value(&e).unwrap_or_default();
        if let Some(t) = Theme::parse(&v) {
            d.emit(Action::SetTheme(t));
        }
    });
    html! {
        <label class="theme">
            <span>{ lang.t(T::Theme) }</span>
            <select id="theme-select" {onchange}>
                { for Theme::ALL.iter().map(|t| html! {
                    <option value={t.code()} selected={*t == theme}>{ lang.t(theme_label(*t)) }</option>
                }) }
            </select>
        </label>
    }
}

/// Not a component (one less in the wasm): it has no state, and its one export callback is
/// delegated from the menu, so a re-render of the app costs it a few small allocations.
pub fn tools(p: &ToolsProps) -> Html {
    let lang = p.lang;
    let open = |d: Dialog| send(&p.dispatch, Action::OpenDialog(d));
    let exports = Format::ALL.iter().map(|&f| {
        // A packetdrill script describes Linux: not a side running another profile.
        let host = |s| if s == Side::Client { &p.trace.client } else { &p.trace.server };
        let off = f.script_side().is_some_and(|s| host(s).profile != "linux");
        html! {
            <li><button type="button" data-export={code(f)} disabled={off}
                title={off.then(|| lang.t(T::ExportPktNeedsLinux))}>{ lang.t(format_label(f)) }</button></li>
        }
    });
    // One callback for the whole menu: the button clicked says which format.
    let export_click = {
        let (ladder, trace, d) = (p.ladder.clone(), p.trace.clone(), p.dispatch.clone());
        // The animated SVG in the page's colours (the projector's are the light ones).
        let theme = match p.theme {
            Theme::System => synack_diagram::Theme::Auto,
            Theme::Light | Theme::Projector => synack_diagram::Theme::Light,
            Theme::Dark => synack_diagram::Theme::Dark,
        };
        Callback::from(move |e: MouseEvent| {
            let Some(button) = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("button[data-export]").ok().flatten())
            else {
                return;
            };
            let v = button.get_attribute("data-export").unwrap_or_default();
            if let Some(&f) = Format::ALL.iter().find(|&&f| code(f) == v) {
                let fail = {
                    let d = d.clone();
                    Callback::from(move |e: String| d.emit(Action::Fail(e)))
                };
                export(f, &ladder, trace.0.clone(), theme, fail);
            }
            if let Some(menu) = button.closest("details").ok().flatten() {
                let _ = menu.remove_attribute("open");
            }
        })
    };
    // Esc closes the export menu (and returns focus to its summary).
    let menu_keys = Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Escape" {
            return;
        }
        // The event's target, not its current target: Yew delegates events from the root.
        if let Some(el) = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|t| t.closest("details").ok().flatten())
        {
            if el.has_attribute("open") {
                e.stop_propagation();
                let _ = el.remove_attribute("open");
                if let Some(s) = el
                    .query_selector("summary")
                    .ok()
                    .flatten()
                    .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = s.focus();
                }
            }
        }
    });
    let present = send(&p.dispatch, Action::Present(!p.presenting));
    html! {
        <div class="tools">
            <button type="button" class="share-btn" onclick={open(Dialog::Share)}>
                { lang.t(T::Share) }
            </button>
            <button type="button" class="embed-btn" onclick={open(Dialog::Embed)}>
                <span aria-hidden="true">{ "</> " }</span>{ lang.t(T::EmbedCode) }
            </button>
            <details class="export" onkeydown={menu_keys}>
                <summary><span aria-hidden="true">{ "⤓ " }</span>{ lang.t(T::Export) }</summary>
                <ul class="menu" onclick={export_click}>{ for exports }</ul>
            </details>
            <button type="button" class="present-btn" aria-keyshortcuts="p" aria-pressed={if p.presenting { "true" } else { "false" }} onclick={present}>
                { lang.t(if p.presenting { T::ExitPresent } else { T::Present }) }
            </button>
            { theme_select(lang, p.theme, &p.dispatch) }
        </div>
    }
}

/// Escapes text for an HTML attribute or element: the SVG writer's escaper (`& < > " '`,
/// and characters XML does not allow are dropped), one copy for both.
pub fn escape_html(s: &str) -> String {
    synack_diagram::svg::esc(s)
}

/// The app's own address without query: `origin + pathname`.
pub fn app_url() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// `embed/FILE` beside the app's page.
fn embed_url(app: &str, file: &str) -> String {
    let dir = app.rfind('/').map_or(app, |i| app.get(..=i).unwrap_or(app));
    format!("{dir}embed/{file}")
}

/// `embed/synack.js` beside the app's page.
pub fn script_url(app: &str) -> String {
    embed_url(app, "synack.js")
}

/// The iframe snippet (docs/EMBED.md, "A plain iframe": it opens on the poster page,
/// `embed/frame.html`, which becomes the app on Play) and the element alternative.
pub fn snippets(
    app: &str,
    embed_query: &str,
    preset: &str,
    lang: Lang,
    title: &str,
) -> (String, String) {
    let script = format!(
        "<script src=\"{}\" defer></script>",
        escape_html(&script_url(app))
    );
    let iframe = format!(
        "<iframe data-synack src=\"{}\"\n  title=\"{}\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin\"\n  style=\"display:block;width:100%;height:560px;border:0\"></iframe>\n{script}",
        escape_html(&format!("{}{embed_query}", embed_url(app, "frame.html"))),
        escape_html(title),
    );
    // The element takes preset and lang as attributes; other settings ride in `src`'s query.
    let rest: Vec<&str> = embed_query
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| {
            let k = kv.split('=').next().unwrap_or("");
            !matches!(k, "embed" | "preset" | "lang" | "embedId")
        })
        .collect();
    let src = if rest.is_empty() {
        String::new()
    } else {
        format!(
            " src=\"{}\"",
            escape_html(&format!("{app}?{}", rest.join("&")))
        )
    };
    let lang_attr = if lang.is_en() {
        String::new()
    } else {
        format!(" lang=\"{}\"", lang.code())
    };
    // The fallback link (no script) opens the same view, in the same language.
    let mut fallback = format!("{app}?preset={preset}");
    if !lang.is_en() {
        fallback.push_str("&lang=");
        fallback.push_str(lang.code());
    }
    for kv in &rest {
        if !kv.is_empty() {
            fallback.push('&');
            fallback.push_str(kv);
        }
    }
    let element = format!(
        // min-height: the poster's box (the element's default height) from the first paint,
        // before the script replaces the link: no layout shift (docs/EMBED.md).
        "{script}\n<synack-diagram preset=\"{}\"{lang_attr}{src} label=\"{}\" style=\"display:block;min-height:480px\">\n  <a href=\"{}\">{}</a>\n</synack-diagram>",
        escape_html(preset),
        escape_html(title),
        escape_html(&fallback),
        escape_html(title),
    );
    (iframe, element)
}

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub lang: Lang,
    pub dialog: Dialog,
    /// The query of "link to this view".
    pub query: String,
    /// The query of the embed view.
    pub embed_query: String,
    pub preset: String,
    /// The keyboard help instead (`help::help_body`): the same modal overlay, one component.
    #[prop_or_default]
    pub help: bool,
    pub dispatch: Callback<Action>,
}

/// Copies `text` with the Clipboard API; `done(true)` on success, `done(false)` if refused or
/// unavailable.
fn copy_text(text: String, done: Callback<bool>) {
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null())
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok());
    let Some(c) = clipboard else {
        done.emit(false);
        return;
    };
    let promise = c.write_text(&text);
    yew::platform::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(ok);
    });
}

/// Selects the text of a read-only field, so Ctrl+C copies it.
fn select(node: &NodeRef) {
    if let Some(i) = node.cast::<web_sys::HtmlInputElement>() {
        i.select();
    } else if let Some(t) = node.cast::<web_sys::HtmlTextAreaElement>() {
        t.select();
    }
}

/// The Share or Embed dialog (modal): a link or snippets in read-only fields, copied to the
/// clipboard where the browser allows it, else left selected for Ctrl+C.
#[function_component]
pub fn ShareDialog(p: &DialogProps) -> Html {
    let lang = p.lang;
    let app = app_url();
    let link = format!("{app}{}", p.query);
    let scenario = synack_sim::presets()
        .iter()
        .find(|x| x.name == p.preset)
        .map_or(p.preset.as_str(), |x| x.title_in(lang));
    let title = lang.f(T::EmbedFrameTitle, &[("scenario", scenario)]);
    let (iframe, element) = snippets(&app, &p.embed_query, &p.preset, lang, &title);
    // None: not tried yet; Some(ok) for the last copy.
    let copied = use_state(|| None::<bool>);
    let first = use_node_ref();
    let second = use_node_ref();
    let close_ref = use_node_ref();
    {
        let (first, copied, link, dialog) = (first.clone(), copied.clone(), link.clone(), p.dialog);
        let (help, close_ref) = (p.help, close_ref.clone());
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            // The help focuses its close button; the share and embed dialogs their first field.
            let target = if help { &close_ref } else { &first };
            if !help {
                select(target);
            }
            if let Some(el) = target.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if dialog == Dialog::Share && !help {
                copy_text(link, Callback::from(move |ok| copied.set(Some(ok))));
            }
            move || {
                if let Some(el) = previous.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        });
    }
    let close = send(
        &p.dispatch,
        if p.help {
            Action::ShowHelp(false)
        } else {
            Action::OpenDialog(Dialog::None)
        },
    );
    let copy_button = |text: String, node: NodeRef| {
        let copied = copied.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            select(&node);
            let copied = copied.clone();
            copy_text(text.clone(), Callback::from(move |ok| copied.set(Some(ok))));
        });
        html! { <button type="button" class="copy" {onclick}>{ lang.t(T::Copy) }</button> }
    };
    let status = match *copied {
        Some(true) => {
            html! { <p class="copy-status ok" role="status">{ "✓ " }{ lang.t(T::ShareCopied) }</p> }
        }
        Some(false) => {
            html! { <p class="copy-status fallback" role="status">{ lang.t(T::ShareCopyFallback) }</p> }
        }
        None => html! { <p class="copy-status" role="status"></p> },
    };
    let body = if p.help {
        help_body(lang)
    } else if p.dialog == Dialog::Share {
        html! {
            <>
            <h2 id="tools-h">{ lang.t(T::ShareTitle) }</h2>
            <p class="desc">{ lang.t(T::ShareIntro) }</p>
            <label class="field">
                <span>{ lang.t(T::ShareLinkLabel) }</span>
                <input id="share-link" type="text" readonly=true value={link.clone()} ref={first.clone()} />
            </label>
            { copy_button(link, first.clone()) }
            { status }
            <super::quiz_share::QuizLink {lang} query={p.query.clone()} embed_query={p.embed_query.clone()} preset={p.preset.clone()} />
            </>
        }
    } else {
        html! {
            <>
            <h2 id="tools-h">{ lang.t(T::EmbedTitle) }</h2>
            <p class="desc">{ lang.t(T::EmbedIntro) }</p>
            <label class="field">
                <span>{ lang.t(T::EmbedIframe) }</span>
                <textarea id="embed-iframe" readonly=true rows="6" value={iframe.clone()} ref={first.clone()} />
            </label>
            { copy_button(iframe, first.clone()) }
            <label class="field">
                <span>{ lang.t(T::EmbedElement) }</span>
                <textarea id="embed-element" readonly=true rows="5" value={element.clone()} ref={second.clone()} />
            </label>
            { copy_button(element, second.clone()) }
            { status }
            </>
        }
    };
    // Modal: Tab and Shift+Tab cycle inside the dialog.
    let dialog_ref = use_node_ref();
    let onkeydown = trap_tab(dialog_ref.clone());
    html! {
        <div class="overlay">
            <div class="backdrop" onclick={close.clone()}></div>
            <div class={if p.help { "dialog" } else { "dialog tools-dialog" }} role="dialog" aria-modal="true"
                aria-labelledby={if p.help { "help-h" } else { "tools-h" }} ref={dialog_ref}
                onkeydown={(!p.help).then_some(onkeydown)}>
                { body }
                <button type="button" class="close-help" ref={close_ref} onclick={close}>{ lang.t(T::Close) }</button>
            </div>
        </div>
    }
}

/// Keeps Tab and Shift+Tab inside the modal dialog `dialog_ref` (the share, embed and
/// packetdrill dialogs).
pub fn trap_tab(dialog_ref: NodeRef) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() != "Tab" {
            return;
        }
        let Some(d) = dialog_ref.cast::<web_sys::Element>() else {
            return;
        };
        let Ok(list) = d.query_selector_all("button:not(:disabled), input, textarea") else {
            return;
        };
        let n = list.length();
        let (Some(first), Some(last)) = (list.get(0), n.checked_sub(1).and_then(|i| list.get(i)))
        else {
            return;
        };
        let active: Option<web_sys::Node> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|doc| doc.active_element())
            .map(Into::into);
        let at = |node: &web_sys::Node| active.as_ref().is_some_and(|a| a.is_same_node(Some(node)));
        let target = if e.shift_key() && at(&first) {
            Some(last)
        } else if !e.shift_key() && at(&last) {
            Some(first)
        } else {
            None
        };
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            e.prevent_default();
            let _ = el.focus();
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn snippets_escape_html_and_point_beside_the_app() {
        let (iframe, element) = snippets(
            "https://example.org/synack/index.html",
            "?embed&preset=syn-lost&seed=3&embedId=syn-lost",
            "syn-lost",
            Lang::EN,
            "synack: \"x\" <y>",
        );
        assert!(iframe.contains(
            "src=\"https://example.org/synack/embed/frame.html?embed&amp;preset=syn-lost&amp;seed=3&amp;embedId=syn-lost\""
        ));
        assert!(iframe.contains("title=\"synack: &quot;x&quot; &lt;y&gt;\""));
        assert!(iframe.contains(
            "<script src=\"https://example.org/synack/embed/synack.js\" defer></script>"
        ));
        assert!(element.contains("<synack-diagram preset=\"syn-lost\" src=\"https://example.org/synack/index.html?seed=3\""));
        assert!(element.contains("style=\"display:block;min-height:480px\""));
        assert!(!element.contains("<y>"));
        // The fallback link (no script) opens the same view.
        assert!(element.contains(
            "<a href=\"https://example.org/synack/index.html?preset=syn-lost&amp;seed=3\">"
        ));
    }

    #[test]
    fn the_fallback_link_keeps_the_language() {
        let zh = Lang::load(include_str!("../../lang/zh.txt")).unwrap();
        let (_, element) = snippets(
            "https://example.org/synack/",
            "?embed&preset=syn-lost&lang=zh",
            "syn-lost",
            zh,
            "synack",
        );
        assert!(element.contains(" lang=\"zh\""), "{element}");
        assert!(
            element
                .contains("<a href=\"https://example.org/synack/?preset=syn-lost&amp;lang=zh\">"),
            "{element}"
        );
    }
}
