//! Geometry invariants of the ladder, on every preset.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use synack_core::Instant;
use synack_diagram::{ArrowFate, Ladder, LadderOptions, Lang, Phase, SeqMode};
use synack_sim::{Side, Trace};

fn ladders() -> Vec<(&'static str, Trace, Ladder)> {
    common::all()
        .into_iter()
        .map(|(n, t)| {
            let l = Ladder::new(&t, &LadderOptions::default());
            (n, t, l)
        })
        .collect()
}

fn lane_x(l: &Ladder, side: Side) -> f32 {
    l.lanes[side.index()].x
}

#[test]
fn arrows_go_from_the_sender_lane_towards_the_other() {
    for (name, trace, l) in ladders() {
        assert_eq!(l.arrows.len(), trace.segments.len(), "{name}");
        for a in &l.arrows {
            let (first, last) = (a.points[0], *a.points.last().unwrap());
            let (xs, xr) = (lane_x(&l, a.from), lane_x(&l, a.from.other()));
            assert_eq!(first.x, xs, "{name} #{}: starts off its lane", a.id);
            assert!(a.t0 <= a.t1, "{name} #{}", a.id);
            assert!(first.y <= last.y, "{name} #{}: goes up", a.id);
            // On the row of its instant (rows of one instant share a plateau of the axis).
            // Far down a dense trace one µs is less than an f32 step of y (bulk-transfer:
            // 0.0014 px/µs at y ≈ 18,500), so an instant that is indistinguishable at that
            // y is as good as exact: it maps back to the very same y.
            for (y, t) in [(first.y, a.t0), (last.y, a.t1)] {
                let back = l.t_at(y);
                assert!(
                    back == t || (l.y_at(back) == y && back.0.abs_diff(t.0) <= 2),
                    "{name} #{}: y {y} reads back as {back:?}, not {t:?}",
                    a.id
                );
            }
            let towards = (last.x - xs) * (xr - xs);
            assert!(towards > 0.0, "{name} #{}: goes the wrong way", a.id);
            match a.fate {
                ArrowFate::Arrived => {
                    assert_eq!(last.x, xr, "{name} #{}: does not reach the receiver", a.id);
                    assert!(a.head.is_some() && a.cross.is_none(), "{name} #{}", a.id);
                }
                ArrowFate::Lost => {
                    assert!(
                        (last.x - xs).abs() < (xr - xs).abs() * 0.9,
                        "{name} #{}: lost arrow reaches the lane",
                        a.id
                    );
                    assert!(a.cross.is_some() && a.head.is_none(), "{name} #{}", a.id);
                    assert!(a.class.contains("lost"), "{name} #{}", a.id);
                }
                ArrowFate::InFlight => assert!(a.head.is_none() && a.cross.is_none()),
            }
            assert!(!a.label.text.is_empty());
            assert!(
                a.label.angle > -90.0 && a.label.angle <= 90.0,
                "{name} #{}: upside-down label",
                a.id
            );
            if a.retransmission {
                assert!(
                    a.class.contains("retx") && a.tag.is_some(),
                    "{name} #{}",
                    a.id
                );
            }
        }
        // Sending order.
        assert!(l.arrows.windows(2).all(|w| w[0].t0 <= w[1].t0), "{name}");
    }
}

