//! The preset scenarios. Their names are part of the CLI (`synack run syn-lost`) and of the
//! web app's URLs; the descriptions are what the web app shows (English here, other languages
//! in their files, keyed by preset name). Times count from the client's first SYN (the client connects at 0).

mod data;

use crate::scenario::{Call, Fault, FaultAction, Injection, Scenario, Script, Trigger};
use crate::trace::Side;
use synack_core::{Flags, State};
use synack_text::Lang;

/// One preset: its name, its one-line English description, and how to build it. Its
/// description in another language is that language's text keyed by the preset's name
/// (section [`PACK_SECTION`] of `lang/<code>.txt`).
pub struct Preset {
    /// The slug: the CLI's argument and the web app's URL (`?preset=syn-lost`).
    pub name: &'static str,
    /// Its name for people ("SYN lost"), in English (see [`Preset::title_in`]).
    pub title: &'static str,
    /// Where a picker lists it.
    pub group: PresetGroup,
    pub description: &'static str,
    build: fn() -> Scenario,
}

/// The groups a picker lists the presets in, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PresetGroup {
    /// Opening a connection: the handshake and its variants.
    Opening,
    /// Moving data: slow start, flow control, Nagle.
    Data,
    /// Closing a connection: FINs, TIME-WAIT.
    Closing,
    /// Losses and the timers that recover from them.
    Loss,
    /// Resets, crashes and leaks.
    Abnormal,
}

impl PresetGroup {
    pub const ALL: [PresetGroup; 5] = [
        PresetGroup::Opening,
        PresetGroup::Data,
        PresetGroup::Closing,
        PresetGroup::Loss,
        PresetGroup::Abnormal,
    ];
}

impl Preset {
    /// The scenario, named and described (in English; see [`Preset::description_in`]).
    pub fn scenario(&self) -> Scenario {
        let mut s = (self.build)();
        s.name = self.name.into();
        s.description = self.description.into();
        s
    }

    /// The description in `lang`: a pack holds one text per preset, in [`presets`] order.
    pub fn description_in(&self, lang: Lang) -> &'static str {
        self.index()
            .and_then(|i| lang.get(PACK_SECTION, i))
            .unwrap_or(self.description)
    }

    /// Its name for people in `lang` (section [`NAME_SECTION`], in [`presets`] order).
    pub fn title_in(&self, lang: Lang) -> &'static str {
        self.index()
            .and_then(|i| lang.get(NAME_SECTION, i))
            .unwrap_or(self.title)
    }

    fn index(&self) -> Option<usize> {
        PRESETS.iter().position(|p| p.name == self.name)
    }
}

/// The pack section of the preset descriptions.
pub const PACK_SECTION: &str = "sim";

/// The pack section of the presets' names for people.
pub const NAME_SECTION: &str = "sim-name";

/// All presets, in the order a learner meets them.
pub fn presets() -> &'static [Preset] {
    PRESETS
}

/// The preset called `name`, as a scenario.
pub fn preset(name: &str) -> Option<Scenario> {
    PRESETS
        .iter()
        .find(|p| p.name == name)
        .map(Preset::scenario)
}

