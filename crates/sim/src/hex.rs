//! [`Hex`]: a segment's bytes on the wire, as a trace keeps them (`SegmentRecord::hex`).
//!
//! A simulated segment's bytes are its header, written in place (at most 60 octets), and a
//! handle to its payload: the very octets the segment and its sender's queue hold
//! (`synack_core::Bytes`), never a copy. The checksum (RFC 9293 §3.1) is summed over them
//! when the bytes are first read, not when the segment is sent: most are never read (the
//! page shows a segment's bytes when it is inspected), and summing every payload was a tenth
//! of a simulation. Read or written, the bytes are exactly [`Segment::emit`]'s.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::num::NonZeroUsize;
use core::ops::Deref;
use once_cell::race::{OnceBox, OnceNonZeroUsize};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use synack_core::wire::Header;
use synack_core::{Bytes, Ipv4Pair, Segment};

/// A segment's bytes on the wire. Read as a `str` (`&*rec.hex`, [`Hex::as_str`]) it is their
/// lower-case hex text, made on first read and kept. In JSON it is that text, as when this
/// field was a `String`.
pub struct Hex {
    /// The header's octets; empty when the bytes came whole (from a file or a capture).
    head: Header,
    /// The rest: the payload, or all the bytes when `head` is empty.
    tail: Bytes,
    /// Set while the header's Checksum field is still zero: the addresses of the
    /// pseudo-header it is summed with, on first read (into `sum`).
    unsummed: Option<Ipv4Pair>,
    /// The checksum once summed, as `0x1_0000 | checksum`.
    sum: OnceNonZeroUsize,
    /// The text: made on first read, or the string a trace file held.
    text: OnceBox<String>,
}

impl Hex {
    /// These bytes; their text is made only if read.
    pub fn from_bytes(bytes: Vec<u8>) -> Hex {
        Hex::whole(Bytes::from(bytes))
    }

    /// `segment` as [`Segment::emit`] writes it (valid checksum), without copying its payload
    /// and without summing it until the bytes are read.
    pub fn emit(segment: &Segment, ips: Ipv4Pair) -> Hex {
        Hex {
            head: segment.emit_header_unsummed(),
            tail: segment.payload.clone(),
            unsummed: Some(ips),
            sum: OnceNonZeroUsize::new(),
            text: OnceBox::new(),
        }
    }

    /// Bytes held in one piece.
    fn whole(bytes: Bytes) -> Hex {
        Hex {
            head: Header::EMPTY,
            tail: bytes,
            unsummed: None,
            sum: OnceNonZeroUsize::new(),
            text: OnceBox::new(),
        }
    }

    /// The checksum to write into the header's field, summed on first use.
    fn checksum(&self, ips: Ipv4Pair) -> u16 {
        let v = self.sum.get_or_init(|| {
            let sum = self.head.checksum(ips, &self.tail);
            NonZeroUsize::new(0x1_0000 | usize::from(sum)).unwrap_or(NonZeroUsize::MIN)
        });
        (v.get() & 0xffff) as u16
    }

    /// Hands `f` the bytes in order, in two pieces (the header, its checksum filled in, then
    /// the rest), without joining them.
    fn try_pieces<E>(&self, mut f: impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), E> {
        let head = match self.unsummed {
            Some(ips) => self.head.with_checksum(self.checksum(ips)),
            None => self.head,
        };
        f(head.as_slice())?;
        f(&self.tail)
    }

    /// The bytes: borrowed when they are held in one piece, else joined.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        if self.head.as_slice().is_empty() {
            return Cow::Borrowed(&self.tail);
        }
        let mut all = Vec::with_capacity(self.byte_len());
        let _ = self.try_pieces(|p| {
            all.extend_from_slice(p);
            Ok::<(), ()>(())
        });
        Cow::Owned(all)
    }

    /// The bytes after the header: the segment's payload itself (a handle to the octets it
    /// holds), or all of them when the bytes came whole.
    pub fn tail(&self) -> &Bytes {
        &self.tail
    }

    /// How many bytes. (`len()`, through `Deref<Target = str>`, is the text's length.)
    pub fn byte_len(&self) -> usize {
        self.head.as_slice().len() + self.tail.len()
    }

    /// The lower-case hex text (or the text exactly as a trace file held it).
    pub fn as_str(&self) -> &str {
        self.text
            .get_or_init(|| Box::new(alloc::format!("{}", HexText(self))))
    }

    /// Writes the bytes in the binary form of a `Vec<u8>` (length, then the octets).
    #[cfg(feature = "bin")]
    pub(crate) fn put_bin(&self, s: &mut Vec<u8>) {
        s.extend_from_slice(&(self.byte_len() as u64).to_le_bytes());
        let _ = self.try_pieces(|p| {
            s.extend_from_slice(p);
            Ok::<(), ()>(())
        });
    }

    /// Bytes read back from the binary form.
    #[cfg(feature = "bin")]
    pub(crate) fn from_bin(bytes: Bytes) -> Hex {
        Hex::whole(bytes)
    }
}

