//! CLOSING (RFC 9293 §3.10.7.4): both FINs crossed; we wait for the ACK of ours.

use super::fmt::Side;
use super::linux_client;
use super::pair::Pair;
use crate::event::Cause;
use crate::event::Rfc;
use crate::{Flags, State, TimerKind};

/// Simultaneous close: both FINs cross on the wire; each side ACKs the other's FIN from
/// CLOSING and enters TIME-WAIT on the ACK of its own. Both sides keep TIME-WAIT.
#[test]
fn simultaneous_close() {
    let mut p = Pair::new();
    p.server_listen();
    p.client_connect();
    p.run_until_ms(200);
    let mark = p.mark();
    p.client_close();
    p.server_close();
    p.run_until_ms(400);
    assert_eq!(
        p.lines_since(mark),
        [
            "200 C->S FIN|ACK 1 1 0",
            "200 S->C FIN|ACK 1 1 0",
            "250 S->C ACK 2 2 0",
            "250 C->S ACK 2 2 0",
        ]
    );
    use State::*;
    for side in [Side::Client, Side::Server] {
        let t: alloc::vec::Vec<(u64, State, Cause)> = p
            .transitions(side)
            .into_iter()
            .filter(|(t, ..)| *t >= 200)
            .map(|(t, _, to, c)| (t, to, c))
            .collect();
        assert_eq!(
            t,
            [
                (200, FinWait1, Cause::Close),
                (250, Closing, Cause::RcvFin),
                (300, TimeWait, Cause::RcvAckOfFin),
            ]
        );
    }
    p.run_until_ms(60_300);
    assert_eq!(
        (p.state(Side::Client), p.state(Side::Server)),
        (Closed, Closed)
    );
}

/// "If the ACK acknowledges our FIN then enter the TIME-WAIT state, otherwise ignore the
/// segment"; until then our FIN is retransmitted.
#[test]
fn ack_of_fin_enters_time_wait_and_fin_is_retransmitted_until_then() {
    let mut l = linux_client();
    l.close();
    l.at_ms(150);
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    assert_eq!(l.state(), State::Closing);
    l.at_ms(450);
    assert_eq!(
        l.sent(),
        ["100 FIN|ACK 1 1 0", "150 ACK 2 2 0", "400 FIN|ACK 1 2 0"]
    );
    let old = l.ack(Flags::EMPTY, 2, 1, b"");
    l.recv(old);
    assert_eq!(l.state(), State::Closing);
    l.new_events();
    let a = l.ack(Flags::EMPTY, 2, 2, b"");
    l.recv(a);
    assert_eq!(
        l.changes(),
        [(
            State::Closing,
            State::TimeWait,
            Cause::RcvAckOfFin,
            Rfc::S3_10_7_4
        )]
    );
    assert_eq!(l.timer_ms(TimerKind::TimeWait), Some(60_450));
    assert_eq!(l.timer_ms(TimerKind::Retransmit), None);
}

/// RST in CLOSING: "enter the CLOSED state, delete the TCB".
#[test]
fn rst_closes() {
    let mut l = linux_client();
    l.close();
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    let rst = l.seg(Flags::RST, 2, 0, b"");
    l.recv(rst);
    assert_eq!(l.state(), State::Closed);
    assert_eq!(l.conn.poll_timeout(), None);
}
