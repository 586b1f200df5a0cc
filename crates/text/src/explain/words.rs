//! Every text of the header inspector, as one table keyed by [`W`] (section `core` of a
//! language's file). Templates hold `{name}` or `{name:spec}` placeholders (`{c:04x}`), filled
//! at run time by [`crate::pack::fill`] with the same formatting as `format!`. A sentence
//! joined to another starts with a space in English; languages that join without spaces
//! (Chinese) leave it out.

use crate::{texts, Lang};

/// The text of `w` in `lang`.
pub fn text(lang: Lang, w: W) -> &'static str {
    lang.text(w)
}

texts! {
    /// A text of the inspector. See the module documentation.
    pub enum W in "core" {
        DataOffsetShown => "{d} ({len} bytes)",
        AllZeroAsThey => "All zero, as they must be.",
        NotZeroSenderBroke => "Not zero ({bits:04b}): the sender broke the rule or uses an experimental extension (the last bit was the NS bit of RFC 3540, now Historic); a receiver ignores them.",
        SentFromPortReplies => "Sent from port {p}; replies come back to this port.",
        LiesInLinuxDefault => " It lies in Linux's default range for ephemeral ports (32768–60999), so the operating system probably picked it for a client.",
        PortsBelow1024Are => " Ports below 1024 are well-known service ports, so the sender is probably a server.",
        AddressedPortAtReceiver => "Addressed to port {p} at the receiver.",
        IfNoProgramListens => " If no program listens on that port, the receiver answers this SYN with a reset.",
        SeqShownRelative => "{seq} (relative {r})",
        SynSetSenderInitial => "SYN is set, so {seq} is the sender's initial sequence number (ISS); the SYN itself occupies it, so the first data byte will be number {first}.",
        SynAlsoCarriesBytes => " This SYN also carries {n} bytes of data, numbered from {first}.",
        ZeroAsRfc9293 => "Zero, as RFC 9293 §3.10.7.1 prescribes for a reset that answers a segment without ACK (most likely a SYN): the peer checks the acknowledgment number instead. A reset occupies no sequence number.",
        ResetOccupiesNoSequence => "A reset occupies no sequence number; in an established connection the receiver acts on it only if {seq} is exactly the next number it expects, and answers one that is merely in its window with a challenge ACK (RFC 5961 §3).",
        NoDataFinOccupies => "No data; the FIN occupies number {seq}, so the sender's next number would be {next}.",
        NoDataSynOr => "No data, SYN or FIN, so this segment occupies no sequence number: {seq} is just the next number the sender will use.",
        AckShownIgnored => "{ack} (ignored)",
        AckShownRelative => "{ack} (relative {r})",
        IgnoredBecauseAckFlag => "Ignored, because the ACK flag is not set: this SYN is the connection's first segment, so there is nothing to acknowledge yet.",
        IgnoredBecauseAckFlag2 => "Ignored, because the ACK flag is not set.",
        ResetAcknowledgesEverythingBelow => "This reset acknowledges everything below {ack}, which ties it to the segment it answers: a peer in SYN-SENT accepts it only if {ack} is that peer's ISS + 1, that is if it acknowledges the peer's own SYN (RFC 9293 §3.10.7.3).",
        SenderHasReceivedEvery => "The sender has received every byte numbered below {ack} and expects byte {ack} next.",
        WithSynAcknowledgesPeer => " With SYN, it acknowledges the peer's SYN, which occupied {syn_at}.",
        DataOffsetNoOptions => "{d} words × 4 = {len} bytes: just the fixed header, no options; the data starts at offset {len}.",
        DataOffsetOptions => "{d} words × 4 = {len} bytes of header: the fixed 20 bytes plus {options} bytes of options; the data starts at offset {len}.",
        SetWithEceIn => "Set with ECE in a SYN: together they ask to use ECN on this connection (RFC 3168 §6.1.1).",
        SetSenderHasReduced => "Set: the sender has reduced its congestion window in answer to an ECN-Echo.",
        NotSetSynDoes => "Not set: this SYN does not ask for ECN (that takes both ECE and CWR).",
        NotSetNoCongestion => "Not set: no congestion-window reduction to report.",
        SetInSynWith => "Set in a SYN: with CWR, it asks to use ECN (RFC 3168 §6.1.1).",
        SetWithCwrIn => "Set with CWR in a SYN-ACK, which RFC 3168 §6.1.1 does not count as agreeing to ECN.",
        SetInSynAck => "Set in a SYN-ACK without CWR: the sender agrees to use ECN.",
        SetPacketFromPeer => "Set: a packet from the peer arrived marked Congestion Experienced, so the peer should slow down.",
        NotSetSynDoes2 => "Not set: this SYN does not ask for ECN.",
        NotSetSenderDoes => "Not set: the sender does not use ECN on this connection.",
        NotSetNoCongestion2 => "Not set: no congestion to report.",
        SetUrgentPointerIn => "Set: the urgent pointer ({u}) is in force: urgent data ends just before sequence number {end}.",
        NotSetUrgentPointer => "Not set: the Urgent Pointer field is ignored.",
        SetAcknowledgmentNumberValid => "Set: the acknowledgment number ({ack}) is valid. The flag says whether that field counts; the number says how far the data has arrived.",
        NotSetSynOpens => "Not set: this SYN opens the connection and has nothing to acknowledge, so the acknowledgment number is ignored.",
        NotSetResetWithout => "Not set: a reset without ACK answers a segment that carried an ACK, and takes its sequence number from that acknowledgment (RFC 9293 §3.10.7.1).",
        NotSetAcknowledgmentNumber => "Not set: the acknowledgment number is ignored.",
        SetReceiverShouldDeliver => "Set: the receiver should deliver these {n} bytes to the application now.",
        SetAlthoughThereNo => "Set, although there is no data to push.",
        NotSetReceiverMay => "Not set: the receiver may wait for more data before delivering it (Linux delivers at once anyway).",
        NotSetThereNo => "Not set: there is no data in this segment.",
        SetSenderAbortsConnection => "Set: the sender aborts the connection; if the sequence number is acceptable, the receiver drops the connection at once and tells its application \"connection reset\" (or \"connection refused\" while it is connecting).",
        NotSetNotReset => "Not set: this is not a reset.",
        SetWithAckSecond => "Set with ACK: the second step of the three-way handshake, answering the peer's SYN; this SYN occupies sequence number {seq}.",
        SetWithoutAckFirst => "Set without ACK: the first step of the three-way handshake; the SYN occupies sequence number {seq}.",
        NotSetSegmentDoes => "Not set: this segment does not open a connection.",
        SetSenderHasNo => "Set: the sender has no more data to send; the FIN occupies sequence number {at}, and the peer will acknowledge it with {acked}.",
        NotSetSenderHas => "Not set: the sender has not closed its direction of the connection.",
        ResetWindowNotUsed => "A reset's window is not used.",
        InSynWindowNever => "In a SYN the window is never scaled (RFC 7323 §2.2): the sender can accept {w} bytes for now.",
        ItsWindowScaleOption => " Its Window Scale option asks that later windows be multiplied by 2^{ws}.",
        ZeroWindowSenderReceive => "Zero window: the sender's receive buffer is full, so the peer must stop sending new data and probe until the window opens (RFC 9293 §3.8.6.1).",
        NotScaledWindowScaling => "Not scaled (window scaling was not agreed): the sender can accept {w} more bytes, starting at the acknowledgment number.",
        RawScaledByAgreed => "Raw {w}, scaled by the agreed shift {s}: {w} × 2^{s} = {bytes} bytes that the sender can accept, starting at the acknowledgment number.",
        RawMultipliedByScale => "Raw {w}; multiplied by 2^scale if window scaling was agreed in the handshake (RFC 7323), it is how many bytes the sender can still accept, starting at the acknowledgment number.",
        ChecksumShownVerified => "0x{c:04x} (verified)",
        VerifiedOverPseudoHeader => "Verified over the pseudo-header, the header and the data: the segment arrived intact.",
        ChecksumShownWrong => "0x{c:04x} (wrong; expected 0x{e:04x})",
        DoesNotVerifySender => "Does not verify (the sender should have written 0x{e:04x}): a receiver silently drops this segment.",
        NotCheckedHereChecking => "Not checked here: checking needs the IP addresses of the pseudo-header.",
        IgnoredBecauseUrgNot => "Ignored, because URG is not set.",
        UrgentDataEndsJust => "Urgent data ends just before sequence number {end} ({u} bytes past this segment's sequence number); RFC 6093 advises new applications not to use urgent data.",
        ZeroBytesBringHeader => "{n} zero bytes bring the header to {header} bytes, a multiple of 4.",
        BytesAfterEolThat => "{n} bytes after EOL that should be zero; a receiver ignores them.",
        PayloadRelativeOne => " Relative: {a}.",
        PayloadRelativeRange => " Relative: {a} to {b}.",
        EndOptionListNo => "End of Option List: no option follows; the rest of the header is padding.",
        NoOperationOneByte => "No-Operation: a one-byte filler that aligns the next option.",
        MaximumSegmentSizeSender => "Maximum Segment Size {v}: the sender can receive segments carrying up to {v} bytes of data.",
        Mss1460Ethernet => " 1460 is Ethernet's 1500-byte MTU minus 20 bytes of IPv4 header and 20 of TCP header.",
        WindowScaleIfBoth => "Window Scale {s}: if both SYNs carry this option, this sender's later windows are multiplied by 2^{e} = {m}.",
        ShiftAbove14Treated => " A shift above 14 is treated as 14 (RFC 7323 §2.3).",
        SackPermittedSenderCan => "SACK Permitted: the sender can receive selective acknowledgments (SACK blocks) on this connection.",
        SelectiveAcknowledgmentBesidesEvery => "Selective acknowledgment: besides every byte below the acknowledgment number, the sender also holds bytes {list}.",
        TimestampsTsvalSenderTimestamp => "Timestamps: TSval {tsval} is the sender's timestamp clock now; TSecr {tsecr} echoes the latest TSval received from the peer, which lets the peer measure the round-trip time.",
        OptionKindWithBytes => "Option kind {kind} ({name}) with {n} bytes of data, which this tool does not interpret; a receiver that does not know it skips it by its length.",
        OnlyAllowedInSyn => " It is only allowed in a SYN, so a receiver ignores it here.",
        InSynAckAlso => " In a SYN-ACK it also means the peer's SYN offered scaling, so windows are now scaled in both directions.",
        TimestampsTsvalSenderTimestamp2 => "Timestamps: TSval {tsval} is the sender's timestamp clock now. TSecr ({tsecr}) is not valid, because the ACK flag is not set: there is nothing from the peer to echo yet (RFC 7323 §3.2).",
        SackRelative => " Relative: {list}.",
        HereHelpsAlignOption => " Here it helps align the {name} option that follows.",
        HereFillsHeaderUp => " Here it fills the header up to a 4-byte boundary.",
        HereWithNextNop => " Here it pads together with the No-Operation after it.",
        NameSourcePort => "Source Port",
        NameDestinationPort => "Destination Port",
        NameSequenceNumber => "Sequence Number",
        NameAcknowledgmentNumber => "Acknowledgment Number",
        NameDataOffset => "Data Offset",
        NameReserved => "Reserved",
        NameCwrCongestionWindowReduced => "CWR (Congestion Window Reduced)",
        NameEceEcnEcho => "ECE (ECN-Echo)",
        NameUrgUrgent => "URG (Urgent)",
        NameAckAcknowledgment => "ACK (Acknowledgment)",
        NamePshPush => "PSH (Push)",
        NameRstReset => "RST (Reset)",
        NameSynSynchronize => "SYN (Synchronize)",
        NameFinFinish => "FIN (Finish)",
        NameWindow => "Window",
        NameChecksum => "Checksum",
        NameUrgentPointer => "Urgent Pointer",
        NamePadding => "Padding",
        NameData => "Data",
        NameEndOptionListEol => "End of Option List (EOL)",
        NameNoOperationNop => "No-Operation (NOP)",
        NameMaximumSegmentSizeMss => "Maximum Segment Size (MSS)",
        NameWindowScaleWs => "Window Scale (WS)",
        NameSackPermitted => "SACK Permitted",
        NameSackSelectiveAcknowledgment => "SACK (Selective Acknowledgment)",
        NameTimestampsTs => "Timestamps (TS)",
        NameTcpMd5Signature => "TCP MD5 Signature",
        NameTcpAuthenticationOption => "TCP Authentication Option",
        NameMultipathTcp => "Multipath TCP",
        NameTcpFastOpenCookie => "TCP Fast Open Cookie",
        NameExperimentalOption => "Experimental option",
        NameUnknownOption => "Unknown option",
        WhatPortSendingApplicationWith => "The port of the sending application; with the IP addresses and the destination port it identifies the connection.",
        WhatPortReceivingApplicationFor => "The port of the receiving application, for example the port a server listens on.",
        WhatNumberFirstDataByte => "The number of the first data byte in this segment; in a SYN, the initial sequence number (ISN).",
        WhatWhenAckFlagSet => "When the ACK flag is set, the next sequence number the sender expects to receive: every byte before it has arrived.",
        WhatLengthTcpHeaderIn => "The length of the TCP header in 32-bit words, which says where the data begins.",
        WhatBitsReservedForFuture => "Bits reserved for future use: a sender must set them to zero and a receiver must ignore them.",
        WhatSetBySenderSay => "Set by a sender to say it has reduced its congestion window after an ECN-Echo (ECN, RFC 3168).",
        WhatInSynAsksUse => "In a SYN, asks to use ECN; later, tells the peer that the network marked a packet as congested (RFC 3168).",
        WhatSaysThatUrgentPointer => "Says that the Urgent Pointer field is significant.",
        WhatSaysThatAcknowledgmentNumber => "Says that the Acknowledgment Number field is significant; every segment after the first SYN carries it.",
        WhatAsksReceiverHandData => "Asks the receiver to hand the data to the application promptly rather than wait for more.",
        WhatAbortsConnectionAtOnce => "Aborts the connection at once, for example when a segment arrives for a connection that does not exist.",
        WhatOpensConnectionBySynchronizing => "Opens a connection by synchronizing sequence numbers; the SYN itself occupies one sequence number.",
        WhatSaysSenderHasNo => "Says the sender has no more data to send; the FIN itself occupies one sequence number.",
        WhatHowManyBytesStarting => "How many bytes, starting at the acknowledgment number, the sender of this segment is willing to receive.",
        WhatOneComplementSumOver => "A one's complement sum over a pseudo-header (IP addresses, protocol, length), the TCP header and the data, to detect corruption.",
        WhatWhenUrgSetOffset => "When URG is set, an offset from this segment's sequence number to the byte just after the urgent data.",
        WhatZeroBytesAfterOptions => "Zero bytes after the options, so that the header ends on a 32-bit boundary.",
        WhatApplicationBytesCarriedBy => "The application's bytes carried by this segment.",
        WhatMarksEndOptionsRest => "Marks the end of the options; the rest of the header is padding.",
        WhatOneByteFillerThat => "A one-byte filler that lines the next option up on a convenient boundary.",
        WhatInSynLargestAmount => "In a SYN, the largest amount of data the sender can receive in one segment.",
        WhatInSynOffersShift => "In a SYN, offers a shift count so that later 16-bit windows can describe more than 64 KiB.",
        WhatInSynSaysSender => "In a SYN, says the sender can receive selective acknowledgments.",
        WhatListsBlocksDataReceived => "Lists blocks of data received beyond the acknowledgment number, so that only the gaps are resent.",
        WhatSenderTimestampClockAnd => "The sender's timestamp clock and an echo of the peer's, used to measure round-trip time and to reject old duplicates (PAWS).",
        WhatOptionToolDoesNot => "An option this tool does not interpret; its length byte lets any receiver skip it.",
        FlagShownSet => "1 (set)",
        FlagShownNotSet => "0 (not set)",
        RelativeZero => " Relative: {what} 0 (the {base} itself).",
        RelativeN => " Relative: {what} {r} ({base} + {r}).",
        RelativeNegative => " Relative: {what} {r} ({base} − {m}): below the {base}, so it belongs to an earlier connection between the same ports (an old duplicate).",
        SeqOneByte => "The one data byte is number {seq}; the sender's next new byte will be {next}.",
        SeqOneByteFin => "The one data byte is number {seq}, and the FIN after it occupies {fin_at}; the sender's next number would be {next}.",
        SeqBytes => "The {n} data bytes are numbered {seq} to {last}; the sender's next new byte will be {next}.",
        SeqBytesFin => "The {n} data bytes are numbered {seq} to {last}, and the FIN after them occupies {fin_at}; the sender's next number would be {next}.",
        PayloadOneByte => "1 byte of application data, sequence number {first}; the receiver acknowledges it with {acked}.",
        PayloadOneByteFin => "1 byte of application data, sequence number {first}; the receiver acknowledges it and the FIN with {acked}.",
        PayloadBytes => "{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them with {acked}.",
        PayloadBytesFin => "{n} bytes of application data, sequence numbers {first} to {last}; the receiver acknowledges them and the FIN with {acked}.",
        SackSeparator => ", ",
        WindowShownScaled => "{w} (× {m} = {bytes})",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::placeholders;
    use crate::Texts;

    /// `pack::fill` knows `{name}` and `{name:0Nx}` / `{name:0Nb}` only, and no `{{` escapes:
    /// a template using anything else would print differently from `format!`.
    #[test]
    fn every_placeholder_is_one_fill_formats() {
        let known = |spec: &str| {
            spec.is_empty()
                || spec.strip_prefix('0').is_some_and(|d| {
                    d.len() >= 2
                        && (d.ends_with('x') || d.ends_with('b'))
                        && d.get(..d.len() - 1)
                            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                })
        };
        for &w in W::ALL {
            let t = w.en();
            assert!(!t.is_empty(), "{w:?}");
            assert!(!t.contains("{{") && !t.contains("}}"), "{w:?}: {t}");
            let mut rest = t;
            while let Some((_, after)) = rest.split_once('{') {
                let (h, tail) = after.split_once('}').unwrap_or((after, ""));
                let (name, spec) = h.split_once(':').unwrap_or((h, ""));
                assert!(!name.is_empty() && known(spec), "{w:?}: {{{h}}}");
                rest = tail;
            }
            assert!(placeholders(t).iter().all(|p| !p.is_empty()));
        }
    }
}
