//! The ladder (sequence) diagram: copies `synack_diagram::Ladder` geometry (and its frame at
//! the playhead) into one `<svg>` with a fixed viewBox. Segments are focusable buttons; Enter
//! or a click opens the header inspector.
//!
//! Drawing cost does not grow with the trace: a playhead change re-renders only what it
//! changed. Ticks, breaks and lanes render once per ladder. Bands, timer bars and arrows sit
//! in blocks of [`BLOCK`] whose props are only their elements' playhead-dependent state (bit
//! masks, the arrows in flight), so Yew skips every block, and inside a block every element,
//! whose state is the same as in the last frame. The scroll box is measured by a
//! ResizeObserver and a scroll listener, never during a render (a layout read there forces
//! the browser to lay the page out mid-frame).

use std::cell::RefCell;

use synack_core::{Instant, State};
use synack_diagram::{Label, Ladder, LiveTimer, Moving, Point};
use synack_sim::{Side, Trace};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::fmt::{duration_us, push_fixed1};
use crate::i18n::{Lang, T};
use crate::listen::listen;
use crate::ptr::P;
use crate::state::Action;

/// Elements per block: a block's playhead-dependent state fits in a `u64` bit mask.
const BLOCK: usize = 32;

#[derive(Properties, PartialEq)]
pub struct LadderProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub trace: P<Trace>,
    pub playhead: u64,
    pub selection: Option<u32>,
    pub dispatch: Callback<Action>,
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

/// An SVG `points` list (`x,y x,y`), written into one string.
fn points(ps: &[Point]) -> String {
    let mut s = String::with_capacity(ps.len() * 12);
    for (i, p) in ps.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        push_fixed1(&mut s, f64::from(p.x));
        s.push(',');
        push_fixed1(&mut s, f64::from(p.y));
    }
    s
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

/// The blocks `lo..hi` covering `0..n`.
fn blocks(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n)
        .step_by(BLOCK)
        .map(move |lo| (lo, (lo + BLOCK).min(n)))
}

/// Bit `i - lo` set for each `i` in `lo..hi` where `pred(i)`.
fn mask(lo: usize, hi: usize, pred: impl Fn(usize) -> bool) -> u64 {
    (lo..hi)
        .filter(|&i| pred(i))
        .fold(0, |m, i| m | 1u64 << (i.wrapping_sub(lo) & 63))
}

fn bit(m: u64, lo: usize, i: usize) -> bool {
    m >> (i.wrapping_sub(lo) & 63) & 1 == 1
}

#[wasm_bindgen]
extern "C" {
    /// The DOM's ResizeObserver (declared here rather than as a web-sys feature).
    type ResizeObserver;
    #[wasm_bindgen(constructor, catch)]
    fn new(callback: &js_sys::Function) -> Result<ResizeObserver, JsValue>;
    #[wasm_bindgen(method)]
    fn observe(this: &ResizeObserver, target: &web_sys::Element);
    #[wasm_bindgen(method)]
    fn disconnect(this: &ResizeObserver);
}

/// The scroll box's sizes, kept up to date by a ResizeObserver and a scroll listener.
#[derive(Clone, Copy, Default)]
struct BoxSize {
    /// The box's visible height, px.
    box_h: f64,
    /// The drawing's height as laid out, px.
    svg_h: f64,
    /// The box's scroll offset, px.
    top: f64,
}

fn measure(el: &web_sys::HtmlElement, size: &RefCell<BoxSize>) {
    if let Ok(mut s) = size.try_borrow_mut() {
        s.box_h = f64::from(el.client_height());
        s.svg_h = f64::from(el.scroll_height());
        s.top = f64::from(el.scroll_top());
    }
}

