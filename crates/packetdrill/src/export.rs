//! Export: a packetdrill script for one side of a simulated connection. The chosen side is the
//! system under test; the script plays its application (the calls the scenario made on that
//! side) and its peer (every segment that reached it, as an inbound line). What the side sent
//! becomes outbound lines to check. Times are the trace's; sequence numbers relative to each
//! side's ISN. Segments the chosen side sent that the link lost are still outbound lines
//! (the stack sent them); segments from the peer that were lost are left out (they never came).
//!
//! The script begins with the sysctls that make the runner's (and a real Linux host's)
//! stack the `linux` profile the simulator used: the window scale (through `tcp_rmem`'s
//! maximum), `tcp_syn_retries`, timestamps and SACK. Windows are not checked (`win` is left
//! out of outbound lines): Linux's receive-buffer autotuning differs from host to host.

use crate::check::opt_of_wire;
use crate::check::{letters_of, opt_text};
use crate::sysctl::wscale_for;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use synack_core::{Event, Flags, Profile, Segment};
use synack_sim::{AppCall, Side, Trace, TraceEventKind};

fn secs(us: u64) -> String {
    format!("{}.{:06}", us / 1_000_000, us % 1_000_000)
}

/// The `tcp_rmem` maximum whose window scale Linux would pick as `ws`.
fn rmem_max_for(ws: u8) -> u32 {
    let mut space: u32 = 65535;
    while wscale_for(space) < ws && space < u32::MAX / 2 {
        space = space.saturating_mul(2).saturating_add(1);
    }
    space
}

fn segment_line(seg: &Segment, own: u32, peer: u32, inbound: bool) -> String {
    let start = seg.seq.wrapping_sub(own);
    let len = seg.payload.len() as u32;
    let mut s = format!(
        "{} {} {}:{}({})",
        if inbound { '<' } else { '>' },
        letters_of(seg.flags),
        start,
        start.wrapping_add(len),
        len
    );
    if seg.flags.contains(Flags::ACK) {
        let _ = write!(s, " ack {}", seg.ack.wrapping_sub(peer));
    }
    if inbound {
        let _ = write!(s, " win {}", seg.window);
    }
    let opts: Vec<String> = seg
        .options
        .iter()
        .filter_map(|o| opt_of_wire(o, peer))
        .map(|o| opt_text(&o))
        .collect();
    if !opts.is_empty() {
        let _ = write!(s, " <{}>", opts.join(","));
    }
    s
}

