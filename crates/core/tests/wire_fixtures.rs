//! Byte fixtures: real segments from Linux 6.18 (`tests/fixtures/linux/*.pcap`, the TCP
//! part after the 20-byte IPv4 header), checked by hand field by field against RFC 9293 §3.1,
//! then parsed, re-emitted and explained.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::wire::{Flags, Ipv4Pair, ParseErrorKind, Segment, TcpOption};

const CLIENT: [u8; 4] = [10, 99, 0, 1];
const SERVER: [u8; 4] = [10, 99, 0, 2];
const C2S: Ipv4Pair = Ipv4Pair {
    src: CLIENT,
    dst: SERVER,
};
const S2C: Ipv4Pair = Ipv4Pair {
    src: SERVER,
    dst: CLIENT,
};

/// S1_normal, packet 1: the client's SYN.
#[rustfmt::skip]
const LINUX_SYN: [u8; 40] = [
    0x9c, 0x41, 0x13, 0x88, // src port 40001, dst port 5000
    0xfb, 0x5d, 0x0a, 0x05, // seq 4217178629 (the ISS)
    0x00, 0x00, 0x00, 0x00, // ack 0 (ACK not set)
    0xa0, 0x02,             // data offset 10 words, reserved 0; flags SYN
    0xfa, 0xf0,             // window 64240
    0x12, 0x4f,             // checksum
    0x00, 0x00,             // urgent pointer 0
    0x02, 0x04, 0x05, 0xb4, // MSS 1460
    0x04, 0x02,             // SACK permitted
    0x08, 0x0a, 0x33, 0x62, 0x3d, 0x66, 0x00, 0x00, 0x00, 0x00, // TS val 862076262 ecr 0
    0x01,                   // NOP
    0x03, 0x03, 0x0a,       // window scale 10
];

/// S1_normal, packet 2: the server's SYN-ACK.
#[rustfmt::skip]
const LINUX_SYN_ACK: [u8; 40] = [
    0x13, 0x88, 0x9c, 0x41,
    0x86, 0x9b, 0x18, 0xd2, // seq 2258311378 (server ISS)
    0xfb, 0x5d, 0x0a, 0x06, // ack = client ISS + 1
    0xa0, 0x12,             // SYN|ACK
    0xfe, 0x88,             // window 65160
    0xfa, 0x76, 0x00, 0x00,
    0x02, 0x04, 0x05, 0xb4, 0x04, 0x02,
    0x08, 0x0a, 0xb3, 0xa8, 0xc1, 0x18, 0x33, 0x62, 0x3d, 0x66, // TS echoes the SYN's TSval
    0x01, 0x03, 0x03, 0x0a,
];

/// S1_normal, packet 4: the client's "hello" (PSH|ACK, NOP NOP TS, 5 bytes of data).
#[rustfmt::skip]
const LINUX_HELLO: [u8; 37] = [
    0x9c, 0x41, 0x13, 0x88,
    0xfb, 0x5d, 0x0a, 0x06,
    0x86, 0x9b, 0x18, 0xd3,
    0x80, 0x18,             // data offset 8, PSH|ACK
    0x00, 0x3f,             // window 63 (<< 10 = 64512)
    0xe3, 0x4c, 0x00, 0x00,
    0x01, 0x01, 0x08, 0x0a, 0x33, 0x62, 0x3d, 0xca, 0xb3, 0xa8, 0xc1, 0x18,
    b'h', b'e', b'l', b'l', b'o',
];

/// S1_normal, packet 8: the client's FIN|ACK.
#[rustfmt::skip]
const LINUX_FIN: [u8; 32] = [
    0x9c, 0x41, 0x13, 0x88, 0xfb, 0x5d, 0x0a, 0x0b, 0x86, 0x9b, 0x18, 0xd8,
    0x80, 0x11, 0x00, 0x3f, 0x26, 0x57, 0x00, 0x00,
    0x01, 0x01, 0x08, 0x0a, 0x33, 0x62, 0x3e, 0x2f, 0xb3, 0xa8, 0xc1, 0x7d,
];

