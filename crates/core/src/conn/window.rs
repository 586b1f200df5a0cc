//! The receive buffer and the window it lets us advertise (RFC 9293 §3.8.6.2.2; Linux
//! `tcp_select_window`, `__tcp_select_window`, `tcp_grow_window`, `tcp_cleanup_rbuf`).
//!
//! The application's reading is the simulator's business: the connection learns only how much
//! it has read ([`Connection::read`]). What arrived and is not read yet occupies the receive
//! buffer; the advertised window is what is left of it, as each profile computes it.
//!
//! - `linux`: the buffer counts each segment's `truesize` (the memory the kernel charges for
//!   it, not its payload) against `sk_rcvbuf`; the window is `tcp_space` scaled by the
//!   measured payload/truesize ratio (`scaling_ratio`, Linux ≥ 6.7), capped by `rcv_ssthresh`,
//!   which grows by two segments per segment received while there is room
//!   (`tcp_grow_window`); the right edge never moves left (`tcp_select_window`), so a filling
//!   buffer shows as a window shrinking by what arrives, then a zero window.
//! - `textbook`: the window is the free buffer space in bytes, with the receiver's
//!   silly-window avoidance of RFC 9293 §3.8.6.2.2: the right edge advances only by at least
//!   min(RCV.BUFF / 2, Eff.snd.MSS).

use super::Connection;
use crate::event::SendReason;
use crate::profile::Flavor;
use crate::seq::seq_gt;
use crate::Instant;
use alloc::collections::VecDeque;

/// `TCP_RMEM_TO_WIN_SCALE`: `scaling_ratio` is a fraction of 256.
const RATIO_ONE: u32 = 256;
/// `TCP_DEFAULT_SCALING_RATIO`: half the buffer is window until a segment is measured.
const DEFAULT_RATIO: u32 = 128;
/// `SKB_DATA_ALIGN(sizeof(struct sk_buff))` and `SKB_DATA_ALIGN(sizeof(struct
/// skb_shared_info))` on x86-64.
const SKB_OVERHEAD: u32 = 256;
const SHINFO: u32 = 320;
/// `NET_SKB_PAD` + `NET_IP_ALIGN`: the headroom a driver reserves.
const SKB_HEADROOM: u32 = 66;
/// IPv4 and TCP headers without options.
const HEADERS: u32 = 40;
/// Linux `sysctl_tcp_app_win` (31): how much of the buffer is kept for the application.
const TCP_APP_WIN: u32 = 31;

/// One received skb not read yet: its payload left to read, what it is charged, and the room
/// left at the end of its buffer (a later small segment is copied there for free,
/// `skb_try_coalesce`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Skb {
    pub len: u32,
    pub truesize: u32,
    pub tailroom: u32,
}

/// The receive buffer's accounting (`sk_rcvbuf`, `sk_rmem_alloc`, the ratio and clamps).
#[derive(Clone, Debug)]
pub(crate) struct RcvSpace {
    /// `sk_rcvbuf`: the buffer's size in bytes of truesize (textbook: of payload).
    pub rcvbuf: u32,
    /// `SOCK_RCVBUF_LOCK`: the application set the size; nothing tunes it.
    pub locked: bool,
    /// `sk_rmem_alloc`: what unread in-order data and the out-of-order queue are charged.
    pub rmem_alloc: u32,
    /// Unread in-order data, oldest first.
    pub queue: VecDeque<Skb>,
    /// `scaling_ratio`: payload per 256 bytes of truesize, as last measured.
    pub ratio: u32,
    /// `window_clamp`: the largest window we will ever advertise.
    pub window_clamp: u32,
    /// `rcv_ssthresh`: the window grows towards the clamp through this slow start.
    pub rcv_ssthresh: u32,
    /// Auto-tuning's round-trip estimate and per-round accounting (`autotune.rs`).
    pub drs: super::autotune::Drs,
}

