//! The sending side: what may leave now and sending it. One place decides (`may_send`, in the
//! order of Linux's `tcp_write_xmit`: the congestion window in packets, the peer's window,
//! Nagle), every data or FIN segment becomes a scoreboard entry, and SND.NXT never goes back
//! (Linux; retransmissions are built from the entries, `tcp_retransmit_skb`).

use super::{Closing, Connection};
use crate::cc::{self, CaEvent, Cc, CcState, TCP_INFINITE_SSTHRESH};
use crate::event::{Event, SendLimit, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::recovery::{CaState, FastRetrans, NewReno, Prr, Rack, Scoreboard, Tlp};
use crate::seq::{seq_gt, seq_lt};
use crate::wire::Flags;
use crate::{Instant, State};
use core::time::Duration;

/// Linux `TCP_MSS_DEFAULT`: below a window this large, `tcp_bound_to_half_wnd` cuts to the
/// whole window instead of half of it.
const TCP_MSS_DEFAULT: u32 = 536;

/// The sender's state beside the RFC 9293 variables: the scoreboard, loss recovery and
/// congestion control (Linux's `tcp_sock` fields of the same names).
#[derive(Clone, Debug)]
pub(crate) struct Sender {
    /// Set up when the handshake completes (`tcp_init_transfer`).
    pub(crate) ready: bool,
    pub(crate) sb: Scoreboard,
    pub(crate) rack: Rack,
    pub(crate) fr: FastRetrans,
    pub(crate) tlp: Tlp,
    pub(crate) prr: Prr,
    /// `textbook`: RFC 5681 §3.2 fast retransmit with RFC 6582 NewReno.
    pub(crate) newreno: NewReno,
    /// `textbook` with a SACK peer: RFC 6675 loss recovery.
    pub(crate) rfc6675: crate::recovery::Rfc6675,
    pub(crate) cc: Cc,
    pub(crate) ccs: CcState,
    /// `tp->prior_ssthresh`, restored by an undo.
    pub(crate) prior_ssthresh: u32,
    /// `tp->is_cwnd_limited`, `max_packets_out`, `cwnd_usage_seq` (`tcp_cwnd_validate`).
    pub(crate) is_cwnd_limited: bool,
    pub(crate) max_packets_out: u32,
    pub(crate) cwnd_usage_seq: u32,
    /// `tp->lsndtime`: when data was last sent.
    pub(crate) lsndtime: Instant,
    /// `tp->snd_sml`: end of the last small segment sent (Minshall's Nagle).
    pub(crate) snd_sml: u32,
    /// SYN or SYN,ACK retransmissions (`total_retrans` before the handshake completes).
    pub(crate) syn_retrans: u8,
    /// TSval of our first SYN (Linux `retrans_stamp`, for `tcp_try_undo_spurious_syn`).
    pub(crate) syn_tsval: Option<u32>,
    /// The handshake's retransmission proved spurious (the peer echoed the first SYN).
    pub(crate) syn_spurious: bool,
    /// `icsk_probes_out`: unanswered zero-window or keep-alive probes.
    pub(crate) probes_out: u8,
    /// `icsk_backoff` for the persist timer.
    pub(crate) probe_backoff: u8,
    /// The last reason reported in `Event::SendBlocked`.
    pub(crate) limit: Option<SendLimit>,
    /// When a segment last arrived (`tp->rcv_tstamp`, for keep-alive).
    pub(crate) rcv_tstamp: Instant,
    /// The send time given to the last scoreboard entry (see `xmit_stamp`).
    pub(crate) last_xmit: Instant,
    /// Inside `push_frames` (`tcp_write_xmit`), and whether a sent segment asked for the
    /// RTO to be re-armed when it ends.
    pub(crate) in_write_xmit: bool,
    pub(crate) rearm_after_xmit: bool,
}

impl Sender {
    pub(crate) fn new(profile: &crate::Profile) -> Self {
        Sender {
            ready: false,
            sb: Scoreboard::new(0, false, 536),
            rack: Rack::new(),
            fr: FastRetrans::default(),
            tlp: Tlp::default(),
            prr: Prr::default(),
            newreno: NewReno::default(),
            rfc6675: crate::recovery::Rfc6675::default(),
            cc: Cc::new(crate::cc::CongestionKind::default(), profile),
            ccs: CcState::new(initial_window(profile.flavor, u32::from(profile.mss))),
            prior_ssthresh: 0,
            is_cwnd_limited: false,
            max_packets_out: 0,
            cwnd_usage_seq: 0,
            lsndtime: Instant::ZERO,
            snd_sml: 0,
            syn_retrans: 0,
            syn_tsval: None,
            syn_spurious: false,
            probes_out: 0,
            probe_backoff: 0,
            limit: None,
            rcv_tstamp: Instant::ZERO,
            last_xmit: Instant::ZERO,
            in_write_xmit: false,
            rearm_after_xmit: false,
        }
    }
}

/// What `may_send` allows: one new segment of `len` bytes, with the FIN if `fin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NextSegment {
    pub(crate) len: u32,
    pub(crate) fin: bool,
}

