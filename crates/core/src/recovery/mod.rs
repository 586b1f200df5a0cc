//! Loss detection and recovery: which sent segments are lost, what to retransmit, and how
//! fast to send while recovering. Pure building blocks, driven by the connection.
//!
//! | file | after |
//! |---|---|
//! | `scoreboard.rs` | the retransmission queue's marks and counters (`tcp_sacktag_one`, `tcp_clean_rtx_queue`, `tcp_packets_in_flight`, `tcp_add_reno_sack`) |
//! | `sack.rs` | D-SACK (RFC 2883 §4, `tcp_check_dsack`), SACK block validity, one ACK in `tcp_ack`'s order |
//! | `rack.rs` | RACK (RFC 8985 §6, `tcp_rack_detect_loss`, `tcp_rack_advance`, `tcp_rack_reo_wnd`) |
//! | `tlp.rs` | tail loss probe (RFC 8985 §7, `tcp_schedule_loss_probe`, `tcp_send_loss_probe`, `tcp_process_tlp_ack`) |
//! | `rfc6675.rs` | RFC 6675 (IsLost, SetPipe, NextSeg) and RFC 6582 NewReno, for the `textbook` profile |
//! | `prr.rs` | PRR (RFC 6937, `tcp_cwnd_reduction`) |
//! | `fastretrans.rs` | Linux's CA state machine (`tcp_fastretrans_alert`) |
//!
//! See docs/PROTOCOL.md, "Loss detection and recovery".

pub mod fastretrans;
pub mod prr;
pub mod rack;
pub mod rfc6675;
pub mod sack;
pub mod scoreboard;
pub mod tlp;

#[cfg(test)]
mod tests;

pub use fastretrans::{AckSignals, Action, Alert, FastRetrans, Timing};
pub use prr::Prr;
pub use rack::{Detection, Rack};
pub use rfc6675::{NewReno, NewRenoAction, NextSeg, Rfc6675};
pub use sack::{on_ack, AckInput, AckOutcome, Dsack};
pub use scoreboard::{CumAck, Entry, SackTag, Scoreboard};
pub use tlp::{Probe, Tlp, TlpVerdict};

/// Linux's congestion-avoidance states (`enum tcp_ca_state`, `icsk_ca_state`), in Linux's
/// order: a later state is "more severe" (`state >= Recovery` tests compare them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CaState {
    /// Nothing dubious.
    #[default]
    Open,
    /// SACKs or duplicate ACKs seen; watching.
    Disorder,
    /// cwnd being reduced for a congestion signal (ECN, a repaired tail loss).
    Cwr,
    /// Fast recovery: retransmitting what was marked lost.
    Recovery,
    /// After an RTO: everything outstanding is presumed lost.
    Loss,
}