impl RcvSpace {
    pub(crate) fn new(rcvbuf: u32, locked: bool) -> Self {
        RcvSpace {
            rcvbuf,
            locked,
            rmem_alloc: 0,
            queue: VecDeque::new(),
            ratio: DEFAULT_RATIO,
            window_clamp: 0,
            rcv_ssthresh: 0,
            drs: super::autotune::Drs::default(),
        }
    }

    /// `tcp_win_from_space`: how much window `space` bytes of buffer hold.
    pub(crate) fn win_from_space(&self, space: u32) -> u32 {
        (u64::from(space) * u64::from(self.ratio) / u64::from(RATIO_ONE)) as u32
    }

    /// `tcp_space_from_win`: the buffer that holds a window of `win`.
    pub(crate) fn space_from_win(&self, win: u32) -> u32 {
        let s = u64::from(win) * u64::from(RATIO_ONE) / u64::from(self.ratio.max(1));
        u32::try_from(s).unwrap_or(u32::MAX)
    }

    /// `tcp_full_space`: the window the whole buffer holds.
    pub(crate) fn full_space(&self) -> u32 {
        self.win_from_space(self.rcvbuf)
    }

    /// `tcp_space`: the window the free part of the buffer holds.
    pub(crate) fn space(&self) -> u32 {
        self.win_from_space(self.rcvbuf.saturating_sub(self.rmem_alloc))
    }
}

/// What Linux charges a received segment of `payload` bytes (with `opts` bytes of TCP options)
/// on the captures' TUN device: the packet, the driver's headroom and the shared info in a
/// kmalloc'd buffer rounded up to its slab size, plus the `sk_buff` (`tun_alloc_skb`,
/// `SKB_TRUESIZE`). 2304 for any full-sized segment, 768 for a small one. Returns
/// (truesize, tailroom).
pub(crate) fn skb_truesize(payload: u32, opts: u32) -> (u32, u32) {
    let packet = payload.saturating_add(HEADERS + opts);
    let data = (packet + SKB_HEADROOM).div_ceil(64) * 64;
    let need = data.saturating_add(SHINFO);
    let mut slab = 512u32;
    while slab < need && slab < 1 << 20 {
        slab <<= 1;
    }
    let tailroom = slab
        .saturating_sub(SHINFO)
        .saturating_sub(packet + SKB_HEADROOM);
    (slab + SKB_OVERHEAD, tailroom)
}

impl Connection {
    /// The receive buffer when the connection starts (at SYN time): the application's
    /// `SO_RCVBUF` (already doubled) if set, else the default (`tcp_rmem[1]`, which holds
    /// `rcv_space` of window at the default ratio).
    pub(crate) fn init_rcv_space(&mut self) {
        let (rcvbuf, locked) = match (self.opts.rcvbuf, self.profile.flavor) {
            (Some(b), _) => (b, true),
            (None, Flavor::Linux) => (self.profile.rcv_space.saturating_mul(2), false),
            (None, Flavor::Textbook) => (self.profile.rcv_space, false),
        };
        let rcvbuf = match self.profile.flavor {
            Flavor::Linux => self.rcvlowat_rcvbuf(rcvbuf, locked),
            Flavor::Textbook => rcvbuf,
        };
        self.rspace = RcvSpace::new(rcvbuf, locked);
    }

    /// `tcp_set_rcvlowat`: an application that waits for N bytes gets a buffer that holds a
    /// window of N (unless it set the buffer itself).
    fn rcvlowat_rcvbuf(&self, rcvbuf: u32, locked: bool) -> u32 {
        if locked || self.opts.rcvlowat <= 1 {
            return rcvbuf;
        }
        let r = RcvSpace::new(rcvbuf, locked);
        rcvbuf.max(r.space_from_win(self.opts.rcvlowat))
    }

