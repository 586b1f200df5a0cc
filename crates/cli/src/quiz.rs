//! `synack quiz`: the questions a student is asked about one run, each with its answer, the
//! explanation and the rule — for teachers, and for tests (docs/QUIZ.md).

use crate::args::QuizArgs;
use std::fmt::Write;
use synack_diagram::{fmt::duration, Lang};
use synack_quiz::{Answer, Question, Quiz};
use synack_sim::Trace;

/// Runs the scenario and lists its quiz (or writes it as JSON).
pub fn run(q: &QuizArgs) -> Result<(), String> {
    let scenario = crate::scenario(&q.run)?;
    let cfg = crate::config(&scenario, &q.run);
    let trace = synack_sim::run(&scenario, &cfg).map_err(|e| e.to_string())?;
    let lang = q.run.lang.unwrap_or(Lang::EN);
    let quiz = Quiz::new(&trace, q.kinds, lang);
    if let Some(path) = &q.json {
        let json = serde_json::to_string_pretty(&quiz.questions).map_err(|e| e.to_string())?;
        if path == "-" {
            return out(&(json + "\n"));
        }
        std::fs::write(path, json + "\n")
            .map_err(|e| format!("cannot write the questions to {path}: {e}"))?;
    }
    out(&render(&trace, &quiz, q, lang))
}

/// Writes to standard output; a reader that stopped reading (`| head`) is not an error.
fn out(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}

/// One block per question: where it is asked, the prompt, the options with the answer
/// marked, the rule and the explanation.
fn render(trace: &Trace, quiz: &Quiz, q: &QuizArgs, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}, seed {}: {} questions ({})\n",
        trace.scenario,
        trace.seed,
        quiz.questions.len(),
        q.kinds
    );
    let t = |at: synack_core::Instant| duration(at.0.saturating_sub(trace.t0.0));
    for question in &quiz.questions {
        let Question {
            id,
            kind,
            side: _,
            prompt,
            options,
            answer,
            explanation,
            rfc,
            step,
            asked_at,
            reveal_at,
            segment,
        } = question;
        let asked = match asked_at {
            Some(at) => format!("asked at {}", t(*at)),
            None => "asked first".to_string(),
        };
        let seg = segment
            .map(|s| format!(", segment #{s}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "#{id} [{}] {asked}; reveals step {step} at {}{seg}\n  {prompt}",
            kind.name(),
            t(*reveal_at)
        );
        match answer {
            Answer::Choice { index } => {
                for (i, c) in options.iter().enumerate() {
                    let letter = char::from(b'a' + (i as u8 % 26));
                    let mark = if i as u32 == *index {
                        "  ← answer"
                    } else {
                        ""
                    };
                    let _ = writeln!(out, "    {letter}) {}{mark}", c.label);
                }
            }
            Answer::Duration { tolerance_us, .. } => {
                let _ = writeln!(
                    out,
                    "    answer: {} (± {})",
                    question.answer_text(lang),
                    synack_quiz::ms_text(*tolerance_us, lang)
                );
            }
        }
        let _ = writeln!(out, "  {rfc}: {explanation}\n");
    }
    out
}
