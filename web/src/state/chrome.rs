//! The page's chrome: its language and numbering, theme, dialogs, notices and presenter mode.
//! Nothing here changes the trace; a language or numbering change lays it out again.

use super::Dialog;
use crate::i18n::Lang;
use crate::params::Problem;
use crate::theme::Theme;

/// The data-phase view shown above the ladder (`?view=`; docs/VIEWS.md, "On the page").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DataView {
    /// The ladder alone.
    #[default]
    Ladder,
    /// The window chart (cwnd, ssthresh, flight, rwnd).
    Chart,
    /// The time-sequence graph.
    Tsg,
}

impl DataView {
    pub const ALL: [DataView; 3] = [DataView::Ladder, DataView::Chart, DataView::Tsg];

    /// The value of `?view=` (and the name the second module draws).
    pub const fn code(self) -> &'static str {
        match self {
            DataView::Ladder => "ladder",
            DataView::Chart => "chart",
            DataView::Tsg => "tsg",
        }
    }

    pub fn parse(s: &str) -> Option<DataView> {
        let s = s.trim();
        DataView::ALL.into_iter().find(|v| v.code() == s)
    }
}

#[derive(Clone, Debug)]
pub struct Chrome {
    pub lang: Lang,
    /// The language whose texts are being fetched ([`crate::langpack`]); the page stays in
    /// `lang` until they arrive.
    pub lang_loading: Option<&'static str>,
    /// Why the last language pack could not be loaded (shown until dismissed).
    pub lang_error: Option<String>,
    /// Sequence numbers as on the wire instead of relative.
    pub absolute: bool,
    pub help_open: bool,
    /// URL parameters that were ignored or corrected (a dismissible notice).
    pub problems: Vec<Problem>,
    pub theme: Theme,
    /// `?embed`: the compact view for iframes (docs/EMBED.md).
    pub embed: bool,
    /// Presenter mode (fullscreen or not): larger type, ladder and narration only.
    pub presenting: bool,
    /// The screen is phone-narrow (style.css's 640 px breakpoint): the ladder is laid out
    /// narrower and shown at least 1:1 ([`super::NARROW_WIDTH`]).
    pub narrow: bool,
    /// The screen is blanked (`B` in presenter style); any key restores it.
    pub blank: bool,
    pub dialog: Dialog,
    /// Why the last packetdrill script opened is not shown (what and where; the picture
    /// stays).
    pub script_error: Option<String>,
    /// Quiz mode (`?mode=quiz`, the header's toggle) and the kinds it asks.
    pub quiz: Option<synack_quiz::Kinds>,
    /// The data-phase view above the ladder.
    pub view: DataView,
    /// A capture's connections, while the reader chooses one (`view::capture_list`).
    pub capture_pick: Option<crate::ptr::P<crate::capture::Pick>>,
}

impl Chrome {
    pub fn new(lang: Lang, absolute: bool) -> Chrome {
        Chrome {
            lang,
            lang_loading: None,
            lang_error: None,
            absolute,
            help_open: false,
            problems: Vec::new(),
            theme: Theme::System,
            embed: false,
            presenting: false,
            narrow: false,
            blank: false,
            dialog: Dialog::None,
            script_error: None,
            quiz: None,
            view: DataView::Ladder,
            capture_pick: None,
        }
    }

    /// Switches to `lang`; whether the picture must be laid out again.
    pub fn set_lang(&mut self, lang: Lang) -> bool {
        self.lang_loading = None;
        let changed = lang != self.lang;
        self.lang = lang;
        changed
    }

    /// `lang`'s texts arrived: switch, unless the reader chose otherwise meanwhile; whether
    /// the picture must be laid out again.
    pub fn lang_loaded(&mut self, lang: Lang) -> bool {
        if self.lang_loading != Some(lang.code()) {
            return false;
        }
        self.set_lang(lang);
        true
    }
}
