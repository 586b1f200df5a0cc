//! The two container formats, read by hand (smaller in WebAssembly than a general crate, see
//! docs/CAPTURES.md): classic pcap (libpcap 2.4, either byte order, micro- or nanosecond
//! timestamps) and pcapng (draft-ietf-opsawg-pcapng: sections, several interfaces,
//! `if_tsresol` and `if_tsoffset`). Both give [`Frame`]s: a packet's link-layer bytes, its
//! link type and its time in nanoseconds since 1970.
//!
//! A record that runs past the end of the file ends the reading with a located error, and the
//! frames read before it are kept.

use crate::error::{CaptureError, ErrorKind};
use alloc::vec::Vec;

/// The largest packet record accepted (libpcap's own `MAXIMUM_SNAPLEN`, 256 KiB).
pub const MAX_RECORD: u32 = 262_144;

/// One captured packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    /// 1-based, in file order (Wireshark's frame number).
    pub number: u32,
    /// Byte offset of the packet's record in the file.
    pub offset: usize,
    /// Nanoseconds since 1970-01-01T00:00:00Z.
    pub ts_ns: u64,
    /// LINKTYPE_ value of the interface it was captured on.
    pub linktype: u16,
    /// The captured bytes (at most the snap length).
    pub data: &'a [u8],
    /// The packet's length on the wire.
    pub orig_len: u32,
    /// Offset of `data` in the file.
    pub data_offset: usize,
}

/// Which container.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Classic pcap; `nanos` when the magic says nanosecond timestamps.
    Pcap {
        big_endian: bool,
        nanos: bool,
    },
    Pcapng,
}

/// Everything read from a file: its frames, and why reading stopped early, if it did.
pub struct Frames<'a> {
    pub format: Format,
    pub frames: Vec<Frame<'a>>,
    /// A problem that ended the reading before the end of the file.
    pub stopped: Option<CaptureError>,
    /// Records whose captured length exceeds their snap length (kept, but counted).
    pub over_snaplen: u32,
}

/// A little cursor over the file's bytes, in one byte order.
#[derive(Clone, Copy)]
struct Bytes<'a> {
    data: &'a [u8],
    big: bool,
}

impl<'a> Bytes<'a> {
    fn slice(&self, at: usize, len: usize) -> Result<&'a [u8], CaptureError> {
        let end = at.checked_add(len);
        match end.and_then(|e| self.data.get(at..e)) {
            Some(s) => Ok(s),
            None => Err(CaptureError::at(
                ErrorKind::Truncated {
                    needed: len,
                    left: self.data.len().saturating_sub(at),
                },
                at,
            )),
        }
    }
    fn u16(&self, at: usize) -> Result<u16, CaptureError> {
        let s = self.slice(at, 2)?;
        let b = [
            s.first().copied().unwrap_or(0),
            s.get(1).copied().unwrap_or(0),
        ];
        Ok(if self.big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    }
    fn u32(&self, at: usize) -> Result<u32, CaptureError> {
        let s = self.slice(at, 4)?;
        let mut b = [0u8; 4];
        b.copy_from_slice(s);
        Ok(if self.big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    }
}

const PCAP_US: u32 = 0xa1b2_c3d4;
const PCAP_NS: u32 = 0xa1b2_3c4d;
const PCAPNG_SHB: u32 = 0x0a0d_0d0a;
const PCAPNG_BOM: u32 = 0x1a2b_3c4d;

/// Reads the container: the frames, or an error when not even the file's header is readable.
pub fn read(data: &[u8]) -> Result<Frames<'_>, CaptureError> {
    let le = Bytes { data, big: false };
    let magic = match le.u32(0) {
        Ok(m) => m,
        Err(_) => return Err(CaptureError::at(ErrorKind::TooShort { len: data.len() }, 0)),
    };
    match magic {
        PCAP_US | PCAP_NS => pcap(Bytes { data, big: false }, magic == PCAP_NS),
        m if m.swap_bytes() == PCAP_US || m.swap_bytes() == PCAP_NS => {
            pcap(Bytes { data, big: true }, m.swap_bytes() == PCAP_NS)
        }
        PCAPNG_SHB => pcapng(data),
        m => Err(CaptureError::at(
            ErrorKind::BadMagic {
                magic: m.swap_bytes(),
            },
            0,
        )),
    }
}

