//! Tests of the recovery building blocks against the RFCs' examples and a real capture.

use super::fastretrans::Alert;
use super::*;
use crate::time::Instant;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::time::Duration;

mod d2_replay;
mod dsack;
mod fastretrans;
mod prr;
mod rack;
mod rfc6675;
mod scoreboard;
mod tlp;
