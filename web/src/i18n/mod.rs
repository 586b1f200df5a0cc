//! Every string the UI shows, as one table keyed by [`T`] (declared in `synack_text::ui` with
//! [`synack_text::texts!`] like every other text of synack): English compiled in, every other
//! language in its file `lang/<code>.txt`, fetched when a reader picks it ([`crate::langpack`]).
//! Narration sentences come from `synack-diagram`; state names stay as RFC 9293 spells them
//! (`FIN-WAIT-1`) in every language, as textbooks print them.

/// The interface's texts (section `web`): declared in `synack_text::ui`, beside every other
/// table, so that `synack-langpack` reads them without building the app.
pub use synack_text::ui::T;

/// The UI language: the one `Lang` of every crate (the diagram and the inspector take the
/// same value), with the interface's words added by [`Words`].
pub use synack_text::Lang;

/// The interface's side of a [`Lang`].
pub trait Words: Sized {
    /// One UI string.
    fn t(self, key: T) -> &'static str;
    /// A UI string with its `{name}` placeholders filled from `args`.
    fn f(self, key: T, args: &[(&str, &str)]) -> String {
        synack_text::pack::fill_str(self.t(key), args)
    }
}

impl Words for Lang {
    fn t(self, key: T) -> &'static str {
        self.text(key)
    }
}

/// Parses `?lang=`: `en`, or a listed language's code, in any case and with any region or
/// script (`zh-CN`, `zh-Hans`). Anything else is `None`.
pub fn parse_code(s: &str) -> Option<&'static str> {
    let s = s.trim().to_ascii_lowercase();
    let base = s.split(['-', '_']).next().unwrap_or("");
    core::iter::once("en")
        .chain(synack_text::with_packs().map(|(code, _)| code))
        .find(|code| *code == base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_text::Texts;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_key_has_a_non_empty_text_in_every_language() {
        for lang in [Lang::EN, crate::langpack::lang_for_tests("zh")] {
            for &k in T::ALL {
                assert!(!lang.t(k).trim().is_empty(), "{lang:?} {k:?} is empty");
            }
        }
    }

    #[test]
    fn f_fills_named_placeholders() {
        assert_eq!(
            Lang::EN.f(T::EventCounter, &[("n", "3"), ("total", "9")]),
            "event 3 of 9"
        );
    }

    #[test]
    fn lang_parses_common_spellings_and_rejects_the_rest() {
        assert_eq!(parse_code("zh-CN"), Some("zh"));
        assert_eq!(parse_code("EN"), Some("en"));
        assert_eq!(parse_code("<script>"), None);
        assert_eq!(parse_code(""), None);
    }
}