/// Writes the bytes as lower-case hex, 64 at a time.
struct HexText<'a>(&'a Hex);

impl fmt::Display for HexText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = [0u8; 128];
        self.0.try_pieces(|piece| {
            for chunk in piece.chunks(64) {
                for (pair, b) in buf.chunks_exact_mut(2).zip(chunk) {
                    if let [hi, lo] = pair {
                        *hi = hex_digit(b >> 4);
                        *lo = hex_digit(b & 15);
                    }
                }
                let text = buf.get(..chunk.len() * 2).unwrap_or_default();
                f.write_str(core::str::from_utf8(text).unwrap_or_default())?;
            }
            Ok(())
        })
    }
}

/// The lower-case hex digit of `n` (0–15).
fn hex_digit(n: u8) -> u8 {
    match n {
        0..=9 => b'0' + n,
        _ => (b'a' - 10).wrapping_add(n),
    }
}

/// The bytes of hex text (either case), up to the first pair that is not two hex digits.
fn decode_hex(text: &str) -> Vec<u8> {
    let digit = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(text.len() / 2);
    for pair in text.as_bytes().chunks_exact(2) {
        match pair {
            [hi, lo] => match (digit(*hi), digit(*lo)) {
                (Some(hi), Some(lo)) => out.push(hi << 4 | lo),
                _ => break,
            },
            _ => break,
        }
    }
    out
}

impl Deref for Hex {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text.get() {
            Some(t) => f.write_str(t),
            None => HexText(self).fmt(f),
        }
    }
}

/// As the `String` it was: the text in quotes (hex digits need no escaping).
impl fmt::Debug for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text.get() {
            Some(t) => fmt::Debug::fmt(t.as_str(), f),
            None => write!(f, "\"{}\"", HexText(self)),
        }
    }
}

/// Shares the payload's octets (a handle), copies the header, the checksum and any text.
impl Clone for Hex {
    fn clone(&self) -> Hex {
        let sum = OnceNonZeroUsize::new();
        if let Some(v) = self.sum.get() {
            let _ = sum.set(v);
        }
        Hex {
            head: self.head,
            tail: self.tail.clone(),
            unsummed: self.unsummed,
            sum,
            text: self.text.clone(),
        }
    }
}

/// Equal when the texts are equal.
impl PartialEq for Hex {
    fn eq(&self, other: &Hex) -> bool {
        match (self.text.get(), other.text.get()) {
            // Without text from a file, the text is a function of the bytes; and the bytes
            // of a header summed later are a function of the header, payload and addresses.
            (None, None) => {
                (self.unsummed.is_some()
                    && self.unsummed == other.unsummed
                    && self.head == other.head
                    && self.tail == other.tail)
                    || self.bytes() == other.bytes()
            }
            _ => self.as_str() == other.as_str(),
        }
    }
}

impl Eq for Hex {}

impl Serialize for Hex {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.text.get() {
            Some(t) => s.serialize_str(t),
            None => s.collect_str(&HexText(self)),
        }
    }
}

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Hex, D::Error> {
        let text = String::deserialize(d)?;
        let hex = Hex::whole(Bytes::from(decode_hex(&text)));
        // The text is kept as it was, so that the trace writes it back unchanged.
        let _ = hex.text.set(Box::new(text));
        Ok(hex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synack_core::{Flags, TcpOption};

    #[test]
    fn reads_as_the_emitted_segment_with_its_checksum_summed_on_first_read() {
        let ips = Ipv4Pair {
            src: [10, 0, 0, 1],
            dst: [10, 0, 0, 2],
        };
        for payload in [&b""[..], b"x", b"hello, world", &[0xff; 1448]] {
            let seg = Segment {
                src_port: 40000,
                dst_port: 80,
                seq: 0x0102_0304,
                ack: 0xfffe_fdfc,
                flags: Flags::ACK | Flags::PSH,
                window: 502,
                urgent: 0,
                options: alloc::vec![
                    TcpOption::Nop,
                    TcpOption::Nop,
                    TcpOption::Timestamps { tsval: 7, tsecr: 9 },
                ],
                payload: Bytes::from(payload),
            };
            let wire = seg.emit(ips);
            let h = Hex::emit(&seg, ips);
            assert!(h.sum.get().is_none(), "not summed until read");
            let copy = h.clone();
            assert_eq!(&*h.bytes(), &wire[..]);
            assert!(h.sum.get().is_some());
            assert_eq!(h.byte_len(), wire.len());
            let whole = Hex::from_bytes(wire.clone());
            assert_eq!(h.as_str(), whole.as_str());
            assert_eq!(copy, h, "a copy made before summing");
            assert_eq!(h.clone(), h, "a copy made after");
            assert_eq!(Hex::emit(&seg, ips), whole);
            assert_eq!(alloc::format!("{}", Hex::emit(&seg, ips)), whole.as_str());
            let parsed = Segment::parse(&h.bytes(), Some(ips)).unwrap();
            assert_eq!(parsed.checksum_ok, Some(true));
            assert_eq!(parsed.segment, seg);
        }
    }
}
