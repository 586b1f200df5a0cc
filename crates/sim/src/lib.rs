//! # synack-sim: a deterministic simulation of one TCP connection
//!
//! (Being written: see issue 4. `trace` is the output format everything downstream reads.)
#![no_std]
extern crate alloc;

pub mod trace;
pub use trace::*;
