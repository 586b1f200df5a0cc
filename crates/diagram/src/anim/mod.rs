//! The animated ladder: one self-contained SVG that plays the connection with CSS
//! `@keyframes` only — no script, no external reference, no `foreignObject` — so it moves in
//! an `<img>`, a GitHub README or inline in HTML. It is drawn from the same [`Ladder`]
//! geometry as the static export ([`crate::ladder_svg`]) and the live page.
//!
//! How it plays (one loop, [`clock`]): a playhead sweeps down the time axis at the page's
//! 1× speed (60 drawing units per second, so a compressed quiet gap takes as long as its break
//! is tall). Everything above the playhead is revealed by one clip rectangle that moves with
//! it, so arrows are drawn up to where their packet is, a lost one stops at its ✕, state bands
//! grow from when they begin and timer bars fill up towards their deadline, whose remaining
//! span shows as a faint outline while the timer runs; a packet dot travels along each arrow;
//! labels appear when their segment leaves; a caption under the ladder tells the current
//! step ([`crate::narrate_step`]). Then the final picture rests for a pause and the loop
//! starts again. Under `prefers-reduced-motion: reduce` nothing moves: the final picture.
//!
//! Size (a 10-segment ladder in at most 30 KB): equal moments share one `@keyframes` rule,
//! which holds each value until the next keyframe (`step-end`) instead of spelling both edges
//! of every change; only each packet's path has a rule of its own. The axis breaks' zig-zags
//! are one shared pattern, and text escapes no quotes ([`lean`]).

mod caption;
mod clock;
mod css;
mod lean;

use crate::svg::{self, esc, N};
use crate::{Ladder, LadderOptions, Lang};
use alloc::string::String;
use alloc::vec::Vec;
use clock::{Clock, Hundredths, Keyframes, Pct, Shared, EPS, FULL};
use core::fmt::Write;
use serde::{Deserialize, Serialize};
use synack_sim::Trace;

/// The colours of the animated drawing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Light, or dark where the reader's system prefers it (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

/// How the animation plays.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnimOptions {
    pub theme: Theme,
    /// Playhead speed in drawing units per second (the page's 1× is 60).
    pub speed: f32,
    /// Seconds before the playhead starts.
    pub lead_s: f32,
    /// Seconds the final picture rests before the loop starts again.
    pub pause_s: f32,
}

impl Default for AnimOptions {
    fn default() -> Self {
        AnimOptions {
            theme: Theme::Auto,
            speed: 60.0,
            lead_s: 0.6,
            pause_s: 3.0,
        }
    }
}

/// Margin the reveal keeps below the last instant (a ✕ or arrowhead reaches a little past it).
const MARGIN: f32 = 40.0;
/// Packet dot radius.
const DOT_R: f32 = 4.0;

/// The animated SVG of `trace`, in `lang` (which overrides `opts.lang`).
pub fn ladder_animated_svg(
    trace: &Trace,
    opts: &LadderOptions,
    lang: Lang,
    anim: &AnimOptions,
) -> String {
    let o = LadderOptions {
        lang,
        ..opts.clone()
    };
    ladder_animated_svg_of(&Ladder::new(trace, &o), trace, anim)
}

