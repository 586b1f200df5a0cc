//! The scoreboard: one entry per sent segment, the metadata of Linux's retransmission queue
//! (`tcp_rtx_queue`, `TCP_SKB_CB(skb)->sacked`) without the payload bytes, and the counters
//! Linux keeps beside it (`packets_out`, `sacked_out`, `lost_out`, `retrans_out`).
//!
//! One entry is one packet (Linux's `tcp_skb_pcount` is 1 for every skb of at most one MSS),
//! so the counters count entries. Sequence numbers compare with [`crate::seq`]; a FIN takes
//! one sequence number and belongs to the last entry.

use crate::seq::{seq_ge, seq_gt, seq_le, seq_lt};
use crate::time::Instant;
use alloc::collections::VecDeque;
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;
use core::time::Duration;

/// Linux's `sysctl_tcp_reordering` (initial `tp->reordering`, the dupthresh): 3.
pub const TCP_REORDERING: u32 = 3;
/// Linux's `sysctl_tcp_max_reordering`: 300.
pub const TCP_MAX_REORDERING: u32 = 300;

/// One sent segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Entry {
    /// First sequence number.
    pub start: u32,
    /// One past the last sequence number (a FIN counts 1).
    pub end: u32,
    pub fin: bool,
    /// When it was first sent.
    pub first_sent: Instant,
    /// Its latest (re)transmission (`skb->skb_mstamp_ns`).
    pub xmit_time: Instant,
    /// How many times it was retransmitted.
    pub retrans_count: u8,
    /// `TCPCB_SACKED_ACKED`.
    pub sacked: bool,
    /// `TCPCB_LOST`.
    pub lost: bool,
    /// `TCPCB_SACKED_RETRANS`: a retransmission of it is in flight (counted in `retrans_out`).
    pub retrans_in_flight: bool,
    /// `TCPCB_EVER_RETRANS`: it was retransmitted at least once (Karn: no RTT sample).
    pub ever_retrans: bool,
    /// `tp->delivered` when it was last sent (`TCP_SKB_CB(skb)->tx.delivered`), for RACK's
    /// once-per-round reordering-window update (`tcp_rack_update_reo_wnd`).
    pub tx_delivered: u32,
}

impl Entry {
    /// Sequence space it covers (payload, plus 1 for a FIN).
    pub fn len(&self) -> u32 {
        self.end.wrapping_sub(self.start)
    }
    /// Whether it covers no sequence space (never stored).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What a cumulative ACK did (`tcp_clean_rtx_queue`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CumAck {
    /// Entries removed (`pkts_acked`).
    pub packets: u32,
    /// Sequence space newly acknowledged (SEG.ACK − old SND.UNA).
    pub bytes: u32,
    /// Of `packets`, how many had not been SACKed before (newly delivered by this ACK).
    pub newly_delivered: u32,
    /// The newest `xmit_time` among the removed entries.
    pub newest_xmit: Option<Instant>,
    /// Some removed entry had been retransmitted (`FLAG_RETRANS_DATA_ACKED`).
    pub retransmitted: bool,
    /// Karn's rule (RFC 6298 §3, Linux `seq_rtt_us`): `now` minus the send time of the first
    /// newly acked never-retransmitted, not SACKed entry; `None` if any retransmitted entry was
    /// acked by this ACK.
    pub rtt: Option<Duration>,
    /// Linux `ca_rtt_us`: from the last such entry (feeds the min-RTT filter).
    pub ca_rtt: Option<Duration>,
}

/// What the SACK blocks of one ACK did (`tcp_sacktag_write_queue`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SackTag {
    /// Entries newly marked SACKed.
    pub packets: u32,
    pub bytes: u32,
    /// End of the highest SACKed entry after this ACK (`tcp_highest_sack_seq`).
    pub highest_sacked_end: Option<u32>,
    /// Linux `sack_rtt_us`: from the first newly SACKed never-retransmitted entry.
    pub rtt: Option<Duration>,
    /// Linux `ca_rtt_us` from the last such entry.
    pub ca_rtt: Option<Duration>,
    /// A never-retransmitted entry below the previous highest SACK was delivered: reordering
    /// (`tcp_check_sack_reordering` ran).
    pub reordering: bool,
}

