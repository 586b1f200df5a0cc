//! Receive-buffer auto-tuning, Linux's "Dynamic Right-Sizing" (`linux` profile only; Linux
//! 6.18, `net/ipv4/tcp_input.c`): the receiver estimates the round-trip time on its own
//! (`tcp_rcv_rtt_measure_ts` from timestamps, `tcp_rcv_rtt_measure` per window of data,
//! `tcp_rcv_rtt_update`), and once per round trip compares what the application read in it
//! with the last round's (`rcvq_space.space`, `tcp_rcv_space_adjust`, run by `tcp_recvmsg`
//! for each buffer it copies). When the application read more, `sk_rcvbuf` grows to hold
//! twice that, plus twice the growth again for a sender in slow start (`tcp_rcvbuf_grow`), and
//! the window clamp follows; `rcv_ssthresh` (`tcp_grow_window`, `window.rs`) and with it the
//! advertised window can then grow past the 64 KiB the default buffer holds.
//!
//! `SO_RCVBUF` (`SOCK_RCVBUF_LOCK`) turns it off; `SO_RCVLOWAT` does not (it only makes the
//! buffer big enough for the low-water mark, `tcp_set_rcvlowat`), but the bytes still queued
//! when the application reads are not counted as read in the round (`copied -= inq`).

use super::Connection;
use crate::profile::Flavor;
use crate::seq::seq_lt;
use crate::Instant;

/// sysctl `tcp_rmem[2]` (Linux ≥ 6.16 default, and the captures' `sysctls.txt`): the largest
/// buffer auto-tuning grows to.
pub(crate) const TCP_RMEM_MAX: u32 = 32 << 20;
/// `TCP_INIT_CWND`: the first round's expected size is ten segments (`tcp_init_buffer_space`).
const TCP_INIT_CWND: u32 = 10;

/// The receiver's round-trip estimate and per-round accounting (Linux `rcv_rtt_est`,
/// `rcvq_space`, `copied_seq`, `rcv_rtt_last_tsecr`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Drs {
    /// `rcvq_space.space`: the bytes the application read in the last measured round.
    pub space: u32,
    /// `rcvq_space.seq`: `copied` when the round began.
    pub seq: u32,
    /// `rcvq_space.time`: when the round began (`None` before ESTABLISHED).
    pub time: Option<Instant>,
    /// `copied_seq`, counted from 0: the bytes the application has read.
    pub copied: u32,
    /// `rcv_rtt_est.rtt_us`: the receiver's RTT estimate in µs, times 8 (0: none yet).
    pub rtt_us8: u32,
    /// `rcv_rtt_est.seq` / `.time`: the window-based measurement in progress.
    pub rtt_seq: u32,
    pub rtt_time: Option<Instant>,
    /// `rcv_rtt_last_tsecr`: the TSecr of the last segment looked at.
    pub last_tsecr: u32,
}

impl Connection {
    fn drs_on(&self) -> bool {
        self.profile.flavor == Flavor::Linux
    }

    /// `tcp_init_buffer_space` (ESTABLISHED), its `rcvq_space` part: the first round is
    /// expected to bring at most ten segments.
    pub(crate) fn init_rcvq_space(&mut self, now: Instant) {
        if !self.drs_on() {
            return;
        }
        let advmss = u32::from(self.adv_mss());
        let d = &mut self.rspace.drs;
        d.time = Some(now);
        d.seq = d.copied;
        d.space = self
            .rspace
            .rcv_ssthresh
            .min(self.rcv_wnd)
            .min(TCP_INIT_CWND * advmss);
    }

    /// `tcp_rcv_rtt_update`: the first sample, or any smaller one, is taken as is; a larger
    /// one only smooths a timestamp-based estimate (7/8 old + 1/8 new), and only while the
    /// application has read everything (a slow reader would inflate it).
    fn rcv_rtt_update(&mut self, sample_us: u32, win_dep: bool) {
        let d = &mut self.rspace.drs;
        let old = d.rtt_us8;
        let m = sample_us.saturating_mul(8);
        d.rtt_us8 = if old == 0 || m < old {
            m
        } else {
            if win_dep || self.rcv_unread != 0 {
                return;
            }
            old - (old >> 3) + sample_us
        };
    }