#[test]
fn y_is_monotonic_in_time_and_the_inverse_round_trips() {
    for (name, trace, l) in ladders() {
        let (s, e) = (l.start.0, l.end.0);
        assert_eq!(e, trace.end.0.max(e), "{name}");
        let mut prev = f32::MIN;
        let n = 2000u64;
        for i in 0..=n {
            let t = s + (e - s) * i / n;
            let y = l.y_at(Instant(t));
            assert!(y >= prev, "{name}: y({t}) = {y} < {prev}");
            prev = y;
        }
        // Strictly increasing over the key instants (knots).
        assert!(l.axis.knots_y.windows(2).all(|w| w[0] < w[1]), "{name}");
        assert!(l.axis.knots_t.windows(2).all(|w| w[0] < w[1]), "{name}");
        // y → t → y (a y on a plateau, where time stands still for a burst of
        // segments, comes back as the plateau's bottom).
        let (top, bottom) = (l.axis.top(), l.axis.bottom());
        let max_plateau = l.axis.plateau_px.iter().copied().fold(0.0, f32::max);
        for i in 0..=500 {
            let y = top + (bottom - top) * i as f32 / 500.0;
            let t = l.t_at(y);
            let y2 = l.y_at(t);
            assert!(
                y2 - y > -0.5 && y2 - y < 0.5 + max_plateau,
                "{name}: y {y} → t {} → y {y2}",
                t.0
            );
        }
        // t → y → t at every key instant.
        for &k in &l.axis.knots_t {
            assert_eq!(l.t_at(l.y_at(Instant(k))).0, k, "{name}");
        }
        // Clamped outside.
        assert_eq!(l.t_at(top - 100.0).0, s);
        assert_eq!(l.t_at(bottom + 100.0).0, e);
        assert_eq!(l.t_at(f32::NAN).0, s);
    }
}

#[test]
fn long_quiet_gaps_are_compressed_in_order_and_marked() {
    let mut breaks = 0;
    for (name, _, l) in ladders() {
        let compressed: Vec<_> = l.axis.pieces().filter(|p| p.4).collect();
        assert_eq!(compressed.len(), l.breaks.len(), "{name}");
        for (b, p) in l.breaks.iter().zip(&compressed) {
            assert_eq!((b.t0.0, b.t1.0), (p.0, p.1), "{name}");
            assert!(b.y1 > b.y0 && b.t1 > b.t0, "{name}");
            let linear = (b.t1.0 - b.t0.0) as f64 * l.axis.px_per_us;
            assert!(
                f64::from(b.y1 - b.y0) < linear,
                "{name}: a break that does not compress"
            );
            assert!(
                b.label.text.starts_with('…') && b.label.text.ends_with('…'),
                "{name}"
            );
            assert!(b.zigzag.iter().all(|z| z.len() > 10), "{name}");
            assert!(b.zigzag[0][0].y < b.zigzag[1][0].y, "{name}");
        }
        assert!(
            l.breaks
                .windows(2)
                .all(|w| w[0].y1 <= w[1].y0 && w[0].t1 <= w[1].t0),
            "{name}"
        );
        breaks += l.breaks.len();
    }
    assert!(breaks > 0);
    // TIME-WAIT's 60 s reads as a break, not as metres of paper.
    let (_, _, l) = ladders()
        .into_iter()
        .find(|x| x.0 == "handshake-and-close")
        .unwrap();
    assert!(
        l.breaks.iter().any(|b| b.label.text.contains("60 s")),
        "{:?}",
        l.breaks
    );
    assert!(l.height < 1200.0, "{}", l.height);
}

#[test]
fn the_last_frame_shows_everything_done_and_the_final_states() {
    for (name, trace, l) in ladders() {
        let f = l.frame(trace.end);
        assert_eq!(f.started, l.arrows.len(), "{name}");
        assert!(f.moving.is_empty(), "{name}: {:?}", f.moving);
        assert!(
            (0..l.arrows.len()).all(|i| f.phase(i) == Phase::Done),
            "{name}"
        );
        assert_eq!(f.states, trace.final_states, "{name}");
        for side in Side::BOTH {
            let b = f.bands[side.index()].expect("a band");
            assert_eq!(l.bands[b].state, trace.final_states[side.index()], "{name}");
        }
        assert_eq!(f.step, Some(l.steps.len() - 1), "{name}");
        // Before anything: nothing sent.
        let f0 = l.frame(Instant(0));
        assert!(l
            .arrows
            .iter()
            .enumerate()
            .all(|(i, a)| (a.t0.0 == 0) == (f0.phase(i) != Phase::Future)));
    }
}

