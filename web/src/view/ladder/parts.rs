//! The ladder's pieces: the backdrop (ticks, breaks, lanes) and the blocks of bands, timer
//! bars and arrows. Each block's props are only its elements' playhead-dependent state, so
//! Yew skips every block whose state did not change.

use synack_diagram::{Label, Ladder, LiveTimer, Moving, Point};
use synack_sim::{Side, Trace};
use yew::prelude::*;

use super::{bit, f, points, side_name, state_class, text};
use crate::i18n::{Lang, Words, T};
use crate::ptr::P;
use synack_diagram::fmt::duration;

#[derive(Properties, PartialEq)]
pub(super) struct BackdropProps {
    pub ladder: P<Ladder>,
}

/// Ticks, axis breaks and lanes: nothing here depends on the playhead.
#[function_component]
pub(super) fn Backdrop(p: &BackdropProps) -> Html {
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
pub(super) struct BandBlockProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub lo: usize,
    pub hi: usize,
    /// Bit per band: not begun yet.
    pub future: u64,
    /// Bit per band: a side's current band.
    pub current: u64,
}

/// State bands `lo..hi`.
#[function_component]
pub(super) fn BandBlock(p: &BandBlockProps) -> Html {
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
                    <title>{ format!("{}{}{}", side_name(lang, b.side), lang.t(T::Colon), b.state) }</title>
                </rect>
                { text(&b.label, "band-label") }
            </g>
        }
    });
    html! { <>{ for bands }</> }
}

#[derive(Properties, PartialEq)]
pub(super) struct TimerBlockProps {
    pub ladder: P<Ladder>,
    pub lo: usize,
    pub hi: usize,
    /// Bit per bar: not armed yet.
    pub future: u64,
    /// The block's timers running at the playhead.
    pub live: Vec<LiveTimer>,
    /// The playhead's y (0 when none is live).
    pub y: f32,
}

/// Timer bars `lo..hi`; each is its own component, so only a running one re-renders.
#[function_component]
pub(super) fn TimerBlock(p: &TimerBlockProps) -> Html {
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
        html! { <text class="countdown" x={f(x)} y={f(p.y - 3.0)} text-anchor={anchor}>{ duration(us) }</text> }
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
pub(super) struct ArrowBlockProps {
    pub lang: Lang,
    pub ladder: P<Ladder>,
    pub trace: P<Trace>,
    pub lo: usize,
    pub hi: usize,
    /// `lo..started` have been sent.
    pub started: usize,
    /// The block's arrows in flight.
    pub moving: Vec<Moving>,
    /// The selected segment, if it is in this block.
    pub selected: Option<u32>,
}

/// Arrows `lo..hi`; each is its own component, so only one whose phase changed re-renders.
/// Members of collapsed flights get none: a long run of components that render nothing
/// chains Yew's sibling slots, one per component, and dropping a chain of thousands overflows
/// the stack (a 10,000-segment trace did).
#[function_component]
pub(super) fn ArrowBlock(p: &ArrowBlockProps) -> Html {
    let arrows = p.ladder.arrows.get(p.lo..p.hi).unwrap_or_default();
    let drawn = arrows
        .iter()
        .zip(p.lo..)
        .filter(|(a, _)| a.flight.is_none());
    let segs = drawn.map(|(_, i)| {
        let future = i >= p.started;
        let drawn = p.moving.iter().find(|m| m.arrow == i).map(|m| m.points.clone());
        let selected = p
            .selected
            .is_some_and(|id| p.ladder.arrows.get(i).is_some_and(|a| a.id == id));
        html! {
            <Segment key={i} lang={p.lang} ladder={p.ladder.clone()} trace={p.trace.clone()} {i} {future} {drawn}
                {selected} />
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
}

#[function_component]
fn Segment(p: &SegmentProps) -> Html {
    // A member of a collapsed flight is drawn as its band (flights.rs).
    let Some(a) = p.ladder.arrows.get(p.i).filter(|a| a.flight.is_none()) else {
        return html! {};
    };
    let lang = p.lang;
    let id = a.id;
    let selected = p.selected;
    // The accessible name starts with the visible words, then adds who and what became of it.
    let mut aria = a.label_text();
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
    if let Some(e) = &a.estimated {
        aria.push_str(", ");
        aria.push_str(e.title);
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
            aria-label={aria.clone()}>
            <title>{ aria }</title>
            // The selected segment: its pale band gets a dark edge, so it stands out on any
            // background (and not by colour alone).
            if selected {
                <polyline class="ring" points={full.clone()} />
            }
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
                // An estimated time (a capture taken at one end): that end dashed, and "≈".
                if let Some(e) = &a.estimated {
                    <polyline class="est" points={points(&e.line)} />
                    { text(&e.mark, "est-mark") }
                }
            }
            // Where the layout found no free spot for the label (a dense burst), it is only in
            // the tooltip and the accessible name, as in the SVG export: no smear of text.
            if a.label_shown {
                { text(&a.label, "seg-label") }
                if let Some(more) = &a.label_more {
                    { text(&Label { text: format!(" {}", more.text), ..more.clone() }, "seg-label") }
                }
                if let Some(tag) = &a.tag {
                    // A leading space keeps the two texts apart in the accessible text
                    // (SVG does not render it).
                    { text(&Label { text: format!(" {}", tag.text), ..tag.clone() }, "seg-tag") }
                }
            }
        </g>
    }
}
