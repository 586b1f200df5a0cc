//! Segment arrival, RFC 9293 §3.10.7 ("SEGMENT ARRIVES"), one function per group of states.

use super::{Closing, Connection, Endpoint};
use crate::event::{Cause, Event, RejectReason, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::{ack_acceptable, segment_acceptable, seq_ge, seq_gt, seq_le, seq_lt};
use crate::wire::{Flags, Segment};
use crate::{Instant, State};
use alloc::vec::Vec;
use core::time::Duration;

impl Connection {
    /// A segment arrived from `src` (the sender's IPv4 address). Process it per RFC 9293
    /// §3.10.7, then drain [`Connection::poll_transmit`] and [`Connection::poll_event`].
    pub fn handle_segment(&mut self, now: Instant, src: [u8; 4], seg: &Segment) {
        let from = Endpoint::new(src, seg.src_port);
        let wrong_remote = matches!(self.remote, Some(r) if r != from)
            && !matches!(self.state, State::Closed | State::Listen);
        if seg.dst_port != self.local.port || wrong_remote {
            self.reject(seg, RejectReason::WrongPorts, "§3.10.7");
            return;
        }
        match self.state {
            State::Closed => self.on_closed(now, seg),
            State::Listen => self.on_listen(now, from, seg),
            State::SynSent => self.on_syn_sent(now, seg),
            _ => self.on_synchronized(now, seg),
        }
    }

    pub(crate) fn reject(&mut self, seg: &Segment, reason: RejectReason, rfc: &'static str) {
        self.events.push_back(Event::SegmentRejected {
            seq: seg.seq,
            ack: seg.ack,
            flags: seg.flags,
            reason,
            rfc,
        });
    }

    fn accept(&mut self, seg: &Segment) {
        self.events.push_back(Event::SegmentAccepted {
            seq: seg.seq,
            flags: seg.flags,
            len: seg.payload.len() as u32,
        });
    }

    /// §3.10.7.1 CLOSED: "all data in the incoming segment is discarded. An incoming segment
    /// containing a RST is discarded. An incoming segment not containing a RST causes a RST
    /// to be sent in response."
    fn on_closed(&mut self, now: Instant, seg: &Segment) {
        self.reject(seg, RejectReason::Closed, "§3.10.7.1");
        self.send_reset_for(now, seg);
    }

    /// §3.10.7.2 LISTEN.
    fn on_listen(&mut self, now: Instant, from: Endpoint, seg: &Segment) {
        // "First, check for a RST: an incoming RST segment could not be valid ... ignored."
        if seg.flags.contains(Flags::RST) {
            self.reject(seg, RejectReason::NotSyn, "§3.10.7.2");
            return;
        }
        // "Second, check for an ACK: any acknowledgment is bad if it arrives on a connection
        // still in the LISTEN state. An acceptable reset segment should be formed."
        if seg.flags.contains(Flags::ACK) {
            self.reject(seg, RejectReason::NotSyn, "§3.10.7.2");
            self.send_reset_for(now, seg);
            return;
        }
        // "Third, check for a SYN": set RCV.NXT = SEG.SEQ+1, IRS = SEG.SEQ, select an ISS,
        // send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, enter SYN-RECEIVED.
        if seg.flags.contains(Flags::SYN) {
            self.accept(seg);
            self.remote = Some(from);
            self.irs = Some(seg.seq);
            self.rcv_nxt = seg.seq.wrapping_add(1);
            self.take_syn_options(seg);
            self.snd_wnd = u32::from(seg.window);
            self.snd_wl1 = seg.seq;
            self.choose_iss(now);
            self.set_state(State::SynReceived, Cause::RcvSyn, "§3.10.7.2");
            self.send_syn(now, true, false);
            if self.profile.two_way_handshake {
                // The hypothetical two-way handshake: the server trusts any SYN at once.
                self.set_state(State::Established, Cause::SndSynAck, "two-way variant");
            }
            return;
        }
        // "Fourth, other data or control: ... drop the segment and return."
        self.reject(seg, RejectReason::NotSyn, "§3.10.7.2");
    }

    /// Options of a SYN (RFC 9293 §3.7.1 MSS, default 536; RFC 7323 §2.2 and §3.2: window
    /// scaling and timestamps only if both SYNs carry them; RFC 2018 §2 SACK-permitted).
    fn take_syn_options(&mut self, seg: &Segment) {
        self.peer_mss = seg.mss().unwrap_or(536);
        let p = &self.profile;
        match seg.timestamps() {
            Some((tsval, _)) if p.timestamps => {
                self.ts_ok = true;
                self.ts_recent = tsval;
            }
            _ => self.ts_ok = false,
        }
        self.sack_ok = p.sack && seg.sack_permitted();
        match (p.window_scale, seg.window_scale()) {
            (Some(ours), Some(theirs)) => {
                self.ws_seen = true;
                self.rcv_wscale = ours.min(14);
                self.snd_wscale = theirs.min(14); // RFC 7323 §2.3: at most 14
            }
            _ => {
                self.ws_seen = false;
                self.rcv_wscale = 0;
                self.snd_wscale = 0;
            }
        }
    }

    /// §3.10.7.3 SYN-SENT.
    fn on_syn_sent(&mut self, now: Instant, seg: &Segment) {
        let mut ack_ok = false;
        // "First, check the ACK bit: If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset
        // (unless the RST bit is set, if so drop the segment and return)."
        if seg.flags.contains(Flags::ACK) {
            if seq_le(seg.ack, self.iss) || seq_gt(seg.ack, self.snd_max) {
                self.reject(seg, RejectReason::BadAckInHandshake, "§3.10.7.3");
                self.send_reset_for(now, seg);
                return;
            }
            ack_ok = ack_acceptable(self.snd_una, seg.ack, self.snd_max);
        }
        // "Second, check the RST bit: If the ACK was acceptable, then signal to the user
        // 'error: connection reset', drop the segment, enter CLOSED state, delete TCB."
        if seg.flags.contains(Flags::RST) {
            if ack_ok {
                self.accept(seg);
                self.events.push_back(Event::Refused);
                self.set_state(State::Closed, Cause::RcvRst, "§3.10.7.3");
                self.delete_tcb();
            } else {
                self.reject(seg, RejectReason::RstOutOfWindow, "§3.10.7.3");
            }
            return;
        }
        // "Fourth, check the SYN bit."
        if !seg.flags.contains(Flags::SYN) {
            self.reject(seg, RejectReason::NotSyn, "§3.10.7.3");
            return;
        }
        self.accept(seg);
        self.irs = Some(seg.seq);
        self.rcv_nxt = seg.seq.wrapping_add(1);
        self.take_syn_options(seg);
        if seg.flags.contains(Flags::ACK) {
            self.new_ack(now, seg);
        }
        if seq_gt(self.snd_una, self.iss) {
            // Our SYN has been ACKed: "enter ESTABLISHED state, form an ACK segment
            // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
            self.snd_wnd = u32::from(seg.window); // a SYN's window is never scaled
            self.snd_wl1 = seg.seq;
            self.snd_wl2 = seg.ack;
            self.set_state(State::Established, Cause::RcvSynAck, "§3.10.7.3");
            self.send_ack(now, SendReason::HandshakeAck);
            self.push_data(now);
        } else {
            // Simultaneous open: "enter SYN-RECEIVED, form a SYN,ACK segment
            // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it."
            self.snd_wnd = u32::from(seg.window);
            self.snd_wl1 = seg.seq;
            self.set_state(State::SynReceived, Cause::RcvSyn, "§3.10.7.3");
            self.cancel_timer(TimerKind::Retransmit);
            self.send_syn(now, true, false);
        }
    }

    /// §3.10.7.4: SYN-RECEIVED and the synchronized states.
    fn on_synchronized(&mut self, now: Instant, seg: &Segment) {
        let seg_len = seg.seg_len();
        let rst = seg.flags.contains(Flags::RST);
        let syn = seg.flags.contains(Flags::SYN);
        let fin = seg.flags.contains(Flags::FIN);

        // ---- First, check the sequence number.
        if !segment_acceptable(seg.seq, seg_len, self.rcv_nxt, self.rcv_wnd) {
            if self.state == State::SynReceived
                && syn
                && !seg.flags.contains(Flags::ACK)
                && Some(seg.seq) == self.irs
                && self.profile.flavor == Flavor::Linux
            {
                // A retransmitted SYN: Linux answers it with the SYN-ACK again (tcp_check_req).
                self.reject(seg, RejectReason::OutOfWindow, "§3.10.7.4");
                self.send_syn(now, true, true);
                return;
            }
            if self.state == State::TimeWait
                && fin
                && !rst
                && seg.seq.wrapping_add(seg_len) == self.rcv_nxt
            {
                // "The only thing that can arrive in this state is a retransmission of the
                // remote FIN. Acknowledge it, and restart the 2 MSL timeout." (§3.10.7.4)
                self.accept(seg);
                self.send_ack(now, SendReason::Ack);
                self.arm_timer(now, TimerKind::TimeWait, self.profile.time_wait);
                return;
            }
            // "If an incoming segment is not acceptable, an acknowledgment should be sent in
            // reply (unless the RST bit is set)."
            self.reject(seg, RejectReason::OutOfWindow, "§3.10.7.4");
            if !rst {
                self.send_ack(now, SendReason::DupAck);
            }
            return;
        }
        self.update_ts_recent(seg);

        // ---- Second, check the RST bit (with RFC 5961 §3.2 as RFC 9293 recommends).
        if rst {
            if seg.seq != self.rcv_nxt {
                self.reject(seg, RejectReason::RstChallenge, "§3.10.7.4 (RFC 5961 §3.2)");
                self.send_ack(now, SendReason::ChallengeAck);
                return;
            }
            self.accept(seg);
            self.on_reset();
            return;
        }

        // ---- Fourth, check the SYN bit.
        if syn {
            if self.state == State::SynReceived && self.passive {
                // "If the connection was initiated with a passive OPEN, then return this
                // connection to the LISTEN state and return."
                self.reject(seg, RejectReason::SynChallenge, "§3.10.7.4");
                self.set_state(State::Listen, Cause::RcvSyn, "§3.10.7.4");
                self.delete_tcb();
                return;
            }
            // RFC 5961 §4.2: "send a 'challenge ACK'" whatever the sequence number.
            self.reject(seg, RejectReason::SynChallenge, "§3.10.7.4 (RFC 5961 §4)");
            self.send_ack(now, SendReason::ChallengeAck);
            return;
        }

        // ---- Fifth, check the ACK field.
        if !seg.flags.contains(Flags::ACK) {
            self.reject(seg, RejectReason::NoAck, "§3.10.7.4");
            return;
        }
        if self.state == State::SynReceived {
            if !ack_acceptable(self.snd_una, seg.ack, self.snd_max) {
                // "If the segment acknowledgment is not acceptable, form a reset segment
                // <SEQ=SEG.ACK><CTL=RST> and send it."
                self.reject(seg, RejectReason::BadAckInHandshake, "§3.10.7.4");
                self.send_reset_for(now, seg);
                return;
            }
            self.snd_wnd = u32::from(seg.window) << self.snd_wscale;
            self.snd_wl1 = seg.seq;
            self.snd_wl2 = seg.ack;
            self.set_state(State::Established, Cause::RcvAckOfSyn, "§3.10.7.4");
            if self.closing != Closing::Open {
                // A CLOSE queued in SYN-RECEIVED is carried out now (§3.10.4).
                self.set_state(State::FinWait1, Cause::Close, "§3.10.4");
            }
        }
        if seq_gt(seg.ack, self.snd_max) {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK,
            // drop the segment, and return."
            self.reject(seg, RejectReason::AckOfUnsent, "§3.10.7.4");
            self.send_ack(now, SendReason::DupAck);
            return;
        }
        self.accept(seg);
        if seq_lt(self.snd_una, seg.ack) {
            self.new_ack(now, seg);
        }
        // Window update: "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be
        // updated. If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK))".
        if seq_le(self.snd_una, seg.ack)
            && (seq_lt(self.snd_wl1, seg.seq)
                || (self.snd_wl1 == seg.seq && seq_le(self.snd_wl2, seg.ack)))
        {
            self.snd_wnd = u32::from(seg.window) << self.snd_wscale;
            self.snd_wl1 = seg.seq;
            self.snd_wl2 = seg.ack;
        }
        let fin_acked = self.fin_seq.is_some_and(|f| seq_gt(self.snd_una, f));
        let fin_in_order =
            fin && seg.seq.wrapping_add(seg_len).wrapping_sub(1) == self.data_end(seg);
        match self.state {
            // "In addition to the processing for the ESTABLISHED state, if the FIN segment is
            // now acknowledged, then enter FIN-WAIT-2." (A FIN in the same segment takes
            // FIN-WAIT-1 straight to TIME-WAIT below.)
            State::FinWait1 if fin_acked && !fin_in_order => {
                self.set_state(State::FinWait2, Cause::RcvAckOfFin, "§3.10.7.4");
                if self.closing == Closing::Closed {
                    self.arm_fin_wait2(now);
                }
            }
            // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state"
            State::Closing if fin_acked => {
                self.enter_time_wait(now, Cause::RcvAckOfFin, "§3.10.7.4");
                return;
            }
            // "The only thing that can arrive in this state is an acknowledgment of our FIN.
            // If our FIN is now acknowledged, delete the TCB, enter the CLOSED state."
            State::LastAck if fin_acked => {
                self.set_state(State::Closed, Cause::RcvAckOfFin, "§3.10.7.4");
                self.delete_tcb();
                return;
            }
            State::TimeWait => return,
            _ => {}
        }

        // ---- Seventh, process the segment text.
        let mut delivered = 0;
        let mut fin_now = false;
        if self.state.can_receive() {
            let (n, f) = self.receive_text(now, seg);
            delivered = n;
            fin_now = f;
        }
        // ---- Eighth, check the FIN bit.
        if fin_now {
            self.on_fin(now, fin_acked);
        } else if delivered > 0 {
            self.schedule_ack(now, delivered, false);
        }
        self.push_data(now);
    }

    /// The sequence number just past the segment's data when the data was in order: the
    /// sequence number an in-order FIN has.
    fn data_end(&self, seg: &Segment) -> u32 {
        let start = if seq_lt(seg.seq, self.rcv_nxt) {
            self.rcv_nxt
        } else {
            seg.seq
        };
        let skip = start.wrapping_sub(seg.seq) as usize;
        start.wrapping_add(seg.payload.len().saturating_sub(skip) as u32)
    }

    /// RFC 7323 §4.3: remember the peer's TSval from a segment at or before RCV.NXT.
    fn update_ts_recent(&mut self, seg: &Segment) {
        if let (true, Some((tsval, _))) = (self.ts_ok, seg.timestamps()) {
            if seq_le(seg.seq, self.rcv_nxt) {
                self.ts_recent = tsval;
            }
        }
    }

    /// An acceptable RST (§3.10.7.4, second check), per state.
    fn on_reset(&mut self) {
        let in_state = self.state;
        match in_state {
            // "If this connection was initiated with a passive OPEN (i.e., came from the LISTEN
            // state), then return this connection to LISTEN state and return."
            State::SynReceived if self.passive => {
                self.set_state(State::Listen, Cause::RcvRst, "§3.10.7.4");
                self.delete_tcb();
            }
            // "If this connection was initiated with an active OPEN ... connection refused"
            State::SynReceived => {
                self.events.push_back(Event::Refused);
                self.set_state(State::Closed, Cause::RcvRst, "§3.10.7.4");
                self.delete_tcb();
            }
            // ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "any outstanding RECEIVEs and SEND should
            // receive 'reset' responses ... enter the CLOSED state, delete the TCB".
            State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                self.events.push_back(Event::Reset { in_state });
                self.set_state(State::Closed, Cause::RcvRst, "§3.10.7.4");
                self.delete_tcb();
            }
            // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB".
            _ => {
                self.set_state(State::Closed, Cause::RcvRst, "§3.10.7.4");
                self.delete_tcb();
            }
        }
    }

    /// SND.UNA < SEG.ACK: new data (or our SYN or FIN) acknowledged.
    fn new_ack(&mut self, now: Instant, seg: &Segment) {
        let ack = seg.ack;
        let acked = ack.wrapping_sub(self.snd_una);
        // Remove acknowledged octets from the send queue (they start at buf_seq).
        let mut bytes = 0;
        if seq_gt(ack, self.buf_seq) {
            let n = (ack.wrapping_sub(self.buf_seq) as usize).min(self.send_buf.len());
            self.send_buf.drain(..n);
            self.buf_seq = self.buf_seq.wrapping_add(n as u32);
            bytes = n as u32;
        }
        self.snd_una = ack;
        if seq_lt(self.snd_nxt, self.snd_una) {
            self.snd_nxt = self.snd_una;
        }
        // RTT measurement: Linux uses the echoed timestamp (tcp_rtt_tsopt_us), which stays
        // valid across retransmissions; otherwise time one segment at a time (Karn's rule).
        let mut sample = None;
        if let Some((end, sent)) = self.rtt_probe {
            if seq_ge(ack, end) {
                sample = Some(now.saturating_since(sent));
                self.rtt_probe = None;
            }
        }
        if self.profile.flavor == Flavor::Linux && self.ts_ok {
            if let Some((_, tsecr)) = seg.timestamps() {
                if tsecr != 0 {
                    let ms = self.tsval(now).wrapping_sub(tsecr);
                    if ms < 1 << 31 {
                        sample = Some(Duration::from_millis(u64::from(ms)));
                    }
                }
            }
        }
        if let Some(r) = sample {
            let r = r.max(Duration::from_micros(1));
            self.rtt.sample(r, &self.profile);
            self.events.push_back(Event::RttSample {
                rtt: r,
                srtt: self.rtt.srtt.unwrap_or(r),
                rttvar: self.rtt.rttvar,
                rto: self.rtt.rto,
            });
        }
        // New data acknowledged: the backoff ends and the retry count restarts.
        self.rto_cur = self.rtt.rto;
        self.retries = 0;
        let mss = u32::from(self.eff_mss());
        if self.state.is_synchronized() || self.state == State::SynReceived {
            // RFC 5681 §3.1: slow start below ssthresh, congestion avoidance above.
            if self.cwnd < self.ssthresh {
                self.cwnd = self.cwnd.saturating_add(acked.min(mss));
            } else {
                self.cwnd = self
                    .cwnd
                    .saturating_add((mss.saturating_mul(mss) / self.cwnd.max(1)).max(1));
            }
        }
        if bytes > 0 {
            self.events.push_back(Event::DataAcked { ack, bytes });
        }
        // RFC 6298 §5.2: all outstanding data acknowledged, turn off the timer;
        // §5.3: otherwise restart it.
        if self.snd_una == self.snd_max {
            self.cancel_timer(TimerKind::Retransmit);
        } else {
            self.arm_timer(now, TimerKind::Retransmit, self.rto_cur);
        }
    }

    /// Seventh check: accept the segment's text. Returns the octets delivered in order and
    /// whether an in-order FIN is now reached.
    fn receive_text(&mut self, now: Instant, seg: &Segment) -> (usize, bool) {
        let fin = seg.flags.contains(Flags::FIN);
        let mut start = seg.seq;
        let mut data: &[u8] = &seg.payload;
        if seq_lt(start, self.rcv_nxt) {
            // Trim what we already have.
            let skip = (self.rcv_nxt.wrapping_sub(start) as usize).min(data.len());
            data = &data[skip..];
            start = start.wrapping_add(skip as u32);
        }
        if start != self.rcv_nxt {
            // Out of order: hold it for later and send a duplicate ACK at once
            // (RFC 5681 §4.2: "an immediate ACK SHOULD be generated when an out-of-order
            // segment arrives").
            if (!data.is_empty() || fin) && !self.ooo.iter().any(|(s, _, _)| *s == start) {
                self.ooo.push((start, Vec::from(data), fin));
                self.ooo
                    .sort_by_key(|(s, _, _)| s.wrapping_sub(self.rcv_nxt));
            }
            self.send_ack(now, SendReason::DupAck);
            return (0, false);
        }
        let mut delivered = Vec::from(data);
        let mut fin_reached = fin;
        self.rcv_nxt = self.rcv_nxt.wrapping_add(data.len() as u32);
        // Fill in from the out-of-order queue what is now contiguous.
        loop {
            let Some(i) = self.ooo.iter().position(|(s, d, _)| {
                seq_le(*s, self.rcv_nxt) && seq_gt(s.wrapping_add(d.len() as u32 + 1), self.rcv_nxt)
            }) else {
                break;
            };
            let (s, d, f) = self.ooo.remove(i);
            let skip = (self.rcv_nxt.wrapping_sub(s) as usize).min(d.len());
            delivered.extend_from_slice(&d[skip..]);
            self.rcv_nxt = self.rcv_nxt.wrapping_add((d.len() - skip) as u32);
            fin_reached |= f;
        }
        let rcv_nxt = self.rcv_nxt;
        self.ooo
            .retain(|(s, d, _)| seq_gt(s.wrapping_add(d.len() as u32), rcv_nxt));
        let n = delivered.len();
        if n > 0 {
            self.events
                .push_back(Event::DataReceived { data: delivered });
        }
        (n, fin_reached)
    }

    /// Eighth check: an in-order FIN. "Advance RCV.NXT over the FIN ... signal the user
    /// 'connection closing'", then per state.
    fn on_fin(&mut self, now: Instant, fin_acked: bool) {
        self.rcv_nxt = self.rcv_nxt.wrapping_add(1);
        self.fin_received = true;
        self.events.push_back(Event::Eof);
        match self.state {
            State::SynReceived | State::Established => {
                self.set_state(State::CloseWait, Cause::RcvFin, "§3.10.7.4");
                if self.profile.flavor == Flavor::Linux {
                    // tcp_fin(): inet_csk_enter_pingpong_mode — the ACK waits, hoping to ride
                    // on our own FIN.
                    self.pingpong = true;
                }
                self.schedule_ack(now, 0, false);
            }
            State::FinWait1 if fin_acked => {
                self.send_ack(now, SendReason::Ack);
                self.enter_time_wait(now, Cause::RcvFinAckOfFin, "§3.10.7.4");
            }
            State::FinWait1 => {
                self.send_ack(now, SendReason::Ack);
                self.set_state(State::Closing, Cause::RcvFin, "§3.10.7.4");
            }
            State::FinWait2 => {
                self.send_ack(now, SendReason::Ack);
                self.enter_time_wait(now, Cause::RcvFin, "§3.10.7.4");
            }
            _ => self.send_ack(now, SendReason::Ack),
        }
    }
}
