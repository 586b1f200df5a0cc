//! Reno: slow start and additive increase, multiplicative decrease.
//!
//! - `Flavor::Linux`: `tcp_reno_cong_avoid`, `tcp_reno_ssthresh`, `tcp_reno_undo_cwnd`
//!   (net/ipv4/tcp_cong.c). Slow start grows by the packets each ACK acknowledges
//!   (`tcp_slow_start`), so delayed ACKs still double cwnd per round trip.
//! - `Flavor::Textbook`: RFC 5681 §3.1. Slow start: `cwnd += min(N, SMSS)` per ACK, so one
//!   packet per ACK however many it acknowledges; congestion avoidance: about one SMSS per
//!   RTT, counted per ACK; ssthresh = max(FlightSize / 2, 2·SMSS) (equation 4).

use super::{cong_avoid_ai, slow_start, AckCtx, CcState};
use crate::profile::Flavor;

/// Reno's private state: none besides which rules it follows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reno {
    flavor: Flavor,
}

impl Reno {
    pub(crate) fn new(flavor: Flavor) -> Self {
        Reno { flavor }
    }

    /// Linux `tcp_reno_ssthresh`: `max(snd_cwnd >> 1, 2)`. RFC 5681 §3.1 equation (4):
    /// `ssthresh = max(FlightSize / 2, 2*SMSS)` — the data in flight, not cwnd.
    pub(crate) fn ssthresh(&self, st: &CcState, in_flight: u32) -> u32 {
        match self.flavor {
            Flavor::Linux => (st.cwnd >> 1).max(2),
            Flavor::Textbook => (in_flight / 2).max(2),
        }
    }

    pub(crate) fn cong_avoid(&self, st: &mut CcState, ack: &AckCtx) {
        // tcp_reno_cong_avoid: `if (!tcp_is_cwnd_limited(sk)) return;` (RFC 7661 likewise).
        if !ack.cwnd_limited {
            return;
        }
        match self.flavor {
            Flavor::Linux => {
                let mut acked = ack.acked;
                // "In 'safe' area, increase."
                if st.in_slow_start() {
                    acked = slow_start(st, acked);
                    if acked == 0 {
                        return;
                    }
                }
                // "In dangerous area, increase slowly."
                cong_avoid_ai(st, st.cwnd, acked);
            }
            Flavor::Textbook => {
                if ack.acked == 0 {
                    return;
                }
                if st.in_slow_start() {
                    // RFC 5681 §3.1: "cwnd += min (N, SMSS)" for an ACK of N new octets.
                    st.cwnd = st.cwnd.saturating_add(1).min(st.cwnd_clamp);
                } else {
                    // RFC 5681 §3.1: cwnd grows by one SMSS per RTT, here "once cwnd bytes
                    // have been acknowledged" counted one per ACK, like equation (3)'s
                    // `cwnd += SMSS*SMSS/cwnd` on every ACK.
                    cong_avoid_ai(st, st.cwnd, 1);
                }
            }
        }
    }