/// The animated SVG of an already built ladder (the web app's export).
pub fn ladder_animated_svg_of(ladder: &Ladder, trace: &Trace, anim: &AnimOptions) -> String {
    let lang = ladder.options.lang;
    let (title, desc) = svg::title_desc(ladder, trace);
    let id = drawing_id(&[&title, &desc], ladder, anim.theme);
    let clock = Clock::new(ladder.axis.top(), ladder.axis.bottom(), anim);
    let mut keys = Keyframes::new(&id);

    // The captions decide the drawing's height, so they are laid out first.
    let max_px = (ladder.width - 24.0).max(100.0);
    let captions: Vec<(Hundredths, Vec<String>)> = ladder
        .steps
        .list
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let y = ladder.axis.slot_y(step.at.0, 0);
            let text = ladder.narrate(trace, i, lang).text;
            (clock.at(y), caption::wrap(&text, max_px))
        })
        .collect();
    let cap_lines = captions
        .iter()
        .map(|(_, l)| l.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let cap_top = ladder.height + 4.0;
    let height = cap_top + 8.0 + caption::LINE_PX * cap_lines as f32;

    let mut body = String::with_capacity(8192 + 700 * ladder.arrows.len());
    let sweep = sweep(&clock, &mut keys);
    let _ = writeln!(
        body,
        "<defs><clipPath id=\"{id}c\"><rect class=\"sw {sweep}\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        N(ladder.width),
        N(clock.bottom + MARGIN)
    );
    let _ = writeln!(
        body,
        "<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
        N(ladder.width),
        N(height)
    );
    body.push_str("<g class=\"ticks\">\n");
    svg::ticks(&mut body, ladder);
    body.push_str("</g>\n<g class=\"lanes\">\n");
    svg::lanes(&mut body, ladder);
    // What the playhead reveals: bands, timer bars, arrows.
    let _ = write!(
        body,
        "</g>\n<g clip-path=\"url(#{id}c)\">\n<g class=\"bands\">\n"
    );
    svg::bands(&mut body, ladder);
    body.push_str("</g>\n<g class=\"timers\">\n");
    svg::timers(&mut body, ladder);
    body.push_str("</g>\n<g class=\"arrows\">\n");
    svg::flights(&mut body, ladder);
    for a in ladder.arrows.iter().filter(|a| a.flight.is_none()) {
        svg::arrow(&mut body, a, false);
    }
    body.push_str("</g>\n</g>\n<g class=\"timers\">\n");
    timers_left(&mut body, ladder, &clock, &mut keys);
    body.push_str("</g>\n<g class=\"labels\">\n");
    labels(&mut body, ladder, &clock, &mut keys);
    body.push_str("</g>\n<g class=\"breaks\">\n");
    lean::breaks(&mut body, &id, ladder);
    body.push_str("</g>\n<g class=\"dots\">\n");
    dots(&mut body, ladder, &clock, &mut keys);
    body.push_str("</g>\n");
    playhead(&mut body, ladder, &clock, &mut keys);
    let cap_h = height - cap_top;
    captions_svg(
        &mut body,
        &id,
        (ladder.width, cap_top, cap_h),
        &captions,
        &mut keys,
    );
    body.push_str("</svg>\n");

    let mut s = String::with_capacity(body.len() + keys.css.len() + 4096);
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" lang=\"{lang}\" font-family=\"{font}\">",
        w = N(ladder.width),
        h = N(height),
        lang = lang.tag(),
        font = lean::esc_attr(svg::style::FONT_STACK),
    );
    let _ = writeln!(
        s,
        "<title>{}</title>\n<desc>{}</desc>",
        lean::esc_text(&title),
        lean::esc_text(&desc)
    );
    // Whole hundredths of a second, written without float formatting (smaller in wasm).
    let cs = (clock.total_s * 100.0 + 0.5).clamp(0.0, 1e9) as u64;
    let duration = alloc::format!("{}.{:02}", cs / 100, cs % 100);
    let _ = writeln!(
        s,
        "<style>{}{}</style>",
        css::stylesheet(&id, anim.theme, &duration),
        keys.css
    );
    s.push_str(&body);
    s
}

/// A short id for the drawing's rules and keyframes, the same for the same drawing (FNV-1a).
fn drawing_id(texts: &[&str], ladder: &Ladder, theme: Theme) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |b: u8| {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    };
    for t in texts {
        t.bytes().for_each(&mut eat);
    }
    for v in [
        ladder.arrows.len() as u32,
        ladder.steps.len() as u32,
        ladder.height.to_bits(),
        ladder.width.to_bits(),
        theme as u32,
        ladder.options.seq as u32,
    ] {
        v.to_le_bytes().into_iter().for_each(&mut eat);
    }
    alloc::format!("s{:03x}", h & 0x0fff)
}

/// The clip rectangle's keyframes: its bottom edge is the playhead; after the sweep it
/// uncovers everything for the pause.
fn sweep(clock: &Clock, keys: &mut Keyframes) -> String {
    let below = clock.bottom + MARGIN;
    let (l, e) = (clock.start(), clock.end());
    keys.unique(&alloc::format!(
        "0%,{}{{transform:translateY({}px)}}{}{{transform:translateY({}px)}}{},100%{{transform:none}}",
        Pct(l),
        N(clock.top - below),
        Pct(e),
        N(-MARGIN),
        Pct(e + EPS)
    ))
}

/// The playhead line, moving with the clip's edge; hidden during the pause.
fn playhead(s: &mut String, ladder: &Ladder, clock: &Clock, keys: &mut Keyframes) {
    let [a, b] = ladder.frame(ladder.start).playhead;
    let (l, e) = (clock.start(), clock.end());
    let d = N(clock.bottom - clock.top);
    let class = keys.unique(&alloc::format!(
        "0%,{}{{opacity:1;transform:none}}{}{{opacity:1;transform:translateY({d}px)}}{},100%{{opacity:0;transform:translateY({d}px)}}",
        Pct(l),
        Pct(e),
        Pct(e + EPS)
    ));
    let _ = writeln!(
        s,
        "<line class=\"ph {class}\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>",
        N(a.x),
        N(b.x),
        y = N(clock.top)
    );
}

