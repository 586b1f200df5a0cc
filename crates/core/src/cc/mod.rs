//! Congestion control behind one small interface, as Linux's `struct tcp_congestion_ops`
//! (include/net/tcp.h) puts it: the connection keeps the window variables ([`CcState`], the
//! `tcp_sock` fields `snd_cwnd`, `snd_cwnd_cnt`, `snd_ssthresh`, `snd_cwnd_clamp`,
//! `prior_cwnd`) and calls the algorithm at the same points the kernel does; the algorithm
//! ([`Cc`]) keeps only its private state (`inet_csk_ca`).
//!
//! Units are packets (segments), like Linux's `snd_cwnd`; the connection multiplies by the
//! MSS to show bytes.
//!
//! | op (`tcp_congestion_ops`) | [`Cc`] method | when the connection calls it (Linux caller) |
//! |---|---|---|
//! | `.init` | [`Cc::init`] | when the connection is established (`tcp_init_congestion_control`) |
//! | `.pkts_acked` | [`Cc::pkts_acked`] | every ACK that acknowledges or SACKs data, first (`tcp_clean_rtx_queue`) |
//! | `.cong_avoid` | [`Cc::cong_avoid`] | then, if the ACK may raise cwnd: not in CWR/Recovery, data acknowledged (`tcp_cong_control` → `tcp_may_raise_cwnd`) |
//! | `.ssthresh` | [`Cc::ssthresh`] | entering Recovery or CWR (`tcp_init_cwnd_reduction`) or Loss (`tcp_enter_loss`) |
//! | `.set_state` | [`Cc::set_state`] | every change of [`CaState`] (`tcp_set_ca_state`) |
//! | `.cwnd_event` | [`Cc::cwnd_event`] | data sent with nothing in flight, restart after idle, end of CWR, RTO (`tcp_ca_event`) |
//! | `.undo_cwnd` | [`Cc::undo_cwnd`] | a reduction found spurious (`tcp_undo_cwnd_reduction`) |
//!
//! The profile's [`Flavor`](crate::Flavor) picks the rules: `Linux` follows
//! net/ipv4/tcp_cong.c (Reno) and net/ipv4/tcp_cubic.c (CUBIC with HyStart) with the
//! kernel's integer arithmetic and jiffies; `Textbook` follows RFC 5681 §3.1 (Reno) and
//! RFC 9438 (CUBIC, no HyStart).
//!
//! ## How the connection calls it
//!
//! The order is Linux's (`tcp_ack`, `tcp_enter_recovery`, `tcp_enter_loss`,
//! `tcp_event_data_sent`, `tcp_undo_cwnd_reduction`); everything not an op here (PRR,
//! `prior_ssthresh`, cwnd after an RTO) stays in the connection.
//!
//! ```
//! use core::time::Duration;
//! use synack_core::cc::{is_cwnd_limited, AckCtx, Cc, CcState};
//! use synack_core::{CaEvent, CaState, CongestionKind, Instant, Profile};
//!
//! let mut cc = Cc::new(CongestionKind::Cubic, &Profile::linux());
//! let mut st = CcState::new(10); // IW10 (RFC 6928), ssthresh infinite
//! let (mut now, snd_nxt) = (Instant::from_millis(100), 1);
//! // ESTABLISHED (tcp_init_transfer → tcp_init_congestion_control):
//! cc.init(&mut st, now, snd_nxt);
//!
//! // Every ACK that acknowledges or SACKs data (tcp_ack):
//! now = now + Duration::from_millis(100);
//! let ack = AckCtx {
//!     now,
//!     ack: 2897,       // SND.UNA after this ACK
//!     snd_nxt: 14481,  // before the segments this ACK lets out
//!     acked: 2,        // packets newly ACKed or SACKed
//!     rtt: Some(Duration::from_millis(100)),
//!     in_flight: 8,
//!     cwnd_limited: is_cwnd_limited(&st, true, 10),
//!     min_rtt: Some(Duration::from_millis(100)),
//!     srtt: Some(Duration::from_millis(100)),
//!     mss: 1448,
//! };
//! cc.pkts_acked(&mut st, &ack); // always (tcp_clean_rtx_queue)
//! let (state, new_data_acked) = (CaState::Open, true);
//! if !matches!(state, CaState::Cwr | CaState::Recovery) && new_data_acked {
//!     cc.cong_avoid(&mut st, &ack); // tcp_cong_control → tcp_may_raise_cwnd
//! }
//! assert_eq!(st.cwnd, 12);
//!
//! // Entering fast recovery (tcp_enter_recovery → tcp_init_cwnd_reduction):
//! st.prior_cwnd = st.cwnd;
//! st.cwnd_cnt = 0;
//! st.ssthresh = cc.ssthresh(&st, ack.in_flight);
//! cc.set_state(&st, CaState::Recovery, now, snd_nxt);
//! assert_eq!(st.ssthresh, 8); // 12 · 717/1024
//! // ... PRR brings cwnd down; recovery ends (tcp_end_cwnd_reduction):
//! st.cwnd = st.ssthresh;
//! cc.cwnd_event(&st, now, CaEvent::CompleteCwr);
//! cc.set_state(&st, CaState::Open, now, snd_nxt);
//!
//! // A spurious reduction undone (tcp_undo_cwnd_reduction; ssthresh back to
//! // max(ssthresh, prior_ssthresh) by the connection):
//! st.cwnd = cc.undo_cwnd(&st);
//! assert_eq!(st.cwnd, 12);
//!
//! // Retransmission timeout (tcp_enter_loss):
//! st.prior_cwnd = st.cwnd;
//! st.ssthresh = cc.ssthresh(&st, 6);
//! cc.cwnd_event(&st, now, CaEvent::Loss);
//! st.cwnd = 1; // Linux: packets in flight + 1; RFC 5681: LW = 1
//! st.cwnd_cnt = 0;
//! cc.set_state(&st, CaState::Loss, now, snd_nxt);
//!
//! // New data sent while nothing is in flight, e.g. after idle (tcp_event_data_sent),
//! // with the time of the previous send:
//! let lsndtime = now;
//! now = now + Duration::from_secs(5);
//! cc.cwnd_event(&st, now, CaEvent::TxStart { lsndtime });
//! ```

