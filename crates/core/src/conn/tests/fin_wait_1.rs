//! FIN-WAIT-1 (RFC 9293 §3.10.7.4): our FIN is out, unacknowledged. Its ACK leads to
//! FIN-WAIT-2, the peer's FIN to CLOSING, both at once straight to TIME-WAIT.

use super::linux_client;
use super::lone::PEER_ISS;
use crate::event::Rfc;
use crate::event::{Cause, RejectReason};
use crate::wire::TcpOption;
use crate::{CallError, Event, Flags, State, TimerKind};
use alloc::vec;

/// CLOSE in ESTABLISHED: "form a FIN segment and send it, and enter FIN-WAIT-1"; the FIN is
/// covered by Linux's loss probe (PTO = min(2·SRTT + 200 ms, RTO 300 ms), RFC 8985 §7.2).
#[test]
fn close_sends_fin() {
    let mut l = linux_client();
    l.at_ms(200);
    l.close();
    assert_eq!(l.sent(), ["200 FIN|ACK 1 1 0"]);
    assert_eq!(
        l.changes(),
        [(
            State::Established,
            State::FinWait1,
            Cause::Close,
            Rfc::S3_10_4
        )]
    );
    assert_eq!(l.timer_ms(TimerKind::LossProbe), Some(500));
    assert_eq!(l.conn.send(l.now, b"x"), Err(CallError::ConnectionClosing));
    assert_eq!(l.conn.close(l.now), Err(CallError::ConnectionClosing));
}

/// The FIN is retransmitted like data: the loss probe, then at RTO (from the probe),
/// doubling.
#[test]
fn fin_is_retransmitted() {
    let mut l = linux_client();
    l.at_ms(200);
    l.close();
    l.at_ms(2000);
    assert_eq!(
        l.sent(),
        [
            "200 FIN|ACK 1 1 0",
            "500 FIN|ACK 1 1 0",
            "800 FIN|ACK 1 1 0",
            "1400 FIN|ACK 1 1 0"
        ]
    );
}

/// "If the FIN segment is now acknowledged, then enter FIN-WAIT-2."
#[test]
fn ack_of_fin_enters_fin_wait_2() {
    let mut l = linux_client();
    l.close();
    l.sent();
    l.at_ms(200);
    l.new_events();
    let a = l.ack(Flags::EMPTY, 1, 2, b"");
    l.recv(a);
    assert!(l.sent().is_empty());
    assert_eq!(
        l.changes(),
        [(
            State::FinWait1,
            State::FinWait2,
            Cause::RcvAckOfFin,
            Rfc::S3_10_7_4
        )]
    );
    assert_eq!(l.timer_ms(TimerKind::Retransmit), None);
}

/// FIN and the ACK of our FIN in one segment: "If our FIN has been ACKed (perhaps in this
/// segment), then enter TIME-WAIT, start the time-wait timer, turn off the other timers".
#[test]
fn fin_with_ack_of_our_fin_enters_time_wait() {
    let mut l = linux_client();
    l.close();
    l.sent();
    l.at_ms(200);
    l.new_events();
    let fa = l.ack(Flags::FIN, 1, 2, b"");
    l.recv(fa);
    assert_eq!(l.sent(), ["200 ACK 2 2 0"]);
    assert_eq!(
        l.changes(),
        [(
            State::FinWait1,
            State::TimeWait,
            Cause::RcvFinAckOfFin,
            Rfc::S3_10_7_4
        )]
    );
    let timers: alloc::vec::Vec<TimerKind> = l.conn.timers().map(|t| t.kind).collect();
    assert_eq!(timers, [TimerKind::TimeWait]);
    assert_eq!(l.timer_ms(TimerKind::TimeWait), Some(60_200));
}

/// FIN without the ACK of ours (simultaneous close): ACK it, enter CLOSING.
#[test]
fn fin_alone_enters_closing() {
    let mut l = linux_client();
    l.close();
    l.sent();
    l.at_ms(150);
    l.new_events();
    let f = l.ack(Flags::FIN, 1, 1, b"");
    l.recv(f);
    assert_eq!(l.sent(), ["150 ACK 2 2 0"]);
    assert_eq!(
        l.changes(),
        [(
            State::FinWait1,
            State::Closing,
            Cause::RcvFin,
            Rfc::S3_10_7_4
        )]
    );
}