    /// Linux `tcp_reno_undo_cwnd`: `max(snd_cwnd, prior_cwnd)`. RFC 5681 has no undo; the
    /// textbook flavor answers the same (RFC 4015's response restores the prior window).
    pub(crate) fn undo_cwnd(&self, st: &CcState) -> u32 {
        st.cwnd.max(st.prior_cwnd)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{ack, round};
    use super::super::{Cc, CcState, CongestionKind};
    use crate::profile::Profile;

    fn reno(p: Profile) -> Cc {
        Cc::new(CongestionKind::Reno, &p)
    }

    /// tcp_slow_start: every packet acknowledged by its own ACK, cwnd 10 → 20 → 40.
    #[test]
    fn linux_slow_start_doubles_per_round_trip() {
        let mut cc = reno(Profile::linux());
        let mut st = CcState::new(10);
        let mut una = 0;
        let mut t = 0;
        t = round(&mut cc, &mut st, &mut una, t, 100_000, 1);
        assert_eq!(st.cwnd, 20);
        round(&mut cc, &mut st, &mut una, t, 100_000, 1);
        assert_eq!(st.cwnd, 40);
    }

    /// With delayed ACKs (2 packets per ACK) Linux still doubles: it counts packets.
    #[test]
    fn linux_slow_start_counts_packets_not_acks() {
        let mut cc = reno(Profile::linux());
        let mut st = CcState::new(10);
        let mut una = 0;
        let t = round(&mut cc, &mut st, &mut una, 0, 100_000, 2);
        assert_eq!(st.cwnd, 20);
        round(&mut cc, &mut st, &mut una, t, 100_000, 2);
        assert_eq!(st.cwnd, 40);
    }

    /// RFC 5681: +1 SMSS per ACK in slow start, whatever N: 5 delayed ACKs of 2 packets
    /// grow cwnd 10 → 15, 10 single ACKs 10 → 20.
    #[test]
    fn textbook_slow_start_one_packet_per_ack() {
        let mut cc = reno(Profile::textbook());
        let mut st = CcState::new(10);
        let mut una = 0;
        round(&mut cc, &mut st, &mut una, 0, 100_000, 2);
        assert_eq!(st.cwnd, 15);
        let mut st = CcState::new(10);
        round(&mut cc, &mut st, &mut una, 0, 100_000, 1);
        assert_eq!(st.cwnd, 20);
    }

    /// tcp_slow_start stops at ssthresh and hands the leftover to congestion avoidance:
    /// cwnd 18, ssthresh 20, an ACK of 4 packets → cwnd 20 and 2 counted in cwnd_cnt.
    #[test]
    fn linux_slow_start_leftover_goes_to_congestion_avoidance() {
        let mut cc = reno(Profile::linux());
        let mut st = CcState::new(18);
        st.ssthresh = 20;
        cc.cong_avoid(&mut st, &ack(0, 4, 18, 4, 100_000));
        assert_eq!((st.cwnd, st.cwnd_cnt), (20, 2));
    }

    /// Congestion avoidance: +1 per round trip (cwnd ACKed packets), both flavors when
    /// every packet has its ACK; with delayed ACKs the textbook sender, counting ACKs,
    /// needs two round trips where Linux, counting packets, needs one.
    #[test]
    fn congestion_avoidance_one_packet_per_round_trip() {
        for (p, per_ack, after_one, after_two) in [
            (Profile::linux(), 1, 21, 22),
            (Profile::textbook(), 1, 21, 22),
            (Profile::linux(), 2, 21, 22),
            (Profile::textbook(), 2, 20, 21),
        ] {
            let mut cc = reno(p.clone());
            let mut st = CcState::new(20);
            st.ssthresh = 20;
            let mut una = 0;
            let t = round(&mut cc, &mut st, &mut una, 0, 100_000, per_ack);
            assert_eq!(st.cwnd, after_one, "{:?} per_ack {per_ack}", p.flavor);
            round(&mut cc, &mut st, &mut una, t, 100_000, per_ack);
            assert_eq!(st.cwnd, after_two, "{:?} per_ack {per_ack}", p.flavor);
        }
    }

    /// tcp_reno_ssthresh halves cwnd (min 2); RFC 5681 (4) halves FlightSize (min 2).
    #[test]
    fn ssthresh_halves() {
        let mut st = CcState::new(41);
        let mut linux = reno(Profile::linux());
        let mut textbook = reno(Profile::textbook());
        assert_eq!(linux.ssthresh(&st, 30), 20);
        assert_eq!(textbook.ssthresh(&st, 30), 15);
        st.cwnd = 3;
        assert_eq!(linux.ssthresh(&st, 1), 2);
        assert_eq!(textbook.ssthresh(&st, 3), 2);
    }

    /// Not cwnd-limited (application-limited): no growth in either phase (RFC 7661,
    /// tcp_is_cwnd_limited).
    #[test]
    fn no_growth_when_not_cwnd_limited() {
        for p in [Profile::linux(), Profile::textbook()] {
            let mut cc = reno(p);
            for ssthresh in [u32::MAX, 10] {
                let mut st = CcState::new(10);
                st.ssthresh = ssthresh;
                for i in 0..50 {
                    let mut a = ack(i * 1000, i as u32, 100, 1, 100_000);
                    a.cwnd_limited = false;
                    cc.cong_avoid(&mut st, &a);
                }
                assert_eq!((st.cwnd, st.cwnd_cnt), (10, 0));
            }
        }
    }

    /// tcp_reno_undo_cwnd: back to the window before the reduction, never below the current.
    #[test]
    fn undo_returns_prior_cwnd() {
        let mut cc = reno(Profile::linux());
        let mut st = CcState::new(10);
        st.prior_cwnd = 24;
        assert_eq!(cc.undo_cwnd(&st), 24);
        st.cwnd = 30;
        assert_eq!(cc.undo_cwnd(&st), 30);
    }

    /// cwnd never passes snd_cwnd_clamp.
    #[test]
    fn clamp_holds() {
        let mut cc = reno(Profile::linux());
        let mut st = CcState::new(10);
        st.cwnd_clamp = 15;
        let mut una = 0;
        round(&mut cc, &mut st, &mut una, 0, 100_000, 1);
        assert_eq!(st.cwnd, 15);
    }
}
