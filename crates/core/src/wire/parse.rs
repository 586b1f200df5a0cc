//! Parsing bytes into a [`Segment`] (RFC 9293 §3.1). Never panics, whatever the bytes.

use super::checksum::checksum_expected;
use super::{checksum_ipv4, Flags, Ipv4Pair, Segment, TcpOption, HEADER_LEN};
use alloc::vec::Vec;
use core::fmt;

/// A segment as it was read from the wire: the meaning, plus the fields that follow from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub segment: Segment,
    /// Data Offset, in 32-bit words, as it was on the wire.
    pub data_offset: u8,
    /// The four reserved bits between Data Offset and CWR (RFC 9293 §3.1: must be zero).
    pub reserved: u8,
    /// Checksum as it was on the wire.
    pub checksum: u16,
    /// Whether the checksum verified, when the addresses were given.
    pub checksum_ok: Option<bool>,
}

/// What was wrong with the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Fewer than 20 octets: not even the fixed header is there.
    Truncated { len: usize },
    /// Data Offset is below 5 words.
    DataOffsetTooSmall { data_offset: u8 },
    /// Data Offset points past the end of the bytes.
    DataOffsetPastEnd { data_offset: u8, len: usize },
    /// An option's length octet is missing.
    OptionLengthMissing { kind: u8 },
    /// An option's length octet is below 2 or runs past the header.
    OptionLengthInvalid { kind: u8, length: u8 },
    /// A known option with the wrong length for its kind (e.g. MSS not 4).
    OptionLengthWrong { kind: u8, length: u8, expected: u8 },
    /// The checksum over the pseudo-header does not verify.
    BadChecksum { found: u16, expected: u16 },
}

/// A parse error: what, and at which byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// Byte offset in the input where the problem is.
    pub offset: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: ", self.offset)?;
        match self.kind {
            ParseErrorKind::Truncated { len } => {
                write!(f, "only {len} bytes; a TCP header needs at least 20")
            }
            ParseErrorKind::DataOffsetTooSmall { data_offset } => {
                write!(
                    f,
                    "data offset {data_offset} is below the minimum of 5 words"
                )
            }
            ParseErrorKind::DataOffsetPastEnd { data_offset, len } => write!(
                f,
                "data offset {data_offset} words ({} bytes) runs past the {len} bytes given",
                usize::from(data_offset) * 4
            ),
            ParseErrorKind::OptionLengthMissing { kind } => {
                write!(f, "option kind {kind} has no length octet")
            }
            ParseErrorKind::OptionLengthInvalid { kind, length } => write!(
                f,
                "option kind {kind} has length {length}, below 2 or past the header's end"
            ),
            ParseErrorKind::OptionLengthWrong {
                kind,
                length,
                expected,
            } => write!(
                f,
                "option kind {kind} has length {length}; it must be {expected}"
            ),
            ParseErrorKind::BadChecksum { found, expected } => write!(
                f,
                "checksum 0x{found:04x} does not verify (expected 0x{expected:04x})"
            ),
        }
    }
}

fn be16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(&[x, y]) => u16::from_be_bytes([x, y]),
        _ => 0,
    }
}

fn be32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(&[a, b2, c, d]) => u32::from_be_bytes([a, b2, c, d]),
        _ => 0,
    }
}

