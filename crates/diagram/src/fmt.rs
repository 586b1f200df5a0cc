//! Readable numbers: durations and instants in ms / s.

use alloc::format;
use alloc::string::String;

/// Appends `n` in decimal, as `Display` writes it, without `core::fmt` (a label per segment
/// on a long trace; the page's inspector).
pub fn push_u64(out: &mut String, mut n: u64) {
    // u64::MAX has 20 digits; filled from the end.
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i = i.saturating_sub(1);
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &b in buf.get(i..).unwrap_or_default() {
        out.push(char::from(b));
    }
}

/// A duration with about three significant digits: "0.25 ms", "50 ms", "12.5 ms",
/// "1.03 s", "59.7 s", "120 s".
pub fn duration(us: u64) -> String {
    if us < 1_000 {
        return trim(fixed(us, 1_000, 3)) + " ms";
    }
    if us < 1_000_000 {
        let d = if us < 10_000 {
            2
        } else if us < 100_000 {
            1
        } else {
            0
        };
        return trim(fixed(us, 1_000, d)) + " ms";
    }
    let d = if us < 10_000_000 {
        2
    } else if us < 100_000_000 {
        1
    } else {
        0
    };
    trim(fixed(us, 1_000_000, d)) + " s"
}

/// An axis tick at `t` where ticks are `step` apart: ms below one second, s from one
/// second on, with as many decimals as the step needs ("100.5 ms", "1.2 s").
pub fn tick(t_us: u64, step_us: u64) -> String {
    if t_us < 1_000_000 {
        fixed(t_us, 1_000, decimals(step_us, 1_000)) + " ms"
    } else {
        fixed(t_us, 1_000_000, decimals(step_us, 1_000_000)) + " s"
    }
}

/// `n / unit` with `d` (at most 6) decimals, rounded half up, in integers: Rust's float
/// formatter would add ~15 KB to the WebAssembly.
fn fixed(n: u64, unit: u64, d: usize) -> String {
    let d = d.min(6);
    let p = 10u64.pow(d as u32);
    let unit = unit.clamp(1, 1_000_000);
    let mut whole = n / unit;
    // (n % unit) * p < 10^12: no overflow.
    let mut frac = ((n % unit) * p + unit / 2) / unit;
    if frac >= p {
        whole = whole.saturating_add(1);
        frac -= p;
    }
    if d == 0 {
        return format!("{whole}");
    }
    format!("{whole}.{frac:0d$}")
}

/// How many decimals `step` needs in units of `unit` µs.
fn decimals(step: u64, unit: u64) -> usize {
    let mut d = 0;
    let mut scaled = step;
    while d < 6 && scaled.checked_rem(unit) != Some(0) {
        scaled = scaled.saturating_mul(10);
        d += 1;
    }
    d
}

/// Drop trailing zeros after a decimal point ("1.50" → "1.5", "2.00" → "2").
fn trim(s: String) -> String {
    if !s.contains('.') {
        return s;
    }
    let t = s.trim_end_matches('0').trim_end_matches('.');
    String::from(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(250), "0.25 ms");
        assert_eq!(duration(50_000), "50 ms");
        assert_eq!(duration(12_500), "12.5 ms");
        assert_eq!(duration(1_030_000), "1.03 s");
        assert_eq!(duration(59_700_000), "59.7 s");
        assert_eq!(duration(120_000_000), "120 s");
        assert_eq!(duration(200_000), "200 ms");
    }

    #[test]
    fn ticks_read_well() {
        assert_eq!(tick(0, 50_000), "0 ms");
        assert_eq!(tick(150_000, 50_000), "150 ms");
        assert_eq!(tick(100_500, 500), "100.5 ms");
        assert_eq!(tick(1_200_000, 200_000), "1.2 s");
        assert_eq!(tick(2_000_000, 1_000_000), "2 s");
        assert_eq!(tick(1_000, 7), "1.000 ms");
    }

    #[test]
    fn rounding_is_half_up_and_carries() {
        assert_eq!(duration(1_005), "1.01 ms");
        assert_eq!(duration(9_996), "10 ms");
        assert_eq!(duration(999_600), "1000 ms");
        assert_eq!(duration(u64::MAX), "18446744073710 s");
    }
}
