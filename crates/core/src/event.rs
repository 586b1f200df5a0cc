//! What a connection tells its user and the UI: every outcome, with the rule behind it.

use crate::{Flags, Instant, State};
// The binary form's derives name `Vec`.
#[cfg(feature = "bin")]
use alloc::vec::Vec;
use core::time::Duration;

/// The timers of one connection. Each is visible (armed, fired, cancelled) because the UI draws them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum TimerKind {
    /// Retransmission timeout (RFC 6298) for SYN, SYN-ACK, data or FIN.
    Retransmit,
    /// Delayed acknowledgment (RFC 9293 §3.8.6.3).
    DelayedAck,
    /// TIME-WAIT's 2×MSL (RFC 9293 §3.10.7.4 "TIME-WAIT STATE").
    TimeWait,
    /// Orphaned FIN-WAIT-2 (Linux `tcp_fin_timeout`).
    FinWait2,
    /// Zero-window probe (RFC 9293 §3.8.6.1 "persist"; Linux `ICSK_TIME_PROBE0`).
    Persist,
    /// Keep-alive (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6; Linux `tcp_keepalive_timer`).
    Keepalive,
    /// Tail loss probe timeout, PTO (RFC 8985 §7; Linux `ICSK_TIME_LOSS_PROBE`).
    LossProbe,
    /// RACK's reordering-window timer (RFC 8985 §6.2; Linux `ICSK_TIME_REO_TIMEOUT`).
    ReorderWait,
}

impl TimerKind {
    pub const ALL: [TimerKind; 8] = [
        TimerKind::Retransmit,
        TimerKind::DelayedAck,
        TimerKind::TimeWait,
        TimerKind::FinWait2,
        TimerKind::Persist,
        TimerKind::Keepalive,
        TimerKind::LossProbe,
        TimerKind::ReorderWait,
    ];

    /// The timer's place in [`TimerKind::ALL`] (a connection keeps one slot per kind).
    pub const fn index(self) -> usize {
        match self {
            TimerKind::Retransmit => 0,
            TimerKind::DelayedAck => 1,
            TimerKind::TimeWait => 2,
            TimerKind::FinWait2 => 3,
            TimerKind::Persist => 4,
            TimerKind::Keepalive => 5,
            TimerKind::LossProbe => 6,
            TimerKind::ReorderWait => 7,
        }
    }

    /// The Linux timer that runs this kind: several kinds share one, and are never armed
    /// together (the ladder draws them in one column).
    pub const fn linux_timer(self) -> LinuxTimer {
        match self {
            TimerKind::Retransmit => LinuxTimer::Retransmit,
            // One `icsk_retransmit_timer`, its `icsk_pending` saying which
            // (ICSK_TIME_PROBE0, ICSK_TIME_LOSS_PROBE, ICSK_TIME_REO_TIMEOUT).
            TimerKind::Persist | TimerKind::LossProbe | TimerKind::ReorderWait => {
                LinuxTimer::Retransmit
            }
            TimerKind::DelayedAck => LinuxTimer::DelayedAck,
            TimerKind::TimeWait => LinuxTimer::TimeWait,
            // `sk_timer`: tcp_keepalive_timer also ends an orphaned FIN-WAIT-2.
            TimerKind::FinWait2 | TimerKind::Keepalive => LinuxTimer::Keepalive,
        }
    }
}

/// The timers Linux keeps per connection, which [`TimerKind`]s share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LinuxTimer {
    /// `icsk_retransmit_timer` (`tcp_write_timer`).
    Retransmit,
    /// `icsk_delack_timer` (`tcp_delack_timer`).
    DelayedAck,
    /// The TIME-WAIT socket's `tw_timer` (`tw_timer_handler`).
    TimeWait,
    /// `sk_timer` (`tcp_keepalive_timer`).
    Keepalive,
}

impl LinuxTimer {
    /// How many there are.
    pub const COUNT: usize = 4;

    /// Its place among the [`LinuxTimer::COUNT`].
    pub const fn index(self) -> usize {
        match self {
            LinuxTimer::Retransmit => 0,
            LinuxTimer::DelayedAck => 1,
            LinuxTimer::TimeWait => 2,
            LinuxTimer::Keepalive => 3,
        }
    }
}

