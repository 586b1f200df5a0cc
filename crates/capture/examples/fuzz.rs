//! A deterministic mutation fuzzer for the whole capture path: every input goes through
//! `open` (the container, the link, IP and TCP layers), the connection list, `observe` (the
//! two model endpoints) of each connection, a `merge` with itself, the notes' texts and the
//! web's own entry points (`view::list`, `view::show`). A panic, or an error that points
//! past the end of its file, stops the run, prints the case and writes its bytes to
//! `target/fuzz-capture-<case>.bin`.
//!
//! The inputs are the capture fixtures (`tests/fixtures/captures`, its malformed corpus
//! `malformed/`, and the shared Linux runs `tests/fixtures/linux`) changed by 1 to 4 stacked
//! mutations drawn from a seeded generator (PCG): bit flips, bytes set to edge values, a
//! record's or block's length field (or a header's snap length, link type, version, block
//! type) set to an edge value, a length field moved by a little, a cut at any length, a
//! chunk deleted, doubled, or spliced in from another file, records swapped, and random
//! bytes behind each magic number. The same seed gives the same inputs on any machine.
//!
//! `cargo run --profile fuzz -p synack-capture --example fuzz -- [INPUTS] [SEED] [FIRST]`
//! (default 1,000,000 inputs, seed 19, from case 0; `./scripts/test.sh` runs the default).
//! Each case has its own generator (from the seed and its number), so the inputs do not
//! depend on the number of threads (one per core, at most 4), and one case can be made again
//! alone. The `fuzz`
//! profile is the release build with overflow checks and debug assertions on, so a broken
//! invariant's `debug_assert!` and an arithmetic overflow panic here too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use rand::RngExt;
use rand_pcg::Pcg64Mcg;
use std::path::{Path, PathBuf};
use synack_capture::{merge, open, view, Options};
use synack_text::Lang;

/// Values that break length arithmetic.
const EDGE32: [u32; 12] = [
    0,
    1,
    3,
    4,
    11,
    12,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_fffe,
    0xffff_ffff,
    0x0004_0000,
    0x0000_ffff,
];
const EDGE8: [u8; 8] = [0, 1, 0x0f, 0x40, 0x45, 0x7f, 0x80, 0xff];

/// Where a file keeps its length fields (and other header words worth breaking): a pcap's
/// snap length and link type and each record's two lengths; a pcapng's block types and
/// lengths (both copies) and an Enhanced Packet Block's interface and lengths. Little-endian
/// files only (the fixtures); a mutation of a big-endian copy hits bytes at random anyway.
fn fields(b: &[u8]) -> Vec<usize> {
    let u32_at = |i: usize| {
        b.get(i..i + 4)
            .map(|s| u32::from_le_bytes(s.try_into().unwrap()) as usize)
    };
    let mut out = Vec::new();
    match b.get(..4) {
        Some([0xd4, 0xc3, 0xb2, 0xa1]) | Some([0x4d, 0x3c, 0xb2, 0xa1]) => {
            out.extend([4, 16, 20]);
            let mut at = 24;
            while let Some(incl) = u32_at(at + 8) {
                out.extend([at + 8, at + 12]);
                at += 16 + incl;
            }
        }
        Some([0x0a, 0x0d, 0x0d, 0x0a]) => {
            let mut at = 0;
            while let (Some(t), Some(len)) = (u32_at(at), u32_at(at + 4)) {
                out.extend([at, at + 4]);
                if t == 6 {
                    out.extend([at + 8, at + 20, at + 24]);
                }
                if len < 12 {
                    break;
                }
                out.push(at + len - 4);
                at += len;
            }
        }
        _ => {}
    }
    out.retain(|&i| i + 4 <= b.len());
    out
}

/// The byte ranges of a little-endian pcap's records (header and data), in order.
fn records(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if b.get(..4) != Some(&[0xd4, 0xc3, 0xb2, 0xa1]) {
        return out;
    }
    let mut at = 24;
    while let Some(s) = b.get(at + 8..at + 12) {
        let end = at + 16 + u32::from_le_bytes(s.try_into().unwrap()) as usize;
        if end > b.len() {
            break;
        }
        out.push((at, end));
        at = end;
    }
    out
}

