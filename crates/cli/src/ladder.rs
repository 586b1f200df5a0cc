//! The trace as a text ladder: one line per segment, state change and application call, in
//! time order, with sequence numbers relative to each side's ISS (as Wireshark shows them),
//! or as on the wire with `--absolute`.

use std::fmt::Write;
use synack_core::{Event, Flags, Segment, SendReason, Tcb, TcpOption};
use synack_sim::{
    AppCall, Estimated, Fate, LossCause, SegmentRecord, Side, Snapshot, Trace, TraceEventKind,
};

const COL: usize = 13;
const ARROW: usize = 44;

/// Milliseconds with three decimals, relative to `t0`, signed.
fn ms(us: u64, t0: u64) -> String {
    let (sign, d) = if us >= t0 {
        ("", us - t0)
    } else {
        ("-", t0 - us)
    };
    format!("{sign}{}.{:03}", d / 1000, d % 1000)
}

fn options(seg: &Segment) -> String {
    let mut parts = Vec::new();
    for o in &seg.options {
        match o {
            TcpOption::Mss(m) => parts.push(format!("mss {m}")),
            TcpOption::SackPermitted => parts.push("sackOK".to_string()),
            TcpOption::Timestamps { .. } => parts.push("TS".to_string()),
            TcpOption::WindowScale(w) => parts.push(format!("wscale {w}")),
            TcpOption::Sack(b) => parts.push(format!("sack {}", b.len())),
            _ => {}
        }
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" <{}>", parts.join(","))
    }
}

/// Per side, the ISS of its current incarnation (set by each SYN it sends).
#[derive(Default)]
struct Iss {
    iss: [Option<u32>; 2],
    /// Show the wire numbers instead.
    absolute: bool,
}

impl Iss {
    fn note(&mut self, r: &SegmentRecord) {
        if r.segment.flags.contains(Flags::SYN) && !r.injected {
            if let Some(slot) = self.iss.get_mut(r.from.index()) {
                *slot = Some(r.segment.seq);
            }
        }
    }
    fn rel(&self, side: Side, n: u32) -> String {
        if self.absolute {
            return n.to_string();
        }
        match self.iss.get(side.index()).copied().flatten() {
            // Within ±2^31 of the ISS, a relative number reads best signed (a stale SYN: -10).
            Some(iss) => format!("{}", n.wrapping_sub(iss) as i32),
            None => format!("{n} (raw)"),
        }
    }
}

fn fate(r: &SegmentRecord, t0: u64) -> String {
    match &r.fate {
        // `~`: an estimated time (a capture taken at the other end).
        Fate::Arrived { at } if r.estimated == Some(Estimated::Arrival) => {
            format!("arrives ~{}", ms(at.0, t0))
        }
        Fate::Arrived { at } => format!("arrives {}", ms(at.0, t0)),
        Fate::Lost { cause, .. } => match cause {
            LossCause::Random => "LOST (random loss)".into(),
            LossCause::Scripted => "LOST (scripted)".into(),
            LossCause::User => "LOST (dropped by you)".into(),
            LossCause::Queue => "LOST (bottleneck queue full)".into(),
            LossCause::Unseen => "LOST (not in the receiver's capture)".into(),
            LossCause::Inferred => "LOST? (sent again before any ACK: read as lost)".into(),
        },
        Fate::InFlight => "still in flight at the end".into(),
    }
}

/// Why a segment was sent, in words.
pub fn reason_text(r: SendReason) -> &'static str {
    match r {
        SendReason::Syn => "SYN",
        SendReason::SynAck => "SYN-ACK",
        SendReason::HandshakeAck => "handshake ACK",
        SendReason::Data => "data",
        SendReason::Fin => "FIN",
        SendReason::Ack => "ACK",
        SendReason::DupAck => "duplicate ACK",
        SendReason::OutOfOrderAck => "out-of-order ACK",
        SendReason::ChallengeAck => "challenge ACK",
        SendReason::Reset => "reset",
        SendReason::Abort => "abort",
        SendReason::Retransmission => "RTO retransmission",
        SendReason::FastRetransmit => "fast retransmit",
        SendReason::RackRetransmit => "RACK retransmit",
        SendReason::LossProbe => "tail loss probe",
        SendReason::WindowProbe => "window probe",
        SendReason::WindowUpdate => "window update",
        SendReason::KeepaliveProbe => "keep-alive probe",
        SendReason::DSack => "D-SACK",
    }
}

