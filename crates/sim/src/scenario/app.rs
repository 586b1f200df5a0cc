//! The application model of one side, beyond its calls: the socket options it sets, how it
//! reads what arrives, and how it writes. The core only learns what the application set
//! (`Connection::set_option`) and how much it read (`Connection::read`); when and how much is
//! this model's business (shared/DESIGN.md, "The data phase: where it lives").

use alloc::vec::Vec;
use core::time::Duration;
use synack_core::{CongestionKind, Keepalive, SockOpt};

/// The `setsockopt` calls a program makes on its socket; each `None` is left as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SockOpts {
    /// `TCP_NODELAY`.
    pub nodelay: Option<bool>,
    /// `SO_KEEPALIVE` on, with `TCP_KEEPIDLE`, `TCP_KEEPINTVL`, `TCP_KEEPCNT`.
    pub keepalive: Option<Keepalive>,
    /// `TCP_CONGESTION`.
    pub congestion: Option<CongestionKind>,
    /// `SO_SNDBUF` in bytes, as the program passes it (Linux doubles it).
    pub sndbuf: Option<u32>,
    /// `SO_RCVBUF` in bytes, as the program passes it (Linux doubles it).
    pub rcvbuf: Option<u32>,
    /// `SO_RCVLOWAT`: a read returns only when this many bytes wait (or at EOF).
    pub rcvlowat: Option<u32>,
}

impl SockOpts {
    pub fn is_empty(&self) -> bool {
        *self == SockOpts::default()
    }

    /// The calls, in the order a program usually makes them.
    pub fn calls(&self) -> Vec<SockOpt> {
        let mut v = Vec::new();
        if let Some(b) = self.sndbuf {
            v.push(SockOpt::SndBuf(b));
        }
        if let Some(b) = self.rcvbuf {
            v.push(SockOpt::RcvBuf(b));
        }
        if let Some(k) = self.congestion {
            v.push(SockOpt::Congestion(k));
        }
        if let Some(on) = self.nodelay {
            v.push(SockOpt::NoDelay(on));
        }
        if let Some(k) = self.keepalive {
            v.push(SockOpt::KeepAlive(true));
            v.push(SockOpt::KeepIdle(k.idle));
            v.push(SockOpt::KeepIntvl(k.interval));
            v.push(SockOpt::KeepCnt(k.count));
        }
        if let Some(n) = self.rcvlowat {
            v.push(SockOpt::RcvLowat(n));
        }
        v
    }

    pub fn nodelay(mut self, on: bool) -> Self {
        self.nodelay = Some(on);
        self
    }
    pub fn keepalive(mut self, idle_ms: u64, interval_ms: u64, count: u8) -> Self {
        self.keepalive = Some(Keepalive {
            idle: Duration::from_millis(idle_ms),
            interval: Duration::from_millis(interval_ms),
            count,
        });
        self
    }
    pub fn congestion(mut self, k: CongestionKind) -> Self {
        self.congestion = Some(k);
        self
    }
    pub fn sndbuf(mut self, bytes: u32) -> Self {
        self.sndbuf = Some(bytes);
        self
    }
    pub fn rcvbuf(mut self, bytes: u32) -> Self {
        self.rcvbuf = Some(bytes);
        self
    }
    pub fn rcvlowat(mut self, bytes: u32) -> Self {
        self.rcvlowat = Some(bytes);
        self
    }
}

/// When the application reads what has arrived (in order) from the socket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Reader {
    /// At once, everything that waits (as far as `SO_RCVLOWAT` lets a read return).
    #[default]
    Instant,
    /// Nothing for this long after connect()/accept() returned, then as `Instant`.
    After { delay_us: u64 },
    /// At most this many bytes per second, in reads every [`RATE_TICK_US`].
    Rate { bytes_per_sec: u64 },
    /// Only when at least this many bytes wait (or at EOF), then everything.
    Lowat(u32),
    /// Never.
    None,
}

/// How often a `Rate` reader reads: every 10 ms.
pub const RATE_TICK_US: u64 = 10_000;

/// What a write-loop does: `count` writes of `bytes` each, `every_us` apart (from the end of
/// one write to the start of the next, as a program's `send(); sleep()` loop).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Writer {
    pub count: u32,
    pub bytes: u32,
    pub every_us: u64,
    /// The first write, this long after connect()/accept() returned (plus the reaction delay).
    pub after_us: u64,
    /// close() this long after the last write completed; `None`: the writer does not close.
    pub close_after_us: Option<u64>,
}

impl Writer {
    /// One blocking write (`sendall`) of `bytes`.
    pub fn once(bytes: u32) -> Writer {
        Writer {
            count: 1,
            bytes,
            every_us: 0,
            after_us: 0,
            close_after_us: None,
        }
    }
    /// `count` writes of `bytes`, `every_ms` apart.
    pub fn repeat(count: u32, bytes: u32, every_ms: u64) -> Writer {
        Writer {
            count,
            bytes,
            every_us: every_ms.saturating_mul(1000),
            ..Writer::once(bytes)
        }
    }
    pub fn after_ms(mut self, ms: u64) -> Writer {
        self.after_us = ms.saturating_mul(1000);
        self
    }
    /// close() `ms` after the last write.
    pub fn then_close_ms(mut self, ms: u64) -> Writer {
        self.close_after_us = Some(ms.saturating_mul(1000));
        self
    }
    pub fn then_close_us(mut self, us: u64) -> Writer {
        self.close_after_us = Some(us);
        self
    }
}

/// Copying a write into the kernel costs this much per byte: the Linux captures' first data
/// leaves 4.29 ms after the handshake for a 100,000-byte `sendall` (D1_bulk, D2_one_loss:
/// 4.29 and 3.72 ms after connect() returned) and 0.88 ms for 20,000 bytes (D5_zero_window),
/// 0.14 ms for 10 bytes (D6b_nodelay): 0.1 ms of reaction plus about 42 ns a byte. The bytes
/// reach the core when the copy ends.
pub const WRITE_NS_PER_BYTE: u64 = 42;

/// How long the copy of a `bytes`-byte write takes, µs.
pub fn copy_us(bytes: u32) -> u64 {
    u64::from(bytes).saturating_mul(WRITE_NS_PER_BYTE) / 1000
}

/// One side's application model (besides its calls and reactions).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct App {
    /// Options set before listen()/connect() (an accepted socket inherits the listener's).
    pub sockopts: SockOpts,
    /// Options set when connect()/accept() returns, on the connected socket.
    pub accepted_sockopts: SockOpts,
    pub reader: Reader,
    pub writer: Option<Writer>,
}

impl App {
    pub fn is_default(&self) -> bool {
        *self == App::default()
    }
}
