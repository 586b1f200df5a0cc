#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Times reading and observing a capture: `cargo run --release -p synack-capture --example timing FILE`.
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let cap = synack_capture::open(&bytes).unwrap();
    let opened = t.elapsed();
    let t = std::time::Instant::now();
    let ct = cap.observe(0, &synack_capture::Options::default()).unwrap();
    let observed = t.elapsed();
    println!(
        "{path}: {} segments; open {:?}, observe {:?}; {} events, {} snapshots, {} notes",
        ct.trace.segments.len(),
        opened,
        observed,
        ct.trace.events.len(),
        ct.trace.snapshots.len(),
        ct.notes.len()
    );
}
