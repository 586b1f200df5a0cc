//! Socket options (the `setsockopt` calls a program makes on one socket) and the reading side
//! of the application: how much of the receive queue it has consumed. The core never models the
//! application itself (the simulator does); it learns what the application set and read.

use super::{CallError, Connection};
use crate::cc::CongestionKind;
use crate::Instant;
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// Keep-alive parameters (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6; Linux `TCP_KEEPIDLE`,
/// `TCP_KEEPINTVL`, `TCP_KEEPCNT`, defaults 7200 s, 75 s, 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Keepalive {
    /// Idle time before the first probe.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub idle: Duration,
    /// Time between unanswered probes.
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Nanos"))]
    pub interval: Duration,
    /// Unanswered probes before the connection is dropped.
    pub count: u8,
}

impl Default for Keepalive {
    fn default() -> Self {
        Keepalive {
            idle: Duration::from_secs(7200),
            interval: Duration::from_secs(75),
            count: 9,
        }
    }
}

/// One socket option, as a program sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SockOpt {
    /// `TCP_NODELAY`: turn Nagle's algorithm off (RFC 9293 §3.7.4).
    NoDelay(bool),
    /// `SO_KEEPALIVE`.
    KeepAlive(bool),
    /// `TCP_KEEPIDLE`.
    KeepIdle(Duration),
    /// `TCP_KEEPINTVL`.
    KeepIntvl(Duration),
    /// `TCP_KEEPCNT`.
    KeepCnt(u8),
    /// `TCP_CONGESTION`.
    Congestion(CongestionKind),
    /// `SO_SNDBUF` in bytes as the program passes it (Linux doubles it, `sock_setsockopt`).
    SndBuf(u32),
    /// `SO_RCVBUF` in bytes as the program passes it (Linux doubles it).
    RcvBuf(u32),
    /// `SO_RCVLOWAT`: the program wants at least this many bytes per read.
    RcvLowat(u32),
}

/// The options in force on one socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct SocketOptions {
    pub nodelay: bool,
    pub keepalive: bool,
    pub keepalive_params: Keepalive,
    pub congestion: CongestionKind,
    /// `sk_sndbuf` once set by the program (doubled, as Linux stores it); `None`: autotuned.
    pub sndbuf: Option<u32>,
    /// `sk_rcvbuf` once set by the program (doubled); `None`: autotuned.
    pub rcvbuf: Option<u32>,
    pub rcvlowat: u32,
}

impl Default for SocketOptions {
    fn default() -> Self {
        SocketOptions {
            nodelay: false,
            keepalive: false,
            keepalive_params: Keepalive::default(),
            congestion: CongestionKind::default(),
            sndbuf: None,
            rcvbuf: None,
            rcvlowat: 1,
        }
    }
}

/// Linux's `SOCK_MIN_SNDBUF` / `SOCK_MIN_RCVBUF` (2 × truesize of a small skb, ~4.6 KB and
/// ~2.3 KB on x86-64); `sock_setsockopt` stores `max(2 × val, min)`.
const SOCK_MIN_SNDBUF: u32 = 4608;
const SOCK_MIN_RCVBUF: u32 = 2304;

impl Connection {
    /// `setsockopt`: set one option. Options stay with the socket across the connection's life
    /// (a listener's options are inherited by what it accepts, as in Linux).
    pub fn set_option(&mut self, now: Instant, opt: SockOpt) -> Result<(), CallError> {
        let o = &mut self.opts;
        match opt {
            SockOpt::NoDelay(on) => o.nodelay = on,
            SockOpt::KeepAlive(on) => o.keepalive = on,
            SockOpt::KeepIdle(d) => o.keepalive_params.idle = d,
            SockOpt::KeepIntvl(d) => o.keepalive_params.interval = d,
            SockOpt::KeepCnt(n) => o.keepalive_params.count = n.max(1),
            SockOpt::Congestion(k) => o.congestion = k,
            SockOpt::SndBuf(b) => o.sndbuf = Some(b.saturating_mul(2).max(SOCK_MIN_SNDBUF)),
            SockOpt::RcvBuf(b) => o.rcvbuf = Some(b.saturating_mul(2).max(SOCK_MIN_RCVBUF)),
            SockOpt::RcvLowat(n) => {
                o.rcvlowat = n.max(1);
                if self.profile.flavor == crate::profile::Flavor::Textbook {
                    // The textbook buffer does not grow: the low-water mark is capped at it,
                    // as BSD's `sbreserve` does (`sb_lowat <= sb_hiwat`), or a reader waiting
                    // for more than the buffer holds would wait forever.
                    let buf = o.rcvbuf.unwrap_or(self.profile.rcv_space).max(1);
                    o.rcvlowat = o.rcvlowat.min(buf);
                }
                if self.state.is_synchronized() {
                    self.on_rcvlowat();
                }
            }
        }
        if let SockOpt::KeepIdle(_) = opt {
            // tcp_sock_set_keepidle_locked: the running timer moves to the new idle time.
            self.keepidle_changed(now);
        }
        if let SockOpt::KeepAlive(_) = opt {
            // SO_KEEPALIVE on an established socket starts (or stops) the timer.
            self.arm_keepalive(now);
        }
        Ok(())
    }

    /// The options in force.
    pub fn options(&self) -> &SocketOptions {
        &self.opts
    }

    /// Bytes received in order that the application has not read yet.
    pub fn unread(&self) -> u32 {
        self.rcv_unread
    }

    /// The application reads up to `max` bytes of what has arrived in order (the bytes
    /// themselves came with [`crate::Event::DataReceived`]). Returns the bytes consumed. The
    /// receive window follows what is left unread.
    pub fn read(&mut self, now: Instant, max: u32) -> u32 {
        let n = self.rcv_unread.min(max);
        self.rcv_unread -= n;
        self.consumed(now, n);
        n
    }
}
