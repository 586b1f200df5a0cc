//! The SACK blocks of an incoming ACK on the sender side: which one is a D-SACK (RFC 2883 §4,
//! Linux `tcp_check_dsack`), which are valid (`tcp_is_sackblock_valid`), and one ACK's whole
//! processing in Linux's order (`tcp_ack`: `tcp_sacktag_write_queue`, then
//! `tcp_clean_rtx_queue`).

use super::rack::Rack;
use super::scoreboard::{CumAck, SackTag, Scoreboard};
use crate::seq::{seq_ge, seq_gt, seq_le, seq_lt};
use crate::time::Instant;
use alloc::vec::Vec;

/// RFC 2883 §4: "If the first SACK block is below the cumulative acknowledgement, or if it is
/// a subset of the second SACK block, then it is a D-SACK block." Linux `tcp_check_dsack`
/// tests "below" as `start_0 < SEG.ACK`.
pub fn first_block_is_dsack(blocks: &[(u32, u32)], ack: u32) -> bool {
    let Some(&(s0, e0)) = blocks.first() else {
        return false;
    };
    if seq_lt(s0, ack) {
        return true;
    }
    match blocks.get(1) {
        Some(&(s1, e1)) => seq_ge(s0, s1) && seq_le(e0, e1),
        None => false,
    }
}

/// A D-SACK the sender accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dsack {
    pub start: u32,
    pub end: u32,
    /// It lies below the cumulative ACK (the first rule of RFC 2883 §4), else inside the
    /// second block.
    pub below_ack: bool,
    /// Duplicate segments it reports (`DIV_ROUND_UP(len, mss)`, at least 1).
    pub dup_segs: u32,
    /// It is exactly the tail loss probe (`FLAG_DSACK_TLP`: `end == tlp_high_seq`, at most
    /// one MSS): the probe was not needed.
    pub tlp: bool,
    /// The duplicated data had been retransmitted (undo evidence): above SND.UNA, an entry it
    /// covers was retransmitted; below, Linux's test that no more duplicates were reported
    /// than retransmissions sent.
    pub retransmitted: bool,
    /// Retransmissions it shows spurious, for `undo_retrans`: below SND.UNA `dup_segs`
    /// (`tcp_check_dsack`'s "dumb counting"), above it the covered retransmitted entries
    /// (`tcp_sacktag_one`).
    pub retrans_segs: u32,
}

/// Linux `tcp_check_dsack` + `tcp_dsack_seen`: classify the first block; a dubious one
/// (reversed, longer than the largest window the peer offered, or reporting more duplicates
/// than were ever retransmitted) is ignored. Counts `dsack_dups` on the scoreboard.
pub fn check_dsack(
    sb: &mut Scoreboard,
    blocks: &[(u32, u32)],
    ack: u32,
    tlp_high_seq: Option<u32>,
    max_window: u32,
) -> Option<Dsack> {
    if !first_block_is_dsack(blocks, ack) {
        return None;
    }
    let &(start, end) = blocks.first()?;
    if !seq_lt(start, end) {
        return None;
    }
    let len = end.wrapping_sub(start);
    if len > max_window {
        return None;
    }
    let mss = sb.mss();
    let (dup_segs, tlp) = if len > mss {
        (len.div_ceil(mss), false)
    } else {
        (1, tlp_high_seq == Some(end))
    };
    if !sb.note_dsack(dup_segs) {
        return None;
    }
    let below_ack = seq_lt(start, ack);
    let retrans_segs = if seq_le(end, sb.snd_una()) {
        dup_segs
    } else {
        sb.retransmissions_within(start, end)
    };
    Some(Dsack {
        start,
        end,
        below_ack,
        dup_segs,
        tlp,
        retransmitted: retrans_segs > 0,
        retrans_segs,
    })
}

/// Linux `tcp_is_sackblock_valid` for a plain SACK block: inside (SND.UNA, SND.NXT], not
/// reversed.
pub fn block_valid(sb: &Scoreboard, start: u32, end: u32) -> bool {
    seq_lt(start, end)
        && seq_le(end, sb.snd_nxt())
        && seq_lt(start, sb.snd_nxt())
        && seq_gt(start, sb.snd_una())
}

/// One ACK's loss-detection inputs.
#[derive(Clone, Copy, Debug)]
pub struct AckInput<'a> {
    /// SEG.ACK.
    pub ack: u32,
    /// The SACK blocks in the order the option lists them.
    pub blocks: &'a [(u32, u32)],
    pub now: Instant,
    /// `tp->tlp_high_seq`, to recognise a D-SACK of the probe.
    pub tlp_high_seq: Option<u32>,
    /// The largest window the peer offered (`tp->max_window`), to reject dubious D-SACKs.
    pub max_window: u32,
}

