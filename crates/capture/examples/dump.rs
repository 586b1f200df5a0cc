#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
//! Prints what synack-capture reads in a file: `cargo run -p synack-capture --example dump FILE [FILE2] [STREAM]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = std::fs::read(&args[0]).unwrap();
    let cap = synack_capture::open(&a).unwrap();
    println!(
        "{:?} frames {} problem {:?}",
        cap.format(),
        cap.frames(),
        cap.problem()
    );
    for (s, n) in cap.skipped() {
        println!("skipped {s:?}: {n}");
    }
    for c in cap.connections() {
        println!(
            "stream {} {} -> {} segs {} bytes {} frame_bytes {} dur {} flags {:?}",
            c.stream,
            c.client,
            c.server,
            c.segments,
            c.payload_bytes,
            c.frame_bytes,
            c.duration_ns(),
            c.first_flags
        );
    }
    let stream: u32 = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(0);
    let opts = synack_capture::Options::default();
    let ct = match args.get(1).filter(|a| a.parse::<u32>().is_err()) {
        Some(b) => {
            let b = std::fs::read(b).unwrap();
            let capb = synack_capture::open(&b).unwrap();
            synack_capture::merge(&cap, &capb, stream, &opts).unwrap()
        }
        None => cap.observe(stream, &opts).unwrap(),
    };
    println!("{:?}", ct.timing);
    for r in &ct.trace.segments {
        println!(
            "#{} {:?} {} -> {:?} {:?} {:?} seq {} len {}",
            r.id,
            r.from,
            r.sent_at.0,
            r.fate,
            r.sender_state,
            r.reason,
            r.segment.seq,
            r.segment.payload.len()
        );
    }
    for e in &ct.trace.events {
        if let synack_sim::TraceEventKind::Core {
            event: synack_core::Event::StateChanged { from, to, .. },
        } = &e.kind
        {
            println!("{} {:?} {:?} -> {:?}", e.at.0, e.side, from, to);
        }
        if let synack_sim::TraceEventKind::App { call, .. } = &e.kind {
            println!("{} {:?} app {:?}", e.at.0, e.side, call);
        }
    }
    for n in &ct.notes {
        println!("note: {}", n.text(synack_text::Lang::EN));
    }
    println!("final {:?}", ct.trace.final_states);
}
