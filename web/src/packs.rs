// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x834c7d8b51b07d8d),
    ("qps", 0xec8a8d5e6a7e4ace),
];
