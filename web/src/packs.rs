// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xabdbe7b22c2c60c3),
    ("qps", 0x205bf3257b2951a4),
];