/// Why a state changed: the input that caused it, in the words of RFC 9293 Figure 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum Cause {
    /// User call: passive OPEN.
    Listen,
    /// User call: active OPEN.
    Connect,
    /// User call: CLOSE (or shutdown of writing, which sends FIN the same way).
    Close,
    /// User call: ABORT.
    Abort,
    /// Received SYN.
    RcvSyn,
    /// Received SYN,ACK acknowledging our SYN.
    RcvSynAck,
    /// Received the ACK of our SYN.
    RcvAckOfSyn,
    /// Sent our own SYN-ACK (the hypothetical two-way handshake only).
    SndSynAck,
    /// Received FIN.
    RcvFin,
    /// Received the ACK of our FIN.
    RcvAckOfFin,
    /// Received FIN together with the ACK of our FIN.
    RcvFinAckOfFin,
    /// Received RST.
    RcvRst,
    /// Received an ACK that nothing can explain in SYN-RECEIVED from LISTEN (after RST is sent).
    RcvRstReturnToListen,
    /// A timer expired.
    Timeout(TimerKind),
    /// Retransmissions exhausted: the connection gave up.
    RetriesExhausted,
    /// New data arrived after CLOSE (the user no longer reads): reset (RFC 9293 §3.6).
    DataAfterClose,
}

impl Cause {
    /// Whether this cause may take a connection from `from` to `to`: an edge of RFC 9293
    /// Figure 5, or a transition its text (or the Linux profile) adds — ABORT, a reset,
    /// exhausted retries (§3.8.3) or data after CLOSE (§3.6) end any state; FIN and the ACK
    /// of our FIN in one segment take FIN-WAIT-1 straight to TIME-WAIT (§3.10.7.4, eighth
    /// step); SYN-RECEIVED from a passive OPEN falls back to LISTEN. The property tests and
    /// the fuzz target hold every `StateChanged` to this.
    pub fn is_rfc_edge(self, from: State, to: State) -> bool {
        use Cause as C;
        use State as S;
        let c = self;
        match (from, to) {
            (S::Closed, S::Listen) => c == C::Listen,
            (S::Closed | S::Listen, S::SynSent) => c == C::Connect,
            (S::Listen | S::SynSent, S::SynReceived) => c == C::RcvSyn,
            (S::SynSent, S::Established) => c == C::RcvSynAck,
            (S::SynReceived, S::Established) => matches!(c, C::RcvAckOfSyn | C::SndSynAck),
            (S::SynReceived, S::Listen) => {
                matches!(c, C::RcvRst | C::RcvSyn | C::RetriesExhausted)
            }
            // Linux: a new SYN ends TIME-WAIT and the listener takes it (RFC 6191).
            (S::TimeWait, S::Listen) => c == C::RcvSyn,
            (S::SynReceived | S::Established, S::FinWait1) | (S::CloseWait, S::LastAck) => {
                c == C::Close
            }
            (S::Established, S::CloseWait)
            | (S::FinWait1, S::Closing)
            | (S::FinWait2, S::TimeWait) => c == C::RcvFin,
            (S::FinWait1, S::FinWait2) | (S::Closing, S::TimeWait) => c == C::RcvAckOfFin,
            (S::FinWait1, S::TimeWait) => c == C::RcvFinAckOfFin,
            (S::LastAck, S::Closed) => {
                matches!(
                    c,
                    C::RcvAckOfFin | C::RcvRst | C::Abort | C::RetriesExhausted
                )
            }
            (S::TimeWait, S::Closed) => {
                matches!(c, C::Timeout(TimerKind::TimeWait) | C::RcvRst | C::Abort)
            }
            (S::Listen | S::SynSent, S::Closed) => {
                matches!(c, C::Close | C::Abort | C::RcvRst | C::RetriesExhausted)
            }
            (S::FinWait2, S::Closed) => matches!(
                c,
                C::RcvRst | C::Abort | C::DataAfterClose | C::Timeout(TimerKind::FinWait2)
            ),
            (S::FinWait1, S::Closed) => matches!(
                c,
                C::RcvRst | C::Abort | C::RetriesExhausted | C::DataAfterClose
            ),
            (_, S::Closed) => matches!(c, C::RcvRst | C::Abort | C::RetriesExhausted),
            _ => false,
        }
    }
}

