//! From a frame's link-layer bytes to a TCP segment's bytes: the link types (Ethernet with
//! 802.1Q/802.1ad tags, raw IP, Linux cooked v1 and v2, BSD loopback), then IPv4 or IPv6
//! (extension headers walked per RFC 8200 §4). Anything that is not an unfragmented TCP
//! packet is a [`Skip`], counted by the caller.

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why a frame holds no TCP segment synack can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// A link type synack does not read (its LINKTYPE_ value).
    LinkType(u16),
    /// Not IP: ARP, LLDP… (the EtherType or protocol number).
    NotIp(u16),
    /// IP, but not TCP (the protocol number: 17 UDP, 1 ICMP, 58 ICMPv6…).
    NotTcp(u8),
    /// A fragment of an IP datagram (synack does not reassemble).
    Fragment,
    /// Cut short by the snap length or malformed below TCP.
    Truncated,
    /// The TCP header itself does not parse.
    BadTcp,
}

/// The network-layer packet a frame carries.
pub struct Tcp<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
    /// The TCP header and payload (IP padding removed).
    pub bytes: &'a [u8],
    /// Offset of `bytes` within the frame's data.
    pub offset: usize,
}

const ETH_IPV4: u16 = 0x0800;
const ETH_IPV6: u16 = 0x86dd;

fn be16(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

/// The IP packet inside a frame of `linktype`: (offset of the IP header, EtherType-like kind).
fn network(linktype: u16, d: &[u8]) -> Result<(usize, u16), Skip> {
    let by_version = |at: usize| match d.get(at).map(|b| b >> 4) {
        Some(4) => Ok((at, ETH_IPV4)),
        Some(6) => Ok((at, ETH_IPV6)),
        Some(_) => Err(Skip::NotIp(0)),
        None => Err(Skip::Truncated),
    };
    match linktype {
        // LINKTYPE_ETHERNET: 6 + 6 bytes of addresses, then the EtherType; 802.1Q (0x8100),
        // 802.1ad (0x88a8) and the old QinQ 0x9100 tags each add 4 bytes.
        1 => {
            let mut at = 12;
            let mut kind = be16(d, at).ok_or(Skip::Truncated)?;
            while matches!(kind, 0x8100 | 0x88a8 | 0x9100) {
                at += 4;
                kind = be16(d, at).ok_or(Skip::Truncated)?;
            }
            Ok((at + 2, kind))
        }
        // LINKTYPE_RAW (101; DLT_RAW 12 and 14 on some BSDs): the IP header first.
        101 | 12 | 14 => by_version(0),
        // LINKTYPE_IPV4, LINKTYPE_IPV6.
        228 => Ok((0, ETH_IPV4)),
        229 => Ok((0, ETH_IPV6)),
        // LINKTYPE_LINUX_SLL: 16 bytes, the protocol in the last two.
        113 => Ok((16, be16(d, 14).ok_or(Skip::Truncated)?)),
        // LINKTYPE_LINUX_SLL2: 20 bytes, the protocol in the first two.
        276 => Ok((20, be16(d, 0).ok_or(Skip::Truncated)?)),
        // LINKTYPE_NULL (host byte order) and LINKTYPE_LOOP (network byte order): a 4-byte
        // address family. AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (NetBSD,
        // OpenBSD), 28 (FreeBSD), 30 (macOS).
        0 | 108 => {
            let raw = [
                *d.first().ok_or(Skip::Truncated)?,
                *d.get(1).ok_or(Skip::Truncated)?,
                *d.get(2).ok_or(Skip::Truncated)?,
                *d.get(3).ok_or(Skip::Truncated)?,
            ];
            let be = u32::from_be_bytes(raw);
            let family = if linktype == 108 || be < 256 {
                be
            } else {
                u32::from_le_bytes(raw)
            };
            match family {
                2 => Ok((4, ETH_IPV4)),
                10 | 24 | 28 | 30 => Ok((4, ETH_IPV6)),
                f => Err(Skip::NotIp(f as u16)),
            }
        }
        other => Err(Skip::LinkType(other)),
    }
}

/// The TCP segment a frame carries, or why it carries none.
pub fn tcp(linktype: u16, d: &[u8]) -> Result<Tcp<'_>, Skip> {
    let (at, kind) = network(linktype, d)?;
    let ip = d.get(at..).ok_or(Skip::Truncated)?;
    let (src, dst, off, len) = match kind {
        ETH_IPV4 => ipv4(ip)?,
        ETH_IPV6 => ipv6(ip)?,
        k => return Err(Skip::NotIp(k)),
    };
    let bytes = ip
        .get(off..off.saturating_add(len))
        .ok_or(Skip::Truncated)?;
    Ok(Tcp {
        src,
        dst,
        bytes,
        offset: at + off,
    })
}

