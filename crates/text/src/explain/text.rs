//! The fixed texts of the inspector: each field's name, what it is in general, and the RFC
//! section that defines it. Nothing here depends on a segment's values (see `means.rs`).

use super::words::{text, W};
use super::{FieldKey, Lang};

/// The field's short name, as a textbook's header diagram labels it.
pub fn field_name(key: FieldKey, lang: Lang) -> &'static str {
    use FieldKey::*;
    let w = match key {
        SrcPort => W::NameSourcePort,
        DstPort => W::NameDestinationPort,
        Seq => W::NameSequenceNumber,
        Ack => W::NameAcknowledgmentNumber,
        DataOffset => W::NameDataOffset,
        Reserved => W::NameReserved,
        FlagCwr => W::NameCwrCongestionWindowReduced,
        FlagEce => W::NameEceEcnEcho,
        FlagUrg => W::NameUrgUrgent,
        FlagAck => W::NameAckAcknowledgment,
        FlagPsh => W::NamePshPush,
        FlagRst => W::NameRstReset,
        FlagSyn => W::NameSynSynchronize,
        FlagFin => W::NameFinFinish,
        Window => W::NameWindow,
        Checksum => W::NameChecksum,
        Urgent => W::NameUrgentPointer,
        Option { kind, .. } => option_name(kind),
        Padding => W::NamePadding,
        Payload => W::NameData,
    };
    text(lang, w)
}

/// Names of option kinds (IANA "TCP Option Kind Numbers"). The inspector interprets kinds
/// 0-5 and 8; the others named here are common enough that a student may meet them.
fn option_name(kind: u8) -> W {
    match kind {
        0 => W::NameEndOptionListEol,
        1 => W::NameNoOperationNop,
        2 => W::NameMaximumSegmentSizeMss,
        3 => W::NameWindowScaleWs,
        4 => W::NameSackPermitted,
        5 => W::NameSackSelectiveAcknowledgment,
        8 => W::NameTimestampsTs,
        19 => W::NameTcpMd5Signature,
        29 => W::NameTcpAuthenticationOption,
        30 => W::NameMultipathTcp,
        34 => W::NameTcpFastOpenCookie,
        253 | 254 => W::NameExperimentalOption,
        _ => W::NameUnknownOption,
    }
}

/// One sentence on what the field is, true of every segment.
pub fn field_what(key: FieldKey, lang: Lang) -> &'static str {
    use FieldKey::*;
    let w = match key {
        SrcPort => W::WhatPortSendingApplicationWith,
        DstPort => W::WhatPortReceivingApplicationFor,
        Seq => W::WhatNumberFirstDataByte,
        Ack => W::WhatWhenAckFlagSet,
        DataOffset => W::WhatLengthTcpHeaderIn,
        Reserved => W::WhatBitsReservedForFuture,
        FlagCwr => W::WhatSetBySenderSay,
        FlagEce => W::WhatInSynAsksUse,
        FlagUrg => W::WhatSaysThatUrgentPointer,
        FlagAck => W::WhatSaysThatAcknowledgmentNumber,
        FlagPsh => W::WhatAsksReceiverHandData,
        FlagRst => W::WhatAbortsConnectionAtOnce,
        FlagSyn => W::WhatOpensConnectionBySynchronizing,
        FlagFin => W::WhatSaysSenderHasNo,
        Window => W::WhatHowManyBytesStarting,
        Checksum => W::WhatOneComplementSumOver,
        Urgent => W::WhatWhenUrgSetOffset,
        Option { kind, .. } => option_what(kind),
        Padding => W::WhatZeroBytesAfterOptions,
        Payload => W::WhatApplicationBytesCarriedBy,
    };
    text(lang, w)
}

fn option_what(kind: u8) -> W {
    match kind {
        0 => W::WhatMarksEndOptionsRest,
        1 => W::WhatOneByteFillerThat,
        2 => W::WhatInSynLargestAmount,
        3 => W::WhatInSynOffersShift,
        4 => W::WhatInSynSaysSender,
        5 => W::WhatListsBlocksDataReceived,
        8 => W::WhatSenderTimestampClockAnd,
        _ => W::WhatOptionToolDoesNot,
    }
}

/// The RFC section that defines the field.
pub fn field_rfc(key: FieldKey) -> &'static str {
    use FieldKey::*;
    match key {
        FlagCwr | FlagEce => "RFC 3168 §6.1",
        Option { kind, .. } => match kind {
            0 | 1 => "RFC 9293 §3.2",
            2 => "RFC 9293 §3.7.1",
            3 => "RFC 7323 §2",
            4 => "RFC 2018 §2",
            5 => "RFC 2018 §3",
            8 => "RFC 7323 §3",
            19 => "RFC 2385",
            29 => "RFC 5925",
            30 => "RFC 8684",
            34 => "RFC 7413",
            253 | 254 => "RFC 6994",
            _ => "RFC 9293 §3.2",
        },
        _ => "RFC 9293 §3.1",
    }
}
