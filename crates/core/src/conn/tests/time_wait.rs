//! TIME-WAIT (RFC 9293 §3.10.7.4, §3.4.2): 2 × MSL after the last ACK, so that a lost ACK
//! can be sent again and old segments die out. Linux: 60 s; textbook: MSL 2 min, 240 s.

use super::fmt::Side;
use super::lone::Lone;
use super::pair::Pair;
use super::{linux_client, textbook_client};
use crate::event::Cause;
use crate::event::Rfc;
use crate::{CallError, Event, Flags, State, TimerKind};

fn time_wait(mut l: Lone) -> Lone {
    l.close();
    l.at_ms(200);
    let fa = l.ack(Flags::FIN, 1, 2, b"");
    l.recv(fa);
    assert_eq!(l.state(), State::TimeWait);
    l.forget();
    l
}

/// "When the time-wait timeout expires, delete the TCB, enter the CLOSED state."
#[test]
fn lasts_60_s_on_linux() {
    let mut l = time_wait(linux_client());
    l.at_ms(60_199);
    assert_eq!(l.state(), State::TimeWait);
    l.at_ms(60_200);
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::TimeWait,
        to: State::Closed,
        cause: Cause::Timeout(TimerKind::TimeWait),
        rfc: Rfc::S3_10_8
    }));
    assert_eq!(ev.last(), Some(&Event::Closed));
    assert!(l.sent().is_empty());
}

/// The textbook TIME-WAIT is 2 × MSL = 240 s.
#[test]
fn lasts_240_s_textbook() {
    let mut l = time_wait(textbook_client());
    assert_eq!(l.timer_ms(TimerKind::TimeWait), Some(240_200));
    l.at_ms(240_199);
    assert_eq!(l.state(), State::TimeWait);
    l.at_ms(240_200);
    assert_eq!(l.state(), State::Closed);
}

/// "The only thing that can arrive in this state is a retransmission of the remote FIN.
/// Acknowledge it, and restart the 2 MSL timeout."
#[test]
fn retransmitted_fin_is_reacked_and_restarts_the_timer() {
    for mut l in [time_wait(linux_client()), time_wait(textbook_client())] {
        let mw = l.timer_ms(TimerKind::TimeWait).unwrap() - 200;
        l.at_ms(10_000);
        let fa = l.ack(Flags::FIN, 1, 2, b"");
        l.recv(fa);
        assert_eq!(l.sent(), ["10000 ACK 2 2 0"]);
        assert_eq!(l.timer_ms(TimerKind::TimeWait), Some(10_000 + mw));
        assert_eq!(l.state(), State::TimeWait);
    }
}

/// A RST at RCV.NXT ends TIME-WAIT early ("TIME-WAIT assassination", RFC 1337; Linux's
/// default tcp_rfc1337=0 allows it). Other RSTs: Linux ignores them, the RFC challenges.
#[test]
fn rst_at_rcv_nxt_closes() {
    let mut l = time_wait(linux_client());
    let stray = l.seg(Flags::RST, 50, 0, b"");
    l.recv(stray);
    assert!(l.sent().is_empty());
    assert_eq!(l.state(), State::TimeWait);
    let rst = l.seg(Flags::RST, 2, 0, b"");
    l.recv(rst);
    assert_eq!(l.state(), State::Closed);
    let mut t = time_wait(textbook_client());
    let stray = t.seg(Flags::RST, 50, 0, b"");
    t.recv(stray);
    assert_eq!(t.sent(), ["200 ACK 2 2 0"]);
}

/// Only the TIME-WAIT timer runs; user calls meet "connection closing". ABORT: the RFC
/// deletes the TCB without a RST (§3.10.5); in Linux the application's socket is gone after
/// close() and TIME-WAIT belongs to the kernel, so nothing cuts it short (issue 12, defect 7).
#[test]
fn only_the_time_wait_timer_runs() {
    let mut l = time_wait(linux_client());
    let kinds: alloc::vec::Vec<TimerKind> = l.conn.timers().map(|t| t.kind).collect();
    assert_eq!(kinds, [TimerKind::TimeWait]);
    assert_eq!(l.conn.send(l.now, b"x"), Err(CallError::ConnectionClosing));
    assert_eq!(l.conn.close(l.now), Err(CallError::ConnectionClosing));
    assert_eq!(l.conn.abort(l.now), Err(CallError::ConnectionClosing));
    assert!(l.sent().is_empty());
    assert_eq!(l.state(), State::TimeWait);
    let mut t = time_wait(textbook_client());
    t.abort();
    assert!(t.sent().is_empty(), "no RST from TIME-WAIT (§3.10.5)");
    assert_eq!(t.state(), State::Closed);
}

/// The reason TIME-WAIT exists: the last ACK is lost, the server (LAST-ACK) sends its FIN
/// again, and the client, still in TIME-WAIT, can answer it; the server closes cleanly.
#[test]
fn lost_last_ack_is_recovered_from_time_wait() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(200);
    p.client_close();
    p.run_until_ms(300);
    p.lose_next(Side::Client); // the ACK of the server's FIN
    p.server_close();
    p.run_until_ms(1000);
    let mark = p.log.len() - 4;
    assert_eq!(
        p.lines_since(mark),
        [
            "300 S->C FIN|ACK 1 2 0",
            "350 C->S ACK 2 2 0 LOST",
            "600 S->C FIN|ACK 1 2 0",
            "650 C->S ACK 2 2 0",
        ]
    );
    assert_eq!(p.state(Side::Server), State::Closed);
    let restarts = p.events_of(Side::Client, |e| {
        matches!(
            e,
            Event::TimerArmed {
                timer: TimerKind::TimeWait,
                ..
            }
        )
    });
    let at: alloc::vec::Vec<u64> = restarts.iter().map(|(t, _)| *t).collect();
    assert_eq!(at, [350, 650]);
}

/// Linux (`TCP_TW_SYN`, RFC 6191): the server closed first and waits in TIME-WAIT; the client
/// connects again, and its new SYN's sequence number lies beyond the old RCV.NXT. The SYN ends
/// TIME-WAIT and the listener answers it: a new connection, whose ISS is the old SND.NXT +
/// 65537, instead of a refused connect (issue 12, defect 7).
#[test]
fn linux_a_new_syn_ends_time_wait_and_opens_a_new_connection() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(200);
    p.server_close();
    p.run_until_ms(300);
    p.client_close();
    p.run_until_ms(1000);
    assert_eq!(p.state(Side::Server), State::TimeWait);
    assert_eq!(p.state(Side::Client), State::Closed);
    let old_snd_nxt = p.conn(Side::Server).tcb().snd_nxt;
    p.run_until_ms(2000);
    p.client_connect();
    p.run_until_ms(2200);
    assert_eq!(p.state(Side::Client), State::Established);
    assert_eq!(p.state(Side::Server), State::Established);
    assert_eq!(
        p.conn(Side::Server).tcb().iss,
        old_snd_nxt.wrapping_add(65537)
    );
    let ts: alloc::vec::Vec<(State, State, Cause)> = p
        .transitions(Side::Server)
        .iter()
        .map(|t| (t.1, t.2, t.3))
        .collect();
    assert!(ts.contains(&(State::TimeWait, State::Listen, Cause::RcvSyn)));
    assert!(ts.contains(&(State::Listen, State::SynReceived, Cause::RcvSyn)));
}