/// Classic pcap: a 24-byte header, then records of 16 bytes plus the captured bytes.
fn pcap(b: Bytes<'_>, nanos: bool) -> Result<Frames<'_>, CaptureError> {
    if b.data.len() < 24 {
        return Err(CaptureError::at(
            ErrorKind::TooShort { len: b.data.len() },
            0,
        ));
    }
    let snaplen = b.u32(16)?;
    // The upper bits of the link-type field hold the FCS length (pcap-savefile(5)).
    let linktype = (b.u32(20)? & 0xffff) as u16;
    let mut out = Frames {
        format: Format::Pcap {
            big_endian: b.big,
            nanos,
        },
        frames: Vec::new(),
        stopped: None,
        over_snaplen: 0,
    };
    let mut at = 24usize;
    let mut number = 0u32;
    while at < b.data.len() {
        number = number.saturating_add(1);
        let rec = (|| {
            let sec = b.u32(at)?;
            let frac = b.u32(at + 4)?;
            let incl = b.u32(at + 8)?;
            let orig = b.u32(at + 12)?;
            if incl > MAX_RECORD {
                return Err(CaptureError::at(
                    ErrorKind::PacketTooLong {
                        len: incl,
                        limit: MAX_RECORD,
                    },
                    at + 8,
                ));
            }
            let bytes = b.slice(at + 16, incl as usize)?;
            let frac_ns = if nanos {
                u64::from(frac)
            } else {
                u64::from(frac).saturating_mul(1000)
            };
            let ts_ns = u64::from(sec)
                .saturating_mul(1_000_000_000)
                .saturating_add(frac_ns);
            Ok((ts_ns, incl, orig, bytes))
        })();
        match rec {
            Ok((ts_ns, incl, orig, bytes)) => {
                if snaplen != 0 && incl > snaplen {
                    out.over_snaplen = out.over_snaplen.saturating_add(1);
                }
                out.frames.push(Frame {
                    number,
                    offset: at,
                    ts_ns,
                    linktype,
                    data: bytes,
                    orig_len: orig,
                    data_offset: at + 16,
                });
                at = at.saturating_add(16).saturating_add(incl as usize);
            }
            Err(mut e) => {
                e.packet = Some(number);
                out.stopped = Some(e);
                break;
            }
        }
    }
    Ok(out)
}

/// One pcapng interface: its link type and how to turn its timestamps into nanoseconds.
#[derive(Clone, Copy)]
struct Interface {
    linktype: u16,
    snaplen: u32,
    /// `if_tsresol`: bit 7 clear, 10^-n seconds; set, 2^-n.
    tsresol: u8,
    /// `if_tsoffset`, seconds added to every timestamp.
    tsoffset: i64,
}

impl Interface {
    fn ns(&self, ts: u64) -> u64 {
        let n = u32::from(self.tsresol & 0x7f);
        let ns: u128 = if self.tsresol & 0x80 != 0 {
            // 2^-n seconds per unit.
            (u128::from(ts) * 1_000_000_000) >> n.min(127)
        } else if n <= 9 {
            u128::from(ts) * 10u128.pow(9 - n)
        } else {
            u128::from(ts) / 10u128.pow(n.min(38) - 9)
        };
        let off = i128::from(self.tsoffset) * 1_000_000_000;
        let total = (ns as i128).saturating_add(off);
        u64::try_from(total.max(0)).unwrap_or(u64::MAX)
    }
}

/// pcapng: blocks of (type, total length, body, total length). A Section Header Block sets the
/// byte order and forgets the interfaces of the section before.
fn pcapng(data: &[u8]) -> Result<Frames<'_>, CaptureError> {
    if data.len() < 28 {
        return Err(CaptureError::at(ErrorKind::TooShort { len: data.len() }, 0));
    }
    let mut out = Frames {
        format: Format::Pcapng,
        frames: Vec::new(),
        stopped: None,
        over_snaplen: 0,
    };
    let mut b = Bytes { data, big: false };
    let mut ifaces: Vec<Interface> = Vec::new();
    let mut at = 0usize;
    let mut number = 0u32;
    let mut first = true;
    while at < data.len() {
        match block(&mut b, &mut ifaces, at, &mut number, &mut out) {
            Ok(len) => at = at.saturating_add(len),
            Err(e) => {
                if first {
                    return Err(e);
                }
                out.stopped = Some(e);
                break;
            }
        }
        first = false;
    }
    Ok(out)
}