/// Why an arriving segment was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum RejectReason {
    /// Sequence number outside the receive window (RFC 9293 §3.10.7.4, first check).
    OutOfWindow,
    /// RST whose sequence number is not in the window (RFC 9293 §3.10.7.4, second check).
    RstOutOfWindow,
    /// RST in the window but not exactly RCV.NXT: answered with a challenge ACK (RFC 5961 §3.2).
    RstChallenge,
    /// SYN in a synchronized state: answered with a challenge ACK (RFC 5961 §4, RFC 9293 §3.10.7.4).
    SynChallenge,
    /// ACK of something not yet sent (SEG.ACK > SND.NXT), RFC 9293 §3.10.7.4 fifth check.
    AckOfUnsent,
    /// Unacceptable ACK in SYN-SENT or SYN-RECEIVED; answered with RST (RFC 9293 §3.10.7.3).
    BadAckInHandshake,
    /// Segment without ACK in a synchronized state (RFC 9293 §3.10.7.4: "drop the segment").
    NoAck,
    /// Segment for a CLOSED connection (RFC 9293 §3.10.7.1): answered with RST unless it was RST.
    Closed,
    /// Segment in LISTEN that is neither SYN nor RST (RFC 9293 §3.10.7.2).
    NotSyn,
    /// Segment of a different connection (ports do not match).
    WrongPorts,
    /// Old duplicate ACK (SEG.ACK < SND.UNA), ignored.
    DuplicateAck,
    /// ACK older than SND.UNA - MAX.SND.WND: discarded and answered with a challenge ACK
    /// (RFC 5961 §5.2, RFC 9293 §3.10.7.4).
    AckTooOld,
    /// New data after the user's CLOSE: it cannot be delivered, so the connection is reset
    /// (RFC 9293 §3.6).
    DataAfterClose,
    /// Text that the receive buffer has no room for: dropped, so the sender must send it
    /// again (RFC 9293 §3.10.7.4 seventh step; Linux `tcp_try_rmem_schedule`, `TCPOFODrop`).
    BufferFull,
}

/// Why a segment was transmitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum SendReason {
    Syn,
    SynAck,
    /// ACK completing the three-way handshake.
    HandshakeAck,
    Data,
    Fin,
    /// Pure acknowledgment (immediate or delayed).
    Ack,
    /// Acknowledgment of an unacceptable segment (RFC 9293 §3.10.7.4).
    DupAck,
    /// An immediate ACK for data that arrived out of order, beyond a gap: it repeats RCV.NXT,
    /// so the sender sees a duplicate ACK (RFC 5681 §4.2), with SACK blocks when agreed
    /// (RFC 2018).
    OutOfOrderAck,
    /// Challenge ACK (RFC 5961).
    ChallengeAck,
    /// RST: reply to a segment for no connection, or to a bad ACK.
    Reset,
    /// RST sent because the user aborted.
    Abort,
    /// A retransmission after RTO (RFC 6298 §5.4).
    Retransmission,
    /// A retransmission of a segment that duplicate ACKs or SACKs mark lost (RFC 5681 §3.2
    /// fast retransmit; RFC 6675 `IsLost`), or that NewReno's partial ACK exposes (RFC 6582).
    FastRetransmit,
    /// A retransmission of a segment that RACK marks lost: a segment sent after it was
    /// delivered and the reordering window has passed (RFC 8985 §6.2; Linux
    /// `tcp_rack_detect_loss`).
    RackRetransmit,
    /// A tail loss probe: new data or the last segment again, sent when the PTO expires
    /// (RFC 8985 §7; Linux `tcp_send_loss_probe`).
    LossProbe,
    /// A zero-window probe (RFC 9293 §3.8.6.1; Linux sends `<SEQ=SND.UNA-1>` without data,
    /// `tcp_xmit_probe_skb`).
    WindowProbe,
    /// An ACK that announces a reopened receive window (RFC 9293 §3.8.6.2.2; Linux
    /// `tcp_cleanup_rbuf`).
    WindowUpdate,
    /// A keep-alive probe (RFC 9293 §3.8.4: `<SEQ=SND.NXT-1>` without data).
    KeepaliveProbe,
    /// An ACK reporting duplicate data with a D-SACK block (RFC 2883).
    DSack,
}

