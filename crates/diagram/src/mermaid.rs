//! A Mermaid `sequenceDiagram` of a trace: one message per segment (in sending order, lost
//! ones ending in ✕, retransmissions dotted), and a note for every state change.

use crate::labels::segment_label;
use crate::timeline::Timeline;
use crate::SeqMode;
use alloc::string::{String, ToString};
use core::fmt::Write;
use synack_core::Event;
use synack_sim::{Fate, Side, Trace, TraceEventKind};

/// Make text safe inside a Mermaid message or note: Mermaid reads `#…;` as an entity, `;`
/// and line breaks end a statement, and `<`/`>` may be read as HTML.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn who(side: Side) -> &'static str {
    match side {
        Side::Client => "C",
        Side::Server => "S",
    }
}

/// The trace as Mermaid text (relative sequence numbers).
pub fn mermaid(trace: &Trace) -> String {
    let tl = Timeline::new(trace);
    let mut s = String::from("sequenceDiagram\n");
    let _ = writeln!(
        s,
        "    participant C as Client {}",
        clean(&trace.client.endpoint.to_string())
    );
    let _ = writeln!(
        s,
        "    participant S as Server {}",
        clean(&trace.server.endpoint.to_string())
    );
    for e in &trace.events {
        match &e.kind {
            TraceEventKind::Sent { id } => {
                let Some(r) = trace.segments.get(*id as usize) else {
                    continue;
                };
                let retx = r.reason == synack_core::SendReason::Retransmission;
                let arrow = match (&r.fate, retx) {
                    (Fate::Lost { .. }, false) => "-x",
                    (Fate::Lost { .. }, true) => "--x",
                    (_, false) => "->>",
                    (_, true) => "-->>",
                };
                let mut label = segment_label(r, &tl, SeqMode::Relative);
                if retx {
                    label.push_str(" (retransmission)");
                }
                if matches!(r.fate, Fate::Lost { .. }) {
                    label.push_str(" (lost)");
                }
                let _ = writeln!(
                    s,
                    "    {}{}{}: {}",
                    who(r.from),
                    arrow,
                    who(r.from.other()),
                    clean(&label)
                );
            }
            TraceEventKind::Core {
                event: Event::StateChanged { to, .. },
            } => {
                let _ = writeln!(s, "    Note over {}: {}", who(e.side), to.rfc_name());
            }
            _ => {}
        }
    }
    s
}
