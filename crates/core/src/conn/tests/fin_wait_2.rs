//! FIN-WAIT-2 (RFC 9293 §3.10.7.4): our FIN is acknowledged; we wait for the peer's. RFC
//! 9293 waits forever; Linux gives an orphan (after close()) `tcp_fin_timeout` (60 s).

use super::linux_client;
use super::lone::Lone;
use crate::event::Cause;
use crate::event::Rfc;
use crate::{Event, Flags, Profile, State, TimerKind};

fn fin_wait_2(mut l: Lone, shutdown_only: bool) -> Lone {
    l.at_ms(200);
    if shutdown_only {
        l.shutdown();
    } else {
        l.close();
    }
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 1, 2, b"");
    l.recv(a);
    assert_eq!(l.state(), State::FinWait2);
    l.forget();
    l
}

/// The peer's FIN: ACK it, enter TIME-WAIT (2 MSL; Linux 60 s), the other timers off.
#[test]
fn fin_enters_time_wait() {
    let mut l = fin_wait_2(linux_client(), false);
    l.at_ms(1000);
    let f = l.ack(Flags::FIN, 1, 2, b"");
    l.recv(f);
    assert_eq!(l.sent(), ["1000 ACK 2 2 0"]);
    let ev = l.new_events();
    assert!(ev.contains(&Event::Eof));
    assert!(ev.contains(&Event::TimerCancelled {
        timer: TimerKind::FinWait2
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::FinWait2,
        to: State::TimeWait,
        cause: Cause::RcvFin,
        rfc: Rfc::S3_10_7_4
    }));
    assert_eq!(l.timer_ms(TimerKind::TimeWait), Some(61_000));
}

/// Linux: an orphan in FIN-WAIT-2 waits tcp_fin_timeout (60 s) for the FIN, then goes away
/// silently (S9b's "timer:(timewait,59000ms)" in FIN-WAIT-2).
#[test]
fn linux_orphan_times_out_after_60_s() {
    let mut l = linux_client();
    l.at_ms(200);
    l.close();
    l.at_ms(300);
    let a = l.ack(Flags::EMPTY, 1, 2, b"");
    l.recv(a);
    assert_eq!(l.timer_ms(TimerKind::FinWait2), Some(60_300));
    l.sent();
    l.new_events();
    l.at_ms(60_299);
    assert_eq!(l.state(), State::FinWait2);
    l.at_ms(60_300);
    assert!(l.sent().is_empty());
    let ev = l.new_events();
    assert!(ev.contains(&Event::TimerFired {
        timer: TimerKind::FinWait2
    }));
    assert!(ev.contains(&Event::TimedOut {
        in_state: State::FinWait2
    }));
    assert!(ev.contains(&Event::StateChanged {
        from: State::FinWait2,
        to: State::Closed,
        cause: Cause::Timeout(TimerKind::FinWait2),
        rfc: Rfc::LinuxTcpFinTimeout
    }));
}

/// Half-close: after shutdown of writing the user still reads, so there is no timeout, and
/// data keeps arriving (RFC 9293 §3.6); a later close() starts the orphan timer.
#[test]
fn half_close_keeps_receiving_without_timeout() {
    let mut l = fin_wait_2(linux_client(), true);
    assert_eq!(l.conn.poll_timeout(), None);
    l.at_ms(5000);
    let d = l.ack(Flags::PSH, 1, 2, b"still here");
    l.recv(d);
    assert_eq!(l.sent(), ["5000 ACK 2 11 0"]);
    assert!(l.new_events().contains(&Event::DataReceived {
        data: b"still here".into()
    }));
    l.close();
    assert_eq!(l.timer_ms(TimerKind::FinWait2), Some(65_000));
}

/// The textbook profile waits for the FIN as long as it takes.
#[test]
fn textbook_waits_forever() {
    let mut l = fin_wait_2(super::textbook_client(), false);
    assert_eq!(l.conn.poll_timeout(), None);
    l.at_ms(10_000_000);
    assert_eq!(l.state(), State::FinWait2);
}

/// Linux's orphaned FIN-WAIT-2 is a minisocket without RFC 5961: a RST anywhere in the
/// window ends it; a half-closed one (still owned by the user) challenges instead.
#[test]
fn rst_in_window_ends_a_linux_orphan() {
    let mut l = fin_wait_2(linux_client(), false);
    let rst = l.seg(Flags::RST, 500, 0, b"");
    l.recv(rst);
    assert_eq!(l.state(), State::Closed);
    assert!(l.sent().is_empty());
    let mut h = fin_wait_2(linux_client(), true);
    let rst = h.seg(Flags::RST, 500, 0, b"");
    h.recv(rst);
    assert_eq!(h.state(), State::FinWait2);
    assert_eq!(h.sent(), ["300 ACK 2 1 0"]);
}

/// The textbook half-closed receiver still ACKs data on its 200 ms delayed-ACK timer.
#[test]
fn textbook_data_in_fin_wait_2_gets_delayed_ack() {
    let mut l = fin_wait_2(super::textbook_client(), true);
    l.at_ms(400);
    let d = l.ack(Flags::PSH, 1, 2, b"x");
    l.recv(d);
    l.at_ms(1000);
    assert_eq!(l.sent(), ["600 ACK 2 2 0"]);
    let _ = Profile::textbook();
}