/// S2_refused, packet 2: the RST|ACK of a port with no listener, answering the SYN with
/// seq 0xc9a8e796: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 9293 §3.10.7.1).
#[rustfmt::skip]
const LINUX_RST_ACK: [u8; 20] = [
    0x13, 0x8a, 0x9c, 0x42, // 5002 -> 40002
    0x00, 0x00, 0x00, 0x00,
    0xc9, 0xa8, 0xe7, 0x97,
    0x50, 0x14,             // 5 words, RST|ACK
    0x00, 0x00,
    0x39, 0xfb, 0x00, 0x00,
];

fn parse_ok(bytes: &[u8], ips: Ipv4Pair) -> synack_core::wire::Parsed {
    match Segment::parse(bytes, Some(ips)) {
        Ok(p) => p,
        Err(e) => panic!("fixture does not parse: {e}"),
    }
}

#[test]
fn linux_syn_fields_by_hand() {
    let p = parse_ok(&LINUX_SYN, C2S);
    assert_eq!(p.checksum_ok, Some(true));
    assert_eq!(p.checksum, 0x124f);
    assert_eq!(p.data_offset, 10);
    assert_eq!(p.reserved, 0);
    let expected = Segment {
        src_port: 40001,
        dst_port: 5000,
        seq: 4_217_178_629,
        ack: 0,
        flags: Flags::SYN,
        window: 64240,
        urgent: 0,
        options: vec![
            TcpOption::Mss(1460),
            TcpOption::SackPermitted,
            TcpOption::Timestamps {
                tsval: 862_076_262,
                tsecr: 0,
            },
            TcpOption::Nop,
            TcpOption::WindowScale(10),
        ],
        payload: Default::default(),
    };
    assert_eq!(p.segment, expected);
    assert_eq!(p.segment.seg_len(), 1, "SYN occupies one sequence number");
    assert_eq!(p.segment.mss(), Some(1460));
    assert_eq!(p.segment.window_scale(), Some(10));
    assert!(p.segment.sack_permitted());
    assert_eq!(p.segment.timestamps(), Some((862_076_262, 0)));
    // Building the same segment by hand and emitting it gives Linux's bytes exactly,
    // checksum included.
    assert_eq!(expected.emit(C2S), LINUX_SYN);
    assert!(expected.is_canonical());
    assert_eq!(expected.header_len(), 40);
}

#[test]
fn linux_syn_ack_acknowledges_the_syn() {
    let syn = parse_ok(&LINUX_SYN, C2S).segment;
    let p = parse_ok(&LINUX_SYN_ACK, S2C);
    let s = &p.segment;
    assert_eq!(s.flags, Flags::SYN | Flags::ACK);
    assert_eq!(s.ack, syn.seq.wrapping_add(1));
    assert_eq!(s.window, 65160);
    assert_eq!(s.timestamps(), Some((0xb3a8_c118, 862_076_262)));
    assert_eq!(s.emit(S2C), LINUX_SYN_ACK);
}

#[test]
fn linux_data_segment_with_payload() {
    let p = parse_ok(&LINUX_HELLO, C2S);
    let s = &p.segment;
    assert_eq!(p.data_offset, 8);
    assert_eq!(s.flags, Flags::PSH | Flags::ACK);
    assert_eq!(s.payload, b"hello");
    assert_eq!(s.seg_len(), 5);
    assert_eq!(s.window, 63);
    assert_eq!(
        s.options,
        vec![
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Timestamps {
                tsval: 0x3362_3dca,
                tsecr: 0xb3a8_c118
            }
        ]
    );
    assert_eq!(s.emit(C2S), LINUX_HELLO);
}