    /// `SO_RCVLOWAT` set on an open connection (Linux `tcp_set_rcvlowat`): the buffer and the
    /// clamp grow so that a window of that size fits.
    pub(crate) fn on_rcvlowat(&mut self) {
        if self.profile.flavor != Flavor::Linux || self.rspace.locked {
            return;
        }
        let val = self.opts.rcvlowat;
        let space = self.rspace.space_from_win(val);
        if space > self.rspace.rcvbuf {
            self.rspace.rcvbuf = space;
            if self.rspace.window_clamp != 0 && self.rspace.window_clamp < val {
                self.rspace.window_clamp = val;
            }
        }
    }

    /// The window in our SYN or SYN,ACK, and the clamp: Linux `tcp_select_initial_window`
    /// (the full space rounded down to whole segments of `mss`, at most 65535 unscaled, the
    /// clamp no higher than 65535 << our scale); the textbook buffer, at most 65535.
    pub(crate) fn initial_rcv_wnd(&mut self, mss: u32) -> u32 {
        let r = &mut self.rspace;
        match self.profile.flavor {
            Flavor::Linux => {
                let full = r.full_space();
                let mut clamp = if r.locked { full } else { 65535 << 14 };
                let mut space = full.min(clamp);
                let mss = mss.max(1);
                if space > mss {
                    space = space / mss * mss;
                }
                let wnd = space.min(65535);
                clamp = clamp.min(65535u32 << self.rcv_wscale.min(14));
                r.window_clamp = clamp;
                r.rcv_ssthresh = wnd;
                wnd
            }
            Flavor::Textbook => {
                let wnd = r.rcvbuf.saturating_sub(r.rmem_alloc).min(65535);
                r.window_clamp = r.rcvbuf;
                r.rcv_ssthresh = wnd;
                wnd
            }
        }
    }

    /// The window scale we announce: Linux `tcp_select_initial_window` picks the smallest that
    /// covers the largest buffer we may grow to (`tcp_rmem[2]`, here the profile's shift), or
    /// the clamp when the application fixed the buffer.
    pub(crate) fn rcv_wscale_to_offer(&self) -> Option<u8> {
        let ws = self.profile.window_scale?;
        if self.profile.flavor == Flavor::Linux && self.rspace.locked {
            let clamp = self.rspace.full_space().max(1);
            let shift = (31 - clamp.leading_zeros()).saturating_sub(15);
            return Some((shift as u8).min(ws));
        }
        Some(ws)
    }

    /// `tcp_init_buffer_space` (ESTABLISHED): the clamp leaves one segment of the buffer to
    /// the application (`tcp_app_win`), and `rcv_ssthresh` starts no higher than the clamp.
    pub(crate) fn init_buffer_space(&mut self) {
        if self.profile.flavor != Flavor::Linux {
            return;
        }
        let advmss = u32::from(self.adv_mss());
        let r = &mut self.rspace;
        let maxwin = r.full_space();
        if r.window_clamp >= maxwin {
            r.window_clamp = maxwin;
            if maxwin > 4 * advmss {
                r.window_clamp = (maxwin - (maxwin >> TCP_APP_WIN)).max(4 * advmss);
            }
        }
        if r.window_clamp > 2 * advmss && r.window_clamp + advmss > maxwin {
            r.window_clamp = (2 * advmss).max(maxwin.saturating_sub(advmss));
        }
        r.rcv_ssthresh = r.rcv_ssthresh.min(r.window_clamp);
    }

    /// The window still open from RCV.NXT: the right edge we last advertised, less what has
    /// arrived since (Linux `tcp_receive_window`).
    pub(crate) fn rcv_window_now(&self) -> u32 {
        let edge = self.last_ack_sent.wrapping_add(self.rcv_wnd);
        if seq_gt(edge, self.rcv_nxt) {
            edge.wrapping_sub(self.rcv_nxt)
        } else {
            0
        }
    }

