//! The TCP checksum over the IPv4 pseudo-header (RFC 9293 §3.1, "Checksum").
//!
//! The sum is computed as RFC 1071 §2 allows: 32 bits at a time into a 64-bit accumulator
//! ("parallel summation", (C)), folded to 16 bits at the end ("deferred carries", (B)), and in
//! the machine's little-endian order, swapped back once at the end ("byte order
//! independence", (A)). That is about four bytes per addition instead of two, with no
//! byte swap per word; the result is exactly the 16-bit one's complement sum.
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;

/// Source and destination IPv4 addresses, for the pseudo-header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Ipv4Pair {
    pub src: [u8; 4],
    pub dst: [u8; 4],
}

/// Byte offset of the Checksum field in the TCP header.
const CHECKSUM_AT: usize = 16;

/// Bytes summed before the accumulator is folded: 2^18 words of at most 2^32 − 1 stay below
/// 2^50, so the 64-bit accumulator never overflows, whatever the input's length.
const BLOCK: usize = 1 << 20;

/// The 16-bit one's complement of the one's complement sum of the pseudo-header
/// (source, destination, zero, protocol 6, TCP length) and the TCP segment `tcp`.
/// Computing it over a segment whose checksum field is already filled in gives 0 when valid.
pub fn checksum_ipv4(ips: Ipv4Pair, tcp: &[u8]) -> u16 {
    !ones_sum(ips, tcp, false)
}

/// The checksum the sender should have written: as [`checksum_ipv4`] with the Checksum field
/// itself read as zero (RFC 9293 §3.1: "the checksum field itself is replaced with zeros"),
/// without copying the segment.
pub fn checksum_expected(ips: Ipv4Pair, tcp: &[u8]) -> u16 {
    !ones_sum(ips, tcp, true)
}

/// [`checksum_ipv4`] of a segment held in two parts, its header and its payload, without
/// joining them, and with the header's Checksum field read as zero (whatever it holds, as
/// [`checksum_expected`]). The header is a whole number of 32-bit words, so the payload's
/// words start at an even offset and the sums add up.
pub(crate) fn checksum_parts(ips: Ipv4Pair, header: &[u8], payload: &[u8]) -> u16 {
    let len = header.len().saturating_add(payload.len()) as u64;
    let head = match (header.get(..CHECKSUM_AT), header.get(CHECKSUM_AT + 2..)) {
        (Some(before), Some(after)) => {
            u64::from(sum_le(before).swap_bytes()) + u64::from(sum_le(after).swap_bytes())
        }
        _ => u64::from(sum_le(header).swap_bytes()),
    };
    let data = head + u64::from(sum_le(payload).swap_bytes());
    !fold(pseudo_sum(ips, len) + data)
}

/// The pseudo-header's sum: source, destination, zero, protocol 6, TCP length.
fn pseudo_sum(ips: Ipv4Pair, tcp_len: u64) -> u64 {
    let be = |hi: u8, lo: u8| u64::from(u16::from_be_bytes([hi, lo]));
    be(ips.src[0], ips.src[1])
        + be(ips.src[2], ips.src[3])
        + be(ips.dst[0], ips.dst[1])
        + be(ips.dst[2], ips.dst[3])
        + be(0, 6)
        // The pseudo-header's TCP length is 16 bits; an IPv4 datagram cannot carry more.
        + (tcp_len & 0xffff)
}

/// Fold a one's complement sum held in 64 bits down to 16 bits (end-around carries).
fn fold(mut sum: u64) -> u16 {
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum as u16
}

/// The one's complement sum, folded to 16 bits, of `bytes` read as little-endian 16-bit words
/// (the last odd byte padded with a zero octet after it). `bytes` must start at an even offset
/// of the segment. Byte-swapping the result gives the sum of the big-endian words.
fn sum_le(bytes: &[u8]) -> u16 {
    let mut total: u64 = 0;
    for block in bytes.chunks(BLOCK) {
        let mut acc: u64 = 0;
        // Sixteen bytes a step, unrolled by hand and without an iterator: builds for size (the
        // web's opt-level "z") neither unroll loops nor inline an iterator's `next`.
        let mut rest = block;
        while let Some((line, tail)) = rest.split_first_chunk::<16>() {
            let [a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3, d0, d1, d2, d3] = *line;
            acc += u64::from(u32::from_le_bytes([a0, a1, a2, a3]))
                + u64::from(u32::from_le_bytes([b0, b1, b2, b3]))
                + u64::from(u32::from_le_bytes([c0, c1, c2, c3]))
                + u64::from(u32::from_le_bytes([d0, d1, d2, d3]));
            rest = tail;
        }
        while let Some((word, tail)) = rest.split_first_chunk::<4>() {
            acc += u64::from(u32::from_le_bytes(*word));
            rest = tail;
        }
        acc += match *rest {
            [a] => u64::from(a),
            [a, b] => u64::from(u16::from_le_bytes([a, b])),
            [a, b, c] => u64::from(u16::from_le_bytes([a, b])) + u64::from(c),
            _ => 0,
        };
        // At most 2^50 each, folded before the next block: no overflow.
        total = u64::from(fold(total + acc));
    }
    fold(total)
}

