//! What parse rejects, and where it says the problem is (RFC 9293 §3.1, §3.2).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::wire::{Ipv4Pair, ParseError, ParseErrorKind, Segment, TcpOption};

/// A fixed header with the given Data Offset, followed by `rest`.
fn header(data_offset: u8, rest: &[u8]) -> Vec<u8> {
    let mut b = vec![0u8; 20];
    b[12] = data_offset << 4;
    b.extend_from_slice(rest);
    b
}

fn err(bytes: &[u8]) -> ParseError {
    Segment::parse(bytes, None).unwrap_err()
}

#[test]
fn too_short_for_the_fixed_header() {
    for len in 0..20 {
        assert_eq!(
            err(&vec![0x50; len]),
            ParseError {
                kind: ParseErrorKind::Truncated { len },
                offset: len
            }
        );
    }
}

#[test]
fn data_offset_below_five_or_past_the_end() {
    for d in 0..5 {
        assert_eq!(
            err(&header(d, &[])).kind,
            ParseErrorKind::DataOffsetTooSmall { data_offset: d }
        );
    }
    let e = err(&header(6, &[1, 1, 1]));
    assert_eq!(e.offset, 12);
    assert_eq!(
        e.kind,
        ParseErrorKind::DataOffsetPastEnd {
            data_offset: 6,
            len: 23
        }
    );
    assert!(Segment::parse(&header(6, &[1, 1, 1, 1]), None).is_ok());
}

#[test]
fn option_lengths() {
    // MSS kind with no length octet: the last option byte of the header.
    let e = err(&header(6, &[1, 1, 1, 2]));
    assert_eq!(e.kind, ParseErrorKind::OptionLengthMissing { kind: 2 });
    assert_eq!(e.offset, 23);
    // Length 1 (below the minimum of 2: it counts the kind and length octets).
    let e = err(&header(6, &[30, 1, 0, 0]));
    assert_eq!(
        e.kind,
        ParseErrorKind::OptionLengthInvalid {
            kind: 30,
            length: 1
        }
    );
    assert_eq!(e.offset, 21);
    // Length running past Data Offset.
    let e = err(&header(6, &[30, 5, 0, 0]));
    assert_eq!(
        e.kind,
        ParseErrorKind::OptionLengthInvalid {
            kind: 30,
            length: 5
        }
    );
    // Known kinds with the wrong length.
    let e = err(&header(6, &[2, 3, 0, 0]));
    assert_eq!(
        e.kind,
        ParseErrorKind::OptionLengthWrong {
            kind: 2,
            length: 3,
            expected: 4
        }
    );
    let e = err(&header(6, &[1, 3, 2, 0]));
    assert_eq!(
        e.kind,
        ParseErrorKind::OptionLengthWrong {
            kind: 3,
            length: 2,
            expected: 3
        }
    );
    assert_eq!(e.offset, 22);
    // A SACK must hold whole 8-octet blocks, at least one.
    for len in [2u8, 9, 11] {
        let mut opts = vec![5, len];
        opts.resize(12, 0);
        assert_eq!(
            err(&header(8, &opts)).kind,
            ParseErrorKind::OptionLengthInvalid {
                kind: 5,
                length: len
            }
        );
    }
}

#[test]
fn what_parse_accepts() {
    // An unknown kind with its length is kept, so emit gives the same bytes back.
    let b = header(6, &[99, 4, 0xab, 0xcd]);
    let p = Segment::parse(&b, None).unwrap();
    assert_eq!(
        p.segment.options,
        [TcpOption::Unknown {
            kind: 99,
            data: vec![0xab, 0xcd]
        }]
    );
    // Whatever follows EOL is padding, zero or not; reserved bits are reported, not refused.
    let mut b = header(6, &[0, 2, 9, 9]);
    b[12] |= 0x0f;
    let p = Segment::parse(&b, None).unwrap();
    assert_eq!(p.segment.options, [TcpOption::Eol]);
    assert_eq!(p.reserved, 0x0f);
    // Options without EOL may fill the header exactly.
    let p = Segment::parse(&header(6, &[1, 1, 1, 1]), None).unwrap();
    assert_eq!(p.segment.options, vec![TcpOption::Nop; 4]);
}

#[test]
fn error_messages_say_what_and_where() {
    let e = err(&header(6, &[2, 3, 0, 0]));
    assert_eq!(
        e.to_string(),
        "at byte 21: option kind 2 has length 3; it must be 4"
    );
    let ips = Ipv4Pair {
        src: [1, 2, 3, 4],
        dst: [5, 6, 7, 8],
    };
    let e = Segment::parse(&header(5, &[]), Some(ips)).unwrap_err();
    assert!(e
        .to_string()
        .starts_with("at byte 16: checksum 0x0000 does not verify"));
}

#[test]
fn emit_leaves_out_what_cannot_be_read_back() {
    let ips = Ipv4Pair {
        src: [1, 2, 3, 4],
        dst: [5, 6, 7, 8],
    };
    let seg = Segment {
        options: vec![
            TcpOption::Sack(vec![]),
            TcpOption::Unknown {
                kind: 2,
                data: vec![1],
            },
            TcpOption::Mss(1000),
            TcpOption::Eol,
            TcpOption::Nop,
        ],
        ..Segment::default()
    };
    assert!(!seg.is_canonical());
    let p = Segment::parse(&seg.emit(ips), Some(ips)).unwrap();
    assert_eq!(p.segment.options, [TcpOption::Mss(1000), TcpOption::Eol]);
    assert_eq!(seg.options_len(), 8);
    // Options past 40 octets are dropped from the first one that does not fit.
    let seg = Segment {
        options: vec![
            TcpOption::Timestamps { tsval: 1, tsecr: 2 },
            TcpOption::Sack(vec![(1, 2); 4]),
            TcpOption::Nop,
            TcpOption::Nop,
        ],
        ..Segment::default()
    };
    assert_eq!(seg.options_len(), 12);
    let p = Segment::parse(&seg.emit(ips), None).unwrap();
    assert_eq!(p.data_offset, 8);
    assert_eq!(
        p.segment.options,
        [TcpOption::Timestamps { tsval: 1, tsecr: 2 }, TcpOption::Eol]
    );
}
