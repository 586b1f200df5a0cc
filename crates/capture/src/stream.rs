//! Grouping segments into connections, numbered as Wireshark numbers `tcp.stream`: in order of
//! first appearance, by the pair of endpoints in either direction; a SYN (without ACK) whose
//! sequence number differs from the first one seen in its direction starts a new stream on
//! the same endpoints (Wireshark's `dissect_tcp`, "create a new conversation with the same
//! addresses and ports": port reuse after the old connection ended).

use crate::Packet;
use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::net::SocketAddr;
use synack_core::Flags;

/// One TCP connection of a capture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// Wireshark's `tcp.stream`.
    pub stream: u32,
    /// The client: the sender of the first SYN, else of the first segment seen.
    pub client: SocketAddr,
    pub server: SocketAddr,
    /// Segments in the file (both directions).
    pub segments: u32,
    /// TCP payload bytes (both directions).
    pub payload_bytes: u64,
    /// Bytes of the frames on the wire (what Wireshark's conversation table counts).
    pub frame_bytes: u64,
    /// Time of its first and last segment, nanoseconds since 1970.
    pub first_ns: u64,
    pub last_ns: u64,
    /// The flags of its first segment (a SYN when the capture saw it open).
    pub first_flags: Flags,
    /// Indices of its packets in [`crate::Capture::packets`], in file order.
    pub packets: Vec<u32>,
}

impl Connection {
    /// From first to last segment, nanoseconds.
    pub fn duration_ns(&self) -> u64 {
        self.last_ns.saturating_sub(self.first_ns)
    }
    /// Whether the capture saw its opening SYN.
    pub fn has_syn(&self) -> bool {
        self.first_flags.contains(Flags::SYN)
    }
}

/// The endpoints of a packet, in an order independent of direction.
fn key(p: &Packet) -> (SocketAddr, SocketAddr) {
    if p.src <= p.dst {
        (p.src, p.dst)
    } else {
        (p.dst, p.src)
    }
}

/// Numbers the packets' connections.
pub fn group(packets: &[Packet]) -> Vec<Connection> {
    let mut current: BTreeMap<(SocketAddr, SocketAddr), usize> = BTreeMap::new();
    let mut conns: Vec<Connection> = Vec::new();
    // Per connection: the first sequence number seen from the client and from the server.
    let mut base: Vec<[Option<u32>; 2]> = Vec::new();
    for (i, p) in packets.iter().enumerate() {
        let k = key(p);
        let syn_only = crate::syn_only(p.flags);
        let existing = current.get(&k).copied().filter(|&c| {
            let Some(conn) = conns.get(c) else {
                return false;
            };
            let dir = usize::from(p.src != conn.client);
            let b = base.get(c).and_then(|b| b.get(dir).copied().flatten());
            !(syn_only && b.is_some_and(|b| b != p.seq))
        });
        let c = match existing {
            Some(c) => c,
            None => {
                let c = conns.len();
                let (client, server) = (p.src, p.dst);
                conns.push(Connection {
                    stream: c as u32,
                    client,
                    server,
                    segments: 0,
                    payload_bytes: 0,
                    frame_bytes: 0,
                    first_ns: p.ts_ns,
                    last_ns: p.ts_ns,
                    first_flags: p.flags,
                    packets: Vec::new(),
                });
                base.push([None, None]);
                current.insert(k, c);
                c
            }
        };
        let Some(conn) = conns.get_mut(c) else {
            continue;
        };
        // A capture that starts with the server's SYN-ACK: the client is the other end.
        if conn.segments == 0 && p.flags.contains(Flags::SYN | Flags::ACK) {
            conn.client = p.dst;
            conn.server = p.src;
        }
        let dir = usize::from(p.src != conn.client);
        if let Some(slot) = base.get_mut(c).and_then(|b| b.get_mut(dir)) {
            slot.get_or_insert(p.seq);
        }
        conn.segments = conn.segments.saturating_add(1);
        conn.payload_bytes = conn.payload_bytes.saturating_add(u64::from(p.payload_len));
        conn.frame_bytes = conn.frame_bytes.saturating_add(u64::from(p.orig_len));
        conn.first_ns = conn.first_ns.min(p.ts_ns);
        conn.last_ns = conn.last_ns.max(p.ts_ns);
        conn.packets.push(i as u32);
    }
    conns
}
