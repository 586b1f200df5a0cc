//! Playback: the playhead and how it moves. The browser clock sends ticks, which move the
//! playhead along the ladder's (compressed) time axis at a constant on-screen speed, or, with
//! reduced motion, from event to event.

use synack_core::Instant;
use synack_diagram::Ladder;

use super::{BASE_SPEED, DEFAULT_SPEED, REDUCED_STEP_MS, SPEEDS};

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Simulated time at the playhead, µs.
    pub playhead: u64,
    pub playing: bool,
    /// An index into [`SPEEDS`].
    pub speed: usize,
    pub reduced_motion: bool,
    /// Wall-clock ms accumulated towards the next jump in reduced-motion playback.
    pub reduced_acc: f64,
    /// `?steps=A-B`: only steps A..B (1-based, inclusive) can be played.
    pub range: Option<(u32, u32)>,
    /// Quiz mode: nothing past this instant is shown (the moment a question is asked).
    pub quiz_limit: Option<u64>,
}

impl Default for Playback {
    fn default() -> Playback {
        Playback {
            playhead: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            reduced_motion: false,
            reduced_acc: 0.0,
            range: None,
            quiz_limit: None,
        }
    }
}

impl Playback {
    /// The playable span of simulated time, µs, in `ladder` (of a trace ending at `end`): the
    /// whole trace, or steps A..B of `range` (B clamped to the step count; the whole trace if
    /// A is past the end).
    pub fn bounds(&self, ladder: &Ladder, end: u64) -> (u64, u64) {
        let full = (0, end);
        let Some((a, b)) = self.range else {
            return full;
        };
        let steps = &ladder.steps;
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

    /// Keeps the playhead within `(lo, hi)`; playback stops at the end.
    pub fn clamp(&mut self, (lo, hi): (u64, u64)) {
        self.playhead = self.playhead.clamp(lo, hi);
        if self.playhead >= hi {
            self.playing = false;
        }
    }

    /// Plays from where it is (from `start` if at `end`).
    pub fn play(&mut self, (start, end): (u64, u64)) {
        if self.playhead >= end {
            self.playhead = start;
        }
        self.playing = true;
        self.reduced_acc = 0.0;
    }

    /// The next step's instant after the playhead, or `end`.
    pub fn next_step(&self, ladder: &Ladder, end: u64) -> u64 {
        let steps = &ladder.steps;
        steps
            .next_after(Instant(self.playhead))
            .and_then(|i| steps.get(i))
            .map_or(end, |s| s.at.micros())
    }

    /// The previous step's instant before the playhead, or `start`.
    pub fn prev_step(&self, ladder: &Ladder, start: u64) -> u64 {
        let steps = &ladder.steps;
        steps
            .prev_before(Instant(self.playhead))
            .and_then(|i| steps.get(i))
            .map_or(start, |s| s.at.micros())
    }

    /// `ms` of wall-clock time passed while playing.
    pub fn tick(&mut self, ms: f64, ladder: &Ladder, end: u64) {
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
                self.playhead = self.next_step(ladder, end);
            }
        } else {
            let axis = &ladder.axis;
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
