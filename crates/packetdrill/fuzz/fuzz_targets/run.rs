//! Read and run arbitrary bytes (as UTF-8, lossily) as a packetdrill script: every input ends
//! in an outcome, never a panic or a hang. tests/fuzz.rs is the same check as a property test.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = synack_packetdrill::run_source(&text);
});
