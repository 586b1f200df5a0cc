//! # synack-packetdrill: Linux's TCP test language, against synack's engine
//!
//! [packetdrill](https://github.com/google/packetdrill) scripts say what a TCP stack must do as
//! a timeline of system calls, inbound segments (`<`) the test injects and outbound segments
//! (`>`) the stack must send. This crate reads them ([`parse`]) and runs them ([`run`],
//! [`run_source`]) with synack's engine as the stack under test: the `linux` profile with the
//! kernel selftests' default sysctls; the script plays the application and the remote peer.
//! Each script ends as [`Outcome::Pass`], a located [`Outcome::Fail`], [`Outcome::Unsupported`]
//! (TCP Fast Open, ECN, epoll, …: never a pass) or a located parse [`Outcome::Error`].
//! [`export`] writes a script for one side of a simulated scenario. See docs/PACKETDRILL.md.
#![no_std]
#![forbid(unsafe_code)]
extern crate alloc;

pub mod ast;
mod check;
mod code;
pub mod export;
pub mod lexer;
mod parser;
mod runner;
mod syscalls;
mod sysctl;
mod tcp_info;
pub mod trace;
pub mod view;

pub use parser::{parse, ParseError};
pub use runner::{
    run, run_source, Outcome, Run, Step, CLIENT_PORT, LOCAL_ADDR, REMOTE_ADDR, REMOTE_ISN,
    SERVER_PORT,
};
pub use sysctl::Env;
