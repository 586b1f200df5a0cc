//! Quiz mode's panel (docs/QUIZ.md): before each step worth predicting the ladder stops
//! ([`Action::QuizPlayTo`] bounds playback), the student answers what comes next, and the
//! verdict — the right answer, the narration of what happens and its RFC section — is shown
//! while the step plays. The questions are written by the second module from the trace on
//! screen (`crate::extras::quiz_questions`); this module only asks, grades and records
//! (`synack_quiz::Progress` in `localStorage`, [`crate::quiz`]). Every text is the `quiz`
//! table's; the question and the verdict are announced through a live region.

use std::cell::Cell;
use std::rc::Rc;

use synack_quiz::texts::{render, Key};
use synack_quiz::{parse_ms, Answer, Kinds, Progress, Question, Quiz, Response, Verdict};
use synack_sim::Trace;
use yew::prelude::*;

use crate::engine::Settings;
use crate::i18n::Lang;
use crate::ptr::P;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct QuizProps {
    pub lang: Lang,
    pub trace: P<Trace>,
    pub kinds: Kinds,
    pub settings: Settings,
    pub dispatch: Callback<Action>,
}

/// Where the questions are.
#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Failed(String),
    Ready(Rc<Quiz>),
}

/// The panel's state: the questions, the one asked, and the student's answer to it.
#[derive(Clone, PartialEq)]
struct Panel {
    load: Load,
    /// The index of the question asked (or, at the end, their number).
    at: usize,
    picked: Option<u32>,
    typed: String,
    verdict: Option<Verdict>,
    /// A hint about the answer given (none picked, not a duration) or about the record.
    note: Option<String>,
    /// Whether the student has answered since the panel opened (focus then follows).
    touched: bool,
}

impl Panel {
    fn loading() -> Panel {
        Panel {
            load: Load::Loading,
            at: 0,
            picked: None,
            typed: String::new(),
            verdict: None,
            note: None,
            touched: false,
        }
    }

    fn quiz(&self) -> Option<&Rc<Quiz>> {
        match &self.load {
            Load::Ready(q) => Some(q),
            _ => None,
        }
    }

    fn question(&self) -> Option<&Question> {
        self.quiz().and_then(|q| q.questions.get(self.at))
    }
}

fn t(lang: Lang, key: Key) -> &'static str {
    lang.text(key)
}

/// The random loss of the run, ppm (the larger direction's), as the record keeps it.
fn loss_ppm(s: &Settings) -> u32 {
    s.loss_pct[0].max(s.loss_pct[1]).saturating_mul(10_000)
}

/// The instant the ladder shows while `q` is asked.
fn asked_at(q: &Question) -> u64 {
    q.asked_at.map_or(0, |t| t.micros())
}

/// Starts or resumes the attempt at this run: the index of the first question not answered
/// (the number of questions if the attempt is over).
fn resume(quiz: &Quiz, trace: &Trace, kinds: Kinds, loss: u32, p: &mut Progress) -> usize {
    let total = quiz.questions.len() as u32;
    let same = p.record(&trace.scenario).is_some_and(|r| {
        let a = &r.last;
        a.seed == trace.seed && a.loss_ppm == loss && a.kinds == kinds && a.total == total
    });
    if !same {
        p.start(&trace.scenario, trace.seed, loss, kinds, total);
        crate::quiz::save(p);
    }
    let last = p.record(&trace.scenario).map(|r| &r.last);
    quiz.questions
        .iter()
        .position(|q| !last.is_some_and(|a| a.has_answered(q.id)))
        .unwrap_or(quiz.questions.len())
}

/// A new seed for "try again" (the clock's milliseconds: never the same twice in a row).
fn fresh_seed(old: u64) -> u64 {
    let now = js_sys::Date::now() as u64 % 1_000_000;
    if now == old {
        now + 1
    } else {
        now
    }
}

