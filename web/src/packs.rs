// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0xf304377c5f5f0172),
    ("qps", 0xd9e9a796a7e9e1d9),
];