mod cubic;
mod cubic_rfc;
mod hystart;
mod reno;
#[cfg(test)]
mod tests_linux_captures;

pub use cubic::Cubic;
pub use reno::Reno;

use crate::profile::Profile;
use crate::time::Instant;
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// `TCP_INFINITE_SSTHRESH` (include/net/tcp.h): ssthresh before the first reduction.
pub const TCP_INFINITE_SSTHRESH: u32 = 0x7fff_ffff;

/// Which algorithm a side runs (Linux `TCP_CONGESTION`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum CongestionKind {
    /// CUBIC (Linux's default since 2.6.19; RFC 9438).
    #[default]
    Cubic,
    /// Reno / NewReno AIMD (RFC 5681; Linux `tcp_reno`).
    Reno,
}

/// Linux's `enum tcp_ca_state` (include/net/tcp.h), the sender's loss-recovery state, in
/// Linux's order: a later state is "more severe" (`state >= Recovery` tests compare them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum CaState {
    /// Nothing suspicious: cwnd may grow.
    #[default]
    Open,
    /// Duplicate ACKs or SACKs seen, no loss marked yet.
    Disorder,
    /// cwnd being reduced for a congestion signal other than loss (ECN, local congestion).
    Cwr,
    /// Fast recovery (RFC 6675 / RFC 6937 PRR): a loss was found from ACKs.
    Recovery,
    /// After a retransmission timeout (or SACK reneging).
    Loss,
}

