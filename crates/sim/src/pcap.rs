//! Classic pcap files of what tcpdump would capture on one side: every segment the side sent,
//! at its send time, and every segment that reached it, at its arrival time, in the order
//! the side saw them. A segment lost on the wire appears only in its sender's capture; a
//! link's duplicate appears twice at the receiver; a stale injected segment only at the
//! receiver.
//!
//! Format: pcap 2.4, microsecond timestamps, link type LINKTYPE_RAW (101): each record is a
//! raw IPv4 packet (20-byte header with a valid checksum, DF set, TTL 64) around the TCP
//! segment exactly as the trace holds it (valid TCP checksum).

use crate::engine::record_ips;
use crate::trace::{Side, Trace, TraceEventKind};
use alloc::vec::Vec;

/// Simulated time 0 is this Unix time in the pcap (2026-01-01T00:00:00Z), so captures open
/// at a fixed, plausible date.
pub const PCAP_EPOCH_SECS: u64 = 1_767_225_600;

const LINKTYPE_RAW: u32 = 101;
const SNAPLEN: u32 = 65_535;

/// The capture on `side`, as the bytes of a `.pcap` file.
pub fn pcap(trace: &Trace, side: Side) -> Vec<u8> {
    let mut out = Vec::new();
    // Global header: magic, version 2.4, thiszone 0, sigfigs 0, snaplen, network.
    out.extend_from_slice(&0xa1b2_c3d4u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&4u16.to_le_bytes());
    out.extend_from_slice(&0i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&SNAPLEN.to_le_bytes());
    out.extend_from_slice(&LINKTYPE_RAW.to_le_bytes());
    for ev in trace.events.iter().filter(|e| e.side == side) {
        let id = match ev.kind {
            TraceEventKind::Sent { id } | TraceEventKind::Arrived { id } => id,
            _ => continue,
        };
        let Some(rec) = trace.segments.get(id as usize) else {
            continue;
        };
        let ips = record_ips(rec.from);
        let tcp = rec.segment.emit(ips);
        // The IP identification counts the sender's packets; a copy repeats its original's.
        let ident = (rec.nth_from_side as u16).wrapping_add(if rec.from == Side::Client {
            0x1000
        } else {
            0x5000
        });
        let packet = ipv4(ips.src, ips.dst, ident, &tcp);
        let us = ev.at.micros();
        let secs = PCAP_EPOCH_SECS.saturating_add(us / 1_000_000);
        out.extend_from_slice(&(secs as u32).to_le_bytes());
        out.extend_from_slice(&((us % 1_000_000) as u32).to_le_bytes());
        let len = packet.len() as u32;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&packet);
    }
    out
}

/// An IPv4 packet (RFC 791) carrying `tcp`, with the header checksum filled in.
fn ipv4(src: [u8; 4], dst: [u8; 4], ident: u16, tcp: &[u8]) -> Vec<u8> {
    let total = (20 + tcp.len()).min(usize::from(u16::MAX)) as u16;
    let mut h = [0u8; 20];
    h[0] = 0x45; // version 4, IHL 5 words
    h[2..4].copy_from_slice(&total.to_be_bytes());
    h[4..6].copy_from_slice(&ident.to_be_bytes());
    h[6] = 0x40; // Don't Fragment, as Linux sets on TCP
    h[8] = 64; // TTL
    h[9] = 6; // TCP
    h[12..16].copy_from_slice(&src);
    h[16..20].copy_from_slice(&dst);
    let sum = header_checksum(&h);
    h[10..12].copy_from_slice(&sum.to_be_bytes());
    let mut p = Vec::with_capacity(usize::from(total));
    p.extend_from_slice(&h);
    p.extend_from_slice(tcp);
    p
}

/// The Internet checksum of RFC 1071 over the header (checksum field zero).
fn header_checksum(h: &[u8; 20]) -> u16 {
    let mut sum: u32 = 0;
    for pair in h.chunks_exact(2) {
        if let [a, b] = pair {
            sum += u32::from(u16::from_be_bytes([*a, *b]));
        }
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_header_checksum_verifies() {
        let p = ipv4([10, 0, 0, 1], [10, 0, 0, 2], 7, &[0u8; 20]);
        let mut h = [0u8; 20];
        h.copy_from_slice(&p[..20]);
        // Summing a header with its checksum in place gives 0 after complement.
        assert_eq!(header_checksum(&h), 0);
    }
}
