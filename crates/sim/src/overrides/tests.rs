//! Parsing, bounds and bad input of the data-phase settings (their effect on a run:
//! tests/overrides.rs).

use super::*;
use alloc::string::ToString;

fn err<'a>(r: Result<impl fmt::Debug, OverrideError<'a>>) -> OverrideError<'a> {
    match r {
        Ok(v) => panic!("accepted as {v:?}"),
        Err(e) => e,
    }
}

#[test]
fn every_setting_reads_its_values() {
    assert_eq!(parse_cc("cubic"), Ok(CongestionKind::Cubic));
    assert_eq!(parse_cc(" Reno "), Ok(CongestionKind::Reno));
    for (s, on) in [("on", true), ("1", true), ("off", false), ("0", false)] {
        assert_eq!(parse_nagle(s), Ok(on), "{s}");
    }
    assert_eq!(parse_size("300"), Ok(300));
    assert_eq!(parse_read("instant"), Ok(Read::Instant));
    assert_eq!(parse_read("slow:20"), Ok(Read::Slow(20)));
    assert_eq!(parse_read("paused: 3"), Ok(Read::Paused(3)));
    assert_eq!(parse_bw("0"), Ok(0));
    assert_eq!(parse_queue("200"), Ok(200));
    for r in [Read::Instant, Read::Slow(7), Read::Paused(60)] {
        assert_eq!(parse_read(&r.code()), Ok(r));
    }
    for k in Knob::ALL {
        assert_eq!(Knob::named(k.name()), Some(k));
    }
    assert_eq!(Knob::named("bandwidth"), None);
}

#[test]
fn bounds_are_inclusive_and_a_number_past_them_says_which() {
    for (knob, (lo, hi)) in [
        (Knob::Size, SIZE_KB),
        (Knob::Bw, BANDWIDTH_MBPS),
        (Knob::Queue, QUEUE_PKTS),
    ] {
        let parse: fn(&str) -> Result<u32, OverrideError<'_>> = match knob {
            Knob::Size => parse_size,
            Knob::Bw => parse_bw,
            _ => parse_queue,
        };
        assert_eq!(parse(&lo.to_string()), Ok(lo));
        assert_eq!(parse(&hi.to_string()), Ok(hi));
        let above = (hi + 1).to_string();
        let e = err(parse(&above));
        assert_eq!((e.knob, e.problem), (knob, Problem::OutOfRange));
        assert!(
            e.to_string().contains(&format!("outside {lo} to {hi}")),
            "{e}"
        );
        if lo > 0 {
            assert_eq!(
                err(parse(&(lo - 1).to_string())).problem,
                Problem::OutOfRange
            );
        }
    }
    assert_eq!(
        err(parse_size("0")).to_string(),
        "size: “0” is outside 1 to 20000 kB"
    );
    // More digits than a u32 holds: still a number, and too large.
    assert_eq!(err(parse_size("99999999999")).problem, Problem::OutOfRange);
    assert_eq!(parse_read("slow:10000"), Ok(Read::Slow(10_000)));
    let e = err(parse_read("slow:0"));
    assert_eq!((e.problem, e.part(), e.at()), (Problem::OutOfRange, "0", 5));
    assert_eq!(
        e.to_string(),
        "read: “0” (at character 6 of “slow:0”) is outside 1 to 10000 kB/s"
    );
    assert!(err(parse_read("paused:61"))
        .to_string()
        .ends_with("is outside 1 to 60 seconds"));
}