/// Linux's `enum tcp_ca_event`, the members that matter here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaEvent {
    /// `CA_EVENT_TX_START`: new data is sent while nothing is in flight
    /// (`tcp_event_data_sent`). `lsndtime` is the time of the previous send (`tp->lsndtime`,
    /// read before it is updated to now).
    TxStart { lsndtime: Instant },
    /// `CA_EVENT_CWND_RESTART`: cwnd restarted after idle (`tcp_cwnd_restart`).
    CwndRestart,
    /// `CA_EVENT_COMPLETE_CWR`: end of a cwnd reduction (`tcp_end_cwnd_reduction`).
    CompleteCwr,
    /// `CA_EVENT_LOSS`: retransmission timeout (`tcp_enter_loss`).
    Loss,
}

/// The window variables the algorithm reads and writes (`struct tcp_sock`'s), in packets.
///
/// The connection owns them. Whenever the connection itself sets `cwnd` (a reduction,
/// recovery's end, an RTO) it also sets `cwnd_cnt = 0`, as Linux does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct CcState {
    /// `snd_cwnd`: the congestion window, in packets.
    pub cwnd: u32,
    /// `snd_cwnd_cnt`: ACKed packets counted towards the next +1 in congestion avoidance.
    /// (Textbook CUBIC keeps the fraction of a packet there, in 1/65536.)
    pub cwnd_cnt: u32,
    /// `snd_ssthresh`, [`TCP_INFINITE_SSTHRESH`] until the first reduction.
    pub ssthresh: u32,
    /// `snd_cwnd_clamp`: cwnd never grows past it (Linux: `~0`, unless a route sets it).
    pub cwnd_clamp: u32,
    /// `prior_cwnd`: cwnd when the last reduction began (set by the connection in
    /// `tcp_init_cwnd_reduction` / `tcp_enter_loss`), read by `undo_cwnd`.
    pub prior_cwnd: u32,
}

impl CcState {
    /// The state of a new connection: `cwnd` = the initial window (RFC 6928: 10 packets on
    /// Linux, RFC 5681: 3 for textbook), ssthresh infinite, no clamp.
    pub fn new(initial_cwnd: u32) -> Self {
        CcState {
            cwnd: initial_cwnd,
            cwnd_cnt: 0,
            ssthresh: TCP_INFINITE_SSTHRESH,
            cwnd_clamp: u32::MAX,
            prior_cwnd: 0,
        }
    }

    /// `tcp_in_slow_start`: `snd_cwnd < snd_ssthresh` (RFC 5681 §3.1 uses slow start below
    /// ssthresh; at equality Linux does congestion avoidance).
    pub fn in_slow_start(&self) -> bool {
        self.cwnd < self.ssthresh
    }
}

/// `tcp_is_cwnd_limited` (include/net/tcp.h, Linux ≥ 6.3): may cwnd grow on this ACK?
/// `is_cwnd_limited` is `tp->is_cwnd_limited` (the sender filled cwnd in the current window,
/// `tcp_cwnd_validate`), `max_packets_out` the most packets in flight in that window. In slow
/// start cwnd may still grow to twice what was sent. RFC 7661 asks the same: do not grow a
/// window that is not used.
pub fn is_cwnd_limited(st: &CcState, is_cwnd_limited: bool, max_packets_out: u32) -> bool {
    if is_cwnd_limited {
        return true;
    }
    if st.in_slow_start() {
        return st.cwnd < max_packets_out.saturating_mul(2);
    }
    false
}

