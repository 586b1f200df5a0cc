//! Linux's CA state machine (tcp_fastretrans_alert) on small, hand-made sequences.

use super::*;

const MSS: u32 = 1000;

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

fn seg(i: u32) -> (u32, u32) {
    (i * MSS, (i + 1) * MSS)
}

struct Sender {
    sb: Scoreboard,
    rack: Rack,
    fr: FastRetrans,
}

impl Sender {
    fn new(n: u32, sack: bool) -> Self {
        let mut sb = Scoreboard::new(0, sack, MSS);
        for i in 0..n {
            let (s, e) = seg(i);
            sb.on_send(s, e, false, t(u64::from(i)));
        }
        let mut rack = Rack::new();
        rack.update_min_rtt(Duration::from_millis(100));
        Sender {
            sb,
            rack,
            fr: FastRetrans::default(),
        }
    }

    fn ack(&mut self, ack: u32, blocks: &[(u32, u32)], now: Instant) -> Alert {
        self.ack_ts(ack, blocks, now, false)
    }

    /// `ts_delayed`: the ACK echoes a timestamp older than the first retransmission.
    fn ack_ts(&mut self, ack: u32, blocks: &[(u32, u32)], now: Instant, ts_delayed: bool) -> Alert {
        let prior = self.sb.snd_una();
        let out = on_ack(
            &mut self.sb,
            &mut self.rack,
            &AckInput {
                ack,
                blocks,
                now,
                tlp_high_seq: None,
                max_window: 65535,
            },
        );
        if let Some(d) = out.dsack {
            self.fr.on_dsack(&d);
        }
        let sig = AckSignals {
            prior_snd_una: prior,
            snd_una_advanced: out.snd_una_advanced,
            not_dup: out.snd_una_advanced,
            data_sacked: out.sacked.packets > 0,
            dsack: out.dsack.is_some(),
            ece: false,
            ts_delayed,
        };
        if !self.fr.is_dubious(&sig) {
            return Alert::default();
        }
        let clock = Timing {
            now,
            srtt: Some(Duration::from_millis(100)),
            tick: Duration::from_millis(4),
        };
        self.fr.on_ack(&mut self.sb, &mut self.rack, &sig, &clock)
    }

    fn retransmit_lost(&mut self, now: Instant) -> Vec<u32> {
        let mut sent = Vec::new();
        while let Some(e) = self.sb.next_retransmit().copied() {
            self.sb.on_retransmit(e.start, e.end, now);
            self.fr.on_retransmit();
            sent.push(e.start);
        }
        sent
    }
}

#[test]
fn a_reordered_segment_retransmitted_in_vain_is_undone_by_dsack() {
    let mut s = Sender::new(6, true);
    // Segment 0 is late; 1, 2, 3 are SACKed: Disorder, then Recovery at the third (RACK with
    // the dupthresh shortcut), retransmitting 0.
    let a = s.ack(0, &[seg(1)], t(101));
    assert!(a.actions.contains(&Action::SetState(CaState::Disorder)));
    assert!(a.actions.iter().any(|x| matches!(x, Action::ReoTimer(_))));
    s.ack(0, &[(seg(1).0, seg(2).1)], t(102));
    let a = s.ack(0, &[(seg(1).0, seg(3).1)], t(103));
    assert_eq!(s.fr.state, CaState::Recovery);
    assert!(a.in_cwnd_reduction);
    assert_eq!(
        a.actions,
        [
            Action::InitCwndReduction,
            Action::SetState(CaState::Recovery),
            Action::RetransmitLost
        ]
    );
    assert_eq!(s.fr.undo_marker, Some(0));
    assert_eq!(s.retransmit_lost(t(104)), [0]);
    assert_eq!(s.fr.undo_retrans, 1);
    // The original arrives: cumulative ACK of 0..=3, still below high_seq (6000).
    s.ack(seg(3).1, &[], t(110));
    assert_eq!(s.fr.state, CaState::Recovery);
    // Then the retransmission: the receiver D-SACKs it. Every retransmission was spurious:
    // undo (tcp_try_undo_dsack), and the state opens again.
    let a = s.ack(seg(3).1, &[seg(0)], t(205));
    assert!(a
        .actions
        .contains(&Action::UndoCwndReduction { unmark_loss: false }));
    assert_eq!(s.fr.undo_marker, None);
    assert_ne!(s.fr.state, CaState::Recovery);
    assert_eq!(
        s.rack.reo_wnd_persist, 1,
        "an undone recovery keeps a widened window"
    );
}

