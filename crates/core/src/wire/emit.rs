//! Emitting a [`Segment`] to bytes (RFC 9293 §3.1), the inverse of `parse` for canonical
//! segments (see [`Segment::is_canonical`]).

use super::checksum::checksum_parts;
use super::{Ipv4Pair, Segment, TcpOption, HEADER_LEN, MAX_HEADER_LEN};
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
        // Each option measured once: this runs for every segment a simulation sends.
        let n = o.wire_len();
        if ended || used + n > MAX_OPTIONS_LEN {
            return false;
        }
        used += n;
        ended = matches!(o, TcpOption::Eol);
        true
    })
}

/// A segment's header as on the wire (fixed part, options, padding; Data Offset × 4
/// octets), its checksum computed over the header and the payload it goes with: what
/// [`Segment::emit`] writes before the payload, without copying the payload.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    bytes: [u8; MAX_HEADER_LEN],
    len: u8,
}

impl Header {
    /// No octets (a header still to be written, or none).
    pub const EMPTY: Header = Header {
        bytes: [0; MAX_HEADER_LEN],
        len: 0,
    };

    /// The header's octets.
    pub fn as_slice(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The checksum of the segment this header begins and `payload` ends, its own Checksum
    /// field read as zero (RFC 9293 §3.1): what [`Segment::emit_header`] writes into that
    /// field.
    pub fn checksum(&self, ips: Ipv4Pair, payload: &[u8]) -> u16 {
        checksum_parts(ips, self.as_slice(), payload)
    }

    /// This header with `sum` in its Checksum field (octets 16–17, RFC 9293 §3.1).
    pub fn with_checksum(mut self, sum: u16) -> Header {
        if let Some(field) = self.bytes.get_mut(16..18) {
            field.copy_from_slice(&sum.to_be_bytes());
        }
        self
    }

    /// Appends `part`; what would not fit in 60 octets is left out (never the case for the
    /// options `written` lets through).
    pub(super) fn put(&mut self, part: &[u8]) {
        let at = usize::from(self.len);
        if let Some(room) = self.bytes.get_mut(at..at + part.len()) {
            room.copy_from_slice(part);
            self.len += part.len() as u8;
        }
    }
}

impl Default for Header {
    fn default() -> Header {
        Header::EMPTY
    }
}

impl core::fmt::Debug for Header {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_slice(), f)
    }
}

/// Where option octets are written: a growing vector, or a header in place.
pub(crate) trait Sink {
    fn put(&mut self, part: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, part: &[u8]) {
        self.extend_from_slice(part);
    }
}

impl Sink for Header {
    fn put(&mut self, part: &[u8]) {
        Header::put(self, part)
    }
}

/// The header's octets with the Checksum field zero.
pub(super) fn header_unsummed(seg: &Segment) -> Header {
    let mut out = Header {
        bytes: [0; MAX_HEADER_LEN],
        len: HEADER_LEN as u8,
    };
    let [s0, s1] = seg.src_port.to_be_bytes();
    let [d0, d1] = seg.dst_port.to_be_bytes();
    let [q0, q1, q2, q3] = seg.seq.to_be_bytes();
    let [a0, a1, a2, a3] = seg.ack.to_be_bytes();
    let [w0, w1] = seg.window.to_be_bytes();
    let [u0, u1] = seg.urgent.to_be_bytes();
    let flags = seg.flags.bits();
    // Data Offset (byte 12) and the checksum (16, 17) are filled in below.
    if let Some(fixed) = out.bytes.first_chunk_mut::<HEADER_LEN>() {
        *fixed = [
            s0, s1, d0, d1, q0, q1, q2, q3, a0, a1, a2, a3, 0, flags, w0, w1, 0, 0, u0, u1,
        ];
    }
    for o in written(&seg.options) {
        o.write(&mut out);
    }
    // Padding after the last option (RFC 9293 §3.1 "Padding"): zero octets to a whole word
    // (the array is zeros past `len`).
    let hlen = (usize::from(out.len) + 3) & !3;
    out.len = hlen.min(MAX_HEADER_LEN) as u8;
    // Data Offset in words; the reserved bits are zero (RFC 9293 §3.1 "must be zero").
    if let Some(b) = out.bytes.get_mut(12) {
        *b = ((hlen / 4) as u8) << 4;
    }
    out
}

pub(super) fn header(seg: &Segment, ips: Ipv4Pair) -> Header {
    let out = header_unsummed(seg);
    let sum = out.checksum(ips, &seg.payload);
    out.with_checksum(sum)
}

pub(super) fn emit(seg: &Segment, ips: Ipv4Pair) -> Vec<u8> {
    // One allocation: the header, then the payload.
    let head = header(seg, ips);
    let mut out = Vec::with_capacity(head.as_slice().len() + seg.payload.len());
    out.extend_from_slice(head.as_slice());
    out.extend_from_slice(&seg.payload);
    out
}
