//! Short words the web's own panels need (timer names, send reasons), keys of the UI table
//! ([`T`]). Narration sentences come from `synack-diagram`.

use synack_core::{SendReason, TimerKind};

use crate::i18n::{Lang, Words, T};

pub fn timer_name(lang: Lang, k: TimerKind) -> &'static str {
    lang.t(match k {
        TimerKind::Retransmit => T::TimerRetransmit,
        TimerKind::DelayedAck => T::TimerDelayedAck,
        TimerKind::TimeWait => T::TimerTimeWait,
        TimerKind::FinWait2 => T::TimerFinWait2,
        TimerKind::Persist => T::TimerPersist,
        TimerKind::Keepalive => T::TimerKeepalive,
        TimerKind::LossProbe => T::TimerLossProbe,
        TimerKind::ReorderWait => T::TimerReorderWait,
    })
}

/// A short name for why a segment was sent (the inspector's "Why sent").
pub fn reason_name(lang: Lang, r: SendReason) -> &'static str {
    use SendReason as R;
    lang.t(match r {
        R::Syn => T::ReasonSyn,
        R::SynAck => T::ReasonSynAck,
        R::HandshakeAck => T::ReasonHandshakeAck,
        R::Data => T::ReasonData,
        R::Fin => T::ReasonFin,
        R::Ack => T::ReasonAck,
        R::DupAck => T::ReasonDupAck,
        R::OutOfOrderAck => T::ReasonOutOfOrderAck,
        R::ChallengeAck => T::ReasonChallengeAck,
        R::Reset => T::ReasonReset,
        R::Abort => T::ReasonAbort,
        R::Retransmission => T::ReasonRetransmission,
        R::FastRetransmit => T::ReasonFastRetransmit,
        R::RackRetransmit => T::ReasonRackRetransmit,
        R::LossProbe => T::ReasonLossProbe,
        R::WindowProbe => T::ReasonWindowProbe,
        R::WindowUpdate => T::ReasonWindowUpdate,
        R::KeepaliveProbe => T::ReasonKeepaliveProbe,
        R::DSack => T::ReasonDSack,
    })
}
