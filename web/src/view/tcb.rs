//! Both sides' transmission control blocks at the playhead (rows from
//! `synack_diagram::tcb_rows`, RFC 9293 §3.3.1 names), plus the timers armed at that moment.

use synack_core::Instant;
use synack_diagram::{tcb_rows, Ladder};
use synack_sim::{Side, Trace};
use yew::prelude::*;

use crate::i18n::{Lang, Words, T};
use crate::layout::tcb;
use crate::layout::words::timer_name;
use crate::ptr::P;
use crate::state::seq_mode;
use synack_diagram::fmt::duration;

/// Not a component: it changes with every playhead, so it is rendered with the app's
/// view (one component less in the wasm, and nothing to compare).
pub struct TcbProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub ladder: P<Ladder>,
    pub playhead: u64,
    pub absolute: bool,
}

pub fn tcb_panel(p: &TcbProps) -> Html {
    let lang = p.lang;
    let t = Instant(p.playhead);
    let rows = Side::BOTH.map(|side| {
        tcb_rows(&p.ladder.timeline, side, t, seq_mode(p.absolute), lang).unwrap_or_default()
    });
    // The row names and hints come from whichever side has a TCB already.
    let names: Vec<(&'static str, &'static str)> = rows
        .iter()
        .find(|r| !r.is_empty())
        .map(|r| r.iter().map(|row| (row.name, row.hint)).collect())
        .unwrap_or_default();
    let cell = |side: Side, i: usize| match rows.get(side.index()).and_then(|r| r.get(i)) {
        Some(row) => html! { <td class="val">{ row.value.clone() }</td> },
        None => html! { <td class="val none">{ lang.t(T::TcbNotYet) }</td> },
    };
    let timers = |side: Side| {
        let list: Vec<String> = tcb::side_at(&p.trace, side, p.playhead)
            .map(|s| {
                s.timers
                    .iter()
                    .filter(|tm| tm.expires.micros() > p.playhead)
                    .map(|tm| {
                        format!(
                            "{} ({})",
                            timer_name(lang, tm.kind),
                            duration(tm.expires.micros().saturating_sub(p.playhead))
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if list.is_empty() {
            html! { <td class="val none">{ lang.t(T::TcbNoTimers) }</td> }
        } else {
            html! { <td class="val timers">{ list.join(", ") }</td> }
        }
    };
    html! {
        // Not a landmark itself: its table's scroll box is, under the same name (two regions
        // of one name are one too many, axe's landmark-unique).
        <section class="panel tcb-panel">
            <h2 id="tcb-h">{ lang.t(T::TcbTitle) }</h2>
            <p class="desc">{ lang.t(T::TcbDesc) }</p>
            if names.is_empty() {
                <p class="hint">{ lang.t(T::TcbNotYet) }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(T::TcbTitle)}>
                <table class="tcb">
                    <thead><tr>
                        <th scope="col">{ lang.t(T::TcbVariable) }</th>
                        <th scope="col">{ lang.t(T::StateOfClient) }</th>
                        <th scope="col">{ lang.t(T::StateOfServer) }</th>
                    </tr></thead>
                    <tbody>
                        { for names.iter().enumerate().map(|(i, (name, hint))| html! {
                            <tr data-var={*name}>
                                <th scope="row"><span class="var">{ *name }</span><span class="meaning">{ *hint }</span></th>
                                { cell(Side::Client, i) }
                                { cell(Side::Server, i) }
                            </tr>
                        }) }
                        <tr data-var="timers">
                            <th scope="row">{ lang.t(T::TcbTimers) }</th>
                            { timers(Side::Client) }
                            { timers(Side::Server) }
                        </tr>
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
