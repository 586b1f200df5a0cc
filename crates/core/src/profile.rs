//! Profiles: the knobs in which real stacks differ from each other and from the RFC text.

#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// Which family a profile belongs to; some behaviours (delayed-ACK heuristics, option layout)
/// are modelled per family, not by a single number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Flavor {
    /// Linux 6.x: quick-ACK mode, ping-pong delayed ACKs, linear SYN timeouts, RTO floor on RTTVAR.
    Linux,
    /// The RFCs as written: RFC 9293, RFC 6298, RFC 1122 delayed ACK.
    Textbook,
}

/// The knobs of one TCP implementation. Build one with [`Profile::linux`] or
/// [`Profile::textbook`] and change fields as needed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Profile {
    pub flavor: Flavor,
    /// MSS announced in the SYN (RFC 9293 §3.7.1); 1460 for Ethernet.
    pub mss: u16,
    /// Send SACK-permitted in the SYN (RFC 2018).
    pub sack: bool,
    /// Send timestamps (RFC 7323) in the SYN and, if agreed, every segment.
    pub timestamps: bool,
    /// Window-scale shift to announce (RFC 7323 §2), or `None` for no window scaling.
    pub window_scale: Option<u8>,
    /// Receive buffer space from which the receive window is derived.
    pub rcv_space: u32,
    /// Initial RTO before any RTT sample (RFC 6298 §2.1: 1 s).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rto_initial: Duration,
    /// Lower bound of the RTO (RFC 6298 §2.4: 1 s; Linux `TCP_RTO_MIN` 200 ms).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rto_min: Duration,
    /// Upper bound of the RTO (RFC 6298 §2.5: at least 60 s; Linux `TCP_RTO_MAX` 120 s).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub rto_max: Duration,
    /// Retransmissions of a SYN before connect gives up (Linux `tcp_syn_retries`).
    pub syn_retries: u8,
    /// The first N SYN retransmissions keep the initial RTO instead of doubling it
    /// (Linux ≥ 6.5 `tcp_syn_linear_timeouts`; 0 = pure exponential backoff).
    pub syn_linear_timeouts: u8,
    /// Retransmissions of a SYN-ACK (Linux `tcp_synack_retries`).
    pub synack_retries: u8,
    /// Retransmissions of data or FIN before the connection is dropped (Linux `tcp_retries2`).
    pub data_retries: u8,
    /// Maximum Segment Lifetime; TIME-WAIT lasts 2×MSL (RFC 9293 §3.4.2).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub msl: Duration,
    /// TIME-WAIT duration, normally 2×MSL; Linux hard-codes 60 s (`TCP_TIMEWAIT_LEN`).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub time_wait: Duration,
    /// How long an orphaned FIN-WAIT-2 connection waits for the peer's FIN
    /// (Linux `tcp_fin_timeout`); `None` waits forever, as RFC 9293 allows.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::OptNanos"))]
    pub fin_wait2_timeout: Option<Duration>,
    /// Delayed-ACK timeout (RFC 9293 §3.8.6.3: under 0.5 s; Linux `TCP_DELACK_MAX` 200 ms).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub delayed_ack: Duration,
    /// Linux's minimum delayed-ACK (`TCP_ATO_MIN`, 40 ms).
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub ato_min: Duration,
    /// One timer-wheel tick (1/HZ); Linux arms a zero ATO for the next tick.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub tick: Duration,
    /// Answer out-of-window pure ACKs and SYNs, and send challenge ACKs, at most once per
    /// interval (RFC 5961 §7; Linux `tcp_invalid_ratelimit`, 500 ms); `None`: always answer.
    #[cfg_attr(feature = "serde", serde(default))]
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::OptNanos"))]
    pub challenge_ack_interval: Option<Duration>,
    /// The hypothetical two-way handshake: a passive opener takes its own SYN-ACK as the end
    /// of the handshake. Exists only to show why TCP needs three segments.
    pub two_way_handshake: bool,
}

impl Profile {
    /// Linux 6.x with default sysctls (the default profile).
    pub fn linux() -> Self {
        Profile {
            flavor: Flavor::Linux,
            mss: 1460,
            sack: true,
            timestamps: true,
            window_scale: Some(10),
            rcv_space: 65536,
            rto_initial: Duration::from_secs(1),
            rto_min: Duration::from_millis(200),
            rto_max: Duration::from_secs(120),
            syn_retries: 6,
            syn_linear_timeouts: 4,
            synack_retries: 5,
            data_retries: 15,
            msl: Duration::from_secs(30),
            time_wait: Duration::from_secs(60),
            fin_wait2_timeout: Some(Duration::from_secs(60)),
            delayed_ack: Duration::from_millis(200),
            ato_min: Duration::from_millis(40),
            tick: Duration::from_millis(4),
            challenge_ack_interval: Some(Duration::from_millis(500)),
            two_way_handshake: false,
        }
    }

    /// The RFCs' own numbers: MSL 2 minutes, RTO per RFC 6298, only the MSS option.
    pub fn textbook() -> Self {
        Profile {
            flavor: Flavor::Textbook,
            mss: 1460,
            sack: false,
            timestamps: false,
            window_scale: None,
            rcv_space: 65535,
            rto_initial: Duration::from_secs(1),
            rto_min: Duration::from_secs(1),
            rto_max: Duration::from_secs(60),
            // RFC 9293 §3.8.3 (MUST-23): "R2 for a SYN segment MUST be set large enough to
            // provide retransmission of the segment for at least 3 minutes": SYNs at 0, 1, 3,
            // 7, 15, 31, 63, 123 s (RTO doubling from 1 s, at most 60 s), giving up at 183 s.
            syn_retries: 7,
            syn_linear_timeouts: 0,
            synack_retries: 5,
            data_retries: 8,
            msl: Duration::from_secs(120),
            time_wait: Duration::from_secs(240),
            fin_wait2_timeout: None,
            delayed_ack: Duration::from_millis(200),
            ato_min: Duration::from_millis(200),
            tick: Duration::from_millis(1),
            challenge_ack_interval: None,
            two_way_handshake: false,
        }
    }

    /// The hypothetical two-way handshake variant of `base`.
    pub fn two_way(mut base: Profile) -> Self {
        base.two_way_handshake = true;
        base
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile::linux()
    }
}
