//! Emitting a [`Segment`] to bytes (RFC 9293 §3.1), the inverse of `parse` for canonical
//! segments (see [`Segment::is_canonical`]).

use super::{checksum_ipv4, Ipv4Pair, Segment, TcpOption, HEADER_LEN, MAX_HEADER_LEN};
use alloc::vec::Vec;

/// Room for options: Data Offset is 4 bits of 32-bit words, so at most 60 − 20 octets.
pub(super) const MAX_OPTIONS_LEN: usize = MAX_HEADER_LEN - HEADER_LEN;

/// Whether `emit` writes this option at all. It leaves out what no receiver could read back
/// as the same option: an empty SACK (RFC 2018 §3 needs at least one block, so the 2-octet
/// form does not parse), and an `Unknown` that claims a kind this module has its own variant
/// for (it would read back as that variant, or not at all).
pub(super) fn writable(opt: &TcpOption) -> bool {
    match opt {
        TcpOption::Sack(blocks) => !blocks.is_empty(),
        TcpOption::Unknown { kind, .. } => !matches!(kind, 0..=5 | 8),
        _ => true,
    }
}

/// The options `emit` writes, in order: skipping what is not
/// [`writable`], stopping after EOL (RFC 9293 §3.2: what follows EOL is padding, so anything
/// written there would be lost), and stopping at the first option that does not fit in 40.
pub(super) fn written(options: &[TcpOption]) -> impl Iterator<Item = &TcpOption> {
    let mut used = 0;
    let mut ended = false;
    options.iter().filter(|o| writable(o)).take_while(move |o| {
        if ended || used + o.wire_len() > MAX_OPTIONS_LEN {
            return false;
        }
        used += o.wire_len();
        ended = matches!(o, TcpOption::Eol);
        true
    })
}

pub(super) fn emit(seg: &Segment, ips: Ipv4Pair) -> Vec<u8> {
    // One allocation, one pass: header, options and payload written in place.
    let mut out = Vec::with_capacity(MAX_HEADER_LEN + seg.payload.len());
    let [s0, s1] = seg.src_port.to_be_bytes();
    let [d0, d1] = seg.dst_port.to_be_bytes();
    let [q0, q1, q2, q3] = seg.seq.to_be_bytes();
    let [a0, a1, a2, a3] = seg.ack.to_be_bytes();
    let [w0, w1] = seg.window.to_be_bytes();
    let [u0, u1] = seg.urgent.to_be_bytes();
    let flags = seg.flags.bits();
    // Data Offset (byte 12) and the checksum (16, 17) are filled in below.
    out.extend_from_slice(&[
        s0, s1, d0, d1, q0, q1, q2, q3, a0, a1, a2, a3, 0, flags, w0, w1, 0, 0, u0, u1,
    ]);
    for o in written(&seg.options) {
        o.write(&mut out);
    }
    // Padding after the last option (RFC 9293 §3.1 "Padding"): zero octets to a whole word.
    let hlen = (out.len() + 3) & !3;
    out.resize(hlen, 0);
    // Data Offset in words; the reserved bits are zero (RFC 9293 §3.1 "must be zero").
    if let Some(b) = out.get_mut(12) {
        *b = ((hlen / 4) as u8) << 4;
    }
    out.extend_from_slice(&seg.payload);
    let sum = checksum_ipv4(ips, &out).to_be_bytes();
    if let Some(field) = out.get_mut(16..18) {
        field.copy_from_slice(&sum);
    }
    out
}