/// Each side's TCB snapshots in time order, to find the sender's state as a segment left.
struct Snapshots<'a> {
    by_side: [Vec<&'a Snapshot>; 2],
}

impl<'a> Snapshots<'a> {
    fn new(trace: &'a Trace) -> Self {
        let mut by_side: [Vec<&Snapshot>; 2] = [Vec::new(), Vec::new()];
        for s in &trace.snapshots {
            if let Some(v) = by_side.get_mut(s.side.index()) {
                v.push(s);
            }
        }
        Snapshots { by_side }
    }
    /// `side`'s TCB as the input at `at` left it (its last snapshot at or before `at`).
    fn at(&self, side: Side, at: u64) -> Option<&'a Tcb> {
        let v = self.by_side.get(side.index())?;
        let i = v.partition_point(|s| s.at.0 <= at);
        v.get(i.checked_sub(1)?).map(|s| &s.tcb)
    }
}

/// The sender's congestion state as the segment left: cwnd, ssthresh (`-` while unset), bytes
/// in flight and the peer's window (snd_wnd), all in bytes.
fn tcb_text(t: &Tcb) -> String {
    let ssthresh = if t.ssthresh == u32::MAX {
        "-".to_string()
    } else {
        t.ssthresh.to_string()
    };
    format!(
        " cwnd={} ssthresh={ssthresh} flight={} wnd={}",
        t.cwnd, t.in_flight, t.snd_wnd
    )
}

fn segment_line(r: &SegmentRecord, iss: &Iss, t0: u64, tcb: Option<&Tcb>) -> String {
    let s = &r.segment;
    let mut label = format!("#{} {} seq={}", r.id, s.flags, iss.rel(r.from, s.seq));
    if s.flags.contains(Flags::ACK) {
        let _ = write!(label, " ack={}", iss.rel(r.from.other(), s.ack));
    }
    let _ = write!(label, " len={}", s.payload.len());
    let opts = if s.flags.contains(Flags::SYN) {
        options(s)
    } else {
        String::new()
    };
    let note = if r.injected {
        " [stale, injected]".to_string()
    } else if let Some(of) = r.duplicate_of {
        format!(" [copy of #{of}]")
    } else {
        format!(" [{}]", reason_text(r.reason))
    };
    // Once the connection is synchronized, what limits the sender.
    let tcb = match tcb {
        Some(t)
            if !s.flags.contains(Flags::SYN) && !s.flags.contains(Flags::RST) && !r.injected =>
        {
            tcb_text(t)
        }
        _ => String::new(),
    };
    let body = format!(" {label} ");
    let pad = ARROW.saturating_sub(body.chars().count() + 2);
    let arrow = match r.from {
        Side::Client => format!("─{body}{}▶", "─".repeat(pad)),
        Side::Server => format!("◀{}{body}─", "─".repeat(pad)),
    };
    let (c, sv) = match r.from {
        Side::Client => (r.sender_state.rfc_name(), ""),
        Side::Server => ("", r.sender_state.rfc_name()),
    };
    let mut sent = ms(r.sent_at.0, t0);
    if r.estimated == Some(Estimated::Sent) {
        sent.insert(0, '~');
    }
    format!(
        "{sent:>11}  {c:<COL$}{arrow}  {sv:<COL$}{}{note}{opts}{tcb}",
        fate(r, t0)
    )
}

fn side_line(at: u64, t0: u64, side: Side, text: &str) -> String {
    match side {
        Side::Client => format!("{:>11}  {text}", ms(at, t0)),
        Side::Server => format!("{:>11}  {:COL$}{:ARROW$}  {text}", ms(at, t0), "", ""),
    }
}

