//! # synack-capture: explain a real capture
//!
//! Reads a capture file (classic pcap or pcapng; Ethernet, raw IP, Linux cooked v1/v2, BSD
//! loopback; IPv4 and IPv6), groups its TCP segments into connections numbered like
//! Wireshark's `tcp.stream`, and reads one connection with synack's own model: each side's
//! segments are fed to a synack-core endpoint in an observing role, which gives the states,
//! the TCB and the whys of a [`synack_sim::Trace`] like a simulated one, plus [`Note`]s where
//! the captured stack did what the model would not have done.
//!
//! The input is bytes (`&[u8]`): no file system, so the same code runs in the browser.
//! No byte string makes it panic: a broken file is a [`CaptureError`] naming the byte offset
//! (and packet number), or a [`Capture`] of whatever could be read, with the problem kept.
//! See docs/CAPTURES.md.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

mod container;
mod error;
mod note;
mod observe;
mod observer;
mod packet;
mod stream;
mod timing;
pub mod view;

pub use container::{Format, MAX_RECORD};
pub use error::{CaptureError, ErrorKind};
pub use note::{Key as NoteKey, Note};
pub use observe::{CaptureTrace, Options};
pub use packet::Skip;
pub use stream::Connection;
pub use timing::Timing;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::net::SocketAddr;
use synack_core::{Flags, Segment};
use synack_sim::Trace;

/// The largest file read (a browser tab holds it once).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

/// One TCP segment of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packet {
    /// Frame number (1-based).
    pub frame: u32,
    /// Byte offset of the TCP header in the file.
    pub offset: usize,
    /// Nanoseconds since 1970.
    pub ts_ns: u64,
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub seq: u32,
    pub ack: u32,
    pub flags: Flags,
    pub payload_len: u32,
    /// The frame's length on the wire.
    pub orig_len: u32,
    /// The TCP header and payload as captured.
    pub tcp: Vec<u8>,
}

impl Packet {
    /// The segment as meaning (the core's own parser; the checksum is not checked, since
    /// captures taken at a sender with checksum offload show it unfilled).
    pub fn segment(&self) -> Option<Segment> {
        Segment::parse(&self.tcp, None).ok().map(|p| p.segment)
    }
}

/// A capture file, read.
#[derive(Clone, Debug)]
pub struct Capture {
    format: Format,
    packets: Vec<Packet>,
    connections: Vec<Connection>,
    skipped: BTreeMap<Skip, u32>,
    frames: u32,
    stopped: Option<CaptureError>,
    over_snaplen: u32,
}

/// Reads a capture file. An error only when nothing can be read (no header, wrong magic);
/// a file broken later gives the packets before the break, and [`Capture::problem`] says
/// where it broke.
pub fn open(data: &[u8]) -> Result<Capture, CaptureError> {
    if data.len() > MAX_FILE_BYTES {
        return Err(CaptureError::at(
            ErrorKind::FileTooLarge {
                len: data.len(),
                limit: MAX_FILE_BYTES,
            },
            0,
        ));
    }
    let read = container::read(data)?;
    let mut packets = Vec::new();
    let mut skipped: BTreeMap<Skip, u32> = BTreeMap::new();
    let mut skip = |s: Skip| *skipped.entry(s).or_insert(0) += 1;
    for f in &read.frames {
        let tcp = match packet::tcp(f.linktype, f.data) {
            Ok(t) => t,
            Err(s) => {
                skip(s);
                continue;
            }
        };
        let Ok(parsed) = Segment::parse(tcp.bytes, None) else {
            skip(Skip::BadTcp);
            continue;
        };
        let s = parsed.segment;
        packets.push(Packet {
            frame: f.number,
            offset: f.data_offset.saturating_add(tcp.offset),
            ts_ns: f.ts_ns,
            src: SocketAddr::new(tcp.src, s.src_port),
            dst: SocketAddr::new(tcp.dst, s.dst_port),
            seq: s.seq,
            ack: s.ack,
            flags: s.flags,
            payload_len: s.payload.len() as u32,
            orig_len: f.orig_len,
            tcp: tcp.bytes.to_vec(),
        });
    }
    let connections = stream::group(&packets);
    Ok(Capture {
        format: read.format,
        frames: read.frames.len() as u32,
        packets,
        connections,
        skipped,
        stopped: read.stopped,
        over_snaplen: read.over_snaplen,
    })
}

