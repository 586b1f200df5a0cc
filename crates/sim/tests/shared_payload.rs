//! A trace holds each payload octet once: a segment's payload, its wire bytes (`hex`), a
//! link's duplicate of it and the `DataReceived` event that delivers it are handles to the
//! octets the sender's application wrote (`synack_core::Bytes`), not copies (issue 16).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::{Bytes, Event};
use synack_sim::overrides::{DataOverrides, Knob};
use synack_sim::{preset, run, Config, Side, Trace, TraceEventKind};

fn upload(size_kb: &str, loss_pct: Option<&str>) -> Trace {
    let mut scenario = preset("upload-100k").unwrap();
    let mut data = DataOverrides::default();
    data.set(Knob::Size, size_kb).unwrap();
    data.apply(&mut scenario);
    let mut config = Config::for_scenario(&scenario);
    data.configure(&mut config);
    if let Some(pct) = loss_pct {
        let ppm = (pct.parse::<f64>().unwrap() * 10_000.0) as u32;
        config.to_server.loss_ppm = ppm;
        config.to_client.loss_ppm = ppm;
        config.to_server.duplicate_ppm = ppm;
    }
    run(&scenario, &config).unwrap()
}

/// The distinct buffers the client's data segments are windows into.
fn buffers(t: &Trace) -> Vec<Bytes> {
    let mut seen: Vec<Bytes> = Vec::new();
    for r in &t.segments {
        let p = &r.segment.payload;
        if r.from == Side::Client && !p.is_empty() && !seen.iter().any(|b| b.shares_buffer_with(p))
        {
            seen.push(p.clone());
        }
    }
    seen
}

#[test]
fn segments_wire_bytes_and_deliveries_share_the_writes_octets() {
    for loss in [None, Some("2")] {
        let t = upload("3000", loss);
        let data: Vec<_> = t
            .segments
            .iter()
            .filter(|r| r.from == Side::Client && !r.segment.payload.is_empty())
            .collect();
        assert!(data.len() > 2000, "{} data segments", data.len());
        // 3 MB of filler from one shared stream of ~1 MiB: a handful of buffers, not one per
        // segment (each segment spanning two writes' windows is one copy).
        let bufs = buffers(&t);
        assert!(bufs.len() <= 8, "{} buffers (loss {loss:?})", bufs.len());
        for r in &data {
            // The wire bytes' payload part is the segment's payload itself.
            let tail = r.hex.tail();
            assert_eq!(tail.as_ptr(), r.segment.payload.as_ptr(), "#{}", r.id);
            assert_eq!(tail.len(), r.segment.payload.len());
            assert_eq!(
                r.hex.byte_len(),
                r.segment.header_len() + tail.len(),
                "#{}",
                r.id
            );
        }
        if loss.is_some() {
            assert!(t.segments.iter().any(|r| r.duplicate_of.is_some()));
        }
        for r in t.segments.iter().filter(|r| r.duplicate_of.is_some()) {
            let of = &t.segments[r.duplicate_of.unwrap() as usize];
            assert_eq!(r.segment.payload.as_ptr(), of.segment.payload.as_ptr());
        }
        // What the server's application is handed is a window into the same buffers.
        let mut delivered = 0usize;
        let mut shared = 0usize;
        for e in &t.events {
            if let (
                Side::Server,
                TraceEventKind::Core {
                    event: Event::DataReceived { data },
                },
            ) = (e.side, &e.kind)
            {
                delivered += data.len();
                if bufs.iter().any(|b| b.shares_buffer_with(data)) {
                    shared += data.len();
                }
            }
        }
        assert_eq!(delivered, 3_000_000, "loss {loss:?}");
        // Only a delivery that joins octets of two windows is copied.
        assert!(
            shared * 100 >= delivered * 95,
            "{shared} of {delivered} delivered octets shared (loss {loss:?})"
        );
    }
}
