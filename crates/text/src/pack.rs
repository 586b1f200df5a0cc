//! Language packs: the texts of one language, read at run time.
//!
//! A language other than English is data: its source is `lang/<code>.txt`, texts keyed by
//! name (see [`crate::source`]); `synack-langpack` turns it into this compact form,
//! `web/lang/<code>.txt`, in each table's key order, which the web app fetches when a reader
//! picks the language and the CLI compiles in. A parsed [`Pack`] becomes a
//! [`Lang`](crate::Lang) value that is passed to whatever writes text. Nothing here does IO
//! and nothing is global.
//!
//! The format is UTF-8 text, one text per line, in each table's key order:
//!
//! ```text
//! synack-lang 1 zh
//! @core 2
//! 源端口
//! 目的端口
//! @diagram 1
//! …
//! ```
//!
//! A text cannot contain a line break ([`write`] refuses one): none needs it, and the format
//! needs no escapes.
//!
//! ```
//! use synack_text::pack::{write, Pack};
//! let text = write("zh", &[("core", &["源端口", "目的端口"][..])]).unwrap();
//! let pack = Pack::parse(&text).unwrap();
//! assert_eq!(pack.get("core", 1), Some("目的端口"));
//! assert_eq!(pack.get("core", 2), None);
//! assert_eq!(pack.get("sim", 0), None);
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write};

/// The first line of a pack, before the language tag.
pub const MAGIC: &str = "synack-lang 1";

/// A parsed language pack: named sections of texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pack {
    /// The language tag of the header line (`zh`).
    pub lang: String,
    sections: Vec<(String, Vec<String>)>,
}

/// Why a pack could not be read. Lines count from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The first line is not `synack-lang 1 <lang>`.
    Header,
    /// A line that should start a section (`@name count`) does not.
    Section { line: usize },
    /// The file ends before a section has all its texts.
    Short { section: String },
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackError::Header => write!(f, "the first line is not \"{MAGIC} <language>\""),
            PackError::Section { line } => write!(f, "line {line}: expected \"@section count\""),
            PackError::Short { section } => write!(f, "section {section} ends early"),
        }
    }
}

impl Pack {
    /// Reads a pack. Never panics, whatever the input.
    pub fn parse(text: &str) -> Result<Pack, PackError> {
        let mut lines = text.split('\n').enumerate();
        let lang = match lines.next() {
            Some((_, first)) => first
                .strip_prefix(MAGIC)
                .and_then(|rest| rest.strip_prefix(' '))
                .filter(|l| !l.is_empty() && !l.contains(' '))
                .ok_or(PackError::Header)?,
            None => return Err(PackError::Header),
        };
        let mut pack = Pack {
            lang: String::from(lang),
            sections: Vec::new(),
        };
        while let Some((i, line)) = lines.next() {
            if line.is_empty() && lines.clone().all(|(_, l)| l.is_empty()) {
                break; // the final line break
            }
            let (name, count) = line
                .strip_prefix('@')
                .and_then(|h| h.split_once(' '))
                .and_then(|(n, c)| Some((n, c.parse::<usize>().ok()?)))
                .ok_or(PackError::Section { line: i + 1 })?;
            // The count comes from the file: cap what is reserved up front.
            let mut texts = Vec::with_capacity(count.min(4096));
            for _ in 0..count {
                let (_, t) = lines.next().ok_or_else(|| PackError::Short {
                    section: String::from(name),
                })?;
                texts.push(String::from(t));
            }
            pack.sections.push((String::from(name), texts));
        }
        Ok(pack)
    }

    /// Text `index` of `section`, if the pack has it.
    pub fn get(&self, section: &str, index: usize) -> Option<&str> {
        let (_, texts) = self.sections.iter().find(|(n, _)| n == section)?;
        texts.get(index).map(String::as_str)
    }

    /// How many texts `section` has (`None`: no such section).
    pub fn len(&self, section: &str) -> Option<usize> {
        let (_, texts) = self.sections.iter().find(|(n, _)| n == section)?;
        Some(texts.len())
    }
}

/// The URL of the pack of `code` whose fingerprint ([`crate::fnv1a`]) is `hash`, relative to
/// the page: the web app's request, and the early one `synack-langpack` writes into
/// index.html, which must be the very same URL to be reused.
pub fn url(code: &str, hash: u64) -> String {
    alloc::format!("lang/{code}.txt?v={hash:016x}")
}

/// Writes a pack of `sections` (name, texts in key order) in language `lang`; the error
/// names a text with a line break, which the format cannot hold.
pub fn write(lang: &str, sections: &[(&str, &[&str])]) -> Result<String, String> {
    let mut out = String::new();
    let _ = writeln!(out, "{MAGIC} {lang}");
    for (name, texts) in sections {
        let _ = writeln!(out, "@{name} {}", texts.len());
        for (i, t) in texts.iter().enumerate() {
            if t.contains(['\n', '\r']) {
                return Err(alloc::format!(
                    "text {i} of section {name} has a line break"
                ));
            }
            out.push_str(t);
            out.push('\n');
        }
    }
    Ok(out)
}

