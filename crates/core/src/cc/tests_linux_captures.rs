//! CUBIC replayed against real Linux 6.18 connections (`tests/fixtures/linux-data/` at the repository root, copied
//! from the shared captures: 50 ms each way, default sysctls, `TCP_CONGESTION=cubic`).
//!
//! What the captures show (client = the sender of 100 kB, MSS 1448, every number a packet):
//! - **D1_bulk** (no loss). The server ACKs every segment at first (quick-ACK), so each
//!   round trip doubles cwnd: the flights are 10, 20 and 40 segments (the last one holds the
//!   rest of the data and the FIN). `ss -i` saw cwnd 10, then at most and at last 40, and
//!   ssthresh "never set": HyStart did not fire (RTT flat at ~101 ms, ACK trains 0.5 ms long
//!   against a 50 ms threshold).
//! - **D2_one_loss** (the 20th data segment dropped). Round 2's first nine ACKs raise cwnd
//!   20 → 29; then dup-ACKs with SACK (cwnd stays: no new data acknowledged); at the third
//!   the fast retransmit goes out and recovery begins: ssthresh = 29·717/1024 = 20 (`ss`:
//!   `ssthresh:20`), W_max = 29. The ACK that covers everything sent before the retransmit
//!   ends recovery: cwnd = ssthresh = 20 (`tcp_end_cwnd_reduction`), and its 17 newly
//!   delivered packets start the CUBIC epoch (K = ∛(9/0.4) ≈ 2.8 s, target 21, cnt 20):
//!   two more ACKs of 2 packets later cwnd is 21 — `ss` at 464.8 ms: `cwnd:21`.
//!
//! The replay drives [`Cc`] with what the capture says the kernel saw: every ACK's arrival
//! time, the packets it newly acknowledged or SACKed, its RTT sample (the newest packet it
//! newly acknowledged that was never retransmitted or SACKed, or the newest newly SACKed
//! one, as `tcp_clean_rtx_queue` picks it), SND.UNA and SND.NXT; recovery starts at the
//! ACK after which the capture shows the retransmission and ends when SND.UNA passes the
//! SND.NXT of that moment. `cwnd_limited` is always true: the sender had the whole 100 kB
//! queued, and in slow start Linux also counts cwnd < 2·max_packets_out as limited.

use super::{AckCtx, CaEvent, CaState, Cc, CcState, CongestionKind, TCP_INFINITE_SSTHRESH};
use crate::profile::Profile;
use crate::seq::seq_le;
use crate::time::Instant;
use alloc::vec::Vec;
use core::time::Duration;

const D1_TRACE: &str = include_str!("../../../../tests/fixtures/linux-data/D1_bulk.trace.txt");
const D1_STATES: &str = include_str!("../../../../tests/fixtures/linux-data/D1_bulk.states.txt");
const D2_TRACE: &str = include_str!("../../../../tests/fixtures/linux-data/D2_one_loss.trace.txt");
const D2_STATES: &str =
    include_str!("../../../../tests/fixtures/linux-data/D2_one_loss.states.txt");

/// "105.385" (ms) → 105385 µs.
fn micros(ms: &str) -> Option<u64> {
    let (int, frac) = ms.split_once('.').unwrap_or((ms, "0"));
    let frac = alloc::format!("{frac:0<3}");
    Some(int.parse::<u64>().ok()? * 1000 + frac.get(..3)?.parse::<u64>().ok()?)
}

/// One line of a merged trace.
struct Line {
    t: u64,
    arr: Option<u64>,
    from_client: bool,
    fin: bool,
    syn: bool,
    seq: u32,
    ack: u32,
    len: u32,
    sacks: Vec<(u32, u32)>,
    retransmission: bool,
}