/// IPv4 (RFC 791 §3.1): (src, dst, offset of TCP, TCP length).
fn ipv4(ip: &[u8]) -> Result<(IpAddr, IpAddr, usize, usize), Skip> {
    let vihl = *ip.first().ok_or(Skip::Truncated)?;
    if vihl >> 4 != 4 {
        return Err(Skip::NotIp(0));
    }
    let ihl = usize::from(vihl & 0x0f) * 4;
    if ihl < 20 || ip.len() < ihl {
        return Err(Skip::Truncated);
    }
    let total = usize::from(be16(ip, 2).ok_or(Skip::Truncated)?);
    let frag = be16(ip, 6).ok_or(Skip::Truncated)?;
    // More Fragments, or a fragment offset: part of a datagram.
    if frag & 0x3fff != 0 {
        return Err(Skip::Fragment);
    }
    let proto = *ip.get(9).ok_or(Skip::Truncated)?;
    if proto != 6 {
        return Err(Skip::NotTcp(proto));
    }
    let addr = |at: usize| -> Result<IpAddr, Skip> {
        let s = ip.get(at..at + 4).ok_or(Skip::Truncated)?;
        let mut a = [0u8; 4];
        a.copy_from_slice(s);
        Ok(IpAddr::V4(Ipv4Addr::from(a)))
    };
    // A total length of 0 is what a capture of TCP segmentation offload shows: the rest of the
    // frame. Otherwise the frame may hold padding after the datagram (Ethernet's minimum).
    let end = match total {
        0 => ip.len(),
        t if t < ihl => return Err(Skip::Truncated),
        t if t > ip.len() => return Err(Skip::Truncated),
        t => t,
    };
    Ok((addr(12)?, addr(16)?, ihl, end - ihl))
}

/// IPv6 (RFC 8200 §3, §4): walks the extension headers to TCP.
fn ipv6(ip: &[u8]) -> Result<(IpAddr, IpAddr, usize, usize), Skip> {
    if ip.first().map(|b| b >> 4) != Some(6) {
        return Err(Skip::NotIp(0));
    }
    let payload = usize::from(be16(ip, 4).ok_or(Skip::Truncated)?);
    let addr = |at: usize| -> Result<IpAddr, Skip> {
        let s = ip.get(at..at + 16).ok_or(Skip::Truncated)?;
        let mut a = [0u8; 16];
        a.copy_from_slice(s);
        Ok(IpAddr::V6(Ipv6Addr::from(a)))
    };
    let (src, dst) = (addr(8)?, addr(24)?);
    // A payload length of 0 is a jumbogram (RFC 2675) or an offloaded capture: to the end.
    let end = match payload {
        0 => ip.len(),
        p if 40 + p > ip.len() => return Err(Skip::Truncated),
        p => 40 + p,
    };
    let mut next = *ip.get(6).ok_or(Skip::Truncated)?;
    let mut at = 40usize;
    loop {
        match next {
            6 => break,
            // Hop-by-Hop, Routing, Destination Options, Mobility, HIP, Shim6: length in
            // 8-octet units, not counting the first 8.
            0 | 43 | 60 | 135 | 139 | 140 => {
                let n = *ip.get(at).ok_or(Skip::Truncated)?;
                let len = usize::from(*ip.get(at + 1).ok_or(Skip::Truncated)?);
                next = n;
                at += (len + 1) * 8;
            }
            // Fragment header: 8 octets; an atomic fragment (offset 0, M clear) is whole.
            44 => {
                let n = *ip.get(at).ok_or(Skip::Truncated)?;
                let off_m = be16(ip, at + 2).ok_or(Skip::Truncated)?;
                if off_m & 0xfff9 != 0 {
                    return Err(Skip::Fragment);
                }
                next = n;
                at += 8;
            }
            // Authentication Header (RFC 4302): length in 4-octet units, minus 2.
            51 => {
                let n = *ip.get(at).ok_or(Skip::Truncated)?;
                let len = usize::from(*ip.get(at + 1).ok_or(Skip::Truncated)?);
                next = n;
                at += (len + 2) * 4;
            }
            other => return Err(Skip::NotTcp(other)),
        }
        if at > end {
            return Err(Skip::Truncated);
        }
    }
    Ok((src, dst, at, end.saturating_sub(at)))
}
