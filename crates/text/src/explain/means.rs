//! What each field of the fixed header means in one segment: its value for display and a
//! sentence computed from it and from the other fields.

use super::words::{text, W};
use super::{FieldKey, Lang, View};
use alloc::string::String;
use synack_core::wire::Flags;

/// (raw value, display value, what it means here) for a field of the fixed header.
pub(super) fn fixed(key: FieldKey, v: &View) -> (u32, String, String) {
    let seg = v.seg;
    let lang = v.lang();
    match key {
        FieldKey::SrcPort => (u32::from(seg.src_port), num(seg.src_port), src_port(v)),
        FieldKey::DstPort => (u32::from(seg.dst_port), num(seg.dst_port), dst_port(v)),
        FieldKey::Seq => (seg.seq, seq_display(v), seq(v)),
        FieldKey::Ack => (seg.ack, ack_display(v), ack(v)),
        FieldKey::DataOffset => {
            let d = v.parsed.data_offset;
            let len = usize::from(d) * 4;
            let display = say!(lang, DataOffsetShown, d, len);
            (u32::from(d), display, data_offset(d, lang))
        }
        FieldKey::Reserved => {
            let bits = v.parsed.reserved;
            let means = if bits == 0 {
                say!(lang, AllZeroAsThey)
            } else {
                say!(lang, NotZeroSenderBroke, bits)
            };
            (u32::from(bits), alloc::format!("{bits:04b}"), means)
        }
        FieldKey::Window => window(v),
        FieldKey::Checksum => checksum(v),
        FieldKey::Urgent => (u32::from(seg.urgent), num(seg.urgent), urgent(v)),
        _ => match key.flag() {
            Some(flag) => {
                let set = v.has(flag);
                let display = text(
                    lang,
                    if set {
                        W::FlagShownSet
                    } else {
                        W::FlagShownNotSet
                    },
                );
                (u32::from(set), String::from(display), flag_means(flag, v))
            }
            // Options, padding and payload are not fixed fields; `fields` never asks.
            None => (0, String::new(), String::new()),
        },
    }
}

fn num(n: u16) -> String {
    alloc::format!("{n}")
}

/// " Relative: seq 1 (ISS + 1)." — English sentences are joined with a space, Chinese ones
/// without.
fn relative(lang: Lang, what: &str, base: &str, r: i32) -> String {
    if r == 0 {
        say!(lang, RelativeZero, what, base)
    } else if r < 0 {
        let m = r.unsigned_abs();
        say!(lang, RelativeNegative, what, base, r, m)
    } else {
        say!(lang, RelativeN, what, base, r)
    }
}

/// The difference from the base read as a signed 32-bit number (RFC 9293 §3.4's modular
/// arithmetic), as the ladder shows it: a stale segment's is negative.
fn rel_seq(v: &View) -> Option<i32> {
    v.ctx.relative.map(|r| v.seg.seq.wrapping_sub(r.iss) as i32)
}

fn rel_ack(v: &View) -> Option<i32> {
    v.ctx.relative.map(|r| v.seg.ack.wrapping_sub(r.irs) as i32)
}

fn src_port(v: &View) -> String {
    let p = v.seg.src_port;
    let mut s = say!(v.lang(), SentFromPortReplies, p);
    // Linux's default net.ipv4.ip_local_port_range is 32768-60999.
    if (32768..=60999).contains(&p) {
        s += text(v.lang(), W::LiesInLinuxDefault);
    } else if p < 1024 {
        s += text(v.lang(), W::PortsBelow1024Are);
    }
    s
}

fn dst_port(v: &View) -> String {
    let p = v.seg.dst_port;
    let mut s = say!(v.lang(), AddressedPortAtReceiver, p);
    if v.has(Flags::SYN) && !v.has(Flags::ACK) {
        // RFC 9293 §3.10.7.1: a segment for a closed port is answered with RST.
        s += text(v.lang(), W::IfNoProgramListens);
    }
    s
}

fn seq_display(v: &View) -> String {
    let seq = v.seg.seq;
    match rel_seq(v) {
        Some(r) => say!(v.lang(), SeqShownRelative, seq, r),
        None => alloc::format!("{seq}"),
    }
}

