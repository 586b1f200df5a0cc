//! Conservative SACK-based loss recovery, RFC 6675, for the `textbook` profile: IsLost,
//! SetPipe, NextSeg and the entry condition of §5, in bytes. And, for a peer without SACK,
//! RFC 5681 §3.2 fast retransmit with RFC 6582 NewReno partial ACKs.

use super::scoreboard::Scoreboard;
use crate::seq::{seq_ge, seq_gt, seq_le, seq_lt};
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;

/// RFC 6675 §2 / RFC 5681: DupThresh = 3.
pub const DUP_THRESH: u32 = 3;

/// RFC 6675 §4 IsLost (SeqNum): "true when either DupThresh discontiguous SACKed sequences
/// have arrived above 'SeqNum' or more than (DupThresh - 1) * SMSS bytes with sequence
/// numbers greater than 'SeqNum' have been SACKed."
pub fn is_lost(sb: &Scoreboard, seq: u32) -> bool {
    let mut segs = 0u32;
    let mut bytes = 0u32;
    for e in sb.entries().filter(|e| e.sacked && seq_gt(e.end, seq)) {
        segs = segs.saturating_add(1);
        let from = if seq_gt(e.start, seq) {
            e.start
        } else {
            seq.wrapping_add(1)
        };
        bytes = bytes.saturating_add(e.end.wrapping_sub(from));
    }
    segs >= DUP_THRESH || bytes > (DUP_THRESH - 1).saturating_mul(sb.mss())
}

/// RFC 6675 §4 SetPipe (): for each unSACKed octet between HighACK and HighData, one octet
/// if it is not IsLost, and one more if it was retransmitted (S1 <= HighRxt). `high_rxt` is
/// one past the highest retransmitted octet (none: no retransmission yet).
pub fn pipe(sb: &Scoreboard, high_rxt: Option<u32>) -> u32 {
    let mut pipe = 0u32;
    for e in sb.entries().filter(|e| !e.sacked) {
        let len = e.len();
        if !is_lost(sb, e.start) {
            pipe = pipe.saturating_add(len);
        }
        if let Some(h) = high_rxt {
            if seq_le(e.end, h) {
                pipe = pipe.saturating_add(len);
            } else if seq_lt(e.start, h) {
                pipe = pipe.saturating_add(h.wrapping_sub(e.start));
            }
        }
    }
    pipe
}

/// The highest octet covered by any received SACK (one past it), as NextSeg's rule (1.b).
fn high_sack(sb: &Scoreboard) -> Option<u32> {
    sb.highest_sacked_end()
}

/// What NextSeg () returns (RFC 6675 §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextSeg {
    /// Rule (1): the first unSACKed segment above HighRxt, below the highest SACK, IsLost.
    Lost { start: u32, end: u32 },
    /// Rule (2): one segment of new data.
    NewData,
    /// Rule (3): like (1) without IsLost.
    Unsacked { start: u32, end: u32 },
    /// Rule (4): the rescue retransmission of the last unSACKed segment.
    Rescue { start: u32, end: u32 },
}

/// The loss recovery phase of RFC 6675 §5.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Rfc6675 {
    /// DupAcks (§5).
    pub dup_acks: u32,
    /// RecoveryPoint: HighData (one past) when recovery began; `None` outside recovery.
    pub recovery_point: Option<u32>,
    /// HighRxt, one past the highest octet retransmitted by rules (1) or (3).
    pub high_rxt: Option<u32>,
    /// RescueRxt (§4 rule (4)).
    pub rescue_rxt: Option<u32>,
    /// The previous RecoveryPoint: a new recovery needs the cumulative ACK beyond it (§5).
    pub last_recovery_point: Option<u32>,
}

impl Rfc6675 {
    pub fn in_recovery(&self) -> bool {
        self.recovery_point.is_some()
    }

    /// §5 on one ACK, after the scoreboard was updated (Update ()). `cumulative`: SND.UNA
    /// advanced; `duplicate`: a duplicate ACK per RFC 6675 §2 (for SACK, one that SACKs
    /// octets not SACKed before). Returns whether to enter loss recovery now (§5 step 4):
    /// DupAcks reached DupThresh (step 1) or IsLost (HighACK + 1) (step 2), and no recovery
    /// is under way, and the cumulative ACK is beyond the last RecoveryPoint.
    pub fn on_ack(&mut self, sb: &Scoreboard, cumulative: bool, duplicate: bool) -> bool {
        if cumulative {
            self.dup_acks = 0;
        }
        if duplicate {
            self.dup_acks = self.dup_acks.saturating_add(1);
        }
        if self.in_recovery() || !duplicate {
            return false;
        }
        let beyond_last = self
            .last_recovery_point
            .is_none_or(|rp| seq_ge(sb.snd_una(), rp));
        beyond_last && (self.dup_acks >= DUP_THRESH || is_lost(sb, sb.snd_una()))
    }

    /// §5 step 4: enter recovery. RecoveryPoint = HighData; the caller retransmits the first
    /// segment (`sb.get(0)`) and calls [`Rfc6675::on_retransmit`] with `rescue = false`,
    /// which sets HighRxt and RescueRxt to its end (step 4.3).
    pub fn enter(&mut self, sb: &Scoreboard) {
        self.recovery_point = Some(sb.snd_nxt());
        self.high_rxt = None;
        self.rescue_rxt = None;
    }