/// The initial window in packets: Linux's IW10 (RFC 6928, `tcp_init_cwnd`), RFC 5681 §3.1's
/// IW (3 segments for 1095 < SMSS ≤ 2190, 4 below, 2 above).
pub(crate) fn initial_window(flavor: Flavor, smss: u32) -> u32 {
    match flavor {
        Flavor::Linux => 10,
        Flavor::Textbook if smss > 2190 => 2,
        Flavor::Textbook if smss > 1095 => 3,
        Flavor::Textbook => 4,
    }
}

impl Connection {
    /// `tcp_init_transfer` when the handshake completes: the scoreboard starts at SND.NXT,
    /// the congestion control named by the socket option is initialised, and the initial
    /// window is set. After a lost SYN or SYN,ACK: `textbook` 1 SMSS (RFC 5681 §3.1, "the
    /// initial window MUST be set to one segment") and an RTO of 3 s once data flows (RFC
    /// 6298 §5.7); `linux` cwnd 1 only after more than one handshake retransmission that was
    /// not spurious (`tp->total_retrans > 1 && tp->undo_marker`).
    pub(crate) fn init_transfer(&mut self, now: Instant) {
        let mss = u32::from(self.eff_mss());
        let flavor = self.profile.flavor;
        let s = &mut self.snd;
        s.sb = Scoreboard::new(self.snd_nxt, self.sack_ok, mss);
        s.rack = Rack::new();
        s.fr = FastRetrans::default();
        s.fr.high_seq = self.snd_nxt;
        s.tlp = Tlp::default();
        s.newreno = NewReno::default();
        s.rfc6675 = crate::recovery::Rfc6675::default();
        s.cc = Cc::new(self.opts.congestion, &self.profile);
        let syn_lost = match flavor {
            Flavor::Linux => s.syn_retrans > 1 && !s.syn_spurious,
            Flavor::Textbook => s.syn_retrans > 0,
        };
        let iw = if syn_lost {
            1
        } else {
            initial_window(flavor, mss)
        };
        s.ccs = CcState::new(iw);
        s.cc.init(&mut s.ccs, now, self.snd_nxt);
        s.cwnd_usage_seq = self.snd_nxt;
        s.lsndtime = now;
        // The segment that completed the handshake just arrived (tcp_ack's rcv_tstamp).
        s.rcv_tstamp = now;
        s.snd_sml = self.snd_nxt;
        s.ready = true;
        if flavor == Flavor::Textbook && s.syn_retrans > 0 && self.rto_cur < RTO_AFTER_SYN_LOSS {
            // RFC 6298 §5.7: "the RTO MUST be re-initialized to 3 seconds when data
            // transmission begins".
            self.rto_cur = RTO_AFTER_SYN_LOSS;
            self.rtt.rto = RTO_AFTER_SYN_LOSS;
        }
        self.arm_keepalive(now);
    }

    /// The segment size for new data: the effective MSS, cut to half the largest window the
    /// peer offered (`linux`: `tcp_bound_to_half_wnd`, applied whenever `max_window` grows by
    /// `tcp_sync_mss`; never below 68 bytes of IP datagram).
    pub(crate) fn send_mss(&self) -> u32 {
        let mss = u32::from(self.eff_mss());
        if self.profile.flavor != Flavor::Linux {
            return mss;
        }
        let cutoff = if self.max_snd_wnd > TCP_MSS_DEFAULT {
            self.max_snd_wnd / 2
        } else {
            self.max_snd_wnd
        };
        if cutoff > 0 && mss > cutoff {
            let header = 20 + if self.ts_ok { 12 } else { 0 };
            return cutoff.max(68 - header);
        }
        mss
    }

    /// Our SYN has been acknowledged.
    pub(crate) fn syn_acked(&self) -> bool {
        seq_gt(self.snd_una, self.iss)
    }

    /// Bytes queued and not yet sent.
    pub(crate) fn unsent(&self) -> u32 {
        let queue_end = self.buf_seq.wrapping_add(self.send_buf.len() as u32);
        if seq_lt(self.snd_nxt, queue_end) {
            queue_end.wrapping_sub(self.snd_nxt)
        } else {
            0
        }
    }

