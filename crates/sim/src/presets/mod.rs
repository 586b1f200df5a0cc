//! The preset scenarios. Their names are part of the CLI (`synack run syn-lost`) and of the
//! web app's URLs; the descriptions are what the web app shows (English and Simplified
//! Chinese). Times count from the client's first SYN (the client connects at 0).

mod data;

use crate::scenario::{Call, Fault, FaultAction, Injection, Scenario, Script, Trigger};
use crate::trace::Side;
use synack_core::{Flags, State};

/// One preset: its name, its one-line descriptions, and how to build it.
pub struct Preset {
    pub name: &'static str,
    pub description: &'static str,
    /// Compiled in with the feature `zh`; else [`Preset::description_zh`] reads the language
    /// pack.
    #[cfg(feature = "zh")]
    description_zh: &'static str,
    build: fn() -> Scenario,
}

impl Preset {
    /// The scenario, named and described.
    pub fn scenario(&self) -> Scenario {
        let mut s = (self.build)();
        s.name = self.name.into();
        s.description = self.description.into();
        s.description_zh = self.description_zh().into();
        s
    }

    /// The description in Simplified Chinese; without the feature `zh`, from the installed
    /// language pack (section [`PACK_SECTION`], one text per preset in [`presets`] order), else
    /// English.
    pub fn description_zh(&self) -> &'static str {
        #[cfg(feature = "zh")]
        return self.description_zh;
        #[cfg(not(feature = "zh"))]
        PRESETS
            .iter()
            .position(|p| p.name == self.name)
            .and_then(|i| synack_core::pack::lookup(PACK_SECTION, i))
            .unwrap_or(self.description)
    }
}

/// The pack section of the preset descriptions.
pub const PACK_SECTION: &str = "sim";