/// The folded one's complement sum. With `skip_checksum`, the word at byte 16 counts as zero.
fn ones_sum(ips: Ipv4Pair, tcp: &[u8], skip_checksum: bool) -> u16 {
    let pseudo = pseudo_sum(ips, tcp.len() as u64);
    // Both parts start at even offsets, so their word sums simply add up.
    let data = match (
        skip_checksum,
        tcp.get(..CHECKSUM_AT),
        tcp.get(CHECKSUM_AT + 2..),
    ) {
        (true, Some(before), Some(after)) => {
            u64::from(sum_le(before).swap_bytes()) + u64::from(sum_le(after).swap_bytes())
        }
        _ => u64::from(sum_le(tcp).swap_bytes()),
    };
    fold(pseudo + data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    /// RFC 1071's definition, two bytes at a time (the obvious, slow way).
    fn reference(ips: Ipv4Pair, tcp: &[u8], skip_checksum: bool) -> u16 {
        let mut sum: u64 = 0;
        for p in [ips.src, ips.dst] {
            sum += u64::from(u16::from_be_bytes([p[0], p[1]]));
            sum += u64::from(u16::from_be_bytes([p[2], p[3]]));
        }
        sum += 6 + ((tcp.len() as u64) & 0xffff);
        let mut i = 0;
        while i < tcp.len() {
            let hi = tcp[i];
            let lo = tcp.get(i + 1).copied().unwrap_or(0);
            if !(skip_checksum && i == CHECKSUM_AT && i + 1 < tcp.len()) {
                sum += u64::from(u16::from_be_bytes([hi, lo]));
            }
            i += 2;
        }
        !fold(sum)
    }

    /// `n` pseudo-random octets (xorshift32 from `seed`).
    fn noise(mut x: u32, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect()
    }

    #[test]
    fn a_header_and_payload_apart_sum_as_the_segment_whole() {
        let ips = Ipv4Pair {
            src: [10, 0, 0, 2],
            dst: [10, 0, 0, 1],
        };
        let data = noise(0x9e37_79b9, 3000);
        // Headers of 20 to 60 octets (whole words; the checksum field read as zero, whatever
        // it holds), payloads of any length, odd ones included.
        for hlen in (20..=60).step_by(4) {
            let head = data[..hlen].to_vec();
            let mut zeroed = head.clone();
            zeroed[16] = 0;
            zeroed[17] = 0;
            for plen in (0..40).chain([1447, 1448, 2999 - hlen]) {
                let payload = &data[hlen..hlen + plen];
                let whole: Vec<u8> = zeroed.iter().chain(payload).copied().collect();
                assert_eq!(
                    checksum_parts(ips, &head, payload),
                    checksum_ipv4(ips, &whole),
                    "header {hlen}, payload {plen}"
                );
            }
        }
    }

    #[test]
    fn matches_the_two_bytes_at_a_time_definition() {
        let ips = Ipv4Pair {
            src: [10, 0, 0, 1],
            dst: [192, 168, 255, 254],
        };
        // A pseudo-random byte pattern, every length from 0 to 300, plus long ones.
        let data = noise(0x1234_5678, 200_000);
        let ones = alloc::vec![0xffu8; 70_000];
        let lens = (0..300).chain([1459, 1460, 1500, 65_535, 65_536, 70_000, 131_071]);
        for len in lens {
            for src in [&data[..len], &data[1..=len], &ones[..len.min(ones.len())]] {
                for skip in [false, true] {
                    assert_eq!(
                        ones_sum(ips, src, skip),
                        !reference(ips, src, skip),
                        "len {} skip {skip}",
                        src.len()
                    );
                }
            }
        }
    }

    #[test]
    fn long_input_folds_without_overflow() {
        // More than one block of all-ones words.
        let big = alloc::vec![0xffu8; 3 * BLOCK + 7];
        let ips = Ipv4Pair {
            src: [255; 4],
            dst: [255; 4],
        };
        assert_eq!(
            checksum_ipv4(ips, &big),
            reference(ips, &big, false),
            "3 blocks"
        );
    }
}
