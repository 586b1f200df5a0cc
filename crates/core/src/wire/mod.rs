//! The TCP header on the wire (RFC 9293 §3.1): a meaningful representation ([`Segment`]),
//! parsing from bytes and emitting to bytes. (The inspector's per-field sentences are in
//! `synack-text`.)
//!
//! Parsing never panics, whatever the bytes: malformed input is a [`ParseError`] that says
//! what is wrong and at which byte.

mod bytes;
mod checksum;
mod emit;
mod flags;
mod options;
mod parse;

pub use bytes::{Bytes, Gather};
pub use checksum::{checksum_expected, checksum_ipv4, Ipv4Pair};
pub use emit::Header;
pub use flags::Flags;
pub use options::TcpOption;
pub use parse::{ParseError, ParseErrorKind, Parsed};

use alloc::vec::Vec;

/// Length of the fixed TCP header, without options (RFC 9293 §3.1: Data Offset ≥ 5 words).
pub const HEADER_LEN: usize = 20;
/// Largest header: Data Offset is 4 bits of 32-bit words.
pub const MAX_HEADER_LEN: usize = 60;

/// One TCP segment as meaning, not bytes: every header field except the two that follow from
/// the others (Data Offset, from the options' length, and Checksum, from everything plus the
/// IPv4 pseudo-header), which [`Parsed`] reports as they were on the wire.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Segment {
    pub src_port: u16,
    pub dst_port: u16,
    /// SEG.SEQ
    pub seq: u32,
    /// SEG.ACK (meaningful only with the ACK flag, but carried as on the wire)
    pub ack: u32,
    pub flags: Flags,
    /// The raw 16-bit Window field (before window scaling).
    pub window: u16,
    pub urgent: u16,
    /// Options in wire order, NOP and EOL included, so emitting reproduces the bytes.
    pub options: Vec<TcpOption>,
    /// The text (RFC 9293 §3.1 "data"): a handle to octets shared with the sender's queue
    /// and every other copy of this segment ([`Bytes`]).
    pub payload: Bytes,
}

impl Segment {
    /// SEG.LEN: payload octets plus one for SYN and one for FIN (RFC 9293 §3.4).
    pub fn seg_len(&self) -> u32 {
        let mut n = self.payload.len() as u32;
        if self.flags.contains(Flags::SYN) {
            n = n.wrapping_add(1);
        }
        if self.flags.contains(Flags::FIN) {
            n = n.wrapping_add(1);
        }
        n
    }

    /// The options' length as [`Segment::emit`] writes them, padded to a multiple of four
    /// octets (at most 40).
    pub fn options_len(&self) -> usize {
        let raw: usize = emit::written(&self.options).map(TcpOption::wire_len).sum();
        (raw + 3) & !3
    }

    /// Whether emitting and parsing give this segment back unchanged:
    /// `Segment::parse(&s.emit(ips), _)?.segment == s` exactly when this holds. Canonical means:
    /// - the options fit in 40 octets (Data Offset is 4 bits of words);
    /// - they fill a multiple of 4 octets, or end with one EOL — emit pads with zero octets,
    ///   and a zero octet reads back as EOL (RFC 9293 §3.2: kind 0 is End of Option List);
    /// - EOL, if present, is the last option (whatever follows EOL is padding);
    /// - no empty SACK, and no `Unknown` carrying a kind that has its own variant
    ///   (emit leaves those out, see `emit::writable`).
    ///
    /// Every segment that [`Segment::parse`] returns is canonical.
    pub fn is_canonical(&self) -> bool {
        let mut len = 0;
        for (i, o) in self.options.iter().enumerate() {
            let last = i + 1 == self.options.len();
            if !emit::writable(o) || (matches!(o, TcpOption::Eol) && !last) {
                return false;
            }
            len += o.wire_len();
        }
        let ends_with_eol = matches!(self.options.last(), Some(TcpOption::Eol));
        len <= emit::MAX_OPTIONS_LEN && (len % 4 == 0 || ends_with_eol)
    }

    /// The full header length (Data Offset × 4).
    pub fn header_len(&self) -> usize {
        HEADER_LEN + self.options_len()
    }

    pub fn mss(&self) -> Option<u16> {
        self.options.iter().find_map(|o| match o {
            TcpOption::Mss(v) => Some(*v),
            _ => None,
        })
    }

    pub fn window_scale(&self) -> Option<u8> {
        self.options.iter().find_map(|o| match o {
            TcpOption::WindowScale(v) => Some(*v),
            _ => None,
        })
    }

    pub fn sack_permitted(&self) -> bool {
        self.options
            .iter()
            .any(|o| matches!(o, TcpOption::SackPermitted))
    }

    /// (TSval, TSecr) if the segment carries the Timestamps option (RFC 7323 §3).
    pub fn timestamps(&self) -> Option<(u32, u32)> {
        self.options.iter().find_map(|o| match o {
            TcpOption::Timestamps { tsval, tsecr } => Some((*tsval, *tsecr)),
            _ => None,
        })
    }

    /// Emit the segment to bytes, with the checksum computed over the IPv4 pseudo-header
    /// (RFC 9293 §3.1) and the options padded with zero octets to a multiple of four.
    /// Options that would not fit in 40 octets are dropped from the first one that does not
    /// fit; nothing is written after EOL; an empty SACK and an `Unknown` with a known kind are
    /// left out. The result always parses; see [`Segment::is_canonical`] for when it parses
    /// back to the same segment.
    pub fn emit(&self, ips: Ipv4Pair) -> Vec<u8> {
        emit::emit(self, ips)
    }

    /// The header [`Segment::emit`] writes before the payload (checksum included), without
    /// copying the payload: `emit` is this header's octets followed by `payload`'s.
    pub fn emit_header(&self, ips: Ipv4Pair) -> Header {
        emit::header(self, ips)
    }

    /// [`Segment::emit_header`] with the Checksum field left zero, for a caller that
    /// computes it later ([`Header::checksum`]) or never.
    pub fn emit_header_unsummed(&self) -> Header {
        emit::header_unsummed(self)
    }

    /// Parse bytes into a segment. With `ips`, the checksum is verified too.
    pub fn parse(bytes: &[u8], ips: Option<Ipv4Pair>) -> Result<Parsed, ParseError> {
        parse::parse(bytes, ips)
    }
}