    /// Linux `__tcp_select_window`: the window the buffer allows now (before the rule that
    /// the right edge never moves left). Clears quick-ACK mode when the buffer is half full.
    pub(crate) fn compute_window(&mut self) -> u32 {
        match self.profile.flavor {
            Flavor::Linux => self.linux_window(),
            Flavor::Textbook => {
                let r = &self.rspace;
                let free = r.rcvbuf.saturating_sub(r.rmem_alloc);
                // RFC 9293 §3.8.6.2.2: move the right edge only by a useful amount.
                let now = self.rcv_window_now();
                let step = (r.rcvbuf / 2).min(u32::from(self.eff_mss()));
                if free >= now.saturating_add(step) || free == now {
                    free
                } else {
                    now.min(free)
                }
            }
        }
    }

    fn linux_window(&mut self) -> u32 {
        let wscale = u32::from(self.rcv_wscale.min(14));
        let r = &self.rspace;
        let mut mss = self.rcv_mss;
        let mut free = r.space();
        let allowed = r.full_space();
        let full = r.window_clamp.min(allowed);
        if mss > full {
            mss = full;
            if mss == 0 {
                return 0;
            }
        }
        if free < full >> 1 {
            self.quick = 0;
            free = free >> wscale << wscale;
            if free < allowed >> 4 || free < mss {
                return 0;
            }
        }
        free = free.min(self.rspace.rcv_ssthresh);
        if wscale > 0 {
            let unit = 1u32 << wscale;
            free.div_ceil(unit).saturating_mul(unit)
        } else {
            let mut window = self.rcv_wnd;
            if window.saturating_add(mss) <= free || window > free {
                window = free / mss.max(1) * mss.max(1);
            } else if mss == full && free > window + (full >> 1) {
                window = free;
            }
            window
        }
    }

    /// Linux `tcp_select_window` (every segment but a SYN): the new window, never less than
    /// what is still open (the right edge does not move left); RCV.WND becomes exactly what
    /// the Window field says (RFC 7323 §2.3), and the field is that shifted by our scale.
    pub(crate) fn select_window(&mut self) -> u16 {
        let cur = self.rcv_window_now();
        let mut new = self.compute_window();
        let shift = u32::from(self.rcv_wscale.min(14));
        if new < cur {
            // Never shrink the offered window (RFC 9293 §3.8.6.2.2 "SHLD-14").
            new = cur.div_ceil(1 << shift) << shift;
        }
        let max = 65535u32 << shift;
        new = new.min(max);
        self.rcv_wnd = new;
        (new >> shift) as u16
    }

    /// In-order or out-of-order payload arrived: charge it to the buffer. Returns false when it
    /// does not fit (Linux `tcp_try_rmem_schedule` failing after pruning: the segment is
    /// dropped, `TCPRcvQDrop` / `TCPOFODrop`).
    pub(crate) fn charge(&mut self, len: u32, in_order: bool) -> bool {
        if len == 0 {
            return true;
        }
        let opts = if self.ts_ok { 12 } else { 0 };
        let (truesize, tailroom) = match self.profile.flavor {
            Flavor::Linux => skb_truesize(len, opts),
            Flavor::Textbook => (len, 0),
        };
        // Linux admits a segment while the buffer is not yet over its size
        // (`tcp_can_ingest`); over it, `tcp_prune_queue` first tries `tcp_clamp_window`.
        if self.rspace.rmem_alloc > self.rspace.rcvbuf && !self.clamp_window(truesize) {
            return false;
        }
        let r = &mut self.rspace;
        if in_order {
            if let Some(tail) = r.queue.back_mut() {
                if self.profile.flavor == Flavor::Linux && len <= tail.tailroom {
                    // skb_try_coalesce: copied into the previous buffer's tail, charged nothing.
                    tail.len += len;
                    tail.tailroom -= len;
                    return true;
                }
            }
            r.queue.push_back(Skb {
                len,
                truesize,
                tailroom,
            });
        }
        r.rmem_alloc = r.rmem_alloc.saturating_add(truesize);
        true
    }

