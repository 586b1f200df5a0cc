//! The retransmission timeout estimator of RFC 6298, with Linux's variant of the floor.

use crate::profile::{Flavor, Profile};
use core::time::Duration;

/// SRTT, RTTVAR and RTO (RFC 6298 §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RttEstimator {
    /// Smoothed RTT, `None` before the first measurement.
    pub srtt: Option<Duration>,
    pub rttvar: Duration,
    /// The current RTO before backoff.
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
                let diff = if srtt > r { srtt - r } else { r - srtt };
                self.rttvar = self.rttvar * 3 / 4 + diff / 4;
                self.srtt = Some(srtt * 7 / 8 + r / 8);
            }
        }
        let srtt = self.srtt.unwrap_or(r);
        self.rto = match p.flavor {
            // RFC 6298 §2.3 and §2.4: RTO <- SRTT + max(G, K*RTTVAR), at least 1 s (rto_min).
            Flavor::Textbook => (srtt + core::cmp::max(G, self.rttvar * 4)).max(p.rto_min),
            // Linux tcp_set_rto(): the variance term (mdev) is floored at TCP_RTO_MIN,
            // so RTO = SRTT + max(4*RTTVAR, 200 ms): 100 ms of RTT gives 300 ms.
            Flavor::Linux => srtt + core::cmp::max(self.rttvar * 4, p.rto_min),
        }
        .min(p.rto_max);
    }
}
