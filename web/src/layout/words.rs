//! Short words the web's own panels need (timer names, send reasons, transition causes), in
//! English and Simplified Chinese. Narration sentences come from `synack-diagram`.

use synack_core::{SendReason, TimerKind};

use crate::i18n::Lang;

pub fn timer_name(lang: Lang, k: TimerKind) -> &'static str {
    match (lang, k) {
        (Lang::En, TimerKind::Retransmit) => "retransmission timer",
        (Lang::En, TimerKind::DelayedAck) => "delayed-ACK timer",
        (Lang::En, TimerKind::TimeWait) => "TIME-WAIT timer (2×MSL)",
        (Lang::En, TimerKind::FinWait2) => "FIN-WAIT-2 timer",
        (Lang::Zh, TimerKind::Retransmit) => "重传定时器",
        (Lang::Zh, TimerKind::DelayedAck) => "延迟确认定时器",
        (Lang::Zh, TimerKind::TimeWait) => "TIME-WAIT 定时器（2×MSL）",
        (Lang::Zh, TimerKind::FinWait2) => "FIN-WAIT-2 定时器",
    }
}

/// A short name for why a segment was sent (the inspector's "Why sent").
pub fn reason_name(lang: Lang, r: SendReason) -> &'static str {
    use SendReason as R;
    match (lang, r) {
        (Lang::En, R::Syn) => "SYN: open the connection",
        (Lang::En, R::SynAck) => "SYN-ACK: answer a SYN",
        (Lang::En, R::HandshakeAck) => "ACK completing the handshake",
        (Lang::En, R::Data) => "data",
        (Lang::En, R::Fin) => "FIN: the application closed",
        (Lang::En, R::Ack) => "acknowledgment",
        (Lang::En, R::DupAck) => "duplicate ACK (unacceptable segment)",
        (Lang::En, R::ChallengeAck) => "challenge ACK (RFC 5961)",
        (Lang::En, R::Reset) => "reset: no such connection",
        (Lang::En, R::Abort) => "reset: the application aborted",
        (Lang::En, R::Retransmission) => "retransmission after a timeout",
        (Lang::Zh, R::Syn) => "SYN：发起连接",
        (Lang::Zh, R::SynAck) => "SYN-ACK：回应 SYN",
        (Lang::Zh, R::HandshakeAck) => "完成握手的 ACK",
        (Lang::Zh, R::Data) => "数据",
        (Lang::Zh, R::Fin) => "FIN：应用关闭了连接",
        (Lang::Zh, R::Ack) => "确认",
        (Lang::Zh, R::DupAck) => "重复 ACK（报文段不可接受）",
        (Lang::Zh, R::ChallengeAck) => "挑战 ACK（RFC 5961）",
        (Lang::Zh, R::Reset) => "复位：没有这条连接",
        (Lang::Zh, R::Abort) => "复位：应用中止了连接",
        (Lang::Zh, R::Retransmission) => "超时后的重传",
    }
}