fn parse_trace(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for l in text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = l.split_whitespace().collect();
        let sacks = f
            .get(9)
            .and_then(|o| o.split(',').find_map(|x| x.strip_prefix("SACK=")))
            .map(|s| {
                s.split(';')
                    .filter_map(|b| b.split_once('-'))
                    .map(|(a, b)| (a.parse().unwrap_or(0), b.parse().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default();
        out.push(Line {
            t: micros(f[0]).expect("t_ms"),
            arr: micros(f[1]),
            from_client: f[2] == "C->S",
            fin: f[3].contains("FIN"),
            syn: f[3].contains("SYN"),
            seq: f[4].parse().expect("seq"),
            ack: f[5].parse().unwrap_or(0),
            len: f[6].parse().expect("len"),
            sacks,
            retransmission: l.contains("[retransmission]"),
        });
    }
    out
}

/// `ss -i` summary of the client: (max cwnd, last cwnd, ssthresh values; empty = never set).
fn ss_summary(states: &str) -> (u32, u32, Vec<u32>) {
    let l = states
        .lines()
        .find(|l| l.contains("C   tcp_info"))
        .expect("client tcp_info");
    let num = |key: &str| -> u32 {
        let rest = l.split(key).nth(1).expect(key);
        rest.split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .expect(key)
    };
    let ss = l.split("ssthresh=").nth(1).expect("ssthresh");
    let ssthresh = if ss.starts_with("never") {
        Vec::new()
    } else {
        let list = ss.split_whitespace().next().unwrap_or("");
        list.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    (num("cwnd max="), num(" last="), ssthresh)
}

/// The client's last `ss` line with a cwnd: (t µs, cwnd).
fn last_client_cwnd_sample(states: &str) -> (u64, u32) {
    states
        .lines()
        .filter(|l| l.contains("  C  ss ") && l.contains(" cwnd:"))
        .rev()
        .find_map(|l| {
            let t = micros(l.split_whitespace().next()?)?;
            let c = l
                .split(" cwnd:")
                .nth(1)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()?;
            Some((t, c))
        })
        .expect("a client ss sample")
}

struct Pkt {
    seq: u32,
    end: u32,
    sent: u64,
    retrans: bool,
    sacked: bool,
    acked: bool,
}

/// What the replay observed.
struct Replay {
    /// (ACK arrival µs, packets in flight just before it, model cwnd just before it,
    /// whether the application still had data to send then).
    before_ack: Vec<(u64, u32, u32, bool)>,
    /// ssthresh right after recovery began.
    ssthresh_at_recovery: Option<u32>,
    /// (ACK arrival µs, cwnd, ssthresh) after every ACK.
    after_ack: Vec<(u64, u32, u32)>,
}

fn replay(trace: &str) -> Replay {
    let lines = parse_trace(trace);
    let mut cc = Cc::new(CongestionKind::Cubic, &Profile::linux());
    let mut st = CcState::new(10);
    // The handshake: cubictcp_init when the SYN,ACK arrives (tcp_init_transfer), SND.NXT 1.
    let synack = lines
        .iter()
        .find(|l| l.syn && !l.from_client)
        .expect("SYN,ACK");
    let synack_at = synack.arr.expect("arrived");
    cc.init(&mut st, Instant::from_micros(synack_at), 1);
    // The fast retransmit: recovery began at the last ACK that arrived before it was sent.
    let rexmit_at = lines.iter().find(|l| l.retransmission).map(|l| l.t);
    let fin_sent_at = lines.iter().find(|l| l.from_client && l.fin).map(|l| l.t);

    // Client-side events in time order: sends (C->S with data or FIN) and ACK arrivals.
    let mut events: Vec<(u64, u8, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.from_client && (l.len > 0 || l.fin) {
            events.push((l.t, 1, i));
        } else if !l.from_client && !l.syn {
            if let Some(a) = l.arr {
                events.push((a, 0, i));
            }
        }
    }
    events.sort();
    let recovery_trigger = rexmit_at.and_then(|r| {
        events
            .iter()
            .filter(|e| e.1 == 0 && e.0 <= r)
            .map(|e| e.0)
            .max()
    });

    let mut pkts: Vec<Pkt> = Vec::new();
    let (mut snd_una, mut snd_nxt) = (1u32, 1u32);
    let mut state = CaState::Open;
    let mut high_seq = 0u32;
    let mut out = Replay {
        before_ack: Vec::new(),
        ssthresh_at_recovery: None,
        after_ack: Vec::new(),
    };
    let in_flight = |pkts: &Vec<Pkt>| pkts.iter().filter(|p| !p.acked && !p.sacked).count() as u32;
    for (now, kind, i) in events {
        let l = &lines[i];
        if kind == 1 {
            let end = l.seq.wrapping_add(l.len).wrapping_add(u32::from(l.fin));
            if l.retransmission {
                if let Some(p) = pkts.iter_mut().find(|p| p.seq == l.seq) {
                    p.retrans = true;
                    p.sent = now;
                }
            } else {
                if in_flight(&pkts) == 0 {
                    let lsnd = pkts.iter().map(|p| p.sent).max().unwrap_or(synack_at);
                    let ev = CaEvent::TxStart {
                        lsndtime: Instant::from_micros(lsnd),
                    };
                    cc.cwnd_event(&st, Instant::from_micros(now), ev);
                }
                pkts.push(Pkt {
                    seq: l.seq,
                    end,
                    sent: now,
                    retrans: false,
                    sacked: false,
                    acked: false,
                });
                snd_nxt = end;
            }
            continue;
        }
        let has_data = fin_sent_at.is_none_or(|f| now < f);
        out.before_ack
            .push((now, in_flight(&pkts), st.cwnd, has_data));
        // tcp_clean_rtx_queue and tcp_sacktag_write_queue.
        let (mut delivered, mut cum_acked) = (0u32, 0u32);
        let (mut last_ackt, mut last_sackt, mut retrans_acked) = (None, None, false);
        for p in pkts.iter_mut() {
            if !p.acked && seq_le(p.end, l.ack) {
                p.acked = true;
                cum_acked += 1;
                if p.retrans {
                    retrans_acked = true;
                } else if !p.sacked {
                    last_ackt = Some(p.sent);
                }
                if !p.sacked {
                    delivered += 1;
                }
            } else if !p.acked
                && !p.sacked
                && l.sacks
                    .iter()
                    .any(|&(s, e)| seq_le(s, p.seq) && seq_le(p.end, e))
            {
                p.sacked = true;
                delivered += 1;
                if !p.retrans {
                    last_sackt = Some(p.sent);
                }
            }
        }
        if crate::seq::seq_gt(l.ack, snd_una) {
            snd_una = l.ack;
        }
        let rtt_from = last_sackt.or(if retrans_acked { None } else { last_ackt });
        let ctx = AckCtx {
            now: Instant::from_micros(now),
            ack: snd_una,
            snd_nxt,
            acked: delivered,
            rtt: rtt_from.map(|s| Duration::from_micros(now - s)),
            in_flight: in_flight(&pkts),
            cwnd_limited: true,
            min_rtt: None,
            srtt: Some(Duration::from_millis(101)),
            mss: 1448,
        };
        cc.pkts_acked(&mut st, &ctx);
        // tcp_fastretrans_alert, as far as the capture tells.
        if state == CaState::Recovery && seq_le(high_seq, snd_una) {
            st.cwnd = st.ssthresh; // tcp_end_cwnd_reduction
            cc.cwnd_event(&st, ctx.now, CaEvent::CompleteCwr);
            state = CaState::Open;
            cc.set_state(&st, state, ctx.now, snd_nxt);
        }
        if state == CaState::Open && !l.sacks.is_empty() {
            state = CaState::Disorder;
            cc.set_state(&st, state, ctx.now, snd_nxt);
        }
        if Some(now) == recovery_trigger {
            // tcp_enter_recovery → tcp_init_cwnd_reduction.
            high_seq = snd_nxt;
            st.prior_cwnd = st.cwnd;
            st.cwnd_cnt = 0;
            st.ssthresh = cc.ssthresh(&st, ctx.in_flight);
            out.ssthresh_at_recovery = Some(st.ssthresh);
            state = CaState::Recovery;
            cc.set_state(&st, state, ctx.now, snd_nxt);
        }
        // tcp_cong_control: no growth in Recovery (PRR is the connection's), and only for
        // cumulatively acknowledged new data (tcp_may_raise_cwnd: FLAG_DATA_ACKED).
        if state != CaState::Recovery && cum_acked > 0 {
            cc.cong_avoid(&mut st, &ctx);
        }
        if state == CaState::Disorder && pkts.iter().all(|p| p.acked || !p.sacked) {
            state = CaState::Open;
            cc.set_state(&st, state, ctx.now, snd_nxt);
        }
        out.after_ack.push((now, st.cwnd, st.ssthresh));
    }
    out
}

/// D1: while the application still had data, every ACK found exactly cwnd packets in
/// flight — the model's cwnd is the real one (10, 20, 40) — and ss saw max = last = 40 and
/// ssthresh never set.
#[test]
fn d1_bulk_slow_start_matches_linux() {
    let r = replay(D1_TRACE);
    let (ss_max, ss_last, ss_ssthresh) = ss_summary(D1_STATES);
    assert!(ss_ssthresh.is_empty());
    let limited: Vec<_> = r.before_ack.iter().filter(|b| b.3).collect();
    assert_eq!(limited.len(), 30, "rounds 1 and 2: 10 + 20 ACKs");
    for &&(t, flight, cwnd, _) in &limited {
        assert_eq!(
            flight, cwnd,
            "at {t} µs: {flight} in flight, model cwnd {cwnd}"
        );
    }
    // The flights the capture shows.
    let firsts: Vec<u32> = [0usize, 10].iter().map(|&i| limited[i].1).collect();
    assert_eq!(firsts, [10, 20]);
    // ss sampled every 10 ms and last saw the socket established before round 3's ACKs
    // (408.7 ms on): the model's cwnd then, and its largest value so far.
    let round3 = r.before_ack.iter().find(|b| !b.3).expect("round 3");
    assert_eq!(round3.2, ss_last);
    let max_before = r
        .after_ack
        .iter()
        .filter(|a| a.0 < round3.0)
        .map(|a| a.1)
        .max();
    assert_eq!(max_before, Some(ss_max));
    assert!(
        r.after_ack.iter().all(|a| a.2 == TCP_INFINITE_SSTHRESH),
        "HyStart stayed silent"
    );
}

/// D2: ssthresh after the fast retransmit and cwnd at ss's last sample equal Linux's.
#[test]
fn d2_one_loss_ssthresh_and_cwnd_match_linux() {
    let r = replay(D2_TRACE);
    let (ss_max, ss_last, ss_ssthresh) = ss_summary(D2_STATES);
    let (sample_at, sample_cwnd) = last_client_cwnd_sample(D2_STATES);
    assert_eq!(sample_cwnd, ss_last);
    // Until the loss the flight is the model's cwnd (10, then 20 growing to 29).
    let before_loss: Vec<_> = r.before_ack.iter().take_while(|b| b.0 < 306_828).collect();
    assert_eq!(before_loss.len(), 19);
    for &&(t, flight, cwnd, _) in &before_loss {
        assert_eq!(flight, cwnd, "at {t} µs");
    }
    assert_eq!(ss_ssthresh, [20]);
    assert_eq!(r.ssthresh_at_recovery, Some(ss_ssthresh[0]));
    let model_max = r.after_ack.iter().map(|a| a.1).max().unwrap_or(0);
    assert_eq!(model_max, 29);
    assert!(
        model_max >= ss_max,
        "ss samples every 10 ms and saw at most {ss_max}"
    );
    let at_sample = r
        .after_ack
        .iter()
        .rfind(|a| a.0 <= sample_at)
        .expect("ACKs");
    assert_eq!(at_sample.1, sample_cwnd, "cwnd at {sample_at} µs");
    assert_eq!(at_sample.2, 20);
}
