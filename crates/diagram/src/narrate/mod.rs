//! Every word the crate writes, as one table keyed by [`Key`], declared with
//! [`synack_text::texts!`]: English here, every other language in its file `lang/<code>.txt`
//! (checked against this table by `synack-langpack`'s tests). [`step`] turns a step of a
//! trace into sentences with the numbers filled in.

mod clause;
pub mod step;
pub mod told;

pub use step::{narrate_step, StepText, WhyText};
pub use told::{Brief, Told};

use crate::Lang;
use alloc::string::String;
use synack_text::texts;

texts! {
    /// A translatable string (section `diagram` of a language's file). Templates hold
    /// `{name}` placeholders. English clauses carry no final full stop (`FullStop` adds it);
    /// `{Side}` starts a sentence ("The client"), `{side}` does not ("the client").
    #[derive(serde::Serialize)]
    pub enum Key in "diagram" {
        // --- words ---
        SideClient => "the client",
        SideServer => "the server",
        SideClientCap => "The client",
        SideServerCap => "The server",
        LaneClient => "Client",
        LaneServer => "Server",
        FullStop => ".",
        // What joins two sentences, and a parenthesis: " (", ", ", ")".
        Space => " ",
        ParenOpen => " (",
        ParenSep => ", ",
        ParenClose => ")",
        TagRetx => "retransmission",
        TagRetxN => "retransmission #{n}",
        TagDup => "duplicate of #{n}",
        TimerRetx => "RTO",
        TimerDelAck => "delayed ACK",
        TimerTimeWait => "2MSL",
        TimerFinWait2 => "FIN-WAIT-2",
        TimerPersist => "persist",
        TimerKeepalive => "keep-alive",
        TimerLossProbe => "TLP",
        TimerReorderWait => "RACK",
        LegendRetx => "retransmission",
        LegendLost => "lost",
        LegendTimer => "timer running (RTO, TLP …)",
        LegendDelayedAck => "delayed-ACK timer",
        LegendDeadline => "when a stopped timer would have fired",
        LegendEstimated => "estimated time (≈, dashed): that end was not captured",
        EstArrival => "estimated arrival time",
        EstSent => "estimated send time",
        SvgTitle => "TCP connection: {scenario}",
        SvgDesc => "Ladder diagram of one TCP connection between the client {client} (left) and the server {server} (right); time flows down. {n} segments over {dur}. Each arrow is a segment labelled with its flags and sequence numbers; dashed arrows are retransmissions, an arrow ending in ✕ was lost. Bars along each lane name the state held; bars beside the lanes are timers.",
        // --- application calls ---
        AppListen => "{Side}'s application calls listen(): a passive OPEN",
        AppConnect => "{Side}'s application calls connect(): an active OPEN",
        AppSend => "{Side}'s application writes “{data}” ({n} bytes)",
        AppShutdown => "{Side}'s application calls shutdown(SHUT_WR): it will send no more data, but keeps reading",
        AppClose => "{Side}'s application calls close()",
        AppAbort => "{Side}'s application aborts the connection",
        AppCrash => "{Side}'s host crashes and reboots: it forgets the connection without sending anything",
        AppErrorTail => ", but the call fails: {error}",
        ErrConnectionExists => "connection already exists",
        ErrConnectionDoesNotExist => "connection does not exist",
        ErrConnectionClosing => "connection closing",
        ErrInvalidRemote => "invalid remote endpoint",
        AppSetOption => "{Side}'s application sets {opt}",
        AppRead => "{Side}'s application reads {n} bytes, which frees its receive buffer",
        // --- sending ---
        SendSyn => "{Side} sends SYN with seq = {seq}",
        IsnRelTail => " (relative; its random initial sequence number is {isn})",
        IsnAbsTail => " (its random initial sequence number)",
        SendSynAck => "{Side} sends SYN,ACK with seq = {seq} and ack = {ack}: it acknowledges the peer's SYN and sends its own",
        SendHandshakeAck => "{Side} sends ACK with ack = {ack}, acknowledging the SYN,ACK: the third segment of the three-way handshake",
        SendData => "{Side} sends {flags} with seq = {seq}, ack = {ack}, carrying {len} bytes of data",
        SendAck => "{Side} sends ACK with ack = {ack}: everything before sequence number {ack} has arrived",
        SendDupAck => "{Side} sends a duplicate ACK, ack = {ack}, answering a segment it could not accept",
        SendChallengeAck => "{Side} sends a challenge ACK, ack = {ack}, instead of obeying the suspicious segment",
        SendFin => "{Side} sends {flags} with seq = {seq}, ack = {ack}: FIN says it has no more data to send",
        SendFinMerged => "{Side} sends {flags} with seq = {seq}, ack = {ack}: one segment both acknowledges the peer's FIN and carries its own FIN",
        SendRst => "{Side} sends RST with seq = {seq}: it resets the connection",
        SendRstReply => "{Side} answers with RST, seq = {seq}, ack = {ack}: no connection accepts that segment",
        SendRstReplyNoAck => "{Side} answers with RST, seq = {seq}: no connection accepts that segment",
        SendAbortRst => "{Side} sends RST with seq = {seq}: the connection is aborted",
        SendRetx => "{Side} retransmits {flags} with seq = {seq} (attempt {attempt}) and doubles its retransmission timeout to {rto}",
        SendRetxKeep => "{Side} retransmits {flags} with seq = {seq} (attempt {attempt}) and sets its retransmission timer to {rto}",
        SendRetxNoRto => "{Side} retransmits {flags} with seq = {seq}",
        SendOther => "{Side} sends {flags} with seq = {seq}",
        LenTail => ", carrying {len} bytes of data",
        SendOooAck => "{Side} sends a duplicate ACK, ack = {ack}: the segment arrived out of order, beyond a gap, so it is held and the sender hears the same acknowledgment number again (RFC 5681 §4.2)",
        SendDSack => "{Side} sends an ACK, ack = {ack}, whose first SACK block reports data that arrived twice (a D-SACK, RFC 2883): the sender learns that a retransmission was not needed",
        SendWindowUpdate => "{Side} sends a window update, ack = {ack}: its application read data, and the receive window opened",
        SendFastRetx => "{Side} retransmits seq = {seq} ({len} bytes) at once: duplicate ACKs say it was lost (fast retransmit, RFC 5681 §3.2), without waiting for the timeout",
        SendRackRetx => "{Side} retransmits seq = {seq} ({len} bytes): a segment sent after it has been acknowledged and the reordering window has passed, so RACK takes it as lost (RFC 8985)",
        SendLossProbe => "{Side} sends a tail loss probe, seq = {seq} ({len} bytes): no acknowledgment came for about two round trips, so it probes instead of waiting for the timeout (RFC 8985 §7)",
        SendWindowProbe => "{Side} probes the zero window with seq = {seq}: the peer's window is closed, and this asks it to say when it opens (RFC 9293 §3.8.6.1)",
        SendKeepalive => "{Side} sends a keep-alive probe, seq = {seq}: the connection has been idle, so it checks that the peer is still there (RFC 9293 §3.8.4)",
        // --- arriving, lost ---
        Receive => "{Side} receives {what} from {peer}, {transit} after it was sent",
        RejectTail => ", and rejects it: {reason}",
        Lost => "{What} from {side} is lost in the network and never arrives",
        LostUnseen => "{What} from {side} is in its sender's capture but not in its receiver's: it was lost between the two capture points (where and why, the captures cannot say)",
        LostInferred => "{What} from {side} is taken as lost: {side} sends it again before anything acknowledged it. A capture at one end cannot show the loss itself: it may have been lost, only delayed, or its acknowledgment lost",
        Injected => "An old duplicate {what} of an earlier connection of {side} appears on the wire (the scenario injects it)",
        TagInjected => "old duplicate",
        RejOutOfWindow => "its sequence number is outside the receive window",
        RejRstOutOfWindow => "the RST's sequence number is outside the window",
        RejRstChallenge => "the RST is in the window but not exactly the next expected number, so it may be forged",
        RejSynChallenge => "a SYN in a synchronized state may be forged",
        RejAckOfUnsent => "it acknowledges data never sent",
        RejBadAckInHandshake => "its acknowledgment number does not match the handshake",
        RejNoAck => "it lacks the ACK flag",
        RejClosed => "there is no connection",
        RejNotSyn => "a listening socket accepts only a SYN",
        RejWrongPorts => "it belongs to a different connection",
        RejDuplicateAck => "it is an old duplicate acknowledgment",
        RejAckTooOld => "it acknowledges data far older than anything unacknowledged, so it is answered with a challenge ACK",
        RejDataAfterClose => "it carries new data, but the application has closed and will never read it, so the connection is reset",
        RejBufferFull => "the receive buffer has no room for it, so it is dropped and must be sent again",
        // --- states, timers, outcomes ---
        Enters => "{Side} enters {state}",
        EntersTail => ", and enters {state}",
        ThenTail => ", then {state}",
        FiredRetx => "{Side}'s retransmission timer expires: no acknowledgment came in time",
        FiredDelAck => "{Side}'s delayed-ACK timer expires",
        FiredTimeWait => "{Side}'s TIME-WAIT timer (2×MSL) expires: the connection is forgotten",
        FiredFinWait2 => "{Side}'s FIN-WAIT-2 timer expires: the peer never sent its FIN",
        FiredPersist => "{Side}'s persist timer expires: the peer's window is still zero, so it probes it",
        FiredKeepalive => "{Side}'s keep-alive timer expires: the connection has been idle",
        FiredLossProbe => "{Side}'s tail-loss-probe timer expires: no ACK for the last data within about two round trips",
        FiredReorderWait => "{Side}'s RACK reordering timer expires: segments sent before one that was delivered are now taken as lost",
        DataReceived => "{Side} receives “{data}” ({n} bytes) in order, into its receive buffer",
        Reset => "{Side} accepts the RST: the connection is reset",
        Refused => "{Side}'s connect() fails: connection refused",
        TimedOut => "{Side} gives up: the connection timed out in {state}",
        // --- causes of transitions (state diagram) ---
        CauseListen => "the application called listen() (passive OPEN)",
        CauseConnect => "the application called connect() (active OPEN)",
        CauseClose => "the application called close()",
        CauseAbort => "the application aborted",
        CauseRcvSyn => "a SYN arrived",
        CauseRcvSynAck => "a SYN,ACK acknowledging our SYN arrived",
        CauseRcvAckOfSyn => "the ACK of our SYN arrived",
        CauseSndSynAck => "we sent our SYN,ACK (two-way handshake variant)",
        CauseRcvFin => "the peer's FIN arrived",
        CauseRcvAckOfFin => "the ACK of our FIN arrived",
        CauseRcvFinAckOfFin => "the peer's FIN arrived together with the ACK of our FIN",
        CauseRcvRst => "a RST arrived",
        CauseRcvRstReturnToListen => "a RST arrived, so the listener returns to LISTEN",
        CauseTimeoutRetx => "the retransmission timer expired",
        CauseTimeoutDelAck => "the delayed-ACK timer expired",
        CauseTimeoutTimeWait => "the 2×MSL timer expired",
        CauseTimeoutFinWait2 => "the FIN-WAIT-2 timer expired",
        CauseRetriesExhausted => "retransmissions were exhausted",
        CauseTimeoutPersist => "the persist timer expired",
        CauseTimeoutKeepalive => "the keep-alive timer expired",
        CauseTimeoutLossProbe => "the tail-loss-probe timer expired",
        CauseTimeoutReorderWait => "the RACK reordering timer expired",
        CauseDataAfterClose => "new data arrived after the application had closed, so the connection was reset",
        // --- TCB rows ---
        HintState => "connection state",
        HintIss => "initial send sequence number (ours)",
        HintIrs => "initial receive sequence number (the peer's)",
        HintSndUna => "oldest sequence number sent but not yet acknowledged",
        HintSndNxt => "next sequence number to send",
        HintSndWnd => "how many bytes the peer lets us send",
        HintRcvNxt => "next sequence number expected from the peer",
        HintRcvWnd => "how many bytes we can receive",
        HintRto => "retransmission timeout, backoff included",
        HintSrtt => "smoothed round-trip time",
        NotYet => "not yet",
        // --- whys ---
        WhyRandomIsnTitle => "Why is the initial sequence number random?",
        WhyRandomIsn => "Each side picks its own initial sequence number (ISN). If every connection started at 0, a delayed segment from an earlier connection between the same addresses and ports could fall inside the new connection's window and be taken for new data, and an attacker who can guess the numbers could inject segments or reset the connection. So RFC 9293 §3.4.1 (with RFC 6528) derives the ISN from a clock plus a secret hash of the addresses and ports. Wireshark, like this picture, shows numbers relative to each side's ISN, so the first data byte is 1.",
        WhyThreeWayTitle => "Why three segments, not two?",
        WhyThreeWay => "Each side must learn that the other received its initial sequence number: SYN and SYN,ACK carry the two ISNs, and only this third segment tells the server that its SYN,ACK arrived. The classic reason (RFC 9293 §3.5) is old duplicate SYNs: a SYN from an earlier attempt, delayed in the network, can reach the server long after. With two segments the server would open a connection nobody asked for; with three, the client, which knows it never sent that SYN, answers the SYN,ACK with RST and the half-open connection is dropped.",
        WhyAckFlagTitle => "The ACK flag and the acknowledgment number",
        WhyAckFlag => "The ACK flag is one bit saying that the acknowledgment number field is valid. The acknowledgment number is the next sequence number the sender expects: ack = {ack} means everything before {ack} has arrived (a SYN or a FIN counts as one). After the handshake every segment carries the ACK flag, so “an ACK” usually means a segment with nothing else in it: no data, no SYN, no FIN.",
        WhyFourWayTitle => "Why four segments to close?",
        WhyFourWay => "TCP is full duplex: each direction is closed on its own by a FIN, and each FIN must be acknowledged: FIN, ACK, FIN, ACK. When a FIN arrives, TCP acknowledges it promptly, but its own FIN must wait until its application calls close(), which can be much later; meanwhile the other direction can still carry data (a half-close). When the application closes at once, the ACK rides on the FIN and three segments suffice.",
        WhyMergedTitle => "Three segments to close: FIN and ACK together",
        WhyMerged => "Closing usually takes four segments (FIN, ACK, FIN, ACK), because each direction closes on its own. Here {side} had not yet sent the ACK of the peer's FIN when its application called close(), so the acknowledgment rides on its own FIN and three segments suffice. Four are needed whenever the application closes later than the ACK is due.",
        WhyTimeWaitTitle => "Why does TIME-WAIT last 2×MSL?",
        WhyTimeWait => "The side that closes first waits twice the Maximum Segment Lifetime before forgetting the connection, for two reasons. Its last ACK may be lost: the peer then retransmits its FIN, and only a side that still remembers the connection can acknowledge it again (a forgotten connection would answer RST). And old duplicates of this connection's segments must die out in the network before a new connection with the same addresses and ports could take them for its own. RFC 9293 suggests an MSL of 2 minutes; Linux uses a fixed 60 s TIME-WAIT whatever the round-trip time. Here {side} waits {dur}.",
        WhyCloseWaitTitle => "A pile of CLOSE-WAIT means the application never called close()",
        WhyCloseWait => "{Side} received the peer's FIN and acknowledged it: the kernel has done its part. Leaving CLOSE-WAIT needs the application to call close(), and TCP has no timer for this state, so the connection stays here for as long as the program runs. A server whose `ss` shows hundreds of CLOSE-WAIT connections has a bug: it does not close sockets after reading end-of-file, and they leak. Meanwhile the peer sits in FIN-WAIT-2, which Linux ends after tcp_fin_timeout (60 s).",
        WhyRetxTitle => "Retransmission and exponential backoff",
        WhyRetx => "TCP never learns that a segment was lost: it only notices that no acknowledgment arrived before the retransmission timeout (RTO) expired. It then sends the oldest unacknowledged segment again and doubles the RTO (RFC 6298 §5.5), so that a congested or broken path is not flooded; Linux first retries a SYN a few times at a fixed 1 s (tcp_syn_linear_timeouts) before doubling. After too many attempts it gives up. The RTO comes from measured round-trip times: SRTT + 4 × RTTVAR and at least 1 s in RFC 6298; Linux uses SRTT + max(4 × RTTVAR, 200 ms).",
        WhyRstTitle => "What RST means",
        WhyRst => "RST aborts a connection at once: no FIN exchange, no TIME-WAIT, and data not yet delivered is thrown away. TCP sends it when a segment arrives that no connection expects (a SYN to a port where nobody listens, which the client reports as “connection refused”, or a segment for a connection already forgotten) and when an application aborts. On an open connection a receiver accepts a RST only if its sequence number is exactly the next one expected (RFC 5961 §3.2), otherwise it answers with a challenge ACK; in SYN-SENT a RST counts only if it acknowledges the SYN (RFC 9293 §3.10.7.3).",
        WhyChallengeTitle => "Challenge ACK",
        WhyChallenge => "A RST whose sequence number is in the window but not exactly the expected one, or any SYN on an open connection whatever its number (RFC 5961 §4.2), could come from an attacker guessing numbers. Instead of obeying it, the receiver answers with an ACK carrying its real numbers (RFC 5961). If the peer really meant to reset, it now knows the exact sequence number and sends a RST that will be accepted; a blind attacker never sees the ACK.",
        WhyFastRetxTitle => "Fast retransmit and fast recovery",
        WhyFastRetx => "Waiting for the retransmission timeout after a loss wastes many round trips. But when one segment is lost and later ones arrive, the receiver keeps repeating the same acknowledgment number (duplicate ACKs), and with SACK it says exactly which later blocks it holds. Three duplicate ACKs (RFC 5681 §3.2), or SACK showing three segments beyond a hole (RFC 6675), tell the sender the hole is a loss: it resends it at once and enters fast recovery. The congestion window is cut (Reno halves it, CUBIC keeps 70 %), and Proportional Rate Reduction (RFC 6937) paces what is sent while the holes are repaired, so the flow never stops.",
        WhyRackTitle => "RACK: loss detection by time",
        WhyRack => "Linux judges loss by time rather than by counting duplicate ACKs (RACK, RFC 8985): once a segment sent later has been acknowledged, an earlier one still unacknowledged after a short reordering window is taken as lost. The window is zero while the network has not been seen to reorder and three segments are SACKed, which makes RACK as quick as the three-duplicate-ACK rule; when a D-SACK shows a retransmission was needless (the network reordered), the window widens. RACK also finds a lost retransmission, which duplicate ACKs cannot.",
        WhyTlpTitle => "Tail loss probe",
        WhyTlp => "When the last segments of a transfer are lost, nothing arrives after them to cause duplicate ACKs, and only the retransmission timeout would help. So Linux sends a probe after about two round trips without an acknowledgment (the PTO: 2 × SRTT, plus 200 ms when a single segment is out, to leave room for a delayed ACK): new data if there is any, otherwise the last segment again (RFC 8985 §7). The receiver's answer (a SACK or a D-SACK) shows whether something was lost, and fast recovery repairs it — an RTO's collapse of the congestion window to one segment is avoided.",
        WhyDSackTitle => "D-SACK: data that arrived twice",
        WhyDSack => "A receiver that gets data it already has reports it in the first SACK block of its ACK, a duplicate SACK (RFC 2883). The sender learns that its retransmission was not needed — the original was only delayed, or the ACK was lost — and Linux then undoes the congestion-window cut and widens RACK's reordering window.",
        WhyZeroWindowTitle => "Flow control: the zero window and the persist timer",
        WhyZeroWindow => "Every segment advertises how many more bytes its sender can buffer (the window). When the receiving application does not read, its buffer fills and the window falls to zero: the sender must stop. The window update that reopens it could be lost, so the sender keeps asking with its persist timer: window probes, backed off like the RTO (RFC 9293 §3.8.6.1). Linux's probe is a bare ACK with SEQ = SND.UNA − 1, an old number that the receiver must answer with its current window. When the application reads, the receiver sends a window update by itself.",
        WhyNegativeSeqTitle => "A negative sequence number?",
        WhyNegativeSeq => "The ladder counts each side's numbers from its connection's first SYN: its ISS is 0. A number below that shows as negative (seq=-10): it belongs to no byte of this connection, but to an earlier one between the same ports — an old duplicate the network delivered late (RFC 9293 §3.4, Figure 8). On the wire it is an ordinary 32-bit number; tick \"Absolute sequence numbers\" to see it.",
        WhyKeepaliveTitle => "Keep-alive",
        WhyKeepalive => "An idle TCP connection sends nothing, so a peer that crashed or a path that broke goes unnoticed. With keep-alive on, after an idle time the side sends a probe, a bare ACK with SEQ = SND.NXT − 1 that the peer must answer (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6). Unanswered probes are repeated at an interval; after a number of them the connection is declared dead: Linux sends a RST and the application's next call fails with ETIMEDOUT. Linux's defaults are 2 hours, 75 s and 9 probes.",
        // --- the state diagram: its title, and its edge words in RFC 9293 Figure 5's English ---
        GraphTitle => "TCP connection states (RFC 9293, Figure 5)",
        EdgeActiveOpen => "active OPEN",
        EdgePassiveOpen => "passive OPEN",
        EdgeCreateTcb => "create TCB",
        EdgeDeleteTcb => "delete TCB",
        EdgeClose => "CLOSE",
        EdgeSend => "SEND",
        EdgeSndSyn => "snd SYN",
        EdgeSndSynAck => "snd SYN,ACK",
        EdgeSndAck => "snd ACK",
        EdgeSndFin => "snd FIN",
        EdgeRcvSyn => "rcv SYN",
        EdgeRcvSynAck => "rcv SYN,ACK",
        EdgeRcvAckOfSyn => "rcv ACK of SYN",
        EdgeRcvFin => "rcv FIN",
        EdgeRcvFinAck => "rcv FIN,ACK",
        EdgeRcvAckOfFin => "rcv ACK of FIN",
        EdgeRcvRst => "rcv RST (note 1)",
        EdgeTimeout => "Timeout=2MSL",
        EdgeNothing => "x (nothing sent)",
    }
}