#[test]
fn recovery_ends_at_high_seq_without_undo_after_a_real_loss() {
    let mut s = Sender::new(6, true);
    s.ack(0, &[(seg(1).0, seg(3).1)], t(103));
    assert_eq!(s.fr.state, CaState::Recovery);
    s.retransmit_lost(t(104));
    // Partial progress, then the ACK of everything (= high_seq).
    let a = s.ack(seg(4).1, &[], t(204));
    assert_eq!(s.fr.state, CaState::Recovery);
    assert!(a.in_cwnd_reduction);
    let a = s.ack(seg(5).1, &[], t(205));
    assert_eq!(s.fr.state, CaState::Open);
    assert!(a.actions.contains(&Action::EndCwndReduction));
    assert!(!a
        .actions
        .iter()
        .any(|x| matches!(x, Action::UndoCwndReduction { .. })));
}

#[test]
fn a_peer_without_sack_recovers_on_the_third_duplicate_ack_and_partial_acks() {
    let mut s = Sender::new(6, false);
    s.ack(0, &[], t(101));
    assert_eq!(s.fr.state, CaState::Disorder);
    s.ack(0, &[], t(102));
    assert_eq!(s.sb.lost_out(), 0);
    s.ack(0, &[], t(103));
    assert_eq!(s.fr.state, CaState::Recovery);
    assert_eq!(s.sb.sacked_out(), 3);
    assert_eq!(s.retransmit_lost(t(104)), [0]);
    // A partial ACK (RFC 6582): the next hole (segment 2) is marked and retransmitted.
    let a = s.ack(seg(2).0, &[], t(204));
    assert!(a.actions.contains(&Action::RetransmitLost));
    assert_eq!(s.retransmit_lost(t(205)), [seg(2).0]);
    // At high_seq exactly, a peer without SACK holds Recovery "until something *above*
    // high_seq is ACKed" (tcp_is_non_sack_preventing_reopen; RFC 6582's false fast
    // retransmits).
    s.ack(seg(5).1, &[], t(305));
    assert_eq!(s.fr.state, CaState::Recovery);
    s.sb.on_send(seg(6).0, seg(6).1, false, t(306));
    let a = s.ack(seg(6).1, &[], t(406));
    assert_eq!(s.fr.state, CaState::Open);
    assert!(a.actions.contains(&Action::EndCwndReduction));
}

#[test]
fn an_rto_marks_everything_lost_and_loss_ends_at_high_seq() {
    let mut s = Sender::new(4, true);
    let new_episode = s.fr.enter_loss(&mut s.sb, &s.rack, t(1000), true);
    assert!(new_episode);
    assert_eq!(s.fr.state, CaState::Loss);
    assert_eq!(s.sb.lost_out(), 4);
    assert_eq!(s.retransmit_lost(t(1000)).len(), 4);
    assert_eq!(s.sb.in_flight(), 4);
    let a = s.ack(seg(2).1, &[], t(1100));
    assert_eq!(s.fr.state, CaState::Loss);
    assert!(a.actions.contains(&Action::RetransmitLost));
    s.ack(seg(3).1, &[], t(1101));
    assert_eq!(s.fr.state, CaState::Open);
}

#[test]
fn cwr_is_held_until_something_above_high_seq_is_acked() {
    let mut s = Sender::new(4, true);
    let mut out = Alert::default();
    s.fr.enter_cwr(&s.sb, &mut out);
    assert_eq!(
        out.actions,
        [Action::InitCwndReduction, Action::SetState(CaState::Cwr)]
    );
    s.sb.on_send(seg(4).0, seg(4).1, false, t(50));
    // ACK exactly high_seq (4000): still CWR; beyond it: Open.
    s.ack(seg(3).1, &[], t(100));
    assert_eq!(s.fr.state, CaState::Cwr);
    let a = s.ack(seg(4).1, &[], t(150));
    assert_eq!(s.fr.state, CaState::Open);
    assert!(a.actions.contains(&Action::EndCwndReduction));
}

#[test]
fn a_spurious_rto_shown_by_timestamps_is_undone() {
    // The ACKs were only late: the first ACK after the RTO echoes a timestamp from before the
    // retransmission (tcp_packet_delayed), so tcp_try_undo_loss undoes the reduction and
    // forgets the lost marks.
    let mut s = Sender::new(4, true);
    s.fr.enter_loss(&mut s.sb, &s.rack, t(1000), true);
    s.retransmit_lost(t(1000));
    let a = s.ack_ts(seg(1).1, &[], t(1010), true);
    assert!(a
        .actions
        .contains(&Action::UndoCwndReduction { unmark_loss: true }));
    assert_eq!(s.fr.state, CaState::Open);
    assert_eq!(s.sb.lost_out(), 0);
}