    /// A FIN is requested and not yet sent.
    pub(crate) fn fin_pending(&self) -> bool {
        self.closing != Closing::Open
            && self.fin_seq.is_none()
            && matches!(
                self.state,
                State::FinWait1 | State::LastAck | State::Closing
            )
    }

    /// The congestion window in packets.
    pub(crate) fn cwnd(&self) -> u32 {
        self.snd.ccs.cwnd
    }

    /// May one more segment of new data (or the FIN) leave now? The tests of Linux's
    /// `tcp_write_xmit`, in its order: `tcp_cwnd_test` (packets in flight below cwnd,
    /// `ignore_cwnd` for a loss probe), `tcp_snd_wnd_test` (the segment ends within SND.UNA +
    /// SND.WND), `tcp_nagle_test` (RFC 9293 §3.7.4; Linux holds a small segment only while an
    /// earlier small one is unacknowledged, Minshall's variant; TCP_NODELAY turns it off; a
    /// FIN, or `push` — close(), a probe — sends at once). The `textbook` profile keeps the
    /// RFC's sender silly-window avoidance (§3.8.6.2.1): a segment shorter than the data is
    /// sent only if it is at least half the largest window offered.
    pub(crate) fn may_send(&self, ignore_cwnd: bool, push: bool) -> Result<NextSegment, SendLimit> {
        let unsent = self.unsent();
        let fin_pending = self.fin_pending();
        if unsent == 0 && !fin_pending {
            return Err(SendLimit::SendBufferEmpty);
        }
        if !ignore_cwnd && self.snd.sb.in_flight() >= self.cwnd() {
            return Err(SendLimit::CwndLimited);
        }
        let mss = self.send_mss().max(1);
        let mut len = unsent.min(mss);
        let mut fin = fin_pending && len == unsent;
        let wnd_end = self.snd_una.wrapping_add(self.snd_wnd);
        let end = self.snd_nxt.wrapping_add(len).wrapping_add(u32::from(fin));
        if seq_gt(end, wnd_end) {
            let room = wnd_end.wrapping_sub(self.snd_nxt);
            let room = if seq_gt(wnd_end, self.snd_nxt) {
                room
            } else {
                0
            };
            // Linux sends no partial segment for the window (the persist timer probes);
            // the RFC's sender sends one of at least half the largest window.
            let textbook = self.profile.flavor == Flavor::Textbook;
            if textbook && room > 0 && len > room && room >= self.max_snd_wnd / 2 {
                len = room;
                fin = false;
            } else if textbook && room > 0 && len > room {
                return Err(SendLimit::WaitingForWindow);
            } else {
                return Err(SendLimit::RwndLimited);
            }
        }
        let nagle_off = self.opts.nodelay || push || fin;
        if !nagle_off && len < mss && self.nagle_holds() {
            return Err(SendLimit::Nagle);
        }
        Ok(NextSegment { len, fin })
    }

    /// `tcp_nagle_check` for a partial segment: `linux` holds it while a small segment is
    /// unacknowledged (`tcp_minshall_check`: SND.UNA < snd_sml ≤ SND.NXT); RFC 9293 §3.7.4
    /// (RFC 1122 §4.2.3.4) while any data is unacknowledged.
    fn nagle_holds(&self) -> bool {
        let packets_out = self.snd.sb.packets_out() > 0;
        match self.profile.flavor {
            Flavor::Linux => {
                packets_out
                    && seq_gt(self.snd.snd_sml, self.snd_una)
                    && !seq_gt(self.snd.snd_sml, self.snd_nxt)
            }
            Flavor::Textbook => packets_out,
        }
    }

    /// Send queued data and the FIN as far as `may_send` allows (`tcp_write_xmit`), then
    /// `tcp_cwnd_validate` and the loss probe (`tcp_schedule_loss_probe`), or the persist
    /// timer when nothing is in flight and the window holds the data back
    /// (`tcp_check_probe_timer`).
    pub(crate) fn push_data(&mut self, now: Instant) {
        self.push_frames(now, false);
    }

