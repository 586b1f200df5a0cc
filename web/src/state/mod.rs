//! The app's state and every way it changes (a Yew `Reducible`), in three parts with a
//! reducer each: the [`Model`] (the trace, its ladder and narration, from the settings), the
//! [`Playback`] (the playhead) and the page's [`Chrome`] (language, theme, dialogs).
//!
//! The simulation is a pure function of `settings`; every settings change re-runs it (cheap)
//! and keeps the playhead near the same moment. The browser clock only sends `Tick`s, which
//! move the playhead along the ladder's (compressed) time axis at a constant on-screen speed.

mod chrome;
mod later;
mod model;
mod playback;
pub mod soon;
mod told;
pub mod warm;

use std::rc::Rc;

use synack_core::Instant;
use synack_diagram::SeqMode;
use synack_sim::Trace;
use yew::Reducible;

pub use chrome::{Chrome, DataView};
pub use model::{Model, Origin, Outcome};
pub use playback::Playback;
pub use told::StepTexts;

use crate::engine::Settings;
use crate::i18n::Lang;
use crate::theme::Theme;

/// Playback speeds offered (multiples of [`BASE_SPEED`]).
pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];
/// Their labels (written out: formatting floats would cost wasm size).
pub const SPEED_LABELS: [&str; 6] = ["¼×", "½×", "1×", "2×", "4×", "8×"];
pub const DEFAULT_SPEED: usize = 2;
/// Ladder units per second at 1×: a typical transit (72 units) takes a little over a second.
pub const BASE_SPEED: f64 = 60.0;
/// With reduced motion, playback jumps from event to event this often at 1×.
pub const REDUCED_STEP_MS: f64 = 1200.0;
/// The ladder's viewBox width (the diagram's default proportions).
pub const LADDER_WIDTH: f32 = 760.0;
/// The viewBox width on a phone and in presenter mode: the lanes closer (the layout's
/// narrowest), so that the drawing can be shown at a larger scale (style.css: at least 1:1 on
/// a phone, 2:1 on a 1920 px projector) with less of it off the side.
pub const NARROW_WIDTH: f32 = 600.0;

/// Everything the page shows: three parts, each with its own reducer; [`AppState::reduce`]
/// hands an action to the part it concerns and applies what it means for the others.
#[derive(Clone, Debug)]
pub struct AppState {
    pub model: Model,
    pub playback: Playback,
    pub chrome: Chrome,
}

