//! The pseudo-locale `qps` (BCP 47 private use; `qps-ploc` is the usual pseudo-locale tag):
//! every English text wrapped as `⟦…⟧` with accented vowels, placeholders kept. It is a
//! language like any other (its file `lang/qps.txt`, its pack, a `?lang=qps` page), written
//! from the English by `synack-langpack`, and used only by tests: a page in it shows at a
//! glance any text that is not looked up (no brackets) and, the texts being longer, any that
//! is clipped. Readers are not offered it: it is [`LANGUAGE`], not one of
//! [`LANGUAGES`](crate::LANGUAGES).

use alloc::string::String;

/// The pseudo-locale's code.
pub const CODE: &str = "qps";

/// Its code and name, as [`LANGUAGES`](crate::LANGUAGES) lists a language.
pub const LANGUAGE: (&str, &str) = (CODE, "⟦Pséúdó⟧");

/// `en` in the pseudo-locale: leading and trailing spaces kept outside, the rest wrapped in
/// `⟦…⟧` with its vowels accented, except inside `{placeholders}`. A text without a letter
/// (punctuation, a space) stays as it is.
pub fn pseudo(en: &str) -> String {
    if !en.chars().any(char::is_alphabetic) {
        return String::from(en);
    }
    let body = en.trim();
    let lead = en.len() - en.trim_start().len();
    let mut out = String::with_capacity(en.len() * 2 + 8);
    out.push_str(en.get(..lead).unwrap_or(""));
    out.push('⟦');
    let mut in_placeholder = false;
    for c in body.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            _ => {}
        }
        out.push(if in_placeholder { c } else { accent(c) });
    }
    out.push('⟧');
    out.push_str(en.get(lead + body.len()..).unwrap_or(""));
    out
}

fn accent(c: char) -> char {
    match c {
        'a' => 'á',
        'e' => 'é',
        'i' => 'í',
        'o' => 'ó',
        'u' => 'ú',
        'y' => 'ý',
        'A' => 'Á',
        'E' => 'É',
        'I' => 'Í',
        'O' => 'Ó',
        'U' => 'Ú',
        'Y' => 'Ý',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_accents_and_keeps_placeholders_and_spaces() {
        assert_eq!(pseudo("retransmission #{n}"), "⟦rétránsmíssíón #{n}⟧");
        assert_eq!(pseudo(" It is {What:04x}."), " ⟦Ít ís {What:04x}.⟧");
        assert_eq!(pseudo(" ("), " (");
        assert_eq!(pseudo(""), "");
        assert!(
            !crate::LANGUAGES.contains(&LANGUAGE),
            "readers are not offered it"
        );
    }
}
