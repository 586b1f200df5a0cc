//! The rule a question's answer follows: a reference the engine names itself
//! ([`synack_core::Rfc`], on every state change), or a section of RFC 9293 or of another
//! RFC the engine follows for segments and timers it does not tag.

#[cfg(feature = "bin")]
use alloc::vec::Vec;
use core::fmt;
use serde::Serialize;
use synack_core::{Rfc, SendReason, TimerKind};

#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(non_camel_case_types)]
pub enum Cite {
    /// The engine's own reference for a transition or a rejected segment.
    Engine(Rfc),
    /// RFC 9293 §3.4: sequence numbers and what an acknowledgment number means.
    S3_4,
    /// RFC 9293 §3.4.1: initial sequence number selection.
    S3_4_1,
    /// RFC 9293 §3.5: establishing a connection (the three-way handshake).
    S3_5,
    /// RFC 9293 §3.8.6.1: zero-window probing.
    S3_8_6_1,
    /// RFC 9293 §3.8.6.2.2: the receiver's window update.
    S3_8_6_2_2,
    /// RFC 9293 §3.8.6.3: when to send an ACK (delayed acknowledgments).
    S3_8_6_3,
    /// RFC 9293 §3.10.2: the SEND call.
    S3_10_2,
    /// RFC 6298 §5: managing the retransmission timer.
    Rfc6298S5,
    /// RFC 5681 §3.2: fast retransmit and fast recovery.
    Rfc5681S3_2,
    /// RFC 5681 §4.2: an immediate ACK for out-of-order data.
    Rfc5681S4_2,
    /// RFC 8985 §6.2: RACK's loss detection.
    Rfc8985S6_2,
    /// RFC 8985 §7: the tail loss probe.
    Rfc8985S7,
    /// RFC 2883: D-SACK.
    Rfc2883,
}

impl Cite {
    /// The rule that makes a side send a segment of this reason (before the engine's own
    /// reference of a state change or a rejection, which is more precise).
    pub fn of_send(reason: SendReason) -> Cite {
        match reason {
            SendReason::Syn => Cite::Engine(Rfc::S3_10_1),
            SendReason::SynAck => Cite::Engine(Rfc::S3_10_7_2),
            SendReason::HandshakeAck => Cite::Engine(Rfc::S3_10_7_3),
            SendReason::Data => Cite::S3_10_2,
            SendReason::Fin => Cite::Engine(Rfc::S3_10_4),
            SendReason::Ack | SendReason::DupAck => Cite::Engine(Rfc::S3_10_7_4),
            SendReason::OutOfOrderAck => Cite::Rfc5681S4_2,
            SendReason::ChallengeAck => Cite::Engine(Rfc::S3_10_7_4Rfc5961S3_2),
            SendReason::Reset => Cite::Engine(Rfc::S3_5_2),
            SendReason::Abort => Cite::Engine(Rfc::S3_10_5),
            SendReason::Retransmission => Cite::Rfc6298S5,
            SendReason::FastRetransmit => Cite::Rfc5681S3_2,
            SendReason::RackRetransmit => Cite::Rfc8985S6_2,
            SendReason::LossProbe => Cite::Rfc8985S7,
            SendReason::WindowProbe => Cite::S3_8_6_1,
            SendReason::WindowUpdate => Cite::S3_8_6_2_2,
            SendReason::KeepaliveProbe => Cite::Engine(Rfc::S3_8_4),
            SendReason::DSack => Cite::Rfc2883,
        }
    }

    /// The rule of a timer's duration.
    pub fn of_timer(kind: TimerKind) -> Cite {
        match kind {
            TimerKind::Retransmit => Cite::Rfc6298S5,
            TimerKind::DelayedAck => Cite::S3_8_6_3,
            TimerKind::TimeWait => Cite::Engine(Rfc::S3_10_8),
            TimerKind::FinWait2 => Cite::Engine(Rfc::LinuxTcpFinTimeout),
            TimerKind::Persist => Cite::S3_8_6_1,
            TimerKind::Keepalive => Cite::Engine(Rfc::S3_8_4),
            TimerKind::LossProbe => Cite::Rfc8985S7,
            TimerKind::ReorderWait => Cite::Rfc8985S6_2,
        }
    }

    /// A transition's reference; the two-way handshake (a teaching variant, not an RFC) is
    /// read against the section it departs from.
    pub fn of_transition(rfc: Rfc) -> Cite {
        match rfc {
            Rfc::TwoWayVariant => Cite::S3_5,
            other => Cite::Engine(other),
        }
    }
}

/// A full citation: `RFC 9293 §3.10.7.3`, `RFC 6298 §5`, `Linux tcp_fin_timeout`.
impl fmt::Display for Cite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Cite::Engine(r) => return fmt::Display::fmt(r, f),
            Cite::S3_4 => "RFC 9293 §3.4",
            Cite::S3_4_1 => "RFC 9293 §3.4.1",
            Cite::S3_5 => "RFC 9293 §3.5",
            Cite::S3_8_6_1 => "RFC 9293 §3.8.6.1",
            Cite::S3_8_6_2_2 => "RFC 9293 §3.8.6.2.2",
            Cite::S3_8_6_3 => "RFC 9293 §3.8.6.3",
            Cite::S3_10_2 => "RFC 9293 §3.10.2",
            Cite::Rfc6298S5 => "RFC 6298 §5",
            Cite::Rfc5681S3_2 => "RFC 5681 §3.2",
            Cite::Rfc5681S4_2 => "RFC 5681 §4.2",
            Cite::Rfc8985S6_2 => "RFC 8985 §6.2",
            Cite::Rfc8985S7 => "RFC 8985 §7",
            Cite::Rfc2883 => "RFC 2883",
        })
    }
}

impl Serialize for Cite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}
