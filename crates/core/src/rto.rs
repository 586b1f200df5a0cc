//! The retransmission timeout estimator of RFC 6298, with Linux's variant of the floor.

use crate::profile::{Flavor, Profile};
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// SRTT, RTTVAR and RTO (RFC 6298 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct RttEstimator {
    /// Smoothed RTT, `None` before the first measurement.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::OptNanos"))]
    pub srtt: Option<Duration>,
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rttvar: Duration,
    /// The current RTO before backoff.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rto: Duration,
}

/// RFC 6298 §2: clock granularity G; we simulate with a 1 ms clock.
const G: Duration = Duration::from_millis(1);

impl RttEstimator {
    /// RFC 6298 §2.1: "Until a round-trip time (RTT) measurement has been made ... RTO <- 1 second".
    pub fn new(p: &Profile) -> Self {
        RttEstimator {
            srtt: None,
            rttvar: Duration::ZERO,
            rto: p.rto_initial,
        }
    }

    /// Take a measurement `r` (RFC 6298 §2.2 and §2.3) and recompute the RTO.
    pub fn sample(&mut self, r: Duration, p: &Profile) {
        match self.srtt {
            None => {
                // §2.2: SRTT <- R, RTTVAR <- R/2
                self.srtt = Some(r);
                self.rttvar = r / 2;
            }
            Some(srtt) => {
                // §2.3: RTTVAR <- 3/4 RTTVAR + 1/4 |SRTT - R'|, SRTT <- 7/8 SRTT + 1/8 R'
                let diff = srtt.abs_diff(r);
                self.rttvar = (self.rttvar / 4).saturating_mul(3).saturating_add(diff / 4);
                self.srtt = Some((srtt / 8).saturating_mul(7).saturating_add(r / 8));
            }
        }
        let srtt = self.srtt.unwrap_or(r);
        let var = self.rttvar.saturating_mul(4);
        self.rto = match p.flavor {
            // RFC 6298 §2.3 and §2.4: RTO <- SRTT + max(G, K*RTTVAR), at least 1 s (rto_min).
            Flavor::Textbook => srtt.saturating_add(var.max(G)).max(p.rto_min),
            // Linux tcp_set_rto(): the variance term (mdev) is floored at TCP_RTO_MIN, so
            // RTO = SRTT + max(4*RTTVAR, 200 ms): 100 ms of RTT gives 300 ms. The timer runs
            // in jiffies, rounded up (usecs_to_jiffies): 100.4 ms of RTT gives 304 ms.
            Flavor::Linux => round_up(srtt.saturating_add(var.max(p.rto_min)), p.tick),
        }
        .min(p.rto_max);
    }
}

/// `d` rounded up to a whole number of `tick`s (unchanged when `tick` is zero).
fn round_up(d: Duration, tick: Duration) -> Duration {
    let (d_us, t_us) = (crate::time::micros(d), crate::time::micros(tick));
    if t_us == 0 {
        return d;
    }
    Duration::from_micros(d_us.div_ceil(t_us).saturating_mul(t_us))
}
