//! Opening a packetdrill script (a file dropped anywhere on the page; the dialog in
//! [`super::pkt_dialog`] opens and pastes), the banner that says how its run ended, and the
//! mismatch drawn on the ladder: the segment the script expected as a dashed ghost beside
//! what the engine sent, and a ✕ on the engine's lane at the failing line's time. Each line's
//! result is listed in [`super::pkt_lines`]. See [`crate::pkt`].

use std::rc::Rc;

use synack_diagram::Ladder;
use synack_sim::Side;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::ladder::{f, side_name};
use super::send;
use crate::i18n::{Lang, Words, T};
use crate::pkt::{self, Say, Script};
use crate::ptr::P;
use crate::state::{Action, Dialog};

/// Runs `text` (named `name`) in the second module ([`crate::extras`], fetched on first
/// use); `done` gets the action that shows it, or why it cannot be shown (what and where).
pub fn run(name: String, text: String, lang: Lang, done: Callback<Result<Action, String>>) {
    wasm_bindgen_futures::spawn_local(async move {
        done.emit(match crate::extras::pkt_open(&name, &text).await {
            Ok(Ok(opened)) => Ok(Action::OpenScript(P(Rc::new(opened)))),
            Ok(Err(e)) => Err(e.text(lang, &name)),
            Err(e) => Err(e),
        });
    });
}

/// Reads `file` and runs it, as [`run`].
pub fn run_file(file: web_sys::File, lang: Lang, done: Callback<Result<Action, String>>) {
    let name = file.name();
    if file.size() > pkt::MAX_BYTES as f64 {
        done.emit(Err(pkt::OpenError::NotAScript.text(lang, &name)));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|v| v.as_string());
        match text {
            Some(t) => run(name, t, lang, done),
            None => done.emit(Err(pkt::OpenError::NotAScript.text(lang, &name))),
        }
    });
}

/// Where a dropped file's outcome goes: shown, or the error banner (the picture stays).
fn to_banner(lang: Lang, dispatch: Callback<Action>) -> Callback<Result<Action, String>> {
    Callback::from(move |r: Result<Action, String>| {
        dispatch.emit(match r {
            Ok(a) => a,
            Err(mut why) => {
                why.push(' ');
                why.push_str(lang.t(T::ErrorKeptPicture));
                Action::ScriptFailed(why)
            }
        })
    })
}

/// The header's button that opens the packetdrill dialog.
pub fn open_button(lang: Lang, dispatch: &Callback<Action>) -> Html {
    html! {
        <button type="button" class="pkt-open" title={lang.t(T::PktOpenTitle)}
            onclick={send(dispatch, Action::OpenDialog(Dialog::Script))}>
            { lang.t(T::PktOpen) }
        </button>
    }
}

/// A `.pkt` dropped anywhere on the page runs, a capture opens (unless `on` is false); while
/// one is dragged over, the page says so (`data-dragging` on `<html>`, styled as an outline
/// with `capture::Key::DropHere`).
#[hook]
pub fn use_drop(lang: Lang, on: bool, dispatch: Callback<Action>) {
    use_effect_with((lang, on), move |&(lang, on)| {
        // Not in an embedded diagram (?embed): its page is someone else's.
        let doc = web_sys::window().and_then(|w| w.document()).filter(|_| on);
        let guards = doc.map(|doc| {
            let root = doc.document_element();
            let set = move |on: bool| {
                if let Some(r) = &root {
                    let _ = if on {
                        r.set_attribute("data-dragging", lang.text(crate::capture::Key::DropHere))
                    } else {
                        r.remove_attribute("data-dragging")
                    };
                }
            };
            let (set2, set3) = (set.clone(), set.clone());
            let over = crate::listen::listen(&doc, "dragover", move |e| {
                let files = e
                    .dyn_ref::<web_sys::DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .is_some_and(|t| t.types().includes(&"Files".into(), 0));
                if files {
                    e.prevent_default();
                    set(true);
                }
            });
            let leave = crate::listen::listen(&doc, "dragleave", move |e| {
                // Leaving the window (no element to go to), not moving between elements.
                let out = e
                    .dyn_ref::<web_sys::MouseEvent>()
                    .is_some_and(|m| m.related_target().is_none());
                if out {
                    set2(false);
                }
            });
            // A capture (by name or magic number; two files are its two ends) opens as one,
            // anything else runs as a script (view/capture.rs, `route`).
            let drop = crate::listen::listen(&doc, "drop", move |e| {
                let files = super::capture::dropped(&e);
                set3(false);
                if !files.is_empty() {
                    e.prevent_default();
                    let done = to_banner(lang, dispatch.clone());
                    super::capture::route(files, lang, dispatch.clone(), move |f| {
                        run_file(f, lang, done)
                    });
                }
            });
            (over, leave, drop)
        });
        move || drop(guards)
    });
}

