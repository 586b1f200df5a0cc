//! Real captures changed by hand, each to show one thing: a retransmission earlier than the
//! model's RTO, a tail loss probe, a capture that starts after the handshake, IPv6 extension
//! headers, IP fragments, Ethernet padding, offloaded lengths.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{assemble, fixture, records, relink, shifted};
use synack_capture::{open, Note, Options, Skip};
use synack_core::Event;
use synack_sim::{Side, TraceEventKind};

#[test]
fn the_last_segment_sent_again_early_is_a_tail_loss_probe() {
    // handshake_close.client.pcap: records 0-2 the handshake, 3 the client's "hello", 4 the
    // server's ACK 40 ms later. A copy of "hello" 5 ms after it: sent again long before any
    // RTO (at least 200 ms), and it is the highest segment sent.
    let p = fixture("captures", "handshake_close.client.pcap");
    let (head, mut recs) = records(&p);
    let copy = shifted(&recs[3], 5_000);
    recs.insert(4, copy);
    let cap = open(&assemble(&head, &recs)).unwrap();
    let ct = cap.observe(0, &Options::default()).unwrap();
    assert!(
        ct.notes.contains(&Note::TailLossProbe {
            id: 4,
            side: Side::Client
        }),
        "{:?}",
        ct.notes
    );
    assert_eq!(
        ct.trace.segments[4].reason,
        synack_core::SendReason::LossProbe
    );
}

#[test]
fn an_older_segment_sent_again_before_the_rto_is_an_early_retransmission() {
    // loss.client.pcap: records 3.. are the client's first payload segments; the first one sent
    // again right after the fourth, with no loss signal at all.
    let p = fixture("captures", "loss.client.pcap");
    let (head, mut recs) = records(&p);
    let mut copy = recs[3].clone();
    copy.0 = shifted(&recs[6], 100).0;
    recs.insert(7, copy);
    let cap = open(&assemble(&head, &recs)).unwrap();
    let ct = cap.observe(0, &Options::default()).unwrap();
    let early: Vec<&Note> = ct
        .notes
        .iter()
        .filter(|n| matches!(n, Note::EarlyRetransmission { .. }))
        .collect();
    assert_eq!(early.len(), 1, "{:?}", ct.notes);
    let Note::EarlyRetransmission {
        side,
        seq,
        early_us,
        ..
    } = early[0]
    else {
        panic!()
    };
    assert_eq!((*side, *seq), (Side::Client, 1));
    // The model's next retransmission would be its tail loss probe, a PTO of about two round
    // trips (RFC 8985 §7.2: 2·SRTT, the handshake's 40.7 ms) after the burst.
    assert!((70_000..100_000).contains(early_us), "{early_us}");
}

#[test]
fn a_capture_that_starts_after_the_handshake_has_no_states() {
    let p = fixture("captures", "handshake_close.client.pcap");
    let (head, recs) = records(&p);
    let cap = open(&assemble(&head, &recs[3..])).unwrap();
    assert!(!cap.connections()[0].has_syn());
    let ct = cap.observe(0, &Options::default()).unwrap();
    assert!(ct.notes.contains(&Note::NoHandshake), "{:?}", ct.notes);
    // The timestamps' echoes still tell where it was taken and how far the other end is
    // (make.sh's wire: 20 ms each way).
    assert!(
        matches!(ct.timing, synack_capture::Timing::Estimated { captured_at: Side::Client, one_way_us }
            if (19_000..22_000).contains(&one_way_us)),
        "{:?}",
        ct.timing
    );
    let server_side = open(&{
        let p = fixture("captures", "handshake_close.server.pcap");
        let (head, recs) = records(&p);
        assemble(&head, &recs[3..])
    })
    .unwrap();
    let st = server_side.observe(0, &Options::default()).unwrap();
    assert!(
        matches!(
            st.timing,
            synack_capture::Timing::Estimated {
                captured_at: Side::Server,
                ..
            }
        ),
        "{:?}",
        st.timing
    );
    // Without a handshake nothing says where it was taken or how far the other end is: the
    // reader may say (here: at the client, 20 ms one way, as make.sh's wire has it).
    let told = Options {
        captured_at: Some(Side::Client),
        one_way_us: Some(20_000),
        ..Options::default()
    };
    let t = cap.observe(0, &told).unwrap();
    assert_eq!(
        t.timing,
        synack_capture::Timing::Estimated {
            captured_at: Side::Client,
            one_way_us: 20_000
        }
    );
    let r = &t.trace.segments[0];
    assert_eq!(r.from, Side::Client);
    assert!(matches!(r.fate, synack_sim::Fate::Arrived { at } if at.0 == r.sent_at.0 + 20_000));
    assert_eq!(ct.trace.segments.len(), 7);
    assert!(!ct.trace.events.iter().any(|e| matches!(
        e.kind,
        TraceEventKind::Core {
            event: Event::StateChanged { .. }
        }
    )));
}

