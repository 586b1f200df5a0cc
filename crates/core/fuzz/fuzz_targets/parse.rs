//! Parse arbitrary bytes as a TCP segment, with and without addresses, explain them in both
//! languages, and, when they parse, check that emit and parse give the segment back.
//!
//! Input layout: the first 8 bytes are the IPv4 source and destination for the checksum
//! (and double as ISS/IRS for relative numbers); the whole input is also parsed as is.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synack_core::wire::{Ipv4Pair, ParseErrorKind, Segment};
use synack_text::explain::{fields, Context, Relative};
use synack_text::Lang;

fuzz_target!(|data: &[u8]| {
    check(data, None);
    if let Some((head, rest)) = data.split_first_chunk::<8>() {
        let [a, b, c, d, e, f, g, h] = *head;
        let ips = Ipv4Pair {
            src: [a, b, c, d],
            dst: [e, f, g, h],
        };
        check(rest, Some(ips));
    }
});

fn check(bytes: &[u8], ips: Option<Ipv4Pair>) {
    let parsed = Segment::parse(bytes, None);
    let checked = Segment::parse(bytes, ips);
    match (&parsed, &checked) {
        (Ok(p), Ok(q)) => assert_eq!(p.segment, q.segment),
        (Ok(_), Err(e)) => assert!(
            matches!(e.kind, ParseErrorKind::BadChecksum { .. }),
            "only the checksum may fail with addresses: {e:?}"
        ),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (Err(_), Ok(_)) => panic!("addresses made bad bytes parse"),
    }
    for lang in Lang::ALL {
        let ctx = Context {
            lang,
            ips,
            relative: ips.map(|i| Relative {
                iss: u32::from_be_bytes(i.src),
                irs: u32::from_be_bytes(i.dst),
            }),
            window_shift: bytes.first().map(|b| b % 16),
        };
        let fs = fields(bytes, &ctx);
        assert_eq!(fs.is_ok(), parsed.is_ok());
        if let Ok(fs) = fs {
            // The fields tile the segment bit for bit.
            let mut bit = 0u32;
            for f in &fs {
                assert_eq!(f.bit_offset, bit, "{}", f.key);
                assert!(f.bit_len > 0);
                bit += f.bit_len;
            }
            assert_eq!(bit as usize, bytes.len() * 8);
        }
    }
    let Ok(p) = parsed else { return };
    // Whatever parse returns is canonical: emit and parse give it back, and emit is stable.
    assert!(p.segment.is_canonical());
    let ips = ips.unwrap_or(Ipv4Pair {
        src: [10, 0, 0, 1],
        dst: [10, 0, 0, 2],
    });
    let again = p.segment.emit(ips);
    let q = Segment::parse(&again, Some(ips)).expect("emitted bytes must parse");
    assert_eq!(q.segment, p.segment);
    assert_eq!(q.segment.emit(ips), again);
    assert!(again.len() <= bytes.len());
}
