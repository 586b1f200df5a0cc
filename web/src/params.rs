//! URL parameters: `?preset=`, `?lang=`, `?profile=`, `?seed=`, `?latency=`, `?jitter=`,
//! `?loss=` (each `N` for both directions or `C2S,S2C`), `?abs=1`.
//!
//! Everything from the URL is untrusted: each value is matched against a fixed list or parsed
//! as a bounded number, and anything unknown or malformed falls back to its default. Values
//! are never echoed into the page.

use crate::engine::{self, ProfileChoice, Settings};
use crate::i18n::Lang;

/// What the URL asked for, already validated.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Params {
    pub settings: Settings,
    pub lang: Option<Lang>,
    pub absolute: bool,
    /// A `preset` was given but is not one of ours.
    pub unknown_preset: bool,
}

/// Decodes `%XX` and `+` (invalid escapes stay as they are). Output is only ever compared or
/// parsed, never displayed.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| core::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One or two numbers: `50` or `50,80`. `None` if malformed.
fn pair(s: &str) -> Option<[u32; 2]> {
    let mut it = s.split(',').map(|p| p.trim().parse::<u32>().ok());
    let a = it.next()??;
    let b = match it.next() {
        Some(b) => b?,
        None => a,
    };
    if it.next().is_some() {
        return None;
    }
    Some([a, b])
}

/// Parses a query string (with or without the leading `?`).
pub fn parse(query: &str) -> Params {
    let mut p = Params::default();
    let q = query.strip_prefix('?').unwrap_or(query);
    // Bound the work an absurd URL can cause.
    for kv in q.split('&').take(32) {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        if v.len() > 64 {
            continue;
        }
        let v = decode(v);
        match decode(k).as_str() {
            "preset" => match engine::find_preset(v.trim()) {
                // The preset's own network defaults first; later parameters override them.
                Some(info) => {
                    let s = Settings::for_preset(info.name);
                    p.settings = Settings {
                        profile: p.settings.profile,
                        seed: p.settings.seed,
                        ..s
                    };
                }
                None => p.unknown_preset = true,
            },
            "lang" => p.lang = Lang::parse(&v),
            "profile" => {
                if let Some(pr) = ProfileChoice::parse(&v) {
                    p.settings.profile = pr;
                }
            }
            "seed" => {
                if let Ok(s) = v.trim().parse::<u64>() {
                    p.settings.seed = s;
                }
            }
            "latency" => {
                if let Some(v) = pair(&v) {
                    p.settings.latency_ms = v;
                }
            }
            "jitter" => {
                if let Some(v) = pair(&v) {
                    p.settings.jitter_ms = v;
                }
            }
            "loss" => {
                if let Some(v) = pair(&v) {
                    p.settings.loss_pct = v;
                }
            }
            "abs" => p.absolute = matches!(v.as_str(), "1" | "true" | "yes"),
            _ => {}
        }
    }
    p.settings = p.settings.clamped();
    p
}

/// The query string for the current view (defaults left out), for "link to this view".
pub fn to_query(s: &Settings, lang: Lang, absolute: bool) -> String {
    let d = Settings::for_preset(&s.preset);
    let mut parts = vec![format!("preset={}", s.preset)];
    if lang != Lang::En {
        parts.push("lang=zh".into());
    }
    if s.profile != d.profile {
        parts.push(format!("profile={}", s.profile.code()));
    }
    if s.seed != d.seed {
        parts.push(format!("seed={}", s.seed));
    }
    let pr = |name: &str, v: [u32; 2], dv: [u32; 2], parts: &mut Vec<String>| {
        if v != dv {
            parts.push(if v[0] == v[1] {
                format!("{name}={}", v[0])
            } else {
                format!("{name}={},{}", v[0], v[1])
            });
        }
    };
    pr("latency", s.latency_ms, d.latency_ms, &mut parts);
    pr("jitter", s.jitter_ms, d.jitter_ms, &mut parts);
    pr("loss", s.loss_pct, d.loss_pct, &mut parts);
    if absolute {
        parts.push("abs=1".into());
    }
    format!("?{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn known_values_are_taken_and_numbers_clamped() {
        let p = parse("?preset=simultaneous-close&lang=zh&seed=7&latency=20,900&loss=5");
        assert_eq!(p.settings.preset, "simultaneous-close");
        assert_eq!(p.lang, Some(Lang::Zh));
        assert_eq!(p.settings.seed, 7);
        assert_eq!(p.settings.latency_ms, [20, 500]);
        assert_eq!(p.settings.loss_pct, [5, 5]);
        assert!(!p.unknown_preset);
    }

    #[test]
    fn hostile_or_malformed_values_fall_back_to_defaults() {
        let p = parse("?preset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=%3Cb%3E&seed=-1&latency=1,2,3&loss=abc&%%%=%");
        let d = Settings::default();
        assert_eq!(p.settings, d);
        assert_eq!(p.lang, None);
        assert!(p.unknown_preset);
        let long = format!("?preset={}", "a".repeat(10_000));
        assert_eq!(parse(&long).settings, d);
        assert_eq!(parse("").settings, d);
        assert_eq!(parse("?&&=&x").settings, d);
    }

    #[test]
    fn the_query_round_trips() {
        let s = Settings {
            seed: 9,
            latency_ms: [30, 70],
            ..Settings::default()
        };
        let q = to_query(&s, Lang::Zh, true);
        let p = parse(&q);
        assert_eq!(p.settings, s);
        assert_eq!(p.lang, Some(Lang::Zh));
        assert!(p.absolute);
    }
}
