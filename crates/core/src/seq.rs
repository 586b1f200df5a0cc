//! Sequence-number arithmetic, RFC 9293 §3.4.
//!
//! Sequence numbers live in a 2^32 circle, so "less than" is only meaningful for numbers less
//! than 2^31 apart. These are named functions on purpose: modular order is not a total order,
//! and a `PartialOrd` impl would invite sorting and `max`, which are wrong here.

/// `a < b` in sequence space (RFC 9293 §3.4: "the symbol =< means less than or equal (modulo 2**32)").
#[inline]
pub const fn seq_lt(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) < 0
}

/// `a <= b` in sequence space.
#[inline]
pub const fn seq_le(a: u32, b: u32) -> bool {
    (a.wrapping_sub(b) as i32) <= 0
}

/// `a > b` in sequence space.
#[inline]
pub const fn seq_gt(a: u32, b: u32) -> bool {
    seq_lt(b, a)
}

/// `a >= b` in sequence space.
#[inline]
pub const fn seq_ge(a: u32, b: u32) -> bool {
    seq_le(b, a)
}

/// `start <= seq < start + len`, modulo 2^32 (the window test of RFC 9293 §3.4).
#[inline]
pub const fn in_window(seq: u32, start: u32, len: u32) -> bool {
    seq.wrapping_sub(start) < len
}

/// The segment acceptability test of RFC 9293 §3.10.7.4 ("first, check sequence number"),
/// the four cases of segment length and receive window:
///
/// | SEG.LEN | RCV.WND | test |
/// |---|---|---|
/// | 0 | 0 | SEG.SEQ = RCV.NXT |
/// | 0 | >0 | RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND |
/// | >0 | 0 | not acceptable |
/// | >0 | >0 | either the first or the last octet of the segment is in the window |
pub const fn segment_acceptable(seg_seq: u32, seg_len: u32, rcv_nxt: u32, rcv_wnd: u32) -> bool {
    match (seg_len, rcv_wnd) {
        (0, 0) => seg_seq == rcv_nxt,
        (0, _) => in_window(seg_seq, rcv_nxt, rcv_wnd),
        (_, 0) => false,
        (_, _) => {
            in_window(seg_seq, rcv_nxt, rcv_wnd)
                || in_window(seg_seq.wrapping_add(seg_len - 1), rcv_nxt, rcv_wnd)
        }
    }
}

/// An acceptable ACK, RFC 9293 §3.4: `SND.UNA < SEG.ACK =< SND.NXT`.
#[inline]
pub const fn ack_acceptable(snd_una: u32, seg_ack: u32, snd_nxt: u32) -> bool {
    seq_lt(snd_una, seg_ack) && seq_le(seg_ack, snd_nxt)
}