impl Capture {
    /// The container format.
    pub fn format(&self) -> Format {
        self.format
    }
    /// Every TCP connection, by stream number.
    pub fn connections(&self) -> &[Connection] {
        &self.connections
    }
    /// Every TCP segment read, in file order.
    pub fn packets(&self) -> &[Packet] {
        &self.packets
    }
    /// Frames read from the file (TCP or not).
    pub fn frames(&self) -> u32 {
        self.frames
    }
    /// What was in the file and skipped, with how many frames of each.
    pub fn skipped(&self) -> impl Iterator<Item = (Skip, u32)> + '_ {
        self.skipped.iter().map(|(s, n)| (*s, *n))
    }
    /// Why reading stopped before the end of the file, if it did.
    pub fn problem(&self) -> Option<CaptureError> {
        self.stopped
    }
    /// Records holding more bytes than their snap length (read anyway).
    pub fn over_snaplen(&self) -> u32 {
        self.over_snaplen
    }
    /// Connection `stream`, or the error naming the streams there are.
    pub fn connection(&self, stream: u32) -> Result<&Connection, CaptureError> {
        self.connections
            .get(stream as usize)
            .ok_or(CaptureError::at(
                ErrorKind::NoSuchStream {
                    stream,
                    count: self.connections.len() as u32,
                },
                0,
            ))
    }
    /// Connection `stream` read with the model, as a trace (see [`Capture::observe`] for the
    /// notes and which times are estimated).
    pub fn trace(&self, stream: u32, options: &Options) -> Result<Trace, CaptureError> {
        self.observe(stream, options).map(|o| o.trace)
    }
    /// Connection `stream` read with the model: the trace, the notes, the timing.
    pub fn observe(&self, stream: u32, options: &Options) -> Result<CaptureTrace, CaptureError> {
        let conn = self.connection(stream)?;
        let segs = timing::one_end(self, conn, options);
        Ok(observe::observe(segs, conn, options))
    }
}

/// Two captures of one connection, one taken at each end (either order): connection `stream`
/// of `a`, and the connection between the same endpoints in `b`, merged into exact send and
/// arrival times (segments seen only by their sender are lost) and read with the model.
pub fn merge(
    a: &Capture,
    b: &Capture,
    stream: u32,
    options: &Options,
) -> Result<CaptureTrace, CaptureError> {
    let ca = a.connection(stream)?;
    let cb = b
        .connections
        .iter()
        .find(|c| {
            let same = (c.client == ca.client && c.server == ca.server)
                || (c.client == ca.server && c.server == ca.client);
            let first = |cap: &Capture, conn: &Connection| {
                conn.packets
                    .first()
                    .and_then(|&i| cap.packets.get(i as usize))
                    .map(|p| (p.src, p.seq))
            };
            same && first(a, ca) == first(b, c)
        })
        .or_else(|| {
            b.connections.iter().find(|c| {
                (c.client == ca.client && c.server == ca.server)
                    || (c.client == ca.server && c.server == ca.client)
            })
        })
        .ok_or(CaptureError::at(ErrorKind::NoMatchingConnection, 0))?;
    let segs = timing::two_ends(a, ca, b, cb);
    Ok(observe::observe(segs, ca, options))
}

/// A SYN without ACK: an opening.
pub(crate) fn syn_only(f: Flags) -> bool {
    f.contains(Flags::SYN) && !f.contains(Flags::ACK)
}
