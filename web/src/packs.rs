// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xeab0a5c9e827ef04),
    ("qps", 0xfdc17a54d905fd3b),
];