/// The banners: how the shown script's run ended, and why the last one opened is not shown.
pub fn banners(
    lang: Lang,
    script: Option<&Rc<Script>>,
    error: Option<&String>,
    segments: usize,
    dispatch: &Callback<Action>,
    back: Action,
) -> Html {
    let result = script.map(|s| {
        let (class, text) = match &s.mismatch {
            None => (
                "pkt-pass",
                lang.f(
                    T::PktPass,
                    &[
                        ("name", &s.name),
                        ("n", &segments.to_string()),
                        ("side", side_name(lang, s.engine)),
                    ],
                ),
            ),
            Some(m) => (
                "pkt-fail",
                lang.f(T::PktFail, &[("name", &s.name), ("why", &m.text(lang, ""))]),
            ),
        };
        html! {
            <div class={classes!("banner", "pkt-result", class)} role="status">
                <p>{ text }</p>
                <button type="button" class="pkt-back" onclick={send(dispatch, back)}>{ lang.t(T::PktBack) }</button>
            </div>
        }
    });
    let error = error.map(|e| {
        html! {
            <div class="banner error pkt-error" role="alert">
                <p>{ e.clone() }</p>
                <button type="button" onclick={send(dispatch, Action::DismissScriptError)}>{ lang.t(T::Dismiss) }</button>
            </div>
        }
    });
    html! { <>{ for result }{ for error }</> }
}

/// The mismatch on the ladder: the engine's wrong segment outlined, the expected one as a
/// dashed ghost just below it, and a ✕ on the engine's lane at that time.
pub fn ghost(lang: Lang, ladder: &Ladder, script: &Script) -> Html {
    let Some(m) = &script.mismatch else {
        return html! {};
    };
    let lane = |s: Side| ladder.lanes.get(s.index()).map_or(0.0, |l| l.x);
    let (x0, x1) = (lane(script.engine), lane(script.engine.other()));
    let y = ladder.axis.y_at(synack_core::Instant(m.at));
    let wrong = m
        .got_id
        .and_then(|id| ladder.arrows.iter().find(|a| a.id == id))
        .map(|a| {
            html! {
                <polyline class="pkt-wrong" points={crate::fmt::svg_points(&a.points)} />
            }
        });
    // The ghost: at the time, or just below when an arrow is drawn there (the engine's wrong
    // segment, or the last ones when the time is past the last drawn instant).
    let crowded = ladder
        .arrows
        .iter()
        .any(|a| a.points.iter().any(|p| (p.y - y).abs() < 9.0));
    let gy = if wrong.is_some() || crowded {
        y + 18.0
    } else {
        y
    };
    let dir = if x1 > x0 { 1.0 } else { -1.0 };
    let head = format!(
        "{},{} {},{} {},{}",
        f(x1),
        f(gy),
        f(x1 - dir * 9.0),
        f(gy - 4.5),
        f(x1 - dir * 9.0),
        f(gy + 4.5)
    );
    let label = format!(
        "✗ {}: {}",
        lang.f(T::PktExpected, &[("line", &m.line.to_string())]),
        m.expected.as_deref().unwrap_or(&m.source)
    );
    let mid = (x0 + x1) / 2.0;
    let c = 6.0;
    html! {
        <g class="pkt-mismatch" data-line={m.line.to_string()}>
            <title>{ m.text(lang, "") }</title>
            { for wrong }
            <line class="pkt-ghost" x1={f(x0)} y1={f(gy)} x2={f(x1 - dir * 8.0)} y2={f(gy)} />
            <polygon class="pkt-ghost-head" points={head} />
            <text class="pkt-ghost-label" x={f(mid)} y={f(gy + 15.0)} text-anchor="middle">{ label }</text>
            <path class="pkt-cross" d={format!("M{} {}L{} {}M{} {}L{} {}",
                f(x0 - c), f(y - c), f(x0 + c), f(y + c), f(x0 - c), f(y + c), f(x0 + c), f(y - c))} />
        </g>
    }
}