#[test]
fn a_moving_segment_has_its_dot_on_the_playhead_and_its_arrow() {
    for (name, _, l) in ladders() {
        for (i, a) in l.arrows.iter().enumerate() {
            if a.t1.0 <= a.t0.0 + 1 {
                continue;
            }
            let t = Instant((a.t0.0 + a.t1.0) / 2);
            let f = l.frame(t);
            assert_eq!(f.phase(i), Phase::Moving, "{name} #{i}");
            let m = f.moving.iter().find(|m| m.arrow == i).unwrap();
            assert!(
                (m.dot.y - f.y).abs() < 1e-3,
                "{name} #{i}: dot off the playhead"
            );
            let (p, q) = (a.points[0], *a.points.last().unwrap());
            let cross = (q.x - p.x) * (m.dot.y - p.y) - (q.y - p.y) * (m.dot.x - p.x);
            assert!(
                cross.abs() < 1e-2 * (q.x - p.x).abs().max(1.0) * 10.0,
                "{name} #{i}: dot off its arrow"
            );
            assert!(
                m.progress > 0.0 && m.progress < 1.0,
                "{name} #{i}: {}",
                m.progress
            );
            assert_eq!(m.points.first(), Some(&p));
            assert_eq!(m.points.last(), Some(&m.dot));
            // Every moving arrow is really in flight, and every arrow in flight is listed.
            for (j, b) in l.arrows.iter().enumerate() {
                let flying = b.t0 <= t && t < b.t1;
                assert_eq!(
                    f.phase(j) == Phase::Moving,
                    flying,
                    "{name} #{j} at {}",
                    t.0
                );
            }
        }
    }
}

#[test]
fn bands_cover_each_lane_and_name_the_state_at_every_step() {
    for (name, trace, l) in ladders() {
        for side in Side::BOTH {
            let bands: Vec<_> = l.bands.iter().filter(|b| b.side == side).collect();
            assert_eq!(bands[0].t0, l.start, "{name}");
            assert_eq!(bands.last().unwrap().t1, l.end, "{name}");
            assert!(
                bands.windows(2).all(|w| w[0].t1 == w[1].t0),
                "{name}: gap between bands"
            );
            // Names never overlap.
            assert!(
                bands
                    .windows(2)
                    .all(|w| w[1].label.at.y - w[0].label.at.y >= 12.0),
                "{name}"
            );
            assert!(bands
                .iter()
                .all(|b| b.label.text == b.state.rfc_name() && b.h >= 0.0));
        }
        for step in &l.steps.list {
            let f = l.frame(step.at);
            for side in Side::BOTH {
                let want = l.timeline.state_at(side, step.at);
                assert_eq!(f.states[side.index()], want, "{name}");
                let b = &l.bands[f.bands[side.index()].unwrap()];
                if b.t1 > b.t0 {
                    assert_eq!(b.state, want, "{name} at {}", step.at.0);
                }
            }
        }
        let _ = trace;
    }
}

#[test]
fn timers_sit_beside_their_lane_and_run_while_armed() {
    let mut n = 0;
    for (name, _, l) in ladders() {
        for (i, b) in l.timers.iter().enumerate() {
            assert!(
                b.h > 0.0 && b.armed < b.stop && b.armed <= b.deadline,
                "{name}"
            );
            match b.side {
                Side::Client => assert!(b.x + b.w < lane_x(&l, Side::Client) - 80.0, "{name}"),
                Side::Server => assert!(b.x > lane_x(&l, Side::Server) + 80.0, "{name}"),
            }
            let mid = Instant((b.armed.0 + b.stop.0) / 2);
            let f = l.frame(mid);
            let live = f.timers.iter().find(|lt| lt.bar == i).expect("running");
            assert_eq!(live.remaining_us, b.deadline.0.saturating_sub(mid.0));
            assert!((0.0..=1.0).contains(&live.fraction_left));
            n += 1;
        }
    }
    assert!(n > 0);
}

