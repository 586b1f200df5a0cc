//! Global keyboard shortcuts: Space play/pause, ←/→ step, Home/End, `?` help, Esc close,
//! `a` absolute numbers, `l` language. Keys typed into a form control keep their usual meaning
//! (arrows move a slider, Space presses a focused button).

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::listen::listen;
use crate::state::Action;

/// What a key does, given where it was typed. Pure, for testing.
pub fn action_for(
    key: &str,
    in_control: bool,
    on_button: bool,
    help_open: bool,
    selection: bool,
    lang: Lang,
) -> Option<Action> {
    if help_open {
        return matches!(key, "Escape" | "?").then_some(Action::ShowHelp(false));
    }
    if key == "Escape" {
        return selection.then_some(Action::Select(None));
    }
    if in_control {
        return None;
    }
    match key {
        " " | "Spacebar" if !on_button => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::ToStart),
        "End" => Some(Action::ToEnd),
        "?" => Some(Action::ShowHelp(true)),
        "a" | "A" => Some(Action::ToggleAbsolute),
        "l" | "L" => Some(Action::SetLang(if lang == Lang::En {
            Lang::Zh
        } else {
            Lang::En
        })),
        _ => None,
    }
}

#[hook]
pub fn use_keyboard(dispatch: Callback<Action>, lang: Lang, help_open: bool, selection: bool) {
    use_effect_with(
        (lang, help_open, selection),
        move |&(lang, help_open, selection)| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                listen(&doc, "keydown", move |e| {
                    let Some(k) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(&e) else {
                        return;
                    };
                    if k.ctrl_key() || k.meta_key() || k.alt_key() {
                        return;
                    }
                    // The help dialog is modal and its only control is Close: keep Tab inside.
                    if help_open && k.key() == "Tab" {
                        k.prevent_default();
                        return;
                    }
                    let target = k
                        .target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(t).ok());
                    let tag = target
                        .as_ref()
                        .map(|t| t.tag_name().to_ascii_lowercase())
                        .unwrap_or_default();
                    let in_control = matches!(tag.as_str(), "input" | "select" | "textarea");
                    let on_button = matches!(tag.as_str(), "button" | "a" | "summary")
                        || target
                            .as_ref()
                            .is_some_and(|t| t.get_attribute("role").as_deref() == Some("button"));
                    if let Some(a) =
                        action_for(&k.key(), in_control, on_button, help_open, selection, lang)
                    {
                        k.prevent_default();
                        dispatch.emit(a);
                    }
                })
            });
            move || drop(listener)
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn keys_map_to_actions_and_respect_form_controls() {
        let a = |k, c, b, h, s| action_for(k, c, b, h, s, Lang::En);
        assert_eq!(a(" ", false, false, false, false), Some(Action::TogglePlay));
        assert_eq!(a(" ", false, true, false, false), None);
        assert_eq!(a("ArrowLeft", true, false, false, false), None);
        assert_eq!(
            a("ArrowRight", false, false, false, false),
            Some(Action::StepForward)
        );
        assert_eq!(
            a("?", false, false, false, false),
            Some(Action::ShowHelp(true))
        );
        assert_eq!(
            a("Escape", false, false, true, false),
            Some(Action::ShowHelp(false))
        );
        assert_eq!(a("ArrowRight", false, false, true, false), None);
        assert_eq!(
            a("Escape", true, false, false, true),
            Some(Action::Select(None))
        );
        assert_eq!(
            action_for("l", false, false, false, false, Lang::Zh),
            Some(Action::SetLang(Lang::En))
        );
    }
}
