//! The language a text is written in, and the one way texts are declared and looked up.
//!
//! Every crate declares its texts with [`texts!`](crate::texts): an enum of meaningful keys,
//! each with its English template, in a named section. English is compiled in; every other
//! language is data, a [`Pack`] read at run time (from `lang/<code>.txt`, see `docs/TEXT.md`)
//! and carried by the [`Lang`] value that is passed to whatever writes text. Nothing is
//! global: two languages can be used side by side.

use crate::pack::Pack;
use core::fmt;
use core::hash::{Hash, Hasher};

/// A table of texts declared by [`texts!`](crate::texts).
pub trait Texts: Copy + fmt::Debug + 'static {
    /// The section of a pack that holds this table's texts.
    const SECTION: &'static str;
    /// Every key, in declaration order (the order of the section in a pack).
    const ALL: &'static [Self];
    /// The key's place in [`Texts::ALL`].
    fn index(self) -> usize;
    /// The English template.
    fn en(self) -> &'static str;
}

/// Declares a table of texts: an enum of keys, each with its English template, whose
/// translations are in the section `$section` of every language's file. Templates hold
/// named placeholders (`{n}`, `{seq:04x}`) filled by [`fill`](crate::pack::fill).
///
/// ```
/// synack_text::texts! {
///     /// Two words.
///     pub enum Demo in "demo" {
///         Hello => "hello, {name}",
///         Bye => "bye",
///     }
/// }
/// use synack_text::{Lang, Texts};
/// assert_eq!(Lang::EN.text(Demo::Bye), "bye");
/// assert_eq!(Demo::ALL.len(), 2);
/// ```
#[macro_export]
macro_rules! texts {
    ($(#[$m:meta])* $vis:vis enum $name:ident in $section:literal {
        $($(#[$km:meta])* $k:ident => $en:literal),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$km])* $k),* }
        impl $crate::Texts for $name {
            const SECTION: &'static str = $section;
            const ALL: &'static [Self] = &[$($name::$k),*];
            fn index(self) -> usize {
                self as usize
            }
            fn en(self) -> &'static str {
                match self {
                    $($name::$k => $en),*
                }
            }
        }
    };
}

crate::texts! {
    /// What a language says about itself (section `lang` of its file).
    pub enum About in "lang" {
        /// Its BCP 47 tag, for `lang` attributes: `en`, `zh-Hans`.
        Tag => "en",
        /// Its own name, for the language switcher: `English`, `简体中文`.
        Name => "English",
    }
}

/// Every language readers are offered besides English, by code (the name of its file
/// `lang/<code>.txt`) and its own name, in the order the switcher lists them. Adding a
/// language is its file and one line here (then `cargo run -p synack-langpack`; see
/// docs/TEXT.md). The tests' pseudo-locale is not offered: it is [`crate::pseudo::LANGUAGE`].
pub const LANGUAGES: &[(&str, &str)] = &[("zh", "简体中文")];

/// Every language with a pack: those offered, then the pseudo-locale.
pub fn with_packs() -> impl Iterator<Item = (&'static str, &'static str)> {
    LANGUAGES
        .iter()
        .copied()
        .chain(core::iter::once(crate::pseudo::LANGUAGE))
}

/// A language: English, compiled in ([`Lang::EN`]), or the texts of a [`Pack`]. A small
/// `Copy` value; two `Lang`s are equal when their codes are.
#[derive(Clone, Copy, Default)]
pub struct Lang {
    pack: Option<&'static Pack>,
}

impl Lang {
    /// English, the language every text is declared in.
    pub const EN: Lang = Lang { pack: None };

    /// The language of `pack`. (The caller keeps the pack for as long as the program runs:
    /// the web app and the CLI read each language at most once.)
    pub const fn of(pack: &'static Pack) -> Lang {
        Lang { pack: Some(pack) }
    }

    /// Reads a pack and keeps it for the rest of the program (it is leaked: a program reads
    /// each language at most once, the web app when a reader first picks it, the CLI at start).
    pub fn load(pack_text: &str) -> Result<Lang, crate::pack::PackError> {
        let pack = Pack::parse(pack_text)?;
        Ok(Lang::of(alloc::boxed::Box::leak(alloc::boxed::Box::new(
            pack,
        ))))
    }

    /// The language's code, as in its file name and `?lang=`: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self.pack {
            Some(p) => p.lang.as_str(),
            None => "en",
        }
    }

    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        self.text(About::Tag)
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        self.text(About::Name)
    }

    /// Whether this is English.
    pub fn is_en(self) -> bool {
        self.pack.is_none()
    }

    /// The pack, if this is not English.
    pub fn pack(self) -> Option<&'static Pack> {
        self.pack
    }

    /// The template of `key` in this language. A pack that lacks it is a broken invariant
    /// (the packs are checked against the tables when they are generated and when they are
    /// read): tests see it fail, a release shows the English.
    pub fn text<K: Texts>(self, key: K) -> &'static str {
        let Some(pack) = self.pack else {
            return key.en();
        };
        match pack.get(K::SECTION, key.index()) {
            Some(t) => t,
            None => {
                debug_assert!(false, "{} lacks {}/{key:?}", pack.lang, K::SECTION);
                key.en()
            }
        }
    }

    /// Text `index` of `section` in this language, for tables keyed by data rather than by an
    /// enum (the presets' descriptions, keyed by preset name); `None` in English.
    pub fn get(self, section: &str, index: usize) -> Option<&'static str> {
        self.pack?.get(section, index)
    }
}

/// Its code: `Lang(zh)`.
impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.code())
    }
}

impl PartialEq for Lang {
    fn eq(&self, other: &Lang) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Lang {}

impl Hash for Lang {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.code().hash(h);
    }
}
