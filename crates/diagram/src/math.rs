//! The little floating-point math `core` lacks without `std` (no libm dependency): square
//! root and atan2, accurate enough for drawing (arrowheads, label angles).

/// Square root by Newton's method; 0 for zero, negative or non-finite input.
pub fn sqrt(x: f32) -> f32 {
    if !x.is_finite() || x <= 0.0 {
        return 0.0;
    }
    // A first guess from halving the exponent, then Newton steps (quadratic convergence).
    let mut g = f32::from_bits((x.to_bits() >> 1) + 0x1fbd_1df5);
    for _ in 0..4 {
        g = 0.5 * (g + x / g);
    }
    g
}

/// atan2(y, x) in degrees, in (-180, 180]; max error about 0.01°.
pub fn atan2_deg(y: f32, x: f32) -> f32 {
    if x == 0.0 && y == 0.0 {
        return 0.0;
    }
    let (ax, ay) = (x.abs(), y.abs());
    // atan on [0, 1] by a minimax polynomial in r = min/max.
    let (r, swap) = if ay > ax {
        (ax / ay, true)
    } else {
        (ay / ax, false)
    };
    let s = r * r;
    let mut a = ((-0.046_496_473 * s + 0.159_314_22) * s - 0.327_622_77) * s * r + r;
    if swap {
        a = core::f32::consts::FRAC_PI_2 - a;
    }
    if x < 0.0 {
        a = core::f32::consts::PI - a;
    }
    if y < 0.0 {
        a = -a;
    }
    a * (180.0 / core::f32::consts::PI)
}

/// (sin, cos) of an angle in degrees, good to about 1e-5: enough to box a rotated label.
pub fn sin_cos_deg(deg: f32) -> (f32, f32) {
    if !deg.is_finite() {
        return (0.0, 1.0);
    }
    // sin on [-90°, 90°] by its Taylor series; other angles reflect into it.
    let sin = |d: f32| {
        // Into [-180, 180] without `%` (fmodf: code the web app need not carry).
        let mut d = d - 360.0 * ((d / 360.0) as i32) as f32;
        if d > 180.0 {
            d -= 360.0;
        } else if d < -180.0 {
            d += 360.0;
        }
        if d > 90.0 {
            d = 180.0 - d;
        } else if d < -90.0 {
            d = -180.0 - d;
        }
        let x = d.to_radians();
        let x2 = x * x;
        x * (1.0 - x2 / 6.0 * (1.0 - x2 / 20.0 * (1.0 - x2 / 42.0 * (1.0 - x2 / 72.0))))
    };
    (sin(deg), sin(deg + 90.0))
}

/// base-2 logarithm for x ≥ 1 (0 below), good to about 0.01: enough to size axis breaks.
pub fn log2(x: f32) -> f32 {
    if !x.is_finite() || x <= 1.0 {
        return 0.0;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 23) & 0xff) as i32 - 127;
    let m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000); // in [1, 2)
    let t = m - 1.0;
    // log2(1 + t) ≈ t·(1.4425 − 0.7213·t + 0.2786·t²) on [0, 1).
    exp as f32 + t * (core::f32::consts::LOG2_E - t * (0.721_347_5 - 0.278_7 * t))
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;

    #[test]
    fn sqrt_matches_std() {
        for x in [1e-6f32, 0.5, 1.0, 2.0, 9.0, 1234.5, 1e9] {
            let want = std::primitive::f32::sqrt(x);
            assert!((sqrt(x) - want).abs() <= want * 1e-5, "{x}");
        }
        assert_eq!(sqrt(-1.0), 0.0);
        assert_eq!(sqrt(f32::NAN), 0.0);
    }

    #[test]
    fn atan2_matches_std() {
        for (y, x) in [
            (1.0f32, 1.0f32),
            (-1.0, 1.0),
            (1.0, -1.0),
            (-1.0, -1.0),
            (3.0, 0.5),
            (0.0, -2.0),
            (2.0, 0.0),
            (-0.1, 5.0),
        ] {
            let want = std::primitive::f32::atan2(y, x).to_degrees();
            assert!(
                (atan2_deg(y, x) - want).abs() < 0.05,
                "{y} {x}: {} vs {want}",
                atan2_deg(y, x)
            );
        }
    }

    #[test]
    fn sin_cos_match_std() {
        for d in [
            -270.0f32, -180.0, -135.0, -90.0, -30.0, 0.0, 13.5, 45.0, 90.0, 179.0, 400.0,
        ] {
            let (s, c) = sin_cos_deg(d);
            let r = d.to_radians();
            assert!((s - r.sin()).abs() < 1e-4, "sin {d}: {s}");
            assert!((c - r.cos()).abs() < 1e-4, "cos {d}: {c}");
        }
    }

    #[test]
    fn log2_is_close() {
        for x in [1.0f32, 1.5, 2.0, 3.0, 10.0, 400.0, 1e6] {
            let want = std::primitive::f32::log2(x);
            assert!((log2(x) - want).abs() < 0.02, "{x}");
        }
    }
}