fn mutate(rng: &mut Pcg64Mcg, base: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut b = base.to_vec();
    for _ in 0..rng.random_range(1..=4u32) {
        if b.is_empty() {
            b.push(rng.random());
        }
        let n = b.len();
        match rng.random_range(0..12u32) {
            // Bit flips.
            0 => {
                for _ in 0..rng.random_range(1..4u32) {
                    let i = rng.random_range(0..n);
                    b[i] ^= 1 << rng.random_range(0..8u32);
                }
            }
            // A byte set to an edge value (an IHL, a data offset, a flag byte ...).
            1 => {
                let i = rng.random_range(0..n);
                b[i] = EDGE8[rng.random_range(0..EDGE8.len())];
            }
            // A random byte.
            2 => {
                let i = rng.random_range(0..n);
                b[i] = rng.random();
            }
            // A length field set to an edge value, in either byte order.
            3 | 4 => {
                let f = fields(&b);
                let i = match f.len() {
                    0 => rng.random_range(0..n.saturating_sub(3).max(1)),
                    k => f[rng.random_range(0..k)],
                };
                let v = EDGE32[rng.random_range(0..EDGE32.len())];
                let bytes = if rng.random() {
                    v.to_le_bytes()
                } else {
                    v.to_be_bytes()
                };
                if let Some(s) = b.get_mut(i..i + 4) {
                    s.copy_from_slice(&bytes);
                }
            }
            // A length field moved by a little (a record one byte too long or short).
            5 => {
                let f = fields(&b);
                if let Some(&i) = f.get(rng.random_range(0..f.len().max(1))) {
                    let v = u32::from_le_bytes(b[i..i + 4].try_into().unwrap());
                    let d = rng.random_range(1..=8u32);
                    let v = if rng.random() {
                        v.wrapping_add(d)
                    } else {
                        v.wrapping_sub(d)
                    };
                    b[i..i + 4].copy_from_slice(&v.to_le_bytes());
                }
            }
            // Cut at any length.
            6 => b.truncate(rng.random_range(0..n)),
            // A chunk deleted.
            7 => {
                let i = rng.random_range(0..n);
                let k = rng.random_range(1..=64usize).min(n - i);
                b.drain(i..i + k);
            }
            // A chunk doubled (a record, or part of one, twice).
            8 => {
                let recs = records(&b);
                let (i, j) = match recs.len() {
                    0 => {
                        let i = rng.random_range(0..n);
                        (i, (i + rng.random_range(1..=64usize)).min(n))
                    }
                    k => recs[rng.random_range(0..k)],
                };
                let chunk = b[i..j].to_vec();
                let at = rng.random_range(i..=j);
                b.splice(at..at, chunk);
            }
            // Spliced: a chunk of another file written over or into this one.
            9 => {
                let other = &seeds[rng.random_range(0..seeds.len())];
                if !other.is_empty() {
                    let i = rng.random_range(0..other.len());
                    let k = rng.random_range(1..=256usize).min(other.len() - i);
                    let at = rng.random_range(0..n);
                    if rng.random() {
                        let end = (at + k).min(n);
                        b[at..end].copy_from_slice(&other[i..i + (end - at)]);
                    } else {
                        b.splice(at..at, other[i..i + k].iter().copied());
                    }
                }
            }
            // Two records swapped (segments out of order: a retransmission before its
            // original, an ACK before its data).
            10 => {
                let recs = records(&b);
                if recs.len() >= 2 {
                    let x = rng.random_range(0..recs.len() - 1);
                    let (a, c) = (recs[x], recs[x + 1]);
                    let mut moved = b[c.0..c.1].to_vec();
                    moved.extend_from_slice(&b[a.0..a.1]);
                    b.splice(a.0..c.1, moved);
                }
            }
            // Random bytes behind a magic number.
            _ => {
                let magic: [&[u8]; 5] = [
                    &[0xd4, 0xc3, 0xb2, 0xa1],
                    &[0xa1, 0xb2, 0xc3, 0xd4],
                    &[0x4d, 0x3c, 0xb2, 0xa1],
                    &[0x0a, 0x0d, 0x0d, 0x0a],
                    &[],
                ];
                let m = magic[rng.random_range(0..magic.len())];
                let keep = rng.random_range(0..=n.min(64));
                b.truncate(keep);
                if b.len() >= m.len() {
                    b[..m.len()].copy_from_slice(m);
                }
                b.extend((0..rng.random_range(0..300u32)).map(|_| rng.random::<u8>()));
            }
        }
    }
    b
}

