//! Every word the crate writes, in English and Simplified Chinese, as a table keyed by
//! [`Key`]: `en::text` and `zh::text` are exhaustive matches, so a key cannot lack a
//! translation, and the tests check that both strings are non-empty and use the same
//! `{placeholders}`. [`step`] turns a step of a trace into sentences with the numbers filled in.

mod en;
pub mod step;
#[cfg(feature = "zh")]
mod zh;

pub use step::{narrate_step, StepText, WhyText};

use crate::Lang;
use alloc::string::String;

macro_rules! keys {
    ($($(#[$m:meta])* $name:ident),* $(,)?) => {
        /// A translatable string. Templates hold `{name}` placeholders.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
        pub enum Key { $($(#[$m])* $name),* }
        impl Key {
            /// Every key, so tests can walk the whole table.
            pub const ALL: &'static [Key] = &[$(Key::$name),*];
        }
    };
}

keys! {
    // --- words ---
    SideClient, SideServer, SideClientCap, SideServerCap, LaneClient, LaneServer, FullStop,
    TagRetx, TagRetxN, TagDup, TimerRetx, TimerDelAck, TimerTimeWait, TimerFinWait2,
    TimerPersist, TimerKeepalive, TimerLossProbe, TimerReorderWait,
    SvgTitle, SvgDesc,
    // --- application calls ---
    AppListen, AppConnect, AppSend, AppShutdown, AppClose, AppAbort, AppCrash, AppErrorTail,
    AppSetOption, AppRead,
    // --- sending ---
    SendSyn, IsnRelTail, IsnAbsTail, SendSynAck, SendHandshakeAck, SendData, SendAck,
    SendDupAck, SendChallengeAck, SendFin, SendFinMerged, SendRst, SendRstReply, SendRstReplyNoAck, SendAbortRst,
    SendRetx, SendRetxKeep, SendRetxNoRto, SendOther, LenTail,
    SendOooAck, SendDSack, SendWindowUpdate, SendFastRetx, SendRackRetx, SendLossProbe,
    SendWindowProbe, SendKeepalive,
    // --- arriving, lost ---
    Receive, RejectTail, Lost, Injected, TagInjected,
    RejOutOfWindow, RejRstOutOfWindow, RejRstChallenge, RejSynChallenge, RejAckOfUnsent,
    RejBadAckInHandshake, RejNoAck, RejClosed, RejNotSyn, RejWrongPorts, RejDuplicateAck, RejAckTooOld, RejDataAfterClose, RejBufferFull,
    // --- states, timers, outcomes ---
    Enters, EntersTail, ThenTail,
    FiredRetx, FiredDelAck, FiredTimeWait, FiredFinWait2,
    FiredPersist, FiredKeepalive, FiredLossProbe, FiredReorderWait,
    DataReceived, Reset, Refused, TimedOut,
    // --- causes of transitions (state diagram) ---
    CauseListen, CauseConnect, CauseClose, CauseAbort, CauseRcvSyn, CauseRcvSynAck,
    CauseRcvAckOfSyn, CauseSndSynAck, CauseRcvFin, CauseRcvAckOfFin, CauseRcvFinAckOfFin,
    CauseRcvRst, CauseRcvRstReturnToListen, CauseTimeoutRetx, CauseTimeoutDelAck,
    CauseTimeoutTimeWait, CauseTimeoutFinWait2, CauseRetriesExhausted, CauseOther,
    // --- TCB rows ---
    HintState, HintIss, HintIrs, HintSndUna, HintSndNxt, HintSndWnd, HintRcvNxt, HintRcvWnd,
    HintRto, HintSrtt, NotYet,
    // --- whys ---
    WhyRandomIsnTitle, WhyRandomIsn, WhyThreeWayTitle, WhyThreeWay, WhyAckFlagTitle, WhyAckFlag,
    WhyFourWayTitle, WhyFourWay, WhyMergedTitle, WhyMerged, WhyTimeWaitTitle, WhyTimeWait,
    WhyCloseWaitTitle, WhyCloseWait, WhyRetxTitle, WhyRetx, WhyRstTitle, WhyRst,
    WhyChallengeTitle, WhyChallenge,
    WhyFastRetxTitle, WhyFastRetx, WhyRackTitle, WhyRack, WhyTlpTitle, WhyTlp,
    WhyDSackTitle, WhyDSack, WhyZeroWindowTitle, WhyZeroWindow, WhyKeepaliveTitle, WhyKeepalive,
    // --- the state diagram: its title, and its edge words in RFC 9293 Figure 5's English ---
    GraphTitle,
    EdgeActiveOpen, EdgePassiveOpen, EdgeCreateTcb, EdgeDeleteTcb, EdgeClose, EdgeSend,
    EdgeSndSyn, EdgeSndSynAck, EdgeSndAck, EdgeSndFin, EdgeRcvSyn, EdgeRcvSynAck,
    EdgeRcvAckOfSyn, EdgeRcvFin, EdgeRcvFinAck, EdgeRcvAckOfFin, EdgeRcvRst, EdgeTimeout,
}

/// The template of `key` in `lang`. Without the cargo feature `zh`, Chinese comes from the
/// installed language pack ([`synack_core::pack`], section [`PACK_SECTION`]) or falls back to
/// English.
pub fn text(key: Key, lang: Lang) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::Zh => zh_text(key).unwrap_or_else(|| en::text(key)),
    }
}

/// The pack section of this crate's texts.
pub const PACK_SECTION: &str = "diagram";

#[cfg(feature = "zh")]
fn zh_text(key: Key) -> Option<&'static str> {
    Some(zh::text(key))
}

#[cfg(not(feature = "zh"))]
fn zh_text(key: Key) -> Option<&'static str> {
    synack_core::pack::lookup(PACK_SECTION, key as usize)
}

/// The Chinese templates in key order, for the language pack.
#[cfg(feature = "zh")]
pub fn zh_texts() -> alloc::vec::Vec<&'static str> {
    Key::ALL.iter().map(|&k| zh::text(k)).collect()
}

