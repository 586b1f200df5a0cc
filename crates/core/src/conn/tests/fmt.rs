//! Shared test vocabulary: the two sides, and segments written as one short line.

use super::pair::{C_ADDR, S_ADDR};
use crate::wire::{Flags, Segment};
use alloc::format;
use alloc::string::String;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Client,
    Server,
}

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Client => Side::Server,
            Side::Server => Side::Client,
        }
    }
    /// (source, destination) addresses of segments this side sends.
    pub fn addrs(self) -> ([u8; 4], [u8; 4]) {
        match self {
            Side::Client => (C_ADDR, S_ADDR),
            Side::Server => (S_ADDR, C_ADDR),
        }
    }
    pub fn arrow(self) -> &'static str {
        match self {
            Side::Client => "C->S",
            Side::Server => "S->C",
        }
    }
}

/// "FLAGS seq ack len", seq relative to the sender's ISS `mine`, ack to the receiver's ISS
/// `theirs` ("-" without ACK), as the Linux capture traces write them; negative when a
/// number lies before the ISS (an old duplicate).
pub fn fmt_seg(s: &Segment, mine: u32, theirs: u32) -> String {
    let ack = if s.flags.contains(Flags::ACK) {
        format!("{}", s.ack.wrapping_sub(theirs) as i32)
    } else {
        String::from("-")
    };
    format!(
        "{} {} {} {}",
        s.flags,
        s.seq.wrapping_sub(mine) as i32,
        ack,
        s.payload.len()
    )
}
