//! Global keyboard shortcuts: Space play/pause, ←/→ step (PageUp/PageDown too, as presentation
//! clickers send them), Home/End, `?` help, Esc close, `a` absolute numbers, `l` language,
//! `p` presenter mode, `b` (or `.`) blanks the screen and any key restores it. Keys typed into
//! a form control keep their usual meaning (arrows move a slider, Space presses a focused
//! button), except in presenter mode, where Space always plays or pauses.

use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::listen::listen;
use crate::state::{Action, Dialog};

/// Where a key was typed and what is open.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct KeyCtx {
    pub in_control: bool,
    pub on_button: bool,
    pub help_open: bool,
    /// A share / embed dialog is open.
    pub dialog_open: bool,
    pub selection: bool,
    pub presenting: bool,
    pub blank: bool,
    /// The code of the language shown (`en`, `zh`).
    pub lang: &'static str,
}

/// What a key does, given where it was typed. Pure, for testing.
pub fn action_for(key: &str, c: KeyCtx) -> Option<Action> {
    if c.blank {
        // Any key brings the picture back (and does nothing else).
        return Some(Action::Blank(false));
    }
    if c.help_open {
        return matches!(key, "Escape" | "?").then_some(Action::ShowHelp(false));
    }
    if c.dialog_open {
        return (key == "Escape").then_some(Action::OpenDialog(Dialog::None));
    }
    if key == "Escape" {
        if c.selection {
            return Some(Action::Select(None));
        }
        return c.presenting.then_some(Action::Present(false));
    }
    // Clickers send these wherever the focus is; a presenter's Space plays or pauses there
    // too (never presses the button last clicked, such as "Present").
    match key {
        "PageDown" => return Some(Action::StepForward),
        "PageUp" => return Some(Action::StepBack),
        " " | "Spacebar" if c.presenting => return Some(Action::TogglePlay),
        _ => {}
    }
    if c.in_control {
        return None;
    }
    match key {
        " " | "Spacebar" if !c.on_button => Some(Action::TogglePlay),
        "ArrowRight" => Some(Action::StepForward),
        "ArrowLeft" => Some(Action::StepBack),
        "Home" => Some(Action::ToStart),
        "End" => Some(Action::ToEnd),
        "?" => Some(Action::ShowHelp(true)),
        "a" | "A" => Some(Action::ToggleAbsolute),
        "l" | "L" => Some(Action::PickLang(next_lang(c.lang))),
        "b" | "B" | "." => Some(Action::Blank(true)),
        "p" | "P" => Some(Action::Present(!c.presenting)),
        _ => None,
    }
}

#[hook]
pub fn use_keyboard(dispatch: Callback<Action>, ctx: KeyCtx) {
    use_effect_with(ctx, move |&ctx| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            listen(&doc, "keydown", move |e| {
                let Some(k) = wasm_bindgen::JsCast::dyn_ref::<KeyboardEvent>(&e) else {
                    return;
                };
                if k.ctrl_key() || k.meta_key() || k.alt_key() {
                    return;
                }
                // The help dialog is modal and its only control is Close: keep Tab inside.
                if ctx.help_open && k.key() == "Tab" {
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
                let c = KeyCtx {
                    in_control,
                    on_button,
                    ..ctx
                };
                if let Some(a) = action_for(&k.key(), c) {
                    k.prevent_default();
                    dispatch.emit(a);
                }
            })
        });
        move || drop(listener)
    });
}

/// The language after `code` in the switcher's order (English, then every listed one), round.
fn next_lang(code: &str) -> &'static str {
    let codes: Vec<&'static str> = core::iter::once("en")
        .chain(synack_text::LANGUAGES.iter().map(|(c, _)| *c))
        .collect();
    let at = codes.iter().position(|c| *c == code).unwrap_or(0);
    codes.get(at + 1).or(codes.first()).copied().unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn keys_map_to_actions_and_respect_form_controls() {
        let a = |k, in_control, on_button, help_open, selection| {
            action_for(
                k,
                KeyCtx {
                    in_control,
                    on_button,
                    help_open,
                    selection,
                    ..KeyCtx::default()
                },
            )
        };
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
        let zh = KeyCtx {
            lang: "zh",
            ..KeyCtx::default()
        };
        assert_eq!(action_for("l", zh), Some(Action::PickLang("en")));
        assert_eq!(
            action_for("l", KeyCtx::default()),
            Some(Action::PickLang("zh"))
        );
    }

    #[test]
    fn clicker_keys_step_and_b_blanks_until_any_key() {
        let c = KeyCtx::default();
        assert_eq!(action_for("PageDown", c), Some(Action::StepForward));
        assert_eq!(action_for("PageUp", c), Some(Action::StepBack));
        let on_slider = KeyCtx {
            in_control: true,
            ..c
        };
        assert_eq!(action_for("PageDown", on_slider), Some(Action::StepForward));
        assert_eq!(action_for("b", c), Some(Action::Blank(true)));
        let blank = KeyCtx { blank: true, ..c };
        assert_eq!(action_for("b", blank), Some(Action::Blank(false)));
        assert_eq!(action_for("x", blank), Some(Action::Blank(false)));
        let presenting = KeyCtx {
            presenting: true,
            ..c
        };
        assert_eq!(
            action_for("Escape", presenting),
            Some(Action::Present(false))
        );
        let dialog = KeyCtx {
            dialog_open: true,
            ..c
        };
        assert_eq!(
            action_for("Escape", dialog),
            Some(Action::OpenDialog(Dialog::None))
        );
        assert_eq!(action_for("ArrowRight", dialog), None);
    }

    #[test]
    fn a_presenters_space_plays_wherever_the_focus_is() {
        let presenting = KeyCtx {
            presenting: true,
            ..KeyCtx::default()
        };
        for (in_control, on_button) in [(false, false), (false, true), (true, false)] {
            let c = KeyCtx {
                in_control,
                on_button,
                ..presenting
            };
            assert_eq!(action_for(" ", c), Some(Action::TogglePlay));
            assert_eq!(action_for("PageDown", c), Some(Action::StepForward));
        }
        // Outside presenter mode a focused button or control keeps its Space.
        let on_button = KeyCtx {
            on_button: true,
            ..KeyCtx::default()
        };
        assert_eq!(action_for(" ", on_button), None);
    }
}
