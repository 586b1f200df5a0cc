//! What a capture knows and does not, drawn: estimated times marked on the ladder, the SVG
//! and the text ladder; a captured loss narrated as what the capture shows (not the
//! simulator's random loss); an IPv6 endpoint shown whole. Real captures of
//! tests/fixtures/captures (its README says how they were made).

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;
use synack_capture::{merge, open, Capture, Options};
use synack_diagram::{ladder_svg, Ladder, LadderOptions, Lang};
use synack_sim::{Estimated, Fate, LossCause, Side, Trace};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/captures");

fn capture(name: &str) -> Capture {
    open(&std::fs::read(format!("{DIR}/{name}")).unwrap()).unwrap()
}

fn zh() -> Lang {
    Lang::load(include_str!("../../../web/lang/zh.txt")).unwrap()
}

fn cause(r: &synack_sim::SegmentRecord) -> Option<LossCause> {
    match r.fate {
        Fate::Lost { cause, .. } => Some(cause),
        Fate::Arrived { .. } | Fate::InFlight => None,
    }
}

#[test]
fn a_one_end_capture_marks_the_other_ends_times_as_estimated() {
    let t = capture("loss.client.pcap")
        .trace(0, &Options::default())
        .unwrap();
    let mut lost = 0;
    for r in &t.segments {
        let want = match (r.from, &r.fate) {
            // Seen leaving the client; the server's capture is missing: no arrival at all.
            (Side::Client, Fate::Lost { .. }) => None,
            (Side::Client, _) => Some(Estimated::Arrival),
            (Side::Server, _) => Some(Estimated::Sent),
        };
        assert_eq!(r.estimated, want, "#{}", r.id);
        if let Some(c) = cause(r) {
            assert_eq!(c, LossCause::Inferred, "#{}", r.id);
            lost += 1;
        }
    }
    assert_eq!(lost, 2, "the wire dropped two segments (make.sh)");
    // In the JSON, as docs/TRACE.md says; a simulated trace has no such field.
    let json = t.to_json().unwrap();
    assert!(json.contains("\"estimated\":\"arrival\""));
    assert!(json.contains("\"estimated\":\"sent\""));
    assert!(json.contains("\"cause\":\"inferred\""));
    assert_eq!(Trace::from_json(&json).unwrap(), t);
    let sim = synack_sim::preset("handshake-and-close").unwrap();
    let sim = synack_sim::run(&sim, &synack_sim::Config::for_scenario(&sim)).unwrap();
    assert!(!sim.to_json().unwrap().contains("estimated"));
}

#[test]
fn two_ends_merged_estimate_nothing_and_a_loss_is_unseen_not_random() {
    let (c, s) = (capture("loss.client.pcap"), capture("loss.server.pcap"));
    let t = merge(&c, &s, 0, &Options::default()).unwrap().trace;
    assert!(t.segments.iter().all(|r| r.estimated.is_none()));
    let causes: Vec<LossCause> = t.segments.iter().filter_map(cause).collect();
    assert_eq!(causes, [LossCause::Unseen, LossCause::Unseen]);
}

#[test]
fn the_ladder_and_its_svg_draw_an_estimated_end_dashed_with_a_mark() {
    let t = capture("handshake_close.client.pcap")
        .trace(0, &Options::default())
        .unwrap();
    let ladder = Ladder::new(&t, &LadderOptions::default());
    assert_eq!(ladder.arrows.len(), t.segments.len());
    for a in &ladder.arrows {
        let e = a
            .estimated
            .as_ref()
            .expect("one end of each arrow is estimated");
        let r = &t.segments[a.id as usize];
        assert_eq!(Some(e.which), r.estimated);
        let (start, tip) = (a.points[0], *a.points.last().unwrap());
        // The dashed part is at the estimated end, on the arrow's line, between the lanes.
        let near = |p: synack_diagram::Point, q: synack_diagram::Point| {
            (p.x - q.x).abs() + (p.y - q.y).abs()
        };
        let (end, other) = match e.which {
            Estimated::Arrival => (tip, start),
            Estimated::Sent => (start, tip),
        };
        for p in e.line {
            assert!(near(p, end) < near(p, other), "#{}: {:?}", a.id, e.line);
            let lo = start.x.min(tip.x);
            let hi = start.x.max(tip.x);
            assert!(p.x > lo && p.x < hi, "#{}: {p:?} off the arrow", a.id);
        }
        assert_eq!(e.mark.text, "≈");
        let class = match e.which {
            Estimated::Arrival => "est-arrival",
            Estimated::Sent => "est-sent",
        };
        assert!(a.class.split(' ').any(|c| c == class), "{}", a.class);
    }
    let svg = ladder_svg(&t, &LadderOptions::default(), Lang::EN);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let est = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("est"))
        .count();
    // Every arrow, and the legend's sample.
    assert_eq!(est, t.segments.len() + 1);
    for want in [
        "estimated arrival time",
        "estimated send time",
        "estimated time (≈, dashed)",
    ] {
        assert!(svg.contains(want), "{want}");
    }
    let zh_svg = ladder_svg(&t, &LadderOptions::default(), zh());
    assert!(zh_svg.contains("推算的到达时间"));
    // A simulated run has nothing estimated: no mark, no legend entry.
    let sim = synack_sim::preset("handshake-and-close").unwrap();
    let sim = synack_sim::run(&sim, &synack_sim::Config::for_scenario(&sim)).unwrap();
    let plain = ladder_svg(&sim, &LadderOptions::default(), Lang::EN);
    assert!(!plain.contains("class=\"est\"") && !plain.contains("estimated"));
}

