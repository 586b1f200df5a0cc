//! How a segment is written: flags in the RFC's style ("SYN,ACK"), sequence numbers relative
//! or absolute, payload length. Shared by arrows, narration and exports so they agree.

use crate::timeline::Timeline;
use crate::{Lang, SeqMode};
use alloc::format;
use alloc::string::String;
use synack_core::Flags;
use synack_sim::SegmentRecord;

/// The set flags joined by commas, as RFC 9293 writes them: "SYN,ACK", "FIN,PSH,ACK".
pub fn flags_text(flags: Flags) -> String {
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = flags.write_joined(&mut s, ",");
    s
}

/// The arrow's label: "SYN,ACK seq=0 ack=1", "PSH,ACK seq=1 ack=1 len=5". Written into one
/// string (a label per segment of a long trace: one allocation each, not five), its numbers
/// without `core::fmt`.
pub fn segment_label(rec: &SegmentRecord, tl: &Timeline, mode: SeqMode) -> String {
    let s = &rec.segment;
    let mut out = String::with_capacity(48);
    // Writing into a String cannot fail.
    let _ = s.flags.write_joined(&mut out, ",");
    out.push_str(" seq=");
    push_i64(&mut out, tl.show_seq(rec.from, s.seq, mode));
    if s.flags.contains(Flags::ACK) {
        out.push_str(" ack=");
        push_i64(&mut out, tl.show_ack(rec.from, s.ack, mode));
    }
    if !s.payload.is_empty() {
        out.push_str(" len=");
        push_i64(&mut out, i64::try_from(s.payload.len()).unwrap_or(i64::MAX));
    }
    out
}

/// Appends `v` in decimal, as `Display` writes it.
fn push_i64(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    crate::fmt::push_u64(out, v.unsigned_abs());
}

/// The segment in a sentence: "SYN,ACK (seq = 0, ack = 1)", "PSH,ACK (seq = 1, ack = 1,
/// len = 5)"; in Chinese with full-width brackets and commas: "SYN,ACK（seq = 0，ack = 1）".
pub fn segment_summary(rec: &SegmentRecord, tl: &Timeline, mode: SeqMode, lang: Lang) -> String {
    use crate::narrate::{text, Key};
    let (open, comma, close) = (
        text(Key::ParenOpen, lang),
        text(Key::ParenSep, lang),
        text(Key::ParenClose, lang),
    );
    let s = &rec.segment;
    let mut out = format!(
        "{}{open}seq = {}",
        flags_text(s.flags),
        tl.show_seq(rec.from, s.seq, mode)
    );
    if s.flags.contains(Flags::ACK) {
        out.push_str(&format!(
            "{comma}ack = {}",
            tl.show_ack(rec.from, s.ack, mode)
        ));
    }
    if !s.payload.is_empty() {
        out.push_str(&format!("{comma}len = {}", s.payload.len()));
    }
    out.push_str(close);
    out
}

/// Application data, shortened for a sentence: control characters become "·", and more
/// than 24 characters end in "…".
pub fn data_preview(bytes: &[u8]) -> String {
    let mut out = String::new();
    for (n, &b) in bytes.iter().enumerate() {
        if n == 24 {
            out.push('…');
            break;
        }
        out.push(if (0x20..0x7f).contains(&b) {
            b as char
        } else {
            '·'
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for v in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            4_294_967_295,
            -2_147_483_648,
            i64::MAX,
            i64::MIN,
        ] {
            let mut s = alloc::string::String::new();
            super::push_i64(&mut s, v);
            assert_eq!(s, alloc::format!("{v}"));
        }
    }
}