/// The Chinese descriptions in [`presets`] order, for the language pack.
#[cfg(feature = "zh")]
pub fn zh_texts() -> alloc::vec::Vec<&'static str> {
    PRESETS.iter().map(|p| p.description_zh).collect()
}

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
        description: "Three-way handshake, `hello` and `world`, then the four-way close.",
        #[cfg(feature = "zh")]
        description_zh: "三次握手，互发 `hello` 与 `world`，然后四次挥手关闭。",
        build: handshake_and_close,
    },
    Preset {
        name: "connect-refused",
        description: "The client connects to a port nobody listens on: the answer is RST.",
        #[cfg(feature = "zh")]
        description_zh: "客户端连接一个无人监听的端口：对方回以 RST，连接被拒绝。",
        build: connect_refused,
    },
    Preset {
        name: "syn-lost",
        description: "The first SYN is lost; the client sends it again after 1 s.",
        #[cfg(feature = "zh")]
        description_zh: "第一个 SYN 丢失；客户端在 1 秒后重传。",
        build: syn_lost,
    },
    Preset {
        name: "syn-timeout",
        description: "Every SYN is lost: retries at 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, give up at 131 s.",
        #[cfg(feature = "zh")]
        description_zh: "所有 SYN 都丢失：在 1、2、3、4、5、7、11、19、35、67 秒重传，131 秒时放弃。",
        build: syn_timeout,
    },
    Preset {
        name: "synack-lost",
        description: "The server's first SYN-ACK is lost; both sides retransmit after 1 s.",
        #[cfg(feature = "zh")]
        description_zh: "服务器的第一个 SYN-ACK 丢失；双方都在 1 秒后重传。",
        build: synack_lost,
    },
    Preset {
        name: "last-ack-lost",
        description: "The client's final ACK is lost; the server resends its FIN and TIME-WAIT answers it.",
        #[cfg(feature = "zh")]
        description_zh: "客户端最后的 ACK 丢失；服务器重传 FIN，由 TIME-WAIT 状态再次确认。",
        build: last_ack_lost,
    },
    Preset {
        name: "simultaneous-close",
        description: "Both sides close at the same moment: FINs cross, both pass CLOSING into TIME-WAIT.",
        #[cfg(feature = "zh")]
        description_zh: "双方同时关闭：FIN 交叉而过，双方经 CLOSING 进入 TIME-WAIT。",
        build: simultaneous_close,
    },
    Preset {
        name: "simultaneous-open",
        description: "Both sides connect to each other at once: SYNs cross, both pass SYN-RECEIVED.",
        #[cfg(feature = "zh")]
        description_zh: "双方同时向对方发起连接：SYN 交叉而过，双方都经过 SYN-RECEIVED。",
        build: simultaneous_open,
    },
    Preset {
        name: "half-close",
        description: "The client sends `hello` and shuts down writing; the server keeps sending, then closes.",
        #[cfg(feature = "zh")]
        description_zh: "客户端发送 `hello` 后关闭写方向；服务器继续发送数据，然后关闭。",
        build: half_close,
    },
    Preset {
        name: "close-merged",
        description: "The server closes as soon as it reads EOF: its ACK rides on its FIN (three segments).",
        #[cfg(feature = "zh")]
        description_zh: "服务器一读到 EOF 就关闭：ACK 与 FIN 合并在一个报文段里（三次挥手）。",
        build: close_merged,
    },
    Preset {
        name: "close-delayed",
        description: "The server closes 500 ms after EOF: ACK first, FIN later (four segments).",
        #[cfg(feature = "zh")]
        description_zh: "服务器在读到 EOF 500 毫秒后才关闭：先发 ACK，后发 FIN（四次挥手）。",
        build: close_delayed,
    },
    Preset {
        name: "abort",
        description: "The client sends `hello`, then aborts: one RST, no goodbye.",
        #[cfg(feature = "zh")]
        description_zh: "客户端发送 `hello` 后中止连接：只发一个 RST，不做挥手。",
        build: abort,
    },
    Preset {
        name: "old-duplicate-syn",
        description: "RFC 9293 Figure 8: a stale SYN arrives first; the client resets it, then the real handshake completes.",
        #[cfg(feature = "zh")]
        description_zh: "RFC 9293 图 8：一个陈旧的 SYN 先到达；客户端用 RST 拒绝它，随后真正的握手完成。",
        build: old_duplicate_syn,
    },
    Preset {
        name: "two-way-handshake",
        description: "The same stale SYN under a two-way handshake: the server accepts a connection nobody opened.",
        #[cfg(feature = "zh")]
        description_zh: "同样的陈旧 SYN 遇上两次握手：服务器接受了一个没有人发起的连接。",
        build: two_way_handshake,
    },
    Preset {
        name: "half-open",
        description: "RFC 9293 Figure 10: the client crashes and reconnects; the server's ACK draws a RST, then a new handshake.",
        #[cfg(feature = "zh")]
        description_zh: "RFC 9293 图 10：客户端崩溃后重新连接；服务器的 ACK 招来 RST，随后重新握手。",
        build: half_open,
    },
    Preset {
        name: "half-open-data",
        description: "RFC 9293 Figure 11: the client crashed; the server's next data draws a RST and the server aborts.",
        #[cfg(feature = "zh")]
        description_zh: "RFC 9293 图 11：客户端已崩溃；服务器再发数据时招来 RST，服务器随之中止连接。",
        build: half_open_data,
    },
    Preset {
        name: "close-wait-leak",
        description: "The server never closes: it stays in CLOSE-WAIT; the client gives up FIN-WAIT-2 after 60 s.",
        #[cfg(feature = "zh")]
        description_zh: "服务器始终不关闭：停留在 CLOSE-WAIT；客户端在 FIN-WAIT-2 等待 60 秒后放弃。",
        build: close_wait_leak,
    },
    Preset {
        name: "data-loss",
        description: "The client's `hello` is lost and sent again when the retransmission timer (RTO) fires.",
        #[cfg(feature = "zh")]
        description_zh: "客户端的 `hello` 丢失，在重传计时器（RTO）超时后重发。",
        build: data_loss,
    },
    Preset {
        name: "time-wait-guard",
        description: "Both sides wait in TIME-WAIT; a SYN delayed 1 s arrives and TIME-WAIT answers it, no new connection.",
        #[cfg(feature = "zh")]
        description_zh: "双方都处于 TIME-WAIT；一个延迟 1 秒的 SYN 到达，由 TIME-WAIT 应答，不会建立新连接。",
        build: time_wait_guard,
    },
    Preset {
        name: "bulk-transfer",
        description: "The client uploads 1.5 MB: slow start doubles the data in flight each round trip, and the server, seeing it read more each round trip, grows its receive buffer so the window keeps ahead: 64 KB to 1.4 MB. Done in 0.75 s.",
        #[cfg(feature = "zh")]
        description_zh: "客户端上传 1.5 MB：慢启动让在途数据每个往返翻一番；服务器发现每个往返读到的数据更多，便增大接收缓冲区，使接收窗口始终领先：从 64 KB 增长到 1.4 MB。0.75 秒完成。",
        build: bulk_transfer,
    },
    Preset {
        name: "upload-100k",
        description: "The client uploads 100,000 bytes in one write; the server reads only when all have arrived. Watch slow start: 10 segments, then about twice as many each round trip.",
        #[cfg(feature = "zh")]
        description_zh: "客户端一次写入并上传 100,000 字节；服务器等全部到达才读取。注意慢启动：先发 10 个报文段，此后每个往返约翻一番。",
        build: data::upload_100k,
    },
    Preset {
        name: "fast-retransmit",
        description: "upload-100k, and the 20th data segment is lost. Watch the duplicate ACKs with SACK blocks: the third one triggers a fast retransmit, long before the RTO.",
        #[cfg(feature = "zh")]
        description_zh: "upload-100k，第 20 个数据报文段丢失。注意带 SACK 块的重复 ACK：第三个触发快速重传，远早于 RTO 超时。",
        build: data::fast_retransmit,
    },
    Preset {
        name: "fast-retransmit-reno",
        description: "fast-retransmit with Reno on both ends. Watch cwnd halve at the loss and then grow by one segment per round trip.",
        #[cfg(feature = "zh")]
        description_zh: "两端都用 Reno 的 fast-retransmit。注意丢包时 cwnd 减半，之后每个往返只增加一个报文段。",
        build: data::fast_retransmit_reno,
    },
    Preset {
        name: "burst-loss",
        description: "upload-100k, and data segments 20, 21 and 22 are lost together. Watch SACK tell the sender exactly which three to resend in one recovery.",
        #[cfg(feature = "zh")]
        description_zh: "upload-100k，第 20、21、22 个数据报文段一起丢失。注意 SACK 如何准确告诉发送方在一次恢复中重传哪三个。",
        build: data::burst_loss,
    },
    Preset {
        name: "burst-loss-reno",
        description: "burst-loss with Reno on both ends. Watch the recovery and the window after it, against CUBIC's.",
        #[cfg(feature = "zh")]
        description_zh: "两端都用 Reno 的 burst-loss。对照 CUBIC，注意恢复过程及其后的窗口。",
        build: data::burst_loss_reno,
    },
    Preset {
        name: "retransmission-lost",
        description: "upload-100k; data segment 20 and its first retransmission are lost. Watch how the lost retransmission is found: RACK, or at last the RTO.",
        #[cfg(feature = "zh")]
        description_zh: "upload-100k；第 20 个数据报文段及其第一次重传都丢失。注意丢失的重传如何被发现：RACK，或最终的 RTO。",
        build: data::retransmission_lost,
    },
    Preset {
        name: "tail-loss-probe",
        description: "The client uploads 20,000 bytes; the last data segment (with the FIN) is lost. Watch the tail loss probe resend it after about two round trips, not a full RTO.",
        #[cfg(feature = "zh")]
        description_zh: "客户端上传 20,000 字节；最后一个数据报文段（带 FIN）丢失。注意尾部丢失探测在约两个往返后重发它，而不必等完整的 RTO。",
        build: data::tail_loss_probe,
    },
    Preset {
        name: "tail-rto",
        description: "tail-loss-probe, and the probe is lost too. Watch the RTO fire and the congestion window fall to one segment.",
        #[cfg(feature = "zh")]
        description_zh: "tail-loss-probe，且探测报文段也丢失。注意 RTO 超时触发，拥塞窗口降到一个报文段。",
        build: data::tail_rto,
    },
    Preset {
        name: "rack-reorder",
        description: "The client uploads 10,000 bytes and closes 5 ms later; the last data segment is lost and the FIN, sent alone, arrives. Watch RACK judge the data segment lost once the later FIN is acknowledged.",
        #[cfg(feature = "zh")]
        description_zh: "客户端上传 10,000 字节，5 毫秒后关闭；最后一个数据报文段丢失，单独发送的 FIN 到达。注意更晚发送的 FIN 被确认后，RACK 判定该数据报文段丢失。",
        build: data::rack_reorder,
    },
    Preset {
        name: "zero-window",
        description: "The server has a 2 KB receive buffer and reads nothing for 3 s. Watch the window close to zero, the sender's window probes back off, and the window update when reading starts.",
        #[cfg(feature = "zh")]
        description_zh: "服务器接收缓冲区只有 2 KB，且 3 秒内不读取。注意窗口关闭为零、发送方的窗口探测逐次退避，以及开始读取时的窗口更新。",
        build: data::zero_window,
    },
    Preset {
        name: "nagle",
        description: "The client writes 10 bytes every 8 ms with Nagle's algorithm on. Watch small writes wait for the ACK of the data in flight and leave together.",
        #[cfg(feature = "zh")]
        description_zh: "客户端在开启 Nagle 算法时每 8 毫秒写 10 字节。注意小块写入要等在途数据的 ACK，然后合并发送。",
        build: data::nagle,
    },
    Preset {
        name: "nodelay",
        description: "nagle with TCP_NODELAY: each 10-byte write leaves at once. Watch the many small segments, limited only by the congestion window.",
        #[cfg(feature = "zh")]
        description_zh: "开启 TCP_NODELAY 的 nagle：每次 10 字节的写入立即发出。注意大量小报文段，只受拥塞窗口限制。",
        build: data::nodelay,
    },
    Preset {
        name: "keepalive",
        description: "After the handshake the network goes dark both ways; the client has keep-alive (2 s idle, 1 s interval, 3 probes). Watch the probes go unanswered until the client gives up.",
        #[cfg(feature = "zh")]
        description_zh: "握手后网络双向中断；客户端开启保活（空闲 2 秒、间隔 1 秒、3 次探测）。注意探测无人应答，直到客户端放弃连接。",
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