    pub(crate) fn push_frames(&mut self, now: Instant, push: bool) {
        if !matches!(
            self.state,
            State::Established
                | State::CloseWait
                | State::FinWait1
                | State::LastAck
                | State::Closing
        ) {
            return;
        }
        if !self.snd.ready {
            self.init_transfer(now);
        }
        let mut sent = 0u32;
        let mut cwnd_limited = false;
        self.snd.in_write_xmit = true;
        self.snd.rearm_after_xmit = false;
        let blocked = loop {
            match self.may_send(false, push) {
                Ok(next) => {
                    self.send_new(now, next, SendReason::Data);
                    sent += 1;
                }
                Err(limit) => {
                    cwnd_limited |= limit == SendLimit::CwndLimited;
                    break limit;
                }
            }
        };
        self.snd.in_write_xmit = false;
        self.note_limit(blocked);
        cwnd_limited |= self.snd.sb.in_flight() >= self.cwnd();
        if sent > 0 || cwnd_limited {
            self.cwnd_validate(cwnd_limited);
        }
        if sent > 0 {
            if self.snd.fr.state >= CaState::Cwr && self.snd.fr.state <= CaState::Recovery {
                self.snd.prr.on_sent(sent);
            }
            let probe = self.syn_acked() && self.schedule_loss_probe(now, false);
            if !probe && self.snd.rearm_after_xmit {
                self.rearm_rto(now);
            }
        } else if self.snd.sb.packets_out() == 0
            && matches!(
                blocked,
                SendLimit::RwndLimited | SendLimit::WaitingForWindow
            )
        {
            self.check_probe_timer(now);
        }
    }

    /// Report what holds the sender back, when it changed.
    fn note_limit(&mut self, limit: SendLimit) {
        if self.snd.limit != Some(limit) {
            self.snd.limit = Some(limit);
            self.events.push_back(Event::SendBlocked { limit });
        }
    }

    /// `tcp_cwnd_validate` (RFC 7661): remember whether the sender filled cwnd in this
    /// window, and the most packets it had out, for `tcp_is_cwnd_limited`.
    fn cwnd_validate(&mut self, is_cwnd_limited: bool) {
        let s = &mut self.snd;
        let packets_out = s.sb.packets_out();
        if !seq_lt(self.snd_una, s.cwnd_usage_seq)
            || is_cwnd_limited
            || (!s.is_cwnd_limited && packets_out > s.max_packets_out)
        {
            s.is_cwnd_limited = is_cwnd_limited;
            s.max_packets_out = packets_out;
            s.cwnd_usage_seq = self.snd_nxt;
        }
    }

    /// `tcp_is_cwnd_limited`.
    pub(crate) fn cwnd_limited(&self) -> bool {
        cc::is_cwnd_limited(
            &self.snd.ccs,
            self.snd.is_cwnd_limited,
            self.snd.max_packets_out,
        )
    }

    /// Send one new segment `[SND.NXT, SND.NXT + len)` (+ FIN) and record it on the
    /// scoreboard (`tcp_event_new_data_sent`).
    pub(crate) fn send_new(&mut self, now: Instant, next: NextSegment, reason: SendReason) {
        let seq = self.snd_nxt;
        let offset = seq.wrapping_sub(self.buf_seq) as usize;
        let payload = self.send_buf.range(offset, next.len as usize);
        let mut flags = Flags::ACK;
        if offset + payload.len() == self.send_buf.len() && !payload.is_empty() {
            flags |= Flags::PSH;
        }
        if next.fin {
            flags |= Flags::FIN;
        }
        let small = next.len < self.send_mss();
        let prior_packets = self.snd.sb.packets_out();
        let reason = if reason == SendReason::Data && next.fin && payload.is_empty() {
            SendReason::Fin
        } else {
            reason
        };
        let end = seq.wrapping_add(next.len).wrapping_add(u32::from(next.fin));
        self.data_sent(now);
        self.send_segment(now, seq, flags, payload, reason);
        let stamp = self.xmit_stamp(now);
        self.snd.sb.on_send(seq, end, next.fin, stamp);
        if small {
            // tcp_minshall_update
            self.snd.snd_sml = end;
        }
        let flavor = if self.syn_acked() {
            self.profile.flavor
        } else {
            // Our SYN is still unacknowledged (a CLOSE in SYN-RECEIVED): its timer covers
            // the FIN too.
            Flavor::Textbook
        };
        match flavor {
            // tcp_event_new_data_sent: "if (!prior_packets || icsk_pending == LOSS_PROBE)
            // tcp_rearm_rto". Inside `push_frames` the loss probe that `tcp_write_xmit`
            // schedules next replaces that RTO at once, so it is armed there, once.
            Flavor::Linux => {
                if prior_packets == 0 || self.timer(TimerKind::LossProbe).is_some() {
                    if self.snd.in_write_xmit {
                        self.snd.rearm_after_xmit = true;
                    } else {
                        self.rearm_rto(now);
                    }
                }
            }
            // RFC 6298 §5.1: start the timer if it is not running.
            Flavor::Textbook => {
                if self.timer(TimerKind::Retransmit).is_none() {
                    self.arm_xmit_timer(now, TimerKind::Retransmit, self.rto_cur);
                }
            }
        }
    }

