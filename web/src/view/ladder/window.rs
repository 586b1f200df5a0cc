//! The ladder's scroll box: its size and scroll offset (measured by a ResizeObserver and a
//! scroll listener, never during a render: a layout read there forces the browser to lay the
//! page out mid-frame), where to scroll to keep the playhead in view, and which blocks of a
//! long ladder are near enough to what is on screen to be drawn.
//!
//! A browser styles, lays out and paints every element in the DOM, seen or not: 1,651
//! segments cost ~150 ms a frame whatever the script does. So a long ladder draws only the
//! blocks whose y-extent (from `Ladder::blocks`, once per ladder) meets the visible part of
//! the box plus [`MARGIN`] box heights above and below. Which blocks that is changes only
//! when scrolling crosses a block's edge: the listeners re-render only then, never once per
//! scroll event.

use std::cell::RefCell;
use std::rc::Rc;

use synack_diagram::ladder::LadderBlocks;
use synack_diagram::Ladder;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::BLOCK;
use crate::listen::listen;
use crate::ptr::P;

/// Ladders with at most this many arrows are drawn whole, exactly as before windowing: every
/// preset but the bulk transfer (1,651) is far below it, and a few hundred segments style
/// and paint within a frame. Whole drawings also keep printing, "find in page" and tests that
/// count every segment simple.
pub const WINDOW_MIN_ARROWS: usize = 256;

/// Box heights drawn above and below the visible part, so that scrolling (which the
/// compositor does ahead of the main thread) and the auto-scroll while playing (0.4 box
/// heights, see [`follow`]) find the next blocks drawn already.
const MARGIN: f64 = 0.5;

/// After a jump (a seek, a step, the auto-scroll) only the blocks in view are drawn at once
/// (mounting them is most of a seek's cost); the margins follow when nothing has moved for
/// this long, so that scrubbing does not pay for blocks it leaves at once.
const WIDEN_MS: u32 = 120;

/// The box's height assumed before it is measured (the first render), px.
const GUESS_BOX_PX: f64 = 1000.0;

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

/// Where to scroll (px) so that the playhead at `y` (drawing units) is comfortably in view,
/// or None when it already is.
fn follow(s: BoxSize, y: f32, height: f32) -> Option<f64> {
    let (y, h) = (f64::from(y), f64::from(height));
    if s.box_h <= 0.0 || s.svg_h <= s.box_h || h <= 0.0 {
        return None;
    }
    let target = y / h * s.svg_h;
    (target < s.top + s.box_h * 0.1 || target > s.top + s.box_h * 0.8)
        .then(|| (target - s.box_h * 0.4).clamp(0.0, s.svg_h - s.box_h))
}

/// The blocks of each kind to draw, by block index (ascending).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub arrows: Vec<usize>,
    pub bands: Vec<usize>,
    pub timers: Vec<usize>,
}

/// The blocks meeting the box scrolled to `top`, plus `margin` box heights.
fn shown(b: &LadderBlocks, s: BoxSize, top: f64, height: f32, margin: f64) -> Shown {
    let (box_h, units_per_px) = if s.box_h > 0.0 && s.svg_h > 0.0 {
        (s.box_h, f64::from(height) / s.svg_h)
    } else {
        (GUESS_BOX_PX, 1.0)
    };
    let y0 = ((top - box_h * margin) * units_per_px) as f32;
    let y1 = ((top + box_h * (1.0 + margin)) * units_per_px) as f32;
    Shown {
        arrows: b.arrows.meeting(y0, y1).collect(),
        bands: b.bands.meeting(y0, y1).collect(),
        timers: b.timers.meeting(y0, y1).collect(),
    }
}

impl Shown {
    /// The blocks of either.
    fn union(&self, other: &Shown) -> Shown {
        // Both ascending: merged in one pass (no sort to ship).
        let merge = |a: &[usize], b: &[usize]| {
            let mut v = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (a.iter().peekable(), b.iter().peekable());
            loop {
                let next = match (i.peek(), j.peek()) {
                    (Some(&&x), Some(&&y)) if x < y => i.next(),
                    (Some(&&x), Some(&&y)) if x > y => j.next(),
                    (Some(_), Some(_)) => {
                        i.next();
                        j.next()
                    }
                    (Some(_), None) => i.next(),
                    (None, _) => j.next(),
                };
                match next {
                    Some(&k) => v.push(k),
                    None => break v,
                }
            }
        };
        Shown {
            arrows: merge(&self.arrows, &other.arrows),
            bands: merge(&self.bands, &other.bands),
            timers: merge(&self.timers, &other.timers),
        }
    }
}

