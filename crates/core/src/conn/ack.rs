//! An acceptable ACK of new data (RFC 9293 §3.10.7.4, fifth step "SND.UNA < SEG.ACK =<
//! SND.NXT"): the send queue, the RTT estimate (RFC 6298), the congestion window (RFC 5681).

use super::Connection;
use crate::event::{Event, TimerKind};
use crate::profile::Flavor;
use crate::seq::{seq_ge, seq_gt, seq_lt};
use crate::wire::Segment;
use crate::Instant;
use core::time::Duration;

impl Connection {
    /// SND.UNA < SEG.ACK: new data (or our SYN or FIN) acknowledged.
    pub(crate) fn new_ack(&mut self, now: Instant, seg: &Segment) {
        let ack = seg.ack;
        // "Set SND.UNA <- SEG.ACK. Any segments on the retransmission queue that are thereby
        // entirely acknowledged are removed." The queue's first octet has number buf_seq.
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
        self.rtt_sample(now, seg);
        // RFC 6298 §5.7 / Linux: new data acknowledged ends the backoff; the count restarts.
        self.rto_cur = self.rtt.rto;
        self.retries = 0;
        // RFC 5681 §3.1: slow start below ssthresh (cwnd += min(N, SMSS) for N new octets
        // acknowledged), congestion avoidance above (about one SMSS per RTT).
        if bytes > 0 {
            let mss = u32::from(self.eff_mss());
            if self.cwnd < self.ssthresh {
                self.cwnd = self.cwnd.saturating_add(bytes.min(mss));
            } else {
                let inc = (mss.saturating_mul(mss) / self.cwnd.max(1)).max(1);
                self.cwnd = self.cwnd.saturating_add(inc);
            }
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

    /// Take an RTT measurement if this ACK allows one. The timed segment (one at a time,
    /// never a retransmitted one: Karn's algorithm, RFC 6298 §3) comes first. Linux falls
    /// back on the echoed timestamp (RFC 7323 §4.1), which stays valid across
    /// retransmissions (tcp_ack_update_rtt); the textbook profile has no timestamps.
    fn rtt_sample(&mut self, now: Instant, seg: &Segment) {
        let mut sample = None;
        if let Some((end, sent)) = self.rtt_probe {
            if seq_ge(seg.ack, end) {
                sample = Some(now.saturating_since(sent));
                self.rtt_probe = None;
            }
        }
        if sample.is_none() && self.profile.flavor == Flavor::Linux && self.ts_ok {
            if let Some((_, tsecr)) = seg.timestamps() {
                let ms = self.tsval(now).wrapping_sub(tsecr);
                if tsecr != 0 && ms < 1 << 31 {
                    sample = Some(Duration::from_millis(u64::from(ms.max(1))));
                }
            }
        }
        let Some(r) = sample else {
            return;
        };
        let r = r.max(Duration::from_micros(1));
        self.rtt.sample(r, &self.profile);
        self.events.push_back(Event::RttSample {
            rtt: r,
            srtt: self.rtt.srtt.unwrap_or(r),
            rttvar: self.rtt.rttvar,
            rto: self.rtt.rto,
        });
    }
}
