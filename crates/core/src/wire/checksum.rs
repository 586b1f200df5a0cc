//! The TCP checksum over the IPv4 pseudo-header (RFC 9293 §3.1, "Checksum").

/// Source and destination IPv4 addresses, for the pseudo-header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ipv4Pair {
    pub src: [u8; 4],
    pub dst: [u8; 4],
}

/// Byte offset of the Checksum field in the TCP header.
const CHECKSUM_AT: usize = 16;

/// The 16-bit one's complement of the one's complement sum of the pseudo-header
/// (source, destination, zero, protocol 6, TCP length) and the TCP segment `tcp`.
/// Computing it over a segment whose checksum field is already filled in gives 0 when valid.
pub fn checksum_ipv4(ips: Ipv4Pair, tcp: &[u8]) -> u16 {
    !ones_sum(ips, tcp, false)
}

/// The checksum the sender should have written: as [`checksum_ipv4`] with the Checksum field
/// itself read as zero (RFC 9293 §3.1: "the checksum field itself is replaced with zeros"),
/// without copying the segment.
pub(crate) fn checksum_expected(ips: Ipv4Pair, tcp: &[u8]) -> u16 {
    !ones_sum(ips, tcp, true)
}

/// The folded one's complement sum. With `skip_checksum`, the word at byte 16 counts as zero.
fn ones_sum(ips: Ipv4Pair, tcp: &[u8], skip_checksum: bool) -> u16 {
    let mut sum: u32 = 0;
    let mut add = |hi: u8, lo: u8| sum += u32::from(u16::from_be_bytes([hi, lo]));
    add(ips.src[0], ips.src[1]);
    add(ips.src[2], ips.src[3]);
    add(ips.dst[0], ips.dst[1]);
    add(ips.dst[2], ips.dst[3]);
    add(0, 6);
    // The pseudo-header's TCP length is 16 bits; an IPv4 datagram cannot carry more.
    let len = (tcp.len() as u32) & 0xffff;
    sum += len;
    let mut chunks = tcp.chunks_exact(2);
    for (i, c) in (&mut chunks).enumerate() {
        if skip_checksum && i * 2 == CHECKSUM_AT {
            continue;
        }
        if let [hi, lo] = c {
            sum += u32::from(u16::from_be_bytes([*hi, *lo]));
        }
        // Fold as we go so that no length of input can overflow the u32.
        if sum > 0xffff {
            sum = (sum & 0xffff) + (sum >> 16);
        }
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(u16::from_be_bytes([*last, 0]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}