/// What one ACK told the sender: the arguments Linux passes to `.pkts_acked` and
/// `.cong_avoid`, plus the few `tcp_sock` fields they read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AckCtx {
    /// When the ACK was processed (`tcp_mstamp`).
    pub now: Instant,
    /// SND.UNA after this ACK (SEG.ACK if it advanced it).
    pub ack: u32,
    /// SND.NXT when the ACK arrived, before anything it lets out is sent.
    pub snd_nxt: u32,
    /// Packets newly acknowledged or SACKed by this ACK (`acked_sacked`).
    pub acked: u32,
    /// This ACK's RTT sample (`ack_sample.rtt_us`: the newest packet it newly acknowledged
    /// that was never retransmitted, or the timestamp echo), if any.
    pub rtt: Option<Duration>,
    /// Packets in flight (`packets_out`) when the ACK arrived.
    pub in_flight: u32,
    /// `tcp_is_cwnd_limited` (see [`is_cwnd_limited`]); never grow otherwise (RFC 7661).
    pub cwnd_limited: bool,
    /// Minimum RTT seen (`tcp_min_rtt`).
    pub min_rtt: Option<Duration>,
    /// Smoothed RTT (RFC 6298 SRTT).
    pub srtt: Option<Duration>,
    /// Bytes per packet (`mss_cache`), for HyStart's pacing-rate cushion.
    pub mss: u32,
}

/// The congestion-control algorithm of one side: enum dispatch over the implementations
/// (`no_std`, no `Box<dyn>`), one `tcp_congestion_ops` each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cc {
    Reno(Reno),
    Cubic(Cubic),
}

impl Cc {
    /// The algorithm `kind` with the profile's flavor (Linux or textbook rules) and clock
    /// (Linux's jiffy is `profile.tick`: 4 ms, HZ = 250, on the captured kernel).
    pub fn new(kind: CongestionKind, profile: &Profile) -> Cc {
        match kind {
            CongestionKind::Reno => Cc::Reno(Reno::new(profile.flavor)),
            CongestionKind::Cubic => Cc::Cubic(Cubic::new(profile.flavor, profile.tick)),
        }
    }

    /// Which algorithm this is.
    pub fn kind(&self) -> CongestionKind {
        match self {
            Cc::Reno(_) => CongestionKind::Reno,
            Cc::Cubic(_) => CongestionKind::Cubic,
        }
    }

    /// `.init` (`tcp_init_congestion_control`, at the end of the handshake): reset the
    /// algorithm's state; CUBIC starts HyStart's first round at `snd_nxt`.
    pub fn init(&mut self, st: &mut CcState, now: Instant, snd_nxt: u32) {
        match self {
            Cc::Reno(_) => {}
            Cc::Cubic(c) => c.init(st, now, snd_nxt),
        }
    }

    /// `.ssthresh`: the new slow-start threshold on entering Recovery, CWR or Loss, called
    /// while `st.cwnd` still holds the window before the reduction. `in_flight` is
    /// RFC 5681's FlightSize in packets (used by the textbook rules; Linux uses cwnd).
    pub fn ssthresh(&mut self, st: &CcState, in_flight: u32) -> u32 {
        match self {
            Cc::Reno(r) => r.ssthresh(st, in_flight),
            Cc::Cubic(c) => c.ssthresh(st, in_flight),
        }
    }

    /// `.cong_avoid`: grow cwnd for this ACK (slow start, then congestion avoidance). Call it
    /// only when Linux's `tcp_may_raise_cwnd` holds (not in CWR or Recovery, new data
    /// acknowledged); it does nothing unless `ack.cwnd_limited`.
    pub fn cong_avoid(&mut self, st: &mut CcState, ack: &AckCtx) {
        match self {
            Cc::Reno(r) => r.cong_avoid(st, ack),
            Cc::Cubic(c) => c.cong_avoid(st, ack),
        }
    }

    /// `.pkts_acked`: every ACK that acknowledges or SACKs data, before `cong_avoid`. CUBIC
    /// takes its delay samples here and HyStart may end slow start (`st.ssthresh = cwnd`).
    pub fn pkts_acked(&mut self, st: &mut CcState, ack: &AckCtx) {
        match self {
            Cc::Reno(_) => {}
            Cc::Cubic(c) => c.pkts_acked(st, ack),
        }
    }

    /// `.set_state`: the connection's [`CaState`] changes to `new` (`tcp_set_ca_state`).
    /// CUBIC forgets everything on Loss and restarts HyStart at `snd_nxt`.
    pub fn set_state(&mut self, st: &CcState, new: CaState, now: Instant, snd_nxt: u32) {
        match self {
            Cc::Reno(_) => {}
            Cc::Cubic(c) => c.set_state(st, new, now, snd_nxt),
        }
    }