    /// Linux `tcp_clamp_window(sk, truesize)` (6.18), the first step of `tcp_prune_queue` when
    /// a segment arrives at a buffer already over its size: quick-ACK mode ends, and a buffer
    /// the application did not fix grows to hold the segment (at most `tcp_rmem[2]`), so data
    /// inside the window already offered is taken in, not dropped; the window offered next is
    /// what the grown buffer has free, i.e. nothing, and closes (a zero window once the old
    /// right edge is reached). A fixed buffer cannot grow: `rcv_ssthresh` drops to two
    /// segments, and the segment is dropped (the queue's collapsing, `tcp_collapse`, which
    /// could still make room, is not modelled: docs/PROTOCOL.md). Returns whether the
    /// segment fits now. The textbook profile has no such step.
    fn clamp_window(&mut self, truesize: u32) -> bool {
        if self.profile.flavor != Flavor::Linux {
            return false;
        }
        self.quick = 0;
        let advmss = u32::from(self.adv_mss());
        let r = &mut self.rspace;
        let needed = r.rmem_alloc.saturating_add(truesize);
        if r.rcvbuf < super::autotune::TCP_RMEM_MAX && !r.locked {
            r.rcvbuf = needed.min(super::autotune::TCP_RMEM_MAX);
        }
        if needed > r.rcvbuf {
            r.rcv_ssthresh = r.window_clamp.min(2 * advmss);
        }
        // `tcp_can_ingest`: at most the buffer's size is in use already.
        r.rmem_alloc <= r.rcvbuf
    }

    /// Out-of-order data left the queue (delivered in order, or dropped): uncharge it.
    pub(crate) fn uncharge(&mut self, truesize: u32) {
        self.rspace.rmem_alloc = self.rspace.rmem_alloc.saturating_sub(truesize);
    }

    /// What an out-of-order segment of `len` bytes is charged.
    pub(crate) fn ooo_truesize(&self, len: u32) -> u32 {
        match self.profile.flavor {
            Flavor::Linux => skb_truesize(len, if self.ts_ok { 12 } else { 0 }).0,
            Flavor::Textbook => len,
        }
    }

    /// Linux `tcp_measure_rcv_mss`'s ratio update (≥ 6.7): a segment of a new size measures
    /// payload per truesize; the clamp follows the buffer at the new ratio
    /// (`tcp_set_window_clamp`).
    pub(crate) fn measure_ratio(&mut self, len: u32) {
        if self.profile.flavor != Flavor::Linux || len == self.rcv_mss {
            return;
        }
        let (truesize, _) = skb_truesize(len, if self.ts_ok { 12 } else { 0 });
        let ratio = (len.saturating_mul(RATIO_ONE) / truesize.max(1)).clamp(1, 255);
        if ratio == self.rspace.ratio {
            return;
        }
        self.rspace.ratio = ratio;
        let val = self.rspace.full_space();
        let r = &mut self.rspace;
        let old = r.window_clamp;
        let new = val.max(SOCK_MIN_RCVBUF / 2);
        r.window_clamp = new;
        if new < old {
            r.rcv_ssthresh = r.rcv_ssthresh.min(new);
        } else {
            r.rcv_ssthresh = r.rcv_ssthresh.max(self.rcv_wnd.min(new));
        }
    }

    /// Linux `tcp_grow_window`: a segment whose payload is a fair share of its truesize lets
    /// the window grow by two segments (up to the clamp and the free space), and asks for a
    /// quick ACK so the sender sees it.
    pub(crate) fn grow_window(&mut self, len: u32) {
        if self.profile.flavor != Flavor::Linux {
            return;
        }
        let advmss = u32::from(self.adv_mss());
        let r = &self.rspace;
        let room = r.window_clamp.min(r.space()) as i64 - i64::from(r.rcv_ssthresh);
        if room <= 0 {
            return;
        }
        let (truesize, _) = skb_truesize(len, if self.ts_ok { 12 } else { 0 });
        let incr = if r.win_from_space(truesize) <= len {
            2 * advmss
        } else {
            // __tcp_grow_window: small segments with a poor ratio grow it by less or not at all.
            let mut t = r.win_from_space(truesize) >> 1;
            let mut w = r.win_from_space(32 << 20) >> 1;
            let mut incr = 0;
            while r.rcv_ssthresh <= w {
                if t <= len {
                    incr = 2 * self.rcv_mss;
                    break;
                }
                t >>= 1;
                w >>= 1;
            }
            incr
        };
        if incr > 0 {
            let add = (incr as i64).min(room) as u32;
            self.rspace.rcv_ssthresh = self.rspace.rcv_ssthresh.saturating_add(add);
            // `icsk_ack.quick |= 1`: a bitwise OR, so while the window keeps growing every
            // ACK's decrement is made up and quick-ACK mode lasts.
            self.quick |= 1;
        }
    }