/// `key`'s template with its `{name}` placeholders filled from `args`. A placeholder with
/// no argument stays as written (the tests make sure that never happens).
pub fn render(key: Key, lang: Lang, args: &[(&str, &str)]) -> String {
    fill(text(key, lang), args)
}

/// Fill `{name}` placeholders of `template` (the core's scan, shared with language packs).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    synack_core::pack::fill_by(template, |name, out| {
        let v = args.iter().find(|(k, _)| *k == name);
        if let Some((_, v)) = v {
            out.push_str(v);
        }
        v.is_some()
    })
}

/// The placeholders a template uses, in order (for the tests).
pub fn placeholders(template: &str) -> alloc::vec::Vec<&str> {
    let mut v = alloc::vec::Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('}') {
            Some(c) => {
                v.push(after.get(..c).unwrap_or(""));
                rest = after.get(c + 1..).unwrap_or("");
            }
            None => break,
        }
    }
    v
}

/// "the client" / "客户端" (`cap`: sentence-initial "The client").
pub fn side_name(side: synack_sim::Side, cap: bool, lang: Lang) -> &'static str {
    use synack_sim::Side;
    let key = match (side, cap) {
        (Side::Client, false) => Key::SideClient,
        (Side::Server, false) => Key::SideServer,
        (Side::Client, true) => Key::SideClientCap,
        (Side::Server, true) => Key::SideServerCap,
    };
    text(key, lang)
}

/// The short name of a timer for its bar: "RTO", "delayed ACK", "2MSL", "FIN-WAIT-2".
pub fn timer_name(kind: synack_core::TimerKind, lang: Lang) -> &'static str {
    use synack_core::TimerKind;
    text(
        match kind {
            TimerKind::Retransmit => Key::TimerRetx,
            TimerKind::DelayedAck => Key::TimerDelAck,
            TimerKind::TimeWait => Key::TimerTimeWait,
            TimerKind::FinWait2 => Key::TimerFinWait2,
            TimerKind::Persist => Key::TimerPersist,
            TimerKind::Keepalive => Key::TimerKeepalive,
            TimerKind::LossProbe => Key::TimerLossProbe,
            TimerKind::ReorderWait => Key::TimerReorderWait,
        },
        lang,
    )
}

/// Why a transition happened, in words (for the state diagram's caption).
pub fn cause_text(cause: synack_core::Cause, lang: Lang) -> &'static str {
    use synack_core::{Cause, TimerKind};
    text(
        match cause {
            Cause::Listen => Key::CauseListen,
            Cause::Connect => Key::CauseConnect,
            Cause::Close => Key::CauseClose,
            Cause::Abort => Key::CauseAbort,
            Cause::RcvSyn => Key::CauseRcvSyn,
            Cause::RcvSynAck => Key::CauseRcvSynAck,
            Cause::RcvAckOfSyn => Key::CauseRcvAckOfSyn,
            Cause::SndSynAck => Key::CauseSndSynAck,
            Cause::RcvFin => Key::CauseRcvFin,
            Cause::RcvAckOfFin => Key::CauseRcvAckOfFin,
            Cause::RcvFinAckOfFin => Key::CauseRcvFinAckOfFin,
            Cause::RcvRst => Key::CauseRcvRst,
            Cause::RcvRstReturnToListen => Key::CauseRcvRstReturnToListen,
            Cause::Timeout(TimerKind::Retransmit) => Key::CauseTimeoutRetx,
            Cause::Timeout(TimerKind::DelayedAck) => Key::CauseTimeoutDelAck,
            Cause::Timeout(TimerKind::TimeWait) => Key::CauseTimeoutTimeWait,
            Cause::Timeout(TimerKind::FinWait2) => Key::CauseTimeoutFinWait2,
            Cause::RetriesExhausted => Key::CauseRetriesExhausted,
            // A cause newer than this table (synack-core grows): still say something true.
            #[allow(unreachable_patterns)]
            _ => Key::CauseOther,
        },
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "zh")]
    use alloc::vec::Vec;

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(fill("{x}{z}", &[("x", "1")]), "1{z}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(placeholders("{a} and {B}"), ["a", "B"]);
    }

    #[cfg(feature = "zh")]
    #[test]
    fn both_tables_have_every_key_with_the_same_placeholders() {
        for &k in Key::ALL {
            let (e, z) = (en::text(k), zh::text(k));
            assert!(
                !e.trim().is_empty() && !z.trim().is_empty(),
                "{k:?} is empty"
            );
            let norm = |s: &str| {
                let mut v: Vec<alloc::string::String> =
                    placeholders(s).iter().map(|p| p.to_lowercase()).collect();
                v.sort();
                v.dedup();
                v
            };
            assert_eq!(norm(e), norm(z), "{k:?}: placeholders differ");
        }
    }
}
