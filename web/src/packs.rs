// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xb8fe7cbe7e993123),
    ("qps", 0x601e5ae171a6ab5b),
];
