//! The app's state and every way it changes (a Yew `Reducible`).
//!
//! The simulation is a pure function of `settings`; every settings change re-runs it (cheap)
//! and keeps the playhead near the same moment. The browser clock only sends `Tick`s, which
//! move the playhead along the ladder's (compressed) time axis at a constant on-screen speed.

use std::rc::Rc;

use synack_core::Instant;
use synack_diagram::{narrate_step, Ladder, LadderOptions, SeqMode, StepText};
use synack_sim::{SegmentRef, Trace};
use yew::Reducible;

use crate::engine::{self, Settings};
use crate::i18n::Lang;
use crate::params::Problem;
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

#[derive(Clone, Debug)]
pub struct AppState {
    pub settings: Settings,
    pub trace: Rc<Trace>,
    pub ladder: Rc<Ladder>,
    /// Every step of the trace told in `lang` (index = step index).
    pub narration: Rc<Vec<StepText>>,
    /// Simulated time at the playhead, µs.
    pub playhead: u64,
    pub playing: bool,
    pub speed: usize,
    pub reduced_motion: bool,
    /// Wall-clock ms accumulated towards the next jump in reduced-motion playback.
    pub reduced_acc: f64,
    /// The segment shown in the inspector.
    pub selection: Option<u32>,
    pub lang: Lang,
    /// The language whose texts are being fetched ([`crate::langpack`]); the page stays in
    /// `lang` until they arrive.
    pub lang_loading: Option<&'static str>,
    /// Why the last language pack could not be loaded (shown until dismissed).
    pub lang_error: Option<String>,
    pub absolute: bool,
    pub help_open: bool,
    pub error: Option<String>,
    /// URL parameters that were ignored or corrected (a dismissible notice).
    pub problems: Vec<Problem>,
    pub theme: Theme,
    /// `?embed`: the compact view for iframes (docs/EMBED.md).
    pub embed: bool,
    /// `?steps=A-B`: only steps A..B (1-based, inclusive) can be played.
    pub range: Option<(u32, u32)>,
    /// Presenter mode (fullscreen or not): larger type, ladder and narration only.
    pub presenting: bool,
    /// The screen is blanked (`B` in presenter style); any key restores it.
    pub blank: bool,
    pub dialog: Dialog,
    /// The packetdrill script whose run is shown instead of the settings' scenario.
    pub script: Option<Rc<crate::pkt::Script>>,
    /// Why the last script opened is not shown (what and where; the picture stays).
    pub script_error: Option<String>,
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
    /// Something outside the simulation failed (a download): show it.
    Fail(String),
    SetReducedMotion(bool),
}

pub fn seq_mode(absolute: bool) -> SeqMode {
    if absolute {
        SeqMode::Absolute
    } else {
        SeqMode::Relative
    }
}

/// Lays out `trace` and tells every step, in `lang`.
fn build(trace: &Trace, lang: Lang, absolute: bool) -> (Ladder, Vec<StepText>) {
    let opts = LadderOptions {
        lang,
        seq: seq_mode(absolute),
        width: LADDER_WIDTH,
        ..LadderOptions::default()
    };
    let ladder = Ladder::new(trace, &opts);
    let texts = (0..ladder.steps.len())
        .map(|i| {
            narrate_step(
                trace,
                &ladder.steps,
                &ladder.timeline,
                i,
                lang,
                seq_mode(absolute),
            )
        })
        .collect();
    (ladder, texts)
}

impl AppState {
    /// The first state: simulate `settings`; if that fails, an empty trace and the error.
    pub fn new(settings: Settings, lang: Lang, absolute: bool) -> AppState {
        let (trace, error) = match engine::simulate(&settings) {
            Ok(t) => (t, None),
            Err(e) => (empty_trace(), Some(e)),
        };
        let (ladder, narration) = build(&trace, lang, absolute);
        AppState {
            settings,
            trace: Rc::new(trace),
            ladder: Rc::new(ladder),
            narration: Rc::new(narration),
            playhead: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            reduced_motion: false,
            reduced_acc: 0.0,
            selection: None,
            lang,
            lang_loading: None,
            lang_error: None,
            absolute,
            help_open: false,
            error,
            problems: Vec::new(),
            theme: Theme::System,
            embed: false,
            range: None,
            presenting: false,
            blank: false,
            dialog: Dialog::None,
            script: None,
            script_error: None,
        }
    }

