//! How many allocations and bytes one simulation of a trace costs (issue 16): counts every
//! `alloc` through a counting global allocator around `synack_sim::run`.
//!
//! ```sh
//! cargo run --profile release-native -p synack-diagram --example allocs -- [PRESET[:SIZE_KB]]...
//! ```
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use synack_sim::{run, Config};

mod common;

struct Counting;
static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(l.size(), Relaxed);
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(n, Relaxed);
        if n > l.size() {
            let live = LIVE.fetch_add(n - l.size(), Relaxed) + n - l.size();
            PEAK.fetch_max(live, Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - n, Relaxed);
        }
        unsafe { System.realloc(p, l, n) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn main() {
    let mut traces: Vec<String> = std::env::args().skip(1).collect();
    if traces.is_empty() {
        traces = common::default_traces();
    }
    if std::env::var_os("SIZES").is_some() {
        use std::mem::size_of;
        println!(
            "SegmentRecord {} (Segment {}, Hex {}), TraceEvent {} (Event {}), Snapshot {} (Tcb {}), TcpOption {}",
            size_of::<synack_sim::SegmentRecord>(),
            size_of::<synack_core::Segment>(),
            size_of::<synack_sim::Hex>(),
            size_of::<synack_sim::TraceEvent>(),
            size_of::<synack_core::Event>(),
            size_of::<synack_sim::Snapshot>(),
            size_of::<synack_core::Tcb>(),
            size_of::<synack_core::TcpOption>(),
        );
    }
    for t in &traces {
        let (scenario, data) = common::sized_preset(t);
        if let Some(path) = std::env::var_os("DUMP") {
            // DUMP=FILE: the scenario as JSON (for bench/simwasm, to time it in WebAssembly).
            std::fs::write(path, scenario.to_json()).expect("written");
        }
        let mut config = Config::default();
        data.configure(&mut config);
        if let Some(us) = scenario.latency_us {
            config.to_server.latency_us = us;
            config.to_client.latency_us = us;
        }
        // Warm-up (the shared filler is made once).
        drop(run(&scenario, &config).expect("a trace"));
        // PROFILE=N: N more runs first, for a profiler to sample.
        let more = std::env::var("PROFILE")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for _ in 0..more {
            std::hint::black_box(run(&scenario, &config).expect("a trace"));
        }
        let (a0, b0, l0) = (
            ALLOCS.load(Relaxed),
            BYTES.load(Relaxed),
            LIVE.load(Relaxed),
        );
        PEAK.store(l0, Relaxed);
        let trace = run(&scenario, &config).expect("a trace");
        let (a1, b1, l1) = (
            ALLOCS.load(Relaxed),
            BYTES.load(Relaxed),
            LIVE.load(Relaxed),
        );
        let n = trace.segments.len();
        println!(
            "{t}: {n} segments, {} allocations ({:.2} per segment), {:.1} MB allocated, \
             {:.1} MB held by the trace, peak {:.1} MB",
            a1 - a0,
            (a1 - a0) as f64 / n as f64,
            (b1 - b0) as f64 / 1e6,
            (l1 - l0) as f64 / 1e6,
            (PEAK.load(Relaxed) - l0) as f64 / 1e6,
        );
    }
}