#[test]
fn linux_fin_and_rst_ack() {
    let fin = parse_ok(&LINUX_FIN, C2S).segment;
    assert_eq!(fin.flags, Flags::FIN | Flags::ACK);
    assert_eq!(fin.seg_len(), 1, "FIN occupies one sequence number");
    assert_eq!(fin.emit(C2S), LINUX_FIN);

    let p = parse_ok(&LINUX_RST_ACK, S2C);
    let rst = &p.segment;
    assert_eq!(p.data_offset, 5);
    assert_eq!((rst.src_port, rst.dst_port), (5002, 40002));
    assert_eq!(rst.flags, Flags::RST | Flags::ACK);
    assert_eq!(rst.seq, 0);
    assert_eq!(rst.ack, 0xc9a8_e796 + 1);
    assert_eq!(rst.window, 0);
    assert!(rst.options.is_empty() && rst.payload.is_empty());
    assert_eq!(rst.seg_len(), 0, "RST occupies no sequence number");
    assert_eq!(rst.emit(S2C), LINUX_RST_ACK);
}

#[test]
fn wrong_addresses_fail_the_checksum_and_say_what_was_expected() {
    // The same SYN seen with the addresses swapped: the pseudo-header sum is the same (one's
    // complement addition commutes), so swap in a different address instead.
    let other = Ipv4Pair {
        src: [10, 99, 0, 3],
        dst: SERVER,
    };
    let err = Segment::parse(&LINUX_SYN, Some(other)).unwrap_err();
    assert_eq!(err.offset, 16);
    let ParseErrorKind::BadChecksum { found, expected } = err.kind else {
        panic!("expected BadChecksum, got {err:?}");
    };
    assert_eq!(found, 0x124f);
    // The source address's low word grew by 2 (0x0001 -> 0x0003), so the one's complement
    // checksum drops by 2.
    assert_eq!(expected, 0x124d);
    let mut fixed = LINUX_SYN;
    fixed[16..18].copy_from_slice(&expected.to_be_bytes());
    assert_eq!(
        Segment::parse(&fixed, Some(other)).map(|p| p.checksum_ok),
        Ok(Some(true))
    );
    // Without addresses, the checksum is read, not checked.
    assert_eq!(
        Segment::parse(&LINUX_SYN, None).map(|p| p.checksum_ok),
        Ok(None)
    );
    // A single flipped payload bit is caught.
    let mut corrupt = LINUX_HELLO;
    corrupt[36] ^= 0x01;
    assert!(matches!(
        Segment::parse(&corrupt, Some(C2S)).map_err(|e| e.kind),
        Err(ParseErrorKind::BadChecksum { .. })
    ));
}

/// Every segment of every capture in the repository's fixtures (`tests/fixtures/linux` and
/// `tests/fixtures/linux-data`, copied from the shared captures so that a plain clone has them):
/// parses with a verified checksum, and emitting the parsed segment gives the captured bytes
/// back exactly.
#[test]
fn every_captured_segment_round_trips() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut entries = Vec::new();
    for sub in ["linux", "linux-data"] {
        let dir = root.join(sub);
        let list = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("no Linux captures at {}: {e}", dir.display()));
        entries.extend(list.flatten());
    }
    let mut checked = 0;
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("pcap") {
            continue;
        }
        let file = std::fs::read(&path).unwrap();
        // Classic pcap, little-endian, LINKTYPE_RAW (101): records hold bare IPv4 packets.
        assert_eq!(&file[..4], &[0xd4, 0xc3, 0xb2, 0xa1], "{}", path.display());
        assert_eq!(file[20], 101, "{}: link type", path.display());
        let mut at = 24;
        while at + 16 <= file.len() {
            let incl = u32::from_le_bytes(file[at + 8..at + 12].try_into().unwrap()) as usize;
            let ip = &file[at + 16..at + 16 + incl];
            at += 16 + incl;
            let ihl = usize::from(ip[0] & 0x0f) * 4;
            let total = usize::from(u16::from_be_bytes([ip[2], ip[3]]));
            assert_eq!(ip[9], 6, "not TCP");
            let ips = Ipv4Pair {
                src: ip[12..16].try_into().unwrap(),
                dst: ip[16..20].try_into().unwrap(),
            };
            let tcp = &ip[ihl..total];
            let p = Segment::parse(tcp, Some(ips))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(p.checksum_ok, Some(true));
            assert!(p.segment.is_canonical());
            assert_eq!(p.segment.emit(ips), tcp, "{}", path.display());
            checked += 1;
        }
    }
    assert!(
        checked >= 500,
        "only {checked} segments found in {}",
        root.display()
    );
}
