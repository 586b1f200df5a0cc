//! D-SACK on the sender side: RFC 2883 §4's examples (500-byte segments from 3000).

use super::*;
use crate::recovery::sack::{check_dsack, first_block_is_dsack};

fn t(ms: u64) -> Instant {
    Instant::from_millis(ms)
}

/// Segments 3000-3499 ... sent 1 ms apart, MSS 500.
fn board(last_end: u32) -> Scoreboard {
    let mut sb = Scoreboard::new(3000, true, 500);
    let mut s = 3000;
    let mut i = 0;
    while s < last_end {
        assert!(sb.on_send(s, s + 500, false, t(i)));
        s += 500;
        i += 1;
    }
    sb
}

fn input(ack: u32, blocks: &[(u32, u32)], now: Instant) -> AckInput<'_> {
    AckInput {
        ack,
        blocks,
        now,
        tlp_high_seq: None,
        max_window: 65535,
    }
}

#[test]
fn example_1_a_duplicate_segment_below_the_cumulative_ack() {
    // §4.1.1: 3000-3499 and 3500-3999 arrive, both ACKs are dropped, 3000-3499 is
    // retransmitted: "4000, SACK=3000-3500" -- the block is below the ACK: a D-SACK.
    assert!(first_block_is_dsack(&[(3000, 3500)], 4000));
    let mut sb = board(4000);
    let mut rack = Rack::new();
    sb.on_retransmit(3000, 3500, t(300)).unwrap();
    let out = on_ack(&mut sb, &mut rack, &input(4000, &[(3000, 3500)], t(350)));
    let d = out.dsack.expect("a D-SACK");
    assert_eq!(
        (d.start, d.end, d.below_ack, d.dup_segs),
        (3000, 3500, true, 1)
    );
    assert!(
        d.retransmitted,
        "the sender had retransmitted: undo evidence"
    );
    assert_eq!(out.sacked.packets, 0, "never marked from a D-SACK");
    assert_eq!(out.cum.packets, 2);
    assert_eq!(sb.packets_out(), 0);
}

#[test]
fn example_2_an_out_of_order_segment_and_a_duplicate() {
    // §4.1.2: 4000-4499 is lost, 4500-4999 arrives (its SACK is dropped), 3000-3499 is
    // retransmitted: "4000, SACK=3000-3500, 4500-5000". The first block is the D-SACK, the
    // second an ordinary SACK.
    assert!(first_block_is_dsack(&[(3000, 3500), (4500, 5000)], 4000));
    let mut sb = board(5000);
    let mut rack = Rack::new();
    sb.on_retransmit(3000, 3500, t(300)).unwrap();
    let out = on_ack(
        &mut sb,
        &mut rack,
        &input(4000, &[(3000, 3500), (4500, 5000)], t(350)),
    );
    assert!(out.dsack.is_some_and(|d| d.below_ack && d.retransmitted));
    assert_eq!(out.sacked.packets, 1);
    assert_eq!(sb.find(4500).map(|e| e.sacked), Some(true));
    assert_eq!(sb.find(4000).map(|e| e.sacked), Some(false));
    assert_eq!(sb.snd_una(), 4000);
}

#[test]
fn example_3_a_duplicate_of_an_out_of_order_segment_inside_the_second_block() {
    // §4.1.3: 4000-4499 lost; 4500-4999 and 5000-5499 arrive; the network duplicates
    // 5000-5499: "4000, SACK=5000-5500, 4500-5500". The first block is a subset of the
    // second: a D-SACK.
    let blocks = [(5000, 5500), (4500, 5500)];
    assert!(first_block_is_dsack(&blocks, 4000));
    // The sender never retransmitted: Linux's tcp_dsack_seen skips it as dubious ("Skip the
    // DSACK if dup segs weren't retransmitted by sender"), and the second block still counts.
    let mut sb = board(5500);
    let mut rack = Rack::new();
    let fack_before = sb.fack();
    assert_eq!(
        check_dsack(&mut sb.clone(), &blocks, 4000, None, 65535),
        None
    );
    let out = on_ack(&mut sb, &mut rack, &input(4000, &blocks, t(300)));
    assert_eq!(out.dsack, None);
    assert_eq!(out.sacked.packets, 2);
    assert_eq!(sb.sacked_out(), 2);
    assert_eq!(fack_before, 3000);
}

