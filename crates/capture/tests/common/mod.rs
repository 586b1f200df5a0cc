#![allow(dead_code)]
use std::path::PathBuf;

/// The repository's `tests/fixtures/<dir>/<name>`.
pub fn fixture(dir: &str, name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir)
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every capture file of a fixtures directory, by name.
pub fn all(dir: &str) -> Vec<(String, Vec<u8>)> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(dir);
    let mut names: Vec<String> = std::fs::read_dir(&p)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .filter(|n| n.ends_with(".pcap") || n.ends_with(".pcapng"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let b = fixture(dir, &n);
            (n, b)
        })
        .collect()
}

/// A record: its 16-byte header and its data.
pub type Record = (Vec<u8>, Vec<u8>);

/// The records of a little-endian pcap: (header, records).
pub fn records(p: &[u8]) -> (Vec<u8>, Vec<Record>) {
    let mut out = Vec::new();
    let mut at = 24;
    while at < p.len() {
        let incl = u32::from_le_bytes(p[at + 8..at + 12].try_into().unwrap()) as usize;
        out.push((p[at..at + 16].to_vec(), p[at + 16..at + 16 + incl].to_vec()));
        at += 16 + incl;
    }
    (p[..24].to_vec(), out)
}

/// The same pcap with each frame rewritten and the link type changed.
pub fn relink(p: &[u8], linktype: u32, f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let (mut head, recs) = records(p);
    head[20..24].copy_from_slice(&linktype.to_le_bytes());
    for (h, d) in recs {
        let nd = f(&d);
        let mut h = h;
        h[8..12].copy_from_slice(&(nd.len() as u32).to_le_bytes());
        h[12..16].copy_from_slice(&(nd.len() as u32).to_le_bytes());
        head.extend(h);
        head.extend(nd);
    }
    head
}

/// A pcap from its header and records (each record's lengths set from its data).
pub fn assemble(head: &[u8], recs: &[Record]) -> Vec<u8> {
    let mut out = head.to_vec();
    for (h, d) in recs {
        let mut h = h.clone();
        h[8..12].copy_from_slice(&(d.len() as u32).to_le_bytes());
        h[12..16].copy_from_slice(&(d.len() as u32).to_le_bytes());
        out.extend(h);
        out.extend(d);
    }
    out
}

/// A record's timestamp moved by `us` microseconds (a microsecond pcap).
pub fn shifted(rec: &Record, us: u32) -> Record {
    let (mut h, d) = rec.clone();
    let sec = u32::from_le_bytes(h[0..4].try_into().unwrap());
    let usec = u32::from_le_bytes(h[4..8].try_into().unwrap()) + us;
    h[0..4].copy_from_slice(&(sec + usec / 1_000_000).to_le_bytes());
    h[4..8].copy_from_slice(&(usec % 1_000_000).to_le_bytes());
    (h, d)
}
