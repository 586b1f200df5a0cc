//! What the narration panel says at a moment of the window chart, for the tooltips of its
//! points, loss markers and phase changes: the same sentences ([`narrate_step`]), in the
//! chart's language, told of the chart's side only.

use crate::narrate::{text, Key};
use crate::steps::{Step, Steps};
use crate::{narrate_step, Lang, SeqMode, Timeline};
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::Instant;
use synack_sim::{Side, Trace, TraceEventKind};

/// At most this many sentences in a tooltip; a burst's further sends become "…".
const MOST: usize = 4;

/// The steps and histories of one trace, built once per drawing.
pub(crate) struct Narrator<'a> {
    trace: &'a Trace,
    steps: Steps,
    tl: Timeline,
    lang: Lang,
}

impl<'a> Narrator<'a> {
    pub(crate) fn new(trace: &'a Trace, lang: Lang) -> Narrator<'a> {
        Narrator {
            trace,
            steps: Steps::new(trace),
            tl: Timeline::new(trace),
            lang,
        }
    }

    /// The sentences of `side`'s events at exactly `t` (empty if nothing happened to it
    /// then). `sent`: only this `Sent` event among the segments sent and received (a loss
    /// marker tells its retransmission and what fired it, not the ACK that came with it).
    pub(crate) fn said(&self, t: Instant, side: Side, sent: Option<u32>) -> String {
        let Some(step) = self
            .steps
            .index_at(t)
            .and_then(|i| self.steps.get(i))
            .filter(|s| s.at == t)
        else {
            return String::new();
        };
        let events: Vec<u32> = step
            .events
            .iter()
            .copied()
            .filter(|&ei| {
                self.trace.events.get(ei as usize).is_some_and(|e| {
                    e.side == side
                        && match (&e.kind, sent) {
                            (
                                TraceEventKind::Sent { .. } | TraceEventKind::Arrived { .. },
                                Some(only),
                            ) => ei == only,
                            _ => true,
                        }
                })
            })
            .collect();
        if events.is_empty() {
            return String::new();
        }
        let one = Steps {
            list: alloc::vec![Step {
                at: step.at,
                events,
                lost: Vec::new(),
                injected: Vec::new(),
                whys: Vec::new(),
            }],
        };
        let told = narrate_step(self.trace, &one, &self.tl, 0, self.lang, SeqMode::Relative);
        if told.sentences.len() <= MOST {
            return told.text;
        }
        let space = text(Key::Space, self.lang);
        let mut s = told
            .sentences
            .get(..MOST - 1)
            .unwrap_or_default()
            .join(space);
        s.push_str(space);
        s.push('…');
        s
    }
}
