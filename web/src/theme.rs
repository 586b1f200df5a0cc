//! Colour themes: follow the system (`prefers-color-scheme`), or force light, dark or the
//! high-contrast projector theme. The choice lives in the URL (`?theme=`) and is applied as
//! `<html data-theme=…>`; `web/style.css` holds the colours.

/// The colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Light or dark, as the system prefers.
    #[default]
    System,
    Light,
    Dark,
    /// High contrast and larger type, for a projector.
    Projector,
}

impl Theme {
    pub const ALL: [Theme; 4] = [Theme::System, Theme::Light, Theme::Dark, Theme::Projector];

    /// The value of `?theme=` and of `<html data-theme>`.
    pub const fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Projector => "projector",
        }
    }

    pub fn parse(s: &str) -> Option<Theme> {
        let s = s.trim();
        Theme::ALL
            .into_iter()
            .find(|t| t.code().eq_ignore_ascii_case(s))
    }
}

/// Sets `<html data-theme>` (and the embed / presenting classes' neighbour attributes).
pub fn apply(theme: Theme) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-theme", theme.code());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn themes_parse_their_own_codes_only() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.code()), Some(t));
        }
        assert_eq!(Theme::parse("Projector"), Some(Theme::Projector));
        assert_eq!(Theme::parse("<x>"), None);
    }
}