fn call_text(call: &AppCall) -> String {
    match call {
        AppCall::Listen => "listen()".into(),
        AppCall::Connect => "connect()".into(),
        AppCall::Send { data } if data.chars().count() > 16 => {
            format!("send({} bytes)", data.len())
        }
        AppCall::Send { data } => format!("send({data:?})"),
        AppCall::ShutdownWrite => "shutdown(SHUT_WR)".into(),
        AppCall::Close => "close()".into(),
        AppCall::Abort => "abort()".into(),
        AppCall::Crash => "*** host crashes and reboots ***".into(),
        AppCall::SetOption { opt } => format!("setsockopt({opt:?})"),
        AppCall::Read { bytes } => format!("read() = {bytes}"),
    }
}

fn event_text(ev: &Event) -> Option<String> {
    Some(match ev {
        Event::StateChanged { from, to, .. } => format!("{from} → {to}"),
        Event::DataReceived { data } => match std::str::from_utf8(data) {
            Ok(t) if t.chars().count() <= 16 => format!("received {t:?}"),
            _ => format!("received {} bytes", data.len()),
        },
        Event::Eof => "EOF received (the peer's FIN)".into(),
        Event::Refused => "connection refused".into(),
        Event::Reset { in_state } => format!("connection reset (in {in_state})"),
        Event::TimedOut { in_state } => format!("timed out (in {in_state})"),
        _ => return None,
    })
}

/// The whole ladder.
pub fn render(trace: &Trace, description: &str, latency_note: &str, absolute: bool) -> String {
    let t0 = trace.t0.0;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", trace.scenario, description);
    let _ = writeln!(
        out,
        "client {} ({})  ⇄  server {} ({});  {latency_note}, seed {}",
        trace.client.label(),
        trace.client.profile,
        trace.server.label(),
        trace.server.profile,
        trace.seed
    );
    let _ = writeln!(
        out,
        "{:>11}  {:<COL$}{:ARROW$}  server",
        "time (ms)", "client", ""
    );
    let mut iss = Iss {
        absolute,
        ..Iss::default()
    };
    let snaps = Snapshots::new(trace);
    // Segments without a Sent event (stale injections) are printed when their time comes.
    let mut pending: Vec<&SegmentRecord> = trace.segments.iter().filter(|r| r.injected).collect();
    for ev in &trace.events {
        while let Some(r) = pending.first() {
            // After everything else at its instant (it entered the link after them).
            if r.sent_at >= ev.at {
                break;
            }
            let _ = writeln!(out, "{}", segment_line(r, &iss, t0, None));
            pending.remove(0);
        }
        let line = match &ev.kind {
            TraceEventKind::Sent { id } => {
                let Some(r) = trace.segments.get(*id as usize) else {
                    continue;
                };
                iss.note(r);
                let tcb = snaps.at(r.from, r.sent_at.0);
                let mut l = segment_line(r, &iss, t0, tcb);
                for c in trace
                    .segments
                    .iter()
                    .filter(|c| c.duplicate_of == Some(*id))
                {
                    l.push('\n');
                    l.push_str(&segment_line(c, &iss, t0, None));
                }
                l
            }
            TraceEventKind::App { call, error } => {
                let mut t = call_text(call);
                if let Some(e) = error {
                    let _ = write!(t, " → error: {e}");
                }
                side_line(ev.at.0, t0, ev.side, &t)
            }
            TraceEventKind::Core { event } => match event_text(event) {
                Some(t) => side_line(ev.at.0, t0, ev.side, &t),
                None => continue,
            },
            TraceEventKind::Arrived { .. } => continue,
        };
        let _ = writeln!(out, "{line}");
    }
    for r in pending {
        let _ = writeln!(out, "{}", segment_line(r, &iss, t0, None));
    }
    let _ = writeln!(
        out,
        "(after each segment: the sender's cwnd, ssthresh (- until set), bytes in flight and the peer's window wnd, in bytes)"
    );
    let [c, s] = trace.final_states;
    let _ = writeln!(
        out,
        "end at {} ms ({:?}): client {c}, server {s}; {} segments",
        ms(trace.end.0, t0),
        trace.stop,
        trace.segments.len()
    );
    out
}
