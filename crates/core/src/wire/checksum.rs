//! The TCP checksum over the IPv4 pseudo-header (RFC 9293 §3.1, "Checksum").

/// Source and destination IPv4 addresses, for the pseudo-header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ipv4Pair {
    pub src: [u8; 4],
    pub dst: [u8; 4],
}

/// The 16-bit one's complement of the one's complement sum of the pseudo-header
/// (source, destination, zero, protocol 6, TCP length) and the TCP segment `tcp`.
/// Computing it over a segment whose checksum field is already filled in gives 0 when valid.
pub fn checksum_ipv4(ips: Ipv4Pair, tcp: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    let mut add = |hi: u8, lo: u8| sum += u32::from(u16::from_be_bytes([hi, lo]));
    add(ips.src[0], ips.src[1]);
    add(ips.src[2], ips.src[3]);
    add(ips.dst[0], ips.dst[1]);
    add(ips.dst[2], ips.dst[3]);
    add(0, 6);
    let len = (tcp.len() as u32) & 0xffff;
    sum += len;
    let mut chunks = tcp.chunks_exact(2);
    for c in &mut chunks {
        sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(u16::from_be_bytes([*last, 0]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}
