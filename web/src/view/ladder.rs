//! The ladder (sequence) diagram: copies `synack_diagram::Ladder` geometry (and its frame at
//! the playhead) into one `<svg>` with a fixed viewBox. Segments are focusable buttons; Enter
//! or a click opens the header inspector.

use synack_core::{Instant, State};
use synack_diagram::{Label, Ladder, Phase, Point};
use synack_sim::{Side, Trace};
use yew::prelude::*;

use crate::fmt::duration_us;
use crate::i18n::{Lang, T};
use crate::ptr::P;
use crate::state::Action;

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

fn points(ps: &[Point]) -> String {
    ps.iter()
        .map(|p| format!("{},{}", f(p.x), f(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `<text>` for a layout label (rotated about its anchor when it has an angle).
fn text(l: &Label, class: &'static str) -> Html {
    let transform =
        (l.angle != 0.0).then(|| format!("rotate({} {} {})", f(l.angle), f(l.at.x), f(l.at.y)));
    html! {
        <text class={class} x={f(l.at.x)} y={f(l.at.y)} text-anchor={l.anchor.svg()} {transform}>{ l.text.clone() }</text>
    }
}

#[function_component]
pub fn LadderView(p: &LadderProps) -> Html {
    let l = &*p.ladder;
    let lang = p.lang;
    let frame = l.frame(Instant(p.playhead));
    let scroller = use_node_ref();

    // Keep the playhead in view while playing or stepping: scroll the ladder's own box.
    {
        let scroller = scroller.clone();
        let (y, h) = (f64::from(frame.y), f64::from(l.height));
        use_effect_with((p.playhead, p.ladder.clone()), move |_| {
            if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                let box_h = f64::from(el.client_height());
                let svg_h = f64::from(el.scroll_height());
                if box_h > 0.0 && svg_h > box_h && h > 0.0 {
                    let target = y / h * svg_h;
                    let top = f64::from(el.scroll_top());
                    if target < top + box_h * 0.1 || target > top + box_h * 0.8 {
                        el.set_scroll_top((target - box_h * 0.4).max(0.0) as i32);
                    }
                }
            }
        });
    }

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
    let bands = l.bands.iter().enumerate().map(|(i, b)| {
        let current = frame.bands.contains(&Some(i));
        let future = b.t0.micros() > p.playhead;
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
    let timers = l.timers.iter().enumerate().map(|(i, b)| {
        let live = frame.timers.iter().find(|lt| lt.bar == i);
        // A running timer counts down beside its bar, on the playhead line.
        let countdown = live.map(|lt| {
            let (x, anchor) = match b.side {
                Side::Client => (b.x + b.w + 3.0, "start"),
                Side::Server => (b.x - 3.0, "end"),
            };
            html! { <text class="countdown" x={f(x)} y={f(frame.y - 3.0)} text-anchor={anchor}>{ duration_us(lt.remaining_us) }</text> }
        });
        let live = live.is_some();
        let future = b.armed.micros() > p.playhead;
        html! {
            <g class={classes!(b.class.clone(), live.then_some("live"), future.then_some("future"))}>
                <title>{ b.label.text.clone() }</title>
                <rect x={f(b.x)} y={f(b.y)} width={f(b.w)} height={f(b.h)} />
                <line class="deadline" x1={f(b.x - 2.0)} y1={f(b.y_deadline)} x2={f(b.x + b.w + 2.0)} y2={f(b.y_deadline)} />
                if b.label_fits { { text(&b.label, "timer-label") } }
                { for countdown }
            </g>
        }
    });
    let arrows = l.arrows.iter().enumerate().map(|(i, a)| {
        let id = a.id;
        let phase = frame.phase(i);
        let selected = p.selection == Some(id);
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
            aria.push_str(&format!(" {}", tag.text));
        }
        aria.push_str(&format!(", #{id} {} → {}", side_name(lang, a.from), side_name(lang, a.from.other())));
        match a.fate {
            synack_diagram::ArrowFate::Lost => aria.push_str(&format!(", {}", lang.t(T::Lost))),
            synack_diagram::ArrowFate::InFlight => aria.push_str(&format!(", {}", lang.t(T::InFlight))),
            synack_diagram::ArrowFate::Arrived => {}
        }
        // While it travels, the arrow is drawn only up to its packet.
        let moving = frame.moving.iter().find(|m| m.arrow == i);
        let drawn = moving.map_or_else(|| points(&a.points), |m| points(&m.points));
        let done = phase == Phase::Done;
        // Flags as the core writes them (`SYN|ACK`), for tests and scripts reading the page.
        let flags = p.trace.segments.get(id as usize).map(|r| r.segment.flags.to_string()).unwrap_or_default();
        html! {
            <g class={classes!("segment", a.class.clone(), if a.from == Side::Client { "from-c" } else { "from-s" },
                        match phase { Phase::Future => "future", Phase::Moving => "moving", Phase::Done => "done" },
                        selected.then_some("selected"))}
                data-id={id.to_string()} data-flags={flags} data-from={if a.from == Side::Client { "client" } else { "server" }}
                tabindex="0" role="button" aria-pressed={if selected { "true" } else { "false" }}
                aria-label={aria.clone()} {onclick} {onkeydown}>
                <title>{ aria.clone() }</title>
                <polyline class="hit" points={points(&a.points)} />
                if phase == Phase::Moving {
                    <polyline class="ghost" points={points(&a.points)} />
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
                    { for ticks }
                    { for breaks }
                    { for lanes }
                    { for bands }
                    { for timers }
                    { for arrows }
                    <line class="playhead" x1={f(p0.x)} y1={f(p0.y)} x2={f(p1.x)} y2={f(p1.y)} />
                    { for dots }
                </svg>
            </div>
        </figure>
        </>
    }
}