/// An IPv6 packet inside a cooked-v2 frame (20 bytes of header) with extension headers put
/// between the fixed header and TCP.
fn with_extensions(frame: &[u8], ext: &[u8], first: u8) -> Vec<u8> {
    let (sll, ip) = frame.split_at(20);
    let mut ip = ip.to_vec();
    if ip[0] >> 4 != 6 {
        return frame.to_vec();
    }
    let next = ip[6];
    let plen = u16::from_be_bytes([ip[4], ip[5]]) + ext.len() as u16;
    ip[4..6].copy_from_slice(&plen.to_be_bytes());
    ip[6] = first;
    let mut ext = ext.to_vec();
    // The last extension header's Next Header is TCP's (the original one).
    let last = ext.len() - 8;
    ext[last] = next;
    [sll, &ip[..40], &ext, &ip[40..]].concat()
}

#[test]
fn ipv6_extension_headers_are_walked_and_fragments_skipped() {
    let p = fixture("captures", "several.sll2.pcap");
    let plain = open(&p).unwrap();
    // Hop-by-Hop (next: Destination Options), then Destination Options (next: set above), each
    // 8 octets of PadN.
    let hbh_dst = [60, 0, 1, 4, 0, 0, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0];
    let cap = open(&relink(&p, 276, |f| with_extensions(f, &hbh_dst, 0))).unwrap();
    let (a, b) = (&plain.connections()[2], &cap.connections()[2]);
    assert_eq!(
        (a.client, a.server, a.segments),
        (b.client, b.server, b.segments)
    );
    let tcp = |c: &synack_capture::Capture| -> Vec<Vec<u8>> {
        c.connections()[2]
            .packets
            .iter()
            .map(|&i| c.packets()[i as usize].tcp.clone())
            .collect()
    };
    assert_eq!(tcp(&plain), tcp(&cap));
    // A Fragment header with a non-zero offset: every IPv6 TCP packet is skipped as a fragment;
    // an atomic fragment (offset 0, M clear) is read whole.
    let frag = [6, 0, 0, 8, 0, 0, 0, 1];
    let cap = open(&relink(&p, 276, |f| with_extensions(f, &frag, 44))).unwrap();
    assert_eq!(cap.connections().len(), 2);
    assert!(cap.skipped().any(|(s, n)| s == Skip::Fragment && n >= 10));
    let atomic = [6, 0, 0, 0, 0, 0, 0, 1];
    let cap = open(&relink(&p, 276, |f| with_extensions(f, &atomic, 44))).unwrap();
    assert_eq!(tcp(&plain), tcp(&cap));
}

#[test]
fn ipv4_fragments_padding_and_offloaded_lengths() {
    let p = fixture("captures", "handshake_close.client.pcap");
    let plain = open(&p).unwrap();
    // Ethernet padding after the datagram is not TCP payload.
    let same = |c: &synack_capture::Capture| {
        c.packets().len() == plain.packets().len()
            && c.packets()
                .iter()
                .zip(plain.packets())
                .all(|(a, b)| (&a.tcp, a.src, a.dst) == (&b.tcp, b.src, b.dst))
    };
    let padded = open(&relink(&p, 1, |f| [f, &[0u8; 10][..]].concat())).unwrap();
    assert!(same(&padded));
    // A total length of 0 (a sender's capture with segmentation offload): the rest of the frame.
    let tso = open(&relink(&p, 1, |f| {
        let mut f = f.to_vec();
        f[16] = 0;
        f[17] = 0;
        f
    }))
    .unwrap();
    assert!(same(&tso));
    // More Fragments set on the client's data segment (record 3): skipped, counted.
    let (head, mut recs) = records(&p);
    recs[3].1[20] |= 0x20;
    let cap = open(&assemble(&head, &recs)).unwrap();
    assert_eq!(cap.packets().len(), 9);
    assert_eq!(cap.skipped().collect::<Vec<_>>(), [(Skip::Fragment, 1)]);
    // The server's bytes 1..6 acknowledged were never seen: the model says what is missing.
    let ct = cap.observe(0, &Options::default()).unwrap();
    assert!(ct.trace.segments.len() == 9);
}