/// A value for a `{name}` or `{name:spec}` placeholder of [`fill`].
pub trait Arg {
    /// Appends the value to `out`, formatted by `spec` (what follows the `:`, or "").
    fn put(&self, spec: &str, out: &mut String);
}

impl<T: Arg + ?Sized> Arg for &T {
    fn put(&self, spec: &str, out: &mut String) {
        (**self).put(spec, out);
    }
}

impl Arg for str {
    fn put(&self, _: &str, out: &mut String) {
        out.push_str(self);
    }
}

impl Arg for String {
    fn put(&self, _: &str, out: &mut String) {
        out.push_str(self);
    }
}

impl Arg for u64 {
    /// `spec`: "" (decimal), or `0` + width + `x` or `b` (zero-padded hex or binary).
    fn put(&self, spec: &str, out: &mut String) {
        let digits = spec.strip_prefix('0').unwrap_or(spec);
        let w = digits
            .get(..digits.len().saturating_sub(1))
            .and_then(|w| w.parse::<usize>().ok())
            .unwrap_or(0);
        let _ = match digits.as_bytes().last() {
            Some(b'x') => write!(out, "{self:0w$x}"),
            Some(b'b') => write!(out, "{self:0w$b}"),
            _ => write!(out, "{self}"),
        };
    }
}

// The other integers format as their u64 value: one formatter in the binary, not five.
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn put(&self, spec: &str, out: &mut String) {
                (*self as u64).put(spec, out);
            }
        }
    )*};
}
int_arg!(u8, u16, u32, usize);

impl Arg for i32 {
    /// A minus sign, then the magnitude as a `u64` (a relative sequence number below the ISS).
    fn put(&self, spec: &str, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        u64::from(self.unsigned_abs()).put(spec, out);
    }
}

/// `template` with its `{name}` / `{name:spec}` placeholders replaced by the arguments of
/// that name, formatted as `format!` would (`{c:04x}`). A placeholder without an argument,
/// or a lone brace, stays as written.
pub fn fill(template: &str, args: &[(&str, &dyn Arg)]) -> String {
    fill_by(template, |body, out| {
        let (name, spec) = body.split_once(':').unwrap_or((body, ""));
        let v = args.iter().find(|(n, _)| *n == name);
        if let Some((_, v)) = v {
            v.put(spec, out);
        }
        v.is_some()
    })
}

/// [`fill`] with text arguments: `template` with each `{name}` replaced by the argument of
/// that name (the narration's and the web app's texts).
pub fn fill_str(template: &str, args: &[(&str, &str)]) -> String {
    fill_by(template, |name, out| {
        let v = args.iter().find(|(k, _)| *k == name);
        if let Some((_, v)) = v {
            out.push_str(v);
        }
        v.is_some()
    })
}

/// The scan under [`fill`] and the diagram's narration templates: each placeholder's text
/// between the braces is given to `put`, which writes its value and says whether it had
/// one; a placeholder without, or a lone brace, stays as written.
pub fn fill_by(template: &str, mut put: impl FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let inner = after.get(1..).and_then(|a| Some((a, a.find('}')?)));
        let Some((a, close)) = inner else {
            rest = after;
            break;
        };
        if !put(a.get(..close).unwrap_or(""), &mut out) {
            out.push_str(after.get(..close + 2).unwrap_or(""));
        }
        rest = a.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn fill_formats_like_format() {
        let (c, e, bits, n, name) = (0x1au16, 0xbeefu32, 5u8, 1460usize, "MSS");
        let got = fill(
            "0x{c:04x} 0x{e:04x} {bits:04b} {n} {name} {missing} {",
            &[
                ("c", &c),
                ("e", &e),
                ("bits", &bits),
                ("n", &n),
                ("name", &name),
            ],
        );
        assert_eq!(
            got,
            format!("0x{c:04x} 0x{e:04x} {bits:04b} {n} {name} {{missing}} {{")
        );
    }

    #[test]
    fn round_trip_and_errors() {
        let texts = ["a\\b", "", "@not a section", "{x}（中文）"];
        let p = Pack::parse(&write("zh", &[("s", &texts[..]), ("t", &[][..])]).unwrap()).unwrap();
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(p.get("s", i), Some(*t));
        }
        assert_eq!((p.len("t"), p.lang.as_str()), (Some(0), "zh"));
        assert_eq!(Pack::parse(""), Err(PackError::Header));
        assert_eq!(Pack::parse("synack-lang 2 zh\n"), Err(PackError::Header));
        let short = Pack::parse("synack-lang 1 zh\n@s 3\nx\n");
        assert!(matches!(short, Err(PackError::Short { .. })), "{short:?}");
        let bad = Pack::parse("synack-lang 1 zh\nx\n");
        assert_eq!(bad, Err(PackError::Section { line: 2 }));
        assert!(write("zh", &[("s", &["two\nlines"][..])]).is_err());
        // A huge count does not allocate up front, and fails cleanly.
        assert!(Pack::parse("synack-lang 1 zh\n@s 99999999999\n").is_err());
    }
}