    /// The application read `n` bytes: free their buffers, and tell the peer if the window
    /// opened a lot (Linux `tcp_cleanup_rbuf`: an owed ACK goes now if more than a segment is
    /// unacknowledged or a small segment was read off an emptied buffer; a window update goes
    /// when the new window is at least twice what is open).
    pub(crate) fn consumed(&mut self, now: Instant, n: u32) {
        let mut left = n;
        while left > 0 {
            let Some(front) = self.rspace.queue.front_mut() else {
                break;
            };
            let used = front.len.min(left);
            left -= used;
            if front.len > used {
                front.len -= used;
            } else {
                let t = front.truesize;
                self.rspace.queue.pop_front();
                self.rspace.rmem_alloc = self.rspace.rmem_alloc.saturating_sub(t);
            }
            // tcp_recvmsg_locked: auto-tuning looks after each buffer copied.
            let inq = self.rcv_unread.saturating_add(left);
            self.rcv_space_adjust(now, used, inq);
        }
        if n == 0 || !self.state.is_synchronized() {
            return;
        }
        if self.profile.flavor == Flavor::Textbook {
            // RFC 9293 §3.8.6.2.2 / RFC 1122 §4.2.3.3: a window update when a small offered
            // window can now grow by a useful amount (min(RCV.BUFF / 2, Eff.snd.MSS)).
            let open = self.rcv_window_now();
            let step = (self.rspace.rcvbuf / 2).min(u32::from(self.eff_mss()));
            if self.state.can_receive()
                && open < step
                && self.compute_window() >= open.saturating_add(step)
            {
                self.send_ack(now, SendReason::WindowUpdate);
            }
            return;
        }
        let mut time_to_ack = false;
        if self.ack_pending {
            let unacked = self.rcv_nxt.wrapping_sub(self.last_ack_sent);
            time_to_ack = unacked > self.rcv_mss
                || ((self.pushed >= 2 || (self.pushed == 1 && !self.pingpong))
                    && self.rspace.rmem_alloc == 0);
        }
        if time_to_ack {
            self.send_ack(now, SendReason::Ack);
            return;
        }
        if !self.state.can_receive() {
            return;
        }
        let open = self.rcv_window_now();
        if 2 * u64::from(open) <= u64::from(self.rspace.window_clamp) {
            let new = self.compute_window();
            if new > 0 && u64::from(new) >= 2 * u64::from(open) {
                self.send_ack(now, SendReason::WindowUpdate);
            }
        }
    }
}

/// `SOCK_MIN_RCVBUF` on x86-64.
const SOCK_MIN_RCVBUF: u32 = 2304;

#[cfg(test)]
mod tests {
    use super::skb_truesize;

    #[test]
    fn a_full_segment_and_a_half_one_cost_a_2k_slab() {
        // D5_zero_window: 724-byte segments on a 4096-byte buffer leave a 724-byte window
        // after reading (ratio 724·256/2304 = 80, 4096·80/256 = 1280 → one segment of 724).
        assert_eq!(skb_truesize(724, 12).0, 2304);
        assert_eq!(skb_truesize(1448, 12).0, 2304);
        assert_eq!(skb_truesize(10, 12).0, 768);
    }
}
