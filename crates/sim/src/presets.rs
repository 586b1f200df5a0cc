//! The preset scenarios. Their names are part of the CLI (`synack run syn-lost`) and of the
//! web app's URLs; the descriptions are what the web app shows (English and Simplified
//! Chinese). Times count from the client's first SYN (the client connects at 0).

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
        description: "The client uploads 1.5 MB: slow start grows the congestion window each round trip until the server's 64 KB receive window is full.",
        #[cfg(feature = "zh")]
        description_zh: "客户端上传 1.5 MB：慢启动每个往返都增大拥塞窗口，直到填满服务器 64 KB 的接收窗口。",
        build: bulk_transfer,
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
