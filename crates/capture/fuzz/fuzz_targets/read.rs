//! Arbitrary bytes as a capture file: read, listed, and every connection read with the model
//! (and merged with itself), never a panic. examples/fuzz.rs is the same check, seeded, on
//! stable (scripts/test.sh runs it).
#![no_main]

use libfuzzer_sys::fuzz_target;
use synack_capture::{merge, open, Options};

fuzz_target!(|data: &[u8]| {
    if let Ok(cap) = open(data) {
        for c in cap.connections().iter().take(4) {
            if let Ok(t) = cap.observe(c.stream, &Options::default()) {
                assert_eq!(t.trace.segments.len(), c.segments as usize);
            }
        }
        if let Some(c) = cap.connections().first() {
            let _ = merge(&cap, &cap, c.stream, &Options::default());
        }
    }
});