    /// The playable span of simulated time, µs: the whole trace, or steps A..B of `range`
    /// (B clamped to the step count; the whole trace if A is past the end).
    pub fn bounds(&self) -> (u64, u64) {
        let full = (0, self.trace.end.micros());
        let Some((a, b)) = self.range else {
            return full;
        };
        let steps = &self.ladder.steps;
        let n = steps.len();
        let (a, b) = (a as usize, b as usize);
        if a == 0 || a > n {
            return full;
        }
        let at = |i: usize| steps.get(i).map(|s| s.at.micros());
        let lo = at(a - 1).unwrap_or(0);
        let hi = at(b.min(n) - 1).unwrap_or(full.1);
        (lo, hi.max(lo))
    }

    /// Where playback starts: 0, or step A's instant.
    pub fn start(&self) -> u64 {
        self.bounds().0
    }

    /// Where playback ends: the trace's end, or step B's instant.
    pub fn end(&self) -> u64 {
        self.bounds().1
    }

    fn clamp_playhead(&mut self) {
        let (lo, hi) = self.bounds();
        self.playhead = self.playhead.clamp(lo, hi);
        if self.playhead >= hi {
            self.playing = false;
        }
    }

    fn relayout(&mut self) {
        let (ladder, mut narration) = build(&self.trace, self.lang, self.absolute);
        if let Some(script) = &self.script {
            crate::pkt::annotate(&mut narration, &ladder, script, self.lang);
        }
        self.ladder = Rc::new(ladder);
        self.narration = Rc::new(narration);
    }

    /// Re-simulates with `settings`. On failure the last good picture stays, with the error.
    fn resimulate(&mut self, settings: Settings, keep_playhead: bool) {
        match engine::simulate(&settings) {
            Ok(trace) => {
                let end = trace.end.micros();
                if self
                    .selection
                    .is_some_and(|id| trace.segments.get(id as usize).is_none())
                {
                    self.selection = None;
                }
                self.trace = Rc::new(trace);
                self.settings = settings;
                self.script = None;
                self.relayout();
                self.playhead = if keep_playhead {
                    self.playhead.min(end)
                } else {
                    0
                };
                self.error = None;
            }
            Err(e) => {
                self.error = Some(e);
                self.playing = false;
            }
        }
    }

    /// The next step's instant after the playhead, or the end.
    fn next_step(&self) -> u64 {
        let steps = &self.ladder.steps;
        steps
            .next_after(Instant(self.playhead))
            .and_then(|i| steps.get(i))
            .map_or(self.end(), |s| s.at.micros())
    }

    fn prev_step(&self) -> u64 {
        let steps = &self.ladder.steps;
        steps
            .prev_before(Instant(self.playhead))
            .and_then(|i| steps.get(i))
            .map_or(self.start(), |s| s.at.micros())
    }