/// The retransmission queue's metadata and its counters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Scoreboard {
    #[cfg_attr(feature = "bin", nserde(proxy = "crate::bin::Deque<Entry>"))]
    entries: VecDeque<Entry>,
    snd_una: u32,
    snd_nxt: u32,
    /// The peer agreed to SACK (`tcp_is_sack`); otherwise `sacked_out` counts duplicate ACKs
    /// (`tcp_is_reno`).
    sack_ok: bool,
    mss: u32,
    packets_out: u32,
    sacked_out: u32,
    lost_out: u32,
    retrans_out: u32,
    bytes_out: u32,
    sacked_bytes: u32,
    lost_bytes: u32,
    retrans_bytes: u32,
    /// `tp->reordering`: the dupthresh, in packets.
    pub reordering: u32,
    /// `tp->reord_seen`: how many times reordering was detected.
    pub reord_seen: u32,
    /// `tp->delivered`: packets delivered (acked or SACKed, and D-SACKed duplicates).
    pub delivered: u32,
    /// `tp->total_retrans`: retransmissions sent.
    pub total_retrans: u32,
    /// `tp->dsack_dups`: segments reported by D-SACK.
    pub dsack_dups: u32,
}

impl Scoreboard {
    /// An empty scoreboard whose SND.UNA = SND.NXT = `snd_nxt` (after the handshake: ISS+1).
    pub fn new(snd_nxt: u32, sack_ok: bool, mss: u32) -> Self {
        Scoreboard {
            entries: VecDeque::new(),
            snd_una: snd_nxt,
            snd_nxt,
            sack_ok,
            mss: mss.max(1),
            packets_out: 0,
            sacked_out: 0,
            lost_out: 0,
            retrans_out: 0,
            bytes_out: 0,
            sacked_bytes: 0,
            lost_bytes: 0,
            retrans_bytes: 0,
            reordering: TCP_REORDERING,
            reord_seen: 0,
            delivered: 0,
            total_retrans: 0,
            dsack_dups: 0,
        }
    }

