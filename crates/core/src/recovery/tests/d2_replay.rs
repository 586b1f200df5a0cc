//! Replay of a real Linux 6.18 capture: D2_one_loss (the wire dropped the client's 20th data
//! segment, 27513–28961; 50 ms each way). The client's scoreboard gets the segments it sent
//! (t_ms, its own interface) and the server's ACKs when they reached it (arr_ms). Linux
//! retransmitted 27513 at 306.849 ms, right after the third SACKing ACK (306.844 ms): RACK's
//! reordering window is zero once `sacked_out` reaches the dupthresh of 3, and
//! `min_rtt / 4` (~25 ms) before.

use super::*;

/// `t_ms arr_ms dir flags seq ack len [SACK]`, from D2_one_loss.trace.txt (options other than
/// SACK left out; seq/ack relative to the ISNs).
const TRACE: &str = "
 205.519  256.100 C->S          ACK  14481      1  1448
 205.521  256.196 C->S      PSH|ACK  15929      1  1448
 205.610  256.205 C->S          ACK  17377      1  1448
 205.611  256.211 C->S      PSH|ACK  18825      1  1448
 205.625  256.220 C->S          ACK  20273      1  1448
 205.627  256.241 C->S      PSH|ACK  21721      1  1448
 205.635  256.246 C->S          ACK  23169      1  1448
 205.643  256.254 C->S      PSH|ACK  24617      1  1448
 205.667  256.275 C->S          ACK  26065      1  1448
 205.668     LOST C->S      PSH|ACK  27513      1  1448
 205.678  256.282 C->S          ACK  28961      1  1448
 205.679  256.302 C->S      PSH|ACK  30409      1  1448
 205.688  256.324 C->S          ACK  31857      1  1448
 205.689  256.333 C->S      PSH|ACK  33305      1  1448
 205.696  256.358 C->S          ACK  34753      1  1448
 205.697  256.382 C->S      PSH|ACK  36201      1  1448
 205.704  256.390 C->S          ACK  37649      1  1448
 205.706  256.394 C->S      PSH|ACK  39097      1  1448
 205.712  256.400 C->S          ACK  40545      1  1448
 205.727  256.405 C->S      PSH|ACK  41993      1  1448
 256.150  306.586 S->C          ACK      1  15929     0
 256.198  306.692 S->C          ACK      1  17377     0
 256.206  306.729 S->C          ACK      1  18825     0
 256.213  306.760 S->C          ACK      1  20273     0
 256.233  306.770 S->C          ACK      1  21721     0
 256.242  306.778 S->C          ACK      1  23169     0
 256.249  306.801 S->C          ACK      1  24617     0
 256.267  306.810 S->C          ACK      1  26065     0
 256.277  306.819 S->C          ACK      1  27513     0
 256.284  306.828 S->C          ACK      1  27513     0 28961-30409
 256.317  306.836 S->C          ACK      1  27513     0 28961-31857
 256.329  306.844 S->C          ACK      1  27513     0 28961-33305
 256.347  306.876 S->C          ACK      1  27513     0 28961-34753
 256.371  306.884 S->C          ACK      1  27513     0 28961-36201
 256.384  306.890 S->C          ACK      1  27513     0 28961-37649
 256.391  306.894 S->C          ACK      1  27513     0 28961-39097
 256.396  306.900 S->C          ACK      1  27513     0 28961-40545
 256.401  306.905 S->C          ACK      1  27513     0 28961-41993
 256.406  306.930 S->C          ACK      1  27513     0 28961-43441
 306.644  357.084 C->S          ACK  43441      1  1448
 306.645  357.172 C->S      PSH|ACK  44889      1  1448
 306.707  357.186 C->S          ACK  46337      1  1448
 306.708  357.194 C->S      PSH|ACK  47785      1  1448
 306.746  357.201 C->S          ACK  49233      1  1448
 306.747  357.227 C->S      PSH|ACK  50681      1  1448
 306.764  357.233 C->S          ACK  52129      1  1448
 306.766  357.241 C->S      PSH|ACK  53577      1  1448
 306.773  357.246 C->S          ACK  55025      1  1448
 306.774  357.250 C->S      PSH|ACK  56473      1  1448
 306.783  357.257 C->S          ACK  57921      1  1448
 306.794  357.262 C->S      PSH|ACK  59369      1  1448
 306.805  357.267 C->S          ACK  60817      1  1448
 306.806  357.272 C->S      PSH|ACK  62265      1  1448
 306.814  357.277 C->S          ACK  63713      1  1448
 306.815  357.282 C->S      PSH|ACK  65161      1  1448
 306.823  357.286 C->S          ACK  66609      1  1448
 306.824  357.290 C->S      PSH|ACK  68057      1  1448
 306.839  357.295 C->S          ACK  69505      1  1448
 306.840  357.313 C->S      PSH|ACK  70953      1  1448
 306.849  357.320 C->S          ACK  27513      1  1448
 306.879  357.343 C->S          ACK  72401      1  1448
 306.886  357.349 C->S          ACK  73849      1  1448
 306.896  357.355 C->S          ACK  75297      1  1448
 306.901  357.359 C->S      PSH|ACK  76745      1  1448
 306.932  357.365 C->S          ACK  78193      1  1448
 357.111  407.444 S->C          ACK      1  27513     0 28961-44889
 357.177  407.539 S->C          ACK      1  27513     0 28961-46337
 357.188  407.561 S->C          ACK      1  27513     0 28961-47785
 357.196  407.594 S->C          ACK      1  27513     0 28961-49233
 357.333  407.615 S->C          ACK      1  72401     0