/// RFC 9293 §3.4: SYN and FIN each occupy one sequence number, data one per byte, RST none.
fn seq(v: &View) -> String {
    let lang = v.lang();
    let seq = v.seg.seq;
    let n = v.seg.payload.len() as u32;
    let mut s = if v.has(Flags::SYN) {
        let first = seq.wrapping_add(1);
        let mut s = say!(lang, SynSetSenderInitial, seq, first);
        if n > 0 {
            s += &say!(lang, SynAlsoCarriesBytes, n, first);
        }
        s
    } else if v.has(Flags::RST) && v.has(Flags::ACK) && seq == 0 {
        // RFC 9293 §3.10.7.1: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> answers a segment
        // without ACK.
        String::from(text(lang, W::ZeroAsRfc9293))
    } else if v.has(Flags::RST) {
        // RFC 5961 §3.2, adopted by RFC 9293 §3.10.7.4.
        say!(lang, ResetOccupiesNoSequence, seq)
    } else if n > 0 {
        let last = seq.wrapping_add(n - 1);
        let next = seq.wrapping_add(v.seg.seg_len());
        let fin_at = seq.wrapping_add(n);
        let fin = v.has(Flags::FIN);
        match (n, fin) {
            (1, false) => say!(lang, SeqOneByte, seq, next),
            (1, true) => say!(lang, SeqOneByteFin, seq, fin_at, next),
            (_, false) => say!(lang, SeqBytes, n, seq, last, next),
            (_, true) => say!(lang, SeqBytesFin, n, seq, last, fin_at, next),
        }
    } else if v.has(Flags::FIN) {
        let next = seq.wrapping_add(1);
        say!(lang, NoDataFinOccupies, seq, next)
    } else {
        say!(lang, NoDataSynOr, seq)
    };
    if let Some(r) = rel_seq(v) {
        s += &relative(lang, "seq", "ISS", r);
    }
    s
}

fn ack_display(v: &View) -> String {
    let ack = v.seg.ack;
    match (v.has(Flags::ACK), rel_ack(v)) {
        (false, _) => say!(v.lang(), AckShownIgnored, ack),
        (true, Some(r)) => say!(v.lang(), AckShownRelative, ack, r),
        (true, None) => alloc::format!("{ack}"),
    }
}

fn ack(v: &View) -> String {
    let lang = v.lang();
    let ack = v.seg.ack;
    if !v.has(Flags::ACK) {
        return if v.has(Flags::SYN) {
            String::from(text(lang, W::IgnoredBecauseAckFlag))
        } else {
            String::from(text(lang, W::IgnoredBecauseAckFlag2))
        };
    }
    let mut s = if v.has(Flags::RST) {
        // RFC 9293 §3.10.7.3: in SYN-SENT a RST counts only with an acceptable ACK.
        say!(lang, ResetAcknowledgesEverythingBelow, ack)
    } else {
        say!(lang, SenderHasReceivedEvery, ack)
    };
    if v.has(Flags::SYN) {
        let syn_at = ack.wrapping_sub(1);
        s += &say!(lang, WithSynAcknowledgesPeer, syn_at);
    }
    if let Some(r) = rel_ack(v) {
        s += &relative(lang, "ack", "IRS", r);
    }
    s
}

fn data_offset(d: u8, lang: Lang) -> String {
    let len = usize::from(d) * 4;
    let options = len.saturating_sub(20);
    if options == 0 {
        say!(lang, DataOffsetNoOptions, d, len)
    } else {
        say!(lang, DataOffsetOptions, d, len, options)
    }
}

