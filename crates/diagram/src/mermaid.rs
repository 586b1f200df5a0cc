//! A Mermaid `sequenceDiagram` of a trace: one message per segment (in sending order, lost
//! ones ending in ✕, retransmissions dotted), and a note for every state change.

use crate::labels::segment_label;
use crate::timeline::Timeline;
use crate::SeqMode;
use alloc::string::String;
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
        clean(&trace.client.label())
    );
    let _ = writeln!(
        s,
        "    participant S as Server {}",
        clean(&trace.server.label())
    );
    // Injected segments have no `Sent` event: tell them at their sending time.
    let mut injected = trace.segments.iter().filter(|r| r.injected).peekable();
    for e in &trace.events {
        while let Some(r) = injected.next_if(|r| r.sent_at < e.at) {
            message(&mut s, r, &tl);
        }
        match &e.kind {
            TraceEventKind::Sent { id } => {
                let Some(r) = trace.segments.get(*id as usize) else {
                    continue;
                };
                message(&mut s, r, &tl);
            }
            TraceEventKind::Core {
                event: Event::StateChanged { to, .. },
            } => {
                let _ = writeln!(s, "    Note over {}: {}", who(e.side), to.rfc_name());
            }
            _ => {}
        }
    }
    for r in injected {
        message(&mut s, r, &tl);
    }
    s
}

/// One segment as a Mermaid message: lost ones end in ✕, retransmissions and injected
/// stale segments are dotted.
fn message(s: &mut String, r: &synack_sim::SegmentRecord, tl: &Timeline) {
    let retx = r.reason == synack_core::SendReason::Retransmission;
    let dotted = retx || r.injected;
    let arrow = match (&r.fate, dotted) {
        (Fate::Lost { .. }, false) => "-x",
        (Fate::Lost { .. }, true) => "--x",
        (_, false) => "->>",
        (_, true) => "-->>",
    };
    let mut label = segment_label(r, tl, SeqMode::Relative);
    if retx {
        label.push_str(" (retransmission)");
    }
    if r.injected {
        label.push_str(" (old duplicate)");
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
