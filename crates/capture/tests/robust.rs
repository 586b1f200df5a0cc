//! No byte string makes the reader or the model panic: every fixture cut at every length and
//! mutated at random (a seeded loop), and random bytes behind each magic number, each give a
//! located error or a capture whose every connection reads into a trace.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use rand::RngExt;
use rand_pcg::Pcg64Mcg;
use synack_capture::{merge, open, Options};

/// Reads everything there is to read; an error must say where it is.
fn read_all(bytes: &[u8]) -> usize {
    match open(bytes) {
        Err(e) => {
            assert!(e.offset <= bytes.len(), "{e}");
            assert!(!e.to_string().is_empty());
            0
        }
        Ok(cap) => {
            if let Some(e) = cap.problem() {
                assert!(e.offset <= bytes.len(), "{e}");
            }
            for c in cap.connections().iter().take(8) {
                let t = cap.observe(c.stream, &Options::default()).unwrap();
                assert_eq!(t.trace.segments.len(), c.segments as usize);
                for n in &t.notes {
                    assert!(!n.text(synack_text::Lang::EN).is_empty());
                }
            }
            if let Some(c) = cap.connections().first() {
                let _ = merge(&cap, &cap, c.stream, &Options::default());
            }
            cap.packets().len()
        }
    }
}

#[test]
fn truncated_fixtures_never_panic() {
    for dir in ["captures", "linux"] {
        for (name, bytes) in common::all(dir) {
            // Every length for small files, every 13th byte for the larger ones.
            let step = if bytes.len() > 4000 { 13 } else { 1 };
            for len in (0..bytes.len()).step_by(step) {
                let _ = std::panic::catch_unwind(|| read_all(&bytes[..len]))
                    .unwrap_or_else(|_| panic!("{name} cut at {len} panicked"));
            }
        }
    }
}

#[test]
fn mutated_fixtures_and_random_bytes_never_panic() {
    let files: Vec<(String, Vec<u8>)> = ["captures", "linux"]
        .iter()
        .flat_map(|d| common::all(d))
        .collect();
    let mut rng = Pcg64Mcg::new(0x5eed_cafe_f00d);
    let mut read = 0usize;
    for case in 0..4000u32 {
        let (name, base) = &files[rng.random_range(0..files.len())];
        let mut b = base.clone();
        match case % 4 {
            // A few bytes changed anywhere.
            0 => {
                for _ in 0..rng.random_range(1..8) {
                    let i = rng.random_range(0..b.len());
                    b[i] = rng.random();
                }
            }
            // A length field or flag byte set to an extreme.
            1 => {
                let i = rng.random_range(0..b.len().saturating_sub(4));
                let v: u32 =
                    [0, 1, 0xffff_ffff, 0x8000_0000, 12, 0x0004_0001][rng.random_range(0..6)];
                b[i..i + 4].copy_from_slice(&v.to_le_bytes());
            }
            // A slice of bytes moved elsewhere (records out of place).
            2 => {
                let i = rng.random_range(0..b.len());
                let j = rng.random_range(0..b.len());
                let n = rng.random_range(0..64).min(b.len() - i.max(j));
                let chunk = b[i..i + n].to_vec();
                b[j..j + n].copy_from_slice(&chunk);
            }
            // Random bytes after a real magic number.
            _ => {
                let magic: [&[u8]; 5] = [
                    &[0xd4, 0xc3, 0xb2, 0xa1],
                    &[0xa1, 0xb2, 0xc3, 0xd4],
                    &[0x4d, 0x3c, 0xb2, 0xa1],
                    &[0x0a, 0x0d, 0x0d, 0x0a],
                    &[],
                ];
                let m = magic[rng.random_range(0..magic.len())];
                let n = rng.random_range(0..400);
                b = m
                    .iter()
                    .copied()
                    .chain((0..n).map(|_| rng.random::<u8>()))
                    .collect();
            }
        }
        read += std::panic::catch_unwind(|| read_all(&b))
            .unwrap_or_else(|_| panic!("case {case} ({name}) panicked: {b:02x?}"));
    }
    // The mutations leave most files readable: the model ran on many of them.
    assert!(read > 6_000, "{read}");
}