pub(super) fn parse(bytes: &[u8], ips: Option<Ipv4Pair>) -> Result<Parsed, ParseError> {
    let err = |kind, offset| Err(ParseError { kind, offset });
    let Some((fixed, _)) = bytes.split_first_chunk::<HEADER_LEN>() else {
        return err(ParseErrorKind::Truncated { len: bytes.len() }, bytes.len());
    };
    // Byte 12: Data Offset (4 bits), then the 4 reserved bits; byte 13: the control bits.
    let data_offset = fixed[12] >> 4;
    let reserved = fixed[12] & 0x0f;
    let flags = Flags(fixed[13]);
    // RFC 9293 §3.1: "The TCP header (even one including options) is an integer multiple of
    // 32 bits long", at least the 5 words of the fixed header.
    if data_offset < 5 {
        return err(ParseErrorKind::DataOffsetTooSmall { data_offset }, 12);
    }
    let hlen = usize::from(data_offset) * 4;
    let Some((header, payload)) = bytes.split_at_checked(hlen) else {
        return err(
            ParseErrorKind::DataOffsetPastEnd {
                data_offset,
                len: bytes.len(),
            },
            12,
        );
    };
    let options = parse_options(header.get(HEADER_LEN..).unwrap_or_default())?;
    let checksum = be16(bytes, 16);
    let checksum_ok = ips.map(|ips| checksum_ipv4(ips, bytes) == 0);
    if let (Some(false), Some(ips)) = (checksum_ok, ips) {
        let expected = checksum_expected(ips, bytes);
        return err(
            ParseErrorKind::BadChecksum {
                found: checksum,
                expected,
            },
            16,
        );
    }
    Ok(Parsed {
        segment: Segment {
            src_port: be16(bytes, 0),
            dst_port: be16(bytes, 2),
            seq: be32(bytes, 4),
            ack: be32(bytes, 8),
            flags,
            window: be16(bytes, 14),
            urgent: be16(bytes, 18),
            options,
            payload: super::Bytes::from(payload),
        },
        data_offset,
        reserved,
        checksum,
        checksum_ok,
    })
}

/// Parse the option bytes (RFC 9293 §3.2). Everything after EOL is padding.
fn parse_options(opts: &[u8]) -> Result<Vec<TcpOption>, ParseError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&kind) = opts.get(i) {
        let at = HEADER_LEN + i;
        match kind {
            0 => {
                out.push(TcpOption::Eol);
                break;
            }
            1 => {
                out.push(TcpOption::Nop);
                i += 1;
                continue;
            }
            _ => {}
        }
        let Some(&length) = opts.get(i + 1) else {
            return Err(ParseError {
                kind: ParseErrorKind::OptionLengthMissing { kind },
                offset: at,
            });
        };
        // RFC 9293 §3.2: the length counts the kind and length octets, so it is at least 2,
        // and an option may not run past the header (Data Offset).
        let len = usize::from(length);
        let body = match opts.get(i + 2..i + len) {
            Some(body) if len >= 2 => body,
            _ => {
                return Err(ParseError {
                    kind: ParseErrorKind::OptionLengthInvalid { kind, length },
                    offset: at + 1,
                })
            }
        };
        let want = |expected: u8| {
            if length == expected {
                Ok(())
            } else {
                Err(ParseError {
                    kind: ParseErrorKind::OptionLengthWrong {
                        kind,
                        length,
                        expected,
                    },
                    offset: at + 1,
                })
            }
        };
        let opt = match kind {
            2 => {
                want(4)?;
                TcpOption::Mss(be16(body, 0))
            }
            3 => {
                want(3)?;
                TcpOption::WindowScale(body.first().copied().unwrap_or_default())
            }
            4 => {
                want(2)?;
                TcpOption::SackPermitted
            }
            // RFC 2018 §3: a SACK option holds 1 to 4 blocks of 8 octets (n blocks: 8n+2).
            5 if len >= 10 && (len - 2) % 8 == 0 => TcpOption::Sack(
                body.chunks_exact(8)
                    .map(|c| (be32(c, 0), be32(c, 4)))
                    .collect(),
            ),
            5 => {
                return Err(ParseError {
                    kind: ParseErrorKind::OptionLengthInvalid { kind, length },
                    offset: at + 1,
                })
            }
            8 => {
                want(10)?;
                TcpOption::Timestamps {
                    tsval: be32(body, 0),
                    tsecr: be32(body, 4),
                }
            }
            _ => TcpOption::Unknown {
                kind,
                data: Vec::from(body),
            },
        };
        out.push(opt);
        i += len;
    }
    Ok(out)
}
