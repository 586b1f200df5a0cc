//! The model: the simulated trace, its ladder and its narration, the settings they come from,
//! the segment in the inspector. A trace is a pure function of the settings; the ladder and
//! the narration are laid out from it in a language and a numbering.

use std::rc::Rc;

use synack_diagram::ladder::{Collapsed, Flights};
use synack_diagram::{Ladder, LadderOptions};
use synack_sim::{SegmentRef, Trace};

use super::seq_mode;
use super::told::StepTexts;
use crate::engine::{self, Settings};
use crate::i18n::Lang;

#[derive(Clone, Debug)]
pub struct Model {
    pub settings: Settings,
    pub trace: Rc<Trace>,
    pub ladder: Rc<Ladder>,
    /// Every step of the trace told in the page's language (index = step index), each when
    /// first read.
    pub narration: Rc<StepTexts>,
    /// The segment shown in the inspector.
    pub selection: Option<u32>,
    /// Why the last simulation (or a download) failed.
    pub error: Option<String>,
    /// The packetdrill script whose run is shown instead of the settings' scenario
    /// ([`crate::pkt`]); any change of the settings leaves it.
    pub script: Option<Rc<crate::pkt::Script>>,
    /// The capture whose connection is shown instead of the settings' scenario
    /// ([`crate::capture`]); any change of the settings leaves it.
    pub capture: Option<Rc<crate::capture::Showing>>,
    /// The ladder's viewBox width ([`super::LADDER_WIDTH`], or [`super::NARROW_WIDTH`] for a
    /// phone or a projector, whose drawing is shown larger).
    pub width: f32,
    /// The trace's flights (runs of back-to-back segments, docs/VIEWS.md "Flights") and which
    /// the ladder draws collapsed, as one band each.
    pub flights: Rc<Flights>,
    pub collapsed: Collapsed,
}

/// What the run on screen was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Simulated from the settings (a preset, with the reader's changes).
    Settings,
    /// A connection read from a capture.
    Capture,
    /// A packetdrill script's run.
    Script,
}

/// What a change of the model means for the playhead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing moved in time (a selection, a new language, an error dismissed).
    Same,
    /// A new trace of the same story: keep the moment, within its end.
    Resimulated,
    /// A new story: from the start, paused.
    NewStory,
    /// A what-if drop: show it from the moment the segment was sent.
    DroppedAt(u64),
    /// The simulation failed: the last good picture stays, paused.
    Failed,
}

/// Lays out `trace` with the flights `collapsed` drawn as bands, in `lang`.
fn build(
    trace: &Trace,
    lang: Lang,
    absolute: bool,
    width: f32,
    (flights, collapsed): (&Flights, &Collapsed),
) -> Ladder {
    let opts = LadderOptions {
        lang,
        seq: seq_mode(absolute),
        width,
        ..LadderOptions::default()
    };
    Ladder::with_flights(trace, &opts, flights, collapsed)
}

impl Model {
    /// What the run on screen was made from.
    pub fn origin(&self) -> Origin {
        match (&self.capture, &self.script) {
            (Some(_), _) => Origin::Capture,
            (None, Some(_)) => Origin::Script,
            (None, None) => Origin::Settings,
        }
    }

    /// Simulates `settings`; if that fails, an empty trace and the error.
    pub fn new(settings: Settings, lang: Lang, absolute: bool, width: f32) -> Model {
        let (trace, error) = match engine::simulate(&settings) {
            Ok(t) => (t, None),
            Err(e) => (super::empty_trace(), Some(e)),
        };
        let flights = Flights::new(&trace);
        let collapsed = Collapsed::default_for(&trace, &flights);
        let ladder = Rc::new(build(&trace, lang, absolute, width, (&flights, &collapsed)));
        let trace = Rc::new(trace);
        let narration = StepTexts::new(Rc::clone(&trace), Rc::clone(&ladder), lang, Vec::new());
        Model {
            settings,
            trace,
            ladder,
            narration: Rc::new(narration),
            selection: None,
            error,
            script: None,
            capture: None,
            width,
            flights: Rc::new(flights),
            collapsed,
        }
    }

    /// A new trace: its flights, collapsed by default if it is long.
    fn set_trace(&mut self, trace: Rc<Trace>) {
        let flights = Flights::new(&trace);
        self.collapsed = Collapsed::default_for(&trace, &flights);
        self.flights = Rc::new(flights);
        self.trace = trace;
    }

    /// Whether a trace that starts collapsed has every flight expanded (`?flights=open`).
    pub fn flights_open(&self) -> bool {
        !self.collapsed.any() && Collapsed::default_for(&self.trace, &self.flights).any()
    }

    /// Expands every flight (`?flights=open`).
    pub fn open_flights(&mut self, lang: Lang, absolute: bool) {
        if self.collapsed.any() {
            self.collapsed = Collapsed::none();
            self.relayout(lang, absolute);
        }
    }

    /// Draws flight `k` as one band (`collapse`) or as its segments; whether it changed.
    pub fn fold(&mut self, k: u32, collapse: bool, lang: Lang, absolute: bool) -> bool {
        let k = k as usize;
        if k >= self.flights.list.len() || self.collapsed.is_collapsed(k) == collapse {
            return false;
        }
        if collapse {
            self.collapsed.collapse(k);
        } else {
            self.collapsed.expand(k);
        }
        self.relayout(lang, absolute);
        true
    }