    pub fn sack_ok(&self) -> bool {
        self.sack_ok
    }
    pub fn mss(&self) -> u32 {
        self.mss
    }
    pub fn snd_una(&self) -> u32 {
        self.snd_una
    }
    pub fn snd_nxt(&self) -> u32 {
        self.snd_nxt
    }
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + ExactSizeIterator {
        self.entries.iter()
    }
    pub fn get(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i)
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The entry holding `seq`.
    pub fn find(&self, seq: u32) -> Option<&Entry> {
        self.index_of(seq).and_then(|i| self.entries.get(i))
    }
    fn index_of(&self, seq: u32) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| seq_le(e.start, seq) && seq_lt(seq, e.end))
    }

    // ---- counters (include/net/tcp.h) ----
    pub fn packets_out(&self) -> u32 {
        self.packets_out
    }
    pub fn sacked_out(&self) -> u32 {
        self.sacked_out
    }
    pub fn lost_out(&self) -> u32 {
        self.lost_out
    }
    pub fn retrans_out(&self) -> u32 {
        self.retrans_out
    }
    /// `tcp_left_out`: `sacked_out + lost_out`.
    pub fn left_out(&self) -> u32 {
        self.sacked_out.saturating_add(self.lost_out)
    }
    /// `tcp_packets_in_flight`: `packets_out - (sacked_out + lost_out) + retrans_out`.
    pub fn in_flight(&self) -> u32 {
        self.packets_out
            .saturating_sub(self.left_out())
            .saturating_add(self.retrans_out)
    }
    pub fn bytes_out(&self) -> u32 {
        self.bytes_out
    }
    /// SACKed sequence space; for a peer without SACK, `sacked_out` duplicate ACKs × MSS.
    pub fn sacked_bytes(&self) -> u32 {
        if self.sack_ok {
            self.sacked_bytes
        } else {
            self.sacked_out.saturating_mul(self.mss).min(self.bytes_out)
        }
    }
    pub fn lost_bytes(&self) -> u32 {
        self.lost_bytes
    }
    pub fn retrans_bytes(&self) -> u32 {
        self.retrans_bytes
    }
    /// The bytes version of [`Scoreboard::in_flight`].
    pub fn bytes_in_flight(&self) -> u32 {
        self.bytes_out
            .saturating_sub(self.sacked_bytes().saturating_add(self.lost_bytes))
            .saturating_add(self.retrans_bytes)
    }
    /// `tcp_highest_sack_seq`: end of the highest SACKed entry (SACK peers only).
    pub fn highest_sacked_end(&self) -> Option<u32> {
        // Nothing SACKed (the common case): no walk over the queue on every ACK.
        if self.sacked_out == 0 || !self.sack_ok {
            return None;
        }
        self.entries.iter().rev().find(|e| e.sacked).map(|e| e.end)
    }
    /// `prior_fack` in `tcp_ack`: the highest SACKed end, else SND.UNA.
    pub fn fack(&self) -> u32 {
        self.highest_sacked_end().unwrap_or(self.snd_una)
    }

    // ---- sending ----

    /// Record a new segment `[start, end)` sent at `now` (`tcp_event_new_data_sent`). It must
    /// begin at SND.NXT and be non-empty; otherwise nothing is recorded and `false` returned.
    pub fn on_send(&mut self, start: u32, end: u32, fin: bool, now: Instant) -> bool {
        if start != self.snd_nxt || !seq_gt(end, start) {
            return false;
        }
        let e = Entry {
            start,
            end,
            fin,
            first_sent: now,
            xmit_time: now,
            retrans_count: 0,
            sacked: false,
            lost: false,
            retrans_in_flight: false,
            ever_retrans: false,
            tx_delivered: self.delivered,
        };
        self.packets_out = self.packets_out.saturating_add(1);
        self.bytes_out = self.bytes_out.saturating_add(e.len());
        self.entries.push_back(e);
        self.snd_nxt = end;
        true
    }

    /// Split the entry holding `seq` into `[start, seq)` and `[seq, end)` (Linux
    /// `tcp_fragment` in the retransmission queue), both keeping its marks; the FIN stays with
    /// the second part. Returns `false` if `seq` is not strictly inside an entry.
    pub fn split(&mut self, seq: u32) -> bool {
        let Some(i) = self.index_of(seq) else {
            return false;
        };
        let Some(e) = self.entries.get_mut(i) else {
            return false;
        };
        if e.start == seq {
            return false;
        }
        let mut second = *e;
        second.start = seq;
        e.end = seq;
        e.fin = false;
        let first = *e;
        // Both parts carry the marks; one more packet under each mark.
        self.packets_out = self.packets_out.saturating_add(1);
        if first.sacked {
            self.sacked_out = self.sacked_out.saturating_add(1);
        }
        if first.lost {
            self.lost_out = self.lost_out.saturating_add(1);
        }
        if first.retrans_in_flight {
            self.retrans_out = self.retrans_out.saturating_add(1);
        }
        self.entries.insert(i.saturating_add(1), second);
        true
    }

    /// Record a retransmission of `[start, end)` at `now` (`tcp_retransmit_skb`: sets
    /// `TCPCB_SACKED_RETRANS | TCPCB_EVER_RETRANS`, `retrans_out += 1`). `start` must begin an
    /// entry; a shorter retransmission (`end` inside the entry: the peer's window or the MSS
    /// allowed less) splits it first. Returns the index of the retransmitted entry.
    pub fn on_retransmit(&mut self, start: u32, end: u32, now: Instant) -> Option<usize> {
        self.retransmit(start, end, now, true)
    }

    /// Record a tail loss probe that resends `[start, end)` (`tcp_send_loss_probe` calls
    /// `__tcp_retransmit_skb`, which sets only `TCPCB_EVER_RETRANS`: not counted in
    /// `retrans_out`).
    pub fn on_probe_retransmit(&mut self, start: u32, end: u32, now: Instant) -> Option<usize> {
        self.retransmit(start, end, now, false)
    }

    fn retransmit(&mut self, start: u32, end: u32, now: Instant, counted: bool) -> Option<usize> {
        let i = self.entries.iter().position(|e| e.start == start)?;
        let e_end = self.entries.get(i)?.end;
        if seq_le(end, start) || seq_gt(end, e_end) {
            return None;
        }
        if end != e_end && !self.split(end) {
            return None;
        }
        let delivered = self.delivered;
        let e = self.entries.get_mut(i)?;
        e.xmit_time = now;
        e.retrans_count = e.retrans_count.saturating_add(1);
        e.ever_retrans = true;
        e.tx_delivered = delivered;
        let len = e.len();
        let newly_counted = counted && !e.retrans_in_flight;
        if newly_counted {
            e.retrans_in_flight = true;
        }
        if newly_counted {
            self.retrans_out = self.retrans_out.saturating_add(1);
            self.retrans_bytes = self.retrans_bytes.saturating_add(len);
        }
        self.total_retrans = self.total_retrans.saturating_add(1);
        Some(i)
    }

    /// The next entry the retransmission queue walk would resend (`tcp_xmit_retransmit_queue`):
    /// the first entry marked lost, not SACKed and not already retransmitted; none once
    /// `retrans_out >= lost_out`. The caller checks cwnd (`in_flight() < cwnd`) and the window.
    pub fn next_retransmit(&self) -> Option<&Entry> {
        if self.retrans_out >= self.lost_out {
            return None;
        }
        self.entries
            .iter()
            .find(|e| e.lost && !e.sacked && !e.retrans_in_flight)
    }

    // ---- loss marking ----

    /// Mark entry `i` lost (`tcp_mark_skb_lost`): SACKed entries are not; an entry already
    /// lost whose retransmission is in flight has that retransmission lost too (its
    /// `TCPCB_SACKED_RETRANS` is cleared). Returns whether `lost_out` grew.
    pub fn mark_lost(&mut self, i: usize) -> bool {
        let Some(e) = self.entries.get_mut(i) else {
            return false;
        };
        if e.sacked {
            return false;
        }
        let len = e.len();
        if e.lost {
            if e.retrans_in_flight {
                e.retrans_in_flight = false;
                self.retrans_out = self.retrans_out.saturating_sub(1);
                self.retrans_bytes = self.retrans_bytes.saturating_sub(len);
            }
            false
        } else {
            e.lost = true;
            self.lost_out = self.lost_out.saturating_add(1);
            self.lost_bytes = self.lost_bytes.saturating_add(len);
            true
        }
    }

    /// Forget every lost mark (`tcp_undo_cwnd_reduction` with `unmark_loss`).
    pub fn clear_lost_marks(&mut self) {
        for e in self.entries.iter_mut() {
            e.lost = false;
        }
        self.lost_out = 0;
        self.lost_bytes = 0;
    }

    /// Mark the entry holding `seq` lost; see [`Scoreboard::mark_lost`].
    pub fn mark_lost_seq(&mut self, seq: u32) -> bool {
        match self.index_of(seq) {
            Some(i) => self.mark_lost(i),
            None => false,
        }
    }

    /// The RTO's marking (`tcp_enter_loss` → `tcp_timeout_mark_lost`). If the head is SACKed
    /// the receiver reneged: every SACK mark is forgotten and everything is marked lost.
    /// Otherwise the head and every entry whose RACK timeout (with a zero reordering window,
    /// `tcp_rack_skb_timeout(tp, skb, 0) > 0`) has not passed — "don't mark recently sent ones
    /// lost yet" — are marked lost. `rack_rtt` is RACK's RTT; pass zero to mark everything.
    /// Returns whether the receiver reneged.
    pub fn enter_loss(&mut self, now: Instant, rack_rtt: Duration) -> bool {
        let reneged = self.entries.front().is_some_and(|e| e.sacked);
        if reneged {
            for e in self.entries.iter_mut() {
                e.sacked = false;
            }
            self.sacked_out = 0;
            self.sacked_bytes = 0;
        } else if !self.sack_ok {
            self.reset_reno_sack();
        }
        for i in 0..self.entries.len() {
            let Some(e) = self.entries.get(i) else { break };
            let recent = now.saturating_since(e.xmit_time) < rack_rtt;
            if !reneged && i != 0 && recent {
                continue;
            }
            self.mark_lost(i);
        }
        reneged
    }

    /// Linux `tcp_newreno_mark_lost` (a peer without SACK): mark the head lost when, outside
    /// recovery, `sacked_out` (duplicate ACKs) reached `reordering`, or, in recovery, when
    /// SND.UNA advanced (a partial ACK, RFC 6582). Returns whether it marked.
    pub fn newreno_mark_lost(&mut self, in_recovery: bool, snd_una_advanced: bool) -> bool {
        let trigger = (!in_recovery && self.sacked_out >= self.reordering)
            || (in_recovery && snd_una_advanced);
        if !trigger || self.entries.front().is_some_and(|e| e.lost) {
            return false;
        }
        self.mark_lost(0)
    }

    // ---- the non-SACK ("reno") duplicate-ACK count ----

    /// `tcp_add_reno_sack`: one more duplicate ACK is one more segment that left the network.
    pub fn add_reno_sack(&mut self, num_dupack: u32) {
        self.sacked_out = self.sacked_out.saturating_add(num_dupack);
        self.delivered = self.delivered.saturating_add(num_dupack);
        self.check_reno_reordering(0);
    }

    /// `tcp_remove_reno_sacks`: a cumulative ACK of `acked` packets; one filled the hole, the
    /// rest were already counted as duplicate ACKs.
    pub fn remove_reno_sacks(&mut self, acked: u32) {
        if acked > 0 {
            let extra = acked.saturating_sub(1);
            self.sacked_out = self.sacked_out.saturating_sub(extra);
        }
        self.check_reno_reordering(acked);
    }

    /// `tcp_reset_reno_sack`.
    pub fn reset_reno_sack(&mut self) {
        if !self.sack_ok {
            self.sacked_out = 0;
        }
    }

    /// `tcp_check_reno_reordering` / `tcp_limit_reno_sacked`: more duplicate ACKs than packets
    /// outside the holes means the network reordered.
    fn check_reno_reordering(&mut self, addend: u32) {
        let holes = self.lost_out.max(1).min(self.packets_out);
        if self.sacked_out.saturating_add(holes) > self.packets_out {
            self.sacked_out = self.packets_out.saturating_sub(holes);
            self.reordering = self
                .packets_out
                .saturating_add(addend)
                .min(TCP_MAX_REORDERING);
            self.reord_seen = self.reord_seen.saturating_add(1);
        }
    }

    // ---- incoming ACKs ----

    /// Mark entries fully covered by the (already validated) SACK `blocks` (RFC 2018;
    /// `tcp_sacktag_one`). `rack_advance` is called for every newly SACKed entry with
    /// `(ever_retrans, end, xmit_time)`, in sequence order, as `tcp_sacktag_one` calls
    /// `tcp_rack_advance`. An entry only partly covered is not marked (Linux fragments only
    /// multi-packet skbs).
    pub fn sack(
        &mut self,
        blocks: &[(u32, u32)],
        now: Instant,
        mut rack_advance: impl FnMut(bool, u32, Instant),
    ) -> SackTag {
        let mut out = SackTag::default();
        if !self.sack_ok {
            return out;
        }
        let highest_before = self.highest_sacked_end();
        let mut reord: Option<u32> = None;
        let mut first_sackt: Option<Instant> = None;
        let mut last_sackt: Option<Instant> = None;
        for i in 0..self.entries.len() {
            let Some(e) = self.entries.get(i).copied() else {
                break;
            };
            if e.sacked || !covered(blocks, e.start, e.end) {
                continue;
            }
            rack_advance(e.ever_retrans, e.end, e.xmit_time);
            let len = e.len();
            if let Some(m) = self.entries.get_mut(i) {
                if m.retrans_in_flight {
                    // "If the segment is not tagged as lost, we do not clear RETRANS,
                    // believing that retransmission is still in flight."
                    if m.lost {
                        m.lost = false;
                        m.retrans_in_flight = false;
                        self.lost_out = self.lost_out.saturating_sub(1);
                        self.lost_bytes = self.lost_bytes.saturating_sub(len);
                        self.retrans_out = self.retrans_out.saturating_sub(1);
                        self.retrans_bytes = self.retrans_bytes.saturating_sub(len);
                    }
                } else {
                    if !m.ever_retrans {
                        // "New sack for not retransmitted frame, which was in hole. It is
                        // reordering."
                        if let Some(h) = highest_before {
                            if seq_lt(m.start, h) && reord.is_none_or(|r| seq_lt(m.start, r)) {
                                reord = Some(m.start);
                            }
                        }
                        if first_sackt.is_none() {
                            first_sackt = Some(m.xmit_time);
                        }
                        last_sackt = Some(m.xmit_time);
                    }
                    if m.lost {
                        m.lost = false;
                        self.lost_out = self.lost_out.saturating_sub(1);
                        self.lost_bytes = self.lost_bytes.saturating_sub(len);
                    }
                }
                m.sacked = true;
            }
            self.sacked_out = self.sacked_out.saturating_add(1);
            self.sacked_bytes = self.sacked_bytes.saturating_add(len);
            self.delivered = self.delivered.saturating_add(1);
            out.packets = out.packets.saturating_add(1);
            out.bytes = out.bytes.saturating_add(len);
        }
        if let Some(r) = reord {
            out.reordering = self.check_sack_reordering(r);
        }
        out.highest_sacked_end = self.highest_sacked_end();
        out.rtt = first_sackt.map(|t| now.saturating_since(t));
        out.ca_rtt = last_sackt.map(|t| now.saturating_since(t));
        out
    }

    /// `tcp_check_sack_reordering`: data below `fack` was delivered late; widen `reordering`
    /// to the distance in packets and count the event.
    fn check_sack_reordering(&mut self, low_seq: u32) -> bool {
        let fack = self.fack();
        if !seq_lt(low_seq, fack) {
            return false;
        }
        let metric = fack.wrapping_sub(low_seq);
        if metric > self.reordering.saturating_mul(self.mss) {
            self.reordering = metric.div_ceil(self.mss).min(TCP_MAX_REORDERING);
        }
        self.reord_seen = self.reord_seen.saturating_add(1);
        true
    }

    /// A D-SACK block above SND.UNA (`tcp_sacktag_one` with `dup_sack`): entries fully inside
    /// it whose retransmission is in flight lose that mark (the retransmission was redundant);
    /// a retransmitted entry that was already SACKed shows reordering (the original arrived
    /// after all). Marks nothing SACKed. Returns how many covered entries were retransmitted.
    pub fn dsack_clear_retrans(&mut self, start: u32, end: u32) -> u32 {
        let mut retransmitted = 0u32;
        let mut reord: Option<u32> = None;
        for e in self.entries.iter_mut() {
            if !(seq_le(start, e.start) && seq_le(e.end, end)) {
                continue;
            }
            if e.ever_retrans {
                retransmitted = retransmitted.saturating_add(1);
                if e.sacked && reord.is_none() {
                    reord = Some(e.start);
                }
            }
            if e.retrans_in_flight {
                e.retrans_in_flight = false;
                self.retrans_out = self.retrans_out.saturating_sub(1);
                self.retrans_bytes = self
                    .retrans_bytes
                    .saturating_sub(e.end.wrapping_sub(e.start));
            }
        }
        if let Some(r) = reord {
            self.check_sack_reordering(r);
        }
        retransmitted
    }

    /// How many entries fully inside `[start, end)` were retransmitted.
    pub fn retransmissions_within(&self, start: u32, end: u32) -> u32 {
        let n = self
            .entries
            .iter()
            .filter(|e| seq_le(start, e.start) && seq_le(e.end, end) && e.ever_retrans)
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// A cumulative ACK `ack` (RFC 9293 §3.10.7.4; `tcp_clean_rtx_queue`): removes the entries
    /// it covers and trims a partly covered head (Linux keeps a one-packet skb whole until it
    /// is fully acked, so the head's marks and packet count stay). `prior_fack` is
    /// [`Scoreboard::fack`] before this ACK's SACK blocks were processed. `rack_advance` is
    /// called for every removed entry that was not SACKed before (SACK peers only), as
    /// `tcp_clean_rtx_queue` calls `tcp_rack_advance`. An ACK outside (SND.UNA, SND.NXT] does
    /// nothing.
    pub fn cum_ack(
        &mut self,
        ack: u32,
        now: Instant,
        prior_fack: u32,
        mut rack_advance: impl FnMut(bool, u32, Instant),
    ) -> CumAck {
        let mut out = CumAck::default();
        if !(seq_gt(ack, self.snd_una) && seq_le(ack, self.snd_nxt)) {
            return out;
        }
        out.bytes = ack.wrapping_sub(self.snd_una);
        let mut first_ackt: Option<Instant> = None;
        let mut last_ackt: Option<Instant> = None;
        let mut reord: Option<u32> = None;
        while let Some(e) = self.entries.front().copied() {
            if seq_gt(e.end, ack) {
                // Partly acknowledged head: trim the acked bytes (tcp_trim_head happens at
                // retransmission time in Linux; the effect on the byte counters is the same).
                if seq_gt(ack, e.start) {
                    let cut = ack.wrapping_sub(e.start);
                    self.bytes_out = self.bytes_out.saturating_sub(cut);
                    if e.sacked {
                        self.sacked_bytes = self.sacked_bytes.saturating_sub(cut);
                    }
                    if e.lost {
                        self.lost_bytes = self.lost_bytes.saturating_sub(cut);
                    }
                    if e.retrans_in_flight {
                        self.retrans_bytes = self.retrans_bytes.saturating_sub(cut);
                    }
                    if let Some(h) = self.entries.front_mut() {
                        h.start = ack;
                    }
                }
                break;
            }
            self.entries.pop_front();
            let len = e.len();
            self.packets_out = self.packets_out.saturating_sub(1);
            self.bytes_out = self.bytes_out.saturating_sub(len);
            out.packets = out.packets.saturating_add(1);
            out.newest_xmit = Some(match out.newest_xmit {
                Some(t) if t > e.xmit_time => t,
                _ => e.xmit_time,
            });
            if e.lost {
                self.lost_out = self.lost_out.saturating_sub(1);
                self.lost_bytes = self.lost_bytes.saturating_sub(len);
            }
            if e.ever_retrans {
                if e.retrans_in_flight {
                    self.retrans_out = self.retrans_out.saturating_sub(1);
                    self.retrans_bytes = self.retrans_bytes.saturating_sub(len);
                }
                out.retransmitted = true;
            } else if !e.sacked {
                last_ackt = Some(e.xmit_time);
                if first_ackt.is_none() {
                    first_ackt = last_ackt;
                }
                if reord.is_none() {
                    reord = Some(e.start);
                }
            }
            if e.sacked {
                self.sacked_out = self.sacked_out.saturating_sub(1);
                self.sacked_bytes = self.sacked_bytes.saturating_sub(len);
            } else {
                out.newly_delivered = out.newly_delivered.saturating_add(1);
                if self.sack_ok {
                    self.delivered = self.delivered.saturating_add(1);
                    rack_advance(e.ever_retrans, e.end, e.xmit_time);
                }
            }
        }
        self.snd_una = ack;
        if !self.sack_ok {
            // tcp_remove_reno_sacks: "One ACK acked hole. The rest eat duplicate ACKs."
            let newly = out.packets.saturating_sub(self.sacked_out).max(1);
            self.delivered = self.delivered.saturating_add(newly);
            self.remove_reno_sacks(out.packets);
        } else if let Some(r) = reord.filter(|&r| seq_lt(r, prior_fack)) {
            // Never-retransmitted data below the highest SACK arrived late.
            self.check_sack_reordering(r);
        }
        if !out.retransmitted {
            out.rtt = first_ackt.map(|t| now.saturating_since(t));
            out.ca_rtt = last_ackt.map(|t| now.saturating_since(t));
        }
        out
    }

    /// Count D-SACKed duplicate segments (`tcp_dsack_seen`: `tp->dsack_dups`, and a spurious
    /// retransmission counts as delivered). Returns `false` for a dubious D-SACK (more
    /// duplicates reported than retransmissions sent).
    pub(crate) fn note_dsack(&mut self, dup_segs: u32) -> bool {
        self.dsack_dups = self.dsack_dups.saturating_add(dup_segs);
        if self.dsack_dups > self.total_retrans {
            return false;
        }
        self.delivered = self.delivered.saturating_add(dup_segs);
        true
    }
}

/// Whether `[start, end)` lies inside one of `blocks`.
fn covered(blocks: &[(u32, u32)], start: u32, end: u32) -> bool {
    blocks
        .iter()
        .any(|&(s, e)| seq_le(s, start) && seq_ge(e, end))
}
