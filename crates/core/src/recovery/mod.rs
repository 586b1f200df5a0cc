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
//!
//! ## How a connection drives it (the `linux` profile)
//! State: a [`Scoreboard`] (created when ESTABLISHED: `Scoreboard::new(snd_nxt, sack_ok,
//! mss)`), a [`Rack`], a [`FastRetrans`], a [`Tlp`], a [`Prr`] while in CWR/Recovery.
//! - **send** new data `[s, e)` (FIN counts 1): `sb.on_send(s, e, fin, now)`; in CWR or
//!   Recovery `prr.on_sent(1)`; arm the TLP timer if [`tlp::may_arm`] (else the RTO) with
//!   [`tlp::pto`].
//! - **retransmit**: take `sb.next_retransmit()` while `sb.in_flight() < cwnd` (and the peer's
//!   window allows; a shorter send splits the entry), then `sb.on_retransmit(s, e, now)`,
//!   `fr.on_retransmit()`, and `prr.on_sent(1)` in CWR/Recovery.
//! - **each ACK**: [`on_ack`] with SEG.ACK and the SACK blocks (it runs D-SACK, SACK tagging,
//!   the cumulative ACK and RACK's advance); feed `out.rtt_sample()` to the RTT estimator and
//!   `out.ca_rtt()` to `rack.update_min_rtt`; `fr.on_dsack(&d)` for an accepted D-SACK; if the
//!   probe is outstanding, [`Tlp::on_ack`] (`LossRepaired`: CWR for one reduction). Then if
//!   `fr.is_dubious(&signals)`, `fr.on_ack(..)` and apply its [`Action`]s in order:
//!   `InitCwndReduction` (cc `ssthresh()`, `prr = Prr::new(cwnd)`, `tlp.reset()`),
//!   `SetState` (cc `set_state`), `EndCwndReduction` (cwnd = ssthresh), `UndoCwndReduction`
//!   (cc `undo_cwnd`), `ReoTimer(d)` (arm the REO timer instead of re-arming the RTO),
//!   `RetransmitLost` (the retransmission walk above). Finally cwnd: if
//!   `alert.in_cwnd_reduction`, `prr.on_ack(out.newly_acked_sacked, sb.in_flight(),
//!   ssthresh, out.snd_una_advanced, alert.detection.newly_lost > 0)`; else cc `cong_avoid`.
//! - **REO timer**: `fr.on_reo_timeout(..)`; if it entered Recovery, `prr.on_ack(1,
//!   in_flight, ssthresh, false, newly_lost > 0)`; apply the actions.
//! - **TLP timer**: `tlp.choose(&mut sb, new_data_allowed)`: `NewData` → send one segment
//!   ignoring cwnd; `Retransmit{s, e}` → `sb.on_probe_retransmit(s, e, now)`; then
//!   `tlp.on_probe_sent(sb.snd_nxt(), retrans)` and re-arm the RTO.
//! - **RTO**: `fr.enter_loss(&mut sb, &rack, now, first_timeout)` (true: cc `ssthresh()`);
//!   cwnd = `sb.in_flight() + 1`; `tlp.reset()`; retransmit the head (the walk).
//! - **leaving recovery**: `fr.on_ack` does it when SND.UNA reaches `fr.high_seq`
//!   (`SetState(Open)` after `EndCwndReduction` or `UndoCwndReduction`); drop the `Prr`.
//!
//! The `textbook` profile uses [`Rfc6675`] (SACK) or [`NewReno`] (no SACK) instead of
//! `Rack`/`FastRetrans`/`Tlp`, with `rfc6675::pipe` as the sending limit.

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

pub use crate::cc::CaState;
