//! The ACK of our SYN (RFC 9293 §3.10.7.3 and §3.10.7.4, "SND.UNA < SEG.ACK =< SND.NXT"
//! before the data phase) and RTT measurement (RFC 6298). ACKs of data are the sending
//! side's (`conn/recover.rs`).

use super::Connection;
use crate::event::{Event, TimerKind};
use crate::profile::Flavor;
use crate::seq::{seq_ge, seq_gt};
use crate::wire::Segment;
use crate::Instant;
use core::time::Duration;

impl Connection {
    /// SND.UNA < SEG.ACK while our SYN is unacknowledged: the handshake's ACK. Starts the
    /// data phase (`tcp_init_transfer`).
    pub(crate) fn new_ack(&mut self, now: Instant, seg: &Segment) {
        let ack = seg.ack;
        if let (Some(t), Some((_, ecr))) = (self.snd.syn_tsval, seg.timestamps()) {
            // tcp_try_undo_spurious_syn: the peer echoes our first SYN: it arrived.
            if ecr == t {
                self.snd.syn_spurious = true;
            }
        }
        self.snd_una = ack;
        if seq_gt(self.snd_una, self.snd_nxt) {
            self.snd_nxt = self.snd_una;
        }
        if self.rtt_sample(now, seg, None, true) {
            self.rto_cur = self.rtt.rto;
        }
        self.retries = 0;
        if seq_gt(self.snd_una, self.iss) {
            self.cancel_timer(TimerKind::Retransmit);
            if !self.snd.ready {
                self.init_transfer(now);
            }
        }
    }

    /// Take an RTT measurement if this ACK allows one and feed it to the RFC 6298 estimator.
    /// `linux`: the scoreboard's sample (`seq_rtt_us`: the first newly acknowledged
    /// never-retransmitted segment, Karn), else the echoed timestamp when the ACK acknowledged
    /// something (RFC 7323 §4.1, `tcp_ack_update_rtt`). `textbook`: one timed segment at a
    /// time (RFC 6298 §3, never a retransmitted one). Returns whether a sample was taken.
    pub(crate) fn rtt_sample(
        &mut self,
        now: Instant,
        seg: &Segment,
        sb: Option<Duration>,
        acked: bool,
    ) -> bool {
        let mut sample = None;
        if let Some((end, sent)) = self.rtt_probe {
            if seq_ge(seg.ack, end) {
                if self.profile.flavor == Flavor::Textbook || sb.is_none() {
                    sample = Some(now.saturating_since(sent));
                }
                self.rtt_probe = None;
            }
        }
        if self.profile.flavor == Flavor::Linux && sb.is_some() {
            sample = sb;
        }
        if sample.is_none() && acked && self.profile.flavor == Flavor::Linux && self.ts_ok {
            if let Some((_, tsecr)) = seg.timestamps() {
                let ms = self.tsval(now).wrapping_sub(tsecr);
                if tsecr != 0 && ms < 1 << 31 {
                    sample = Some(Duration::from_millis(u64::from(ms.max(1))));
                }
            }
        }
        let Some(r) = sample else {
            return false;
        };
        let r = r.max(Duration::from_micros(1));
        self.rtt.sample(r, &self.profile);
        if self.profile.flavor == Flavor::Linux {
            self.snd.rack.update_min_rtt(r);
        }
        self.events.push_back(Event::RttSample {
            rtt: r,
            srtt: self.rtt.srtt.unwrap_or(r),
            rttvar: self.rtt.rttvar,
            rto: self.rtt.rto,
        });
        true
    }
}