/// A packetdrill script that tests `side` of `trace`. `Err` when that side does not run the
/// `linux` profile: packetdrill scripts describe Linux.
pub fn script(trace: &Trace, side: Side) -> Result<String, String> {
    let mut out = String::new();
    let host = if side == Side::Server {
        &trace.server
    } else {
        &trace.client
    };
    if host.profile != "linux" {
        return Err(format!(
            "the {} runs the `{}` profile; a packetdrill script can only describe Linux",
            if side == Side::Server {
                "server"
            } else {
                "client"
            },
            host.profile
        ));
    }
    let _ = writeln!(
        out,
        "// synack scenario `{}`: the {} side ({} profile) is the stack under test;\n\
         // this script plays its application and its peer. Written by `synack run --packetdrill`.",
        trace.scenario,
        if side == Side::Server {
            "server"
        } else {
            "client"
        },
        host.profile
    );
    let p = Profile::linux();
    let ws = p.window_scale.unwrap_or(0);
    let _ = writeln!(
        out,
        "`sysctl -q net.ipv4.tcp_timestamps={} net.ipv4.tcp_sack={} net.ipv4.tcp_syn_retries={} \
         net.ipv4.tcp_synack_retries={} net.ipv4.tcp_rmem=\"4096 131072 {}\"`",
        u8::from(p.timestamps),
        u8::from(p.sack),
        p.syn_retries,
        p.synack_retries,
        rmem_max_for(ws)
    );
    // Each side's ISN: the sequence number of the first SYN it sent.
    let isn = |s: Side| {
        trace
            .segments
            .iter()
            .find(|r| r.from == s && !r.injected && r.segment.flags.contains(Flags::SYN))
            .map_or(0, |r| r.segment.seq)
    };
    // The side's own ISN changes with each new incarnation (each SYN it sends anew); the
    // runner and packetdrill map each new connection's ISN the same way.
    let (mut own, peer) = (isn(side), isn(side.other()));
    let _ = writeln!(out, "0.000000 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3");
    let mut fd = 3;
    // Open descriptors: an accepted connection gets the lowest free one, as in Linux.
    let mut open: Vec<i64> = alloc::vec![3];
    let mut listening = false;
    for ev in &trace.events {
        let t = secs(ev.at.0.saturating_sub(trace.t0.0));
        match &ev.kind {
            TraceEventKind::Sent { id } if ev.side == side => {
                if let Some(r) = trace.segments.get(*id as usize) {
                    if r.segment.flags.contains(Flags::SYN) {
                        own = r.segment.seq;
                    }
                    let _ = writeln!(out, "{t} {}", segment_line(&r.segment, own, peer, false));
                }
            }
            TraceEventKind::Arrived { id } if ev.side == side => {
                if let Some(r) = trace.segments.get(*id as usize) {
                    let _ = writeln!(out, "{t} {}", segment_line(&r.segment, peer, own, true));
                }
            }
            TraceEventKind::App {
                call,
                error: Some(e),
            } if ev.side == side => {
                let _ = writeln!(
                    out,
                    "// {t}: {call:?} failed in the simulation ({e}); no socket call says that"
                );
            }
            TraceEventKind::App { call, .. } if ev.side == side => match call {
                // A listener keeps listening after its connection ends (Linux): only the first
                // listen() is a call.
                AppCall::Listen if listening => {}
                AppCall::Listen => {
                    listening = true;
                    let _ = writeln!(
                        out,
                        "{t} setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"
                    );
                    let _ = writeln!(out, "{t} bind(3, ..., ...) = 0");
                    let _ = writeln!(out, "{t} listen(3, 1) = 0");
                }
                AppCall::Connect => {
                    let _ = writeln!(out, "{t} fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0");
                    let _ = writeln!(
                        out,
                        "{t} connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)"
                    );
                }
                AppCall::Send { data } => {
                    let _ = writeln!(out, "{t} write({fd}, ..., {0}) = {0}", data.len());
                }
                AppCall::ShutdownWrite => {
                    let _ = writeln!(out, "{t} shutdown({fd}, SHUT_WR) = 0");
                }
                AppCall::Close => {
                    let _ = writeln!(out, "{t} close({fd}) = 0");
                    open.retain(|n| *n != fd);
                }
                AppCall::Abort => {
                    let _ = writeln!(
                        out,
                        "{t} setsockopt({fd}, SOL_SOCKET, SO_LINGER, {{l_onoff=1, l_linger=0}}, 8) = 0"
                    );
                    let _ = writeln!(out, "{t} close({fd}) = 0");
                    open.retain(|n| *n != fd);
                }
                AppCall::Crash => {
                    let _ = writeln!(
                        out,
                        "// {t}: the host crashes here; a script cannot say that"
                    );
                    break;
                }
                AppCall::SetOption { opt } => {
                    let _ = writeln!(out, "{t} {}", setsockopt_line(fd, opt));
                }
                AppCall::Read { bytes } => {
                    let _ = writeln!(out, "{t} read({fd}, ..., {bytes}) = {bytes}");
                }
            },
            TraceEventKind::Core { event } if ev.side == side => match event {
                Event::Connected if listening => {
                    fd = (3..).find(|n| !open.contains(n)).unwrap_or(3);
                    open.push(fd);
                    let _ = writeln!(out, "{t} accept(3, ..., ...) = {fd}");
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
}

/// The `setsockopt` call that sets `opt` on `fd`, as a packetdrill script writes it.
fn setsockopt_line(fd: i64, opt: &synack_core::SockOpt) -> String {
    use synack_core::SockOpt as O;
    let secs = |d: &core::time::Duration| d.as_secs();
    let (level, name, value) = match opt {
        O::NoDelay(on) => ("IPPROTO_TCP", "TCP_NODELAY", format!("[{}]", u8::from(*on))),
        O::KeepAlive(on) => ("SOL_SOCKET", "SO_KEEPALIVE", format!("[{}]", u8::from(*on))),
        O::KeepIdle(d) => ("IPPROTO_TCP", "TCP_KEEPIDLE", format!("[{}]", secs(d))),
        O::KeepIntvl(d) => ("IPPROTO_TCP", "TCP_KEEPINTVL", format!("[{}]", secs(d))),
        O::KeepCnt(n) => ("IPPROTO_TCP", "TCP_KEEPCNT", format!("[{n}]")),
        O::Congestion(k) => {
            let name = match k {
                synack_core::CongestionKind::Cubic => "cubic",
                synack_core::CongestionKind::Reno => "reno",
            };
            return format!(
                "setsockopt({fd}, IPPROTO_TCP, TCP_CONGESTION, \"{name}\", {}) = 0",
                name.len()
            );
        }
        O::SndBuf(n) => ("SOL_SOCKET", "SO_SNDBUF", format!("[{n}]")),
        O::RcvBuf(n) => ("SOL_SOCKET", "SO_RCVBUF", format!("[{n}]")),
        O::RcvLowat(n) => ("SOL_SOCKET", "SO_RCVLOWAT", format!("[{n}]")),
    };
    format!("setsockopt({fd}, {level}, {name}, {value}, 4) = 0")
}
