//! Random sequences of user calls, segments (delivered, lost, duplicated, reordered,
//! mutated, forged) and timeouts, for two connected endpoints or a lone one. The input is
//! decoded with `arbitrary`; the driver and every check it makes live in
//! `crates/core/tests/conn_driver/mod.rs`, shared with the bounded property tests
//! (`cargo test -p synack-core --test conn_props`).
//! Run: cargo +nightly fuzz run events -- -max_total_time=600
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/conn_driver/mod.rs"]
mod conn_driver;

fuzz_target!(|data: &[u8]| {
    conn_driver::run(data);
});