#[function_component]
pub fn QuizPanel(p: &QuizProps) -> Html {
    let lang = p.lang;
    let panel = use_state(Panel::loading);
    // Each request's number: an answer to an older one (another trace, language or filter)
    // is dropped.
    let generation = use_mut_ref(|| Cell::new(0u32));
    // The student's record, as read with the questions and kept in `localStorage`.
    let progress = use_mut_ref(Progress::default);
    {
        let (panel, generation, d) = (panel.clone(), generation.clone(), p.dispatch.clone());
        let progress = progress.clone();
        let loss = loss_ppm(&p.settings);
        use_effect_with(
            (p.trace.clone(), lang, p.kinds),
            move |(trace, lang, kinds)| {
                let (trace, lang, kinds) = (trace.clone(), *lang, *kinds);
                let n = generation.borrow().get().wrapping_add(1);
                generation.borrow().set(n);
                panel.set(Panel::loading());
                d.emit(Action::QuizPlayTo(Some(0)));
                let pack = crate::langpack::pack_text(lang.code()).unwrap_or_default();
                let filter = crate::params::kinds_param(kinds);
                wasm_bindgen_futures::spawn_local(async move {
                    let stored = crate::quiz::stored();
                    let got = crate::extras::quiz_questions(&trace, &filter, &pack, &stored).await;
                    if generation.borrow().get() != n {
                        return;
                    }
                    let mut next = Panel::loading();
                    match got {
                        Err(e) => next.load = Load::Failed(e),
                        Ok(arrival) => {
                            let quiz = Quiz {
                                questions: arrival.questions,
                            };
                            let mut record = arrival.progress;
                            let at = resume(&quiz, &trace, kinds, loss, &mut record);
                            *progress.borrow_mut() = record;
                            let why = arrival.ignored;
                            next.note = (!why.is_empty())
                                .then(|| render(Key::UiStoreIgnored, lang, &[("why", &why)]));
                            d.emit(Action::QuizPlayTo(quiz.questions.get(at).map(asked_at)));
                            // An attempt already over (a reload): its summary, beside the
                            // whole run at once rather than played again from the start.
                            if at >= quiz.questions.len() {
                                d.emit(Action::ToEnd);
                            }
                            next.at = at;
                            next.load = Load::Ready(Rc::new(quiz));
                        }
                    }
                    panel.set(next);
                });
            },
        );
    }

    // Focus follows the quiz once the student has answered: the next button after a
    // verdict, the first option of a new question, the summary's heading at the end.
    let first = use_node_ref();
    let next_ref = use_node_ref();
    let summary_ref = use_node_ref();
    {
        let (first, next_ref, summary_ref) = (first.clone(), next_ref.clone(), summary_ref.clone());
        let key = (panel.at, panel.verdict.is_some(), panel.touched);
        use_effect_with(key, move |&(_, verdict, touched)| {
            if touched {
                let target = if verdict { &next_ref } else { &first };
                let el = target
                    .cast::<web_sys::HtmlElement>()
                    .or_else(|| summary_ref.cast::<web_sys::HtmlElement>());
                if let Some(el) = el {
                    let _ = el.focus();
                }
            }
        });
    }

    // Before the first step nothing has happened, yet the playhead (µs, from 0) shows the
    // instant 0, at which the first step may lie: `<html data-quiz-start>` hides the picture
    // (the stylesheet's quiz section) until the first moment's answers are in.
    {
        let start = match &panel.load {
            Load::Loading => true,
            Load::Failed(_) => false,
            Load::Ready(_) => {
                panel.verdict.is_none() && panel.question().is_some_and(|q| q.asked_at.is_none())
            }
        };
        use_effect_with(start, |&on| {
            root_flag("data-quiz-start", on);
            || root_flag("data-quiz-start", false)
        });
    }

    let scenario = p.trace.scenario.clone();
    let check = {
        let (panel, d, scenario) = (panel.clone(), p.dispatch.clone(), scenario.clone());
        let progress = progress.clone();
        Callback::from(move |()| {
            let s = (*panel).clone();
            let (Some(quiz), Some(q)) = (s.quiz().cloned(), s.question().cloned()) else {
                return;
            };
            if s.verdict.is_some() {
                return;
            }
            let response = match q.answer {
                Answer::Choice { .. } => s.picked.map(Response::Choice),
                Answer::Duration { .. } => parse_ms(&s.typed).map(Response::Duration),
            };
            let Some(r) = response else {
                let key = if q.options.is_empty() {
                    Key::UiBadMs
                } else {
                    Key::UiChooseFirst
                };
                panel.set(Panel {
                    note: Some(t(lang, key).into()),
                    ..s
                });
                return;
            };
            let v = q.verdict(r, lang);
            {
                let mut record = progress.borrow_mut();
                record.answer(&scenario, q.id, v.right);
                crate::quiz::save(&record);
            }
            // The last question of its moment: play the step it asked about.
            if quiz.questions.get(s.at + 1).map(|n| n.step) != Some(q.step) {
                d.emit(Action::QuizPlayTo(Some(q.reveal_at.micros())));
            }
            panel.set(Panel {
                verdict: Some(v),
                note: None,
                touched: true,
                ..s
            });
        })
    };
    let next = {
        let (panel, d) = (panel.clone(), p.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            let s = (*panel).clone();
            let Some(quiz) = s.quiz().cloned() else {
                return;
            };
            let at = s.at + 1;
            d.emit(Action::QuizPlayTo(quiz.questions.get(at).map(asked_at)));
            panel.set(Panel {
                at,
                picked: None,
                typed: String::new(),
                verdict: None,
                note: None,
                ..s
            });
        })
    };

    // The same run from its first question ("start again"), or, first forgetting every
    // record, "forget my progress".
    let restart = {
        let (panel, d, trace, kinds) =
            (panel.clone(), p.dispatch.clone(), p.trace.clone(), p.kinds);
        let loss = loss_ppm(&p.settings);
        let progress = progress.clone();
        Callback::from(move |forget: bool| {
            let s = (*panel).clone();
            let Some(quiz) = s.quiz().cloned() else {
                return;
            };
            {
                let mut record = progress.borrow_mut();
                if forget {
                    crate::quiz::forget();
                    *record = Progress::default();
                }
                let total = quiz.questions.len() as u32;
                record.start(&trace.scenario, trace.seed, loss, kinds, total);
                crate::quiz::save(&record);
            }
            d.emit(Action::QuizPlayTo(quiz.questions.first().map(asked_at)));
            panel.set(Panel {
                at: 0,
                picked: None,
                typed: String::new(),
                verdict: None,
                note: forget.then(|| t(lang, Key::UiForgotten).to_string()),
                touched: true,
                ..s
            });
        })
    };
    let title = html! { <h2 id="quiz-h">{ t(lang, Key::UiTitle) }</h2> };
    let quiz = match &panel.load {
        Load::Loading => {
            return html! {
                <section class="panel quiz" aria-labelledby="quiz-h" aria-busy="true">
                    { title }<p class="hint" role="status">{ t(lang, Key::UiLoading) }</p>
                </section>
            }
        }
        Load::Failed(e) => {
            return html! {
                <section class="panel quiz" aria-labelledby="quiz-h">
                    { title }<p class="quiz-error" role="alert">{ render(Key::UiFailed, lang, &[("error", e)]) }</p>
                </section>
            }
        }
        Load::Ready(q) => q.clone(),
    };
    let note = panel
        .note
        .as_ref()
        .map(|n| html! { <p class="quiz-note" role="alert">{ n.clone() }</p> });
    let total = quiz.questions.len();

    let Some(q) = panel.question().cloned() else {
        return html! {
            <section class="panel quiz" aria-labelledby="quiz-h">
                { title }{ for note }
                { summary(p, &quiz, summary_ref, &restart, &progress.borrow()) }
            </section>
        };
    };

    let n = (panel.at + 1).to_string();
    let of = render(
        Key::UiProgress,
        lang,
        &[("n", &n), ("total", &total.to_string())],
    );
    let answered = panel.verdict.is_some();
    let pick = |i: u32| {
        let panel = panel.clone();
        Callback::from(move |_: Event| {
            panel.set(Panel {
                picked: Some(i),
                note: None,
                ..(*panel).clone()
            })
        })
    };
    let onkeydown = {
        let (panel, check) = (panel.clone(), check.clone());
        let options = q.options.len();
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() || panel.verdict.is_some() {
                return;
            }
            let key = e.key();
            let i = match key.as_str() {
                "a" | "A" | "1" => Some(0),
                "b" | "B" | "2" => Some(1),
                "c" | "C" | "3" => Some(2),
                "d" | "D" | "4" => Some(3),
                _ => None,
            };
            if let (Some(i), true) = (i, options > 0) {
                e.prevent_default();
                e.stop_propagation();
                if i < options {
                    panel.set(Panel {
                        picked: Some(i as u32),
                        note: None,
                        ..(*panel).clone()
                    });
                }
            } else if key == "Enter" {
                e.prevent_default();
                e.stop_propagation();
                check.emit(());
            }
        })
    };
    let onsubmit = {
        let check = check.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            check.emit(());
        })
    };
    let right_index = match q.answer {
        Answer::Choice { index } => Some(index),
        Answer::Duration { .. } => None,
    };
    let answer_key = match q.answer {
        Answer::Choice { index } => index.to_string(),
        Answer::Duration { us, .. } => us.to_string(),
    };
    let letters = ["a", "b", "c", "d"];
    let form = if q.options.is_empty() {
        let oninput = {
            let panel = panel.clone();
            Callback::from(move |e: InputEvent| {
                let v = e
                    .target_dyn_into::<web_sys::HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default();
                panel.set(Panel {
                    typed: v,
                    note: None,
                    ..(*panel).clone()
                })
            })
        };
        html! {
            <label class="field quiz-typed">
                <span>{ t(lang, Key::UiTyped) }</span>
                <input type="text" inputmode="decimal" autocomplete="off" ref={first.clone()}
                    value={panel.typed.clone()} {oninput} disabled={answered}
                    aria-describedby="quiz-prompt" />
            </label>
        }
    } else {
        html! {
            <fieldset class="quiz-options">
                <legend class="visually-hidden">{ t(lang, Key::UiOptions) }</legend>
                { for q.options.iter().enumerate().map(|(i, c)| {
                    let i = i as u32;
                    let letter = letters.get(i as usize).copied().unwrap_or("");
                    let state = match (answered, Some(i) == right_index, Some(i) == panel.picked) {
                        (true, true, _) => Some("right"),
                        (true, false, true) => Some("wrong"),
                        _ => None,
                    };
                    html! {
                        <label class={classes!("quiz-option", state)} data-index={i.to_string()}>
                            <input type="radio" name="quiz-option" value={i.to_string()}
                                checked={panel.picked == Some(i)} disabled={answered}
                                ref={if i == 0 { first.clone() } else { NodeRef::default() }}
                                onchange={pick(i)} />
                            <span class="key" aria-hidden="true">{ letter }</span>
                            <span class="label">{ c.label.clone() }</span>
                        </label>
                    }
                }) }
            </fieldset>
        }
    };
    let verdict = panel.verdict.as_ref().map(|v| {
        let last = panel.at + 1 >= total;
        let yours = match (&q.answer, panel.picked) {
            (Answer::Choice { .. }, Some(i)) => q.options.get(i as usize).map(|c| c.label.clone()),
            (Answer::Duration { .. }, _) => Some(panel.typed.trim().to_string()),
            _ => None,
        };
        html! {
            <div class={classes!("quiz-verdict", if v.right { "right" } else { "wrong" })} data-right={v.right.to_string()}>
                <p class="quiz-head">
                    <span aria-hidden="true">{ if v.right { "✓ " } else { "✗ " } }</span>
                    { if v.right { t(lang, Key::Right).to_string() } else { render(Key::Wrong, lang, &[("answer", &v.answer)]) } }
                </p>
                if !v.right {
                    if let Some(y) = yours {
                        <p class="quiz-yours">{ render(Key::UiYours, lang, &[("answer", &y)]) }</p>
                    }
                }
                <p class="quiz-explanation">{ v.explanation.clone() }</p>
                <p class="quiz-rfc">{ render(Key::Reference, lang, &[("rfc", &v.rfc)]) }</p>
                <button type="button" class="quiz-next primary" ref={next_ref.clone()} onclick={next.clone()}>
                    { t(lang, if last { Key::UiFinish } else { Key::UiNext }) }
                </button>
            </div>
        }
    });
    // What a screen reader hears: the question when it is asked, the verdict once given.
    let announce = match &panel.verdict {
        Some(v) => v.text.clone(),
        None => format!("{of}. {}", q.prompt),
    };
    html! {
        <section class="panel quiz" aria-labelledby="quiz-h" data-question={q.id.to_string()}
            data-kind={q.kind.name()} data-answer={answer_key} data-step={q.step.to_string()}>
            { title }
            <p class="quiz-count">{ of }</p>
            <form class="quiz-form" {onsubmit} {onkeydown}>
                <p class="quiz-prompt" id="quiz-prompt">{ q.prompt.clone() }</p>
                { form }
                if !answered {
                    <button type="submit" class="quiz-check primary" aria-keyshortcuts="Enter">{ t(lang, Key::UiCheck) }</button>
                    if !q.options.is_empty() {
                        <p class="hint quiz-keys">{ t(lang, Key::UiKeys) }</p>
                    }
                }
            </form>
            { for note }
            { for verdict }
            <p class="visually-hidden" role="status" aria-live="polite">{ announce }</p>
        </section>
    }
}

