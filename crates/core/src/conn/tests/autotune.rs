//! Receive-buffer auto-tuning (Linux `tcp_rcv_space_adjust`, `tcp_rcvbuf_grow`, 6.18): the
//! buffer and the window clamp grow after a receiver round trip in which the application read
//! more than the round before (`rcvq_space.space`), and never when `SO_RCVBUF` fixed the
//! buffer. A Linux server, established at 100 ms, receives rounds of full-sized segments
//! 100 ms apart, each echoing the TSval of our last ACK, and reads each at once.

use super::linux_server;
use super::lone::{ms, Lone};
use crate::conn::SockOpt;
use crate::wire::TcpOption;
use crate::{Flags, Profile, State};
use alloc::vec;

const MSS: u32 = 1448;

/// Rounds `from..to` of 10, 20, 40 … segments (round r at 200 + 100·r ms), each segment
/// echoing the TSval we sent at `echo_ms` (then that of our last ACK). Returns the largest
/// window (bytes) advertised in each round's ACKs.
fn rounds(l: &mut Lone, from: u32, to: u32, echo_ms: u64) -> vec::Vec<u32> {
    let payload = vec![7u8; MSS as usize];
    let mut seq = 1 + MSS * 10 * ((1 << from) - 1);
    let mut echo = l.conn.tsval(ms(echo_ms));
    let mut windows = vec::Vec::new();
    for r in from..to {
        l.at_ms(200 + 100 * u64::from(r));
        for _ in 0..(10u32 << r) {
            let mut s = l.ack(Flags::EMPTY, seq, 1, &payload);
            s.options = vec![
                TcpOption::Nop,
                TcpOption::Nop,
                TcpOption::Timestamps {
                    tsval: 5000 + r,
                    tsecr: echo,
                },
            ];
            l.recv(s);
            seq = seq.wrapping_add(MSS);
        }
        let acks = l.take();
        let shift = u32::from(l.conn.rcv_wscale);
        windows.push(
            acks.iter()
                .map(|a| u32::from(a.window) << shift)
                .max()
                .unwrap_or(0),
        );
        if !acks.is_empty() {
            echo = l.conn.tsval(l.now);
        }
    }
    windows
}

#[test]
fn the_buffer_grows_after_a_round_that_read_more_than_the_last() {
    let mut l = linux_server();
    // tcp_init_buffer_space: the first round is expected to bring ten segments.
    assert_eq!(l.conn.rspace.drs.space, 10 * MSS);
    assert_eq!(l.conn.rspace.rcvbuf, 131_072);
    let w = rounds(&mut l, 0, 2, 0);
    // Round 1 (200 ms): no RTT estimate yet worth a round (its sample, against the SYN,ACK,
    // is 200 ms). Round 2 (300 ms): its first segment measures 100 ms, and the read of it
    // closes the first round: 15,928 bytes read > 14,480, but twice that, plus twice the
    // growth, still fits the default buffer.
    assert_eq!(l.conn.rspace.drs.rtt_us8 >> 3, 100_000);
    assert_eq!(l.conn.rspace.drs.space, 11 * MSS);
    assert_eq!(l.conn.rspace.rcvbuf, 131_072);
    // The default buffer holds 81,920 bytes of window at 1448/2304 (ratio 160/256).
    assert!(w.iter().all(|&x| x <= 81_920), "{w:?}");
    // Round 3 (400 ms): 28,960 bytes read in round 2 > 15,928. tcp_rcvbuf_grow: rcvwin =
    // 2 × 28,960 + 2 × (57,920 × 13,032 / 15,928 = 47,389) = 152,698; sk_rcvbuf =
    // 152,698 × 256 / 160 = 244,316; window_clamp = 244,316 × 160 / 256 = 152,697.
    let w = rounds(&mut l, 2, 3, 300);
    assert_eq!(l.conn.rspace.rcvbuf, 244_316);
    assert_eq!(l.conn.rspace.drs.space, 20 * MSS);
    assert!(l.conn.rspace.window_clamp >= 152_697);
    // …and the window, which rcv_ssthresh lets grow by two segments a segment, passes the
    // default buffer's 81,920 within the round.
    assert!(w[0] > 81_920, "{w:?}");
    assert_eq!(l.state(), State::Established);
}

