// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xb60988163bf7d4a6),
    ("qps", 0x2c3ab8a72530b9a4),
];