static PRESETS: &[Preset] = &[
    Preset {
        name: "handshake-and-close",
        title: "Handshake, data and close",
        group: PresetGroup::Opening,
        description: "Three-way handshake, `hello` and `world`, then the four-way close.",
        build: handshake_and_close,
    },
    Preset {
        name: "connect-refused",
        title: "Connection refused",
        group: PresetGroup::Opening,
        description: "The client connects to a port nobody listens on: the answer is RST.",
        build: connect_refused,
    },
    Preset {
        name: "syn-lost",
        title: "SYN lost",
        group: PresetGroup::Loss,
        description: "The first SYN is lost; the client sends it again after 1 s.",
        build: syn_lost,
    },
    Preset {
        name: "syn-timeout",
        title: "Connect timeout (every SYN lost)",
        group: PresetGroup::Loss,
        description: "Every SYN is lost: retries at 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, give up at 131 s.",
        build: syn_timeout,
    },
    Preset {
        name: "synack-lost",
        title: "SYN,ACK lost",
        group: PresetGroup::Loss,
        description: "The server's first SYN-ACK is lost; both sides retransmit after 1 s.",
        build: synack_lost,
    },
    Preset {
        name: "last-ack-lost",
        title: "Last ACK lost",
        group: PresetGroup::Loss,
        description: "The client's final ACK is lost; the server resends its FIN and TIME-WAIT answers it.",
        build: last_ack_lost,
    },
    Preset {
        name: "simultaneous-close",
        title: "Simultaneous close",
        group: PresetGroup::Closing,
        description: "Both sides close at the same moment: FINs cross, both pass CLOSING into TIME-WAIT.",
        build: simultaneous_close,
    },
    Preset {
        name: "simultaneous-open",
        title: "Simultaneous open",
        group: PresetGroup::Opening,
        description: "Both sides connect to each other at once: SYNs cross, both pass SYN-RECEIVED.",
        build: simultaneous_open,
    },
    Preset {
        name: "half-close",
        title: "Half-close",
        group: PresetGroup::Closing,
        description: "The client sends `hello` and shuts down writing; the server keeps sending, then closes.",
        build: half_close,
    },
    Preset {
        name: "close-merged",
        title: "Close in three segments",
        group: PresetGroup::Closing,
        description: "The server closes as soon as it reads EOF: its ACK rides on its FIN (three segments).",
        build: close_merged,
    },
    Preset {
        name: "close-delayed",
        title: "Close in four segments",
        group: PresetGroup::Closing,
        description: "The server closes 500 ms after EOF: ACK first, FIN later (four segments).",
        build: close_delayed,
    },
    Preset {
        name: "abort",
        title: "Abort with RST",
        group: PresetGroup::Abnormal,
        description: "The client sends `hello`, then aborts: one RST, no goodbye.",
        build: abort,
    },
    Preset {
        name: "old-duplicate-syn",
        title: "Old duplicate SYN (RFC 9293 Fig. 8)",
        group: PresetGroup::Opening,
        description: "RFC 9293 Figure 8: a stale SYN arrives first; the client resets it, then the real handshake completes.",
        build: old_duplicate_syn,
    },
    Preset {
        name: "two-way-handshake",
        title: "Why not a two-way handshake",
        group: PresetGroup::Opening,
        description: "The same stale SYN under a two-way handshake: the server accepts a connection nobody opened.",
        build: two_way_handshake,
    },
    Preset {
        name: "half-open",
        title: "Half-open connection (Fig. 10)",
        group: PresetGroup::Abnormal,
        description: "RFC 9293 Figure 10: the client crashes and reconnects; the server's ACK draws a RST, then a new handshake.",
        build: half_open,
    },
    Preset {
        name: "half-open-data",
        title: "Half-open, data draws a RST (Fig. 11)",
        group: PresetGroup::Abnormal,
        description: "RFC 9293 Figure 11: the client crashed; the server's next data draws a RST and the server aborts.",
        build: half_open_data,
    },
    Preset {
        name: "close-wait-leak",
        title: "CLOSE-WAIT leak",
        group: PresetGroup::Abnormal,
        description: "The server never closes: it stays in CLOSE-WAIT; the client gives up FIN-WAIT-2 after 60 s.",
        build: close_wait_leak,
    },
    Preset {
        name: "data-loss",
        title: "Data lost, resent on RTO",
        group: PresetGroup::Loss,
        description: "The client's `hello` is lost and sent again when the retransmission timer (RTO) fires.",
        build: data_loss,
    },
    Preset {
        name: "time-wait-guard",
        title: "TIME-WAIT meets a late SYN",
        group: PresetGroup::Closing,
        description: "Both sides wait in TIME-WAIT; a SYN delayed 1 s arrives and TIME-WAIT answers it, no new connection.",
        build: time_wait_guard,
    },
    Preset {
        name: "bulk-transfer",
        title: "Bulk transfer (1.5 MB)",
        group: PresetGroup::Data,
        description: "The client uploads 1.5 MB: slow start doubles the data in flight each round trip, and the server, seeing it read more each round trip, grows its receive buffer so the window keeps ahead: 64 KB to 1.4 MB. Done in 0.75 s.",
        build: bulk_transfer,
    },
    Preset {
        name: "upload-100k",
        title: "Upload 100 KB (slow start)",
        group: PresetGroup::Data,
        description: "The client uploads 100,000 bytes in one write; the server reads only when all have arrived. Watch slow start: 10 segments, then about twice as many each round trip.",
        build: data::upload_100k,
    },
    Preset {
        name: "fast-retransmit",
        title: "Fast retransmit (CUBIC)",
        group: PresetGroup::Loss,
        description: "As “Upload 100 KB”, and the 20th data segment is lost. Watch the duplicate ACKs with SACK blocks: the third one triggers a fast retransmit, long before the RTO.",
        build: data::fast_retransmit,
    },
    Preset {
        name: "fast-retransmit-reno",
        title: "Fast retransmit (Reno)",
        group: PresetGroup::Loss,
        description: "“Fast retransmit” with Reno on both ends. Watch cwnd halve at the loss and then grow by one segment per round trip.",
        build: data::fast_retransmit_reno,
    },
    Preset {
        name: "burst-loss",
        title: "Burst loss and SACK (CUBIC)",
        group: PresetGroup::Loss,
        description: "As “Upload 100 KB”, and data segments 20, 21 and 22 are lost together. Watch SACK tell the sender exactly which three to resend in one recovery.",
        build: data::burst_loss,
    },
    Preset {
        name: "burst-loss-reno",
        title: "Burst loss and SACK (Reno)",
        group: PresetGroup::Loss,
        description: "“Burst loss and SACK” with Reno on both ends. Watch the recovery and the window after it, against CUBIC's.",
        build: data::burst_loss_reno,
    },
    Preset {
        name: "retransmission-lost",
        title: "Retransmission lost too",
        group: PresetGroup::Loss,
        description: "As “Upload 100 KB”; data segment 20 and its first retransmission are lost. Watch how the lost retransmission is found: RACK, or at last the RTO.",
        build: data::retransmission_lost,
    },
    Preset {
        name: "tail-loss-probe",
        title: "Tail loss probe",
        group: PresetGroup::Loss,
        description: "The client uploads 20,000 bytes; the last data segment (with the FIN) is lost. Watch the tail loss probe resend it after about two round trips, not a full RTO.",
        build: data::tail_loss_probe,
    },
    Preset {
        name: "tail-rto",
        title: "Tail loss, then the RTO",
        group: PresetGroup::Loss,
        description: "As “Tail loss probe”, and the probe is lost too. Watch the RTO fire and the congestion window fall to one segment.",
        build: data::tail_rto,
    },
    Preset {
        name: "rack-reorder",
        title: "RACK marks a loss",
        group: PresetGroup::Loss,
        description: "The client uploads 10,000 bytes and closes 5 ms later; the last data segment is lost and the FIN, sent alone, arrives. Watch RACK judge the data segment lost once the later FIN is acknowledged.",
        build: data::rack_reorder,
    },
    Preset {
        name: "zero-window",
        title: "Zero window and persist probes",
        group: PresetGroup::Data,
        description: "The server has a 2 KB receive buffer and reads nothing for 3 s. Watch the window close to zero, the sender's window probes back off, and the window update when reading starts.",
        build: data::zero_window,
    },
    Preset {
        name: "nagle",
        title: "Nagle's algorithm",
        group: PresetGroup::Data,
        description: "The client writes 10 bytes every 8 ms with Nagle's algorithm on. Watch small writes wait for the ACK of the data in flight and leave together.",
        build: data::nagle,
    },
    Preset {
        name: "nodelay",
        title: "TCP_NODELAY",
        group: PresetGroup::Data,
        description: "“Nagle's algorithm” with TCP_NODELAY: each 10-byte write leaves at once. Watch the many small segments, limited only by the congestion window.",
        build: data::nodelay,
    },
    Preset {
        name: "keepalive",
        title: "Keep-alive on a dead network",
        group: PresetGroup::Loss,
        description: "After the handshake the network goes dark both ways; the client has keep-alive (2 s idle, 1 s interval, 3 probes). Watch the probes go unanswered until the client gives up.",
        build: data::keepalive,
    },
];

