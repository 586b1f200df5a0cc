//! Number formatting shared by the views (instants, SVG numbers, hex); durations are
//! `synack_diagram::fmt::duration`, the narration's.

/// A point in time for axis labels and the playhead readout, always in seconds with
/// millisecond precision (`0.150 s`), so that columns of them line up.
pub fn instant_us(us: u64) -> String {
    let ms = us.saturating_add(500) / 1000;
    format!("{}.{:03} s", ms / 1000, ms % 1000)
}

/// A number with one decimal for SVG attributes (`12.3`), without Rust's float formatter
/// (which costs ~15 KB of wasm); never `NaN` in the DOM.
pub fn fixed1(v: f64) -> String {
    let mut s = String::new();
    push_fixed1(&mut s, v);
    s
}

/// [`fixed1`], appended to `out` (no `format!` machinery: this runs for every coordinate).
pub fn push_fixed1(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push('0');
        return;
    }
    // Tenths as an integer; the clamp keeps absurd values from overflowing.
    let tenths = (v * 10.0).round().clamp(-1e15, 1e15) as i64;
    if tenths < 0 {
        out.push('-');
    }
    let a = tenths.unsigned_abs();
    push_u64(out, a / 10);
    out.push('.');
    push_u64(out, a % 10);
}

/// An SVG `points` list (`x,y x,y`), written into one string.
pub fn svg_points(ps: &[synack_diagram::Point]) -> String {
    let mut s = String::with_capacity(ps.len() * 12);
    for (i, p) in ps.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        push_fixed1(&mut s, f64::from(p.x));
        s.push(',');
        push_fixed1(&mut s, f64::from(p.y));
    }
    s
}

/// Decimal digits of `n`, appended to `out` (synack-diagram's, shared with the labels).
pub use synack_diagram::fmt::push_u64;

/// Lower-case hex string to bytes; invalid pairs are skipped (never panics).
pub fn hex_bytes(hex: &str) -> Vec<u8> {
    let b = hex.as_bytes();
    b.chunks(2)
        .filter(|p| p.len() == 2)
        .filter_map(|p| {
            let s = core::str::from_utf8(p).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn instants_and_numbers_read_naturally() {
        assert_eq!(instant_us(150_000), "0.150 s");
        assert_eq!(fixed1(12.34), "12.3");
        assert_eq!(fixed1(-0.26), "-0.3");
        assert_eq!(fixed1(f64::NAN), "0");
        assert_eq!(fixed1(0.0), "0.0");
        assert_eq!(fixed1(1234567.89), "1234567.9");
        let mut s = String::new();
        push_u64(&mut s, u64::MAX);
        assert_eq!(s, u64::MAX.to_string());
    }

    #[test]
    fn hex_decodes_and_tolerates_garbage() {
        assert_eq!(hex_bytes("0aff"), vec![0x0a, 0xff]);
        assert_eq!(hex_bytes("0azz1"), vec![0x0a]);
    }
}