#[test]
fn so_rcvbuf_turns_auto_tuning_off() {
    let mut l = Lone::server(Profile::linux());
    // SO_RCVBUF 65,536 before listen: 131,072 after Linux's doubling, as the default, but
    // locked (SOCK_RCVBUF_LOCK).
    l.conn.set_option(l.now, SockOpt::RcvBuf(65_536)).unwrap();
    l.listen();
    let syn = l.linux_syn(Flags::SYN);
    l.recv(syn);
    l.at_ms(100);
    let ack = l.ack(Flags::EMPTY, 1, 1, b"");
    l.recv(ack);
    l.forget();
    assert!(l.conn.rspace.locked);
    let w = rounds(&mut l, 0, 4, 0);
    // The rounds are measured as before (rcvq_space.space follows what was read: round 2's
    // 40 segments when round 3 begins), but the buffer and the clamp never change.
    assert_eq!(l.conn.rspace.drs.space, 40 * MSS);
    assert_eq!(l.conn.rspace.rcvbuf, 131_072);
    assert!(w.iter().all(|&x| x <= 81_920), "{w:?}");
}

/// A reader that leaves data queued: what is still queued when a round closes is not
/// counted as read (`copied -= inq`, Linux ≥ 6.17). Here round 3 arrives unread; the read
/// at 500 ms closes round 2 on its first buffer with 28,960 bytes read since the round
/// began (more than 15,928: without the rule the buffer would grow to 244,316) but 56,472
/// still queued, so nothing grows.
#[test]
fn bytes_still_queued_are_not_counted_as_read() {
    let mut l = linux_server();
    rounds(&mut l, 0, 2, 0);
    assert_eq!(l.conn.rspace.drs.space, 11 * MSS);
    l.reads = false;
    rounds(&mut l, 2, 3, 300);
    assert_eq!(l.conn.unread(), 40 * MSS);
    l.at_ms(500);
    let n = l.conn.unread();
    assert_eq!(l.conn.read(l.now, n), n);
    assert_eq!(l.conn.rspace.rcvbuf, 131_072);
    assert_eq!(l.conn.rspace.drs.space, 11 * MSS);
}

/// `tcp_rcvbuf_grow` against Linux 6.18.44 itself: the `tcp:tcp_rcvbuf_grow` tracepoint of a
/// real `bulk-transfer` run (`tests/fixtures/linux-data/local/bulk-transfer.rcvbuf-grow.txt`)
/// gives, each time a round closed with more read than the last, the bytes copied, those
/// still queued, `rcvq_space.space` and `sk_rcvbuf` before; the next line gives `sk_rcvbuf`,
/// `window_clamp` and `space` after. The same arithmetic here gives the same numbers.
#[test]
fn tcp_rcvbuf_grow_reproduces_the_kernels_tracepoint() {
    // (copied, inq, space, rcvbuf) of each event, and (rcvbuf, window_clamp) of the next.
    let events: [(u32, u32, u32, u32); 5] = [
        (60_816, 24_616, 14_480, 131_072),
        (78_000, 0, 36_200, 463_360),
        (185_344, 7_240, 78_000, 826_022),
        (382_272, 0, 178_104, 2_032_816),
        (799_296, 22_249, 382_272, 4_027_840),
    ];
    let after: [(u32, u32); 4] = [
        (463_360, 289_600),
        (826_022, 516_263),
        (2_032_816, 1_270_510),
        (4_027_840, 2_517_400),
    ];
    let mut l = linux_server();
    // scaling_ratio=160 in every line: 1448 bytes of payload in 2304 of truesize.
    l.conn.rspace.ratio = 160;
    assert_eq!(l.conn.rspace.drs.space, 14_480);
    for (i, &(copied, inq, space, rcvbuf)) in events.iter().enumerate() {
        assert_eq!(l.conn.rspace.rcvbuf, rcvbuf, "event {i}");
        assert_eq!(l.conn.rspace.drs.space, space, "event {i}");
        l.conn.rcvbuf_grow(copied - inq);
        if let Some(&(buf, clamp)) = after.get(i) {
            assert_eq!(
                (l.conn.rspace.rcvbuf, l.conn.rspace.window_clamp),
                (buf, clamp),
                "after event {i}"
            );
        }
    }
    // The last event (no line after it): 2 × 777,047 + 2 × (1,554,094 × 394,775 / 382,272 =
    // 1,604,923) = 4,763,940 of window, 7,622,304 of buffer (under tcp_rmem[2], 32 MiB).
    assert_eq!(l.conn.rspace.rcvbuf, 7_622_304);
}
