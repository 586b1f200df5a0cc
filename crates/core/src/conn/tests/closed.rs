//! CLOSED (RFC 9293 §3.10.7.1): no TCB. Every segment but a RST is answered with a RST;
//! user calls other than OPEN fail.

use super::lone::{Lone, PEER_ISS};
use crate::event::Rfc;
use crate::event::{RejectReason, SendReason};
use crate::{CallError, Endpoint, Event, Flags, Instant, Profile, State};

/// S2_refused: a SYN to a port with no listener. "If the ACK bit is off, sequence number zero
/// is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>" — as Linux answered in the capture.
#[test]
fn syn_to_closed_port_gets_rst_ack_seq_zero() {
    let mut l = Lone::server(Profile::linux());
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    let out = l.take();
    assert_eq!(out.len(), 1);
    let rst = &out[0];
    assert_eq!(rst.flags, Flags::RST | Flags::ACK);
    assert_eq!((rst.seq, rst.ack), (0, PEER_ISS.wrapping_add(1)));
    assert_eq!((rst.window, rst.options.len()), (0, 0));
    assert_eq!((rst.src_port, rst.dst_port), (5000, 40001));
    let ev = l.new_events();
    assert!(matches!(
        ev[0],
        Event::SegmentRejected {
            reason: RejectReason::Closed,
            rfc: Rfc::S3_10_7_1,
            ..
        }
    ));
    assert!(matches!(
        ev[1],
        Event::SegmentSent {
            reason: SendReason::Reset,
            ..
        }
    ));
    assert_eq!(l.state(), State::Closed);
    assert_eq!(l.conn.poll_timeout(), None);
}

/// "If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>".
#[test]
fn ack_to_closed_port_gets_rst_at_its_ack() {
    let mut l = Lone::server(Profile::linux());
    let mut seg = l.seg(Flags::ACK | Flags::PSH, 7, 0, b"data");
    seg.ack = 0xdead_beef;
    l.recv(seg);
    let out = l.take();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].flags, Flags::RST);
    assert_eq!((out[0].seq, out[0].ack), (0xdead_beef, 0));
}

/// SEG.LEN counts SYN, FIN and the data: the RST acknowledges all of it.
#[test]
fn rst_ack_acknowledges_data_and_fin() {
    let mut l = Lone::server(Profile::textbook());
    let seg = l.seg(Flags::FIN | Flags::PSH, 100, 0, b"abc");
    l.recv(seg);
    let out = l.take();
    assert_eq!(out[0].flags, Flags::RST | Flags::ACK);
    assert_eq!(out[0].ack, PEER_ISS.wrapping_add(100 + 3 + 1));
}

/// "An incoming segment containing a RST is discarded."
#[test]
fn rst_to_closed_port_is_dropped() {
    let mut l = Lone::server(Profile::linux());
    for f in [Flags::RST, Flags::RST | Flags::ACK] {
        let seg = l.seg(f, 1, 1, b"");
        l.recv(seg);
    }
    assert!(l.take().is_empty());
}

/// Segments for another port are not ours to answer.
#[test]
fn segment_for_another_port_is_ignored() {
    let mut l = Lone::server(Profile::linux());
    let mut syn = l.linux_syn(Flags::SYN);
    syn.dst_port = 80;
    l.recv(syn);
    assert!(l.take().is_empty());
    assert!(matches!(
        l.new_events()[0],
        Event::SegmentRejected {
            reason: RejectReason::WrongPorts,
            ..
        }
    ));
}

/// RFC 9293 §3.10.2–§3.10.5: "error: connection does not exist"; active OPEN needs a
/// foreign socket.
#[test]
fn calls_without_a_connection_fail() {
    let mut l = Lone::client(Profile::linux());
    let t = Instant::ZERO;
    assert_eq!(l.conn.send(t, b"x"), Err(CallError::ConnectionDoesNotExist));
    assert_eq!(l.conn.close(t), Err(CallError::ConnectionDoesNotExist));
    assert_eq!(
        l.conn.shutdown_write(t),
        Err(CallError::ConnectionDoesNotExist)
    );
    assert_eq!(l.conn.abort(t), Err(CallError::ConnectionDoesNotExist));
    let me = l.conn.local();
    assert_eq!(l.conn.connect(t, me), Err(CallError::InvalidRemote));
    let port0 = Endpoint::new([10, 0, 0, 2], 0);
    assert_eq!(l.conn.connect(t, port0), Err(CallError::InvalidRemote));
    assert_eq!(l.state(), State::Closed);
    assert!(l.take().is_empty());
}

/// A connection that ended can be opened again, with a new ISS from the clock (§3.4.1).
#[test]
fn closed_endpoint_can_connect_again_with_a_new_iss() {
    let mut l = Lone::client(Profile::linux());
    l.connect();
    let first = l.iss();
    l.abort();
    assert_eq!(l.state(), State::Closed);
    l.at_ms(1000);
    l.connect();
    assert_eq!(l.state(), State::SynSent);
    // The ISN clock ticks every 4 µs: 1 s later the ISS moved by 250 000.
    assert_eq!(l.iss().wrapping_sub(first), 250_000);
}
