// Written by `cargo run -p synack-langpack` from lang/*.txt: do not edit.
/// Each language's code and its pack's FNV-1a fingerprint.
pub const PACKS: &[(&str, u64)] = &[
    ("zh", 0x5627019154f82da4),
    ("qps", 0xd986b94be4a5bf53),
];
