//! Simulated time. The core never reads a clock: every call that depends on time takes `now`.

#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::ops::{Add, Sub};
use core::time::Duration;

/// A point in time, in microseconds since an arbitrary origin chosen by the caller.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Instant(pub u64);

impl Instant {
    pub const ZERO: Instant = Instant(0);

    pub const fn from_micros(us: u64) -> Self {
        Instant(us)
    }
    pub const fn from_millis(ms: u64) -> Self {
        Instant(ms.saturating_mul(1000))
    }
    pub const fn micros(self) -> u64 {
        self.0
    }
    pub const fn millis(self) -> u64 {
        self.0 / 1000
    }
    /// Time elapsed since `earlier`, or zero if `earlier` is later.
    pub fn saturating_since(self, earlier: Instant) -> Duration {
        Duration::from_micros(self.0.saturating_sub(earlier.0))
    }
}

/// `d` in whole microseconds, `u64::MAX` past it: `u64::try_from(d.as_micros())` without
/// the 128-bit arithmetic of `as_micros` (a multiplication and a division by library call in
/// WebAssembly, on every timer and RTT sample).
pub(crate) fn micros(d: Duration) -> u64 {
    d.as_secs()
        .saturating_mul(1_000_000)
        .saturating_add(u64::from(d.subsec_micros()))
}

impl Add<Duration> for Instant {
    type Output = Instant;
    fn add(self, d: Duration) -> Instant {
        Instant(self.0.saturating_add(micros(d)))
    }
}

impl Sub<Instant> for Instant {
    type Output = Duration;
    fn sub(self, rhs: Instant) -> Duration {
        self.saturating_since(rhs)
    }
}

#[cfg(test)]
mod micros_tests {
    use super::*;

    #[test]
    fn micros_is_as_micros_saturated_to_u64() {
        let cases = [
            Duration::ZERO,
            Duration::from_nanos(999),
            Duration::from_nanos(1_999),
            Duration::from_micros(200_000),
            Duration::new(3, 999_999_999),
            Duration::from_secs(120),
            Duration::new(u64::MAX / 1_000_000, 551_615_999),
            Duration::new(u64::MAX / 1_000_000, 551_616_000),
            Duration::new(u64::MAX / 1_000_000 + 1, 0),
            Duration::MAX,
        ];
        for d in cases {
            assert_eq!(
                micros(d),
                u64::try_from(d.as_micros()).unwrap_or(u64::MAX),
                "{d:?}"
            );
        }
    }
}