    /// `.cwnd_event` (`tcp_ca_event`). CUBIC shifts its epoch on `TxStart` after idle.
    pub fn cwnd_event(&mut self, st: &CcState, now: Instant, ev: CaEvent) {
        match self {
            Cc::Reno(_) => {}
            Cc::Cubic(c) => c.cwnd_event(st, now, ev),
        }
    }

    /// `.undo_cwnd`: the window to go back to when a reduction proves spurious
    /// (`tcp_undo_cwnd_reduction`; the connection restores ssthresh itself).
    pub fn undo_cwnd(&mut self, st: &CcState) -> u32 {
        match self {
            Cc::Reno(r) => r.undo_cwnd(st),
            Cc::Cubic(c) => c.undo_cwnd(st),
        }
    }
}

/// `tcp_slow_start` (net/ipv4/tcp_cong.c): cwnd grows by the packets acknowledged, up to
/// ssthresh; returns the leftover for congestion avoidance.
pub(crate) fn slow_start(st: &mut CcState, acked: u32) -> u32 {
    let cwnd = st.cwnd.saturating_add(acked).min(st.ssthresh);
    let leftover = acked.saturating_sub(cwnd.saturating_sub(st.cwnd));
    st.cwnd = cwnd.min(st.cwnd_clamp);
    leftover
}

/// `tcp_cong_avoid_ai` (net/ipv4/tcp_cong.c): "in theory `snd_cwnd += 1 / w` for every
/// packet that was ACKed" — count ACKed packets in `cwnd_cnt`, +1 for every `w` of them.
pub(crate) fn cong_avoid_ai(st: &mut CcState, w: u32, acked: u32) {
    let w = w.max(1);
    // "If credits accumulated at a higher w, apply them gently now."
    if st.cwnd_cnt >= w {
        st.cwnd_cnt = 0;
        st.cwnd = st.cwnd.saturating_add(1);
    }
    st.cwnd_cnt = st.cwnd_cnt.saturating_add(acked);
    if st.cwnd_cnt >= w {
        let delta = st.cwnd_cnt / w;
        st.cwnd_cnt -= delta * w;
        st.cwnd = st.cwnd.saturating_add(delta);
    }
    st.cwnd = st.cwnd.min(st.cwnd_clamp);
}

/// Linux's clocks as the congestion-control code reads them: `tcp_jiffies32` (one tick of
/// `1/HZ`) and `tcp_mstamp` (µs, truncated to 32 bits by `bictcp_clock_us`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Jiffies {
    tick_us: u32,
}

impl Jiffies {
    pub(crate) fn new(tick: Duration) -> Self {
        let us = u32::try_from(crate::time::micros(tick))
            .unwrap_or(u32::MAX)
            .max(1);
        Jiffies { tick_us: us }
    }
    /// `HZ`: ticks per second (250 for a 4 ms tick).
    pub(crate) fn hz(&self) -> u32 {
        (1_000_000 / self.tick_us).max(1)
    }
    /// `tcp_jiffies32` at `now` (the origin of ticks is the caller's time origin).
    pub(crate) fn at(&self, now: Instant) -> u32 {
        (now.micros() / u64::from(self.tick_us)) as u32
    }
    /// `usecs_to_jiffies`: rounds up, as the kernel does when HZ divides 1,000,000.
    pub(crate) fn usecs_to_jiffies(&self, us: u32) -> u32 {
        let t = u64::from(self.tick_us);
        u32::try_from(u64::from(us).div_ceil(t)).unwrap_or(u32::MAX)
    }
}

/// `bictcp_clock_us`: `tcp_mstamp` as u32 microseconds.
pub(crate) fn clock_us(now: Instant) -> u32 {
    now.micros() as u32
}

