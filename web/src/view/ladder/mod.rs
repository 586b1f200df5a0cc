//! The ladder (sequence) diagram: copies `synack_diagram::Ladder` geometry (and its frame at
//! the playhead) into one `<svg>` with a fixed viewBox. Segments are focusable buttons; Enter
//! or a click opens the header inspector.
//!
//! Drawing cost does not grow with the trace: a playhead change re-renders only what it
//! changed. Ticks, breaks and lanes render once per ladder. Bands, timer bars and arrows sit
//! in blocks of [`BLOCK`] whose props are only their elements' playhead-dependent state (bit
//! masks, the arrows in flight), so Yew skips every block, and inside a block every element,
//! whose state is the same as in the last frame.
//!
//! Drawing cost does not grow with the trace either: a long ladder (more than
//! [`window::WINDOW_MIN_ARROWS`] arrows) draws only the blocks near what its scroll box shows
//! (see `window.rs`); the blocks stay the same keyed components, so scrolling mounts and
//! unmounts only the blocks entering and leaving. The `<svg>` says how many segments there
//! are in `data-segments`, drawn or not.

mod flights;
mod parts;
mod window;

use synack_core::{Instant, State};
use synack_diagram::{Label, Ladder, LiveTimer, Moving, Point};
use synack_sim::{Side, Trace};
use yew::prelude::*;

use crate::fmt::push_fixed1;
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use crate::state::Action;
use parts::{ArrowBlock, Backdrop, BandBlock, TimerBlock};
use window::use_window;

/// Elements per block: a block's playhead-dependent state fits in a `u64` bit mask. Small, so
/// that a jump or the auto-scroll mounts little beyond what comes into view (32 mounted a
/// third more segments per seek, and longer frames while playing).
pub const BLOCK: usize = 16;

#[derive(Properties, PartialEq)]
pub struct LadderProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub trace: P<Trace>,
    pub playhead: u64,
    pub selection: Option<u32>,
    pub dispatch: Callback<Action>,
    /// The packetdrill script shown, whose mismatch is marked ([`super::packetdrill::ghost`]).
    #[prop_or_default]
    pub script: Option<P<crate::pkt::Script>>,
    /// The trace's flights and which are collapsed ([`flights`]); none: no bands.
    #[prop_or_default]
    pub flights: Option<(
        P<synack_diagram::ladder::Flights>,
        synack_diagram::ladder::Collapsed,
    )>,
}

pub fn side_name(lang: Lang, side: Side) -> &'static str {
    match side {
        Side::Client => lang.t(T::Client),
        Side::Server => lang.t(T::Server),
    }
}

/// CSS class of a state (`st-fin-wait-1`), shared with the state diagram.
pub fn state_class(s: State) -> String {
    format!("st-{}", s.rfc_name().to_ascii_lowercase())
}

/// A number for an SVG attribute: short, and never `NaN` in the DOM.
pub fn f(v: f32) -> String {
    crate::fmt::fixed1(f64::from(v))
}

/// An SVG `points` list (`x,y x,y`).
fn points(ps: &[Point]) -> String {
    crate::fmt::svg_points(ps)
}

/// `<text>` for a layout label (rotated about its anchor when it has an angle).
fn text(l: &Label, class: &'static str) -> Html {
    let transform = (l.angle != 0.0).then(|| {
        let mut s = String::from("rotate(");
        push_fixed1(&mut s, f64::from(l.angle));
        s.push(' ');
        push_fixed1(&mut s, f64::from(l.at.x));
        s.push(' ');
        push_fixed1(&mut s, f64::from(l.at.y));
        s.push(')');
        s
    });
    html! {
        <text class={class} x={f(l.at.x)} y={f(l.at.y)} text-anchor={l.anchor.svg()} {transform}>{ l.text.clone() }</text>
    }
}

/// The blocks `lo..hi` covering `0..n`: all of them, or only those listed in `only` (by
/// block index).
fn blocks(n: usize, only: Option<&[usize]>) -> Vec<(usize, usize)> {
    let range = |k: usize| {
        let lo = k.saturating_mul(BLOCK);
        (lo < n).then(|| (lo, (lo + BLOCK).min(n)))
    };
    match only {
        Some(ks) => ks.iter().filter_map(|&k| range(k)).collect(),
        None => (0..n.div_ceil(BLOCK)).filter_map(range).collect(),
    }
}

/// Bit `i - lo` set for each `i` in `lo..hi` where `pred(i)`.
fn mask(lo: usize, hi: usize, pred: impl Fn(usize) -> bool) -> u64 {
    (lo..hi)
        .filter(|&i| pred(i))
        .fold(0, |m, i| m | 1u64 << (i.wrapping_sub(lo) & 63))
}

