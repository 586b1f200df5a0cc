//! "Make a quiz of this" in the share dialog: a link, and embed code, that open the view on
//! screen in quiz mode (`mode=quiz`), asking the kinds of question ticked (`quiz=flags,seq`
//! unless every kind; docs/QUIZ.md).

use synack_quiz::texts::Key;
use synack_quiz::{Kind, Kinds};
use yew::prelude::*;

use super::tools::{app_url, snippets};
use crate::i18n::{Lang, Words, T};

#[derive(Properties, PartialEq)]
pub struct QuizLinkProps {
    pub lang: Lang,
    pub query: String,
    pub embed_query: String,
    pub preset: String,
}

/// `query` without quiz mode's parameters or the playhead (a quiz starts at the start),
/// then with quiz mode asking `kinds`.
pub fn quiz_query(query: &str, kinds: Kinds) -> String {
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut parts: Vec<String> = q
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && !p.starts_with("mode=")
                && !p.starts_with("quiz=")
                && !p.starts_with("t=")
        })
        .map(String::from)
        .collect();
    parts.push("mode=quiz".into());
    if kinds != Kinds::ALL {
        parts.push(format!("quiz={}", crate::params::kinds_param(kinds)));
    }
    format!("?{}", parts.join("&"))
}

#[function_component]
pub fn QuizLink(p: &QuizLinkProps) -> Html {
    let lang = p.lang;
    let kinds = use_state(|| Kinds::ALL);
    let app = app_url();
    let link = format!("{app}{}", quiz_query(&p.query, *kinds));
    let title = lang.f(T::EmbedFrameTitle, &[("scenario", &p.preset)]);
    let (iframe, _) = snippets(
        &app,
        &quiz_query(&p.embed_query, *kinds),
        &p.preset,
        lang,
        &title,
    );
    let boxes = Kind::ALL.iter().map(|&k| {
        let kinds = kinds.clone();
        let on = kinds.contains(k);
        let onchange = Callback::from(move |_: Event| {
            let now = *kinds;
            // At least one kind stays ticked.
            let next = if now.contains(k) {
                Some(now.without(k))
                    .filter(|n| !n.is_empty())
                    .unwrap_or(now)
            } else {
                now.with(k)
            };
            kinds.set(next);
        });
        html! {
            <label class="quiz-kind">
                <input type="checkbox" value={k.name()} checked={on} {onchange} />
                { k.title(lang) }
            </label>
        }
    });
    html! {
        <section class="quiz-share" aria-labelledby="quiz-share-h">
            <h3 id="quiz-share-h">{ lang.text(Key::UiMakeQuiz) }</h3>
            <p class="desc">{ lang.text(Key::UiMakeQuizIntro) }</p>
            <fieldset class="quiz-kinds">
                <legend class="visually-hidden">{ lang.text(Key::UiMakeQuiz) }</legend>
                { for boxes }
            </fieldset>
            <label class="field">
                <span>{ lang.text(Key::UiQuizLink) }</span>
                <input id="quiz-link" type="text" readonly=true value={link} />
            </label>
            <label class="field">
                <span>{ lang.text(Key::UiQuizEmbed) }</span>
                <textarea id="quiz-embed" readonly=true rows="4" value={iframe} />
            </label>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_quiz_link_replaces_quiz_parameters_and_the_playhead() {
        let q = quiz_query(
            "?preset=syn-lost&t=500&mode=quiz&quiz=seq&lang=zh",
            Kinds::ALL,
        );
        assert_eq!(q, "?preset=syn-lost&lang=zh&mode=quiz");
        let some = Kinds::parse("flags,state").unwrap_or(Kinds::ALL);
        let p = crate::params::parse(&quiz_query("?preset=syn-lost", some));
        assert_eq!(p.quiz, Some(some));
        assert!(p.problems.is_empty());
    }
}