fn flag_means(flag: Flags, v: &View) -> String {
    let lang = v.lang();
    let set = v.has(flag);
    let syn = v.has(Flags::SYN);
    let ackf = v.has(Flags::ACK);
    let seq = v.seg.seq;
    let n = v.seg.payload.len() as u32;
    let text = |w: W| String::from(text(lang, w));
    match (flag, set) {
        // RFC 3168 §6.1.1: an ECN-setup SYN has ECE and CWR; an ECN-setup SYN-ACK has ECE only.
        (Flags::CWR, true) if syn && !ackf && v.has(Flags::ECE) => text(W::SetWithEceIn),
        (Flags::CWR, true) => text(W::SetSenderHasReduced),
        (Flags::CWR, false) if syn && !ackf => text(W::NotSetSynDoes),
        (Flags::CWR, false) => text(W::NotSetNoCongestion),
        (Flags::ECE, true) if syn && !ackf => text(W::SetInSynWith),
        (Flags::ECE, true) if syn && v.has(Flags::CWR) => text(W::SetWithCwrIn),
        (Flags::ECE, true) if syn => text(W::SetInSynAck),
        (Flags::ECE, true) => text(W::SetPacketFromPeer),
        (Flags::ECE, false) if syn && !ackf => text(W::NotSetSynDoes2),
        (Flags::ECE, false) if syn => text(W::NotSetSenderDoes),
        (Flags::ECE, false) => text(W::NotSetNoCongestion2),
        (Flags::URG, true) => {
            let u = v.seg.urgent;
            let end = seq.wrapping_add(u32::from(u));
            say!(lang, SetUrgentPointerIn, u, end)
        }
        (Flags::URG, false) => text(W::NotSetUrgentPointer),
        (Flags::ACK, true) => {
            let ack = v.seg.ack;
            say!(lang, SetAcknowledgmentNumberValid, ack)
        }
        (Flags::ACK, false) if syn => text(W::NotSetSynOpens),
        // RFC 9293 §3.10.7.1: the RST for a segment that had ACK is <SEQ=SEG.ACK><CTL=RST>.
        (Flags::ACK, false) if v.has(Flags::RST) => text(W::NotSetResetWithout),
        (Flags::ACK, false) => text(W::NotSetAcknowledgmentNumber),
        (Flags::PSH, true) if n > 0 => say!(lang, SetReceiverShouldDeliver, n),
        (Flags::PSH, true) => text(W::SetAlthoughThereNo),
        (Flags::PSH, false) if n > 0 => text(W::NotSetReceiverMay),
        (Flags::PSH, false) => text(W::NotSetThereNo),
        (Flags::RST, true) => text(W::SetSenderAbortsConnection),
        (Flags::RST, false) => text(W::NotSetNotReset),
        (Flags::SYN, true) if ackf => say!(lang, SetWithAckSecond, seq),
        (Flags::SYN, true) => say!(lang, SetWithoutAckFirst, seq),
        (Flags::SYN, false) => text(W::NotSetSegmentDoes),
        (Flags::FIN, true) => {
            let at = seq.wrapping_add(u32::from(syn)).wrapping_add(n);
            let acked = at.wrapping_add(1);
            say!(lang, SetSenderHasNo, at, acked)
        }
        (Flags::FIN, false) => text(W::NotSetSenderHas),
        _ => String::new(),
    }
}

/// RFC 7323 §2.3: a shift above 14 is used as 14.
const MAX_SHIFT: u8 = 14;

fn window(v: &View) -> (u32, String, String) {
    let lang = v.lang();
    let w = v.seg.window;
    let raw = u32::from(w);
    let shift = v.ctx.window_shift.map(|s| s.min(MAX_SHIFT));
    let scaled = |s: u8| u64::from(w) << s;
    let display = match shift {
        Some(s) if s > 0 && !v.has(Flags::SYN) => {
            let m = 1u32 << s;
            let bytes = scaled(s);
            say!(lang, WindowShownScaled, w, m, bytes)
        }
        _ => alloc::format!("{w}"),
    };
    let means = if v.has(Flags::RST) {
        String::from(text(lang, W::ResetWindowNotUsed))
    } else if v.has(Flags::SYN) {
        let mut s = say!(lang, InSynWindowNever, w);
        if let Some(ws) = v.seg.window_scale() {
            let ws = ws.min(MAX_SHIFT);
            s += &say!(lang, ItsWindowScaleOption, ws);
        }
        s
    } else if w == 0 {
        // RFC 9293 §3.8.6.1: the sender must probe a zero window.
        String::from(text(lang, W::ZeroWindowSenderReceive))
    } else {
        match shift {
            Some(0) => say!(lang, NotScaledWindowScaling, w),
            Some(s) => {
                let bytes = scaled(s);
                say!(lang, RawScaledByAgreed, w, s, bytes)
            }
            None => say!(lang, RawMultipliedByScale, w),
        }
    };
    (raw, display, means)
}