/// Everything the app and the CLI do with a file (`all`: also a merge with itself and the
/// web's two entry points, which read the file again). Returns how many segments the model
/// read.
fn run(b: &[u8], lang: Lang, all: bool) -> usize {
    let located = |offset: usize| assert!(offset <= b.len(), "an error at {offset} of {}", b.len());
    let cap = match open(b) {
        Err(e) => {
            located(e.offset);
            assert!(!view::error_text("f", &e, lang).is_empty());
            return 0;
        }
        Ok(cap) => cap,
    };
    if let Some(e) = cap.problem() {
        located(e.offset);
    }
    let mut segments = 0;
    for c in cap.connections().iter().take(4) {
        let t = cap.observe(c.stream, &Options::default()).unwrap();
        assert_eq!(t.trace.segments.len(), c.segments as usize);
        assert_eq!(t.frames.len(), t.trace.segments.len());
        for n in &t.notes {
            assert!(!n.text(lang).is_empty());
        }
        segments += t.trace.segments.len();
    }
    if let Some(c) = cap.connections().first().filter(|_| all) {
        let _ = merge(&cap, &cap, c.stream, &Options::default());
        // The web's second module: its list and its reading, in the binary form.
        let _ = view::list("f", b, lang);
        let _ = view::show("f", b, "", &[], c.stream, lang);
    }
    segments
}

fn seeds(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["captures", "captures/malformed", "linux"] {
        let p = root.join(dir);
        let mut names: Vec<PathBuf> = std::fs::read_dir(&p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|n| {
                n.extension()
                    .is_some_and(|x| x == "pcap" || x == "pcapng" || x == "bin")
            })
            .collect();
        names.sort();
        out.extend(
            names
                .into_iter()
                .map(|n| (n.display().to_string(), std::fs::read(&n).unwrap())),
        );
    }
    out
}

/// SplitMix64 (Steele, Lea, Flood 2014): a well-mixed 64-bit value from any input.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Case `case` of run `seed`: its own generator, so that any case can be made again alone
/// (`fuzz 1 SEED CASE`) and the threads need not share one.
fn input(seed: u64, case: u64, files: &[Vec<u8>]) -> Vec<u8> {
    let s = mix(seed ^ mix(case));
    let mut rng = Pcg64Mcg::new(u128::from(s) << 64 | u128::from(mix(s)) | 1);
    let base = &files[rng.random_range(0..files.len())];
    mutate(&mut rng, base, files)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let inputs: u64 = args.next().map_or(1_000_000, |a| a.parse().unwrap());
    let seed: u64 = args.next().map_or(19, |a| a.parse().unwrap());
    // Optional: the first case (to make one again: `fuzz 1 SEED CASE`).
    let first: u64 = args.next().map_or(0, |a| a.parse().unwrap());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let named = seeds(&root);
    let files: Vec<Vec<u8>> = named.iter().map(|(_, b)| b.clone()).collect();
    let lang = Lang::EN;
    // The seeds themselves first.
    for (_, b) in &named {
        run(b, lang, true);
    }
    // Quiet panics: a panic is reported once, below, with its case.
    std::panic::set_hook(Box::new(|_| {}));
    let start = std::time::Instant::now();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) as u64;
    let (read, modelled) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let files = &files;
                scope.spawn(move || {
                    let (mut read, mut modelled) = (0u64, 0u64);
                    for case in (first + k..first + inputs).step_by(threads as usize) {
                        let b = input(seed, case, files);
                        // Every 8th input also goes through the merge and the web's entry points.
                        match std::panic::catch_unwind(|| run(&b, lang, case % 8 == 0)) {
                            Ok(n) => {
                                read += u64::from(n > 0);
                                modelled += n as u64;
                            }
                            Err(e) => {
                                let out = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                                    .join(format!("../../target/fuzz-capture-{seed}-{case}.bin"));
                                let _ = std::fs::write(&out, &b);
                                let why = e
                                    .downcast_ref::<String>()
                                    .cloned()
                                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                                    .unwrap_or_default();
                                eprintln!(
                                    "case {case} of seed {seed} panicked ({why}); its {} bytes are in {} (again: fuzz 1 {seed} {case})",
                                    b.len(),
                                    out.display()
                                );
                                std::process::exit(1);
                            }
                        }
                    }
                    (read, modelled)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap())
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
    });
    let secs = start.elapsed().as_secs_f64();
    println!(
        "capture fuzz: {inputs} inputs (seed {seed}, {} seed files, {threads} threads) in {secs:.1} s ({:.0}/s), no panic; {read} read into a trace, {modelled} segments read with the model",
        files.len(),
        inputs as f64 / secs.max(1e-9)
    );
}
