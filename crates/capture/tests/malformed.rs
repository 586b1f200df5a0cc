//! The malformed corpus (tests/fixtures/captures/malformed, written by its make.py from a real
//! capture): each file broken in one way gets the error or the reading it should — the file,
//! the packet and what is wrong, and whatever could still be read. The same files seed the
//! fuzzer (examples/fuzz.rs).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use synack_capture::view::{self, Listed};
use synack_capture::{open, Capture, ErrorKind, Note, Options, Skip};
use synack_core::State;
use synack_text::Lang;

fn file(name: &str) -> Vec<u8> {
    common::fixture("captures/malformed", name)
}

fn read(name: &str) -> Capture {
    open(&file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What the web page's list says about the file.
fn listed(name: &str) -> String {
    match view::list(name, &file(name), Lang::EN) {
        Listed::Refused { error } => error,
        Listed::Read { skipped, .. } => skipped,
    }
}

fn skipped(cap: &Capture) -> Vec<(Skip, u32)> {
    cap.skipped().collect()
}

#[test]
fn files_that_cannot_be_read_say_why_at_byte_0() {
    for (name, kind) in [
        ("empty.pcap", ErrorKind::TooShort { len: 0 }),
        ("short_header.pcap", ErrorKind::TooShort { len: 20 }),
        (
            "wrong_magic.pcap",
            ErrorKind::BadMagic { magic: 0x4749_4638 },
        ),
    ] {
        let e = open(&file(name)).unwrap_err();
        assert_eq!((e.kind, e.offset, e.packet), (kind, 0, None), "{name}");
        let said = listed(name);
        assert!(said.contains(name) && said.contains("byte 0"), "{said}");
    }
    let e = open(&file("bad_byte_order.pcapng")).unwrap_err();
    assert_eq!(
        (e.kind, e.offset),
        (ErrorKind::BadByteOrder { magic: 0x1234_5678 }, 8)
    );
}

#[test]
fn a_broken_record_stops_the_reading_there_and_keeps_what_came_before() {
    for (name, packets, at, what) in [
        ("truncated.pcap", 4, 5, "cut short"),
        ("record_header_cut.pcap", 2, 3, "cut short"),
        ("huge_record.pcap", 1, 2, "2147483647"),
        ("unknown_interface.pcapng", 0, 1, "interface 7"),
    ] {
        let cap = read(name);
        assert_eq!(cap.packets().len(), packets, "{name}");
        let e = cap.problem().unwrap();
        assert_eq!(e.packet, Some(at), "{name}: {e}");
        assert!(e.offset <= file(name).len());
        let said = listed(name);
        assert!(
            said.contains(&format!("packet {at}")) && said.contains(what),
            "{name}: {said}"
        );
    }
    assert!(matches!(
        read("huge_record.pcap").problem().unwrap().kind,
        ErrorKind::PacketTooLong {
            len: 0x7fff_ffff,
            ..
        }
    ));
    // A pcapng block whose length is wrong, or whose trailing copy differs: the interface
    // block itself, so nothing after it can be read, and the list says where and why.
    for name in ["bad_block_length.pcapng", "trailing_length_differs.pcapng"] {
        let cap = read(name);
        let e = cap.problem().unwrap();
        assert!(
            matches!(e.kind, ErrorKind::BadBlockLength { .. }),
            "{name}: {e}"
        );
        assert!(cap.connections().is_empty());
        assert!(listed(name).contains("block length"), "{}", listed(name));
    }
}

#[test]
fn packets_the_reader_cannot_use_are_skipped_and_counted() {
    let cap = read("no_tcp.pcap");
    assert!(cap.connections().is_empty());
    assert_eq!(skipped(&cap), [(Skip::NotIp(0x0806), 10)]);
    let said = listed("no_tcp.pcap");
    assert!(said.contains("no TCP") && said.contains("10"), "{said}");

    for (name, skip, segments) in [
        ("fragments.pcap", Skip::Fragment, 8),
        ("bad_ip_header.pcap", Skip::Truncated, 9),
        ("bad_tcp_offset.pcap", Skip::BadTcp, 9),
    ] {
        let cap = read(name);
        assert_eq!(skipped(&cap), [(skip, 10 - segments)], "{name}");
        assert_eq!(cap.connections()[0].segments, segments, "{name}");
        let t = cap.trace(0, &Options::default()).unwrap();
        assert_eq!(t.segments.len(), segments as usize, "{name}");
    }
}

#[test]
fn what_a_capture_at_a_sender_or_mid_way_shows_is_read_as_it_is() {
    // Checksums left unfilled by offload: read as if they were right.
    let whole = open(&common::fixture("captures", "handshake_close.client.pcap")).unwrap();
    let zero = read("zero_checksums.pcap");
    let (a, b) = (
        whole.trace(0, &Options::default()).unwrap(),
        zero.trace(0, &Options::default()).unwrap(),
    );
    assert_eq!(a.segments.len(), 10);
    assert_eq!(a.final_states, b.final_states);
    assert_eq!(a.final_states, [State::TimeWait, State::Closed]);
    // Over the snap length: read anyway, and counted.
    let over = read("over_snaplen.pcap");
    assert_eq!((over.over_snaplen(), over.packets().len()), (10, 10));
    // Without the handshake: segments and times, no states, and a note that says why.
    let mid = read("midway.pcap").observe(0, &Options::default()).unwrap();
    assert_eq!(mid.trace.segments.len(), 7);
    assert!(mid.notes.contains(&Note::NoHandshake), "{:?}", mid.notes);
}
