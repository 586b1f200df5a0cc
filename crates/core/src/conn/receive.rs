//! Receiving: the segment text and FIN (RFC 9293 §3.10.7.4, seventh and eighth steps), the
//! out-of-order queue, and when to acknowledge (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2,
//! RFC 5681 §4.2; Linux's quick-ACK and ping-pong modes).

use super::Connection;
use crate::event::Rfc;
use crate::event::{Event, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::{seq_gt, seq_le, seq_lt};
use crate::wire::{Bytes, Flags, Gather, Segment};
use crate::{Instant, State};
use core::time::Duration;

/// A hard bound on the out-of-order queue's length, beyond the receive buffer's own bound
/// (tiny segments are charged little), so that no input can make it grow without bound.
const MAX_OOO: usize = 1024;

/// One out-of-order segment held for the gap before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OooSeg {
    pub seq: u32,
    pub data: Bytes,
    pub fin: bool,
    /// What the receive buffer is charged for it.
    pub truesize: u32,
}

/// Orders the out-of-order queue by distance from `rcv_nxt` (sequence space wraps), keeping
/// segments that start at the same number in arrival order. An insertion sort: the queue is
/// sorted but for the segment just added, so this is one pass; and it is a few hundred bytes
/// of WebAssembly where the standard stable sort is several kilobytes.
fn sort_from(ooo: &mut [OooSeg], rcv_nxt: u32) {
    let key = |o: &OooSeg| o.seq.wrapping_sub(rcv_nxt);
    for i in 1..ooo.len() {
        let mut j = i;
        while let (Some(a), Some(b)) = (ooo.get(j.wrapping_sub(1)), ooo.get(j)) {
            if key(a) <= key(b) {
                break;
            }
            ooo.swap(j - 1, j);
            j -= 1;
        }
    }
}

impl OooSeg {
    /// The sequence number after its data.
    pub(crate) fn data_end(&self) -> u32 {
        self.seq.wrapping_add(self.data.len() as u32)
    }
    /// The sequence number after it, its FIN included.
    pub(crate) fn end(&self) -> u32 {
        self.data_end().wrapping_add(u32::from(self.fin))
    }
}

/// Linux `TCP_MAX_QUICKACKS`.
const MAX_QUICKACKS: u32 = 16;

/// Linux `HZ / 2`: the delayed-ACK bound outside ping-pong mode for unpushed data.
const DELACK_MAX_IDLE: Duration = Duration::from_millis(500);

/// The part of a segment that lies in the receive window.
pub(crate) struct Text<'a> {
    /// Sequence number of `data[0]` (RCV.NXT when in order).
    pub start: u32,
    pub data: &'a [u8],
    /// The FIN is inside the window (it follows `data`).
    pub fin: bool,
}

/// What the seventh step took in.
#[derive(Default)]
pub(crate) struct Received {
    /// New text or a FIN arrived in order.
    pub new: bool,
    /// The out-of-order queue was not empty: a gap was (partly) filled (RFC 5681 §4.2).
    pub filled_gap: bool,
    /// The FIN is now reached, from this segment or from the queue.
    pub fin: bool,
}

/// Linux `tcp_comp_sack_nr`: at most this many duplicate ACKs are held back.
const COMP_SACK_NR: u32 = 44;
/// Linux `tcp_comp_sack_delay_ns`: the compressed-ACK timer's ceiling.
const COMP_SACK_DELAY: Duration = Duration::from_millis(1);

