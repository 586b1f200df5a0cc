//! CLOSE-WAIT (RFC 9293 §3.10.7.4): the peer has sent FIN; we may still send, then CLOSE.

use super::lone::Lone;
use super::{linux_client, linux_server, textbook_client};
use crate::event::Cause;
use crate::event::Rfc;
use crate::{Event, Flags, State, TimerKind};

/// A FIN in ESTABLISHED: "signal the user 'connection closing' ... enter CLOSE-WAIT".
/// Linux enters ping-pong mode (tcp_fin): the ACK is delayed, hoping for our FIN. With no
/// data received yet the ATO is zero and the ACK leaves at the next 4 ms tick (S9b).
#[test]
fn fin_enters_close_wait_and_linux_delays_the_ack_one_tick() {
    let mut l = linux_server();
    l.at_ms(400);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    assert!(l.sent().is_empty());
    let ev = l.new_events();
    assert!(ev.contains(&Event::Eof));
    assert!(ev.contains(&Event::StateChanged {
        from: State::Established,
        to: State::CloseWait,
        cause: Cause::RcvFin,
        rfc: Rfc::S3_10_7_4
    }));
    assert_eq!(l.timer_ms(TimerKind::DelayedAck), Some(404));
    l.at_ms(500);
    assert_eq!(l.sent(), ["404 ACK 1 2 0"]);
}

/// After data has been received the ATO is 40 ms: that is how long the FIN's ACK waits.
#[test]
fn after_data_the_fin_ack_waits_40_ms() {
    let mut l = linux_client();
    l.at_ms(200);
    let d = l.ack(Flags::PSH, 1, 1, b"hello");
    l.recv(d);
    l.at_ms(300);
    let f = l.ack(Flags::FIN, 6, 1, b"");
    l.recv(f);
    l.at_ms(400);
    assert_eq!(l.sent(), ["200 ACK 1 6 0", "340 ACK 1 7 0"]);
}

/// The textbook receiver delays the FIN's ACK like any other (200 ms here).
#[test]
fn textbook_delays_the_fin_ack() {
    let mut l = textbook_client();
    l.at_ms(200);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.at_ms(1000);
    assert_eq!(l.sent(), ["400 ACK 1 2 0"]);
}

/// CLOSE in CLOSE-WAIT: FIN, LAST-ACK. Closing within the delay lets the FIN carry the ACK
/// (S1: one FIN|ACK instead of ACK then FIN).
#[test]
fn close_sends_fin_carrying_the_ack() {
    let mut l = linux_server();
    l.at_ms(400);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.new_events();
    l.close();
    assert_eq!(l.sent(), ["400 FIN|ACK 1 2 0"]);
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::CloseWait,
        to: State::LastAck,
        cause: Cause::Close,
        rfc: Rfc::S3_10_4
    }));
    assert!(ev.contains(&Event::TimerCancelled {
        timer: TimerKind::DelayedAck
    }));
}

/// Half-close: the side that received FIN keeps sending; its data is acknowledged.
#[test]
fn data_keeps_flowing_out_of_close_wait() {
    let mut l = linux_server();
    l.at_ms(200);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.send(b"the rest");
    assert_eq!(l.sent(), ["200 PSH|ACK 1 2 8"]);
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 2, 9, b"");
    l.recv(a);
    assert!(l.new_events().contains(&Event::DataAcked {
        ack: l.iss() + 9,
        bytes: 8
    }));
    assert_eq!(l.state(), State::CloseWait);
}

/// A retransmitted FIN (our ACK was lost) lies before RCV.NXT: acknowledged at once.
#[test]
fn retransmitted_fin_is_acked_again() {
    let mut l = linux_server();
    l.at_ms(200);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f.clone());
    l.at_ms(500);
    l.recv(f);
    assert_eq!(l.sent(), ["204 ACK 1 2 0", "500 ACK 1 2 0"]);
}

/// RST in CLOSE-WAIT resets. Linux also accepts one at RCV.NXT - 1 (the FIN's number;
/// tcp_reset_check), which the RFC would challenge.
#[test]
fn rst_resets_and_linux_takes_one_at_the_fin() {
    let mut l = linux_server();
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.new_events();
    let rst = l.seg(Flags::RST, 1, 0, b"");
    l.recv(rst);
    assert!(l.new_events().contains(&Event::Reset {
        in_state: State::CloseWait
    }));
    let mut t = textbook_client();
    let f = t.ack(Flags::FIN, 1, 1, b"");
    t.recv(f);
    t.sent();
    let rst = t.seg(Flags::RST, 1, 0, b"");
    t.recv(rst);
    assert_eq!(t.state(), State::CloseWait);
    let _: Option<Lone> = None;
}

/// Half-close, end to end: the client sends its request and shuts down writing; the server
/// reads to EOF, keeps answering from CLOSE-WAIT, and closes when done. The client receives
/// the whole answer in FIN-WAIT-2 and ends in TIME-WAIT.
#[test]
fn half_close_story() {
    use super::fmt::Side;
    use super::pair::Pair;
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(100);
    p.client_send(b"GET /");
    p.shutdown(Side::Client);
    p.run_until_ms(160);
    assert_eq!(p.state(Side::Server), State::CloseWait);
    p.server_send(&[b'x'; 4000]);
    p.run_until_ms(300);
    p.server_send(b"done");
    p.server_close();
    p.run_until_ms(500);
    assert_eq!(p.received(Side::Server), b"GET /");
    assert_eq!(p.received(Side::Client).len(), 4004);
    use State::*;
    assert_eq!(
        p.path(Side::Client),
        [Closed, SynSent, Established, FinWait1, FinWait2, TimeWait]
    );
    assert_eq!(
        p.path(Side::Server),
        [
            Closed,
            Listen,
            SynReceived,
            Established,
            CloseWait,
            LastAck,
            Closed
        ]
    );
    // The half-closed client still owns its socket: no orphan timer in FIN-WAIT-2.
    assert!(p
        .events_of(Side::Client, |e| matches!(
            e,
            Event::TimerArmed {
                timer: TimerKind::FinWait2,
                ..
            }
        ))
        .is_empty());
}

/// An ACK of data never sent, in CLOSE-WAIT: Linux's tcp_rcv_state_process answers it with a
/// challenge ACK ("accept old ack during closing"), where ESTABLISHED drops it silently
/// (issue 12, defect 5); the answer is rate-limited like every challenge ACK.
#[test]
fn linux_challenges_an_ack_of_unsent_data_in_close_wait() {
    let mut l = linux_server();
    l.at_ms(400);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.at_ms(500);
    assert_eq!(l.sent(), ["404 ACK 1 2 0"]);
    let bogus = l.ack(Flags::EMPTY, 2, 100, b"");
    l.recv(bogus);
    assert_eq!(l.sent(), ["500 ACK 1 2 0"]);
    assert_eq!(l.state(), State::CloseWait);
    let again = l.ack(Flags::EMPTY, 2, 100, b"");
    l.recv(again);
    assert!(l.sent().is_empty(), "one challenge ACK per 500 ms");
}
