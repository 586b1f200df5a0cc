//! The data-phase views above the ladder: the window chart and the time-sequence graph.
//!
//! Their layout is not in this module: the second module (web/extras, fetched on first use)
//! draws each as SVG text from crates/diagram's geometry, once per trace, view and language.
//! This component inserts that text and ties it to the playhead without redrawing it: the
//! playhead moves the clip rectangle `.vw-reveal` (which hides every mark later than it) and
//! the cursor line, two attributes per frame; a selection made anywhere adds `sel` to its
//! bar. A click on a mark (event delegation) selects its segment (`data-id`) or moves the
//! playhead to its instant (`data-t`), so the ladder, the inspector and the narration follow.

use synack_sim::Trace;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use super::send;
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::{Action, DataView};

/// The "Views" control: the ladder alone, or with the window chart or the time-sequence
/// graph above it.
pub fn views_control(lang: Lang, view: DataView, dispatch: &Callback<Action>) -> Html {
    let name = |v: DataView| match v {
        DataView::Ladder => T::ViewLadder,
        DataView::Chart => T::ViewChart,
        DataView::Tsg => T::ViewTsg,
    };
    html! {
        <div class="views" role="group" aria-label={lang.t(T::Views)}>
            <span class="views-label" aria-hidden="true">{ lang.t(T::Views) }</span>
            { for DataView::ALL.iter().map(|&v| html! {
                <button type="button" class="view-btn" data-view={v.code()}
                    aria-pressed={if v == view { "true" } else { "false" }}
                    onclick={send(dispatch, Action::SetView(v))}>{ lang.t(name(v)) }</button>
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ViewProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub view: DataView,
    pub playhead: u64,
    pub selection: Option<u32>,
    /// Presenter mode: the drawing is laid out [`PRESENT_SCALE`] times narrower and shown
    /// scaled up to the panel's width (style.css), so that its words read from the back of
    /// a classroom like the ladder's.
    pub present: bool,
    pub dispatch: Callback<Action>,
}

/// How much larger the views' words and marks are drawn in presenter mode (the ladder's
/// labels grow from 13 to about 24 px there).
pub const PRESENT_SCALE: f32 = 1.8;

/// What the page keeps of an inserted drawing to move it with the playhead.
struct Drawn {
    reveal: Element,
    cursor: Element,
    /// The time scale from the root: µs `t0..t1` ↦ x `x0..x1`.
    t: (f64, f64),
    x: (f64, f64),
    selected: Option<Element>,
}

/// A number of the drawing's root: an integer, or one with one decimal (`viewsvg` writes
/// no other), read without the float parser (it would add kilobytes to the first load).
fn num(e: &Element, name: &str) -> Option<f64> {
    let v = e.get_attribute(name)?;
    let (int, tenth) = v.split_once('.').unwrap_or((&v, "0"));
    let (neg, int) = match int.strip_prefix('-') {
        Some(i) => (true, i),
        None => (false, int),
    };
    let x = int.parse::<u64>().ok()? as f64 + f64::from(tenth.parse::<u8>().ok()?) / 10.0;
    Some(if neg { -x } else { x })
}

impl Drawn {
    fn find(host: &Element) -> Option<Drawn> {
        let svg = host.query_selector("svg.vw").ok()??;
        Some(Drawn {
            reveal: svg.query_selector(".vw-reveal").ok()??,
            cursor: svg.query_selector(".vw-cursor").ok()??,
            t: (num(&svg, "data-t0")?, num(&svg, "data-t1")?),
            x: (num(&svg, "data-x0")?, num(&svg, "data-x1")?),
            selected: None,
        })
    }

    /// Reveals what happened up to `t` and puts the cursor there.
    fn at(&self, t: u64) {
        let (t0, t1) = self.t;
        let (x0, x1) = self.x;
        let f = if t1 > t0 {
            ((t as f64).clamp(t0, t1) - t0) / (t1 - t0)
        } else {
            1.0
        };
        let x = x0 + f * (x1 - x0);
        // Half a bar's stroke past the line: a mark at the playhead's instant shows.
        let _ = self
            .reveal
            .set_attribute("width", &crate::fmt::fixed1(x + 1.5));
        let at = crate::fmt::fixed1(x);
        let _ = self.cursor.set_attribute("x1", &at);
        let _ = self.cursor.set_attribute("x2", &at);
    }

    /// Marks the bar of segment `id` as selected.
    fn select(&mut self, host: &Element, id: Option<u32>) {
        if let Some(old) = self.selected.take() {
            if let Some(c) = old.get_attribute("class") {
                let _ = old.set_attribute("class", c.trim_end_matches(" sel"));
            }
        }
        let Some(id) = id else { return };
        let found = host
            .query_selector(&format!(".bar[data-id=\"{id}\"]"))
            .ok()
            .flatten();
        if let Some(el) = found {
            let c = el.get_attribute("class").unwrap_or_default();
            let _ = el.set_attribute("class", &format!("{c} sel"));
            self.selected = Some(el);
        }
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// The action for a click or a key on `target`: select the segment of the nearest mark
/// with `data-id`, or go to the instant of the nearest with `data-t`.
fn action_for(target: Option<web_sys::EventTarget>) -> Option<Action> {
    let el: Element = target?.dyn_into().ok()?;
    if let Some(m) = el.closest("[data-id]").ok().flatten() {
        let id = m.get_attribute("data-id")?.parse().ok()?;
        return Some(Action::Select(Some(id)));
    }
    let m = el.closest("[data-t]").ok().flatten()?;
    Some(Action::Seek(m.get_attribute("data-t")?.parse().ok()?))
}

#[function_component]
pub fn ViewPanel(p: &ViewProps) -> Html {
    let lang = p.lang;
    let host = use_node_ref();
    let status = use_state(|| Status::Loading);
    let drawn = use_mut_ref(|| None::<Drawn>);
    // The playhead and selection of the latest render, for a drawing that arrives later.
    let now = use_mut_ref(|| (0u64, None::<u32>));
    *now.borrow_mut() = (p.playhead, p.selection);
    // A drawing asked for before the latest one is dropped when it arrives.
    let asked = use_mut_ref(|| 0u32);
    {
        let (host, status, drawn, now) = (host.clone(), status.clone(), drawn.clone(), now);
        use_effect_with(
            (p.trace.clone(), p.view, p.lang, p.present),
            move |(trace, view, lang, present)| {
                let (trace, view, lang) = (trace.clone(), *view, *lang);
                let scale = if *present { PRESENT_SCALE } else { 1.0 };
                let n = {
                    let mut a = asked.borrow_mut();
                    *a = a.wrapping_add(1);
                    *a
                };
                status.set(Status::Loading);
                *drawn.borrow_mut() = None;
                if let Some(el) = host.cast::<Element>() {
                    el.set_inner_html("");
                }
                wasm_bindgen_futures::spawn_local(async move {
                    let width = (host.cast::<HtmlElement>().map_or(760, |e| e.client_width())
                        as f32
                        / scale)
                        .clamp(300.0, 1400.0);
                    let pack = crate::langpack::pack_text(lang.code()).unwrap_or_default();
                    let r = view_svg(&trace, view.code(), &pack, width).await;
                    if *asked.borrow() != n {
                        return;
                    }
                    match (r, host.cast::<Element>()) {
                        (Ok(svg), Some(el)) => {
                            el.set_inner_html(&svg);
                            let mut d = Drawn::find(&el);
                            let (t, sel) = *now.borrow();
                            if let Some(d) = d.as_mut() {
                                d.at(t);
                                d.select(&el, sel);
                            }
                            *drawn.borrow_mut() = d;
                            status.set(Status::Ready);
                        }
                        (Err(e), _) => status.set(Status::Failed(e)),
                        (Ok(_), None) => {}
                    }
                });
            },
        );
    }
    {
        let (drawn, host) = (drawn.clone(), host.clone());
        use_effect_with((p.playhead, p.selection), move |&(t, sel)| {
            if let (Some(d), Some(el)) = (drawn.borrow_mut().as_mut(), host.cast::<Element>()) {
                d.at(t);
                d.select(&el, sel);
            }
        });
    }
    let onclick = {
        let d = p.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(a) = action_for(e.target()) {
                d.emit(a);
            }
        })
    };
    let onkeydown = {
        let d = p.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if matches!(e.key().as_str(), "Enter" | " ") {
                if let Some(a) = action_for(e.target()) {
                    // The page's own keys (Space plays) must not see it.
                    e.prevent_default();
                    e.stop_propagation();
                    d.emit(a);
                }
            }
        })
    };
    let note = match &*status {
        Status::Loading => {
            Some(html! { <p class="view-status" role="status">{ lang.t(T::ViewLoading) }</p> })
        }
        Status::Failed(e) => Some(html! {
            <p class="view-status error" role="alert">{ lang.f(T::ViewFailed, &[("error", e)]) }</p>
        }),
        Status::Ready => None,
    };
    html! {
        <figure class="data-view" data-view={p.view.code()} data-ready={(*status == Status::Ready).then_some("1")}>
            { for note }
            <div class="view-host" ref={host} {onclick} {onkeydown}></div>
            <figcaption class="view-hint">{ lang.t(T::ViewHint) }</figcaption>
        </figure>
    }
}

/// The view `which` of `trace` as SVG text from the second module, `width` wide, in the
/// language of `pack`.
async fn view_svg(trace: &Trace, which: &str, pack: &str, width: f32) -> Result<String, String> {
    let t = js_sys::Uint8Array::from(trace.to_bin().as_slice());
    let v = crate::extras::call(
        "view_svg",
        &[
            t.into(),
            which.into(),
            "auto".into(),
            pack.into(),
            width.into(),
        ],
    )
    .await?;
    v.as_string()
        .ok_or_else(|| "the second module gave no drawing".to_string())
}