/// A duration in µs as Linux's u32 `rtt_us` (saturating).
pub(crate) fn duration_us(d: Duration) -> u32 {
    u32::try_from(crate::time::micros(d)).unwrap_or(u32::MAX)
}

#[cfg(test)]
pub(crate) mod testutil {
    //! A tiny ACK-clocked sender for the unit tests: one flight per round trip, every packet
    //! (or every `per_ack` packets) acknowledged by its own ACK, evenly spread over the RTT.
    use super::*;

    pub(crate) fn ack(now_us: u64, snd_una: u32, snd_nxt: u32, acked: u32, rtt_us: u64) -> AckCtx {
        AckCtx {
            now: Instant::from_micros(now_us),
            ack: snd_una,
            snd_nxt,
            acked,
            rtt: Some(Duration::from_micros(rtt_us)),
            in_flight: 0,
            cwnd_limited: true,
            min_rtt: Some(Duration::from_micros(rtt_us)),
            srtt: Some(Duration::from_micros(rtt_us)),
            mss: 1448,
        }
    }

    /// One round trip: the whole window (cwnd packets, sent from `start_us` on) is
    /// acknowledged `per_ack` packets at a time, ACK `i` of `n` arriving at
    /// `start_us + rtt_us + i·rtt_us/n`. Returns the start of the next round. Sequence
    /// numbers count packets.
    pub(crate) fn round(
        cc: &mut Cc,
        st: &mut CcState,
        snd_una: &mut u32,
        start_us: u64,
        rtt_us: u64,
        per_ack: u32,
    ) -> u64 {
        let per_ack = per_ack.max(1);
        let flight = st.cwnd;
        let snd_nxt = snd_una.wrapping_add(flight);
        let n = u64::from(flight.div_ceil(per_ack)).max(1);
        let mut left = flight;
        let mut i = 0;
        while left > 0 {
            let a = per_ack.min(left);
            left -= a;
            *snd_una = snd_una.wrapping_add(a);
            let t = start_us + rtt_us + i * rtt_us / n;
            let ctx = ack(t, *snd_una, snd_nxt, a, rtt_us);
            cc.pkts_acked(st, &ctx);
            cc.cong_avoid(st, &ctx);
            i += 1;
        }
        start_us + rtt_us
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tcp_is_cwnd_limited: the flag wins; otherwise in slow start cwnd may grow to twice
    /// the largest flight of the window (IW10 with 9 packets sent may reach 18), and in
    /// congestion avoidance not at all.
    #[test]
    fn cwnd_limited_as_linux() {
        let mut st = CcState::new(10);
        assert!(is_cwnd_limited(&st, false, 9));
        st.cwnd = 18;
        assert!(!is_cwnd_limited(&st, false, 9));
        assert!(is_cwnd_limited(&st, true, 0));
        st.ssthresh = 18;
        assert!(!is_cwnd_limited(&st, false, 17));
    }

    /// The default algorithm is CUBIC (Linux's since 2.6.19); `kind` reports what was built.
    #[test]
    fn kinds() {
        assert_eq!(CongestionKind::default(), CongestionKind::Cubic);
        for k in [CongestionKind::Cubic, CongestionKind::Reno] {
            for p in [Profile::linux(), Profile::textbook()] {
                assert_eq!(Cc::new(k, &p).kind(), k);
            }
        }
    }

    /// usecs_to_jiffies rounds up (4 ms jiffies: 100 ms → 25, 100.4 ms → 26); HZ 250.
    #[test]
    fn jiffies() {
        let j = Jiffies::new(Duration::from_millis(4));
        assert_eq!(j.hz(), 250);
        assert_eq!(j.usecs_to_jiffies(100_000), 25);
        assert_eq!(j.usecs_to_jiffies(100_400), 26);
        assert_eq!(j.at(Instant::from_micros(7_999)), 1);
    }
}

#[cfg(test)]
mod props {
    //! Any sequence of calls with any inputs: no panic, cwnd within [1, clamp] (as long as
    //! the connection keeps it there), ssthresh at least 2 when the algorithm sets it.
    extern crate std;
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        Ack {
            dt: u32,
            una: u32,
            nxt: u32,
            acked: u32,
            rtt: Option<u32>,
            limited: bool,
        },
        Reduce {
            in_flight: u32,
            loss: bool,
        },
        Event {
            dt: u32,
            idle: u32,
            which: u8,
        },
        Undo,
    }