#[function_component]
pub fn LadderView(p: &LadderProps) -> Html {
    let l = &*p.ladder;
    let lang = p.lang;
    let frame = l.frame(Instant(p.playhead));
    let scroller = use_node_ref();
    let size = use_mut_ref(BoxSize::default);

    // A callback that stays the same object across renders (App makes a new one each time),
    // so that it does not make every block's props differ.
    let latest = use_mut_ref(|| p.dispatch.clone());
    if let Ok(mut d) = latest.try_borrow_mut() {
        *d = p.dispatch.clone();
    }
    let dispatch = (*use_memo((), move |_| {
        Callback::from(move |a: Action| {
            let d = latest.try_borrow().ok().map(|d| d.clone());
            if let Some(d) = d {
                d.emit(a);
            }
        })
    }))
    .clone();

    // Measure the scroll box when it or the drawing changes size (after layout, so reading
    // is free) and follow its scrolling.
    {
        let (scroller, size) = (scroller.clone(), size.clone());
        use_effect_with((), move |_| {
            let guard = scroller.cast::<web_sys::HtmlElement>().map(|el| {
                let (el2, size2) = (el.clone(), size.clone());
                let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| measure(&el2, &size2));
                let ro = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                if let Some(ro) = &ro {
                    ro.observe(&el);
                    if let Some(svg) = el.first_element_child() {
                        ro.observe(&svg);
                    }
                }
                let (el3, size3) = (el.clone(), size);
                let scroll = listen(&el, "scroll", move |_| {
                    if let Ok(mut s) = size3.try_borrow_mut() {
                        s.top = f64::from(el3.scroll_top());
                    }
                });
                (ro, on_resize, scroll)
            });
            move || {
                if let Some((Some(ro), _, _)) = &guard {
                    ro.disconnect();
                }
                drop(guard);
            }
        });
    }

    // Keep the playhead in view while playing or stepping: scroll the ladder's own box. The
    // scroll is set after this frame is drawn (a zero timeout), when setting it costs no
    // layout.
    {
        let (scroller, size) = (scroller.clone(), size.clone());
        let (y, h) = (f64::from(frame.y), f64::from(l.height));
        use_effect_with((p.playhead, p.ladder.clone()), move |_| {
            let s = size.try_borrow().map(|s| *s).unwrap_or_default();
            if s.box_h > 0.0 && s.svg_h > s.box_h && h > 0.0 {
                let target = y / h * s.svg_h;
                if target < s.top + s.box_h * 0.1 || target > s.top + s.box_h * 0.8 {
                    let top = (target - s.box_h * 0.4).clamp(0.0, s.svg_h - s.box_h);
                    if let Ok(mut s) = size.try_borrow_mut() {
                        s.top = top;
                    }
                    gloo_timers::callback::Timeout::new(0, move || {
                        if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                            el.set_scroll_top(top as i32);
                        }
                    })
                    .forget();
                }
            }
        });
    }

    let t = p.playhead;
    let band_blocks = blocks(l.bands.len()).map(|(lo, hi)| {
        let future = mask(lo, hi, |i| {
            l.bands.get(i).is_some_and(|b| b.t0.micros() > t)
        });
        let current = mask(lo, hi, |i| frame.bands.contains(&Some(i)));
        html! { <BandBlock key={lo} {lang} ladder={p.ladder.clone()} {lo} {hi} {future} {current} /> }
    });
    let timer_blocks = blocks(l.timers.len()).map(|(lo, hi)| {
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
    let arrow_blocks = blocks(l.arrows.len()).map(|(lo, hi)| {
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
                {moving} {selected} dispatch={dispatch.clone()} />
        }
    });
    let dots = frame.moving.iter().filter_map(|m| {
        let a = l.arrows.get(m.arrow)?;
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
            <li><svg viewBox="0 0 30 10" aria-hidden="true"><line class="lg-timer" x1="1" y1="5" x2="27" y2="5" /></svg>{ lang.t(T::LegendTimer) }</li>
        </ul>
    };

    let download = {
        let (ladder, trace, d) = (p.ladder.clone(), p.trace.clone(), p.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            // The same layout as on screen, written by synack-diagram's SVG writer.
            let svg = synack_diagram::ladder_svg_of(&ladder, &trace);
            let safe: String = trace
                .scenario
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(40)
                .collect();
            if let Err(e) =
                crate::download::save_text(&format!("synack-{safe}.svg"), "image/svg+xml", &svg)
            {
                d.emit(Action::Fail(e));
            }
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
                    role="group" aria-labelledby="ladder-h">
                    <Backdrop ladder={p.ladder.clone()} />
                    <>{ for band_blocks }</>
                    <>{ for timer_blocks }</>
                    <>{ for arrow_blocks }</>
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

#[derive(Properties, PartialEq)]
struct BackdropProps {
    ladder: P<Ladder>,
}

/// Ticks, axis breaks and lanes: nothing here depends on the playhead.
#[function_component]
fn Backdrop(p: &BackdropProps) -> Html {
    let l = &*p.ladder;
    let ticks = l.ticks.iter().map(|k| {
        html! {
            <g class="tick">
                <line class="grid" x1={f(k.x0)} y1={f(k.y)} x2={f(k.x1)} y2={f(k.y)} />
                { text(&k.label, "tick-label") }
            </g>
        }
    });
    let breaks = l.breaks.iter().map(|b| {
        html! {
            <g class="axis-break">
                <rect class="break-bg" x="0" y={f(b.y0)} width={f(l.width)} height={f((b.y1 - b.y0).max(0.0))} />
                { for b.zigzag.iter().map(|z| html! { <polyline points={points(z)} /> }) }
                { text(&b.label, "break-label") }
            </g>
        }
    });
    let lanes = l.lanes.iter().map(|ln| {
        html! {
            <g class={classes!("lane", if ln.side == Side::Client { "lane-c" } else { "lane-s" })}>
                { text(&ln.title, "lane-name") }
                { text(&ln.subtitle, "lane-ep") }
                <line class="lane-line" x1={f(ln.x)} y1={f(ln.y0)} x2={f(ln.x)} y2={f(ln.y1)} />
            </g>
        }
    });
    html! { <>{ for ticks }{ for breaks }{ for lanes }</> }
}

#[derive(Properties, PartialEq)]
struct BandBlockProps {
    lang: Lang,
    ladder: P<Ladder>,
    lo: usize,
    hi: usize,
    /// Bit per band: not begun yet.
    future: u64,
    /// Bit per band: a side's current band.
    current: u64,
}

/// State bands `lo..hi`.
#[function_component]
fn BandBlock(p: &BandBlockProps) -> Html {
    let (lang, lo) = (p.lang, p.lo);
    let bands = p.ladder.bands.get(p.lo..p.hi).unwrap_or_default();
    let bands = bands.iter().enumerate().map(|(k, b)| {
        let i = lo + k;
        let current = bit(p.current, lo, i);
        let future = bit(p.future, lo, i);
        html! {
            <g class={classes!(b.class.clone(), state_class(b.state), current.then_some("current"), future.then_some("future"))}
                data-side={if b.side == Side::Client { "client" } else { "server" }} data-state={b.state.rfc_name()}>
                <rect x={f(b.x)} y={f(b.y)} width={f(b.w)} height={f(b.h)}>
                    <title>{ format!("{}: {}", side_name(lang, b.side), b.state) }</title>
                </rect>
                { text(&b.label, "band-label") }
            </g>
        }
    });
    html! { <>{ for bands }</> }
}

#[derive(Properties, PartialEq)]
struct TimerBlockProps {
    ladder: P<Ladder>,
    lo: usize,
    hi: usize,
    /// Bit per bar: not armed yet.
    future: u64,
    /// The block's timers running at the playhead.
    live: Vec<LiveTimer>,
    /// The playhead's y (0 when none is live).
    y: f32,
}

/// Timer bars `lo..hi`; each is its own component, so only a running one re-renders.
#[function_component]
fn TimerBlock(p: &TimerBlockProps) -> Html {
    let bars = (p.lo..p.hi).map(|i| {
        let future = bit(p.future, p.lo, i);
        let remaining = p
            .live
            .iter()
            .find(|lt| lt.bar == i)
            .map(|lt| lt.remaining_us);
        let y = if remaining.is_some() { p.y } else { 0.0 };
        html! { <Timer key={i} ladder={p.ladder.clone()} {i} {future} {remaining} {y} /> }
    });
    html! { <>{ for bars }</> }
}

#[derive(Properties, PartialEq)]
struct TimerProps {
    ladder: P<Ladder>,
    i: usize,
    future: bool,
    /// µs left, while it runs.
    remaining: Option<u64>,
    /// The playhead's y, while it runs.
    y: f32,
}

#[function_component]
fn Timer(p: &TimerProps) -> Html {
    let Some(b) = p.ladder.timers.get(p.i) else {
        return html! {};
    };
    // A running timer counts down beside its bar, on the playhead line.
    let countdown = p.remaining.map(|us| {
        let (x, anchor) = match b.side {
            Side::Client => (b.x + b.w + 3.0, "start"),
            Side::Server => (b.x - 3.0, "end"),
        };
        html! { <text class="countdown" x={f(x)} y={f(p.y - 3.0)} text-anchor={anchor}>{ duration_us(us) }</text> }
    });
    let live = p.remaining.is_some();
    html! {
        <g class={classes!(b.class.clone(), live.then_some("live"), p.future.then_some("future"))}>
            <title>{ b.label.text.clone() }</title>
            <rect x={f(b.x)} y={f(b.y)} width={f(b.w)} height={f(b.h)} />
            <line class="deadline" x1={f(b.x - 2.0)} y1={f(b.y_deadline)} x2={f(b.x + b.w + 2.0)} y2={f(b.y_deadline)} />
            if b.label_fits { { text(&b.label, "timer-label") } }
            <>{ for countdown }</>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct ArrowBlockProps {
    lang: Lang,
    ladder: P<Ladder>,
    trace: P<Trace>,
    lo: usize,
    hi: usize,
    /// `lo..started` have been sent.
    started: usize,
    /// The block's arrows in flight.
    moving: Vec<Moving>,
    /// The selected segment, if it is in this block.
    selected: Option<u32>,
    dispatch: Callback<Action>,
}

/// Arrows `lo..hi`; each is its own component, so only one whose phase changed re-renders.
#[function_component]
fn ArrowBlock(p: &ArrowBlockProps) -> Html {
    let segs = (p.lo..p.hi).map(|i| {
        let future = i >= p.started;
        let drawn = p.moving.iter().find(|m| m.arrow == i).map(|m| m.points.clone());
        let selected = p
            .selected
            .is_some_and(|id| p.ladder.arrows.get(i).is_some_and(|a| a.id == id));
        html! {
            <Segment key={i} lang={p.lang} ladder={p.ladder.clone()} trace={p.trace.clone()} {i} {future} {drawn}
                {selected} dispatch={p.dispatch.clone()} />
        }
    });
    html! { <>{ for segs }</> }
}

#[derive(Properties, PartialEq)]
struct SegmentProps {
    lang: Lang,
    ladder: P<Ladder>,
    trace: P<Trace>,
    i: usize,
    /// Not sent yet.
    future: bool,
    /// While it travels: the part drawn so far, up to its packet.
    drawn: Option<Vec<Point>>,
    selected: bool,
    dispatch: Callback<Action>,
}

#[function_component]
fn Segment(p: &SegmentProps) -> Html {
    let Some(a) = p.ladder.arrows.get(p.i) else {
        return html! {};
    };
    let lang = p.lang;
    let id = a.id;
    let selected = p.selected;
    let d = p.dispatch.clone();
    let onclick = {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(Action::Select(Some(id))))
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            e.stop_propagation();
            d.emit(Action::Select(Some(id)));
        }
    });
    // The accessible name starts with the visible words, then adds who and what became of it.
    let mut aria = a.label.text.clone();
    if let Some(tag) = &a.tag {
        aria.push(' ');
        aria.push_str(&tag.text);
    }
    aria.push_str(&format!(
        ", #{id} {} → {}",
        side_name(lang, a.from),
        side_name(lang, a.from.other())
    ));
    match a.fate {
        synack_diagram::ArrowFate::Lost => {
            aria.push_str(", ");
            aria.push_str(lang.t(T::Lost));
        }
        synack_diagram::ArrowFate::InFlight => {
            aria.push_str(", ");
            aria.push_str(lang.t(T::InFlight));
        }
        synack_diagram::ArrowFate::Arrived => {}
    }
    let moving = p.drawn.is_some() && !p.future;
    let done = !p.future && !moving;
    let full = points(&a.points);
    // While it travels, the arrow is drawn only up to its packet.
    let drawn = match (&p.drawn, moving) {
        (Some(ps), true) => points(ps),
        _ => full.clone(),
    };
    // Flags as the core writes them (`SYN|ACK`), for tests and scripts reading the page.
    let flags = p
        .trace
        .segments
        .get(id as usize)
        .map(|r| r.segment.flags.to_string())
        .unwrap_or_default();
    html! {
        <g class={classes!("segment", a.class.clone(), if a.from == Side::Client { "from-c" } else { "from-s" },
                    if p.future { "future" } else if moving { "moving" } else { "done" },
                    selected.then_some("selected"))}
            data-id={id.to_string()} data-flags={flags} data-from={if a.from == Side::Client { "client" } else { "server" }}
            tabindex="0" role="button" aria-pressed={if selected { "true" } else { "false" }}
            aria-label={aria.clone()} {onclick} {onkeydown}>
            <title>{ aria }</title>
            <polyline class="hit" points={full.clone()} />
            if moving {
                <polyline class="ghost" points={full} />
            }
            <polyline class="arrow" points={drawn} />
            if done {
                if let Some(h) = &a.head { <polygon class="head" points={points(h)} /> }
                if let Some(c) = &a.cross {
                    <g class="cross">
                        <line x1={f(c[0].x)} y1={f(c[0].y)} x2={f(c[1].x)} y2={f(c[1].y)} />
                        <line x1={f(c[2].x)} y1={f(c[2].y)} x2={f(c[3].x)} y2={f(c[3].y)} />
                    </g>
                }
            }
            { text(&a.label, "seg-label") }
            if let Some(tag) = &a.tag {
                // A leading space keeps the two texts apart in the accessible text
                // (SVG does not render it).
                { text(&Label { text: format!(" {}", tag.text), ..tag.clone() }, "seg-tag") }
            }
        </g>
    }
}