/// The id of the segment (`<g class="segment" data-id>`) an event happened in.
fn segment_of(e: &Event) -> Option<u32> {
    use wasm_bindgen::JsCast;
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let g = el.closest("g.segment[data-id]").ok()??;
    g.get_attribute("data-id")?.parse().ok()
}

/// Whether the page is in presenter mode (`<html data-present>`, set by the app).
fn presenting() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.has_attribute("data-present"))
}

fn bit(m: u64, lo: usize, i: usize) -> bool {
    m >> (i.wrapping_sub(lo) & 63) & 1 == 1
}

#[function_component]
pub fn LadderView(p: &LadderProps) -> Html {
    let l = &*p.ladder;
    let lang = p.lang;
    let frame = l.frame(Instant(p.playhead));
    let scroller = use_node_ref();
    let shown = use_window(&scroller, &p.ladder, p.playhead, frame.y);
    {
        // A drawing wider than its box (a phone: style.css keeps it at least 1:1) opens
        // centred on the two lanes, the time axis and timer columns a swipe away on either
        // side. Again when the layout's width changes (presenter mode, a turned phone).
        let scroller = scroller.clone();
        use_effect_with(l.width.to_bits(), move |_| {
            gloo_timers::callback::Timeout::new(0, move || {
                if let Some(el) = scroller.cast::<web_sys::Element>() {
                    el.set_scroll_left((el.scroll_width() - el.client_width()) / 2);
                }
            })
            .forget();
        });
    }

    // A callback that stays the same object across renders (App makes a new one each time),
    // so that it does not make every block's props differ.
    let latest = use_mut_ref(|| p.dispatch.clone());
    if let Ok(mut d) = latest.try_borrow_mut() {
        *d = p.dispatch.clone();
    }
    // One click and one keydown handler on the `<svg>` for every segment (found by its
    // `data-id`), made once: two callbacks per segment were a tenth of mounting one.
    let (onclick, onkeydown, dispatch) = (*use_memo((), move |_| {
        let emit = move |a: Action| {
            let d = latest.try_borrow().ok().map(|d| d.clone());
            if let Some(d) = d {
                d.emit(a);
            }
        };
        let (emit2, emit3) = (emit.clone(), emit.clone());
        (
            Callback::from(move |e: MouseEvent| {
                if let Some(id) = segment_of(&e) {
                    emit(Action::Select(Some(id)));
                }
            }),
            Callback::from(move |e: KeyboardEvent| {
                // In presenter mode Space plays or pauses wherever the focus is (view/keys.rs).
                if e.key() == "Enter" || (e.key() == " " && !presenting()) {
                    if let Some(id) = segment_of(&e) {
                        e.prevent_default();
                        e.stop_propagation();
                        emit2(Action::Select(Some(id)));
                    }
                }
            }),
            // For the flights: App's callback is new in every render, and would re-render
            // every band every frame.
            Callback::from(emit3),
        )
    }))
    .clone();

    let t = p.playhead;
    let band_blocks = blocks(l.bands.len(), shown.as_ref().map(|s| &s.bands[..])).into_iter().map(|(lo, hi)| {
        let future = mask(lo, hi, |i| {
            l.bands.get(i).is_some_and(|b| b.t0.micros() > t)
        });
        let current = mask(lo, hi, |i| frame.bands.contains(&Some(i)));
        html! { <BandBlock key={lo} {lang} ladder={p.ladder.clone()} {lo} {hi} {future} {current} /> }
    });
    let timer_blocks = blocks(l.timers.len(), shown.as_ref().map(|s| &s.timers[..])).into_iter().map(|(lo, hi)| {
        let future = mask(lo, hi, |i| {
            l.timers.get(i).is_some_and(|b| b.armed.micros() > t)
        });
        let live: Vec<LiveTimer> = frame
            .timers
            .iter()
            .filter(|lt| (lo..hi).contains(&lt.bar))
            .cloned()
            .collect();
        let y = if live.is_empty() { 0.0 } else { frame.y };
        html! { <TimerBlock key={lo} ladder={p.ladder.clone()} {lo} {hi} {future} {live} {y} /> }
    });
    // Blocks whose arrows are all in collapsed flights draw nothing: none (see ArrowBlock).
    let arrow_blocks = blocks(l.arrows.len(), shown.as_ref().map(|s| &s.arrows[..])).into_iter().filter(|&(lo, hi)| {
        l.arrows.get(lo..hi).is_some_and(|a| a.iter().any(|a| a.flight.is_none()))
    }).map(|(lo, hi)| {
        let started = frame.started.clamp(lo, hi);
        let moving: Vec<Moving> = frame
            .moving
            .iter()
            .filter(|m| (lo..hi).contains(&m.arrow))
            .cloned()
            .collect();
        let selected = p.selection.filter(|id| {
            l.arrows
                .get(lo..hi)
                .is_some_and(|a| a.iter().any(|a| a.id == *id))
        });
        html! {
            <ArrowBlock key={lo} {lang} ladder={p.ladder.clone()} trace={p.trace.clone()} {lo} {hi} {started}
                {moving} {selected} />
        }
    });
    let dots = frame.moving.iter().filter_map(|m| {
        let a = l.arrows.get(m.arrow).filter(|a| a.flight.is_none())?;
        Some(html! {
            <circle class={classes!("packet", if a.from == Side::Client { "from-c" } else { "from-s" })}
                cx={f(m.dot.x)} cy={f(m.dot.y)} r="6" />
        })
    });
    let [p0, p1] = frame.playhead;

    let legend = html! {
        <ul class="legend" aria-label={lang.t(T::Legend)}>
            <li><svg viewBox="0 0 30 10" aria-hidden="true"><line class="lg-arrow" x1="1" y1="5" x2="27" y2="5" /></svg>{ lang.t(T::LegendData) }</li>
            <li><svg viewBox="0 0 30 10" aria-hidden="true"><line class="lg-arrow retx" x1="1" y1="5" x2="27" y2="5" /></svg>{ lang.t(T::LegendRetx) }</li>
            <li><span class="lg-cross" aria-hidden="true">{ "✕" }</span>{ lang.t(T::LegendLost) }</li>
            // Shown (by CSS) only when the ladder has an estimated time.
            <li class="lg-est"><span class="lg-cross" aria-hidden="true">{ "≈" }</span>{ lang.text(synack_diagram::narrate::Key::LegendEstimated) }</li>
            <li><svg viewBox="0 0 30 10" aria-hidden="true"><line class="lg-timer" x1="1" y1="5" x2="27" y2="5" /></svg>{ lang.t(T::LegendTimer) }</li>
            // The marks in the timer columns: the delayed-ACK timer's dotted box, and the
            // dash where a timer stopped early would have fired.
            <li><svg viewBox="0 0 30 10" aria-hidden="true" class="timer tm-delayed-ack"><rect x="2" y="2.5" width="25" height="5" /></svg>{ lang.t(T::LegendDelayedAck) }</li>
            <li><svg viewBox="0 0 30 10" aria-hidden="true" class="timer"><line class="deadline" x1="10" y1="5" x2="20" y2="5" /></svg>{ lang.t(T::LegendDeadline) }</li>
        </ul>
    };

    let download = {
        let (ladder, trace, d) = (p.ladder.clone(), p.trace.clone(), p.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            // The same file as Export → SVG: the layout's options as on screen, written by
            // synack-diagram's SVG writer in the second module (so the first load does not
            // carry the writer twice over).
            let fail = d.reform(Action::Fail);
            let theme = synack_diagram::Theme::Auto;
            crate::export::export(
                crate::export::Format::Svg,
                &ladder,
                trace.0.clone(),
                theme,
                fail,
            );
        })
    };
    html! {
        <>
        <div class="panel-head">
            <h2 id="ladder-h">{ lang.t(T::LadderTitle) }</h2>
            <button type="button" class="download" onclick={download}>{ "⤓ " }{ lang.t(T::DownloadSvg) }</button>
        </div>
        <figure class="ladder-fig" id="ladder" tabindex="-1">
            <figcaption>
                <p class="desc">{ lang.t(T::LadderDesc) }</p>
                { legend }
            </figcaption>
            <div class="ladder-scroll" ref={scroller}>
                <svg class="ladder" viewBox={format!("0 0 {} {}", f(l.width), f(l.height))}
                    role="group" aria-labelledby="ladder-h" data-segments={l.arrows.len().to_string()}
                    {onclick} {onkeydown}>
                    <Backdrop ladder={p.ladder.clone()} />
                    <>{ for band_blocks }</>
                    <>{ for timer_blocks }</>
                    <>{ for arrow_blocks }</>
                    <>{ for p.flights.as_ref().map(|(fl, c)| html! {
                        <flights::FlightLayer {lang} ladder={p.ladder.clone()} flights={fl.clone()} collapsed={c.clone()}
                            started={frame.flights_started} segments={p.trace.segments.len()} dispatch={dispatch.clone()} />
                    }) }</>
                    <>{ for p.script.as_ref().map(|s| super::packetdrill::ghost(lang, l, s)) }</>
                    <line class="playhead" x1={f(p0.x)} y1={f(p0.y)} x2={f(p1.x)} y2={f(p1.y)} />
                    // In a fragment of its own: Yew matches unkeyed children from the end, so
                    // a changing number of loose dots would shift every sibling before them.
                    <>{ for dots }</>
                </svg>
            </div>
        </figure>
        </>
    }
}