";

/// SYN sent at 0.000, SYN-ACK arrived at 100.476: the handshake's RTT sample (Linux takes one
/// from the SYN's ACK), and the first data ACK (1449 sent 104.593, acked 205.451).
const SYN_RTT_US: u64 = 100_476;
const FIRST_DATA_RTT_US: u64 = 205_451 - 104_593;

#[derive(Debug)]
enum Ev {
    Send {
        t: Instant,
        seq: u32,
        len: u32,
    },
    Ack {
        t: Instant,
        ack: u32,
        sack: Vec<(u32, u32)>,
    },
}

fn ms(s: &str) -> Instant {
    // "306.844" -> 306844 µs.
    let (a, b) = s.split_once('.').unwrap();
    Instant::from_micros(a.parse::<u64>().unwrap() * 1000 + b.parse::<u64>().unwrap())
}

fn events() -> Vec<Ev> {
    let mut evs: Vec<(Instant, Ev)> = Vec::new();
    for line in TRACE.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f[2] {
            "C->S" => {
                let t = ms(f[0]);
                let seq = f[4].parse().unwrap();
                let len = f[6].parse().unwrap();
                evs.push((t, Ev::Send { t, seq, len }));
            }
            _ => {
                let t = ms(f[1]);
                let ack = f[5].parse().unwrap();
                let sack = f
                    .get(7)
                    .map(|s| {
                        s.split(',')
                            .map(|b| {
                                let (x, y) = b.split_once('-').unwrap();
                                (x.parse().unwrap(), y.parse().unwrap())
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                evs.push((t, Ev::Ack { t, ack, sack }));
            }
        }
    }
    evs.sort_by_key(|(t, _)| *t);
    evs.into_iter().map(|(_, e)| e).collect()
}

/// The client's loss-detection state, driven as the connection will drive it.
struct Client {
    sb: Scoreboard,
    rack: Rack,
    fr: FastRetrans,
    rtt: crate::RttEstimator,
    profile: crate::Profile,
}

impl Client {
    fn new() -> Self {
        let profile = crate::Profile::linux();
        let mut rtt = crate::RttEstimator::new(&profile);
        let mut rack = Rack::new();
        for us in [SYN_RTT_US, FIRST_DATA_RTT_US] {
            rtt.sample(Duration::from_micros(us), &profile);
            rack.update_min_rtt(Duration::from_micros(us));
        }
        Client {
            // Everything up to 14481 was acked at 205.709.
            sb: Scoreboard::new(14481, true, 1448),
            rack,
            fr: FastRetrans::default(),
            rtt,
            profile,
        }
    }

    fn send(&mut self, t: Instant, seq: u32, len: u32) {
        if seq == self.sb.snd_nxt() {
            assert!(self.sb.on_send(seq, seq + len, false, t));
        } else {
            assert!(self.sb.on_retransmit(seq, seq + len, t).is_some());
            self.fr.on_retransmit();
        }
    }

    fn ack(&mut self, t: Instant, ack: u32, sack: &[(u32, u32)]) -> Alert {
        let prior_una = self.sb.snd_una();
        let out = on_ack(
            &mut self.sb,
            &mut self.rack,
            &AckInput {
                ack,
                blocks: sack,
                now: t,
                tlp_high_seq: None,
                max_window: 100_352,
            },
        );
        if let Some(r) = out.rtt_sample() {
            self.rtt.sample(r, &self.profile);
        }
        if let Some(r) = out.ca_rtt() {
            self.rack.update_min_rtt(r);
        }
        let sig = AckSignals {
            prior_snd_una: prior_una,
            snd_una_advanced: out.snd_una_advanced,
            not_dup: out.snd_una_advanced,
            data_sacked: out.sacked.packets > 0,
            dsack: out.dsack.is_some(),
            ece: false,
            ts_delayed: false,
        };
        if !self.fr.is_dubious(&sig) {
            return Alert::default();
        }
        let clock = self.clock(t);
        self.fr.on_ack(&mut self.sb, &mut self.rack, &sig, &clock)
    }

    fn clock(&self, now: Instant) -> Timing {
        Timing {
            now,
            srtt: self.rtt.srtt,
            tick: self.profile.tick,
        }
    }
}

#[test]
fn d2_rack_marks_the_lost_segment_at_the_third_sacking_ack() {
    let mut c = Client::new();
    let lost = 27513;
    let mut sack_acks = 0;
    let mut marked_at = None;
    let mut retransmit_due_at = None;
    for ev in events() {
        match ev {
            Ev::Send { t, seq, len } => {
                if seq == lost && t > Instant::ZERO && c.sb.find(lost).is_some_and(|e| e.lost) {
                    // The capture's retransmission: the scoreboard must have asked for it.
                    assert_eq!(
                        retransmit_due_at.map(|x: Instant| x.micros()),
                        Some(306_844)
                    );
                    assert_eq!(
                        c.sb.next_retransmit().map(|e| (e.start, e.end)),
                        Some((lost, lost + 1448))
                    );
                }
                c.send(t, seq, len);
            }
            Ev::Ack { t, ack, sack } => {
                let was_lost = c.sb.lost_out();
                let alert = c.ack(t, ack, &sack);
                if !sack.is_empty() && ack == lost {
                    sack_acks += 1;
                }
                if c.sb.lost_out() > was_lost && marked_at.is_none() {
                    marked_at = Some(t);
                    assert!(alert.actions.contains(&Action::RetransmitLost));
                    assert!(alert.actions.contains(&Action::SetState(CaState::Recovery)));
                    assert!(alert.actions.contains(&Action::InitCwndReduction));
                    retransmit_due_at = Some(t);
                }
                match sack_acks {
                    1 | 2 if ack == lost => {
                        // Not earlier: reo_wnd = min_rtt/4 still covers the hole.
                        assert_eq!(c.sb.lost_out(), 0, "at {t:?}");
                        assert_eq!(c.fr.state, CaState::Disorder);
                        let wait = alert.detection.reo_wait.expect("REO timer armed");
                        let reo_wnd = Duration::from_micros(SYN_RTT_US / 4);
                        assert!(wait > Duration::ZERO && wait <= reo_wnd, "{wait:?}");
                        // The timer would fire at xmit + RACK.rtt + reo_wnd (+2 ms, in ticks).
                        assert!(alert
                            .actions
                            .iter()
                            .any(|a| matches!(a, Action::ReoTimer(_))));
                    }
                    3 if ack == lost => {
                        assert_eq!(c.sb.find(lost).map(|e| e.lost), Some(true));
                        assert_eq!(c.sb.lost_out(), 1);
                        assert_eq!(c.fr.state, CaState::Recovery);
                    }
                    _ => {}
                }
            }
        }
    }
    assert_eq!(marked_at, Some(Instant::from_micros(306_844)));
    // The retransmission was acked by 72401 at 407.615 = high_seq (SND.NXT at 306.844):
    // recovery ended, and with no D-SACK and no timestamp evidence there was nothing to undo.
    assert_eq!(c.sb.snd_una(), 72401);
    assert_eq!(c.fr.high_seq, 72401);
    assert_eq!(c.fr.state, CaState::Open);
    assert_eq!(c.sb.lost_out() + c.sb.retrans_out() + c.sb.sacked_out(), 0);
}

#[test]
fn d2_without_the_dupthresh_shortcut_rack_would_wait_for_its_timer() {
    // The same ACKs with reordering already seen (reo_wnd stays min_rtt/4): the third SACK no
    // longer marks; the REO timer does, at 27513's send time + RACK.rtt + reo_wnd.
    let mut c = Client::new();
    c.sb.reord_seen = 1;
    let mut last_ack_t = Instant::ZERO;
    for ev in events() {
        match ev {
            Ev::Send { t, seq, len } if seq != 27513 || c.sb.snd_nxt() == 27513 => {
                c.send(t, seq, len)
            }
            Ev::Send { .. } => {}
            Ev::Ack { t, ack, sack } if t <= ms("306.930") => {
                c.ack(t, ack, &sack);
                last_ack_t = t;
            }
            Ev::Ack { .. } => {}
        }
    }
    assert_eq!(c.sb.lost_out(), 0, "no mark before the timer");
    let reo_wnd = c.rack.reo_wnd(&c.sb, false, c.rtt.srtt);
    let due = ms("205.668") + c.rack.rtt + reo_wnd;
    assert!(due > last_ack_t);
    let early_clock = c.clock(Instant::from_micros(due.micros() - 1));
    let early = c.fr.on_reo_timeout(&mut c.sb, &mut c.rack, &early_clock);
    assert_eq!(early.detection.newly_lost, 0);
    let due_clock = c.clock(due);
    let fired = c.fr.on_reo_timeout(&mut c.sb, &mut c.rack, &due_clock);
    assert_eq!(fired.detection.newly_lost, 1);
    assert_eq!(c.fr.state, CaState::Recovery);
    assert!(fired.actions.contains(&Action::RetransmitLost));
}