    /// A segment ending at `end` was retransmitted: by rule (1)/(3) (or step 4.3) HighRxt
    /// moves (step C.3); by rule (4) only RescueRxt = RecoveryPoint.
    pub fn on_retransmit(&mut self, end: u32, rule4: bool, first: bool) {
        if rule4 {
            self.rescue_rxt = self.recovery_point;
            return;
        }
        if self.high_rxt.is_none_or(|h| seq_gt(end, h)) {
            self.high_rxt = Some(end);
        }
        if first {
            self.rescue_rxt = Some(end);
        }
    }

    /// §5: "When the TCP sender receives a cumulative ACK for this data octet, the loss
    /// recovery phase is terminated." Returns whether recovery ended.
    pub fn check_exit(&mut self, sb: &Scoreboard) -> bool {
        match self.recovery_point {
            Some(rp) if seq_ge(sb.snd_una(), rp) => {
                self.last_recovery_point = Some(rp);
                self.recovery_point = None;
                self.high_rxt = None;
                self.rescue_rxt = None;
                self.dup_acks = 0;
                true
            }
            _ => false,
        }
    }

    /// §4 NextSeg (): what to send next. `new_data`: unsent data exists and the receiver's
    /// window allows a segment.
    pub fn next_seg(&self, sb: &Scoreboard, new_data: bool) -> Option<NextSeg> {
        let hi_sack = high_sack(sb);
        let above_rxt = |start: u32| self.high_rxt.is_none_or(|h| seq_ge(start, h));
        let below_sack = |start: u32| hi_sack.is_some_and(|h| seq_lt(start, h));
        // (1) the smallest unSACKed S2 > HighRxt, < highest SACK, IsLost(S2).
        let candidates = || {
            sb.entries()
                .filter(move |e| !e.sacked && above_rxt(e.start) && below_sack(e.start))
        };
        if let Some(e) = candidates().find(|e| is_lost(sb, e.start)) {
            return Some(NextSeg::Lost {
                start: e.start,
                end: e.end,
            });
        }
        // (2) new data.
        if new_data {
            return Some(NextSeg::NewData);
        }
        // (3) (1.a) and (1.b) without (1.c).
        if let Some(e) = candidates().next() {
            return Some(NextSeg::Unsacked {
                start: e.start,
                end: e.end,
            });
        }
        // (4) one rescue retransmission per recovery, of the highest unSACKed segment.
        let rescue_ok =
            self.in_recovery() && self.rescue_rxt.is_none_or(|r| seq_gt(sb.snd_una(), r));
        if rescue_ok {
            if let Some(e) = sb.entries().rev().find(|e| !e.sacked) {
                return Some(NextSeg::Rescue {
                    start: e.start,
                    end: e.end,
                });
            }
        }
        None
    }
}

/// What RFC 5681 §3.2 with RFC 6582 NewReno says about one ACK (a peer without SACK).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewRenoAction {
    /// Nothing to do for loss recovery.
    None,
    /// The third duplicate ACK: retransmit SND.UNA's segment, enter fast recovery (RFC 5681
    /// §3.2 step 2–3; RFC 6582 §3.2 step 2: only if the ACK covers more than `recover`).
    FastRetransmit,
    /// A duplicate ACK during fast recovery (RFC 5681 §3.2 step 4: inflate cwnd).
    DupAckInRecovery,
    /// RFC 6582 §3.2 step 5, partial ACK: retransmit the first unacknowledged segment and
    /// stay in recovery.
    PartialAck,
    /// RFC 6582 §3.2 step 5, full ACK: leave fast recovery.
    FullAck,
}

/// NewReno's state (RFC 6582 §3.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct NewReno {
    pub dup_acks: u32,
    /// `recover`: the highest sequence number sent when fast recovery began (one past).
    pub recover: Option<u32>,
    pub in_recovery: bool,
}

impl NewReno {
    /// One ACK. `ack` is SEG.ACK, `advanced`: it acknowledged new data; `duplicate`: a
    /// duplicate ACK per RFC 5681 §2; `snd_nxt`: HighData + 1.
    pub fn on_ack(
        &mut self,
        ack: u32,
        advanced: bool,
        duplicate: bool,
        snd_nxt: u32,
    ) -> NewRenoAction {
        if self.in_recovery {
            if advanced {
                let full = self.recover.is_none_or(|r| seq_ge(ack, r));
                if full {
                    self.in_recovery = false;
                    self.dup_acks = 0;
                    return NewRenoAction::FullAck;
                }
                return NewRenoAction::PartialAck;
            }
            if duplicate {
                return NewRenoAction::DupAckInRecovery;
            }
            return NewRenoAction::None;
        }
        if advanced {
            self.dup_acks = 0;
            return NewRenoAction::None;
        }
        if !duplicate {
            return NewRenoAction::None;
        }
        self.dup_acks = self.dup_acks.saturating_add(1);
        if self.dup_acks == DUP_THRESH {
            // RFC 6582 §3.2 step 2: "the cumulative acknowledgment field covers more than
            // recover" (here: at or past, as `recover` is one past).
            let covers = self.recover.is_none_or(|r| seq_ge(ack, r));
            if covers {
                self.recover = Some(snd_nxt);
                self.in_recovery = true;
                return NewRenoAction::FastRetransmit;
            }
        }
        NewRenoAction::None
    }

    /// An RTO: RFC 6582 §4 sets `recover` to the highest sequence number sent and leaves
    /// fast recovery.
    pub fn on_timeout(&mut self, snd_nxt: u32) {
        self.recover = Some(snd_nxt);
        self.in_recovery = false;
        self.dup_acks = 0;
    }
}
