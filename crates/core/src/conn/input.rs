//! Segment arrival, RFC 9293 §3.10.7 ("SEGMENT ARRIVES"), one function per group of states.

use super::{Closing, Connection, Endpoint};
use crate::event::Rfc;
use crate::event::{Cause, Event, RejectReason, SendReason, TimerKind};
use crate::profile::Flavor;
use crate::seq::{ack_acceptable, segment_acceptable, seq_gt, seq_le, seq_lt};
use crate::wire::{Flags, Segment};
use crate::{Instant, State};

impl Connection {
    /// A segment arrived from `src` (the sender's IPv4 address). Process it per RFC 9293
    /// §3.10.7, then drain [`Connection::poll_transmit`] and [`Connection::poll_event`].
    pub fn handle_segment(&mut self, now: Instant, src: [u8; 4], seg: &Segment) {
        let from = Endpoint::new(src, seg.src_port);
        let wrong_remote = matches!(self.remote, Some(r) if r != from)
            && !matches!(self.state, State::Closed | State::Listen);
        if seg.dst_port != self.local.port || wrong_remote {
            self.reject(seg, RejectReason::WrongPorts, Rfc::S3_10_7);
            return;
        }
        match self.state {
            State::Closed => self.on_closed(now, seg),
            State::Listen => self.on_listen(now, from, seg),
            State::SynSent => self.on_syn_sent(now, seg),
            State::TimeWait if self.syn_reopens_time_wait(seg) => {
                self.reopen_from_time_wait(now, from, seg)
            }
            _ => self.on_synchronized(now, seg),
        }
    }

    /// Linux `tcp_timewait_state_process` (`TCP_TW_SYN`, after RFC 6191): a SYN (no ACK, no
    /// RST) whose sequence number lies beyond RCV.NXT, or whose timestamp is newer than the
    /// last one seen, cannot be an old duplicate of this connection; a side that has a
    /// listener (it opened passively) lets the SYN end TIME-WAIT and open a new connection.
    fn syn_reopens_time_wait(&self, seg: &Segment) -> bool {
        if self.profile.flavor != Flavor::Linux
            || !self.passive
            || !seg.flags.contains(Flags::SYN)
            || seg.flags.intersects(Flags::ACK | Flags::RST)
        {
            return false;
        }
        let newer_ts = self.ts_ok
            && seg
                .timestamps()
                .is_some_and(|(tsval, _)| (self.ts_recent.wrapping_sub(tsval) as i32) < 0);
        seq_gt(seg.seq, self.rcv_nxt) || newer_ts
    }

    /// TIME-WAIT ends and the listener takes the SYN: the new connection's ISS is the old
    /// SND.NXT + 65537 (`tw_isn`), so that its numbers stay clear of the old one's.
    fn reopen_from_time_wait(&mut self, now: Instant, from: Endpoint, seg: &Segment) {
        let mut isn = self.snd_max.wrapping_add(65537);
        if isn == 0 {
            isn = 1;
        }
        self.set_state(State::Listen, Cause::RcvSyn, Rfc::Rfc6191);
        self.delete_tcb();
        self.iss_override = Some(isn);
        self.on_listen(now, from, seg);
    }

    pub(crate) fn reject(&mut self, seg: &Segment, reason: RejectReason, rfc: Rfc) {
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
        self.reject(seg, RejectReason::Closed, Rfc::S3_10_7_1);
        self.send_reset_for(now, seg);
    }

