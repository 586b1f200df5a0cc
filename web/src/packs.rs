// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x8075496d71e5847e),
    ("qps", 0xcd7c3ed138ff3ddb),
];
