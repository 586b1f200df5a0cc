//! TCP options (RFC 9293 §3.2; window scale and timestamps RFC 7323; SACK RFC 2018).

use alloc::vec::Vec;
use core::fmt;

/// One option, in the order it stands in the header.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum TcpOption {
    /// Kind 0: End of Option List.
    Eol,
    /// Kind 1: No-Operation, used to align the next option.
    Nop,
    /// Kind 2: Maximum Segment Size (only in SYN segments, RFC 9293 §3.7.1).
    Mss(u16),
    /// Kind 3: Window Scale shift count (RFC 7323 §2).
    WindowScale(u8),
    /// Kind 4: SACK permitted (RFC 2018 §2).
    SackPermitted,
    /// Kind 5: SACK blocks, each (left edge, right edge) (RFC 2018 §3).
    Sack(Vec<(u32, u32)>),
    /// Kind 8: Timestamps (RFC 7323 §3).
    Timestamps { tsval: u32, tsecr: u32 },
    /// Any other kind, kept so that parsing and emitting give back the same bytes.
    Unknown { kind: u8, data: Vec<u8> },
}

impl TcpOption {
    /// The option's kind octet.
    pub fn kind(&self) -> u8 {
        match self {
            TcpOption::Eol => 0,
            TcpOption::Nop => 1,
            TcpOption::Mss(_) => 2,
            TcpOption::WindowScale(_) => 3,
            TcpOption::SackPermitted => 4,
            TcpOption::Sack(_) => 5,
            TcpOption::Timestamps { .. } => 8,
            TcpOption::Unknown { kind, .. } => *kind,
        }
    }

    /// Octets this option occupies on the wire.
    pub fn wire_len(&self) -> usize {
        match self {
            TcpOption::Eol | TcpOption::Nop => 1,
            TcpOption::Mss(_) => 4,
            TcpOption::WindowScale(_) => 3,
            TcpOption::SackPermitted => 2,
            TcpOption::Sack(blocks) => 2 + 8 * blocks.len(),
            TcpOption::Timestamps { .. } => 10,
            TcpOption::Unknown { data, .. } => 2 + data.len(),
        }
    }

    /// Short name as Wireshark shows it.
    pub fn name(&self) -> &'static str {
        match self {
            TcpOption::Eol => "EOL",
            TcpOption::Nop => "NOP",
            TcpOption::Mss(_) => "MSS",
            TcpOption::WindowScale(_) => "WS",
            TcpOption::SackPermitted => "SACK_PERM",
            TcpOption::Sack(_) => "SACK",
            TcpOption::Timestamps { .. } => "TS",
            TcpOption::Unknown { .. } => "UNKNOWN",
        }
    }

    pub(crate) fn write(&self, out: &mut impl super::emit::Sink) {
        match self {
            TcpOption::Eol => out.put(&[0]),
            TcpOption::Nop => out.put(&[1]),
            TcpOption::Mss(v) => {
                out.put(&[2, 4]);
                out.put(&v.to_be_bytes());
            }
            TcpOption::WindowScale(s) => out.put(&[3, 3, *s]),
            TcpOption::SackPermitted => out.put(&[4, 2]),
            TcpOption::Sack(blocks) => {
                out.put(&[5, (2 + 8 * blocks.len()) as u8]);
                for (l, r) in blocks {
                    out.put(&l.to_be_bytes());
                    out.put(&r.to_be_bytes());
                }
            }
            TcpOption::Timestamps { tsval, tsecr } => {
                out.put(&[8, 10]);
                out.put(&tsval.to_be_bytes());
                out.put(&tsecr.to_be_bytes());
            }
            TcpOption::Unknown { kind, data } => {
                out.put(&[*kind, (2 + data.len()) as u8]);
                out.put(data);
            }
        }
    }
}

/// A short label in the style of the project's traces, the same in every language:
/// `MSS=1460`, `WS=10`, `SACK_PERM`, `SACK=1001-2001,3001-4001` (right edges exclusive, as on
/// the wire), `TS val=862076262 ecr=0`, `NOP`, `EOL`, `kind=30 len=4`.
impl fmt::Display for TcpOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TcpOption::Eol | TcpOption::Nop | TcpOption::SackPermitted => f.write_str(self.name()),
            TcpOption::Mss(v) => write!(f, "MSS={v}"),
            TcpOption::WindowScale(s) => write!(f, "WS={s}"),
            TcpOption::Sack(blocks) => {
                f.write_str("SACK=")?;
                for (i, (l, r)) in blocks.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{l}-{r}")?;
                }
                Ok(())
            }
            TcpOption::Timestamps { tsval, tsecr } => write!(f, "TS val={tsval} ecr={tsecr}"),
            TcpOption::Unknown { kind, .. } => write!(f, "kind={kind} len={}", self.wire_len()),
        }
    }
}