    fn tick(&mut self, ms: f64) {
        let end = self.end();
        if self.playhead >= end {
            self.playing = false;
            return;
        }
        let speed = SPEEDS.get(self.speed).copied().unwrap_or(1.0);
        // A long gap between frames means the tab was hidden: do not leap.
        let ms = ms.clamp(0.0, 100.0);
        if self.reduced_motion {
            self.reduced_acc += ms * speed;
            if self.reduced_acc >= REDUCED_STEP_MS {
                self.reduced_acc = 0.0;
                self.playhead = self.next_step();
            }
        } else {
            let axis = &self.ladder.axis;
            let y = f64::from(axis.y_at(Instant(self.playhead))) + BASE_SPEED * speed * ms / 1000.0;
            let t = axis
                .t_at(y as f32)
                .micros()
                .max(self.playhead.saturating_add(1));
            self.playhead = t.min(end);
        }
        if self.playhead >= end {
            self.playing = false;
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
        if matches!(action, Action::Tick(_) | Action::Pause) && !self.playing {
            return self;
        }
        // A scrub to where the playhead already is (the scrubber's resolution is coarser
        // than time) changes nothing: no clone, no re-render.
        if let Action::Seek(t) = action {
            if !self.playing && t.min(self.end()).max(self.start()) == self.playhead {
                return self;
            }
        }
        let mut s = (*self).clone();
        match action {
            Action::Tick(ms) => s.tick(ms),
            Action::TogglePlay => {
                if s.playing {
                    s.playing = false;
                } else {
                    if s.playhead >= s.end() {
                        s.playhead = s.start();
                    }
                    s.playing = true;
                    s.reduced_acc = 0.0;
                }
            }
            Action::Play => {
                if !s.playing {
                    if s.playhead >= s.end() {
                        s.playhead = s.start();
                    }
                    s.playing = true;
                    s.reduced_acc = 0.0;
                }
            }
            Action::Pause => s.playing = false,
            Action::StepForward => {
                s.playing = false;
                s.playhead = s.next_step();
            }
            Action::StepBack => {
                s.playing = false;
                s.playhead = s.prev_step();
            }
            Action::ToStart => {
                s.playing = false;
                s.playhead = s.start();
            }
            Action::ToEnd => {
                s.playing = false;
                s.playhead = s.end();
            }
            Action::Seek(t) => {
                s.playing = false;
                s.playhead = t.min(s.end());
            }
            Action::SetSpeed(i) => s.speed = i.min(SPEEDS.len() - 1),
            Action::Select(id) => {
                s.selection = id.filter(|&i| s.trace.segments.get(i as usize).is_some())
            }
            Action::DropSegment(id) => {
                // A script's run has no what-ifs: its segments are not the settings' scenario.
                let r = s
                    .trace
                    .segments
                    .get(id as usize)
                    .filter(|_| s.script.is_none());
                let Some(r) = r else {
                    return self;
                };
                let key = SegmentRef {
                    side: r.from,
                    nth: r.nth_from_side,
                    injected: r.injected,
                };
                let at = r.sent_at.micros();
                let mut settings = s.settings.clone();
                if !settings.drops.contains(&key) {
                    settings.drops.push(key);
                }
                s.resimulate(settings, true);
                // Show the what-if from the moment of the drop.
                if s.error.is_none() {
                    s.playhead = at.min(s.end());
                }
            }
            Action::UndoDrop => {
                let mut settings = s.settings.clone();
                if settings.drops.pop().is_some() {
                    s.resimulate(settings, true);
                }
            }
            Action::Configure(settings) => {
                let same_story = settings.preset == s.settings.preset;
                let mut settings = settings.clamped();
                // What-if drops name segments of one scenario and profile; a new one starts clean.
                if !same_story || settings.profile != s.settings.profile {
                    settings.drops.clear();
                }
                s.resimulate(settings, same_story);
                if !same_story {
                    s.selection = None;
                    s.playing = false;
                }
            }
            Action::SetLang(lang) => {
                s.lang_loading = None;
                if lang != s.lang {
                    s.lang = lang;
                    s.relayout();
                }
            }
            Action::PickLang(_) => {}
            Action::LangLoading(code) => {
                s.lang_loading = Some(code);
                s.lang_error = None;
            }
            Action::LangLoaded(lang) => {
                if s.lang_loading == Some(lang.code()) {
                    s.lang_loading = None;
                    s.lang = lang;
                    s.relayout();
                }
            }
            Action::LangFailed(why) => {
                s.lang_loading = None;
                s.lang_error = Some(why);
            }
            Action::DismissLangError => s.lang_error = None,
            Action::ToggleAbsolute => {
                s.absolute = !s.absolute;
                s.relayout();
            }
            Action::ShowHelp(open) => {
                s.help_open = open;
                if open {
                    s.playing = false;
                }
            }
            Action::DismissError => s.error = None,
            Action::DismissNotice => s.problems.clear(),
            Action::SetTheme(t) => s.theme = t,
            Action::Present(on) => {
                s.presenting = on;
                s.blank = false;
            }
            Action::Blank(on) => {
                s.blank = on;
                if on {
                    s.playing = false;
                }
            }
            Action::OpenDialog(d) => {
                s.dialog = d;
                if d != Dialog::None {
                    s.playing = false;
                }
            }
            Action::OpenScript(opened) => {
                let (trace, script) = (*opened).clone();
                s.trace = Rc::new(trace);
                s.script = Some(Rc::new(script));
                s.relayout();
                (s.selection, s.playing, s.playhead) = (None, false, 0);
                (s.error, s.script_error, s.dialog) = (None, None, Dialog::None);
            }
            Action::ScriptFailed(why) => s.script_error = Some(why),
            Action::DismissScriptError => s.script_error = None,
            Action::Fail(e) => s.error = Some(e),
            Action::SetReducedMotion(r) => s.reduced_motion = r,
        }
        s.clamp_playhead();
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
        assert!(s.error.is_none());
        let n = s.ladder.steps.len();
        let mut cur = Rc::clone(&s);
        for _ in 0..n + 3 {
            cur = cur.reduce(Action::StepForward);
        }
        assert_eq!(cur.playhead, cur.end());
        for _ in 0..n + 3 {
            cur = cur.reduce(Action::StepBack);
        }
        assert_eq!(cur.playhead, 0);
    }

    #[test]
    fn playing_moves_the_playhead_and_stops_at_the_end() {
        let s = apply(start("syn-lost"), &[Action::TogglePlay, Action::Tick(16.0)]);
        assert!(s.playing);
        assert!(s.playhead > 0);
        let mut cur = s;
        for _ in 0..100_000 {
            if !cur.playing {
                break;
            }
            cur = cur.reduce(Action::Tick(100.0));
        }
        assert!(!cur.playing);
        assert_eq!(cur.playhead, cur.end());
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
        assert!(s.playing);
        let s = Rc::clone(&s).reduce(Action::Seek(0));
        assert!(!s.playing);
        assert_eq!(s.playhead, 0);
        // Nothing moves: the same state, so Yew does not re-render.
        for a in [Action::Seek(0), Action::Pause, Action::Tick(16.0)] {
            let same = Rc::clone(&s).reduce(a);
            assert!(Rc::ptr_eq(&same, &s));
        }
    }

    #[test]
    fn reduced_motion_jumps_from_event_to_event() {
        let s = apply(
            start("handshake-and-close"),
            &[Action::SetReducedMotion(true), Action::TogglePlay],
        );
        let s = apply(s, &[const { Action::Tick(100.0) }; 5]);
        assert_eq!(s.playhead, 0, "still waiting at the first event");
        let s = apply(s, &[const { Action::Tick(100.0) }; 8]);
        let first = s.ladder.steps.get(1).map(|st| st.at.micros());
        assert_eq!(Some(s.playhead), first);
    }

    #[test]
    fn dropping_a_segment_keeps_the_past_and_undo_restores_it() {
        let s = start("handshake-and-close");
        let before = s.trace.segments.len();
        // The client's first data segment.
        let Some(id) = s
            .trace
            .segments
            .iter()
            .find(|r| r.from == synack_sim::Side::Client && !r.segment.payload.is_empty())
            .map(|r| r.id)
        else {
            panic!("no data segment")
        };
        let dropped = Rc::clone(&s).reduce(Action::DropSegment(id));
        assert_eq!(dropped.settings.drops.len(), 1);
        assert!(
            dropped.trace.segments.len() > before,
            "a retransmission follows"
        );
        // Everything sent before the dropped segment is unchanged.
        for (a, b) in s
            .trace
            .segments
            .iter()
            .zip(&dropped.trace.segments)
            .take(id as usize)
        {
            assert_eq!(a.segment, b.segment);
        }
        assert!(matches!(
            dropped.trace.segments.get(id as usize).map(|r| &r.fate),
            Some(synack_sim::Fate::Lost { .. })
        ));
        assert_eq!(
            dropped.playhead,
            s.trace.segments[id as usize].sent_at.micros()
        );
        let undone = dropped.reduce(Action::UndoDrop);
        assert_eq!(undone.trace.segments.len(), before);
        assert!(undone.settings.drops.is_empty());
    }

    #[test]
    fn settings_changes_keep_the_moment_and_a_new_preset_starts_over() {
        let s = apply(
            start("handshake-and-close"),
            &[Action::StepForward, Action::StepForward],
        );
        let t = s.playhead;
        assert!(t > 0);
        let slower = Settings {
            latency_ms: [80, 80],
            ..s.settings.clone()
        };
        let s2 = Rc::clone(&s).reduce(Action::Configure(slower));
        assert_eq!(s2.playhead, t);
        assert_eq!(s2.settings.latency_ms, [80, 80]);
        let s3 = s2.reduce(Action::Configure(Settings::for_preset("syn-lost")));
        assert_eq!(s3.playhead, 0);
        assert_eq!(s3.trace.scenario, "syn-lost");
    }

    #[test]
    fn a_failed_simulation_keeps_the_last_good_picture() {
        let s = start("handshake-and-close");
        let bad = Settings {
            preset: "no-such-preset".into(),
            ..s.settings.clone()
        };
        let s2 = Rc::clone(&s).reduce(Action::Configure(bad));
        assert!(s2.error.is_some());
        assert!(Rc::ptr_eq(&s2.trace, &s.trace));
        assert_eq!(s2.settings.preset, "handshake-and-close");
    }

    #[test]
    fn a_step_range_locks_playback_to_its_steps() {
        let mut s = AppState::new(Settings::for_preset("handshake-and-close"), Lang::EN, false);
        s.range = Some((2, 4));
        let steps: Vec<u64> = s
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
        assert_eq!(s.playhead, lo);
        let s = apply(s, &[const { Action::StepForward }; 10]);
        assert_eq!(s.playhead, hi);
        let s = apply(s, &[Action::ToEnd, Action::Seek(u64::MAX)]);
        assert_eq!(s.playhead, hi);
        let s = apply(s, &[Action::Seek(0)]);
        assert_eq!(s.playhead, lo);
        let mut cur = apply(s, &[Action::TogglePlay]);
        for _ in 0..100_000 {
            if !cur.playing {
                break;
            }
            cur = cur.reduce(Action::Tick(100.0));
        }
        assert_eq!(cur.playhead, hi);
        let mut past = AppState::new(Settings::for_preset("handshake-and-close"), Lang::EN, false);
        past.range = Some((900, 999));
        assert_eq!(past.bounds(), (0, past.trace.end.micros()));
    }

    #[test]
    fn language_and_number_mode_relayout_without_resimulating() {
        let s = start("handshake-and-close");
        let zh = Rc::clone(&s).reduce(Action::SetLang(crate::langpack::lang_for_tests("zh")));
        assert!(Rc::ptr_eq(&zh.trace, &s.trace));
        assert!(!Rc::ptr_eq(&zh.ladder, &s.ladder));
        let text = zh
            .narration
            .first()
            .map(|t| t.text.clone())
            .unwrap_or_default();
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
        let abs = zh.reduce(Action::ToggleAbsolute);
        assert!(abs.absolute);
    }

    #[test]
    fn a_language_pack_switches_when_it_arrives_unless_the_reader_moved_on() {
        let s = start("handshake-and-close");
        let loading = Rc::clone(&s).reduce(Action::LangLoading("zh"));
        assert_eq!((loading.lang, loading.lang_loading), (Lang::EN, Some("zh")));
        let failed = Rc::clone(&loading).reduce(Action::LangFailed("lang/zh.txt: HTTP 404".into()));
        assert_eq!((failed.lang, failed.lang_loading), (Lang::EN, None));
        assert!(failed.lang_error.is_some());
        assert!(Rc::ptr_eq(&failed.ladder, &s.ladder), "nothing relaid out");
        let loaded =
            Rc::clone(&loading).reduce(Action::LangLoaded(crate::langpack::lang_for_tests("zh")));
        assert_eq!(
            (loaded.lang, loaded.lang_loading),
            (crate::langpack::lang_for_tests("zh"), None)
        );
        // Back to English while it was on the way: the late arrival does not switch.
        let moved_on = loading.reduce(Action::SetLang(Lang::EN));
        let late = moved_on.reduce(Action::LangLoaded(crate::langpack::lang_for_tests("zh")));
        assert_eq!(late.lang, Lang::EN);
    }
}