    /// The send time recorded for a segment on the scoreboard (`skb->skb_mstamp_ns`): `now`,
    /// but strictly after the previous segment's. A real sender spends microseconds per
    /// segment, so a burst's segments never share a timestamp; the simulation's clock stands
    /// still during a burst, and RACK (which orders transmissions by time, RFC 8985 §6.2)
    /// would otherwise take a retransmission for older than new data sent just before it.
    pub(crate) fn xmit_stamp(&mut self, now: Instant) -> Instant {
        let t = if now > self.snd.last_xmit {
            now
        } else {
            self.snd.last_xmit + Duration::from_micros(1)
        };
        self.snd.last_xmit = t;
        t
    }

    /// `tcp_event_data_sent`, for every segment with data (retransmissions too): data sent
    /// with nothing in flight is `CA_EVENT_TX_START` (CUBIC moves its epoch over the idle
    /// time); `lsndtime` is now.
    pub(crate) fn data_sent(&mut self, now: Instant) {
        let s = &mut self.snd;
        if s.sb.in_flight() == 0 {
            s.cc.cwnd_event(
                &s.ccs,
                now,
                CaEvent::TxStart {
                    lsndtime: s.lsndtime,
                },
            );
        }
        s.lsndtime = now;
    }

    /// Restart after idle (`tcp_slow_start_after_idle_check` → `tcp_cwnd_restart`, RFC 5681
    /// §4.1 / RFC 7661): new data written while nothing is in flight and the sender has been
    /// idle for longer than the RTO: cwnd halves for every RTO of idle time, down to the
    /// initial window.
    pub(crate) fn restart_after_idle(&mut self, now: Instant) {
        if !self.snd.ready || self.snd.sb.packets_out() > 0 {
            return;
        }
        let idle = now.saturating_since(self.snd.lsndtime);
        let rto = self.rto_cur.max(Duration::from_micros(1));
        if idle <= rto {
            return;
        }
        let mss = u32::from(self.eff_mss());
        let s = &mut self.snd;
        s.cc.cwnd_event(&s.ccs, now, CaEvent::CwndRestart);
        s.ccs.ssthresh = current_ssthresh(&s.ccs, s.fr.state);
        let restart = initial_window(self.profile.flavor, mss).min(s.ccs.cwnd);
        let mut cwnd = s.ccs.cwnd;
        let mut left = idle;
        loop {
            left = left.saturating_sub(rto);
            if left.is_zero() || cwnd <= restart {
                break;
            }
            cwnd >>= 1;
        }
        s.ccs.cwnd = cwnd.max(restart);
    }

    /// Bytes the application may still write (`sk_stream_wspace`): the send buffer less what
    /// it holds (unacknowledged and unsent data).
    pub fn send_space(&self) -> u32 {
        self.sndbuf().saturating_sub(self.send_buf.len() as u32)
    }

    /// `sk_sndbuf`: SO_SNDBUF as stored (doubled), or Linux's autotuned size
    /// (`tcp_sndbuf_expand`: about twice the congestion window's worth of skbs, at least the
    /// 16 KiB of `tcp_wmem[1]` and at most `tcp_wmem[2]` = 4 MiB). The model counts payload
    /// bytes and grants the autotuned buffer its maximum, so one large write is taken whole.
    pub(crate) fn sndbuf(&self) -> u32 {
        self.opts.sndbuf.unwrap_or(SNDBUF_AUTOTUNED)
    }
}

/// `tcp_wmem[2]` (4 MiB): the most an autotuned send buffer grows to.
pub(crate) const SNDBUF_AUTOTUNED: u32 = 4 * 1024 * 1024;

/// RFC 6298 §5.7: 3 s.
const RTO_AFTER_SYN_LOSS: Duration = Duration::from_secs(3);

/// `tcp_current_ssthresh`: in CWR or Recovery ssthresh itself, else at least 3/4 cwnd.
pub(crate) fn current_ssthresh(ccs: &CcState, state: CaState) -> u32 {
    if matches!(state, CaState::Cwr | CaState::Recovery) {
        ccs.ssthresh
    } else {
        ccs.ssthresh
            .max((ccs.cwnd >> 1).saturating_add(ccs.cwnd >> 2))
    }
}

/// ssthresh in bytes for the TCB snapshot (`u32::MAX` while infinite).
pub(crate) fn ssthresh_bytes(ccs: &CcState, mss: u32) -> u32 {
    if ccs.ssthresh >= TCP_INFINITE_SSTHRESH {
        u32::MAX
    } else {
        ccs.ssthresh.saturating_mul(mss)
    }
}