// ------------------------------------------------------------------ building blocks

/// The client of S1: connect at 0, send `hello` once connected, close on reading the answer.
fn hello_client() -> Script {
    Script::new()
        .at_ms(0, Call::Connect)
        .on(Trigger::Connected, 0, Call::send("hello"))
        .on(Trigger::Data, 0, Call::Close)
}

/// The server of S1: listen, answer `world` on reading, close on EOF.
fn world_server() -> Script {
    Script::new()
        .at_ms(0, Call::Listen)
        .on(Trigger::Data, 0, Call::send("world"))
        .on(Trigger::Eof, 0, Call::Close)
}

fn listener() -> Script {
    Script::new().at_ms(0, Call::Listen)
}

/// The handshake-and-close story with one fault.
fn s1_with(f: Fault) -> Scenario {
    handshake_and_close().fault(f)
}

/// A stale SYN from an old incarnation of the client (10 below its ISS, as in Figure 8).
fn stale_syn() -> Injection {
    Injection {
        from: Side::Client,
        at_us: 0,
        flags: Flags::SYN,
        seq: -10,
        ack: 0,
    }
}

// ------------------------------------------------------------------ the presets

fn handshake_and_close() -> Scenario {
    Scenario::new("")
        .client(hello_client())
        .server(world_server())
}

fn connect_refused() -> Scenario {
    Scenario::new("").client(Script::new().at_ms(0, Call::Connect))
}

fn syn_lost() -> Scenario {
    s1_with(Fault::drop_flags(Side::Client, Flags::SYN, false))
}

fn syn_timeout() -> Scenario {
    Scenario::new("")
        .client(Script::new().at_ms(0, Call::Connect))
        .server(listener())
        .fault(Fault::drop_flags(Side::Client, Flags::SYN, true))
}

