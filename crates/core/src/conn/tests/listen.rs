//! LISTEN (RFC 9293 §3.10.7.2): wait for a SYN; RST ignored, ACK answered with RST.

use super::lone::{ms, Lone, PEER_ISS};
use crate::event::Rfc;
use crate::event::{Cause, RejectReason};
use crate::wire::TcpOption;
use crate::{CallError, Event, Flags, Profile, State, TimerKind};

/// "Third, check for a SYN": SYN,ACK <SEQ=ISS><ACK=RCV.NXT>, SYN-RECEIVED. Linux answers a
/// Linux SYN with MSS, SACK-permitted, timestamps (echoing the SYN's), NOP, window scale 10,
/// window 65160 (45 × 1448: the buffer rounded to whole segments once timestamps are on).
#[test]
fn syn_gets_linux_syn_ack() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    assert_eq!(
        l.changes(),
        [(State::Closed, State::Listen, Cause::Listen, Rfc::S3_10_1)]
    );
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    assert_eq!(l.sent(), ["0 SYN|ACK 0 1 0"]);
    let sa = &l.out[0].1;
    assert_eq!(sa.window, 65160);
    let ts = l.conn.tsval(ms(0));
    assert_eq!(
        sa.options,
        [
            TcpOption::Mss(1460),
            TcpOption::SackPermitted,
            TcpOption::Timestamps {
                tsval: ts,
                tsecr: 1000
            },
            TcpOption::Nop,
            TcpOption::WindowScale(10),
        ]
    );
    assert_eq!(
        l.changes(),
        [(
            State::Listen,
            State::SynReceived,
            Cause::RcvSyn,
            Rfc::S3_10_7_2
        )]
    );
    assert_eq!(l.timer_ms(TimerKind::Retransmit), Some(1000));
    let tcb = l.conn.tcb();
    assert_eq!(tcb.irs, Some(PEER_ISS));
    assert_eq!(tcb.rcv_nxt, PEER_ISS + 1);
    assert_eq!(tcb.snd_nxt, tcb.iss.wrapping_add(1));
    assert_eq!(
        tcb.snd_wnd, 64240,
        "a SYN's window is never scaled (RFC 7323 §2.2)"
    );
}

/// An option goes into the SYN,ACK only if the SYN offered it (RFC 7323 §1.3, RFC 2018 §2):
/// to a SYN with MSS alone Linux answers with MSS alone, window 64240 (44 × 1460).
#[test]
fn syn_ack_offers_only_what_the_syn_offered() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    let syn = l.syn();
    l.recv(syn);
    let sa = &l.take()[0];
    assert_eq!(sa.options, [TcpOption::Mss(1460)]);
    assert_eq!(sa.window, 64240);
}

/// The textbook profile sends only the MSS option, window 65535.
#[test]
fn textbook_syn_ack_has_only_mss() {
    let mut l = Lone::server(Profile::textbook());
    l.listen();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    let sa = &l.take()[0];
    assert_eq!(sa.flags, Flags::SYN | Flags::ACK);
    assert_eq!(sa.options, [TcpOption::Mss(1460)]);
    assert_eq!(sa.window, 65535);
}

/// "First, check for a RST: an incoming RST segment could not be valid ... ignored."
#[test]
fn rst_is_ignored() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    let rst = l.seg(Flags::RST, 0, 0, b"");
    l.recv(rst);
    assert!(l.take().is_empty());
    assert_eq!(l.state(), State::Listen);
}

/// "Second, check for an ACK: any acknowledgment is bad ... <SEQ=SEG.ACK><CTL=RST>" — a
/// SYN,ACK included (the ACK check comes before the SYN check).
#[test]
fn ack_gets_rst_at_its_ack() {
    for flags in [Flags::ACK, Flags::SYN | Flags::ACK] {
        let mut l = Lone::server(Profile::linux());
        l.listen();
        let mut seg = l.seg(flags, 0, 0, b"");
        seg.ack = 777;
        l.recv(seg);
        let out = l.take();
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].flags, out[0].seq), (Flags::RST, 777));
        assert_eq!(l.state(), State::Listen);
    }
}

/// "Fourth, other data or control: ... drop the segment and return."
#[test]
fn fin_or_data_without_syn_is_dropped() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    let seg = l.seg(Flags::FIN | Flags::PSH, 1, 0, b"hi");
    l.recv(seg);
    assert!(l.take().is_empty());
    assert!(matches!(
        l.new_events().last(),
        Some(Event::SegmentRejected {
            reason: RejectReason::NotSyn,
            ..
        })
    ));
}

/// CLOSE in LISTEN: "Any outstanding RECEIVEs are returned ... delete TCB, enter CLOSED".
#[test]
fn close_deletes_the_listener() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    l.new_events();
    l.close();
    assert_eq!(
        l.changes(),
        [(State::Listen, State::Closed, Cause::Close, Rfc::S3_10_4)]
    );
    assert!(l.take().is_empty());
    // A SYN now meets a closed port.
    let syn = l.syn();
    l.recv(syn);
    assert_eq!(l.take()[0].flags, Flags::RST | Flags::ACK);
}

/// ABORT in LISTEN: no segment, CLOSED.
#[test]
fn abort_deletes_the_listener_silently() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    l.abort();
    assert_eq!(l.state(), State::Closed);
    assert!(l.take().is_empty());
}

/// OPEN in LISTEN with a foreign socket turns it active: SYN, SYN-SENT (§3.10.1, Figure 5
/// "SEND" edge). SEND without a foreign socket is an error.
#[test]
fn connect_from_listen_sends_syn() {
    let mut l = Lone::server(Profile::linux());
    l.listen();
    assert_eq!(
        l.conn.send(ms(0), b"x"),
        Err(CallError::ConnectionDoesNotExist)
    );
    assert_eq!(l.conn.listen(ms(0)), Err(CallError::ConnectionExists));
    l.connect();
    assert_eq!(l.sent(), ["0 SYN 0 - 0"]);
    assert_eq!(l.state(), State::SynSent);
}