#[test]
fn a_dsack_of_a_retransmission_inside_the_window_clears_its_retrans_mark_only() {
    // As example 3, but 5000-5499 had been retransmitted (spuriously): the D-SACK inside the
    // second block says the retransmission was redundant; it is not counted in flight any
    // more, and the D-SACK itself marks nothing.
    let mut sb = board(5500);
    let mut rack = Rack::new();
    sb.mark_lost_seq(5000);
    sb.on_retransmit(5000, 5500, t(200)).unwrap();
    sb.sack(&[(4500, 5000)], t(250), |_, _, _| {});
    assert_eq!(sb.retrans_out(), 1);
    let blocks = [(5000, 5500), (4500, 5000)];
    // The first block is not inside the second here: not a D-SACK by §4, so it is an
    // ordinary SACK of 5000-5500.
    assert!(!first_block_is_dsack(&blocks, 4000));
    let blocks = [(5000, 5500), (4500, 5500)];
    let out = on_ack(&mut sb, &mut rack, &input(4000, &blocks, t(300)));
    let d = out.dsack.expect("D-SACK");
    assert!(!d.below_ack && d.retransmitted);
    // The second block SACKs 5000-5499 (lost and retransmitted: both marks go).
    assert_eq!(
        (sb.retrans_out(), sb.lost_out(), sb.sacked_out()),
        (0, 0, 2)
    );
}

#[test]
fn plain_sack_blocks_are_not_dsacks_and_bad_blocks_are_ignored() {
    assert!(!first_block_is_dsack(&[(4500, 5000)], 4000));
    assert!(!first_block_is_dsack(&[(5500, 6000), (4500, 5000)], 4000));
    assert!(!first_block_is_dsack(&[], 4000));
    let mut sb = board(5000);
    let mut rack = Rack::new();
    // Beyond SND.NXT, reversed, or starting at SND.UNA: tcp_is_sackblock_valid says no.
    let blocks = [(4500, 6000), (4600, 4500), (3000, 3500)];
    let out = on_ack(&mut sb, &mut rack, &input(3000, &blocks, t(300)));
    assert_eq!(out.sacked.packets, 0);
    assert_eq!(out.dsack, None);
}

#[test]
fn a_dsack_longer_than_the_largest_window_is_dubious() {
    let mut sb = board(4000);
    sb.on_retransmit(3000, 3500, t(300)).unwrap();
    assert_eq!(
        check_dsack(&mut sb, &[(1000, 3500)], 4000, None, 2000),
        None
    );
}

#[test]
fn a_dsack_of_a_sacked_retransmission_shows_reordering() {
    // 3500-3999 was marked lost and retransmitted, then SACKed (by the original or the
    // retransmission); the other copy arrives and is D-SACKed inside the second block: the
    // original was only late -- reordering (tcp_sacktag_one's dup_sack branch).
    let mut sb = board(5000);
    let mut rack = Rack::new();
    sb.mark_lost_seq(3500);
    sb.on_retransmit(3500, 4000, t(200)).unwrap();
    sb.sack(&[(3500, 4500)], t(250), |_, _, _| {});
    assert_eq!(sb.reord_seen, 0);
    let out = on_ack(
        &mut sb,
        &mut rack,
        &input(3000, &[(3500, 4000), (3500, 4500)], t(300)),
    );
    let d = out.dsack.expect("D-SACK");
    assert_eq!((d.retrans_segs, d.below_ack), (1, false));
    assert_eq!(sb.reord_seen, 1);
}