impl Connection {
    /// The part of a segment's text that lies in the receive window. RFC 9293 §3.10.7.4
    /// reasons about "the idealized segment that begins at RCV.NXT and does not exceed the
    /// window ... trimming off any portions that lie outside the window (including SYN and
    /// FIN)". Text starting beyond RCV.NXT is out of order and kept whole (up to the window).
    pub(crate) fn window_text<'a>(&self, seg: &'a Segment) -> Text<'a> {
        let mut start = seg.seq;
        let mut data: &[u8] = &seg.payload;
        let mut fin = seg.flags.contains(Flags::FIN);
        if seq_lt(start, self.rcv_nxt) {
            let old = self.rcv_nxt.wrapping_sub(start) as usize;
            if old > data.len() {
                // Everything, the FIN included, was received before.
                return Text {
                    start: self.rcv_nxt,
                    data: &[],
                    fin: false,
                };
            }
            data = data.get(old..).unwrap_or_default();
            start = self.rcv_nxt;
        }
        let right = self.rcv_nxt.wrapping_add(self.rcv_window_now());
        if !seq_lt(start, right) {
            return Text {
                start,
                data: &[],
                fin: false,
            };
        }
        let room = right.wrapping_sub(start) as usize;
        if data.len() >= room {
            // The FIN would sit at or beyond the right edge: trimmed off with the excess.
            fin = false;
            data = data.get(..room).unwrap_or(data);
        }
        Text { start, data, fin }
    }
    /// Seventh step: take in the text. In order, it is delivered (with what it makes
    /// contiguous from the out-of-order queue); beyond RCV.NXT it waits in the queue and a
    /// duplicate ACK goes out at once (RFC 5681 §4.2: "an immediate ACK SHOULD be generated
    /// when an out-of-order segment arrives").
    pub(crate) fn receive_text(&mut self, now: Instant, seg: &Segment, text: &Text) -> Received {
        if text.data.is_empty() && !text.fin {
            // Nothing to take in. A bare ACK whose number lies ahead of RCV.NXT (its sender
            // has data in flight) is not "an out-of-order segment" (RFC 5681 §4.2 means data;
            // Linux drops it before the out-of-order queue): answering it with a duplicate
            // ACK lets two ends with holes trade ACKs forever (found by fuzzing).
            return Received::default();
        }
        if text.start != self.rcv_nxt {
            self.queue_out_of_order(now, seg, text);
            if self.dsack.is_some() {
                self.send_ack(now, SendReason::DSack);
            } else {
                self.ofo_ack_check(now);
            }
            return Received::default();
        }
        let len = u32::try_from(text.data.len()).unwrap_or(u32::MAX);
        if !self.charge(len, true) {
            // The buffer is full (Linux `tcp_try_rmem_schedule` fails): the segment is
            // dropped and the sender hears the old RCV.NXT again.
            self.enter_quickack_mode();
            self.send_ack(now, SendReason::DupAck);
            return Received::default();
        }
        let gap = !self.ooo.is_empty();
        self.on_data_in(now, seg, text.data.len());
        // The octets delivered: the segment's own, and what the queue makes contiguous; shared
        // with the segments whenever they continue one another in the sender's buffer.
        let mut delivered = Gather::new(seg.payload.slice_ref(text.data));
        let mut fin_reached = text.fin;
        self.rcv_nxt = self.rcv_nxt.wrapping_add(len);
        if len > 0 {
            // tcp_event_data_recv → tcp_rcv_rtt_measure, with RCV.NXT past this segment.
            self.rcv_rtt_measure(now);
        }
        // Fill in from the out-of-order queue what is now contiguous.
        while !fin_reached {
            let rcv_nxt = self.rcv_nxt;
            let Some(i) = self.ooo.iter().position(|o| {
                seq_le(o.seq, rcv_nxt)
                    && (seq_gt(o.data_end(), rcv_nxt) || (o.fin && o.data_end() == rcv_nxt))
            }) else {
                break;
            };
            let o = self.ooo.swap_remove(i);
            let skip = (self.rcv_nxt.wrapping_sub(o.seq) as usize).min(o.data.len());
            let fresh = o.data.slice(skip, o.data.len());
            delivered.push(&fresh);
            self.rcv_nxt = self.rcv_nxt.wrapping_add(fresh.len() as u32);
            // The segment moves from the out-of-order queue to the receive queue, charged
            // as it was (Linux `tcp_ofo_queue`).
            self.uncharge(o.truesize);
            self.rspace.queue.push_back(super::window::Skb {
                len: fresh.len() as u32,
                truesize: o.truesize,
                tailroom: 0,
            });
            self.rspace.rmem_alloc = self.rspace.rmem_alloc.saturating_add(o.truesize);
            fin_reached |= o.fin;
        }
        let rcv_nxt = self.rcv_nxt;
        let mut freed = 0u32;
        self.ooo.retain(|o| {
            let keep = seq_gt(o.data_end(), rcv_nxt);
            if !keep {
                freed = freed.saturating_add(o.truesize);
            }
            keep
        });
        self.uncharge(freed);
        sort_from(&mut self.ooo, rcv_nxt);
        if fin_reached {
            // Nothing can follow the FIN.
            let held: u32 = self.ooo.iter().map(|o| o.truesize).sum();
            self.uncharge(held);
            self.ooo.clear();
        }
        if self.ooo.is_empty() {
            self.last_ooo = None;
        }
        let delivered = delivered.finish();
        if !delivered.is_empty() {
            self.rcv_unread = self
                .rcv_unread
                .saturating_add(u32::try_from(delivered.len()).unwrap_or(u32::MAX));
            self.events
                .push_back(Event::DataReceived { data: delivered });
        }
        Received {
            new: true,
            filled_gap: gap,
            fin: fin_reached,
        }
    }

    /// Text beyond RCV.NXT: hold it for the gap (RFC 9293 §3.10.7.4 seventh step, RFC 5681
    /// §4.2), unless it is already held (then it is a duplicate: D-SACK, RFC 2883 §4, Linux
    /// `tcp_data_queue_ofo`) or the buffer has no room for it (dropped, as Linux's
    /// `tcp_try_rmem_schedule` failing: `TCPOFODrop`). Never logs an accept that did not
    /// happen: a segment not held is rejected.
    fn queue_out_of_order(&mut self, now: Instant, seg: &Segment, text: &Text) {
        let _ = now;
        let end = text.start.wrapping_add(text.data.len() as u32);
        let held = self.ooo.iter().find(|o| {
            seq_le(o.seq, text.start) && seq_le(end, o.data_end()) && (o.fin || !text.fin)
        });
        if held.is_some() {
            if self.sack_ok && !text.data.is_empty() {
                self.dsack = Some((text.start, end));
            }
            self.ofo_rcvbuf_grow();
            return;
        }
        let len = u32::try_from(text.data.len()).unwrap_or(u32::MAX);
        let truesize = self.ooo_truesize(len);
        if self.ooo.len() >= MAX_OOO || !self.charge(len, false) {
            self.events.push_back(Event::SegmentRejected {
                seq: text.start,
                ack: 0,
                flags: Flags::EMPTY,
                reason: crate::event::RejectReason::BufferFull,
                rfc: Rfc::S3_10_7_4,
            });
            return;
        }
        self.ooo.push(OooSeg {
            seq: text.start,
            data: seg.payload.slice_ref(text.data),
            fin: text.fin,
            truesize,
        });
        let rcv_nxt = self.rcv_nxt;
        sort_from(&mut self.ooo, rcv_nxt);
        self.last_ooo = Some(text.start);
        // Linux grows the window on out-of-order data too, for a SACK peer (`tcp_data_queue_ofo`).
        if self.sack_ok && len >= 128 {
            self.grow_window(len);
        }
        self.ofo_rcvbuf_grow();
    }

    /// Eighth step: an in-order FIN. "Advance RCV.NXT over the FIN ... signal the user
    /// 'connection closing'", then per state.
    pub(crate) fn on_fin(&mut self, now: Instant, fin_acked: bool, filled_gap: bool) {
        self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
        self.fin_received = true;
        self.events.push_back(Event::Eof);
        match self.state {
            State::SynReceived | State::Established => {
                self.set_state(State::CloseWait, crate::Cause::RcvFin, Rfc::S3_10_7_4);
                if self.profile.flavor == Flavor::Linux {
                    // tcp_fin(): inet_csk_enter_pingpong_mode — the ACK waits, hoping to ride
                    // on our own FIN.
                    self.pingpong = true;
                }
                // A FIN reached through the out-of-order queue: the gap is filled, and that is
                // acknowledged at once (RFC 5681 §4.2; Linux tcp_data_queue sets ICSK_ACK_NOW
                // once the queue is empty), ping-pong or not.
                self.ack_check(now, filled_gap);
            }
            State::FinWait1 if fin_acked => {
                self.send_ack(now, SendReason::Ack);
                self.enter_time_wait(now, crate::Cause::RcvFinAckOfFin, Rfc::S3_10_7_4);
            }
            State::FinWait1 => {
                self.send_ack(now, SendReason::Ack);
                self.set_state(State::Closing, crate::Cause::RcvFin, Rfc::S3_10_7_4);
            }
            State::FinWait2 => {
                self.send_ack(now, SendReason::Ack);
                self.enter_time_wait(now, crate::Cause::RcvFin, Rfc::S3_10_7_4);
            }
            _ => self.send_ack(now, SendReason::Ack),
        }
    }

    // ------------------------------------------------------------------ ACK policy

    /// In-order data arrived: the bookkeeping of Linux's `tcp_event_data_recv` and
    /// `tcp_measure_rcv_mss` (the delayed-ACK engine), or RFC 1122's segment count.
    fn on_data_in(&mut self, now: Instant, seg: &Segment, len: usize) {
        if len == 0 {
            return;
        }
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        if self.profile.flavor == Flavor::Textbook {
            if len >= u32::from(self.eff_mss()) {
                self.unacked_segs = self.unacked_segs.saturating_add(1);
            }
            return;
        }
        // tcp_measure_rcv_mss: a segment at least as big as the estimate raises it; a smaller
        // one marks the data "pushed" (the ACK may not wait for a second segment).
        let advmss = u32::from(self.adv_mss());
        if len >= self.rcv_mss {
            self.measure_ratio(len);
            self.rcv_mss = len.min(advmss).max(1);
            if seg.flags.contains(Flags::PSH) {
                self.pushed = self.pushed.max(1);
            }
        } else {
            self.pushed = if self.pushed >= 1 { 2 } else { 1 };
        }
        // tcp_event_data_recv: the first data starts quick-ACK mode; later the ATO follows
        // the gaps between arrivals.
        let ato_min = self.profile.ato_min;
        if self.ato == Duration::ZERO {
            self.incr_quickack();
            self.ato = ato_min;
        } else {
            let m = now.saturating_since(self.lrcvtime);
            if m <= ato_min / 2 {
                self.ato = self.ato / 2 + ato_min / 2;
            } else if m < self.ato {
                self.ato = (self.ato / 2).saturating_add(m).min(self.rto_cur);
            } else if m > self.rto_cur {
                // "Too long gap": acknowledge quickly again.
                self.incr_quickack();
            }
        }
        self.lrcvtime = now;
        if len >= 128 {
            self.grow_window(len);
        }
    }

    /// Linux `tcp_incr_quickack`: RCV.WND / (2 × rcv_mss) immediate ACKs (2 if that is
    /// none), at most 16.
    fn incr_quickack(&mut self) {
        let mut q = self.rcv_wnd / (2 * self.rcv_mss.max(1));
        if q == 0 {
            q = 2;
        }
        let q = q.min(MAX_QUICKACKS);
        self.quick = self.quick.max(q as u8);
    }

    /// Linux `tcp_enter_quickack_mode`: quick ACKs, out of ping-pong, minimal ATO.
    pub(crate) fn enter_quickack_mode(&mut self) {
        self.incr_quickack();
        self.pingpong = false;
        self.ato = self.profile.ato_min;
    }

    /// After in-order data or a FIN arrived: acknowledge now or arm the delayed-ACK timer.
    /// RFC 9293 §3.8.6.3 and RFC 1122 §4.2.3.2: ACK at least every second full-sized
    /// segment, and within 0.5 s; RFC 5681 §4.2: at once when a gap is filled. Linux
    /// (`__tcp_ack_snd_check`, and `tcp_cleanup_rbuf` as the application reads at once):
    /// more than one segment's worth unacknowledged, quick-ACK mode outside ping-pong, or
    /// small ("pushed") segments that the reader has consumed.
    pub(crate) fn ack_check(&mut self, now: Instant, immediate: bool) {
        self.ack_pending = true;
        let unacked = self.rcv_nxt.wrapping_sub(self.last_ack_sent);
        let now_ = immediate
            || !self.ooo.is_empty()
            || match self.profile.flavor {
                Flavor::Linux => {
                    // __tcp_ack_snd_check: more than one segment unacknowledged and either the
                    // reader waits for more (SO_RCVLOWAT) or the window would not shrink; or
                    // quick-ACK mode outside ping-pong. (Small "pushed" segments are ACKed
                    // when the application reads them: `consumed`, Linux tcp_cleanup_rbuf.)
                    (unacked > self.rcv_mss
                        && (self.rcv_unread < self.opts.rcvlowat
                            || self.compute_window() >= self.rcv_wnd))
                        || (self.quick > 0 && !self.pingpong)
                }
                Flavor::Textbook => self.unacked_segs >= 2,
            };
        if now_ {
            self.send_ack(now, SendReason::Ack);
            return;
        }
        let d = self.delack_timeout();
        match self.timer(TimerKind::DelayedAck) {
            None => self.arm_timer(now, TimerKind::DelayedAck, d),
            // Linux: "If delack timer is about to expire, send ACK now" (tcp_send_delayed_ack).
            Some(t) if self.profile.flavor == Flavor::Linux && t.expires <= now + d / 4 => {
                self.send_ack(now, SendReason::Ack)
            }
            Some(_) => {}
        }
    }

    /// The duplicate ACK an out-of-order segment calls for. RFC 5681 §4.2 (textbook): at
    /// once. Linux (`__tcp_ack_snd_check` with out-of-order data queued) sends it at once in
    /// quick-ACK mode, without SACK, or for the first three (TCP_FASTRETRANS_THRESH) for one
    /// RCV.NXT; after those it compresses: the next ones wait on a timer of 5 % of the RTT,
    /// at most 1 ms (`tcp_comp_sack_delay_ns`), and one ACK with the newest SACK blocks goes
    /// when it fires, when 44 (`tcp_comp_sack_nr`) are held, or when any ACK is sent first.
    fn ofo_ack_check(&mut self, now: Instant) {
        self.ack_pending = true;
        let linux = self.profile.flavor == Flavor::Linux;
        if !linux
            || (self.quick > 0 && !self.pingpong)
            || !self.sack_ok
            || self.compressed_ack >= COMP_SACK_NR
        {
            self.send_ack(now, SendReason::OutOfOrderAck);
            return;
        }
        if self.compressed_ack_rcv_nxt != self.rcv_nxt {
            self.compressed_ack_rcv_nxt = self.rcv_nxt;
            self.dup_ack_counter = 0;
        }
        if self.dup_ack_counter < 3 {
            self.dup_ack_counter += 1;
            self.send_ack(now, SendReason::OutOfOrderAck);
            return;
        }
        self.compressed_ack += 1;
        if self.compressed_ack > 1 {
            return; // the timer is running (hrtimer_is_queued)
        }
        // The receiver's RTT estimate, or the smoothed RTT if smaller (Linux 6.18:
        // `rtt = rcv_rtt_est.rtt_us; if (srtt_us && srtt_us < rtt) rtt = srtt_us`).
        let mut rtt = Duration::from_micros(u64::from(self.rspace.drs.rtt_us8 / 8));
        if let Some(srtt) = self.rtt.srtt {
            if srtt < rtt {
                rtt = srtt;
            }
        }
        let delay = (rtt / 20).min(COMP_SACK_DELAY);
        // The compressed-ACK timer stands in the delayed-ACK slot: it fires first, and the
        // ACK it sends would cancel the delayed ACK anyway (tcp_event_ack_sent).
        self.arm_timer(now, TimerKind::DelayedAck, delay);
    }

    /// How long an ACK may wait. Linux (`tcp_send_delayed_ack`): the ATO, bounded by 200 ms in
    /// ping-pong mode or for pushed data (500 ms otherwise) and by the smoothed RTT; a zero
    /// ATO (no data received yet) means the next timer tick. RFC 1122: one fixed delay.
    fn delack_timeout(&self) -> Duration {
        let p = &self.profile;
        match p.flavor {
            Flavor::Textbook => p.delayed_ack,
            Flavor::Linux if self.ato == Duration::ZERO => p.tick,
            Flavor::Linux => {
                let mut ato = self.ato;
                if ato > p.ato_min {
                    let mut max = if self.pingpong || self.pushed > 0 {
                        p.delayed_ack
                    } else {
                        DELACK_MAX_IDLE
                    };
                    if let Some(srtt) = self.rtt.srtt {
                        max = max.min(srtt.max(p.ato_min));
                    }
                    ato = ato.min(max);
                }
                ato
            }
        }
    }
}

