//! The script beside the ladder, line by line, each event line marked with its result (✓ held,
//! ✗ failed, – not reached, in words for screen readers too); the line at the playhead is
//! highlighted and kept in view while the run plays, and choosing a line seeks to its moment.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n::{Lang, Words, T};
use crate::pkt::{Say, Script, Status};
use crate::ptr::P;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ScriptLinesProps {
    pub lang: Lang,
    pub script: P<Script>,
    pub playhead: u64,
    pub dispatch: Callback<Action>,
}

fn mark(lang: Lang, s: Status) -> (&'static str, &'static str, &'static str) {
    match s {
        Status::Pass => ("pass", "✓", lang.t(T::PktLinePass)),
        Status::Fail => ("fail", "✗", lang.t(T::PktLineFail)),
        Status::NotRun => ("notrun", "–", lang.t(T::PktLineNotRun)),
        Status::Plain => ("plain", "", ""),
    }
}

#[function_component]
pub fn ScriptLines(p: &ScriptLinesProps) -> Html {
    let lang = p.lang;
    let s = &p.script;
    let now = s.line_at(p.playhead);
    let list = use_node_ref();
    // Keep the current line in view inside the list (never scrolls the page).
    {
        let list = list.clone();
        use_effect_with(now, move |now| {
            let Some(ol) = list.cast::<web_sys::HtmlElement>() else {
                return;
            };
            let li = now
                .and_then(|n| {
                    ol.query_selector(&format!("li[data-line='{n}']"))
                        .ok()
                        .flatten()
                })
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(li) = li {
                let (top, h) = (li.offset_top(), li.offset_height());
                let (view, vh) = (ol.scroll_top(), ol.client_height());
                if top < view || top + h > view + vh {
                    ol.set_scroll_top((top - vh / 3).max(0));
                }
            }
        });
    }
    let onclick = {
        let d = p.dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            let at = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|t| t.closest("li[data-at]").ok().flatten())
                .and_then(|li| li.get_attribute("data-at"))
                .and_then(|a| a.parse::<u64>().ok());
            if let Some(at) = at {
                d.emit(Action::Seek(at));
            }
        })
    };
    let (passed, total) = s.count();
    let rows = s.lines.iter().map(|l| {
        let (class, sign, word) = mark(lang, l.status);
        let ahead = l.at.is_none_or(|a| a > p.playhead) && l.status != Status::Plain;
        let why = (l.status == Status::Fail)
            .then(|| s.mismatch.as_ref().map(|m| m.text(lang, "")))
            .flatten();
        html! {
            <li class={classes!("pkt-line", class, ahead.then_some("ahead"), (now == Some(l.n)).then_some("now"))}
                data-line={l.n.to_string()} data-status={class} data-at={l.at.map(|a| a.to_string())}
                aria-current={(now == Some(l.n)).then_some("step")}>
                <span class="pkt-mark" aria-hidden="true">{ sign }</span>
                <span class="visually-hidden">{ word }</span>
                <span class="pkt-n" aria-hidden="true">{ l.n }</span>
                <code>{ l.text.clone() }</code>
                { for why.map(|w| html! { <p class="pkt-why">{ w }</p> }) }
            </li>
        }
    });
    html! {
        <section class="panel pkt-panel" aria-labelledby="pkt-lines-h">
            <div class="panel-head">
                <h2 id="pkt-lines-h">{ lang.t(T::PktScriptTitle) }</h2>
                <span class={classes!("pkt-count", if s.mismatch.is_some() { "fail" } else { "pass" })}>
                    { lang.f(T::PktSummary, &[("name", &s.name), ("passed", &passed.to_string()), ("total", &total.to_string())]) }
                </span>
            </div>
            <p class="desc">{ lang.t(T::PktScriptDesc) }</p>
            <ol class="pkt-lines" ref={list} {onclick}>{ for rows }</ol>
        </section>
    }
}