/// While a timer runs, the span it has left (to its deadline) as a faint outline.
fn timers_left(s: &mut String, ladder: &Ladder, clock: &Clock, keys: &mut Keyframes) {
    for b in &ladder.timers {
        let end = b.y_deadline.max(b.y + b.h);
        if end <= b.y + 0.5 {
            continue;
        }
        let Some(class) = keys.shared(Shared::Window(clock.at(b.y), clock.at(b.y + b.h))) else {
            continue;
        };
        let _ = writeln!(
            s,
            "<g class=\"{} left {class}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/><line class=\"deadline\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/></g>",
            esc(&b.class),
            N(b.x),
            N(b.y),
            N(b.w),
            N(end - b.y),
            N(b.x - 2.0),
            N(b.x + b.w + 2.0),
            y = N(end)
        );
    }
}

/// Each arrow's label and tag, shown when its segment leaves.
fn labels(s: &mut String, ladder: &Ladder, clock: &Clock, keys: &mut Keyframes) {
    for a in ladder
        .arrows
        .iter()
        .filter(|a| a.label_shown && a.flight.is_none())
    {
        let y0 = a.points.first().map_or(clock.top, |p| p.y);
        let class = keys.shared(Shared::Show(clock.at(y0)));
        let _ = write!(
            s,
            "<g class=\"{}{}{}\">",
            esc(&a.class),
            if class.is_some() { " " } else { "" },
            class.as_deref().unwrap_or("")
        );
        svg::arrow_labels(s, a);
        s.push_str("</g>\n");
    }
}

/// A packet dot per arrow, travelling from its first point to its last (its ✕ if lost) while
/// the playhead crosses the arrow. Outside that span it is hidden (its base opacity is 0, which
/// the missing 0% and 100% keyframes take), wherever it drifts.
fn dots(s: &mut String, ladder: &Ladder, clock: &Clock, keys: &mut Keyframes) {
    for a in ladder.arrows.iter().filter(|a| a.flight.is_none()) {
        let (Some(p), Some(q)) = (a.points.first(), a.points.last()) else {
            continue;
        };
        let (t0, t1) = (clock.at(p.y), clock.at(q.y));
        if t1 <= t0 + EPS || t1 >= FULL {
            continue;
        }
        let class = keys.unique(&alloc::format!(
            "{}{{opacity:0;transform:translate({}px,{}px)}}{}{{opacity:1}}{}{{opacity:1;transform:translate({x}px,{y}px)}}{}{{opacity:0}}",
            Pct(t0),
            N(p.x),
            N(p.y),
            Pct(t0 + EPS),
            Pct(t1),
            Pct(t1 + EPS),
            x = N(q.x),
            y = N(q.y)
        ));
        let _ = writeln!(
            s,
            "<circle class=\"dot {} {class}\" r=\"{}\"/>",
            a.kind.class(),
            N(DOT_R)
        );
    }
}

/// The caption line: every step's narration on one film strip, which the keyframes move so
/// that the current step's shows through a window under the ladder (one rule for all steps).
/// At rest (no motion) the strip shows the last step.
fn captions_svg(
    s: &mut String,
    id: &str,
    area: (f32, f32, f32),
    captions: &[(Hundredths, Vec<String>)],
    keys: &mut Keyframes,
) {
    let (width, top, h) = area;
    let _ = writeln!(
        s,
        "<line class=\"cap-rule\" x1=\"12\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>\n<defs><clipPath id=\"{id}k\"><rect x=\"0\" y=\"{y}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        N(width - 12.0),
        N(width),
        N(h),
        y = N(top)
    );
    let n = captions.len();
    // Caption k sits (n - 1 - k) windows above the window; step k moves it down into it, and
    // it stays until the next step (the animation holds each keyframe: `step-end`). Of steps
    // at one moment, the last one shows.
    let mut moments: Vec<(Hundredths, usize)> = Vec::with_capacity(n);
    for (k, (at, _)) in captions.iter().enumerate() {
        let from = if k == 0 { 0 } else { (*at).min(FULL - EPS) };
        match moments.last_mut() {
            Some(last) if from <= last.0 => last.1 = n.saturating_sub(1 + k),
            _ => moments.push((from, n.saturating_sub(1 + k))),
        }
    }
    let mut frames = String::new();
    for (t, windows) in moments {
        match windows {
            0 => {
                let _ = write!(frames, "{}{{transform:none}}", Pct(t));
            }
            w => {
                let _ = write!(
                    frames,
                    "{}{{transform:translateY({}px)}}",
                    Pct(t),
                    N(h * w as f32)
                );
            }
        }
    }
    let class = keys.unique(&frames);
    let _ = writeln!(s, "<g clip-path=\"url(#{id}k)\"><g class=\"{class}\">");
    for (k, (_, lines)) in captions.iter().enumerate() {
        let y0 = top - h * n.saturating_sub(1 + k) as f32;
        s.push_str("<g class=\"cap\">");
        for (j, line) in lines.iter().enumerate() {
            let _ = write!(
                s,
                "<text x=\"12\" y=\"{}\">{}</text>",
                N(y0 + caption::LINE_PX * (j as f32 + 1.0)),
                lean::esc_text(line)
            );
        }
        s.push_str("</g>\n");
    }
    s.push_str("</g></g>\n");
}