#[test]
fn steps_are_ordered_and_walkable() {
    for (name, _, l) in ladders() {
        let s = &l.steps;
        assert!(s.list.windows(2).all(|w| w[0].at < w[1].at), "{name}");
        for (i, st) in s.list.iter().enumerate() {
            assert!(!st.events.is_empty() || !st.lost.is_empty(), "{name}");
            assert_eq!(s.index_at(st.at), Some(i));
            assert_eq!(s.next_after(st.at), (i + 1 < s.len()).then_some(i + 1));
            assert_eq!(s.prev_before(st.at), i.checked_sub(1));
        }
    }
}

#[test]
fn labels_follow_the_sequence_number_mode() {
    let trace = common::trace("handshake-and-close");
    let rel = Ladder::new(&trace, &LadderOptions::default());
    let abs = Ladder::new(
        &trace,
        &LadderOptions {
            seq: SeqMode::Absolute,
            ..LadderOptions::default()
        },
    );
    assert_eq!(rel.arrows[0].label.text, "SYN seq=0");
    assert_eq!(rel.arrows[1].label.text, "SYN,ACK seq=0 ack=1");
    assert_eq!(rel.arrows[3].label.text, "PSH,ACK seq=1 ack=1 len=5");
    let isn = trace.segments[0].segment.seq;
    assert_eq!(abs.arrows[0].label.text, format!("SYN seq={isn}"));
    let zh_ladder = Ladder::new(
        &trace,
        &LadderOptions {
            lang: zh(),
            ..LadderOptions::default()
        },
    );
    assert_eq!(zh_ladder.lanes[0].title.text, "客户端");
    assert_eq!(rel.lanes[1].subtitle.text, "10.0.0.2:5000");
    // TCB rows.
    let rows = rel
        .tcb_rows(Side::Client, Instant(120_000), Lang::EN)
        .unwrap();
    let get = |n: &str| rows.iter().find(|r| r.name == n).unwrap().value.clone();
    assert_eq!(get("STATE"), "ESTABLISHED");
    assert_eq!(get("SND.NXT"), "6");
    assert_eq!(get("RCV.NXT"), "1");
    assert_eq!(get("ISS"), isn.to_string());
    let abs_rows = abs.tcb_rows(Side::Client, Instant(120_000), zh()).unwrap();
    assert_eq!(
        abs_rows.iter().find(|r| r.name == "SND.NXT").unwrap().value,
        isn.wrapping_add(6).to_string()
    );
    assert!(
        rel.tcb_rows(Side::Server, Instant(0), Lang::EN).is_some()
            || trace
                .snapshots
                .iter()
                .all(|s| s.side != Side::Server || s.at.0 > 0)
    );
}

/// Simplified Chinese, from the committed pack (kept in step with `lang/zh.txt` by
/// `synack-langpack`'s test).
fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

/// A trace whose events are not in time order (a hand-made one may not be): the ladder reads
/// its steps from a sorted copy, as `Steps::new` does, and finds the same instants and each
/// instant's events as in the trace in order.
#[test]
fn events_out_of_time_order_make_the_same_steps() {
    for (name, t) in common::all() {
        let mut back = t.clone();
        back.events.reverse();
        if back.events.windows(2).all(|w| w[0].at <= w[1].at) {
            continue; // one instant only: reversed, still in order
        }
        let l = Ladder::new(&back, &LadderOptions::default());
        assert_eq!(l.steps, synack_diagram::Steps::new(&back), "{name}");
        let want = Ladder::new(&t, &LadderOptions::default()).steps;
        assert_eq!(l.steps.len(), want.len(), "{name}");
        let n = back.events.len() as u32;
        for (s, w) in l.steps.list.iter().zip(&want.list) {
            assert_eq!(s.at, w.at, "{name}");
            let mut got: Vec<u32> = s.events.iter().map(|&i| n - 1 - i).collect();
            got.sort_unstable();
            let mut expected = w.events.clone();
            expected.sort_unstable();
            assert_eq!(got, expected, "{name} at {:?}", s.at);
            assert!(s.events.iter().all(|&i| back.events[i as usize].at == s.at));
        }
    }
}
