//! What can be wrong with a capture file, and where: every error names the byte offset in the
//! file and, once inside a packet record, the packet's number (1-based, as Wireshark counts).

use core::fmt;

/// What is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file is shorter than a capture's header.
    TooShort { len: usize },
    /// The first four bytes are no pcap or pcapng magic number.
    BadMagic { magic: u32 },
    /// A record or block header runs past the end of the file (a truncated file).
    Truncated { needed: usize, left: usize },
    /// A pcapng block's length is not a multiple of 4, below 12, or its trailing copy differs.
    BadBlockLength { length: u32 },
    /// A pcapng section header with a byte-order magic that is neither order.
    BadByteOrder { magic: u32 },
    /// A packet refers to a pcapng interface that no Interface Description Block declared.
    UnknownInterface { interface: u32 },
    /// A packet record claims more captured bytes than the limit (or its snap length).
    PacketTooLong { len: u32, limit: u32 },
    /// The file holds more than [`crate::MAX_FILE_BYTES`].
    FileTooLarge { len: usize, limit: usize },
    /// No TCP connection numbered so (`--stream`).
    NoSuchStream { stream: u32, count: u32 },
    /// The two files of a merge share no connection with these endpoints.
    NoMatchingConnection,
}

/// An error with its place in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaptureError {
    pub kind: ErrorKind,
    /// Byte offset in the file where the problem is.
    pub offset: usize,
    /// The packet's number (1-based), when the problem is inside a packet's record.
    pub packet: Option<u32>,
}

impl CaptureError {
    pub(crate) fn at(kind: ErrorKind, offset: usize) -> CaptureError {
        CaptureError {
            kind,
            offset,
            packet: None,
        }
    }

    pub(crate) fn in_packet(kind: ErrorKind, offset: usize, packet: u32) -> CaptureError {
        CaptureError {
            kind,
            offset,
            packet: Some(packet),
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ErrorKind::TooShort { len } => write!(
                f,
                "only {len} bytes: too short for a pcap (24) or pcapng (28) header"
            ),
            ErrorKind::BadMagic { magic } => write!(
                f,
                "magic number {magic:#010x} is neither pcap (a1b2c3d4, a1b23c4d) nor pcapng (0a0d0d0a)"
            ),
            ErrorKind::Truncated { needed, left } => {
                write!(f, "truncated: {needed} bytes needed, {left} left in the file")
            }
            ErrorKind::BadBlockLength { length } => write!(
                f,
                "pcapng block length {length} is not a multiple of 4 of at least 12, or its trailing copy differs"
            ),
            ErrorKind::BadByteOrder { magic } => write!(
                f,
                "pcapng section byte-order magic {magic:#010x} is not 1a2b3c4d in either order"
            ),
            ErrorKind::UnknownInterface { interface } => write!(
                f,
                "packet on interface {interface}, which no Interface Description Block declared"
            ),
            ErrorKind::PacketTooLong { len, limit } => {
                write!(f, "packet claims {len} captured bytes, more than the limit of {limit}")
            }
            ErrorKind::FileTooLarge { len, limit } => {
                write!(f, "the file has {len} bytes; synack reads captures up to {limit}")
            }
            ErrorKind::NoSuchStream { stream, count } => match count {
                0 => write!(f, "no TCP connection in the file (asked for stream {stream})"),
                _ => write!(
                    f,
                    "no TCP stream {stream}: the file holds streams 0 to {}",
                    count.saturating_sub(1)
                ),
            },
            ErrorKind::NoMatchingConnection => write!(
                f,
                "the second file holds no connection between the same endpoints"
            ),
        }
    }
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.packet) {
            // About the choice of connection, not about bytes.
            (ErrorKind::NoSuchStream { .. } | ErrorKind::NoMatchingConnection, _) => {
                write!(f, "{}", self.kind)
            }
            (_, Some(p)) => write!(f, "packet {p}, at byte {}: {}", self.offset, self.kind),
            (_, None) => write!(f, "at byte {}: {}", self.offset, self.kind),
        }
    }
}