/// The rule an event follows: a section of RFC 9293 (or of an RFC it defers to), or the Linux
/// behaviour where Linux departs from it. In a trace it is written as before, a short string
/// (`"§3.10.7.4"`, [`Rfc::as_str`]); shown to a reader it is a full citation
/// (`RFC 9293 §3.10.7.4`, its `Display`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum Rfc {
    /// Half-open connections and other anomalies.
    S3_5_2,
    /// Closing a connection.
    S3_6,
    /// Retransmission timeouts and giving up (R1, R2).
    S3_8_3,
    /// TCP keep-alives.
    S3_8_4,
    /// OPEN call.
    S3_10_1,
    /// CLOSE call.
    S3_10_4,
    /// ABORT call.
    S3_10_5,
    /// SEGMENT ARRIVES.
    S3_10_7,
    /// SEGMENT ARRIVES in CLOSED.
    S3_10_7_1,
    /// SEGMENT ARRIVES in LISTEN.
    S3_10_7_2,
    /// SEGMENT ARRIVES in SYN-SENT.
    S3_10_7_3,
    /// SEGMENT ARRIVES in the other states.
    S3_10_7_4,
    /// An in-window RST is challenged (RFC 5961 §3.2).
    S3_10_7_4Rfc5961S3_2,
    /// A SYN in a synchronized state is challenged (RFC 5961 §4).
    S3_10_7_4Rfc5961S4,
    /// An ACK too old or of unsent data is challenged (RFC 5961 §5.2).
    S3_10_7_4Rfc5961S5_2,
    /// Timeouts.
    S3_10_8,
    /// Linux ends an orphaned FIN-WAIT-2 after `tcp_fin_timeout`.
    LinuxTcpFinTimeout,
    /// The hypothetical two-way handshake (a teaching profile, not an RFC).
    TwoWayVariant,
    /// Reusing TIME-WAIT with timestamps.
    Rfc6191,
}

impl Rfc {
    /// Every reference, for tests and readers of traces.
    pub const ALL: [Rfc; 19] = [
        Rfc::S3_5_2,
        Rfc::S3_6,
        Rfc::S3_8_3,
        Rfc::S3_8_4,
        Rfc::S3_10_1,
        Rfc::S3_10_4,
        Rfc::S3_10_5,
        Rfc::S3_10_7,
        Rfc::S3_10_7_1,
        Rfc::S3_10_7_2,
        Rfc::S3_10_7_3,
        Rfc::S3_10_7_4,
        Rfc::S3_10_7_4Rfc5961S3_2,
        Rfc::S3_10_7_4Rfc5961S4,
        Rfc::S3_10_7_4Rfc5961S5_2,
        Rfc::S3_10_8,
        Rfc::LinuxTcpFinTimeout,
        Rfc::TwoWayVariant,
        Rfc::Rfc6191,
    ];

