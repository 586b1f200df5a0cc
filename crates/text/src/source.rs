//! A language's source file, `lang/<code>.txt`: what a translator edits.
//!
//! ```text
//! # Comments start with '#'; blank lines are ignored.
//! [diagram]
//! SideClient = 客户端
//! TagRetxN = 第 {n} 次重传
//! ```
//!
//! A `[section]` line opens a table (the section of a [`Texts`](crate::Texts) table); each
//! `Key = text` line gives the text of one key, named as in the Rust table. The text is
//! everything after the first `" = "`, kept exactly (a leading space included); `Key =` is an
//! empty text. [`check`] compares a source with the tables: a missing or extra key, or a
//! placeholder dropped, added or misspelled, is an error.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// One section of a source: its name and its (key, text) lines in file order.
pub type Section<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// Reads a source file. Never panics; the error names the line (from 1).
pub fn parse(text: &str) -> Result<Vec<Section<'_>>, String> {
    let mut out: Vec<Section<'_>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            out.push((name, Vec::new()));
            continue;
        }
        let (key, text) = match line.split_once(" = ") {
            Some(kv) => kv,
            None => match line.strip_suffix(" =") {
                Some(k) => (k, ""),
                None => return Err(format!("line {}: expected \"Key = text\"", i + 1)),
            },
        };
        let Some((_, texts)) = out.last_mut() else {
            return Err(format!("line {}: a text before any [section]", i + 1));
        };
        texts.push((key.trim(), text));
    }
    Ok(out)
}

/// The placeholders of a template: the names between braces, without a `:spec`.
pub fn placeholders(template: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let body = after.get(..close).unwrap_or("");
        out.insert(body.split_once(':').map_or(body, |(n, _)| n));
        rest = after.get(close + 1..).unwrap_or("");
    }
    out
}

/// The texts of `section` of a parsed source in the order of `keys` (each key's name and
/// English template), after checking that the source has exactly these keys, each once,
/// with the same placeholders as the English. Every problem is listed.
pub fn ordered<'a>(
    source: &[Section<'a>],
    section: &str,
    keys: &[(String, &str)],
) -> Result<Vec<&'a str>, Vec<String>> {
    let mut errors = Vec::new();
    let lines: Vec<(&str, &str)> = source
        .iter()
        .filter(|(n, _)| *n == section)
        .flat_map(|(_, l)| l.iter().copied())
        .collect();
    if !source.iter().any(|(n, _)| *n == section) {
        errors.push(format!("[{section}] is missing"));
    }
    let mut out = Vec::with_capacity(keys.len());
    for (name, en) in keys {
        let found: Vec<&str> = lines
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, t)| *t)
            .collect();
        match found.as_slice() {
            [t] => {
                let (want, have) = (placeholders(en), placeholders(t));
                if want != have {
                    errors.push(format!(
                        "[{section}] {name}: placeholders {have:?}, but English has {want:?}"
                    ));
                }
                out.push(*t);
            }
            [] => errors.push(format!("[{section}] {name} is missing")),
            _ => errors.push(format!("[{section}] {name} is given twice")),
        }
    }
    for (k, _) in &lines {
        if !keys.iter().any(|(n, _)| n == k) {
            errors.push(format!("[{section}] {k} is not a key of this table"));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn keys() -> Vec<(String, &'static str)> {
        vec![("A".into(), "a {n} of {total}"), ("B".into(), "b")]
    }

    #[test]
    fn a_good_source_orders_by_the_table() {
        let src = parse("# c\n[t]\nB =  lead\nA = {total} 之 {n:04x}\n[u]\nX =\n").unwrap();
        assert_eq!(
            ordered(&src, "t", &keys()),
            Ok(vec!["{total} 之 {n:04x}", " lead"])
        );
        assert_eq!(ordered(&src, "u", &[("X".into(), "")]), Ok(vec![""]));
    }

    #[test]
    fn missing_extra_twice_and_placeholder_errors_are_all_reported() {
        let src = parse("[t]\nA = {n} of {totl}\nC = c\n").unwrap();
        let e = ordered(&src, "t", &keys()).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains("A: placeholders"), "{e:?}");
        assert!(e[1].contains("B is missing"), "{e:?}");
        assert!(e[2].contains("C is not a key"), "{e:?}");
        let twice = parse("[t]\nA = {n}{total}\nA = {n}{total}\nB = b\n").unwrap();
        assert!(ordered(&twice, "t", &keys()).unwrap_err()[0].contains("twice"));
        assert!(ordered(&twice, "v", &keys()).is_err());
    }

    #[test]
    fn malformed_sources_are_errors_not_panics() {
        assert!(parse("A = b\n").is_err());
        assert!(parse("[t]\nno equals sign\n").is_err());
        assert_eq!(parse("").unwrap().len(), 0);
        assert_eq!(
            placeholders("{a} {b:04x} { {"),
            ["a", "b"].into_iter().collect()
        );
    }
}
