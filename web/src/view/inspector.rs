//! The header inspector: the selected segment's TCP header as RFC 9293's 32-bit-row diagram,
//! its bytes in hex, and a table of every field with its value and meaning. Pointing at (or
//! focusing) a field highlights its bytes, and pointing at a byte highlights its field.
//! "Drop this segment" asks the simulator what would have happened had it been lost: a what-if
//! of a simulated run only, so its row is hidden (by CSS, web/style.css) while a capture or a
//! packetdrill run is shown.

use synack_core::Flags;
use synack_sim::{Fate, Trace};
use synack_text::explain::FieldKey;
use yew::prelude::*;

use super::ladder::side_name;
use super::{n, send};
use crate::fmt::{instant_us, push_fixed1, push_u64};
use crate::i18n::{Lang, Words, T};
use crate::layout::header::{explain, Header};
use crate::layout::words::reason_name;
use crate::ptr::P;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub selection: Option<u32>,
    pub absolute: bool,
    /// How many what-if drops are in force (for the undo button).
    pub drops: usize,
    pub dispatch: Callback<Action>,
}

const COL_W: f64 = 20.0;
const ROW_H: f64 = 42.0;
const RULER_H: f64 = 16.0;

fn short_name(h: &Header, i: usize) -> String {
    let Some(f) = h.fields.get(i) else {
        return String::new();
    };
    if let Some(flag) = f.key.flag() {
        return Flags::NAMED
            .iter()
            .find(|(fl, _)| *fl == flag)
            .map_or("", |(_, nm)| nm)
            .to_string();
    }
    f.name.to_string()
}

