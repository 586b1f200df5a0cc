// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x083e1243d2ffc962),
    ("qps", 0xdd2dc93e6fc10c6e),
];
