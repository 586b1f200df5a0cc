//! Flights on the ladder: a long transfer collapsed reads as rounds, and nothing a lesson
//! is about is ever hidden in a band.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use synack_core::{Event, Flags, SendReason, TcpOption};
use synack_diagram::ladder::{Collapsed, FlightKind, Flights, COLLAPSE_ABOVE};
use synack_diagram::{Ladder, LadderOptions};
use synack_sim::{Fate, Side, Trace, TraceEventKind};

/// Rows a reader scans: arrows drawn on their own plus bands.
fn visible_rows(l: &Ladder) -> usize {
    l.arrows.iter().filter(|a| a.flight.is_none()).count() + l.flights.len()
}

fn collapsed_ladder(trace: &Trace) -> (Flights, Collapsed, Ladder) {
    let f = Flights::new(trace);
    let c = Collapsed::default_for(trace, &f);
    let l = Ladder::with_flights(trace, &LadderOptions::default(), &f, &c);
    (f, c, l)
}

/// Segments whose arrival the receiver answered with a state change (found from the
/// events: the last `arrived` of that side before its `StateChanged`, at that instant).
fn state_changing(trace: &Trace) -> BTreeSet<u32> {
    let mut last: [Option<(u64, u32)>; 2] = [None, None];
    let mut out = BTreeSet::new();
    for e in &trace.events {
        let i = e.side.index();
        match &e.kind {
            TraceEventKind::Arrived { id } => last[i] = Some((e.at.0, *id)),
            TraceEventKind::App { .. } => last[i] = None,
            TraceEventKind::Core {
                event: Event::StateChanged { .. },
            } => {
                if let Some((at, id)) = last[i] {
                    if at == e.at.0 {
                        out.insert(id);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn bulk_transfer_collapsed_reads_as_rounds_of_slow_start() {
    let trace = common::trace("bulk-transfer");
    assert!(trace.segments.len() > COLLAPSE_ABOVE);
    let (f, c, l) = collapsed_ladder(&trace);
    assert!(c.any());
    let full = Ladder::new(&trace, &LadderOptions::default());
    let rows = visible_rows(&l);
    // 1,652 segments read as a few dozen rows: rounds, not texture.
    assert!(
        rows * 20 <= trace.segments.len(),
        "{rows} rows for {} segments",
        trace.segments.len()
    );
    assert!(
        l.height * 5.0 < full.height,
        "{} vs {}",
        l.height,
        full.height
    );
    // Every segment is either drawn or counted in a band.
    let in_bands: usize = l.flights.iter().map(|b| b.count as usize).sum();
    assert_eq!(
        in_bands + l.arrows.iter().filter(|a| a.flight.is_none()).count(),
        trace.segments.len()
    );
    // The client's first data bands are the slow-start rounds, each one burst of the trace.
    let mut bursts: Vec<(u64, Vec<u32>)> = Vec::new();
    for r in trace
        .segments
        .iter()
        .filter(|r| r.from == Side::Client && r.reason == SendReason::Data)
    {
        match bursts.last_mut() {
            Some(b) if b.0 == r.sent_at.0 => b.1.push(r.id),
            _ => bursts.push((r.sent_at.0, vec![r.id])),
        }
    }
    let data_bands: Vec<_> = l
        .flights
        .iter()
        .filter(|b| b.from == Side::Client && b.kind == FlightKind::Data)
        .collect();
    let counts: Vec<u32> = data_bands.iter().take(3).map(|b| b.count).collect();
    assert_eq!(counts, [10, 20, 40]);
    for (b, (_, ids)) in data_bands.iter().zip(&bursts).take(3) {
        assert_eq!(&b.segments, ids);
        assert!(
            b.label.text.starts_with(&format!("{}× seq=", b.count)),
            "{:?}",
            b.label
        );
    }
    // The ACKs of each round are a band of the server's too.
    assert!(l
        .flights
        .iter()
        .any(|b| b.from == Side::Server && b.kind == FlightKind::Acks));
    // Members of one flight leaving at one instant share one row.
    for b in &l.flights {
        let mut starts = std::collections::BTreeMap::new();
        for id in &b.segments {
            let Some(a) = l.arrows.get(*id as usize) else {
                panic!()
            };
            let y = a.points.first().map_or(0.0, |p| p.y);
            let prev = *starts.entry(a.t0).or_insert(y);
            assert_eq!(prev, y, "flight {} at {:?}", b.flight, a.t0);
        }
    }
    assert_eq!(f.len(), l.flights.len());
}

#[test]
fn behind_a_bottleneck_a_flight_takes_the_height_of_its_duration() {
    // 20 Mbit/s: a 1,448-byte segment every 0.58 ms, so a round's segments leave and
    // arrive at dozens of distinct instants (and the server reads after each arrival).
    let Some(sc) = synack_sim::preset("bulk-transfer") else {
        panic!()
    };
    let mut cfg = synack_sim::Config::for_scenario(&sc);
    // A queue long enough that nothing is dropped: the receiver's auto-tuned window lets
    // slow start overflow a short one, and drops are not what this test is about.
    cfg.set_bottleneck(20_000_000, 1000);
    let trace = synack_sim::run(&sc, &cfg).unwrap_or_else(|e| panic!("{e:?}"));
    let distinct: BTreeSet<u64> = trace
        .segments
        .iter()
        .filter_map(|r| match r.fate {
            Fate::Arrived { at } => Some(at.0),
            _ => None,
        })
        .collect();
    assert!(distinct.len() > 1000, "{}", distinct.len());
    let (_, _, l) = collapsed_ladder(&trace);
    let plain = Ladder::new(&trace, &LadderOptions::default());
    assert!(
        l.height * 4.0 < plain.height,
        "{} vs {}",
        l.height,
        plain.height
    );
    assert!(
        visible_rows(&l) * 10 <= trace.segments.len(),
        "{}",
        visible_rows(&l)
    );
    // The slow-start rounds are still there.
    let counts: Vec<u32> = l
        .flights
        .iter()
        .filter(|b| b.from == Side::Client && b.kind == FlightKind::Data)
        .take(3)
        .map(|b| b.count)
        .collect();
    assert_eq!(counts, [10, 20, 40]);
}

#[test]
fn no_lesson_is_hidden_in_a_band() {
    for (name, trace) in common::all() {
        let f = Flights::new(&trace);
        let l = Ladder::with_flights(&trace, &LadderOptions::default(), &f, &Collapsed::all(&f));
        let changing = state_changing(&trace);
        let mut retransmissions = 0;
        for a in &l.arrows {
            let Some(r) = trace.segments.get(a.id as usize) else {
                panic!()
            };
            let special = matches!(r.fate, Fate::Lost { .. })
                || !matches!(r.reason, SendReason::Data | SendReason::Ack)
                || r.segment
                    .flags
                    .intersects(Flags::SYN | Flags::FIN | Flags::RST)
                || r.segment.window == 0
                || r.segment
                    .options
                    .iter()
                    .any(|o| matches!(o, TcpOption::Sack(_)))
                || changing.contains(&r.id)
                || r.duplicate_of.is_some()
                || a.rejected;
            if special {
                assert!(a.flight.is_none(), "{name}: segment {} hidden: {r:?}", r.id);
            }
            if !matches!(r.reason, SendReason::Data | SendReason::Ack) {
                retransmissions += 1;
            }
        }
        if name == "fast-retransmit" {
            assert!(retransmissions > 0);
            // The duplicate ACKs that trigger the fast retransmit stay their own rows.
            let dup = l
                .arrows
                .iter()
                .filter(|a| {
                    trace.segments.get(a.id as usize).map(|r| r.reason)
                        == Some(SendReason::OutOfOrderAck)
                })
                .count();
            assert!(dup >= 3);
        }
    }
}

#[test]
fn flights_are_back_to_back_within_a_round_trip() {
    for (name, trace) in common::all() {
        let f = Flights::new(&trace);
        let mut seen = BTreeSet::new();
        for (k, fl) in f.list.iter().enumerate() {
            assert!(fl.segments.len() >= 2, "{name}");
            let recs: Vec<_> = fl
                .segments
                .iter()
                .filter_map(|&id| trace.segments.get(id as usize))
                .collect();
            assert_eq!(recs.len(), fl.segments.len());
            for r in &recs {
                assert_eq!(r.from, fl.side, "{name}");
                assert!(seen.insert(r.id), "{name}: segment {} in two flights", r.id);
                assert_eq!(f.flight_of(r.id), Some(k), "{name}");
            }
            // Back to back: no other segment of the side between the first and the last.
            let (Some(a), Some(b)) = (fl.segments.first(), fl.segments.last()) else {
                panic!()
            };
            let between = trace
                .segments
                .iter()
                .filter(|r| r.from == fl.side && r.id > *a && r.id < *b)
                .count();
            assert_eq!(
                between + 2,
                fl.segments.len(),
                "{name}: flight {k} has gaps"
            );
            // Within one round trip: before anything the first one caused can come back.
            assert!(
                fl.t1.0 - fl.t0.0 < 2 * synack_diagram::typical_transit_us(&trace),
                "{name}: flight {k} spans {} µs",
                fl.t1.0 - fl.t0.0
            );
            if fl.kind == FlightKind::Data {
                for w in recs.windows(2) {
                    if let [p, q] = w {
                        assert_eq!(
                            p.segment.seq.wrapping_add(p.segment.payload.len() as u32),
                            q.segment.seq,
                            "{name}"
                        );
                    }
                }
            }
        }
        // Flights are listed in order of first sending.
        for w in f.list.windows(2) {
            if let [p, q] = w {
                assert!(p.segments.first() < q.segments.first(), "{name}");
            }
        }
    }
}

#[test]
fn nothing_collapsed_is_the_plain_ladder_and_one_flight_expands() {
    let trace = common::trace("fast-retransmit");
    let opts = LadderOptions::default();
    let plain = Ladder::new(&trace, &opts);
    let f = Flights::new(&trace);
    let none = Ladder::with_flights(&trace, &opts, &f, &Collapsed::none());
    assert_eq!(none.arrows, plain.arrows);
    assert_eq!(none.axis, plain.axis);
    assert_eq!(none.height, plain.height);
    assert!(none.flights.is_empty());

    // fast-retransmit has 120 segments: collapsed by default.
    let mut c = Collapsed::default_for(&trace, &f);
    assert!(c.any());
    let small = common::trace("handshake-and-close");
    assert!(!Collapsed::default_for(&small, &Flights::new(&small)).any());

    let before = Ladder::with_flights(&trace, &opts, &f, &c);
    let Some(band) = before.flights.iter().max_by_key(|b| b.count) else {
        panic!("no flight in fast-retransmit")
    };
    let (k, n) = (band.flight as usize, band.count as usize);
    let members = band.segments.clone();
    c.expand(k);
    assert!(!c.is_collapsed(k));
    let after = Ladder::with_flights(&trace, &opts, &f, &c);
    assert_eq!(after.flights.len() + 1, before.flights.len());
    assert_eq!(visible_rows(&after), visible_rows(&before) + n - 1);
    for id in &members {
        assert_eq!(after.arrows.get(*id as usize).and_then(|a| a.flight), None);
    }
    assert!(after.height > before.height);
    c.collapse(k);
    let again = Ladder::with_flights(&trace, &opts, &f, &c);
    assert_eq!(again.flights, before.flights);
    assert_eq!(again.arrows, before.arrows);
}

#[test]
fn collapsed_ladders_keep_time_monotonic_and_bands_on_their_lanes() {
    for (name, trace) in common::all() {
        let f = Flights::new(&trace);
        let l = Ladder::with_flights(&trace, &LadderOptions::default(), &f, &Collapsed::all(&f));
        for w in l.axis.knots_y.windows(2) {
            if let [a, b] = w {
                assert!(a < b, "{name}: y not increasing");
            }
        }
        let lane = |s: Side| l.lanes[s.index()].x;
        for b in &l.flights {
            let [s0, r0, r1, s1] = b.polygon;
            assert_eq!((s0.x, s1.x), (lane(b.from), lane(b.from)), "{name}");
            assert_eq!(
                (r0.x, r1.x),
                (lane(b.from.other()), lane(b.from.other())),
                "{name}"
            );
            assert!(s0.y <= s1.y && r0.y <= r1.y, "{name}: band upside down");
            assert!(s0.y < r0.y, "{name}: band arrives before it leaves");
        }
    }
}

#[test]
fn the_collapsed_svg_draws_bands_instead_of_their_arrows() {
    let trace = common::trace("bulk-transfer");
    let (_, _, l) = collapsed_ladder(&trace);
    let svg = synack_diagram::ladder_svg_of(&l, &trace);
    let shown = l.arrows.iter().filter(|a| a.flight.is_none()).count();
    assert_eq!(svg.matches("<g class=\"seg ").count(), shown);
    assert_eq!(svg.matches("<g class=\"flight ").count(), l.flights.len());
    assert_eq!(svg.matches("<g").count(), svg.matches("</g>").count());
    assert!(svg.contains(">10× seq=1–14481<") || svg.contains("<title>10× seq=1–14481</title>"));
    // Smaller than the full drawing by about the arrows it no longer draws.
    let full =
        synack_diagram::ladder_svg_of(&Ladder::new(&trace, &LadderOptions::default()), &trace);
    assert!(
        svg.len() * 5 < full.len(),
        "{} vs {}",
        svg.len(),
        full.len()
    );
}

/// `PRESET=… [BPS=… QUEUE=…] cargo test -p synack-diagram --test flights dump -- --ignored`
/// writes /tmp/collapsed.svg.
#[test]
#[ignore]
fn dump_collapsed_svg() {
    let name = std::env::var("PRESET").unwrap_or("bulk-transfer".into());
    let Some(sc) = synack_sim::preset(&name) else {
        panic!()
    };
    let mut cfg = synack_sim::Config::for_scenario(&sc);
    if let Ok(bps) = std::env::var("BPS") {
        let q = std::env::var("QUEUE")
            .ok()
            .and_then(|q| q.parse().ok())
            .unwrap_or(0);
        cfg.set_bottleneck(bps.parse().unwrap_or(10_000_000), q);
    }
    let trace = synack_sim::run(&sc, &cfg).unwrap_or_else(|e| panic!("{e:?}"));
    eprintln!("{} segments", trace.segments.len());
    let (_, _, l) = collapsed_ladder(&trace);
    std::fs::write(
        "/tmp/collapsed.svg",
        synack_diagram::ladder_svg_of(&l, &trace),
    )
    .unwrap();
}
