// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x4940f7a40091c5bb),
    ("qps", 0xad35785ae471d46f),
];
