// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xb24fc62cd1e6d467),
    ("qps", 0x4e3da1ab445ece8b),
];