/// After shutdown of writing (half-close) data still arrives and is delivered.
#[test]
fn data_still_arrives_after_shutdown() {
    let mut l = linux_client();
    l.shutdown();
    l.sent();
    l.at_ms(150);
    let d = l.ack(Flags::PSH, 1, 1, b"more");
    l.recv(d);
    assert_eq!(l.sent(), ["150 ACK 2 5 0"]);
    assert!(l.new_events().contains(&Event::DataReceived {
        data: b"more".into()
    }));
    assert_eq!(l.state(), State::FinWait1);
}

/// After CLOSE the user reads no more: new data is answered with RST <SEQ=SEG.ACK> and the
/// connection ends (RFC 9293 §3.6 SHLD-2; Linux TCPAbortOnData).
#[test]
fn data_after_close_resets() {
    let mut l = linux_client();
    l.close();
    l.sent();
    l.at_ms(150);
    l.new_events();
    let d = l.ack(Flags::PSH, 1, 1, b"late");
    l.recv(d);
    assert_eq!(l.sent(), ["150 RST 1 - 0"]);
    let ev = l.new_events();
    assert!(ev.iter().any(|e| matches!(
        e,
        Event::SegmentRejected {
            reason: RejectReason::DataAfterClose,
            rfc: Rfc::S3_6,
            ..
        }
    )));
    assert!(ev.contains(&Event::StateChanged {
        from: State::FinWait1,
        to: State::Closed,
        cause: Cause::DataAfterClose,
        rfc: Rfc::S3_6
    }));
}

/// An out-of-order FIN that also acknowledges our FIN: FIN-WAIT-2 now (the FIN waits in the
/// queue, SACKed); when the gap fills, the FIN is processed and TIME-WAIT follows.
#[test]
fn out_of_order_fin_with_ack_of_ours() {
    let mut l = linux_client();
    l.shutdown();
    l.sent();
    l.at_ms(150);
    l.new_events();
    let f = l.ack(Flags::FIN, 11, 2, b"");
    l.recv(f);
    assert_eq!(l.sent(), ["150 ACK 2 1 0"]);
    let dup = &l.out.last().unwrap().1;
    assert_eq!(
        dup.options[5],
        TcpOption::Sack(vec![(PEER_ISS + 11, PEER_ISS + 12)])
    );
    assert_eq!(l.state(), State::FinWait2);
    let d = l.ack(Flags::PSH, 1, 2, b"0123456789");
    l.recv(d);
    assert_eq!(l.sent(), ["150 ACK 2 12 0"]);
    let to: alloc::vec::Vec<(State, Cause)> = l.changes().iter().map(|c| (c.1, c.2)).collect();
    assert_eq!(
        to,
        [
            (State::FinWait2, Cause::RcvAckOfFin),
            (State::TimeWait, Cause::RcvFin)
        ]
    );
}

/// With data still queued behind the congestion window, the FIN rides on the last segment.
#[test]
fn fin_rides_on_the_last_queued_segment() {
    let mut l = linux_client();
    l.send(&[1; 16_000]);
    l.close();
    assert_eq!(l.take().len(), 10);
    let a = l.ack(Flags::EMPTY, 1, 1 + 10 * 1448, b"");
    l.recv(a);
    let out = l.take();
    let last = out.last().unwrap();
    assert_eq!(last.flags, Flags::FIN | Flags::PSH | Flags::ACK);
    assert_eq!(last.payload.len(), 16_000 - 11 * 1448);
}

/// ABORT in FIN-WAIT-1 sends a reset (§3.10.5).
#[test]
fn abort_sends_rst() {
    let mut l = linux_client();
    l.close();
    l.sent();
    l.abort();
    assert_eq!(l.sent(), ["100 RST|ACK 2 1 0"]);
    assert_eq!(l.state(), State::Closed);
}