#[function_component]
pub fn Inspector(p: &InspectorProps) -> Html {
    let lang = p.lang;
    let hover = use_state(|| None::<usize>);
    // A new segment starts with nothing highlighted. On a phone the inspector sits below the
    // ladder: bring it into view when a segment is chosen (on wide screens it is already
    // visible and nothing moves). One effect for both: each effect is its own type in the wasm.
    let panel = use_node_ref();
    {
        let (hover, panel) = (hover.clone(), panel.clone());
        use_effect_with(p.selection, move |sel| {
            hover.set(None);
            let el = panel.cast::<web_sys::Element>();
            let below = web_sys::window()
                .and_then(|w| w.inner_height().ok())
                .and_then(|h| h.as_f64())
                .zip(el.as_ref().map(|e| e.get_bounding_client_rect().top()))
                .is_some_and(|(h, top)| top > h * 0.8);
            if let (Some(el), true, true) = (el, sel.is_some(), below) {
                el.scroll_into_view();
            }
        });
    }
    let body = match p.selection.and_then(|id| p.trace.segments.get(id as usize)) {
        None => html! { <p class="hint">{ lang.t(T::InspectorHint) }</p> },
        Some(rec) => {
            match explain(&p.trace, rec, lang, p.absolute) {
                Err(e) => {
                    html! { <p role="alert">{ lang.f(T::ErrorSimulation, &[("error", &e)]) }</p> }
                }
                Ok(h) => {
                    let hv = *hover;
                    let set = |i: Option<usize>| {
                        let hover = hover.clone();
                        Callback::from(move |_: MouseEvent| hover.set(i))
                    };
                    let focus = |i: Option<usize>| {
                        let hover = hover.clone();
                        Callback::from(move |_: FocusEvent| hover.set(i))
                    };
                    let header_cells = h.cells.iter().filter_map(|c| {
                    let f = h.fields.get(c.field)?;
                    let x = f64::from(c.col) * COL_W;
                    let y = RULER_H + f64::from(c.row) * ROW_H;
                    let w = f64::from(c.cols) * COL_W;
                    let on = hv == Some(c.field);
                    // A field split across rows shows its value once, in its widest cell
                    // (the first of equals); the other cells only repeat its name.
                    let widest = h
                        .cells
                        .iter()
                        .filter(|o| o.field == c.field)
                        .fold(None::<&crate::layout::header::Cell>, |best, o| match best {
                            Some(b) if b.cols >= o.cols => Some(b),
                            _ => Some(o),
                        });
                    let first = widest.is_none_or(|w| w == c);
                    let name = if c.cols >= 3 || f.key.flag().is_some() { short_name(&h, c.field) } else { String::new() };
                    let value = match (first, f.raw) {
                        (false, _) => String::new(),
                        // Narrow fields show their number; the table has the words.
                        (true, Some(r)) if c.cols < 8 => r.to_string(),
                        _ => f.display.clone(),
                    };
                    let flag = f.key.flag().is_some();
                    let mut class = String::from("hcell");
                    if flag {
                        class.push_str(if f.raw == Some(1) { " flagbit set" } else { " flagbit" });
                    }
                    if on {
                        class.push_str(" hl");
                    }
                    let mut title = String::from(f.name);
                    title.push_str(lang.t(T::Colon));
                    title.push_str(&f.display);
                    Some(html! {
                        <g {class}
                            data-field={f.key.to_string()}
                            onmouseenter={set(Some(c.field))} onmouseleave={set(None)}>
                            <title>{ title }</title>
                            <rect x={n(x)} y={n(y)} width={n(w)} height={n(ROW_H)} />
                            <text class="hname" x={n(x + w / 2.0)} y={n(y + 15.0)} text-anchor="middle">{ name }</text>
                            <text class="hval" x={n(x + w / 2.0)} y={n(y + 32.0)} text-anchor="middle">{ clip(&value, c.cols as usize) }</text>
                        </g>
                    })
                });
                    let ruler = (0..32).step_by(4).map(|b| html! {
                    <text class="ruler" x={n(f64::from(b) * COL_W + 2.0)} y="11">{ b }</text>
                });
                    let svg_h = RULER_H + f64::from(h.rows) * ROW_H + 1.0;
                    let bytes = h.bytes.iter().enumerate().map(|(i, b)| {
                    let fi = h.byte_field.get(i).copied().flatten();
                    let on = hv.is_some_and(|f| h.byte_in(i, f));
                    let payload = fi.and_then(|f| h.fields.get(f)).is_some_and(|f| f.key == FieldKey::Payload);
                    html! {
                        <span class={match (on, payload) { (false, false) => "byte", (true, false) => "byte hl", (false, true) => "byte payload", (true, true) => "byte hl payload" }}
                            onmouseenter={set(fi)} onmouseleave={set(None)}>{ hex2(*b) }</span>
                    }
                });
                    let rows = h.fields.iter().enumerate().map(|(i, f)| {
                    let on = hv == Some(i);
                    let (a, b) = (f.byte_range().start, f.byte_range().end);
                    html! {
                        <tr class={if on { "hl" } else { "" }} tabindex="0" data-field={f.key.to_string()}
                            onmouseenter={set(Some(i))} onmouseleave={set(None)} onfocus={focus(Some(i))} onblur={focus(None)}>
                            <th scope="row">{ f.name }<span class="bytes-range">{ byte_range(a, b) }</span></th>
                            <td>
                                <span class="val">{ f.display.clone() }</span>
                                <span class="means">{ f.means.clone() }</span>
                                <span class="what">{ f.what }{ " (" }{ f.rfc }{ ")" }</span>
                            </td>
                        </tr>
                    }
                });
                    let when = match rec.fate {
                        Fate::Arrived { at } => {
                            lang.f(T::ArrivedAt, &[("t", &instant_us(at.micros()))])
                        }
                        Fate::Lost { .. } => lang.t(T::LostAt).to_string(),
                        Fate::InFlight => lang.t(T::NeverArrived).to_string(),
                    };
                    let drop_btn = {
                        let id = rec.id;
                        let lost = matches!(rec.fate, Fate::Lost { .. });
                        html! {
                            <button type="button" class="drop" disabled={lost}
                                onclick={send(&p.dispatch, Action::DropSegment(id))}>{ "✕ " }{ lang.t(T::DropThis) }</button>
                        }
                    };
                    let undo = (p.drops > 0).then(|| {
                    html! { <button type="button" class="undo" onclick={send(&p.dispatch, Action::UndoDrop)}>{ "↶ " }{ lang.t(T::UndoDrop) }</button> }
                });
                    let close = {
                        html! { <button type="button" class="close" aria-label={lang.t(T::CloseInspector)} title={lang.t(T::CloseInspector)}
                        onclick={send(&p.dispatch, Action::Select(None))}><span aria-hidden="true">{ "×" }</span></button> }
                    };
                    html! {
                        <>
                        <div class="insp-head">
                            <h3>{ lang.f(T::InspectorSegment, &[("n", &rec.id.to_string()), ("from", side_name(lang, rec.from)), ("to", side_name(lang, rec.from.other()))]) }
                                { " " }<span class="flags-badge">{ rec.segment.flags.to_string() }</span></h3>
                            { close }
                        </div>
                        <p class="when">{ lang.f(T::SentAt, &[("t", &instant_us(rec.sent_at.micros()))]) }{ " · " }{ when }
                            { " · " }{ lang.t(T::SendReasonLabel) }{ lang.t(T::Colon) }{ reason_name(lang, rec.reason) }</p>
                        <div class="whatif-row">{ drop_btn }{ for undo }<span class="hint">{ lang.t(T::DropHint) }</span></div>
                        <svg class="header-diagram" viewBox={view_box(svg_h)} role="img"
                            aria-label={lang.t(T::InspectorTitle)}>
                            { for ruler }
                            { for header_cells }
                        </svg>
                        <h4>{ lang.t(T::HexBytes) }</h4>
                        <div class="hex" lang="en">{ for bytes }</div>
                        <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(T::InspectorTitle)}>
                            <table class="fields">
                                <thead><tr><th scope="col">{ lang.t(T::FieldColumn) }</th><th scope="col">{ lang.t(T::ValueColumn) }{ " · " }{ lang.t(T::MeaningColumn) }</th></tr></thead>
                                <tbody>{ for rows }</tbody>
                            </table>
                        </div>
                        </>
                    }
                }
            }
        }
    };
    html! {
        // Not a landmark itself: its table's scroll box is, under the same name (axe's
        // landmark-unique).
        <section class={if p.selection.is_some() { "panel inspector open" } else { "panel inspector" }} id="inspector" ref={panel}>
            <h2 id="insp-h">{ lang.t(T::InspectorTitle) }</h2>
            { body }
        </section>
    }
}

/// A byte as two lower-case hex digits.
fn hex2(b: u8) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    [b >> 4, b & 15]
        .iter()
        .filter_map(|&d| HEX.get(usize::from(d)).map(|&c| char::from(c)))
        .collect()
}

/// `[a–b-1]`: the bytes of a field.
fn byte_range(a: usize, b: usize) -> String {
    let mut s = String::from("[");
    push_u64(&mut s, a as u64);
    s.push('–');
    push_u64(&mut s, b.saturating_sub(1) as u64);
    s.push(']');
    s
}

/// The header diagram's viewBox: 32 bit columns wide, `h` high.
fn view_box(h: f64) -> String {
    let mut s = String::from("0 0 ");
    push_fixed1(&mut s, 32.0 * COL_W);
    s.push(' ');
    push_fixed1(&mut s, h);
    s
}

/// Shortens a value to what fits in `cols` bit columns (about 3 characters per 2 columns).
fn clip(s: &str, cols: usize) -> String {
    let max = (cols * 3 / 2).max(1);
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