    /// Lays the same trace out again (another language, numbering or width).
    pub fn relayout(&mut self, lang: Lang, absolute: bool) {
        let ladder = Rc::new(build(
            &self.trace,
            lang,
            absolute,
            self.width,
            (&self.flights, &self.collapsed),
        ));
        // A script's mismatch or a capture's notes (never both: each opening leaves the other).
        let notes = match (&self.script, &self.capture) {
            (Some(script), _) => crate::pkt::note(&ladder, script, lang)
                .into_iter()
                .collect(),
            (None, Some(shown)) => crate::capture::notes(&ladder, &shown.shown),
            (None, None) => Vec::new(),
        };
        let narration = StepTexts::new(Rc::clone(&self.trace), Rc::clone(&ladder), lang, notes);
        // The old ladder and narration (and through it the old trace) are freed once the
        // page is idle after the new picture (later.rs).
        super::later::drop_after_paint((
            std::mem::replace(&mut self.ladder, ladder),
            std::mem::replace(&mut self.narration, Rc::new(narration)),
        ));
    }

    /// Simulates and lays out the same settings again, the flights folded as they are: the
    /// same picture from new values (`warm.rs`). Nothing if the simulation fails.
    pub fn warm(&mut self, lang: Lang, absolute: bool) {
        if let Ok(trace) = engine::simulate(&self.settings) {
            // The same trace, so the same flights: the reader's folds still apply.
            self.flights = Rc::new(Flights::new(&trace));
            self.trace = Rc::new(trace);
            self.relayout(lang, absolute);
        }
    }

    /// Re-simulates with `settings`. On failure the last good picture stays, with the error.
    fn resimulate(&mut self, settings: Settings, lang: Lang, absolute: bool) -> Outcome {
        match engine::simulate(&settings) {
            Ok(trace) => {
                if self
                    .selection
                    .is_some_and(|id| trace.segments.get(id as usize).is_none())
                {
                    self.selection = None;
                }
                self.set_trace(Rc::new(trace));
                self.settings = settings;
                (self.script, self.capture) = (None, None);
                self.relayout(lang, absolute);
                self.error = None;
                Outcome::Resimulated
            }
            Err(e) => {
                self.error = Some(e);
                Outcome::Failed
            }
        }
    }

    /// Shows segment `id` in the inspector (none if the trace has no such segment).
    /// A segment inside a collapsed flight is shown: its flight opens.
    pub fn select(&mut self, id: Option<u32>, lang: Lang, absolute: bool) {
        self.selection = id.filter(|&i| self.trace.segments.get(i as usize).is_some());
        if let Some(k) = self.selection.and_then(|i| self.flights.flight_of(i)) {
            self.fold(k as u32, false, lang, absolute);
        }
    }

    /// What if segment `id` had been lost? `None` if there is no such segment.
    /// A script's run has no what-ifs: its segments are not the settings' scenario.
    pub fn drop_segment(&mut self, id: u32, lang: Lang, absolute: bool) -> Option<Outcome> {
        if self.script.is_some() || self.capture.is_some() {
            return None;
        }
        let r = self.trace.segments.get(id as usize)?;
        let key = SegmentRef {
            side: r.from,
            nth: r.nth_from_side,
            injected: r.injected,
        };
        let at = r.sent_at.micros();
        let mut settings = self.settings.clone();
        if !settings.drops.contains(&key) {
            settings.drops.push(key);
        }
        Some(match self.resimulate(settings, lang, absolute) {
            Outcome::Resimulated => Outcome::DroppedAt(at),
            other => other,
        })
    }

    /// Takes the last what-if drop back.
    pub fn undo_drop(&mut self, lang: Lang, absolute: bool) -> Outcome {
        let mut settings = self.settings.clone();
        if settings.drops.pop().is_some() {
            self.resimulate(settings, lang, absolute)
        } else {
            Outcome::Same
        }
    }

    /// Shows the run of a packetdrill script ([`crate::pkt::open`]) instead of the scenario.
    pub fn open_script(
        &mut self,
        trace: Trace,
        script: crate::pkt::Script,
        lang: Lang,
        absolute: bool,
    ) -> Outcome {
        self.set_trace(Rc::new(trace));
        self.script = Some(Rc::new(script));
        self.capture = None;
        self.relayout(lang, absolute);
        (self.selection, self.error) = (None, None);
        Outcome::NewStory
    }

    /// Shows a connection of a capture ([`crate::capture::open`]) instead of the scenario.
    pub fn open_capture(
        &mut self,
        read: &crate::capture::Read,
        lang: Lang,
        absolute: bool,
    ) -> Outcome {
        // Its own flights (a long capture reads as rounds, and draws a screen's worth of
        // segments, not thousands): the last trace's would not fit it. Read again in another
        // language, it keeps which are open.
        if read.again {
            self.trace = Rc::clone(&read.trace);
        } else {
            self.set_trace(Rc::clone(&read.trace));
        }
        (self.script, self.capture) = (None, Some(Rc::new(read.showing.clone())));
        self.relayout(lang, absolute);
        self.error = None;
        if read.again {
            return Outcome::Same;
        }
        self.selection = None;
        Outcome::NewStory
    }

    /// New settings from the controls.
    pub fn configure(&mut self, settings: Settings, lang: Lang, absolute: bool) -> Outcome {
        let same_story = settings.preset == self.settings.preset;
        let mut settings = settings.clamped();
        // What-if drops name segments of one scenario and profile; a new one starts clean.
        if !same_story || settings.profile != self.settings.profile {
            settings.drops.clear();
        }
        match self.resimulate(settings, lang, absolute) {
            Outcome::Resimulated if !same_story => {
                self.selection = None;
                Outcome::NewStory
            }
            other => other,
        }
    }
}