#[test]
fn a_captured_loss_is_narrated_as_what_the_capture_shows() {
    let one = capture("loss.client.pcap")
        .trace(0, &Options::default())
        .unwrap();
    let both = merge(
        &capture("loss.client.pcap"),
        &capture("loss.server.pcap"),
        0,
        &Options::default(),
    )
    .unwrap()
    .trace;
    for (t, en, zh_words) in [
        (&one, "is taken as lost", "被视为丢失"),
        (
            &both,
            "lost between the two capture points",
            "两个抓包点之间丢失",
        ),
    ] {
        let ladder = Ladder::new(t, &LadderOptions::default());
        let mut told = (0, 0);
        for i in 0..ladder.steps.len() {
            let e = ladder.narrate(t, i, Lang::EN).text;
            assert!(!e.contains("lost in the network"), "{e}");
            if e.contains(en) {
                told.0 += 1;
            }
            if ladder.narrate(t, i, zh()).text.contains(zh_words) {
                told.1 += 1;
            }
        }
        assert_eq!(told, (2, 2), "{en}");
    }
}

fn synack(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_synack"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn the_text_ladder_marks_estimated_times_and_captured_losses() {
    let out = synack(&["open", &format!("{DIR}/loss.client.pcap")]);
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.contains('▶') || l.contains('◀'))
        .collect();
    assert!(!lines.is_empty());
    for l in &lines {
        let sent = l.split_whitespace().next().unwrap();
        if l.contains('▶') {
            // The client's: sent as captured, arrival estimated (or lost).
            assert!(!sent.starts_with('~'), "{l}");
            assert!(l.contains("arrives ~") || l.contains("LOST?"), "{l}");
        } else {
            assert!(sent.starts_with('~'), "{l}");
            assert!(l.contains("arrives ") && !l.contains("arrives ~"), "{l}");
        }
    }
    assert_eq!(out.matches("LOST? (sent again before any ACK").count(), 2);
    assert!(!out.contains("random loss"));
    let both = synack(&[
        "open",
        &format!("{DIR}/loss.client.pcap"),
        &format!("{DIR}/loss.server.pcap"),
    ]);
    assert!(!both.contains('~'));
    assert_eq!(
        both.matches("LOST (not in the receiver's capture)").count(),
        2
    );
}

#[test]
fn an_ipv6_endpoint_is_shown_whole() {
    let cap = capture("several.sll2.pcap");
    let t = cap.trace(2, &Options::default()).unwrap();
    // RFC 5952: the zero groups compressed, in brackets before the port.
    assert_eq!(t.client.address.as_deref(), Some("[fd77::1]:40201"));
    assert_eq!(t.server.address.as_deref(), Some("[fd77::2]:5003"));
    assert_eq!(t.client.label(), "[fd77::1]:40201");
    // An IPv4 connection needs none.
    let v4 = cap.trace(0, &Options::default()).unwrap();
    assert_eq!(v4.client.address, None);
    assert_eq!(v4.client.label(), "10.77.0.1:40200");
    let ladder = Ladder::new(&t, &LadderOptions::default());
    let subtitles: Vec<&str> = ladder
        .lanes
        .iter()
        .map(|l| l.subtitle.text.as_str())
        .collect();
    assert_eq!(subtitles, ["[fd77::1]:40201", "[fd77::2]:5003"]);
    let svg = ladder_svg(&t, &LadderOptions::default(), Lang::EN);
    assert!(svg.contains("the client [fd77::1]:40201 (left)"));
    assert!(synack_diagram::mermaid(&t).contains("[fd77::2]:5003"));
    // The CLI's list and its ladder's header.
    let out = synack(&["open", &format!("{DIR}/several.sll2.pcap"), "--stream", "2"]);
    assert!(out.contains("client [fd77::1]:40201 (capture)"), "{out}");
    let list = synack(&["open", &format!("{DIR}/several.sll2.pcap")]);
    let row = list
        .lines()
        .find(|l| l.trim_start().starts_with("2 "))
        .unwrap();
    let cols: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(&cols[1..3], ["[fd77::1]:40201", "[fd77::2]:5003"], "{row}");
}