/// What the listeners need to tell whether a scroll or resize changes the window.
#[derive(Default)]
struct Shared {
    /// The current ladder's block extents; None when it is drawn whole.
    blocks: Option<Rc<LadderBlocks>>,
    height: f32,
    /// Between `beforeprint` and `afterprint`: draw everything.
    printing: bool,
    /// Whether the margins are drawn (false from a jump until [`WIDEN_MS`] after it).
    wide: bool,
    /// The pending widening after a jump (dropping it cancels it).
    widen: Option<gloo_timers::callback::Timeout>,
    /// The window of the last render.
    last: Option<Shown>,
    /// The playhead and ladder of the last render (the follow effect runs when they change).
    seen: Option<(u64, *const Ladder)>,
}

impl Shared {
    fn window(&self, s: BoxSize, top: f64) -> Option<Shown> {
        match &self.blocks {
            Some(b) if !self.printing => {
                let margin = if self.wide { MARGIN } else { 0.0 };
                Some(shown(b, s, top, self.height, margin))
            }
            _ => None,
        }
    }
}

/// Re-measures the box; re-renders only if that changes which blocks to draw.
fn refresh(
    el: &web_sys::HtmlElement,
    size: &RefCell<BoxSize>,
    shared: &RefCell<Shared>,
    force: &UseForceUpdateHandle,
) {
    measure(el, size);
    let s = size.try_borrow().map(|s| *s).unwrap_or_default();
    let changed = shared
        .try_borrow()
        .is_ok_and(|sh| sh.window(s, s.top) != sh.last);
    if changed {
        force.force_update();
    }
}

