//! The questions in a compact binary form (feature `bin`): the web app's second module
//! (web/extras) writes them and the app's own module reads them, so that the app links no
//! question generator (docs/WEB.md, "Two modules"). Both modules come from one build: the
//! form has no version. Bytes that do not decode are an error, never a panic.

use crate::progress::Progress;
use crate::question::{Question, Value};
use alloc::vec::Vec;
use nanoserde::{DeBin, DeBinErr, SerBin};
use synack_core::State;
use synack_diagram::Why;
use synack_sim::Side;

/// `Value` by hand: its `Why` is synack-diagram's, which has no binary form (the orphan rule
/// forbids adding one here), so it crosses as its index in `Why::ALL`.
impl SerBin for Value {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        match *self {
            Value::Send { side, class, timer } => {
                0u8.ser_bin(s);
                side.ser_bin(s);
                class.ser_bin(s);
                timer.ser_bin(s);
            }
            Value::Number { n } => {
                1u8.ser_bin(s);
                n.ser_bin(s);
            }
            Value::State { state } => {
                2u8.ser_bin(s);
                state.ser_bin(s);
            }
            Value::Why { why } => {
                3u8.ser_bin(s);
                let i = Why::ALL.iter().position(|w| *w == why).unwrap_or(0);
                u8::try_from(i).unwrap_or(0).ser_bin(s);
            }
        }
    }
}

impl DeBin for Value {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<Value, DeBinErr> {
        let at = *o;
        let bad = || DeBinErr::new(at, 1, d.len());
        Ok(match u8::de_bin(o, d)? {
            0 => Value::Send {
                side: Side::de_bin(o, d)?,
                class: DeBin::de_bin(o, d)?,
                timer: bool::de_bin(o, d)?,
            },
            1 => Value::Number {
                n: i64::de_bin(o, d)?,
            },
            2 => Value::State {
                state: State::de_bin(o, d)?,
            },
            3 => {
                let i = u8::de_bin(o, d)?;
                Value::Why {
                    why: Why::ALL.get(usize::from(i)).copied().ok_or_else(bad)?,
                }
            }
            _ => return Err(bad()),
        })
    }
}

/// What the second module sends the app when quiz mode opens a run: its questions, and the
/// student's record read from `localStorage`'s JSON (so that the app links no JSON reader),
/// with why a stored value was ignored (empty if it was not).
#[derive(Clone, Debug, Default, PartialEq, nanoserde::SerBin, nanoserde::DeBin)]
pub struct Arrival {
    pub questions: Vec<Question>,
    pub progress: Progress,
    pub ignored: alloc::string::String,
}

/// `questions` in the binary form.
pub fn to_bin(questions: &[Question]) -> Vec<u8> {
    questions.to_vec().serialize_bin()
}

/// What [`to_bin`] wrote.
pub fn from_bin(bytes: &[u8]) -> Result<Vec<Question>, DeBinErr> {
    Vec::<Question>::deserialize_bin(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kinds, Quiz};
    use synack_diagram::Lang;

    #[test]
    fn a_record_crosses_whole() {
        let mut p = Progress::default();
        p.start(
            "syn-lost",
            7,
            30_000,
            Kinds::parse("flags,why").unwrap_or(Kinds::ALL),
            3,
        );
        p.answer("syn-lost", 0, true);
        p.answer("syn-lost", 2, false);
        let a = Arrival {
            questions: Vec::new(),
            progress: p,
            ignored: "why".into(),
        };
        assert_eq!(Arrival::deserialize_bin(&a.serialize_bin()).ok(), Some(a));
    }

    #[test]
    fn every_preset_s_questions_cross_whole_and_cut_bytes_are_an_error() {
        for p in synack_sim::presets() {
            let Some(s) = synack_sim::preset(p.name) else {
                continue;
            };
            let Ok(trace) = synack_sim::run(&s, &synack_sim::Config::for_scenario(&s)) else {
                continue;
            };
            let quiz = Quiz::new(&trace, Kinds::ALL, Lang::EN);
            let bytes = to_bin(&quiz.questions);
            assert_eq!(
                from_bin(&bytes).ok(),
                Some(quiz.questions.clone()),
                "{}",
                p.name
            );
            for cut in [1, bytes.len() / 2, bytes.len().saturating_sub(1)] {
                if let Some(part) = bytes.get(..cut) {
                    if cut < bytes.len() {
                        assert!(from_bin(part).is_err(), "{} cut at {cut}", p.name);
                    }
                }
            }
        }
    }
}
