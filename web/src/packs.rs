// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x3df45c53e9bfe50f),
    ("qps", 0x0d05e601f78212a9),
];