    /// As a trace writes it: `"§3.10.7.4"`, `"Linux tcp_fin_timeout"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rfc::S3_5_2 => "§3.5.2",
            Rfc::S3_6 => "§3.6",
            Rfc::S3_8_3 => "§3.8.3",
            Rfc::S3_8_4 => "§3.8.4",
            Rfc::S3_10_1 => "§3.10.1",
            Rfc::S3_10_4 => "§3.10.4",
            Rfc::S3_10_5 => "§3.10.5",
            Rfc::S3_10_7 => "§3.10.7",
            Rfc::S3_10_7_1 => "§3.10.7.1",
            Rfc::S3_10_7_2 => "§3.10.7.2",
            Rfc::S3_10_7_3 => "§3.10.7.3",
            Rfc::S3_10_7_4 => "§3.10.7.4",
            Rfc::S3_10_7_4Rfc5961S3_2 => "§3.10.7.4 (RFC 5961 §3.2)",
            Rfc::S3_10_7_4Rfc5961S4 => "§3.10.7.4 (RFC 5961 §4)",
            Rfc::S3_10_7_4Rfc5961S5_2 => "§3.10.7.4 (RFC 5961 §5.2)",
            Rfc::S3_10_8 => "§3.10.8",
            Rfc::LinuxTcpFinTimeout => "Linux tcp_fin_timeout",
            Rfc::TwoWayVariant => "two-way variant",
            Rfc::Rfc6191 => "RFC 6191",
        }
    }

    /// The reference a trace wrote ([`Rfc::as_str`]), if it is one.
    pub fn parse(s: &str) -> Option<Rfc> {
        Rfc::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A full citation: `RFC 9293 §3.10.7.4`, `RFC 6191`, `Linux tcp_fin_timeout` (a section alone
/// is one of RFC 9293's).
impl core::fmt::Display for Rfc {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = self.as_str();
        if s.starts_with('§') {
            f.write_str("RFC 9293 ")?;
        }
        f.write_str(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rfc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Rfc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rfc, D::Error> {
        let s: alloc::string::String = serde::Deserialize::deserialize(d)?;
        Rfc::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(alloc::format!("`{s}` is not an RFC reference synack uses"))
        })
    }
}

/// One thing that happened inside a connection. Poll them with `Connection::poll_event`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Event {
    /// The state changed, with the cause and the RFC 9293 section of the rule.
    StateChanged {
        from: State,
        to: State,
        cause: Cause,
        rfc: Rfc,
    },
    /// A segment was sent (the segment itself is returned by `poll_transmit`).
    SegmentSent {
        seq: u32,
        ack: u32,
        flags: Flags,
        len: u32,
        reason: SendReason,
    },
    /// An arriving segment was processed and accepted.
    SegmentAccepted {
        seq: u32,
        flags: Flags,
        len: u32,
    },
    /// An arriving segment was rejected, with why and the rule.
    SegmentRejected {
        seq: u32,
        ack: u32,
        flags: Flags,
        reason: RejectReason,
        rfc: Rfc,
    },
    TimerArmed {
        timer: TimerKind,
        at: Instant,
        duration: Duration,
    },
    TimerFired {
        timer: TimerKind,
    },
    TimerCancelled {
        timer: TimerKind,
    },
    /// A retransmission timeout fired and a segment is sent again.
    Retransmission {
        seq: u32,
        flags: Flags,
        len: u32,
        /// 1 for the first retransmission.
        attempt: u8,
        /// The (backed-off) RTO that is now armed.
        rto: Duration,
    },
    /// A new RTT measurement and the RFC 6298 estimator after it.
    RttSample {
        rtt: Duration,
        srtt: Duration,
        rttvar: Duration,
        rto: Duration,
    },
    /// The handshake completed (ESTABLISHED reached).
    Connected,
    /// In-order data delivered to the application: a handle to the octets the segments
    /// carried (shared with them, not copied).
    DataReceived {
        data: crate::wire::Bytes,
    },
    /// Data sent by us was acknowledged, up to `ack` (exclusive).
    DataAcked {
        ack: u32,
        bytes: u32,
    },
    /// The peer sent FIN: no more data will arrive (end of file).
    Eof,
    /// The peer reset the connection (RST accepted).
    Reset {
        in_state: State,
    },
    /// Connection refused: RST in answer to our SYN (RFC 9293 §3.10.7.3).
    Refused,
    /// Retransmissions exhausted, or the FIN-WAIT-2 timeout expired.
    TimedOut {
        in_state: State,
    },
    /// The connection reached CLOSED and its TCB is deleted.
    Closed,
    /// The sender stopped sending new data, and why (reported when the reason changes):
    /// the narration of "what limits the sender".
    SendBlocked {
        limit: SendLimit,
    },
    /// The sender's loss-recovery state changed (Linux `tcp_set_ca_state`), with the windows
    /// after the change, in packets.
    CaStateChanged {
        from: crate::cc::CaState,
        to: crate::cc::CaState,
        cwnd: u32,
        ssthresh: u32,
    },
}

/// Why new data does not leave now (Linux `tcp_write_xmit`'s tests, in its order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum SendLimit {
    /// Nothing queued that has not been sent.
    SendBufferEmpty,
    /// Packets in flight fill the congestion window (`tcp_cwnd_test`; RFC 5681).
    CwndLimited,
    /// The next segment would pass the right edge of the peer's window, SND.UNA + SND.WND
    /// (`tcp_snd_wnd_test`; RFC 9293 §3.8.6).
    RwndLimited,
    /// Nagle: a small segment waits until the previous small one is acknowledged (RFC 9293
    /// §3.7.4; Linux `tcp_nagle_check` with Minshall's rule).
    Nagle,
    /// Sender silly-window avoidance: the window takes only part of a segment and less than
    /// half the largest window the peer offered (RFC 9293 §3.8.6.2.1).
    WaitingForWindow,
}

#[cfg(test)]
mod tests {
    use super::Rfc;
    use alloc::string::ToString;

    /// Every reference reads back from what a trace writes, no two are written alike, and a
    /// reader sees a citation naming its source.
    #[test]
    fn rfc_references_read_back_and_cite_their_source() {
        for (i, r) in Rfc::ALL.iter().enumerate() {
            assert_eq!(Rfc::parse(r.as_str()), Some(*r));
            assert!(Rfc::ALL[..i].iter().all(|o| o.as_str() != r.as_str()));
            let shown = r.to_string();
            assert!(
                ["RFC ", "Linux ", "two-way "]
                    .iter()
                    .any(|p| shown.starts_with(p)),
                "{shown}"
            );
        }
        assert_eq!(Rfc::S3_10_7_4.to_string(), "RFC 9293 §3.10.7.4");
        assert_eq!(Rfc::S3_10_7_4.as_str(), "§3.10.7.4");
        assert_eq!(Rfc::parse("?"), None);
    }
}