/// What one ACK did to the scoreboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AckOutcome {
    pub cum: CumAck,
    pub sacked: SackTag,
    pub dsack: Option<Dsack>,
    /// SND.UNA advanced (`FLAG_SND_UNA_ADVANCED`).
    pub snd_una_advanced: bool,
    /// Packets delivered by this ACK, cumulatively or by SACK (`newly_acked_sacked`, the
    /// input of PRR).
    pub newly_acked_sacked: u32,
    /// `rs->prior_delivered`: `tx_delivered` of the most recently sent delivered entry.
    pub prior_delivered: Option<u32>,
}

impl AckOutcome {
    /// The RTT sample of this ACK (`tcp_ack_update_rtt`): from the cumulative ACK per Karn,
    /// else from the first newly SACKed never-retransmitted segment.
    pub fn rtt_sample(&self) -> Option<core::time::Duration> {
        self.cum.rtt.or(self.sacked.rtt)
    }
    /// `ca_rtt_us`, the min-RTT filter's input.
    pub fn ca_rtt(&self) -> Option<core::time::Duration> {
        if self.cum.rtt.is_some() {
            self.cum.ca_rtt
        } else {
            self.sacked.ca_rtt
        }
    }
}

/// One incoming ACK, in `tcp_ack`'s order: D-SACK check, SACK tagging (RACK advances on each
/// newly SACKed entry), the cumulative ACK (RACK advances on each newly delivered entry), and
/// RACK's reordering-window update. Loss detection itself ([`Rack::mark_lost`]) is the
/// caller's next step, after it knows the CA state.
pub fn on_ack(sb: &mut Scoreboard, rack: &mut Rack, input: &AckInput<'_>) -> AckOutcome {
    let mut out = AckOutcome::default();
    let now = input.now;
    let prior_fack = sb.fack();
    let prior_una = sb.snd_una();
    let prior_sacked = sb.sacked_out();
    let prior_packets = sb.packets_out();
    let mut prior_delivered: Option<(crate::time::Instant, u32, u32)> = None;
    // Which entries were delivered last: remember tx_delivered of the newest one.
    let tx_of =
        |sb: &Scoreboard, end: u32| sb.entries().find(|e| e.end == end).map(|e| e.tx_delivered);

    if sb.sack_ok() && !input.blocks.is_empty() {
        out.dsack = check_dsack(
            sb,
            input.blocks,
            input.ack,
            input.tlp_high_seq,
            input.max_window,
        );
        if let Some(d) = out.dsack {
            rack.on_dsack(sb.reord_seen > 0, d.tlp);
            if seq_gt(d.end, prior_una) {
                sb.dsack_clear_retrans(d.start, d.end);
            }
        }
        let skip_first = out.dsack.is_some() || first_block_is_dsack(input.blocks, input.ack);
        let mut blocks: Vec<(u32, u32)> = input
            .blocks
            .iter()
            .enumerate()
            .filter(|&(i, _)| !(skip_first && i == 0))
            .map(|(_, &b)| b)
            .filter(|&(s, e)| block_valid(sb, s, e))
            .collect();
        blocks.sort_unstable_by_key(|&(s, _)| s.wrapping_sub(prior_una));
        let mut newest: Option<(Instant, u32)> = None;
        out.sacked = sb.sack(&blocks, now, |retx, end, xmit| {
            rack.advance(retx, end, xmit, now);
            if newest.is_none_or(|(t, s)| super::rack::sent_after(xmit, t, end, s)) {
                newest = Some((xmit, end));
            }
        });
        if let Some((t, end)) = newest {
            if let Some(d) = tx_of(sb, end) {
                prior_delivered = Some((t, end, d));
            }
        }
    }

    // Entries about to be removed: remember their tx_delivered before they go.
    // (tcp_rate_skb_delivered skips entries already counted when they were SACKed.)
    let valid_ack = seq_gt(input.ack, prior_una) && seq_le(input.ack, sb.snd_nxt());
    let acked_tx: Vec<(Instant, u32, u32)> = sb
        .entries()
        .take_while(|e| valid_ack && seq_le(e.end, input.ack))
        .filter(|e| !e.sacked)
        .map(|e| (e.xmit_time, e.end, e.tx_delivered))
        .collect();
    out.cum = sb.cum_ack(input.ack, now, prior_fack, |retx, end, xmit| {
        rack.advance(retx, end, xmit, now);
    });
    for (t, end, d) in acked_tx {
        if prior_delivered.is_none_or(|(pt, pe, _)| super::rack::sent_after(t, pt, end, pe)) {
            prior_delivered = Some((t, end, d));
        }
    }
    out.snd_una_advanced = seq_gt(sb.snd_una(), prior_una);
    // newly_acked_sacked = prior_packets - packets_out + sacked_out - prior_sacked.
    out.newly_acked_sacked = prior_packets
        .saturating_sub(sb.packets_out())
        .saturating_add(sb.sacked_out())
        .saturating_sub(prior_sacked);
    out.prior_delivered = prior_delivered.map(|(_, _, d)| d);
    rack.update_reo_wnd(out.prior_delivered, sb.delivered);
    out
}