/// The template of `key` in `lang`.
pub fn text(key: Key, lang: Lang) -> &'static str {
    lang.text(key)
}

/// `key`'s template with its `{name}` placeholders filled from `args`. A placeholder with
/// no argument stays as written (the tests make sure that never happens).
pub fn render(key: Key, lang: Lang, args: &[(&str, &str)]) -> String {
    fill(text(key, lang), args)
}

/// Fill `{name}` placeholders of `template`: synack's one formatter.
pub use synack_text::pack::fill_str as fill;

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

/// Why a segment was rejected, in words (the tail of its arrival's sentence).
pub fn reject_text(reason: synack_core::RejectReason, lang: Lang) -> &'static str {
    text(step::reject_key(reason), lang)
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
            Cause::Timeout(TimerKind::Persist) => Key::CauseTimeoutPersist,
            Cause::Timeout(TimerKind::Keepalive) => Key::CauseTimeoutKeepalive,
            Cause::Timeout(TimerKind::LossProbe) => Key::CauseTimeoutLossProbe,
            Cause::Timeout(TimerKind::ReorderWait) => Key::CauseTimeoutReorderWait,
            Cause::RetriesExhausted => Key::CauseRetriesExhausted,
            Cause::DataAfterClose => Key::CauseDataAfterClose,
        },
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(fill("a {x} b {y}", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(fill("{x}{z}", &[("x", "1")]), "1{z}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(placeholders("{a} and {B}"), ["a", "B"]);
    }
}