fn checksum(v: &View) -> (u32, String, String) {
    let lang = v.lang();
    let c = v.parsed.checksum;
    let (display, means) = match v.check {
        Some((true, _)) => (
            say!(lang, ChecksumShownVerified, c),
            String::from(text(lang, W::VerifiedOverPseudoHeader)),
        ),
        Some((false, e)) => (
            say!(lang, ChecksumShownWrong, c, e),
            say!(lang, DoesNotVerifySender, e),
        ),
        None => (
            alloc::format!("0x{c:04x}"),
            String::from(text(lang, W::NotCheckedHereChecking)),
        ),
    };
    (u32::from(c), display, means)
}

fn urgent(v: &View) -> String {
    let lang = v.lang();
    if !v.has(Flags::URG) {
        return String::from(text(lang, W::IgnoredBecauseUrgNot));
    }
    let u = v.seg.urgent;
    let end = v.seg.seq.wrapping_add(u32::from(u));
    // RFC 9293 §3.8.5 and RFC 6093: urgent data survives only for old applications.
    say!(lang, UrgentDataEndsJust, end, u)
}

/// (display, means) for the bytes after EOL.
pub(super) fn padding(bytes: &[u8], v: &View) -> (String, String) {
    let lang = v.lang();
    let n = bytes.len();
    let header = usize::from(v.parsed.data_offset) * 4;
    if bytes.iter().all(|b| *b == 0) {
        (
            alloc::format!("{n} × 0x00"),
            say!(lang, ZeroBytesBringHeader, n, header),
        )
    } else {
        (hex(bytes), say!(lang, BytesAfterEolThat, n))
    }
}

/// Bytes as hex, at most 16, then "…".
fn hex(bytes: &[u8]) -> String {
    use core::fmt::Write;
    let mut s = String::with_capacity(3 * 16 + 4);
    for (i, b) in bytes.iter().take(16).enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(s, "{sep}{b:02x}");
    }
    if bytes.len() > 16 {
        s.push_str(" …");
    }
    s
}

/// The payload as quoted text when it is printable ASCII (at most 40 characters), else hex.
fn preview(bytes: &[u8]) -> String {
    let printable = |b: &u8| (0x20..0x7f).contains(b) || matches!(b, b'\r' | b'\n' | b'\t');
    if !bytes.iter().all(printable) {
        return hex(bytes);
    }
    let mut s = String::with_capacity(bytes.len().min(40) + 8);
    s.push('"');
    for b in bytes.iter().take(40) {
        match b {
            b'\r' => s.push_str("\\r"),
            b'\n' => s.push_str("\\n"),
            b'\t' => s.push_str("\\t"),
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            _ => s.push(char::from(*b)),
        }
    }
    s.push('"');
    if bytes.len() > 40 {
        s.push('…');
    }
    s
}

/// (display, means) for the data after the header.
pub(super) fn payload(v: &View) -> (String, String) {
    let lang = v.lang();
    let data = &v.seg.payload;
    let n = data.len() as u32;
    let first = v.seg.seq.wrapping_add(u32::from(v.has(Flags::SYN)));
    let last = first.wrapping_add(n.wrapping_sub(1));
    let fin = v.has(Flags::FIN);
    // The acknowledgment that covers this data (and the FIN after it, if any).
    let acked = last.wrapping_add(1).wrapping_add(u32::from(fin));
    let mut s = match (n, fin) {
        (1, false) => say!(lang, PayloadOneByte, first, acked),
        (1, true) => say!(lang, PayloadOneByteFin, first, acked),
        (_, false) => say!(lang, PayloadBytes, n, first, last, acked),
        (_, true) => say!(lang, PayloadBytesFin, n, first, last, acked),
    };
    if let Some(r) = v.ctx.relative {
        let (a, b) = (first.wrapping_sub(r.iss), last.wrapping_sub(r.iss));
        s += &if a == b {
            say!(lang, PayloadRelativeOne, a)
        } else {
            say!(lang, PayloadRelativeRange, a, b)
        };
    }
    (preview(data), s)
}
