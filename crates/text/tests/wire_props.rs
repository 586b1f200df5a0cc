//! Property tests of the wire format: emit and parse are inverse on canonical segments
//! (`Segment::is_canonical`, and exactly there), the checksum verifies after emit and catches
//! every single-bit error, and parse and `fields` never panic.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::collection::vec;
use proptest::prelude::*;
use synack_core::wire::{checksum_ipv4, Flags, Ipv4Pair, ParseErrorKind, Segment, TcpOption};
use synack_text::explain::{fields, Context, Field, FieldKey};
use synack_text::Lang;

/// Simplified Chinese, from the committed pack (which `synack-langpack`'s test keeps in step
/// with `lang/zh.txt`).
fn zh() -> Lang {
    static PACK: std::sync::OnceLock<synack_text::pack::Pack> = std::sync::OnceLock::new();
    Lang::of(PACK.get_or_init(|| {
        synack_text::pack::Pack::parse(include_str!("../../../web/lang/zh.txt")).unwrap()
    }))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrunk failures are printed; nothing is written into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn ips() -> impl Strategy<Value = Ipv4Pair> {
    (any::<[u8; 4]>(), any::<[u8; 4]>()).prop_map(|(src, dst)| Ipv4Pair { src, dst })
}

/// Any option, canonical or not: empty and oversized SACKs, `Unknown`s with known kinds, EOL.
fn any_option() -> impl Strategy<Value = TcpOption> {
    prop_oneof![
        Just(TcpOption::Eol),
        Just(TcpOption::Nop),
        any::<u16>().prop_map(TcpOption::Mss),
        any::<u8>().prop_map(TcpOption::WindowScale),
        Just(TcpOption::SackPermitted),
        vec(any::<(u32, u32)>(), 0..=5).prop_map(TcpOption::Sack),
        any::<(u32, u32)>().prop_map(|(tsval, tsecr)| TcpOption::Timestamps { tsval, tsecr }),
        (any::<u8>(), vec(any::<u8>(), 0..=40))
            .prop_map(|(kind, data)| TcpOption::Unknown { kind, data }),
    ]
}

/// An option that emit writes and parse reads back as itself, other than EOL.
fn canonical_option() -> impl Strategy<Value = TcpOption> {
    prop_oneof![
        3 => Just(TcpOption::Nop),
        1 => any::<u16>().prop_map(TcpOption::Mss),
        1 => any::<u8>().prop_map(TcpOption::WindowScale),
        1 => Just(TcpOption::SackPermitted),
        1 => vec(any::<(u32, u32)>(), 1..=4).prop_map(TcpOption::Sack),
        1 => any::<(u32, u32)>().prop_map(|(tsval, tsecr)| TcpOption::Timestamps { tsval, tsecr }),
        1 => (any::<u8>().prop_filter("a kind without its own variant", |k| !matches!(k, 0..=5 | 8)),
            vec(any::<u8>(), 0..=12))
            .prop_map(|(kind, data)| TcpOption::Unknown { kind, data }),
    ]
}

/// Canonical option lists: what fits in 40 octets, closed with EOL when not a multiple of 4
/// (and sometimes when it is).
fn canonical_options() -> impl Strategy<Value = Vec<TcpOption>> {
    (vec(canonical_option(), 0..10), any::<bool>()).prop_map(|(opts, eol)| {
        let mut out = Vec::new();
        let mut len = 0;
        for o in opts {
            if len + o.wire_len() > 40 {
                break;
            }
            len += o.wire_len();
            out.push(o);
        }
        if len % 4 != 0 || (eol && len < 40) {
            out.push(TcpOption::Eol);
        }
        out
    })
}

fn segment(options: impl Strategy<Value = Vec<TcpOption>>) -> impl Strategy<Value = Segment> {
    (
        any::<(u16, u16, u32, u32, u8, u16, u16)>(),
        options,
        vec(any::<u8>(), 0..48),
    )
        .prop_map(
            |((src_port, dst_port, seq, ack, flags, window, urgent), options, payload)| Segment {
                src_port,
                dst_port,
                seq,
                ack,
                flags: Flags(flags),
                window,
                urgent,
                options,
                payload: payload.into(),
            },
        )
}

/// Bit ranges tile the segment in order with no gap or overlap, byte ranges are those bit
/// ranges widened to whole bytes, and the keys come in wire order.
fn assert_tiles(bytes: &[u8], fs: &[Field]) -> Result<(), TestCaseError> {
    let mut bit = 0u32;
    for (i, f) in fs.iter().enumerate() {
        prop_assert_eq!(f.bit_offset, bit, "gap or overlap before {}", f.key);
        prop_assert!(f.bit_len > 0, "empty field {}", f.key);
        bit += f.bit_len;
        prop_assert_eq!(f.byte_start, f.bit_offset / 8);
        prop_assert_eq!(f.byte_end, bit.div_ceil(8));
        prop_assert!(!f.display.is_empty() && !f.name.is_empty());
        prop_assert!(!f.what.is_empty() && !f.means.is_empty());
        if let Some(key) = FieldKey::FIXED.get(i) {
            prop_assert_eq!(f.key, *key);
            prop_assert_eq!(Some((f.bit_offset, f.bit_len)), key.fixed_bits());
        } else if let FieldKey::Option { index, .. } = f.key {
            prop_assert_eq!(usize::from(index), i - FieldKey::FIXED.len());
        }
    }
    prop_assert_eq!(bit as usize, bytes.len() * 8, "fields do not reach the end");
    // Padding and payload, if present, close the list in that order.
    let tail: Vec<_> = fs
        .iter()
        .map(|f| f.key)
        .filter(|k| matches!(k, FieldKey::Padding | FieldKey::Payload))
        .collect();
    prop_assert!(fs
        .iter()
        .rev()
        .take(tail.len())
        .all(|f| tail.contains(&f.key)));
    Ok(())
}

/// `bytes` as emit would write the segment parsed from them: reserved bits cleared, padding
/// after EOL zeroed and cut to the next 4-byte boundary (Data Offset follows), checksum
/// recomputed. Everything else is carried by the segment and must come back unchanged.
fn normalized(bytes: &[u8], ips: Ipv4Pair) -> Vec<u8> {
    let fs = fields(bytes, &Context::default()).unwrap();
    let header_end = usize::from(bytes[12] >> 4) * 4;
    let options_end = fs
        .iter()
        .find(|f| f.key == FieldKey::Padding)
        .map_or(header_end, |p| p.byte_start as usize);
    let new_header_end = options_end.next_multiple_of(4);
    let mut out = bytes[..options_end].to_vec();
    out.resize(new_header_end, 0);
    out.extend_from_slice(&bytes[header_end..]);
    out[12] = ((new_header_end / 4) as u8) << 4;
    out[16..18].fill(0);
    let sum = checksum_ipv4(ips, &out);
    out[16..18].copy_from_slice(&sum.to_be_bytes());
    out
}

/// The body the fuzz target runs (crates/core/fuzz/fuzz_targets/parse.rs), bounded here.
fn check_any_bytes(bytes: &[u8], ips: Ipv4Pair) -> Result<(), TestCaseError> {
    let parsed = Segment::parse(bytes, None);
    let with_ips = Segment::parse(bytes, Some(ips));
    let fs = fields(bytes, &Context::new(zh()));
    prop_assert_eq!(fs.is_ok(), parsed.is_ok());
    match (&parsed, &with_ips) {
        (Ok(p), Ok(q)) => prop_assert_eq!(&p.segment, &q.segment),
        (Ok(_), Err(e)) => {
            let bad_sum = matches!(e.kind, ParseErrorKind::BadChecksum { .. });
            prop_assert!(
                bad_sum,
                "only the checksum may fail with addresses: {:?}",
                e
            );
        }
        (Err(a), Err(b)) => prop_assert_eq!(a, b),
        (Err(_), Ok(_)) => prop_assert!(false, "addresses made bad bytes parse"),
    }
    if let Err(e) = &parsed {
        prop_assert!(e.offset <= bytes.len());
    }
    let Ok(p) = parsed else { return Ok(()) };
    assert_tiles(bytes, &fs.unwrap())?;
    // Whatever parse returns is canonical, so it survives emit and parse unchanged ...
    prop_assert!(p.segment.is_canonical());
    let again = p.segment.emit(ips);
    let q = Segment::parse(&again, Some(ips)).unwrap();
    prop_assert_eq!(&q.segment, &p.segment);
    // ... and emit changes only what the segment does not carry.
    prop_assert_eq!(again, normalized(bytes, ips));
    Ok(())
}

proptest! {
    #![proptest_config(config(3_000))]

    #[test]
    fn canonical_segments_round_trip(s in segment(canonical_options()), ips in ips()) {
        prop_assert!(s.is_canonical());
        let bytes = s.emit(ips);
        prop_assert_eq!(bytes.len(), s.header_len() + s.payload.len());
        prop_assert_eq!(bytes.len() % 4, s.payload.len() % 4);
        let p = Segment::parse(&bytes, Some(ips)).unwrap();
        prop_assert_eq!(p.checksum_ok, Some(true));
        prop_assert_eq!(usize::from(p.data_offset) * 4, s.header_len());
        prop_assert_eq!(p.reserved, 0);
        prop_assert_eq!(&p.segment, &s);
        // Emitting again gives the same bytes.
        prop_assert_eq!(p.segment.emit(ips), bytes);
    }

    /// `is_canonical` is exactly the condition for `parse(emit(s)) == s`, and emit's output
    /// parses whatever the segment.
    #[test]
    fn canonical_is_exactly_round_trip(
        s in segment(vec(any_option(), 0..8)),
        ips in ips(),
    ) {
        let bytes = s.emit(ips);
        prop_assert!(bytes.len() <= 60 + s.payload.len());
        prop_assert_eq!(bytes.len(), s.header_len() + s.payload.len());
        let p = Segment::parse(&bytes, Some(ips));
        prop_assert!(p.is_ok(), "emit wrote bytes that do not parse: {:?}", p);
        let p = p.unwrap();
        prop_assert_eq!(p.segment == s, s.is_canonical(), "options {:?}", s.options);
        prop_assert!(p.segment.is_canonical());
    }

    /// One's complement sums catch every single-bit error (RFC 1071 §2): flipping any bit of
    /// an emitted segment makes parse with addresses fail, for the checksum or for structure.
    #[test]
    fn checksum_catches_every_single_bit_flip(
        s in segment(canonical_options()),
        ips in ips(),
        bit in any::<prop::sample::Index>(),
    ) {
        let mut bytes = s.emit(ips);
        let i = bit.index(bytes.len() * 8);
        bytes[i / 8] ^= 0x80 >> (i % 8);
        prop_assert!(Segment::parse(&bytes, Some(ips)).is_err(), "flip of bit {} went unnoticed", i);
    }

    #[test]
    fn fields_tile_emitted_segments(s in segment(vec(any_option(), 0..8)), ips in ips()) {
        let bytes = s.emit(ips);
        for (lang, verified) in [(Lang::EN, "verified"), (zh(), "已验证")] {
            let ctx = Context { lang, ips: Some(ips), relative: None, window_shift: None };
            let fs = fields(&bytes, &ctx).unwrap();
            assert_tiles(&bytes, &fs)?;
            let sum = fs.iter().find(|f| f.key == FieldKey::Checksum).unwrap();
            prop_assert!(sum.display.contains(verified));
        }
    }
}

proptest! {
    #![proptest_config(config(20_000))]

    /// Bounded fuzzing: arbitrary bytes, mostly rejected early.
    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in vec(any::<u8>(), 0..100), ips in ips()) {
        check_any_bytes(&bytes, ips)?;
    }
}

proptest! {
    // Each case parses, explains, re-emits and re-parses: fewer cases keep this under ~2 s.
    #![proptest_config(config(6_000))]

    /// Bounded fuzzing, structured: a valid segment with a few bytes overwritten, then cut or
    /// extended, so that parsing gets deep into the options.
    #[test]
    fn parse_never_panics_on_mutated_segments(
        s in segment(canonical_options()),
        ips in ips(),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
        extra in vec(any::<u8>(), 0..4),
        data_offset in proptest::option::of(0u8..16),
    ) {
        let mut bytes = s.emit(ips);
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(d) = data_offset {
            bytes[12] = (d << 4) | (bytes[12] & 0x0f);
        }
        let keep = cut.index(bytes.len() + 1).max(bytes.len().saturating_sub(8));
        bytes.truncate(keep);
        bytes.extend_from_slice(&extra);
        check_any_bytes(&bytes, ips)?;
    }
}
