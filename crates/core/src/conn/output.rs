//! Building and sending segments: SYN, ACK, data and FIN, resets (RFC 9293 §3.10).

use super::Connection;
use crate::event::{Event, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::{seq_gt, seq_lt};
use crate::wire::{Bytes, Flags, Segment, TcpOption};
use crate::Instant;
use alloc::vec::Vec;
use core::time::Duration;

impl Connection {
    /// TSval: a millisecond clock with a per-connection random offset (RFC 7323 §5.4, as Linux).
    pub(crate) fn tsval(&self, now: Instant) -> u32 {
        self.ts_offset.wrapping_add(now.millis() as u32)
    }

    /// The segment size we expect from the peer: our announced MSS less the timestamp option
    /// when in use (Linux `advmss` as it counts payload).
    pub(crate) fn adv_mss(&self) -> u16 {
        let mss = self.profile.mss.max(1);
        if self.ts_ok {
            mss.saturating_sub(12).max(1)
        } else {
            mss
        }
    }

    /// The Window field for a segment: the window selected now (`window.rs`); a SYN carries
    /// RCV.WND unscaled (RFC 7323 §2.2).
    pub(crate) fn window_field(&mut self, syn: bool) -> u16 {
        if syn {
            return self.rcv_wnd.min(65535) as u16;
        }
        self.select_window()
    }

    fn ports(&self) -> (u16, u16) {
        (self.local.port, self.remote.map_or(0, |r| r.port))
    }

    /// Options for a non-SYN segment: NOP,NOP,TS when timestamps are in use (RFC 7323 §3.2,
    /// Linux's layout), then NOP,NOP,SACK when out-of-order data is held (RFC 2018 §4).
    pub(crate) fn data_options(&self, now: Instant) -> Vec<TcpOption> {
        let sack = self.sack_ok && (!self.ooo.is_empty() || self.dsack.is_some());
        // Sized once: this runs for every segment sent.
        let mut o = Vec::with_capacity(3 * usize::from(self.ts_ok) + 3 * usize::from(sack));
        if self.ts_ok {
            o.push(TcpOption::Nop);
            o.push(TcpOption::Nop);
            o.push(TcpOption::Timestamps {
                tsval: self.tsval(now),
                tsecr: self.ts_recent,
            });
        }
        if sack {
            o.push(TcpOption::Nop);
            o.push(TcpOption::Nop);
            o.push(TcpOption::Sack(self.sack_blocks(if self.ts_ok {
                3
            } else {
                4
            })));
        }
        o
    }

    /// SACK blocks for the out-of-order queue (RFC 2018 §4): contiguous runs merged, the
    /// block holding the most recently received segment first, at most `max` blocks.
    fn sack_blocks(&self, max: usize) -> Vec<(u32, u32)> {
        // `ooo` is sorted by distance from RCV.NXT.
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for o in &self.ooo {
            let (s, end) = (&o.seq, o.end());
            match runs.last_mut() {
                Some((_, e)) if !seq_gt(*s, *e) => {
                    if seq_gt(end, *e) {
                        *e = end;
                    }
                }
                _ => runs.push((*s, end)),
            }
        }
        if let Some(latest) = self.last_ooo {
            let first = runs
                .iter()
                .position(|(s, e)| !seq_lt(latest, *s) && seq_lt(latest, *e));
            if let Some(i) = first {
                let block = runs.remove(i);
                runs.insert(0, block);
            }
        }
        // RFC 2883 §4: a D-SACK block goes first, once.
        if let Some(d) = self.dsack {
            runs.insert(0, d);
        }
        runs.truncate(max);
        runs
    }

    /// Send SYN (active open) or SYN,ACK (answer to a SYN). RFC 9293 §3.10.7.2 / §3.10.1.
    pub(crate) fn send_syn(&mut self, now: Instant, with_ack: bool, retransmission: bool) {
        let (src, dst) = self.ports();
        if !retransmission {
            if !with_ack || self.rspace.rcvbuf == 0 {
                self.init_rcv_space();
            }
            let mss = u32::from(self.adv_mss());
            self.rcv_wnd = self.initial_rcv_wnd(mss);
        }
        let p = &self.profile;
        let mut options = Vec::new();
        // An option in a SYN-ACK only if the SYN offered it (RFC 7323 §1.3, RFC 2018 §2).
        let offer = |ours: bool, theirs: bool| ours && (!with_ack || theirs);
        options.push(TcpOption::Mss(p.mss));
        let sack = offer(p.sack, self.sack_ok);
        let ts = offer(p.timestamps, self.ts_ok);
        let ws = self
            .rcv_wscale_to_offer()
            .filter(|_| !with_ack || self.snd_wscale_offered());
        // Linux's layout: MSS, SACK_PERM, TS, NOP, WS (tcp_options_write).
        if sack && ts {
            options.push(TcpOption::SackPermitted);
            options.push(TcpOption::Timestamps {
                tsval: self.tsval(now),
                tsecr: if with_ack { self.ts_recent } else { 0 },
            });
        } else if ts {
            options.push(TcpOption::Nop);
            options.push(TcpOption::Nop);
            options.push(TcpOption::Timestamps {
                tsval: self.tsval(now),
                tsecr: if with_ack { self.ts_recent } else { 0 },
            });
        } else if sack {
            options.push(TcpOption::Nop);
            options.push(TcpOption::Nop);
            options.push(TcpOption::SackPermitted);
        }
        if let Some(shift) = ws {
            options.push(TcpOption::Nop);
            options.push(TcpOption::WindowScale(shift));
        }

        let seg = Segment {
            src_port: src,
            dst_port: dst,
            seq: self.iss,
            ack: if with_ack { self.rcv_nxt } else { 0 },
            flags: if with_ack {
                Flags::SYN | Flags::ACK
            } else {
                Flags::SYN
            },
            window: self.window_field(true),
            urgent: 0,
            options,
            payload: Bytes::new(),
        };
        // SND.NXT never goes back (a FIN may already follow the SYN).
        if !seq_gt(self.snd_nxt, self.iss) {
            self.snd_nxt = self.iss.wrapping_add(1);
        }
        if seq_gt(self.snd_nxt, self.snd_max) || self.snd_max == self.iss {
            self.snd_max = self.snd_nxt;
        }
        if retransmission {
            self.snd.syn_retrans = self.snd.syn_retrans.saturating_add(1);
        } else if self.snd.syn_tsval.is_none() && self.ts_ok_offered(with_ack) {
            // Linux `retrans_stamp`: the first SYN's timestamp, to tell a spurious
            // retransmission of the handshake (tcp_try_undo_spurious_syn).
            self.snd.syn_tsval = Some(self.tsval(now));
        }
        let reason = if retransmission {
            SendReason::Retransmission
        } else if with_ack {
            SendReason::SynAck
        } else {
            SendReason::Syn
        };
        self.transmit(now, seg, reason);
    }

    /// Does this SYN (or SYN,ACK) carry timestamps?
    fn ts_ok_offered(&self, with_ack: bool) -> bool {
        self.profile.timestamps && (!with_ack || self.ts_ok)
    }

    /// Did the peer's SYN carry Window Scale? (`snd_wscale` is only meaningful then.)
    fn snd_wscale_offered(&self) -> bool {
        self.ws_seen
    }

    /// Send a pure ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. While retransmitting, SND.NXT
    /// has gone back to SND.UNA; an ACK carries the next *new* number instead (as BSD does,
    /// and Linux, whose snd_nxt never goes back), or it would fall before the peer's
    /// RCV.NXT, be rejected as unacceptable, and two retransmitting ends would drop each
    /// other's ACKs forever.
    pub(crate) fn send_ack(&mut self, now: Instant, reason: SendReason) {
        self.send_bare_ack(now, self.snd_max, reason);
    }

    /// An ACK without data, `<SEQ=seq><ACK=RCV.NXT><CTL=ACK>`, with the window and options.
    pub(crate) fn send_bare_ack(&mut self, now: Instant, seq: u32, reason: SendReason) {
        let (src, dst) = self.ports();
        let seg = Segment {
            src_port: src,
            dst_port: dst,
            seq,
            ack: self.rcv_nxt,
            flags: Flags::ACK,
            window: self.window_field(false),
            urgent: 0,
            options: self.data_options(now),
            payload: Bytes::new(),
        };
        self.transmit(now, seg, reason);
    }

    /// ABORT's reset: <SEQ=SND.NXT><CTL=RST> (RFC 9293 §3.10.5; the next new number, as
    /// for ACKs); Linux adds ACK (`tcp_send_active_reset`).
    pub(crate) fn send_abort_rst(&mut self, now: Instant) {
        let (src, dst) = self.ports();
        let linux = self.profile.flavor == Flavor::Linux;
        let seg = Segment {
            src_port: src,
            dst_port: dst,
            seq: self.snd_max,
            ack: if linux { self.rcv_nxt } else { 0 },
            flags: if linux {
                Flags::RST | Flags::ACK
            } else {
                Flags::RST
            },
            // Linux's active reset is built like any segment (tcp_send_active_reset): it
            // carries the window and the timestamps.
            window: if linux { self.window_field(false) } else { 0 },
            urgent: 0,
            options: if linux {
                self.data_options(now)
            } else {
                Vec::new()
            },
            payload: Bytes::new(),
        };
        self.transmit(now, seg, SendReason::Abort);
    }

    /// A reset in answer to a segment that belongs to no connection or carries a bad ACK
    /// (RFC 9293 §3.10.7.1): if the segment has ACK, <SEQ=SEG.ACK><CTL=RST>; otherwise
    /// <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. Never in answer to a RST.
    pub(crate) fn send_reset_for(&mut self, now: Instant, seg: &Segment) {
        if seg.flags.contains(Flags::RST) {
            return;
        }
        let (seq, ack, flags) = if seg.flags.contains(Flags::ACK) {
            (seg.ack, 0, Flags::RST)
        } else {
            (
                0,
                seg.seq.wrapping_add(seg.seg_len()),
                Flags::RST | Flags::ACK,
            )
        };
        let rst = Segment {
            src_port: seg.dst_port,
            dst_port: seg.src_port,
            seq,
            ack,
            flags,
            window: 0,
            urgent: 0,
            options: Vec::new(),
            payload: Bytes::new(),
        };
        self.transmit(now, rst, SendReason::Reset);
    }

    /// Build and send a segment of our data (new or again) at `seq`: the ACK, window and
    /// options every data segment carries.
    pub(crate) fn send_segment(
        &mut self,
        now: Instant,
        seq: u32,
        flags: Flags,
        payload: Bytes,
        reason: SendReason,
    ) {
        let (src, dst) = self.ports();
        let seg = Segment {
            src_port: src,
            dst_port: dst,
            seq,
            ack: self.rcv_nxt,
            flags,
            window: self.window_field(false),
            urgent: 0,
            options: self.data_options(now),
            payload,
        };
        let len = seg.seg_len();
        if flags.contains(Flags::FIN) {
            self.fin_seq = Some(seq.wrapping_add(len.saturating_sub(1)));
        }
        let end = seq.wrapping_add(len);
        if seq_gt(end, self.snd_nxt) {
            self.snd_nxt = end;
        }
        if seq_gt(self.snd_nxt, self.snd_max) {
            self.snd_max = self.snd_nxt;
        }
        if !seg.payload.is_empty() && reason == SendReason::Data {
            // Linux enters ping-pong (delayed-ACK) mode when it sends data soon after receiving
            // some: the ACK will ride on the reply (tcp_event_data_sent).
            if self.profile.flavor == Flavor::Linux
                && self.ato > Duration::ZERO
                && now.saturating_since(self.lrcvtime) < self.ato
            {
                self.pingpong = true;
            }
        }
        self.transmit(now, seg, reason);
    }

    /// Put a segment on the queue and do the bookkeeping every sent segment needs.
    pub(crate) fn transmit(&mut self, now: Instant, seg: Segment, reason: SendReason) {
        let len = seg.seg_len();
        if seg.flags.contains(Flags::ACK) && !seg.flags.contains(Flags::RST) {
            // Any segment with ACK acknowledges everything received: no ACK is owed any more.
            // Linux spends one quick ACK only if an ACK was owed (tcp_dec_quickack_mode).
            if self.ack_pending {
                self.quick = self.quick.saturating_sub(1);
            }
            self.ack_pending = false;
            self.unacked_segs = 0;
            self.pushed = 0;
            self.last_ack_sent = seg.ack;
            // The D-SACK block is reported once (RFC 2883 §4; Linux clears rx_opt.dsack as it
            // writes it).
            self.dsack = None;
            // tcp_event_ack_sent → the compressed duplicate ACKs are sent with this one.
            self.compressed_ack = 0;
            self.cancel_timer(TimerKind::DelayedAck);
        }
        if len > 0 && !seg.flags.contains(Flags::RST) {
            let end = seg.seq.wrapping_add(len);
            let again = matches!(
                reason,
                SendReason::Retransmission
                    | SendReason::FastRetransmit
                    | SendReason::RackRetransmit
                    | SendReason::LossProbe
                    | SendReason::WindowProbe
            );
            if again {
                self.rtt_probe = None; // Karn's rule: no sample from a retransmitted segment
            } else if self.rtt_probe.is_none() && seq_gt(end, self.snd_una) {
                self.rtt_probe = Some((end, now));
            }
            // RFC 6298 §5.1: start the timer if it is not running (the SYN's; data and FIN
            // segments are timed by the sending side, conn/send.rs and conn/recover.rs).
            if seg.flags.contains(Flags::SYN) && self.timer(TimerKind::Retransmit).is_none() {
                self.arm_timer(now, TimerKind::Retransmit, self.rto_cur);
            }
        }
        self.events.push_back(Event::SegmentSent {
            seq: seg.seq,
            ack: seg.ack,
            flags: seg.flags,
            len: seg.payload.len() as u32,
            reason,
        });
        self.tx.push_back(seg);
    }
}
