//! The second module's captures, natively: what crosses in the binary form decodes to the
//! same connections and trace as the reader gives, in English and in Chinese.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use nanoserde::DeBin;
use synack_capture::view::{Listed, Opened};
use synack_extras::capture::{capture_list, capture_open};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/captures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn zh() -> String {
    std::fs::read_to_string(format!("{}/../lang/zh.txt", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn a_listing_and_a_stream_cross_whole_in_both_languages() {
    let data = fixture("several.sll2.pcap");
    let cap = synack_capture::open(&data).unwrap();
    for pack in [String::new(), zh()] {
        let listed = Listed::deserialize_bin(&capture_list("s.pcap", &data, &pack)).unwrap();
        let Listed::Read { rows, .. } = listed else {
            panic!("not read")
        };
        assert_eq!(rows.len(), cap.connections().len());
        let bytes = capture_open("s.pcap", &data, "", &[], 1, &pack);
        let Opened::Read { trace, shown } = Opened::deserialize_bin(&bytes).unwrap() else {
            panic!("not read")
        };
        let want = cap.observe(1, &Default::default()).unwrap();
        assert_eq!(trace.segments, want.trace.segments);
        assert_eq!(trace.final_states, want.trace.final_states);
        assert_eq!(shown.notes.len(), want.notes.len());
        if !pack.is_empty() {
            assert!(shown.summary.contains("流 1"), "{}", shown.summary);
            // No space between Chinese sentences.
            assert!(!shown.summary.contains("。 "), "{}", shown.summary);
        }
    }
}

#[test]
fn garbage_is_refused_with_its_place() {
    let listed = Listed::deserialize_bin(&capture_list("g.pcap", &[0x42; 64], "")).unwrap();
    let Listed::Refused { error } = listed else {
        panic!("read")
    };
    assert!(error.contains("g.pcap: at byte 0"), "{error}");
}
