// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x5e753e84343f185a),
    ("qps", 0x9bedb3ed896ba6d2),
];
