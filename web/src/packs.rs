// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xd8a69d3aa93328f6),
    ("qps", 0x71043c6b5110c9d9),
];