/// Reads the block at `at`; returns its total length.
fn block<'a>(
    b: &mut Bytes<'a>,
    ifaces: &mut Vec<Interface>,
    at: usize,
    number: &mut u32,
    out: &mut Frames<'a>,
) -> Result<usize, CaptureError> {
    // The Section Header's type reads the same in both orders; every other block's type is in
    // its section's order.
    let kind = b.u32(at)?;
    if kind == PCAPNG_SHB {
        // The byte-order magic decides how to read everything in this section, the
        // block's own length included.
        let bom = Bytes {
            data: b.data,
            big: false,
        }
        .u32(at + 8)?;
        b.big = match bom {
            PCAPNG_BOM => false,
            m if m.swap_bytes() == PCAPNG_BOM => true,
            m => {
                return Err(CaptureError::at(
                    ErrorKind::BadByteOrder { magic: m },
                    at + 8,
                ))
            }
        };
        ifaces.clear();
    }
    let len = b.u32(at + 4)?;
    if len < 12 || len % 4 != 0 {
        return Err(CaptureError::at(
            ErrorKind::BadBlockLength { length: len },
            at + 4,
        ));
    }
    let body = b.slice(at + 8, len as usize - 12)?;
    if b.u32(at + len as usize - 4)? != len {
        return Err(CaptureError::at(
            ErrorKind::BadBlockLength { length: len },
            at + len as usize - 4,
        ));
    }
    let body_at = at + 8;
    let rd = Bytes {
        data: body,
        big: b.big,
    };
    match kind {
        // Interface Description Block.
        1 => {
            let linktype = rd.u16(0).map_err(|e| shift(e, body_at))?;
            let snaplen = rd.u32(4).map_err(|e| shift(e, body_at))?;
            let mut iface = Interface {
                linktype,
                snaplen,
                tsresol: 6,
                tsoffset: 0,
            };
            let mut o = 8usize;
            // Options: code, length, value padded to 4; a malformed list ends the options.
            while let (Ok(code), Ok(olen)) = (rd.u16(o), rd.u16(o + 2)) {
                if code == 0 {
                    break;
                }
                let Ok(value) = rd.slice(o + 4, usize::from(olen)) else {
                    break;
                };
                match (code, value) {
                    (9, [r]) => iface.tsresol = *r,
                    (14, v) if v.len() == 8 => {
                        let mut x = [0u8; 8];
                        x.copy_from_slice(v);
                        iface.tsoffset = if b.big {
                            i64::from_be_bytes(x)
                        } else {
                            i64::from_le_bytes(x)
                        };
                    }
                    _ => {}
                }
                o = o + 4 + ((usize::from(olen) + 3) & !3);
            }
            ifaces.push(iface);
        }
        // Enhanced Packet Block (6) and the obsolete Packet Block (2).
        2 | 6 => {
            *number = number.saturating_add(1);
            let loc = |e: CaptureError, n: u32| {
                let mut e = shift(e, body_at);
                e.packet = Some(n);
                e
            };
            let (iface_id, hi, lo, cap, orig) = if kind == 6 {
                (
                    rd.u32(0).map_err(|e| loc(e, *number))?,
                    rd.u32(4).map_err(|e| loc(e, *number))?,
                    rd.u32(8).map_err(|e| loc(e, *number))?,
                    rd.u32(12).map_err(|e| loc(e, *number))?,
                    rd.u32(16).map_err(|e| loc(e, *number))?,
                )
            } else {
                (
                    u32::from(rd.u16(0).map_err(|e| loc(e, *number))?),
                    rd.u32(4).map_err(|e| loc(e, *number))?,
                    rd.u32(8).map_err(|e| loc(e, *number))?,
                    rd.u32(12).map_err(|e| loc(e, *number))?,
                    rd.u32(16).map_err(|e| loc(e, *number))?,
                )
            };
            let Some(iface) = ifaces.get(iface_id as usize).copied() else {
                return Err(CaptureError::in_packet(
                    ErrorKind::UnknownInterface {
                        interface: iface_id,
                    },
                    body_at,
                    *number,
                ));
            };
            if cap > MAX_RECORD {
                return Err(CaptureError::in_packet(
                    ErrorKind::PacketTooLong {
                        len: cap,
                        limit: MAX_RECORD,
                    },
                    body_at + 12,
                    *number,
                ));
            }
            let bytes = rd.slice(20, cap as usize).map_err(|e| loc(e, *number))?;
            if iface.snaplen != 0 && cap > iface.snaplen {
                out.over_snaplen = out.over_snaplen.saturating_add(1);
            }
            let ts = (u64::from(hi) << 32) | u64::from(lo);
            out.frames.push(Frame {
                number: *number,
                offset: at,
                ts_ns: iface.ns(ts),
                linktype: iface.linktype,
                data: bytes,
                orig_len: orig,
                data_offset: body_at + 20,
            });
        }
        // Simple Packet Block: interface 0, no timestamp.
        3 => {
            *number = number.saturating_add(1);
            let orig = rd.u32(0).map_err(|e| shift(e, body_at))?;
            let Some(iface) = ifaces.first().copied() else {
                return Err(CaptureError::in_packet(
                    ErrorKind::UnknownInterface { interface: 0 },
                    body_at,
                    *number,
                ));
            };
            let mut cap = body.len().saturating_sub(4).min(orig as usize);
            if iface.snaplen != 0 {
                cap = cap.min(iface.snaplen as usize);
            }
            let bytes = rd.slice(4, cap).map_err(|e| shift(e, body_at))?;
            out.frames.push(Frame {
                number: *number,
                offset: at,
                ts_ns: 0,
                linktype: iface.linktype,
                data: bytes,
                orig_len: orig,
                data_offset: body_at + 4,
            });
        }
        // Section headers (handled above), name resolution, statistics, custom blocks…
        _ => {}
    }
    Ok(len as usize)
}

/// An error found inside a block's body, moved to the offset in the file.
fn shift(mut e: CaptureError, by: usize) -> CaptureError {
    e.offset = e.offset.saturating_add(by);
    e
}