/// Measures the scroll box `scroller`, keeps the playhead (at `y`, drawing units) in view
/// when it moves, and says which blocks to draw: None for all of them.
#[hook]
pub fn use_window(scroller: &NodeRef, ladder: &P<Ladder>, playhead: u64, y: f32) -> Option<Shown> {
    let size = use_mut_ref(BoxSize::default);
    let shared = use_mut_ref(|| Shared {
        wide: true,
        ..Shared::default()
    });
    let force = use_force_update();
    let blocks = use_memo(ladder.clone(), |l| {
        (l.arrows.len() > WINDOW_MIN_ARROWS).then(|| Rc::new(l.blocks(BLOCK)))
    });

    // Measure the box when it or the drawing changes size (after layout, so reading is
    // free), follow its scrolling, and draw everything while printing.
    {
        let (scroller, size, shared, force) = (
            scroller.clone(),
            size.clone(),
            shared.clone(),
            force.clone(),
        );
        use_effect_with((), move |_| {
            let guard = scroller.cast::<web_sys::HtmlElement>().map(|el| {
                let shared2 = shared.clone();
                let update = Rc::new(move |el: &web_sys::HtmlElement| {
                    refresh(el, &size, &shared2, &force);
                });
                let (el2, u2) = (el.clone(), update.clone());
                let on_resize = Closure::<dyn FnMut(JsValue)>::new(move |_| u2(&el2));
                let ro = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                if let Some(ro) = &ro {
                    ro.observe(&el);
                    if let Some(svg) = el.first_element_child() {
                        ro.observe(&svg);
                    }
                }
                let (el3, u3) = (el.clone(), update.clone());
                let scroll = listen(&el, "scroll", move |_| u3(&el3));
                let print = web_sys::window().map(|w| {
                    let printing = |on: bool| {
                        let (el, update, shared) = (el.clone(), update.clone(), shared.clone());
                        move |_| {
                            if let Ok(mut sh) = shared.try_borrow_mut() {
                                sh.printing = on;
                            }
                            update(&el);
                        }
                    };
                    (
                        listen(&w, "beforeprint", printing(true)),
                        listen(&w, "afterprint", printing(false)),
                    )
                });
                (ro, on_resize, scroll, print)
            });
            move || {
                if let Some((Some(ro), ..)) = &guard {
                    ro.disconnect();
                }
                drop(guard);
            }
        });
    }

    // Keep the playhead in view while playing or stepping: scroll the ladder's own box.
    let s = size.try_borrow().map(|s| *s).unwrap_or_default();
    let key = (playhead, Rc::as_ptr(&ladder.0));
    let windowed = blocks.is_some();
    let window = match shared.try_borrow_mut() {
        Ok(mut sh) => {
            let moved = sh.seen != Some(key);
            sh.seen = Some(key);
            sh.blocks = (*blocks).clone();
            sh.height = ladder.height;
            let to = if moved && windowed {
                follow(s, y, ladder.height)
            } else {
                None
            };
            let window = match to {
                // A jump: draw the blocks in view at the new position, and keep those of the
                // old one until the scroll (set by the effect below) lands. Yew may yield to
                // the browser between this render and its effects when the render took long;
                // a frame painted in between then still shows the old view whole, never a gap.
                Some(top) => {
                    sh.wide = false;
                    let old = sh.last.take();
                    let new = sh.window(s, top);
                    match (old, new) {
                        (Some(old), Some(new)) => Some(old.union(&new)),
                        (_, new) => new,
                    }
                }
                None => sh.window(s, s.top),
            };
            sh.last = window.clone();
            window
        }
        Err(_) => None,
    };

    // The ladder scrolls after the frame that drew the new blocks is drawn (a zero timeout),
    // when setting it costs no layout. Right after a jump only the blocks in view (and those
    // of the old position) are drawn; the margins follow after WIDEN_MS.
    {
        let (scroller, size, shared, force) = (
            scroller.clone(),
            size.clone(),
            shared.clone(),
            force.clone(),
        );
        let height = ladder.height;
        use_effect_with((playhead, ladder.clone()), move |_| {
            let s = size.try_borrow().map(|s| *s).unwrap_or_default();
            let Some(top) = follow(s, y, height) else {
                return;
            };
            if let Ok(mut s) = size.try_borrow_mut() {
                s.top = top;
            }
            let Some(el) = scroller.cast::<web_sys::HtmlElement>() else {
                return;
            };
            // After this frame is drawn (a zero timeout): setting it now would force the
            // browser to style and lay out the new blocks inside the script, on top of the
            // frame's own layout (2-3 ms of each auto-scrolling frame of a long trace). The
            // frame drawn meanwhile still shows the old position whole (its blocks are kept).
            let el2 = el.clone();
            gloo_timers::callback::Timeout::new(0, move || el2.set_scroll_top(top as i32)).forget();
            if !windowed {
                return;
            }
            let (size2, shared2) = (size.clone(), shared.clone());
            let widen = gloo_timers::callback::Timeout::new(WIDEN_MS, move || {
                if let Ok(mut sh) = shared2.try_borrow_mut() {
                    sh.wide = true;
                }
                refresh(&el, &size2, &shared2, &force);
            });
            if let Ok(mut sh) = shared.try_borrow_mut() {
                sh.widen = Some(widen);
            }
        });
    }
    window
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_merges_ascending_block_lists() {
        let a = Shown {
            arrows: vec![1, 2, 5],
            bands: vec![0],
            timers: vec![],
        };
        let b = Shown {
            arrows: vec![2, 3, 9],
            bands: vec![0],
            timers: vec![4],
        };
        let u = a.union(&b);
        assert_eq!(u.arrows, vec![1, 2, 3, 5, 9]);
        assert_eq!(u.bands, vec![0]);
        assert_eq!(u.timers, vec![4]);
    }

    #[test]
    fn follow_scrolls_only_when_the_playhead_leaves_the_comfortable_band() {
        let s = BoxSize {
            box_h: 100.0,
            svg_h: 1000.0,
            top: 0.0,
        };
        // Drawing of 1000 units shown at 1 px per unit.
        assert_eq!(follow(s, 50.0, 1000.0), None);
        assert_eq!(follow(s, 500.0, 1000.0), Some(460.0));
        assert_eq!(follow(s, 990.0, 1000.0), Some(900.0));
        assert_eq!(follow(BoxSize::default(), 500.0, 1000.0), None);
    }
}