fn synack_lost() -> Scenario {
    s1_with(Fault::drop_flags(
        Side::Server,
        Flags::SYN | Flags::ACK,
        false,
    ))
}

fn last_ack_lost() -> Scenario {
    // The ACK the client sends as it enters TIME-WAIT (robust to how many ACKs came before).
    s1_with(Fault::drop_flags(Side::Client, Flags::ACK, false).with_state(State::TimeWait))
}

fn simultaneous_close() -> Scenario {
    Scenario::new("")
        .latency_ms(100)
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(1366, Call::Close),
        )
        .server(listener().at_ms(1366, Call::Close))
}

fn simultaneous_open() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(800, Call::Close)
                .on(Trigger::Connected, 0, Call::send("hello")),
        )
        .server(
            Script::new()
                .at_us(1_700, Call::Connect)
                .on(Trigger::Data, 0, Call::send("world"))
                .on(Trigger::Eof, 0, Call::Close),
        )
}

fn half_close() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .on(Trigger::Connected, 0, Call::send("hello"))
                .on(Trigger::Connected, 0, Call::ShutdownWrite)
                .on(Trigger::Eof, 0, Call::Close),
        )
        .server(
            listener()
                .on(Trigger::Eof, 0, Call::send_bytes(100))
                .on(Trigger::Eof, 150, Call::send_bytes(100))
                .on(Trigger::Eof, 300, Call::send_bytes(100))
                .on(Trigger::Eof, 300, Call::Close),
        )
}

fn close_merged() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(400, Call::Close),
        )
        .server(listener().on(Trigger::Eof, 0, Call::Close))
}

fn close_delayed() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(400, Call::Close),
        )
        .server(listener().on(Trigger::Eof, 500, Call::Close))
}

fn abort() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(400, Call::Abort)
                .on(Trigger::Connected, 0, Call::send("hello")),
        )
        .server(listener())
}

fn old_duplicate_syn() -> Scenario {
    // Figure 8: the stale SYN gets there first; the real SYN is held up in the network
    // ("...") long enough to arrive after the RST has put the server back in LISTEN.
    Scenario::new("")
        .client(Script::new().at_ms(0, Call::Connect))
        .server(listener())
        .inject(stale_syn())
        .fault(
            Fault::drop_flags(Side::Client, Flags::SYN, false)
                .with_action(FaultAction::Delay { extra_us: 150_000 }),
        )
}

fn two_way_handshake() -> Scenario {
    // A single-socket server stands in for a listener that keeps listening: after the RST
    // it listens again, so the real SYN still finds it.
    let mut s = old_duplicate_syn().two_way();
    s.server = listener().on(Trigger::Error, 0, Call::Listen);
    s
}

fn half_open() -> Scenario {
    Scenario::new("")
        .client(
            hello_only_client()
                .at_ms(400, Call::Crash)
                .at_ms(600, Call::Connect),
        )
        .server(listener().on(Trigger::Error, 0, Call::Listen))
}

fn half_open_data() -> Scenario {
    Scenario::new("")
        .client(hello_only_client().at_ms(400, Call::Crash))
        .server(listener().at_ms(600, Call::send("anyone there?")))
}

fn hello_only_client() -> Script {
    Script::new()
        .at_ms(0, Call::Connect)
        .on(Trigger::Connected, 0, Call::send("hello"))
}

fn close_wait_leak() -> Scenario {
    Scenario::new("")
        .client(hello_only_client().at_ms(400, Call::Close))
        .server(listener())
}

fn data_loss() -> Scenario {
    s1_with(Fault::drop_flags(
        Side::Client,
        Flags::PSH | Flags::ACK,
        false,
    ))
}

fn time_wait_guard() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .at_ms(400, Call::Close)
                // The port is still guarded: connecting again fails.
                .at_ms(1_500, Call::Connect),
        )
        .server(listener().at_ms(400, Call::Close))
        .fault(
            Fault::drop_flags(Side::Client, Flags::SYN, false).with_action(
                FaultAction::Duplicate {
                    extra_us: 1_000_000,
                },
            ),
        )
}

/// 1 MiB and 512 KiB of filler (a send holds at most 1 MiB), then close; the server reads to
/// EOF and closes. About 1,650 segments: the longest preset (the same story as
/// bench/long-transfer.json).
fn bulk_transfer() -> Scenario {
    Scenario::new("")
        .client(
            Script::new()
                .at_ms(0, Call::Connect)
                .on(Trigger::Connected, 0, Call::send_bytes(1 << 20))
                .on(Trigger::Connected, 0, Call::send_bytes(512 << 10))
                .on(Trigger::Connected, 0, Call::Close),
        )
        .server(listener().on(Trigger::Eof, 0, Call::Close))
}