#[cfg(test)]
mod sort_tests {
    use super::{sort_from, OooSeg};
    use alloc::vec;
    use alloc::vec::Vec;

    fn seg(seq: u32, tag: u8) -> OooSeg {
        OooSeg {
            seq,
            data: vec![tag].into(),
            fin: false,
            truesize: 0,
        }
    }

    /// By distance from RCV.NXT across the wrap, equal starts in arrival order: what the
    /// standard stable sort did.
    #[test]
    fn the_queue_sorts_by_distance_from_rcv_nxt_and_keeps_arrival_order() {
        let rcv_nxt = u32::MAX - 10;
        let mut q = vec![
            seg(5, 0),
            seg(u32::MAX - 5, 1),
            seg(5, 2),
            seg(u32::MAX, 3),
            seg(u32::MAX - 5, 4),
        ];
        let mut want: Vec<(u32, u8)> = q.iter().map(|o| (o.seq, o.data[0])).collect();
        want.sort_by_key(|(s, _)| s.wrapping_sub(rcv_nxt));
        sort_from(&mut q, rcv_nxt);
        let got: Vec<(u32, u8)> = q.iter().map(|o| (o.seq, o.data[0])).collect();
        assert_eq!(got, want);
        assert_eq!(got[0], (u32::MAX - 5, 1));
        assert_eq!(got[4], (5, 2));
    }
}