#[test]
fn bad_input_is_named_with_where_it_is_wrong() {
    let e = err(parse_cc("bbr"));
    assert_eq!(e.problem, Problem::UnknownValue);
    assert_eq!(
        e.to_string(),
        "cc: “bbr” is not a congestion control: use cubic or reno"
    );
    assert_eq!(err(parse_cc("")).problem, Problem::UnknownValue);
    assert_eq!(err(parse_nagle("maybe")).problem, Problem::Malformed);
    assert!(err(parse_nagle("yes"))
        .to_string()
        .contains("not on or off"));
    for s in ["", "1e3", "-1", "3.5", "12kB", "+4"] {
        let e = err(parse_size(s));
        assert_eq!(e.problem, Problem::Malformed, "{s}");
        assert!(e.message().contains("not a whole number of kB"), "{s}: {e}");
    }
    assert!(err(parse_bw("fast")).message().contains("Mbit/s"));
    assert!(err(parse_queue("-3")).message().contains("packets"));
    for s in ["fast", "slow", "slow:", "quick:3", "instant:1", ""] {
        let e = err(parse_read(s));
        assert_eq!(e.problem, Problem::Malformed, "{s}");
        assert!(e.message().contains("not instant, slow:N"), "{s}: {e}");
    }
    // The number's own mistake, and where it starts.
    let e = err(parse_read("slow:x"));
    assert_eq!((e.part(), e.at()), ("x", 5));
    assert_eq!(
        e.to_string(),
        "read: “x” (at character 6 of “slow:x”) is not a whole number of kB/s (1 to 10000)"
    );
    let e = err(parse_read("paused:1:2"));
    assert_eq!((e.part(), e.at()), ("1:2", 7));
    // Characters, not bytes: a reader counts what they see.
    assert_eq!(err(parse_read("\u{3000}slow:é")).at(), 6);
    // The number's place, even where its text appears earlier.
    let e = err(parse_read("slow:slow"));
    assert_eq!((e.part(), e.at()), ("slow", 5));
    assert!(e.message().contains("not a whole number of kB/s"), "{e}");
    assert_eq!(err(parse_read("paused: 0")).at(), 8);
    assert_eq!(err(parse_size(" 5x")).at(), 1);
}

#[test]
fn set_takes_the_nearest_allowed_value_and_says_so() {
    let mut d = DataOverrides::default();
    assert_eq!(
        d.set(Knob::Size, "50000").map_err(|e| e.problem),
        Err(Problem::OutOfRange)
    );
    assert_eq!(d.size_kb, Some(SIZE_KB.1));
    assert_eq!(
        d.set(Knob::Read, "slow:0").map_err(|e| e.problem),
        Err(Problem::OutOfRange)
    );
    assert_eq!(d.read, Some(Read::Slow(1)));
    // Anything else leaves the setting as it was.
    assert_eq!(
        d.set(Knob::Size, "x").map_err(|e| e.problem),
        Err(Problem::Malformed)
    );
    assert_eq!(d.size_kb, Some(SIZE_KB.1));
    assert!(d.set(Knob::Cc, "vegas").is_err());
    assert_eq!(d.cc, None);
    // No bottleneck and no queue limit are "as the preset".
    d.set(Knob::Bw, "20").unwrap();
    d.set(Knob::Queue, "40").unwrap();
    assert_eq!((d.bw_mbps, d.queue_pkts), (Some(20), Some(40)));
    d.set(Knob::Bw, "0").unwrap();
    d.set(Knob::Queue, "0").unwrap();
    assert_eq!((d.bw_mbps, d.queue_pkts), (None, None));
    d.unset(Knob::Read);
    assert_eq!(d.read, None);
}

#[test]
fn the_query_reads_back_as_the_same_settings() {
    let d = DataOverrides {
        cc: Some(CongestionKind::Reno),
        nagle: Some(false),
        size_kb: Some(300),
        read: Some(Read::Paused(3)),
        bw_mbps: Some(20),
        queue_pkts: Some(40),
    };
    let query = d.query();
    assert_eq!(
        query,
        [
            "bw=20",
            "queue=40",
            "cc=reno",
            "nagle=0",
            "size=300",
            "read=paused:3"
        ]
    );
    let mut back = DataOverrides::default();
    for kv in &query {
        let (k, v) = kv.split_once('=').unwrap();
        back.set(Knob::named(k).unwrap(), v).unwrap();
    }
    assert_eq!(back, d);
    assert!(DataOverrides::default().query().is_empty());
}

#[test]
fn the_bottleneck_reaches_both_links() {
    let mut c = Config::default();
    DataOverrides {
        queue_pkts: Some(5),
        ..DataOverrides::default()
    }
    .configure(&mut c);
    assert_eq!(c, Config::default(), "a queue alone is no bottleneck");
    DataOverrides {
        bw_mbps: Some(10),
        queue_pkts: Some(5),
        ..DataOverrides::default()
    }
    .configure(&mut c);
    for l in [&c.to_server, &c.to_client] {
        assert_eq!((l.bandwidth_bps, l.queue_packets), (10_000_000, 5));
    }
}