    fn op() -> impl Strategy<Value = Op> {
        let ack = (0u32..2_000_000, any::<u32>(), any::<u32>(), 0u32..5000);
        let ack = (ack, proptest::option::of(any::<u32>()), any::<bool>()).prop_map(
            |((dt, una, nxt, acked), rtt, limited)| Op::Ack {
                dt,
                una,
                nxt,
                acked,
                rtt,
                limited,
            },
        );
        let reduce = (any::<u32>(), any::<bool>())
            .prop_map(|(in_flight, loss)| Op::Reduce { in_flight, loss });
        let event = (any::<u32>(), any::<u32>(), 0u8..4).prop_map(|(dt, idle, which)| Op::Event {
            dt,
            idle,
            which,
        });
        prop_oneof![6 => ack, 1 => reduce, 1 => event, 1 => Just(Op::Undo)]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn never_panics(
            kind in prop_oneof![Just(CongestionKind::Cubic), Just(CongestionKind::Reno)],
            linux in any::<bool>(),
            clamp in 1u32..=u32::MAX,
            ops in proptest::collection::vec(op(), 1..200),
        ) {
            let p = if linux { Profile::linux() } else { Profile::textbook() };
            let mut cc = Cc::new(kind, &p);
            let mut st = CcState::new(10.min(clamp));
            st.cwnd_clamp = clamp;
            let mut now = 0u64;
            cc.init(&mut st, Instant::from_micros(now), 0);
            for o in ops {
                match o {
                    Op::Ack { dt, una, nxt, acked, rtt, limited } => {
                        now += u64::from(dt);
                        let a = AckCtx {
                            now: Instant::from_micros(now),
                            ack: una,
                            snd_nxt: nxt,
                            acked,
                            rtt: rtt.map(|r| Duration::from_micros(u64::from(r))),
                            in_flight: acked,
                            cwnd_limited: limited,
                            min_rtt: rtt.map(|r| Duration::from_micros(u64::from(r))),
                            srtt: rtt.map(|r| Duration::from_micros(u64::from(r))),
                            mss: 1448,
                        };
                        cc.pkts_acked(&mut st, &a);
                        cc.cong_avoid(&mut st, &a);
                    }
                    Op::Reduce { in_flight, loss } => {
                        st.prior_cwnd = st.cwnd;
                        st.ssthresh = cc.ssthresh(&st, in_flight);
                        prop_assert!(st.ssthresh >= 2);
                        let state = if loss { CaState::Loss } else { CaState::Recovery };
                        cc.set_state(&st, state, Instant::from_micros(now), 0);
                        st.cwnd = if loss { 1 } else { st.ssthresh.min(clamp) };
                        st.cwnd_cnt = 0;
                    }
                    Op::Event { dt, idle, which } => {
                        now += u64::from(dt);
                        let ev = match which {
                            0 => CaEvent::TxStart {
                                lsndtime: Instant::from_micros(now.saturating_sub(u64::from(idle))),
                            },
                            1 => CaEvent::CwndRestart,
                            2 => CaEvent::CompleteCwr,
                            _ => CaEvent::Loss,
                        };
                        cc.cwnd_event(&st, Instant::from_micros(now), ev);
                    }
                    Op::Undo => {
                        st.cwnd = cc.undo_cwnd(&st).min(clamp);
                    }
                }
                prop_assert!(st.cwnd >= 1 && st.cwnd <= clamp, "cwnd {} clamp {}", st.cwnd, clamp);
            }
        }
    }
}
