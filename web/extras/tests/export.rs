//! The second module's exports, natively: every format of every preset is written, in English
//! and Chinese, from a trace that crossed in the binary form, and equals what the CLI's own
//! writers give for the same trace.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_extras::{write, Request};
use synack_sim::{preset, presets, run, Config, Side, Trace};

const FORMATS: [&str; 8] = [
    "svg",
    "animated-svg",
    "pcap-client",
    "pcap-server",
    "mermaid",
    "json",
    "pkt-client",
    "pkt-server",
];

fn req<'a>(format: &'a str, pack: &'a str) -> Request<'a> {
    Request {
        format,
        pack,
        absolute: false,
        width: 760.0,
        theme: "auto",
    }
}

#[test]
fn every_format_of_every_preset_is_written_from_the_binary_form() {
    for p in presets() {
        let t = run(&preset(p.name).unwrap(), &Config::default()).unwrap();
        let t = Trace::from_bin(&t.to_bin()).unwrap();
        for f in FORMATS {
            let r = write(&t, &req(f, ""));
            // A packetdrill script needs a side running the `linux` profile.
            if f.starts_with("pkt-") && r.is_err() {
                continue;
            }
            let bytes = r.unwrap_or_else(|e| panic!("{} {f}: {e}", p.name));
            assert!(!bytes.is_empty(), "{} {f}", p.name);
        }
        assert_eq!(
            write(&t, &req("pcap-client", "")).unwrap(),
            synack_sim::pcap(&t, Side::Client)
        );
        assert_eq!(
            write(&t, &req("json", "")).unwrap(),
            t.to_json().unwrap().into_bytes()
        );
    }
}

#[test]
fn the_ladder_speaks_the_pack_s_language_and_unknown_formats_are_errors() {
    let pack =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../lang/zh.txt")).unwrap();
    let t = run(&preset("handshake-and-close").unwrap(), &Config::default()).unwrap();
    let svg = String::from_utf8(write(&t, &req("svg", &pack)).unwrap()).unwrap();
    assert!(svg.contains("客户端"), "{}", &svg[..200]);
    let en = String::from_utf8(write(&t, &req("svg", "")).unwrap()).unwrap();
    assert!(!en.contains("客户端"));
    let e = write(&t, &req("gif", "")).unwrap_err();
    assert!(e.contains("gif"), "{e}");
    assert!(write(&t, &req("svg", "not a pack")).is_err());
    assert!(synack_extras::export_file(b"\x01\x02", "svg", "", false, 760.0, "auto").is_err());
}

#[test]
fn a_script_runs_and_crosses_back_whole() {
    use nanoserde::DeBin;
    use synack_packetdrill::view::Opened;
    let src = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bind(3, ..., ...) = 0\n\
               +0 listen(3, 1) = 0\n+0.1 < S 0:0(0) win 29200 <mss 1400>\n\
               +0 > S. 0:0(0) ack 1 <mss 1460>\n";
    let bytes = synack_extras::pkt_open("a.pkt", src);
    let back = Opened::deserialize_bin(&bytes).unwrap();
    let direct = Opened::from(synack_packetdrill::view::open("a.pkt", src));
    assert_eq!(back, direct);
    match back {
        Opened::Ran { trace, .. } => assert!(trace.segments.len() >= 2),
        Opened::Refused { error } => panic!("{error:?}"),
    }
}
