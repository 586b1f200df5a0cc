//! Both sides' transmission control blocks at the playhead, as RFC 9293 §3.3.1 names them,
//! sequence numbers relative to the ISS unless absolute numbers are on.

use synack_sim::{Side, Snapshot, Trace};
use yew::prelude::*;

use crate::fmt::duration_us;
use crate::i18n::{Lang, T};
use crate::layout::seqnum::SeqBase;
use crate::layout::tcb;
use crate::layout::words::timer_name;
use crate::ptr::P;

#[derive(Properties, PartialEq)]
pub struct TcbProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub playhead: u64,
    pub absolute: bool,
}

type Getter = fn(&Snapshot, &SeqBase, bool) -> Option<String>;

fn num(v: u32, base: u32, absolute: bool) -> String {
    if absolute {
        v.to_string()
    } else {
        v.wrapping_sub(base).to_string()
    }
}

#[function_component]
pub fn TcbPanel(p: &TcbProps) -> Html {
    let lang = p.lang;
    let snaps = tcb::at(&p.trace, p.playhead);
    let base = SeqBase::of(&p.trace);
    // Relative numbers: a side's send numbers count from its own ISS, receive numbers from
    // the peer's (its IRS), as Wireshark does.
    let rows: [(&str, T, Getter); 10] = [
        ("state", T::TcbState, |s, _, _| {
            Some(s.tcb.state.rfc_name().to_string())
        }),
        ("ISS", T::TcbIss, |s, b, a| {
            Some(num(s.tcb.iss, b.iss[s.side.index()], a))
        }),
        ("IRS", T::TcbIrs, |s, b, a| {
            s.tcb.irs.map(|v| num(v, b.iss[s.side.other().index()], a))
        }),
        ("SND.UNA", T::TcbSndUna, |s, b, a| {
            Some(num(s.tcb.snd_una, b.iss[s.side.index()], a))
        }),
        ("SND.NXT", T::TcbSndNxt, |s, b, a| {
            Some(num(s.tcb.snd_nxt, b.iss[s.side.index()], a))
        }),
        ("SND.WND", T::TcbSndWnd, |s, _, _| {
            Some(s.tcb.snd_wnd.to_string())
        }),
        ("RCV.NXT", T::TcbRcvNxt, |s, b, a| {
            s.tcb
                .irs
                .map(|_| num(s.tcb.rcv_nxt, b.iss[s.side.other().index()], a))
        }),
        ("RCV.WND", T::TcbRcvWnd, |s, _, _| {
            Some(s.tcb.rcv_wnd.to_string())
        }),
        ("RTO", T::TcbRto, |s, _, _| {
            Some(duration_us(
                s.tcb.rto.as_micros().min(u128::from(u64::MAX)) as u64
            ))
        }),
        ("SRTT", T::TcbSrtt, |s, _, _| {
            s.tcb
                .srtt
                .map(|d| duration_us(d.as_micros().min(u128::from(u64::MAX)) as u64))
        }),
    ];
    let cell = |side: Side, get: Getter| {
        let v = snaps
            .get(side.index())
            .copied()
            .flatten()
            .and_then(|s| get(s, &base, p.absolute));
        match v {
            Some(v) => html! { <td class="val">{ v }</td> },
            None => html! { <td class="val none">{ lang.t(T::TcbNotYet) }</td> },
        }
    };
    let timers = |side: Side| {
        let list: Vec<String> = snaps
            .get(side.index())
            .copied()
            .flatten()
            .map(|s| {
                s.timers
                    .iter()
                    .filter(|tm| tm.expires.micros() > p.playhead)
                    .map(|tm| {
                        format!(
                            "{} ({})",
                            timer_name(lang, tm.kind),
                            duration_us(tm.expires.micros().saturating_sub(p.playhead))
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if list.is_empty() {
            html! { <td class="val none">{ lang.t(T::TcbNoTimers) }</td> }
        } else {
            html! { <td class="val">{ list.join(", ") }</td> }
        }
    };
    html! {
        <section class="panel tcb-panel" aria-labelledby="tcb-h">
            <h2 id="tcb-h">{ lang.t(T::TcbTitle) }</h2>
            <p class="desc">{ lang.t(T::TcbDesc) }</p>
            <div class="table-wrap">
            <table class="tcb">
                <thead><tr>
                    <th scope="col">{ lang.t(T::TcbVariable) }</th>
                    <th scope="col">{ lang.t(T::Client) }</th>
                    <th scope="col">{ lang.t(T::Server) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(name, meaning, get)| html! {
                        <tr data-var={*name}>
                            <th scope="row"><abbr title={lang.t(*meaning)}>{ *name }</abbr><span class="meaning">{ lang.t(*meaning) }</span></th>
                            { cell(Side::Client, *get) }
                            { cell(Side::Server, *get) }
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
        </section>
    }
}
