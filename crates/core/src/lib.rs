//! # synack-core: a sans-IO TCP endpoint, faithful to RFC 9293
//!
//! One [`Connection`] is one TCP endpoint: the eleven states of RFC 9293 §3.3.2, the segment
//! arrival rules of §3.10.7, retransmission per RFC 6298, delayed ACKs, TIME-WAIT. It does no
//! I/O, reads no clock and draws no random numbers: the caller passes time (`now`, an
//! [`Instant`] in microseconds) into every call, and chooses the initial sequence number.
//! That makes it deterministic, testable, and small enough for WebAssembly and for
//! `thumbv7em-none-eabihf` (`#![no_std]` with `alloc`).
//!
//! ## The contract (after quinn-proto)
//! 1. Create with [`Connection::new`] (state CLOSED), then call a user call:
//!    [`Connection::listen`] or [`Connection::connect`]. A connection left CLOSED answers
//!    every segment as a closed port does (RST), so it also models "no listener".
//! 2. Feed inputs as they happen, in time order:
//!    - a segment that arrived: [`Connection::handle_segment`];
//!    - the time reached [`Connection::poll_timeout`]: [`Connection::handle_timeout`];
//!    - user calls: [`Connection::send`], [`Connection::shutdown_write`],
//!      [`Connection::close`], [`Connection::abort`] (misuse is a [`CallError`]).
//! 3. After every input, drain the outputs until they are empty:
//!    [`Connection::poll_transmit`] (segments to put on the wire), [`Connection::poll_event`]
//!    (what happened and why), and read [`Connection::poll_timeout`] again.
//!
//! Protocol outcomes (a reset, a refused connect, a timeout) are [`Event`]s, never errors,
//! and no input, however malformed, makes the connection panic.
//!
//! ## Profiles
//! [`Profile::linux`] (the default) models Linux 6.x, checked against real captures;
//! [`Profile::textbook`] follows the RFCs' own numbers. See `docs/PROTOCOL.md`.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

#[cfg(feature = "bin")]
pub mod bin;
pub mod cc;
mod conn;
mod event;
mod profile;
pub mod recovery;
mod rto;
pub mod seq;
mod state;
mod time;
pub mod wire;

pub use cc::{CaEvent, CaState, CongestionKind};
pub use conn::{
    CallError, Connection, Endpoint, Keepalive, SockOpt, SocketOptions, Tcb, TimerState,
};
pub use event::{Cause, Event, LinuxTimer, RejectReason, Rfc, SendLimit, SendReason, TimerKind};
pub use profile::{Flavor, Profile};
pub use rto::RttEstimator;
pub use state::State;
pub use time::Instant;
pub use wire::{Bytes, Flags, Ipv4Pair, Segment, TcpOption};