    /// §3.10.7.2 LISTEN.
    fn on_listen(&mut self, now: Instant, from: Endpoint, seg: &Segment) {
        // "First, check for a RST: an incoming RST segment could not be valid ... ignored."
        if seg.flags.contains(Flags::RST) {
            self.reject(seg, RejectReason::NotSyn, Rfc::S3_10_7_2);
            return;
        }
        // "Second, check for an ACK: any acknowledgment is bad if it arrives on a connection
        // still in the LISTEN state. An acceptable reset segment should be formed."
        if seg.flags.contains(Flags::ACK) {
            self.reject(seg, RejectReason::NotSyn, Rfc::S3_10_7_2);
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
            self.last_ack_sent = self.rcv_nxt;
            self.init_rcv_space();
            self.take_syn_options(seg);
            self.set_snd_wnd(seg, true);
            self.choose_iss(now);
            self.set_state(State::SynReceived, Cause::RcvSyn, Rfc::S3_10_7_2);
            self.send_syn(now, true, false);
            if self.profile.two_way_handshake {
                // The hypothetical two-way handshake: the server trusts any SYN at once.
                self.set_state(State::Established, Cause::SndSynAck, Rfc::TwoWayVariant);
                self.init_rcvq_space(now);
            }
            return;
        }
        // "Fourth, other data or control: ... drop the segment and return."
        self.reject(seg, RejectReason::NotSyn, Rfc::S3_10_7_2);
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
        match (self.rcv_wscale_to_offer(), seg.window_scale()) {
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
                self.reject(seg, RejectReason::BadAckInHandshake, Rfc::S3_10_7_3);
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
                self.set_state(State::Closed, Cause::RcvRst, Rfc::S3_10_7_3);
                self.delete_tcb();
            } else {
                self.reject(seg, RejectReason::RstOutOfWindow, Rfc::S3_10_7_3);
            }
            return;
        }
        // "Fourth, check the SYN bit."
        if !seg.flags.contains(Flags::SYN) {
            self.reject(seg, RejectReason::NotSyn, Rfc::S3_10_7_3);
            return;
        }
        self.accept(seg);
        self.irs = Some(seg.seq);
        self.rcv_nxt = seg.seq.wrapping_add(1);
        self.last_ack_sent = self.rcv_nxt;
        self.take_syn_options(seg);
        if seg.flags.contains(Flags::ACK) {
            self.new_ack(now, seg);
        }
        if seq_gt(self.snd_una, self.iss) {
            // Our SYN has been ACKed: "enter ESTABLISHED state, form an ACK segment
            // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
            self.set_snd_wnd(seg, true);
            self.set_state(State::Established, Cause::RcvSynAck, Rfc::S3_10_7_3);
            self.init_rcvq_space(now);
            self.send_ack(now, SendReason::HandshakeAck);
            self.push_data(now);
        } else {
            // Simultaneous open: "enter SYN-RECEIVED, form a SYN,ACK segment
            // <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it."
            self.set_snd_wnd(seg, true);
            self.set_state(State::SynReceived, Cause::RcvSyn, Rfc::S3_10_7_3);
            // The SYN's retransmission timer keeps running (RFC 6298 §5.1 starts it only
            // when it is not running; Linux's tcp_send_synack leaves it alone).
            self.send_syn(now, true, false);
        }
    }

    /// §3.10.7.4: SYN-RECEIVED and the synchronized states.
    fn on_synchronized(&mut self, now: Instant, seg: &Segment) {
        // Figure 7 (simultaneous open): in SYN-RECEIVED the peer's SYN,ACK repeats the SYN we
        // already hold. The RFC processes "the idealized segment that begins at RCV.NXT", so
        // trim that SYN off and go on with the ACK (Linux does the same in
        // tcp_validate_incoming); otherwise the strict window test would reject it.
        let trimmed;
        let dup_syn = self.state == State::SynReceived
            && seg.flags.contains(Flags::SYN | Flags::ACK)
            && !seg.flags.contains(Flags::RST)
            && Some(seg.seq) == self.irs;
        let seg = if dup_syn {
            trimmed = Segment {
                seq: seg.seq.wrapping_add(1),
                flags: seg.flags.without(Flags::SYN),
                ..seg.clone()
            };
            &trimmed
        } else {
            seg
        };
        let seg_len = seg.seg_len();
        let rst = seg.flags.contains(Flags::RST);
        let syn = seg.flags.contains(Flags::SYN);
        let linux = self.profile.flavor == Flavor::Linux;

        // RFC 9293 §3.5.2, reset generation rule 2: in a non-synchronized state, "if the
        // incoming segment acknowledges something not yet sent (the segment carries an
        // unacceptable ACK) ... a reset is sent" <SEQ=SEG.ACK><CTL=RST> — whatever its
        // sequence number (Linux tcp_check_req tests the ACK first, too). Without this, two
        // SYN-RECEIVED ends holding different conversations (old SYNs) trade ACKs forever.
        if self.state == State::SynReceived
            && seg.flags.contains(Flags::ACK)
            && !rst
            && !ack_acceptable(self.snd_una, seg.ack, self.snd_max)
        {
            self.reject(seg, RejectReason::BadAckInHandshake, Rfc::S3_5_2);
            self.send_reset_for(now, seg);
            return;
        }

        // ---- First, check the sequence number.
        if !segment_acceptable(seg.seq, seg_len, self.rcv_nxt, self.rcv_window_now()) {
            self.on_unacceptable(now, seg);
            return;
        }
        self.update_ts_recent(seg);

        // ---- Second, check the RST bit (with RFC 5961 §3.2 as RFC 9293 recommends).
        if rst {
            // Linux keeps an orphaned FIN-WAIT-2 and TIME-WAIT as minisockets without RFC
            // 5961: any RST in the window kills the former; the latter dies only of a RST at
            // RCV.NXT and ignores others (tcp_timewait_state_process).
            let orphan = linux && self.state == State::FinWait2 && self.closing == Closing::Closed;
            if seg.seq != self.rcv_nxt && !orphan {
                if linux && self.state == State::TimeWait {
                    self.reject(seg, RejectReason::RstOutOfWindow, Rfc::S3_10_7_4);
                    return;
                }
                self.reject(seg, RejectReason::RstChallenge, Rfc::S3_10_7_4Rfc5961S3_2);
                self.send_challenge_ack(now, seg);
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
                self.reject(seg, RejectReason::SynChallenge, Rfc::S3_10_7_4);
                self.set_state(State::Listen, Cause::RcvSyn, Rfc::S3_10_7_4);
                self.delete_tcb();
                return;
            }
            // RFC 5961 §4.2: "send a 'challenge ACK'" whatever the sequence number.
            self.reject(seg, RejectReason::SynChallenge, Rfc::S3_10_7_4Rfc5961S4);
            self.send_challenge_ack(now, seg);
            return;
        }

        // ---- Fifth, check the ACK field.
        if !seg.flags.contains(Flags::ACK) {
            self.reject(seg, RejectReason::NoAck, Rfc::S3_10_7_4);
            return;
        }
        if self.state == State::SynReceived {
            if !ack_acceptable(self.snd_una, seg.ack, self.snd_max) {
                // "If the segment acknowledgment is not acceptable, form a reset segment
                // <SEQ=SEG.ACK><CTL=RST> and send it."
                self.reject(seg, RejectReason::BadAckInHandshake, Rfc::S3_10_7_4);
                self.send_reset_for(now, seg);
                return;
            }
            self.set_snd_wnd(seg, false);
            self.set_state(State::Established, Cause::RcvAckOfSyn, Rfc::S3_10_7_4);
            self.init_rcvq_space(now);
            if self.closing != Closing::Open {
                // A CLOSE queued in SYN-RECEIVED is carried out now (§3.10.4).
                self.set_state(State::FinWait1, Cause::Close, Rfc::S3_10_4);
            }
        }
        if seq_gt(seg.ack, self.snd_max) {
            // "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK,
            // drop the segment, and return." Linux drops it without a word in ESTABLISHED
            // (tcp_ack returns SKB_DROP_REASON_TCP_ACK_UNSENT_DATA to tcp_rcv_established),
            // and answers it with a (rate-limited) challenge ACK in the other synchronized
            // states, which tcp_rcv_state_process handles ("accept old ack during closing").
            self.reject(seg, RejectReason::AckOfUnsent, Rfc::S3_10_7_4);
            if !linux {
                self.send_ack(now, SendReason::DupAck);
            } else if self.state != State::Established {
                self.send_challenge_ack(now, seg);
            }
            return;
        }
        if seq_lt(seg.ack, self.snd_una.wrapping_sub(self.ack_window())) {
            // RFC 5961 §5.2, required by RFC 9293 §3.10.7.4 of stacks that implement it:
            // acceptable only if SND.UNA - MAX.SND.WND =< SEG.ACK; otherwise discard and ACK.
            self.reject(seg, RejectReason::AckTooOld, Rfc::S3_10_7_4Rfc5961S5_2);
            self.send_challenge_ack(now, seg);
            return;
        }
        self.accept(seg);
        // Window update: "If SND.UNA =< SEG.ACK =< SND.NXT, the send window should be
        // updated. If (SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK))".
        // (Linux updates it before the ACK's other processing, tcp_ack_update_window.)
        let wnd_before = self.snd_wnd;
        if seq_le(self.snd_una, seg.ack)
            && (seq_lt(self.snd_wl1, seg.seq)
                || (self.snd_wl1 == seg.seq && seq_le(self.snd_wl2, seg.ack)))
        {
            self.set_snd_wnd(seg, false);
        }
        // The ACK itself: new data acknowledged, duplicate ACKs, SACK, loss recovery.
        self.on_ack(now, seg, self.snd_wnd != wnd_before);
        let fin_acked = self.fin_seq.is_some_and(|f| seq_gt(self.snd_una, f));
        let text = self.window_text(seg);
        let fin_in_order = text.fin && text.start == self.rcv_nxt && self.state.can_receive();
        match self.state {
            // "In addition to the processing for the ESTABLISHED state, if the FIN segment is
            // now acknowledged, then enter FIN-WAIT-2." An in-order FIN in the same segment
            // takes FIN-WAIT-1 straight to TIME-WAIT below (eighth step: "If our FIN has been
            // ACKed (perhaps in this segment), then enter TIME-WAIT").
            State::FinWait1 if fin_acked && !fin_in_order => {
                self.set_state(State::FinWait2, Cause::RcvAckOfFin, Rfc::S3_10_7_4);
                if self.closing == Closing::Closed {
                    self.arm_fin_wait2(now);
                }
            }
            // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state"
            State::Closing if fin_acked => {
                self.enter_time_wait(now, Cause::RcvAckOfFin, Rfc::S3_10_7_4);
                return;
            }
            // "The only thing that can arrive in this state is an acknowledgment of our FIN.
            // If our FIN is now acknowledged, delete the TCB, enter the CLOSED state."
            State::LastAck if fin_acked => {
                self.set_state(State::Closed, Cause::RcvAckOfFin, Rfc::S3_10_7_4);
                self.delete_tcb();
                return;
            }
            State::TimeWait => {
                self.linux_time_wait_restart(now, seg);
                return;
            }
            _ => {}
        }
        // RFC 9293 §3.6: "if new data is received after CLOSE is called, its TCP
        // implementation SHOULD send an RST to show that data was lost" (SHLD-2). The user
        // who called CLOSE reads no more (Linux: RCV_SHUTDOWN, TCPAbortOnData).
        if self.closing == Closing::Closed
            && matches!(self.state, State::FinWait1 | State::FinWait2)
            && !text.data.is_empty()
        {
            self.reject(seg, RejectReason::DataAfterClose, Rfc::S3_6);
            self.send_reset_for(now, seg);
            self.set_state(State::Closed, Cause::DataAfterClose, Rfc::S3_6);
            self.delete_tcb();
            return;
        }

        if self.state == State::Established && self.ts_ok {
            // Linux tcp_rcv_established: the receiver's RTT sample, before the text.
            if let Some((_, tsecr)) = seg.timestamps() {
                self.rcv_rtt_measure_ts(now, tsecr, seg.seg_len());
            }
        }
        // ---- Seventh, process the segment text (only while the peer may still send).
        if self.state.can_receive() {
            let got = self.receive_text(now, seg, &text);
            // ---- Eighth, check the FIN bit (this segment's, or one the text caught up with).
            if got.fin {
                self.on_fin(now, fin_acked, got.filled_gap);
            } else if got.new {
                self.ack_check(now, got.filled_gap);
            }
        }
        if dup_syn && linux && self.sack_ok && self.state.is_synchronized() {
            // The SYN of this SYN,ACK is one we hold already: Linux's tcp_data_queue takes it
            // as a retransmission and reports it with a D-SACK (RFC 2883 §4) in an immediate
            // ACK, unless data leaving now carries it.
            let irs = self.irs.unwrap_or(seg.seq);
            self.dsack = Some((irs, irs.wrapping_add(1)));
            self.push_data(now);
            if self.dsack.is_some() {
                self.send_ack(now, SendReason::DSack);
            }
            return;
        }
        self.push_data(now);
    }

    /// First check failed: "If an incoming segment is not acceptable, an acknowledgment should
    /// be sent in reply (unless the RST bit is set, if so drop the segment and return)".
    fn on_unacceptable(&mut self, now: Instant, seg: &Segment) {
        let rst = seg.flags.contains(Flags::RST);
        let syn = seg.flags.contains(Flags::SYN);
        let fin = seg.flags.contains(Flags::FIN);
        let linux = self.profile.flavor == Flavor::Linux;
        if rst {
            // Linux also takes a RST at RCV.NXT-1 after the peer's FIN (tcp_reset_check).
            if linux
                && seg.seq == self.rcv_nxt.wrapping_sub(1)
                && matches!(
                    self.state,
                    State::CloseWait | State::LastAck | State::Closing
                )
            {
                self.accept(seg);
                self.on_reset();
                return;
            }
            self.reject(seg, RejectReason::RstOutOfWindow, Rfc::S3_10_7_4);
            return;
        }
        if self.state == State::SynReceived && syn && Some(seg.seq) == self.irs && linux {
            // A retransmitted SYN: Linux answers it with the SYN-ACK again, at most once per
            // 500 ms (tcp_oow_rate_limited), and restarts the SYN-ACK timer from now with its
            // current backoff, "similar to the idea of fast retransmit" (tcp_check_req:
            // inet_rtx_syn_ack, then mod_timer_pending(reqsk_timeout)).
            self.reject(seg, RejectReason::OutOfWindow, Rfc::S3_10_7_4);
            if !self.oow_rate_limited(now, seg) {
                self.send_syn(now, true, true);
                if self.timer(TimerKind::Retransmit).is_some() {
                    self.arm_timer(now, TimerKind::Retransmit, self.rto_cur);
                }
            }
            return;
        }
        if self.state == State::TimeWait
            && fin
            && seg.seq.wrapping_add(seg.seg_len()) == self.rcv_nxt
        {
            // "The only thing that can arrive in this state is a retransmission of the remote
            // FIN. Acknowledge it, and restart the 2 MSL timeout." (§3.10.7.4, eighth step)
            self.accept(seg);
            self.send_ack(now, SendReason::Ack);
            self.arm_timer(now, TimerKind::TimeWait, self.profile.time_wait);
            return;
        }
        self.reject(seg, RejectReason::OutOfWindow, Rfc::S3_10_7_4);
        self.linux_time_wait_restart(now, seg);
        if syn {
            // RFC 5961 §4.2: a SYN is answered with a challenge ACK whatever its number.
            self.send_challenge_ack(now, seg);
            return;
        }
        let old_data = !seg.payload.is_empty() && seq_lt(seg.seq, self.rcv_nxt);
        if linux && old_data {
            // Old data came again: our ACK was probably lost. Linux acknowledges at once and
            // goes back to quick-ACK mode (tcp_send_dupack: tcp_enter_quickack_mode).
            self.enter_quickack_mode();
        }
        if old_data && self.sack_ok {
            // RFC 2883 §4 (Linux tcp_send_dupack → tcp_dsack_set): report the duplicate.
            let end = seg.seq.wrapping_add(seg.payload.len() as u32);
            let end = if seq_gt(end, self.rcv_nxt) {
                self.rcv_nxt
            } else {
                end
            };
            self.dsack = Some((seg.seq, end));
        }
        if !self.oow_rate_limited(now, seg) {
            let reason = if self.dsack.is_some() {
                SendReason::DSack
            } else {
                SendReason::DupAck
            };
            self.send_ack(now, reason);
        }
    }

    /// Linux restarts TIME-WAIT on any segment with ACK, not only on the FIN's retransmission
    /// (tcp_timewait_state_process: `inet_twsk_reschedule`).
    fn linux_time_wait_restart(&mut self, now: Instant, seg: &Segment) {
        if self.state == State::TimeWait
            && self.profile.flavor == Flavor::Linux
            && seg.flags.contains(Flags::ACK)
            && !seg.flags.contains(Flags::RST)
        {
            self.arm_timer(now, TimerKind::TimeWait, self.profile.time_wait);
        }
    }

    /// A challenge ACK (RFC 5961 §3.2, §4.2, §5.2): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>,
    /// throttled as RFC 5961 §7 advises (Linux: one per `tcp_invalid_ratelimit` per socket).
    fn send_challenge_ack(&mut self, now: Instant, seg: &Segment) {
        let _ = seg;
        if self.rate_limited(now) {
            return;
        }
        self.send_ack(now, SendReason::ChallengeAck);
    }

    /// Linux answers pure ACKs and SYNs that fall outside the window at most once per
    /// interval, so that two confused ends cannot ping-pong ACKs forever (tcp_oow_rate_limited);
    /// data segments are always answered.
    fn oow_rate_limited(&mut self, now: Instant, seg: &Segment) -> bool {
        if seg.seg_len() != 0 && !seg.flags.contains(Flags::SYN) {
            return false;
        }
        self.rate_limited(now)
    }

    fn rate_limited(&mut self, now: Instant) -> bool {
        let Some(interval) = self.profile.challenge_ack_interval else {
            return false;
        };
        if let Some(last) = self.last_oow_ack {
            if now >= last && now.saturating_since(last) < interval {
                return true;
            }
        }
        self.last_oow_ack = Some(now);
        false
    }

    /// MAX.SND.WND for the RFC 5961 §5.2 test. Linux also never lets it exceed the data
    /// acknowledged so far (tcp_ack: `min(max_window, bytes_acked)`).
    fn ack_window(&self) -> u32 {
        match self.profile.flavor {
            Flavor::Linux => {
                let acked = self.snd_una.wrapping_sub(self.iss).saturating_sub(1);
                self.max_snd_wnd.min(acked)
            }
            Flavor::Textbook => self.max_snd_wnd,
        }
    }

    /// SND.WND <- SEG.WND (scaled, except in a SYN: RFC 7323 §2.2), SND.WL1, SND.WL2.
    pub(crate) fn set_snd_wnd(&mut self, seg: &Segment, syn: bool) {
        let shift = if syn { 0 } else { self.snd_wscale.min(14) };
        self.snd_wnd = u32::from(seg.window) << shift;
        self.max_snd_wnd = self.max_snd_wnd.max(self.snd_wnd);
        self.snd_wl1 = seg.seq;
        self.snd_wl2 = seg.ack;
    }

    /// RFC 7323 §4.3: TS.Recent <- SEG.TSval when SEG.SEQ =< Last.ACK.sent, so that a
    /// delayed ACK echoes the oldest unacknowledged segment's timestamp.
    fn update_ts_recent(&mut self, seg: &Segment) {
        if let (true, Some((tsval, _))) = (self.ts_ok, seg.timestamps()) {
            if seq_le(seg.seq, self.last_ack_sent) {
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
                self.set_state(State::Listen, Cause::RcvRst, Rfc::S3_10_7_4);
                self.delete_tcb();
            }
            // "If this connection was initiated with an active OPEN ... connection refused"
            State::SynReceived => {
                self.events.push_back(Event::Refused);
                self.set_state(State::Closed, Cause::RcvRst, Rfc::S3_10_7_4);
                self.delete_tcb();
            }
            // ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "any outstanding RECEIVEs and SEND should
            // receive 'reset' responses ... enter the CLOSED state, delete the TCB".
            State::Established | State::FinWait1 | State::FinWait2 | State::CloseWait => {
                self.events.push_back(Event::Reset { in_state });
                self.set_state(State::Closed, Cause::RcvRst, Rfc::S3_10_7_4);
                self.delete_tcb();
            }
            // CLOSING, LAST-ACK, TIME-WAIT: "enter the CLOSED state, delete the TCB".
            _ => {
                self.set_state(State::Closed, Cause::RcvRst, Rfc::S3_10_7_4);
                self.delete_tcb();
            }
        }
    }
}