/// A modal dialog of the share / embed tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dialog {
    #[default]
    None,
    Share,
    Embed,
    /// Open or paste a packetdrill script (`view::pkt_dialog`).
    Script,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Wall-clock milliseconds since the last animation frame.
    Tick(f64),
    TogglePlay,
    /// Play from where it is (from the start if at the end); nothing if already playing.
    Play,
    Pause,
    StepForward,
    StepBack,
    ToStart,
    ToEnd,
    /// Pause and move the playhead to this instant (the scrubber).
    Seek(u64),
    SetSpeed(usize),
    Select(Option<u32>),
    /// What if segment `id` had been lost?
    DropSegment(u32),
    UndoDrop,
    /// New settings from the controls.
    Configure(Settings),
    /// The page is idle after its first picture: simulate, lay out and draw these settings
    /// once more if they are still the ones shown (`warm.rs`), for the optimized code it
    /// leaves behind; nothing if anything changed.
    Warm(Settings),
    /// The reader picked the language of this code: the app fetches its texts first if
    /// they are not here ([`crate::langpack::load`]), then switches.
    PickLang(&'static str),
    /// Switch to a language whose texts are here.
    SetLang(Lang),
    /// The texts of the language of this code are being fetched.
    LangLoading(&'static str),
    /// They arrived and were installed: switch, unless the reader chose otherwise meanwhile.
    LangLoaded(Lang),
    /// They could not be loaded: stay, and say why.
    LangFailed(String),
    DismissLangError,
    ToggleAbsolute,
    ShowHelp(bool),
    DismissError,
    /// Hide the notice about ignored URL parameters.
    DismissNotice,
    SetTheme(Theme),
    Present(bool),
    Blank(bool),
    OpenDialog(Dialog),
    /// Show the run of a packetdrill script ([`crate::pkt::open`]).
    OpenScript(crate::ptr::P<(Trace, crate::pkt::Script)>),
    /// A script could not be shown: keep the picture, say why.
    ScriptFailed(String),
    DismissScriptError,
    /// Show the list of a capture's connections to choose from (`None`: close it).
    CapturePick(Option<crate::ptr::P<crate::capture::Pick>>),
    /// Show a connection of a capture read with the model ([`crate::capture::open`]).
    OpenCapture(crate::ptr::P<crate::capture::Read>),
    /// Something outside the simulation failed (a download): show it.
    Fail(String),
    SetReducedMotion(bool),
    /// The screen became narrow (a phone) or wide again: the ladder's proportions follow.
    SetNarrow(bool),
    // --- quiz mode (view::quiz) ---
    /// Quiz mode on, asking these kinds (from the start, nothing shown), or off.
    Quiz(Option<synack_quiz::Kinds>),
    /// Quiz mode: show the trace up to this instant (`None`: to the end), playing there if it
    /// lies ahead; the reader cannot play or step past it.
    QuizPlayTo(Option<u64>),
    /// Draw flight `k` (index into the model's `flights`) as one band (`true`) or as its
    /// segments.
    Fold(u32, bool),
    /// Show this data-phase view above the ladder.
    SetView(DataView),
}

pub fn seq_mode(absolute: bool) -> SeqMode {
    if absolute {
        SeqMode::Absolute
    } else {
        SeqMode::Relative
    }
}

impl AppState {
    /// The first state: simulate `settings`; if that fails, an empty trace and the error.
    pub fn new(settings: Settings, lang: Lang, absolute: bool) -> AppState {
        AppState::sized(settings, lang, absolute, false)
    }

    /// [`AppState::new`] laid out for a narrow screen or a projector ([`NARROW_WIDTH`]).
    pub fn sized(settings: Settings, lang: Lang, absolute: bool, narrow: bool) -> AppState {
        let width = if narrow { NARROW_WIDTH } else { LADDER_WIDTH };
        AppState {
            model: Model::new(settings, lang, absolute, width),
            playback: Playback::default(),
            chrome: Chrome::new(lang, absolute),
        }
    }

    /// Lays the ladder out at the width the page's screen and mode want, if it is not.
    fn fit_width(&mut self) {
        let narrow = !self.chrome.embed && (self.chrome.presenting || self.chrome.narrow);
        let width = if narrow { NARROW_WIDTH } else { LADDER_WIDTH };
        if self.model.width != width {
            self.model.width = width;
            self.relayout();
        }
    }

    /// The playable span of simulated time, µs (the whole trace, or `?steps=A-B`).
    pub fn bounds(&self) -> (u64, u64) {
        let (lo, hi) = self
            .playback
            .bounds(&self.model.ladder, self.model.trace.end.micros());
        // Quiz mode shows only what has happened: nothing past the question asked.
        match self.playback.quiz_limit {
            Some(limit) => (lo, hi.min(limit.max(lo))),
            None => (lo, hi),
        }
    }

    /// Where playback starts: 0, or step A's instant.
    pub fn start(&self) -> u64 {
        self.bounds().0
    }

    /// Where playback ends: the trace's end, or step B's instant.
    pub fn end(&self) -> u64 {
        self.bounds().1
    }

    fn relayout(&mut self) {
        self.model.relayout(self.chrome.lang, self.chrome.absolute);
    }

    /// What a change of the model means for the playhead.
    fn after(&mut self, outcome: Outcome) {
        let trace_end = self.model.trace.end.micros();
        let end = self.end();
        let p = &mut self.playback;
        match outcome {
            Outcome::Same => {}
            Outcome::Resimulated => p.playhead = p.playhead.min(trace_end),
            Outcome::NewStory => {
                p.playhead = 0;
                p.playing = false;
            }
            Outcome::DroppedAt(at) => p.playhead = at.min(end),
            Outcome::Failed => p.playing = false,
        }
    }
}

/// A trace with nothing in it, for when the very first simulation fails.
pub fn empty_trace() -> Trace {
    use synack_core::{Endpoint, State};
    use synack_sim::Host;
    let host = |port| Host {
        endpoint: Endpoint::new([0, 0, 0, 0], port),
        profile: String::new(),
        address: None,
    };
    Trace {
        version: 0,
        scenario: String::new(),
        seed: 0,
        client: host(0),
        server: host(0),
        segments: Vec::new(),
        events: Vec::new(),
        snapshots: Vec::new(),
        end: Instant::ZERO,
        final_states: [State::Closed; 2],
        t0: Instant::ZERO,
        stop: synack_sim::StopReason::Quiet,
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Ticks are the hot path: skip the clone when nothing moves.
        if matches!(action, Action::Tick(_) | Action::Pause) && !self.playback.playing {
            return self;
        }
        // A scrub to where the playhead already is (the scrubber's resolution is coarser
        // than time) changes nothing: no clone, no re-render.
        if let Action::Seek(t) = action {
            if !self.playback.playing
                && t.min(self.end()).max(self.start()) == self.playback.playhead
            {
                return self;
            }
        }
        let mut s = (*self).clone();
        let (lang, absolute) = (s.chrome.lang, s.chrome.absolute);
        let bounds = s.bounds();
        let (start, end) = bounds;
        let ladder = Rc::clone(&s.model.ladder);
        let p = &mut s.playback;
        match action {
            // --- playback ---
            Action::Tick(ms) => p.tick(ms, &ladder, end),
            Action::TogglePlay if p.playing => p.playing = false,
            Action::TogglePlay => p.play(bounds),
            Action::Play => {
                if !p.playing {
                    p.play(bounds);
                }
            }
            Action::Pause => p.playing = false,
            Action::StepForward => {
                p.playing = false;
                p.playhead = p.next_step(&ladder, end);
            }
            Action::StepBack => {
                p.playing = false;
                p.playhead = p.prev_step(&ladder, start);
            }
            Action::ToStart => {
                p.playing = false;
                p.playhead = start;
            }
            Action::ToEnd => {
                p.playing = false;
                p.playhead = end;
            }
            Action::Seek(t) => {
                p.playing = false;
                p.playhead = t.min(end);
            }
            Action::SetSpeed(i) => p.speed = i.min(SPEEDS.len() - 1),
            Action::SetReducedMotion(r) => p.reduced_motion = r,
            // --- the model ---
            Action::Select(id) => s.model.select(id, lang, absolute),
            Action::Fold(k, collapse) => {
                if !s.model.fold(k, collapse, lang, absolute) {
                    return self;
                }
            }
            Action::DropSegment(id) => {
                let Some(outcome) = s.model.drop_segment(id, lang, absolute) else {
                    return self;
                };
                s.after(outcome);
            }
            Action::UndoDrop => {
                let outcome = s.model.undo_drop(lang, absolute);
                s.after(outcome);
            }
            Action::Configure(settings) => {
                let outcome = s.model.configure(settings, lang, absolute);
                s.after(outcome);
            }
            Action::Warm(settings) => {
                // Only where a change redraws in place: a data-phase view redraws a new trace
                // from scratch (view/views.rs), which the reader would see.
                let m = &s.model;
                if s.playback.playing
                    || s.chrome.view != DataView::Ladder
                    || s.chrome.quiz.is_some()
                    || m.origin() != Origin::Settings
                    || m.settings != settings
                    || m.error.is_some()
                {
                    return self;
                }
                s.model.warm(lang, absolute);
            }
            Action::OpenScript(opened) => {
                let (trace, script) = (*opened).clone();
                let outcome = s.model.open_script(trace, script, lang, absolute);
                s.after(outcome);
                (s.chrome.script_error, s.chrome.dialog) = (None, Dialog::None);
            }
            Action::ScriptFailed(why) => s.chrome.script_error = Some(why),
            Action::CapturePick(pick) => {
                s.playback.playing &= pick.is_none();
                s.chrome.capture_pick = pick;
            }
            Action::OpenCapture(read) => {
                let outcome = s.model.open_capture(&read, lang, absolute);
                s.after(outcome);
                (s.chrome.script_error, s.chrome.capture_pick) = (None, None);
            }
            Action::DismissScriptError => s.chrome.script_error = None,
            Action::DismissError => s.model.error = None,
            Action::Fail(e) => s.model.error = Some(e),
            // --- the chrome ---
            Action::SetLang(lang) => {
                if s.chrome.set_lang(lang) {
                    s.relayout();
                }
            }
            Action::PickLang(_) => {}
            Action::LangLoading(code) => {
                s.chrome.lang_loading = Some(code);
                s.chrome.lang_error = None;
            }
            Action::LangLoaded(lang) => {
                if s.chrome.lang_loaded(lang) {
                    s.relayout();
                }
            }
            Action::LangFailed(why) => {
                s.chrome.lang_loading = None;
                s.chrome.lang_error = Some(why);
            }
            Action::DismissLangError => s.chrome.lang_error = None,
            Action::ToggleAbsolute => {
                s.chrome.absolute = !s.chrome.absolute;
                s.relayout();
            }
            Action::ShowHelp(open) => {
                s.chrome.help_open = open;
                // A dialog over the picture pauses it.
                s.playback.playing &= !open;
            }
            Action::DismissNotice => s.chrome.problems.clear(),
            Action::SetTheme(t) => s.chrome.theme = t,
            Action::Present(on) => {
                s.chrome.presenting = on;
                s.chrome.blank = false;
                s.fit_width();
            }
            Action::SetNarrow(on) => {
                s.chrome.narrow = on;
                s.fit_width();
            }
            Action::Blank(on) => {
                s.chrome.blank = on;
                s.playback.playing &= !on;
            }
            Action::SetView(v) => s.chrome.view = v,
            Action::OpenDialog(d) => {
                s.chrome.dialog = d;
                s.playback.playing &= d == Dialog::None;
            }
            // --- quiz mode ---
            Action::Quiz(kinds) => {
                s.chrome.quiz = kinds;
                let p = &mut s.playback;
                p.quiz_limit = kinds.map(|_| start);
                if kinds.is_some() {
                    (p.playhead, p.playing) = (start, false);
                }
            }
            // A late answer from the second module after quiz mode was left changes nothing.
            Action::QuizPlayTo(_) if s.chrome.quiz.is_none() => return self,
            Action::QuizPlayTo(to) => {
                let p = &mut s.playback;
                p.quiz_limit = to;
                let target = to.unwrap_or(u64::MAX).min(s.model.trace.end.micros());
                if target > p.playhead {
                    p.playing = true;
                    p.reduced_acc = 0.0;
                } else {
                    (p.playhead, p.playing) = (target, false);
                }
            }
        }
        let bounds = s.bounds();
        s.playback.clamp(bounds);
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn start(preset: &str) -> Rc<AppState> {
        Rc::new(AppState::new(Settings::for_preset(preset), Lang::EN, false))
    }

    fn apply(s: Rc<AppState>, actions: &[Action]) -> Rc<AppState> {
        actions.iter().fold(s, |s, a| s.reduce(a.clone()))
    }

    #[test]
    fn stepping_visits_every_step_and_comes_back() {
        let s = start("handshake-and-close");
        assert!(s.model.error.is_none());
        let n = s.model.ladder.steps.len();
        let mut cur = Rc::clone(&s);
        for _ in 0..n + 3 {
            cur = cur.reduce(Action::StepForward);
        }
        assert_eq!(cur.playback.playhead, cur.end());
        for _ in 0..n + 3 {
            cur = cur.reduce(Action::StepBack);
        }
        assert_eq!(cur.playback.playhead, 0);
    }

    #[test]
    fn playing_moves_the_playhead_and_stops_at_the_end() {
        let s = apply(start("syn-lost"), &[Action::TogglePlay, Action::Tick(16.0)]);
        assert!(s.playback.playing);
        assert!(s.playback.playhead > 0);
        let mut cur = s;
        for _ in 0..100_000 {
            if !cur.playback.playing {
                break;
            }
            cur = cur.reduce(Action::Tick(100.0));
        }
        assert!(!cur.playback.playing);
        assert_eq!(cur.playback.playhead, cur.end());
        // Ticks while paused change nothing (and cost no clone).
        let same = Rc::clone(&cur).reduce(Action::Tick(16.0));
        assert!(Rc::ptr_eq(&same, &cur));
    }

    #[test]
    fn a_seek_pauses_and_a_seek_in_place_changes_nothing() {
        let s = apply(
            start("handshake-and-close"),
            &[Action::TogglePlay, Action::Tick(16.0)],
        );
        assert!(s.playback.playing);
        let s = Rc::clone(&s).reduce(Action::Seek(0));
        assert!(!s.playback.playing);
        assert_eq!(s.playback.playhead, 0);
        // Nothing moves: the same state, so Yew does not re-render.
        for a in [Action::Seek(0), Action::Pause, Action::Tick(16.0)] {
            let same = Rc::clone(&s).reduce(a);
            assert!(Rc::ptr_eq(&same, &s));
        }
    }

    #[test]
    fn a_dialog_help_or_a_blank_screen_pauses_and_a_new_story_clears_the_inspector() {
        for a in [
            Action::ShowHelp(true),
            Action::Blank(true),
            Action::OpenDialog(Dialog::Share),
        ] {
            let s = apply(start("syn-lost"), &[Action::TogglePlay, Action::Tick(16.0)]);
            assert!(s.playback.playing);
            let s = s.reduce(a.clone());
            assert!(!s.playback.playing, "{a:?}");
        }
        let closed = apply(
            start("syn-lost"),
            &[Action::TogglePlay, Action::OpenDialog(Dialog::None)],
        );
        assert!(closed.playback.playing, "closing no dialog does not pause");
        let s = apply(start("syn-lost"), &[Action::Select(Some(1))]);
        assert_eq!(s.model.selection, Some(1));
        let s = s.reduce(Action::Select(Some(u32::MAX)));
        assert_eq!(s.model.selection, None, "no such segment");
        let s = apply(
            start("syn-lost"),
            &[
                Action::Select(Some(1)),
                Action::Configure(Settings::for_preset("handshake-and-close")),
            ],
        );
        assert_eq!(s.model.selection, None);
    }

    #[test]
    fn reduced_motion_jumps_from_event_to_event() {
        let s = apply(
            start("handshake-and-close"),
            &[Action::SetReducedMotion(true), Action::TogglePlay],
        );
        let s = apply(s, &[const { Action::Tick(100.0) }; 5]);
        assert_eq!(s.playback.playhead, 0, "still waiting at the first event");
        let s = apply(s, &[const { Action::Tick(100.0) }; 8]);
        let first = s.model.ladder.steps.get(1).map(|st| st.at.micros());
        assert_eq!(Some(s.playback.playhead), first);
    }

    #[test]
    fn dropping_a_segment_keeps_the_past_and_undo_restores_it() {
        let s = start("handshake-and-close");
        let before = s.model.trace.segments.len();
        // The client's first data segment.
        let Some(id) = s
            .model
            .trace
            .segments
            .iter()
            .find(|r| r.from == synack_sim::Side::Client && !r.segment.payload.is_empty())
            .map(|r| r.id)
        else {
            panic!("no data segment")
        };
        let dropped = Rc::clone(&s).reduce(Action::DropSegment(id));
        assert_eq!(dropped.model.settings.drops.len(), 1);
        assert!(
            dropped.model.trace.segments.len() > before,
            "a retransmission follows"
        );
        // Everything sent before the dropped segment is unchanged.
        for (a, b) in s
            .model
            .trace
            .segments
            .iter()
            .zip(&dropped.model.trace.segments)
            .take(id as usize)
        {
            assert_eq!(a.segment, b.segment);
        }
        assert!(matches!(
            dropped
                .model
                .trace
                .segments
                .get(id as usize)
                .map(|r| &r.fate),
            Some(synack_sim::Fate::Lost { .. })
        ));
        assert_eq!(
            dropped.playback.playhead,
            s.model.trace.segments[id as usize].sent_at.micros()
        );
        let undone = dropped.reduce(Action::UndoDrop);
        assert_eq!(undone.model.trace.segments.len(), before);
        assert!(undone.model.settings.drops.is_empty());
    }

    #[test]
    fn settings_changes_keep_the_moment_and_a_new_preset_starts_over() {
        let s = apply(
            start("handshake-and-close"),
            &[Action::StepForward, Action::StepForward],
        );
        let t = s.playback.playhead;
        assert!(t > 0);
        let slower = Settings {
            latency_ms: [80, 80],
            ..s.model.settings.clone()
        };
        let s2 = Rc::clone(&s).reduce(Action::Configure(slower));
        assert_eq!(s2.playback.playhead, t);
        assert_eq!(s2.model.settings.latency_ms, [80, 80]);
        let s3 = s2.reduce(Action::Configure(Settings::for_preset("syn-lost")));
        assert_eq!(s3.playback.playhead, 0);
        assert_eq!(s3.model.trace.scenario, "syn-lost");
    }

    #[test]
    fn quiz_mode_bounds_playback_at_the_question_asked() {
        let s = apply(
            start("handshake-and-close"),
            &[
                Action::StepForward,
                Action::Quiz(Some(synack_quiz::Kinds::ALL)),
            ],
        );
        assert_eq!((s.playback.playhead, s.playback.playing), (0, false));
        let steps: Vec<u64> = s
            .model
            .ladder
            .steps
            .list
            .iter()
            .map(|st| st.at.micros())
            .collect();
        let (Some(&a), Some(&b)) = (steps.get(1), steps.get(3)) else {
            panic!("too few steps")
        };
        // Nothing past the bound: not by stepping, jumping or playing.
        let s = apply(s, &[Action::QuizPlayTo(Some(a))]);
        assert!(s.playback.playing);
        let s = apply(s, &[Action::Pause, Action::ToEnd, Action::StepForward]);
        assert_eq!(s.playback.playhead, a);
        let mut cur = apply(s, &[Action::QuizPlayTo(Some(b))]);
        for _ in 0..100_000 {
            if !cur.playback.playing {
                break;
            }
            cur = cur.reduce(Action::Tick(100.0));
        }
        assert_eq!(cur.playback.playhead, b);
        // Back to an earlier question: a jump, not a play.
        let back = Rc::clone(&cur).reduce(Action::QuizPlayTo(Some(a)));
        assert_eq!((back.playback.playhead, back.playback.playing), (a, false));
        // The end of the quiz, then quiz mode off: the whole trace again.
        let all = cur.reduce(Action::QuizPlayTo(None));
        assert!(all.playback.playing);
        let off = apply(all, &[Action::Quiz(None), Action::ToEnd]);
        assert_eq!(off.playback.playhead, off.model.trace.end.micros());
        assert_eq!(off.playback.quiz_limit, None);
    }

    #[test]
    fn a_failed_simulation_keeps_the_last_good_picture() {
        let s = start("handshake-and-close");
        let bad = Settings {
            preset: "no-such-preset".into(),
            ..s.model.settings.clone()
        };
        let s2 = Rc::clone(&s).reduce(Action::Configure(bad));
        assert!(s2.model.error.is_some());
        assert!(Rc::ptr_eq(&s2.model.trace, &s.model.trace));
        assert_eq!(s2.model.settings.preset, "handshake-and-close");
    }

    #[test]
    fn a_step_range_locks_playback_to_its_steps() {
        let mut s = AppState::new(Settings::for_preset("handshake-and-close"), Lang::EN, false);
        s.playback.range = Some((2, 4));
        let steps: Vec<u64> = s
            .model
            .ladder
            .steps
            .list
            .iter()
            .map(|st| st.at.micros())
            .collect();
        let (Some(&lo), Some(&hi)) = (steps.get(1), steps.get(3)) else {
            panic!("too few steps")
        };
        assert_eq!(s.bounds(), (lo, hi));
        let s = apply(Rc::new(s), &[Action::ToStart]);
        assert_eq!(s.playback.playhead, lo);
        let s = apply(s, &[const { Action::StepForward }; 10]);
        assert_eq!(s.playback.playhead, hi);
        let s = apply(s, &[Action::ToEnd, Action::Seek(u64::MAX)]);
        assert_eq!(s.playback.playhead, hi);
        let s = apply(s, &[Action::Seek(0)]);
        assert_eq!(s.playback.playhead, lo);
        let mut cur = apply(s, &[Action::TogglePlay]);
        for _ in 0..100_000 {
            if !cur.playback.playing {
                break;
            }
            cur = cur.reduce(Action::Tick(100.0));
        }
        assert_eq!(cur.playback.playhead, hi);
        let mut past = AppState::new(Settings::for_preset("handshake-and-close"), Lang::EN, false);
        past.playback.range = Some((900, 999));
        assert_eq!(past.bounds(), (0, past.model.trace.end.micros()));
    }

    #[test]
    fn language_and_number_mode_relayout_without_resimulating() {
        let s = start("handshake-and-close");
        let zh = Rc::clone(&s).reduce(Action::SetLang(crate::langpack::lang_for_tests("zh")));
        assert!(Rc::ptr_eq(&zh.model.trace, &s.model.trace));
        assert!(!Rc::ptr_eq(&zh.model.ladder, &s.model.ladder));
        let text = zh
            .model
            .narration
            .get(0)
            .map(|t| t.text.clone())
            .unwrap_or_default();
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
        let abs = zh.reduce(Action::ToggleAbsolute);
        assert!(abs.chrome.absolute);
    }

    #[test]
    fn a_language_pack_switches_when_it_arrives_unless_the_reader_moved_on() {
        let s = start("handshake-and-close");
        let loading = Rc::clone(&s).reduce(Action::LangLoading("zh"));
        assert_eq!(
            (loading.chrome.lang, loading.chrome.lang_loading),
            (Lang::EN, Some("zh"))
        );
        let failed = Rc::clone(&loading).reduce(Action::LangFailed("lang/zh.txt: HTTP 404".into()));
        assert_eq!(
            (failed.chrome.lang, failed.chrome.lang_loading),
            (Lang::EN, None)
        );
        assert!(failed.chrome.lang_error.is_some());
        assert!(
            Rc::ptr_eq(&failed.model.ladder, &s.model.ladder),
            "nothing relaid out"
        );
        let loaded =
            Rc::clone(&loading).reduce(Action::LangLoaded(crate::langpack::lang_for_tests("zh")));
        assert_eq!(
            (loaded.chrome.lang, loaded.chrome.lang_loading),
            (crate::langpack::lang_for_tests("zh"), None)
        );
        // Back to English while it was on the way: the late arrival does not switch.
        let moved_on = loading.reduce(Action::SetLang(Lang::EN));
        let late = moved_on.reduce(Action::LangLoaded(crate::langpack::lang_for_tests("zh")));
        assert_eq!(late.chrome.lang, Lang::EN);
    }

    #[test]
    fn a_script_s_run_replaces_the_picture_until_the_settings_change() {
        let src = include_str!("../../../tests/packetdrill/handshake-passive.pkt");
        let opened = synack_packetdrill::view::open("p.pkt", src).unwrap();
        let segments = opened.0.segments.len();
        let s = apply(
            start("handshake-and-close"),
            &[Action::ToEnd, Action::OpenDialog(Dialog::Script)],
        );
        let settings = s.model.settings.clone();
        let s = s.reduce(Action::OpenScript(crate::ptr::P(Rc::new(opened))));
        assert_eq!(s.model.trace.segments.len(), segments);
        assert!(s.model.script.is_some());
        assert_eq!((s.playback.playhead, s.chrome.dialog), (0, Dialog::None));
        // No what-ifs on a script's run.
        let same = Rc::clone(&s).reduce(Action::DropSegment(0));
        assert_eq!(same.model.trace.segments.len(), segments);
        assert!(same.model.settings.drops.is_empty());
        // Back to the scenario.
        let back = same.reduce(Action::Configure(settings));
        assert!(back.model.script.is_none());
        assert_ne!(back.model.trace.segments.len(), segments);
        // A script that cannot be shown leaves the picture and says why.
        let failed = back.reduce(Action::ScriptFailed("line 2".into()));
        assert!(failed.model.script.is_none());
        assert_eq!(failed.chrome.script_error.as_deref(), Some("line 2"));
    }
}