/// The end of an attempt: the score, the best so far, what was missed (with the right
/// answers and their rules), and the ways to go again.
fn summary(
    p: &QuizProps,
    quiz: &Rc<Quiz>,
    heading: NodeRef,
    restart: &Callback<bool>,
    progress: &Progress,
) -> Html {
    let lang = p.lang;
    let record = progress.record(&p.trace.scenario).cloned();
    if quiz.questions.is_empty() {
        return html! { <p class="hint">{ t(lang, Key::UiNone) }</p> };
    }
    let s = record.as_ref().map(|r| r.last.summary(quiz));
    let score = s.as_ref().map(|s| s.score_text(lang)).unwrap_or_default();
    let best = record.as_ref().and_then(|r| {
        let (right, total) = r.best?;
        Some(render(
            Key::UiBest,
            lang,
            &[
                ("right", &right.to_string()),
                ("total", &total.to_string()),
                ("n", &r.finished.to_string()),
            ],
        ))
    });
    let missed: Vec<Question> = s
        .map(|s| s.missed.into_iter().cloned().collect())
        .unwrap_or_default();
    let d = &p.dispatch;
    let again = |loss: bool| {
        let (d, settings) = (d.clone(), p.settings.clone());
        Callback::from(move |_: MouseEvent| {
            let mut s = Settings {
                seed: fresh_seed(settings.seed),
                drops: Vec::new(),
                ..settings.clone()
            };
            if loss {
                s.loss_pct = [s.loss_pct[0].max(3), s.loss_pct[1].max(3)];
            }
            d.emit(Action::Configure(s));
        })
    };
    html! {
        <div class="quiz-summary">
            <h3 tabindex="-1" ref={heading}>{ t(lang, Key::UiSummary) }</h3>
            <p class="quiz-score" data-right={s_right(&record)} data-total={quiz.questions.len().to_string()}>{ score }</p>
            if let Some(b) = best { <p class="quiz-best">{ b }</p> }
            if missed.is_empty() {
                <p>{ t(lang, Key::UiNoneMissed) }</p>
            } else {
                <h4>{ t(lang, Key::UiMissed) }</h4>
                <ol class="quiz-missed">
                    { for missed.iter().map(|q| html! {
                        <li data-question={q.id.to_string()}>
                            <p class="quiz-prompt">{ q.prompt.clone() }</p>
                            <p class="quiz-answer">{ render(Key::Wrong, lang, &[("answer", &q.answer_text(lang))]) }</p>
                            <p class="quiz-explanation">{ q.explanation.clone() }</p>
                            <p class="quiz-rfc">{ render(Key::Reference, lang, &[("rfc", &q.rfc.to_string())]) }</p>
                        </li>
                    }) }
                </ol>
            }
            <div class="quiz-again">
                <button type="button" class="quiz-seed" onclick={again(false)}>{ t(lang, Key::UiAnotherSeed) }</button>
                <button type="button" class="quiz-loss" onclick={again(true)}>{ t(lang, Key::UiWithLoss) }</button>
                <button type="button" class="quiz-again-same" onclick={restart.reform(|_: MouseEvent| false)}>{ t(lang, Key::UiAgain) }</button>
                <button type="button" class="quiz-forget" onclick={restart.reform(|_: MouseEvent| true)}>{ t(lang, Key::UiForget) }</button>
            </div>
        </div>
    }
}

fn s_right(r: &Option<synack_quiz::Record>) -> String {
    r.as_ref().map_or(0, |r| r.last.right.len()).to_string()
}

/// Sets or removes an attribute of `<html>` (for the stylesheet).
fn root_flag(name: &str, on: bool) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            html.set_attribute(name, "")
        } else {
            html.remove_attribute(name)
        };
    }
}

/// The header's toggle: quiz mode on (every kind) or off.
pub fn toggle(lang: Lang, on: Option<Kinds>, dispatch: &Callback<Action>) -> Html {
    let onclick = dispatch.reform(move |_: MouseEvent| {
        Action::Quiz(if on.is_some() { None } else { Some(Kinds::ALL) })
    });
    html! {
        <button type="button" class="quiz-toggle" aria-pressed={if on.is_some() { "true" } else { "false" }} {onclick}>
            { t(lang, Key::UiToggle) }
        </button>
    }
}
