//! Escaping for XML text and attribute values, and compact number formatting.

use alloc::string::String;
use core::fmt;

/// Escape text for an XML text node or a quoted attribute value. Characters XML 1.0 does
/// not allow (most control characters) are dropped rather than written.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal, without "-0.0" or a trailing ".0".
pub struct N(pub f32);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        // Round half away from zero (core has no `round` without std).
        let x = f64::from(v) * 10.0;
        let tenths = if x < 0.0 {
            (x - 0.5) as i64
        } else {
            (x + 0.5) as i64
        };
        if tenths == 0 {
            return f.write_str("0");
        }
        let (sign, a) = if tenths < 0 {
            ("-", -tenths)
        } else {
            ("", tenths)
        };
        if a % 10 == 0 {
            write!(f, "{sign}{}", a / 10)
        } else {
            write!(f, "{sign}{}.{}", a / 10, a % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(esc("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(esc("客户端 “hi”"), "客户端 “hi”");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(format!("{}", N(-0.01)), "0");
        assert_eq!(format!("{}", N(12.0)), "12");
        assert_eq!(format!("{}", N(-3.25)), "-3.3");
        assert_eq!(format!("{}", N(0.5)), "0.5");
        assert_eq!(format!("{}", N(f32::NAN)), "0");
    }
}