    /// `tcp_rcv_rtt_measure_ts`, for every segment ESTABLISHED accepts (before its text): a
    /// new TSecr on a full-sized segment measures our clock against the TSval it echoes
    /// (millisecond ticks; a zero difference is no sample).
    pub(crate) fn rcv_rtt_measure_ts(&mut self, now: Instant, tsecr: u32, seg_len: u32) {
        if !self.drs_on() || !self.ts_ok || tsecr == self.rspace.drs.last_tsecr {
            return;
        }
        self.rspace.drs.last_tsecr = tsecr;
        if seg_len < self.rcv_mss {
            return;
        }
        let delta = self.tsval(now).wrapping_sub(tsecr);
        if delta > 0 && delta < i32::MAX as u32 / 1000 {
            self.rcv_rtt_update(delta * 1000, false);
        }
    }

    /// `tcp_rcv_rtt_measure` (from `tcp_event_data_recv`, RCV.NXT already past the new data):
    /// the time a whole window takes to arrive is a sample, taken only if smaller.
    pub(crate) fn rcv_rtt_measure(&mut self, now: Instant) {
        if !self.drs_on() {
            return;
        }
        if let Some(t) = self.rspace.drs.rtt_time {
            if seq_lt(self.rcv_nxt, self.rspace.drs.rtt_seq) {
                return;
            }
            let us = crate::time::micros(now.saturating_since(t));
            let us = u32::try_from(us).unwrap_or(u32::MAX).max(1);
            self.rcv_rtt_update(us, true);
        }
        let d = &mut self.rspace.drs;
        d.rtt_seq = self.rcv_nxt.wrapping_add(self.rcv_wnd);
        d.rtt_time = Some(now);
    }

    /// `tcp_rcv_space_adjust`, after the application copied one buffer (`used` bytes; `inq`
    /// still queued in order): once a round trip has passed since the round began, what was
    /// read in it, less what is still queued, is compared with the last round's.
    pub(crate) fn rcv_space_adjust(&mut self, now: Instant, used: u32, inq: u32) {
        if !self.drs_on() {
            return;
        }
        let d = &mut self.rspace.drs;
        d.copied = d.copied.wrapping_add(used);
        let Some(start) = d.time else {
            return;
        };
        let time = crate::time::micros(now.saturating_since(start));
        if d.rtt_us8 == 0 || time < u64::from(d.rtt_us8 >> 3) {
            return;
        }
        let copied = i64::from(d.copied.wrapping_sub(d.seq)) - i64::from(inq);
        if copied > i64::from(d.space) {
            self.rcvbuf_grow(u32::try_from(copied).unwrap_or(u32::MAX));
        }
        let d = &mut self.rspace.drs;
        d.seq = d.copied;
        d.time = Some(now);
    }

    /// `tcp_rcvbuf_grow(sk, newval)` (6.18, with "tcp: fix too slow tcp_rcvbuf_grow()
    /// action"): room for twice the round's bytes ("DRS is always one RTT late"), plus twice
    /// the round's growth scaled up (a sender in slow start doubles), plus what the
    /// out-of-order queue spans; at most `tcp_rmem[2]`. The buffer never shrinks here, and the
    /// window clamp follows it. Also called with the unchanged round when out-of-order data is
    /// queued (`tcp_data_queue_ofo`).
    pub(crate) fn rcvbuf_grow(&mut self, newval: u32) {
        if !self.drs_on() {
            return;
        }
        let r = &mut self.rspace;
        let old = r.drs.space;
        r.drs.space = newval;
        if r.locked {
            return;
        }
        let mut rcvwin = u64::from(newval) << 1;
        if old > 0 {
            let grow = rcvwin * u64::from(newval.saturating_sub(old)) / u64::from(old);
            rcvwin += grow << 1;
        }
        // `ooo_last_skb`: the out-of-order segment that ends highest.
        let rcv_nxt = self.rcv_nxt;
        if let Some(span) = self.ooo.iter().map(|o| o.end().wrapping_sub(rcv_nxt)).max() {
            rcvwin += u64::from(span);
        }
        let r = &mut self.rspace;
        let rcvwin = u32::try_from(rcvwin).unwrap_or(u32::MAX);
        let rcvbuf = r.space_from_win(rcvwin).min(TCP_RMEM_MAX);
        if rcvbuf > r.rcvbuf {
            r.rcvbuf = rcvbuf;
            r.window_clamp = r.win_from_space(rcvbuf);
        }
    }

    /// The end of `tcp_data_queue_ofo`: out-of-order data was queued (or was a duplicate), so
    /// the buffer must hold the last round's bytes twice plus what the queue spans.
    pub(crate) fn ofo_rcvbuf_grow(&mut self) {
        if self.rspace.drs.time.is_some() {
            self.rcvbuf_grow(self.rspace.drs.space);
        }
    }
}
