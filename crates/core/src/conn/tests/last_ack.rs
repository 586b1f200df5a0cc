//! LAST-ACK (RFC 9293 §3.10.7.4): the peer's FIN came first, ours followed; its ACK ends
//! the connection.

use super::linux_server;
use super::lone::Lone;
use crate::event::Cause;
use crate::event::Rfc;
use crate::{CallError, Event, Flags, Profile, State};

fn last_ack(mut l: Lone) -> Lone {
    l.at_ms(200);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    l.close();
    assert_eq!(l.state(), State::LastAck);
    l.forget();
    l
}

/// "If our FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
#[test]
fn ack_of_fin_closes() {
    let mut l = last_ack(linux_server());
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 2, 2, b"");
    l.recv(a);
    assert!(l.sent().is_empty());
    let ev = l.new_events();
    assert!(ev.contains(&Event::StateChanged {
        from: State::LastAck,
        to: State::Closed,
        cause: Cause::RcvAckOfFin,
        rfc: Rfc::S3_10_7_4
    }));
    assert_eq!(ev.last(), Some(&Event::Closed));
    assert_eq!(l.conn.poll_timeout(), None);
    // The connection is gone: what comes now meets a closed port.
    let late = l.ack(Flags::EMPTY, 2, 2, b"");
    let at = late.ack;
    l.recv(late);
    let out = l.take();
    assert_eq!((out[0].flags, out[0].seq), (Flags::RST, at));
}

/// An ACK that does not cover our FIN changes nothing; the FIN goes again as Linux's tail
/// loss probe (min(2·SRTT + 200 ms, RTO) after it), then at the RTO counted from the probe.
#[test]
fn fin_is_retransmitted_until_acked() {
    let mut l = last_ack(linux_server());
    l.at_ms(250);
    let a = l.ack(Flags::EMPTY, 2, 1, b"");
    l.recv(a);
    assert_eq!(l.state(), State::LastAck);
    l.at_ms(1200);
    assert_eq!(l.sent(), ["500 FIN|ACK 1 2 0", "800 FIN|ACK 1 2 0"]);
    assert_eq!(l.conn.send(l.now, b"x"), Err(CallError::ConnectionClosing));
}

/// Unanswered, LAST-ACK gives up like any retransmission.
#[test]
fn gives_up_after_retries() {
    let mut p = Profile::linux();
    p.data_retries = 2;
    let mut l = Lone::server(p);
    l.listen();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    l.at_ms(100);
    let a = l.ack(Flags::EMPTY, 1, 1, b"");
    l.recv(a);
    let mut l = last_ack(l);
    l.at_ms(3000);
    // FIN at 200, again at 500 and 1100, then give up at 2300.
    assert!(l.new_events().contains(&Event::TimedOut {
        in_state: State::LastAck
    }));
    assert_eq!(l.state(), State::Closed);
}

/// RST in LAST-ACK closes; Linux also takes one at RCV.NXT - 1.
#[test]
fn rst_closes() {
    let mut l = last_ack(linux_server());
    let rst = l.seg(Flags::RST, 1, 0, b"");
    l.recv(rst);
    assert_eq!(l.state(), State::Closed);
}
