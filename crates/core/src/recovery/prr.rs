//! Proportional Rate Reduction (RFC 6937 §3), as Linux runs it in `tcp_cwnd_reduction`
//! (in packets), during CWR and Recovery.
#[cfg(feature = "bin")]
#[allow(unused_imports)]
use alloc::vec::Vec;

/// PRR's state, set when a reduction starts (`tcp_init_cwnd_reduction`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Prr {
    /// cwnd when the reduction began (RFC 6937's RecoverFS; Linux uses `prior_cwnd`).
    pub prior_cwnd: u32,
    /// Packets delivered since the reduction began.
    pub prr_delivered: u32,
    /// Packets sent (new or retransmitted) since the reduction began.
    pub prr_out: u32,
}

impl Prr {
    /// `tcp_init_cwnd_reduction`: prior_cwnd = cwnd, the counters at zero.
    pub const fn new(prior_cwnd: u32) -> Self {
        Prr {
            prior_cwnd,
            prr_delivered: 0,
            prr_out: 0,
        }
    }

    /// Count packets sent during the reduction (`tp->prr_out += ...` in `tcp_write_xmit` and
    /// `tcp_xmit_retransmit_queue`).
    pub fn on_sent(&mut self, packets: u32) {
        self.prr_out = self.prr_out.saturating_add(packets);
    }

    /// `tcp_cwnd_reduction`: the new cwnd after an ACK that delivered `newly_acked_sacked`
    /// packets, with `in_flight` packets in flight after it (`tcp_packets_in_flight`).
    /// `None`: nothing was delivered, cwnd stays.
    ///
    /// - in flight above ssthresh (RFC 6937 "pipe > ssthresh"): the proportional part,
    ///   `sndcnt = ceil(ssthresh × prr_delivered / prior_cwnd) − prr_out`;
    /// - otherwise the reduction bound: `max(prr_delivered − prr_out, newly_acked_sacked)`,
    ///   plus one when SND.UNA advanced and nothing was newly marked lost (PRR-SSRB; else it
    ///   is PRR-CRB), at most `ssthresh − in_flight`;
    /// - "force a fast retransmit upon entering fast recovery": at least 1 while `prr_out`
    ///   is 0.
    ///
    /// cwnd = in_flight + sndcnt.
    pub fn on_ack(
        &mut self,
        newly_acked_sacked: u32,
        in_flight: u32,
        ssthresh: u32,
        snd_una_advanced: bool,
        newly_lost: bool,
    ) -> Option<u32> {
        if newly_acked_sacked == 0 || self.prior_cwnd == 0 {
            return None;
        }
        self.prr_delivered = self.prr_delivered.saturating_add(newly_acked_sacked);
        let delta = i64::from(ssthresh) - i64::from(in_flight);
        let prr_out = i64::from(self.prr_out);
        let mut sndcnt: i64 = if delta < 0 {
            let dividend = u64::from(ssthresh) * u64::from(self.prr_delivered)
                + u64::from(self.prior_cwnd)
                - 1;
            let share = dividend / u64::from(self.prior_cwnd);
            i64::try_from(share).unwrap_or(i64::MAX) - prr_out
        } else {
            let mut s =
                (i64::from(self.prr_delivered) - prr_out).max(i64::from(newly_acked_sacked));
            if snd_una_advanced && !newly_lost {
                s += 1;
            }
            s.min(delta)
        };
        if self.prr_out == 0 {
            sndcnt = sndcnt.max(1);
        }
        let cwnd = i64::from(in_flight) + sndcnt.max(0);
        Some(u32::try_from(cwnd).unwrap_or(u32::MAX))
    }

    /// How many packets this ACK lets out: `cwnd − in_flight` for the cwnd from
    /// [`Prr::on_ack`].
    pub fn sndcnt(cwnd: u32, in_flight: u32) -> u32 {
        cwnd.saturating_sub(in_flight)
    }
}
