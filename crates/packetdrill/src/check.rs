//! Outbound segments as packetdrill checks them (`verify_outbound_live_packet` in its
//! run_packet.c): the flags, the sequence and acknowledgment numbers (relative to the ISNs),
//! the payload length, the window when the script gives one, and the options one by one
//! unless the script says `<...>` — TS val is not compared (packetdrill's default
//! `--tcp_ts_tick_usecs=0`), nor TS ecr. Also the conversion of script segments and options
//! to wire values, and the packetdrill-syntax text of a segment for messages.

use crate::ast::{Dir, Opt, Packet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use synack_core::{Flags, Segment, TcpOption};

/// The flag bits of the script's letters.
pub fn flags_of(letters: &str) -> Flags {
    let mut f = Flags::EMPTY;
    for c in letters.chars() {
        f = f.union(match c {
            'S' => Flags::SYN,
            'F' => Flags::FIN,
            'R' => Flags::RST,
            'P' => Flags::PSH,
            '.' => Flags::ACK,
            'U' => Flags::URG,
            'E' => Flags::ECE,
            'W' => Flags::CWR,
            _ => Flags::EMPTY,
        });
    }
    f
}

/// The script's letters for flag bits (packetdrill's order: S F R P U then `.`).
pub fn letters_of(f: Flags) -> String {
    let mut s = String::new();
    for (bit, c) in [
        (Flags::SYN, 'S'),
        (Flags::FIN, 'F'),
        (Flags::RST, 'R'),
        (Flags::PSH, 'P'),
        (Flags::URG, 'U'),
        (Flags::ECE, 'E'),
        (Flags::CWR, 'W'),
    ] {
        if f.contains(bit) {
            s.push(c);
        }
    }
    if f.contains(Flags::ACK) {
        s.push('.');
    }
    if s.is_empty() {
        s.push('-');
    }
    s
}

/// Relative-to-absolute offsets: `local` is the engine's ISS, `remote` the script peer's ISN.
#[derive(Clone, Copy, Debug, Default)]
pub struct Isns {
    pub local: u32,
    pub remote: u32,
}

/// The text of a script option.
pub fn opt_text(o: &Opt) -> String {
    match o {
        Opt::Nop => "nop".into(),
        Opt::Eol => "eol".into(),
        Opt::Mss(m) => format!("mss {m}"),
        Opt::SackOk => "sackOK".into(),
        Opt::Sack(b) => {
            let mut s = String::from("sack");
            for (a, e) in b {
                s.push_str(&format!(" {a}:{e}"));
            }
            s
        }
        Opt::Ts { val, ecr } => format!("TS val {val} ecr {ecr}"),
        Opt::Wscale(w) => format!("wscale {w}"),
    }
}

/// A wire option in script terms (`base` is subtracted from SACK edges).
pub fn opt_of_wire(o: &TcpOption, base: u32) -> Option<Opt> {
    Some(match o {
        TcpOption::Nop => Opt::Nop,
        TcpOption::Eol => Opt::Eol,
        TcpOption::Mss(m) => Opt::Mss(*m),
        TcpOption::SackPermitted => Opt::SackOk,
        TcpOption::Sack(b) => Opt::Sack(
            b.iter()
                .map(|(a, e)| (a.wrapping_sub(base), e.wrapping_sub(base)))
                .collect(),
        ),
        TcpOption::Timestamps { tsval, tsecr } => Opt::Ts {
            val: *tsval,
            ecr: *tsecr,
        },
        TcpOption::WindowScale(w) => Opt::Wscale(*w),
        TcpOption::Unknown { .. } => return None,
    })
}

/// The script text of a packet (what the script wrote, normalised).
pub fn packet_text(p: &Packet) -> String {
    let mut s = format!(
        "{} {} {}:{}({})",
        if p.dir == Dir::Inbound { '<' } else { '>' },
        if p.flags.is_empty() { "-" } else { &p.flags },
        p.start,
        p.end,
        p.len
    );
    if let Some(a) = p.ack {
        s.push_str(&format!(" ack {a}"));
    }
    if let Some(w) = p.win {
        s.push_str(&format!(" win {w}"));
    }
    match &p.options {
        None => s.push_str(" <...>"),
        Some(o) if o.is_empty() => {}
        Some(o) => {
            let v: Vec<String> = o.iter().map(opt_text).collect();
            s.push_str(&format!(" <{}>", v.join(",")));
        }
    }
    s
}

/// An engine segment in script terms (relative numbers), as a [`Packet`].
pub fn packet_of_wire(seg: &Segment, isn: Isns, dir: Dir) -> Packet {
    // Outbound: our numbers are relative to the engine's ISS, acks to the peer's ISN.
    let (own, peer) = match dir {
        Dir::Outbound => (isn.local, isn.remote),
        Dir::Inbound => (isn.remote, isn.local),
    };
    let start = seg.seq.wrapping_sub(own);
    let len = seg.payload.len() as u32;
    Packet {
        dir,
        flags: letters_of(seg.flags),
        start,
        end: start.wrapping_add(len),
        len,
        ack: seg
            .flags
            .contains(Flags::ACK)
            .then(|| seg.ack.wrapping_sub(peer)),
        win: Some(seg.window),
        urg: None,
        options: Some(
            seg.options
                .iter()
                .filter_map(|o| opt_of_wire(o, peer))
                .collect(),
        ),
    }
}

/// Compare the engine's segment with the script's expectation. `Err` names the first field
/// that differs. On success, returns the (script TS val, actual TS val) pair to remember.
pub fn verify(script: &Packet, seg: &Segment, isn: Isns) -> Result<Option<(u32, u32)>, String> {
    let want = flags_of(&script.flags);
    if want != seg.flags {
        return Err(format!(
            "flags {} instead of {}",
            letters_of(seg.flags),
            letters_of(want)
        ));
    }
    let start = seg.seq.wrapping_sub(isn.local);
    if start != script.start {
        return Err(format!("seq {start} instead of {}", script.start));
    }
    let len = seg.payload.len() as u32;
    if len != script.len {
        return Err(format!("payload {len} bytes instead of {}", script.len));
    }
    if seg.flags.contains(Flags::ACK) {
        let ack = seg.ack.wrapping_sub(isn.remote);
        let want_ack = script.ack.unwrap_or(0);
        if ack != want_ack {
            return Err(format!("ack {ack} instead of {want_ack}"));
        }
    }
    if let Some(w) = script.win {
        if seg.window != w {
            return Err(format!("win {} instead of {w}", seg.window));
        }
    }
    if seg.urgent != script.urg.unwrap_or(0) {
        return Err(format!("urgent pointer {}", seg.urgent));
    }
    let mut ts = None;
    if let Some(opts) = &script.options {
        let actual: Vec<&TcpOption> = seg.options.iter().collect();
        let wire_len = |o: &Opt| match o {
            Opt::Nop | Opt::Eol => 1,
            Opt::Mss(_) => 4,
            Opt::SackOk => 2,
            Opt::Wscale(_) => 3,
            Opt::Ts { .. } => 10,
            Opt::Sack(b) => 2 + 8 * b.len(),
        };
        let script_len: usize = opts.iter().map(wire_len).sum();
        let actual_len: usize = actual.iter().map(|o| o.wire_len()).sum();
        // packetdrill compares the Data Offset: the options' padded lengths must agree.
        if script_len.div_ceil(4) != actual_len.div_ceil(4) {
            return Err(format!(
                "options of {actual_len} bytes instead of {script_len}"
            ));
        }
        for (i, o) in opts.iter().enumerate() {
            let Some(a) = actual.get(i) else {
                return Err(format!("option {} ({}) missing", i + 1, opt_text(o)));
            };
            let got = opt_of_wire(a, isn.remote);
            let same = match (o, &got) {
                (Opt::Ts { val, .. }, Some(Opt::Ts { val: av, .. })) => {
                    ts = Some((*val, *av));
                    true
                }
                (a, Some(b)) => a == b,
                (_, None) => false,
            };
            if !same {
                return Err(format!(
                    "option {} is {} instead of {}",
                    i + 1,
                    got.as_ref()
                        .map_or_else(|| format!("kind {}", a.kind()), opt_text),
                    opt_text(o)
                ));
            }
        }
    }
    Ok(ts)
}

/// A script segment as the engine receives it.
pub fn inbound_segment(
    p: &Packet,
    isn: Isns,
    ports: (u16, u16),
    ecr_of: &dyn Fn(u32) -> Option<u32>,
) -> Result<Segment, String> {
    let flags = flags_of(&p.flags);
    let mut options = Vec::new();
    for o in p.options.iter().flatten() {
        options.push(match o {
            Opt::Nop => TcpOption::Nop,
            Opt::Eol => TcpOption::Eol,
            Opt::Mss(m) => TcpOption::Mss(*m),
            Opt::SackOk => TcpOption::SackPermitted,
            Opt::Wscale(w) => TcpOption::WindowScale(*w),
            Opt::Sack(b) => TcpOption::Sack(
                b.iter()
                    .map(|(a, e)| (a.wrapping_add(isn.local), e.wrapping_add(isn.local)))
                    .collect(),
            ),
            Opt::Ts { val, ecr } => {
                // packetdrill maps an echoed script TS val to the value actually sent.
                let tsecr = if flags.contains(Flags::ACK) {
                    ecr_of(*ecr).ok_or_else(|| {
                        format!(
                            "unable to infer live TS ecr for script TS ecr {ecr}; no matching \
                             or preceding outbound TS val"
                        )
                    })?
                } else {
                    *ecr
                };
                TcpOption::Timestamps { tsval: *val, tsecr }
            }
        });
    }
    Ok(Segment {
        src_port: ports.0,
        dst_port: ports.1,
        seq: p.start.wrapping_add(isn.remote),
        ack: if flags.contains(Flags::ACK) {
            p.ack.unwrap_or(0).wrapping_add(isn.local)
        } else {
            0
        },
        flags,
        window: p.win.unwrap_or(0),
        urgent: p.urg.unwrap_or(0),
        options,
        payload: alloc::vec![0u8; p.len as usize].into(),
    })
}