/// A pcapng block: type, total length, body padded to 4, total length again.
fn block(big: bool, kind: u32, body: &[u8]) -> Vec<u8> {
    let u32b = |v: u32| {
        if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut body = body.to_vec();
    while !body.len().is_multiple_of(4) {
        body.push(0);
    }
    let len = 12 + body.len() as u32;
    [&u32b(kind)[..], &u32b(len), &body, &u32b(len)].concat()
}

#[test]
fn pcapng_big_endian_sections_binary_resolution_and_simple_packets() {
    // The first frame of the Ethernet fixture, in a pcapng written by a big-endian machine:
    // a section, an interface with if_tsresol 2^-20 and if_tsoffset 1000 s, an Enhanced Packet
    // Block, then a second little-endian section whose interface takes a Simple Packet Block.
    let p = fixture("captures", "handshake_close.client.pcap");
    let (_, recs) = records(&p);
    let frame = &recs[0].1;
    let be32 = |v: u32| v.to_be_bytes();
    let be16 = |v: u16| v.to_be_bytes();
    let shb_be = block(
        true,
        0x0a0d0d0a,
        &[&be32(0x1a2b3c4d)[..], &be16(1), &be16(0), &[0xff; 8]].concat(),
    );
    let idb_be = block(
        true,
        1,
        &[
            &be16(1)[..],
            &be16(0),
            &be32(0),
            &be16(9),
            &be16(1),
            &[0x80 | 20, 0, 0, 0],
            &be16(14),
            &be16(8),
            &1000u64.to_be_bytes(),
            &be16(0),
            &be16(0),
        ]
        .concat(),
    );
    // 3 s and a half in units of 2^-20 s.
    let ts: u64 = 3 * (1 << 20) + (1 << 19);
    let epb_be = block(
        true,
        6,
        &[
            &be32(0)[..],
            &be32((ts >> 32) as u32),
            &be32(ts as u32),
            &be32(frame.len() as u32),
            &be32(frame.len() as u32),
            frame,
        ]
        .concat(),
    );
    let le32 = |v: u32| v.to_le_bytes();
    let shb_le = block(
        false,
        0x0a0d0d0a,
        &[
            &le32(0x1a2b3c4d)[..],
            &1u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &[0xff; 8],
        ]
        .concat(),
    );
    let idb_le = block(
        false,
        1,
        &[&1u16.to_le_bytes()[..], &0u16.to_le_bytes(), &le32(0)].concat(),
    );
    let spb = block(false, 3, &[&le32(frame.len() as u32)[..], frame].concat());
    let file = [shb_be, idb_be, epb_be, shb_le, idb_le, spb].concat();
    let cap = open(&file).unwrap();
    assert_eq!(cap.problem(), None);
    assert_eq!(
        (cap.frames(), cap.skipped().collect::<Vec<_>>()),
        (2, vec![])
    );
    assert_eq!(cap.packets().len(), 2);
    assert_eq!(cap.packets()[0].ts_ns, 1_003_500_000_000);
    assert_eq!(cap.packets()[0].tcp, cap.packets()[1].tcp);
    assert_eq!(cap.packets()[1].frame, 2);
    // A packet on an interface no block declared: a located error after the good packets.
    let bad = block(
        false,
        6,
        &[
            &le32(5)[..],
            &le32(0),
            &le32(0),
            &le32(4),
            &le32(4),
            &[0; 4],
        ]
        .concat(),
    );
    let at = file.len();
    let cap = open(&[file, bad].concat()).unwrap();
    assert_eq!(cap.packets().len(), 2);
    let e = cap.problem().unwrap();
    assert_eq!(
        (e.kind, e.offset, e.packet),
        (
            synack_capture::ErrorKind::UnknownInterface { interface: 5 },
            at + 8,
            Some(3)
        )
    );
}
