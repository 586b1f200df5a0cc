//! A capture as the web app shows it (its file picker and drag-and-drop): the file's
//! connections to choose from ([`list`]), and the chosen one read with the model ([`show`]),
//! with what the reader must be told already written in their language. The web app's second
//! module computes these and hands them to the first in the binary form (feature `bin`), so
//! that the first module holds none of the reader (docs/WEB.md, "Two modules";
//! docs/CAPTURES.md).

use crate::{merge, open, Capture, CaptureError, ErrorKind, Note, Options, Skip, Timing};
use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use synack_sim::{Side, Trace};
use synack_text::pack::fill;
use synack_text::{texts, Lang};

texts! {
    /// The web app's texts about captures (section `capture_view`): its button and the list
    /// of connections (the banner's and the errors' texts, written by the second module,
    /// are [`Said`], so that the app holds none of them).
    pub enum Key in "capture_view" {
        Open => "Open capture…",
        OpenTitle => "Open a capture file (.pcap, .pcapng), or drop one on the page; two files captured at the two ends are merged. The file is read in this browser and sent nowhere.",
        DropHere => "Drop a capture (.pcap, .pcapng) or a packetdrill script (.pkt) here",
        Reading => "Reading the capture…",
        ListTitle => "Choose a connection",
        ListIntro => "{name} holds {n} TCP connections. Choose one to read with the model.",
        Stream => "Stream",
        Client => "Client",
        Server => "Server",
        Segments => "Segments",
        Bytes => "Bytes",
        Duration => "Duration (ms)",
        FirstFlags => "First flags",
        OtherError => "Cannot read the capture {name}: {what}.",
        ErrTooLarge => "the file has {len} bytes; this page reads captures up to {limit}",
    }
}

texts! {
    /// What the second module writes about a capture (section `capture_read`): the banner,
    /// what a file held besides TCP and what is wrong with it.
    pub enum Said in "capture_read" {
        Summary => "Capture {name}, stream {stream}: {n} segments read with the model; at the end the client is in {client} and the server in {server}.",
        Exact => "Captured at both ends: every time is as captured.",
        Estimated => "Captured at {side} only: {other}'s times are estimated ({ms} ms one way).",
        SkippedList => "Skipped: {what}.",
        Stopped => "Reading stopped at {where}: what came before is shown.",
        NoTcp => "{name} holds no TCP connection.",
        ReadError => "Cannot read the capture {name}: {where}: {what}.",
        AtByte => "at byte {offset}",
        InPacket => "packet {packet}, at byte {offset}",
        SkipLinkType => "{n} of link type {t}",
        SkipArp => "{n} ARP",
        SkipNotIp => "{n} not IP (type {t})",
        SkipIcmp => "{n} ICMP",
        SkipUdp => "{n} UDP",
        SkipIcmp6 => "{n} ICMPv6",
        SkipProto => "{n} of IP protocol {t}",
        SkipFragment => "{n} IP fragments",
        SkipTruncated => "{n} cut short by the snap length, or malformed below TCP",
        SkipBadTcp => "{n} malformed TCP",
        ErrTooShort => "only {len} bytes, too short for a pcap (24) or pcapng (28) header",
        ErrBadMagic => "its first four bytes ({magic}) are neither a pcap magic number (a1b2c3d4, a1b23c4d) nor pcapng's (0a0d0d0a): not a capture file",
        ErrTruncated => "the file is cut short: {needed} bytes needed, {left} left",
        ErrBlockLength => "pcapng block length {length} is not a multiple of 4 of at least 12, or its trailing copy differs",
        ErrByteOrder => "pcapng byte-order magic {magic} is not 1a2b3c4d in either order",
        ErrInterface => "a packet on interface {interface}, which no Interface Description Block declared",
        ErrTooLong => "a packet claims {len} captured bytes, more than the limit of {limit}",
        ErrNoStream => "no TCP stream {stream}: the file holds {count}",
        ErrNoMatch => "the two files share no connection between the same endpoints",
    }
}

/// One connection of the file, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Row {
    /// Wireshark's `tcp.stream`.
    pub stream: u32,
    /// `address:port` (IPv6 in brackets).
    pub client: String,
    pub server: String,
    pub segments: u32,
    /// TCP payload bytes, both directions.
    pub bytes: u64,
    /// First to last segment, milliseconds with three decimals.
    pub duration_ms: String,
    /// The first segment's flags (`SYN` when the capture saw it open).
    pub flags: String,
}

/// A file's connections, or why it cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum Listed {
    Read {
        rows: Vec<Row>,
        /// What else the file held, and where reading stopped if it did: sentences, or empty.
        skipped: String,
    },
    /// What is wrong and where (the file's name, the packet, the byte offset).
    Refused { error: String },
}

/// A note of the model's reading at its time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct At {
    /// The trace's time, µs.
    pub at: u64,
    pub text: String,
}

/// What the page says about the shown connection.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub struct Shown {
    /// The file's name (both, joined by ` + `, for a merge).
    pub name: String,
    pub stream: u32,
    /// The banner: the connection, its times (estimated or not), what was skipped.
    pub summary: String,
    /// The notes, in time order, for the narration.
    pub notes: Vec<At>,
    /// The side whose times are estimated (one end captured), if any.
    pub estimated: Option<Side>,
}

/// A connection read with the model, or why not.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "bin", derive(nanoserde::SerBin, nanoserde::DeBin))]
pub enum Opened {
    Read { trace: Box<Trace>, shown: Shown },
    Refused { error: String },
}

fn side_word(lang: Lang, s: Side) -> &'static str {
    lang.text(match s {
        Side::Client => crate::NoteKey::SideClient,
        Side::Server => crate::NoteKey::SideServer,
    })
}

/// Appends the sentence `s` to `out`: after a space, unless `out` is empty or ends with a
/// full-width stop (Chinese puts none between sentences).
fn push_sentence(out: &mut String, s: &str) {
    if s.is_empty() {
        return;
    }
    if !out.is_empty() && !out.ends_with(['。', '：', '；']) {
        out.push(' ');
    }
    out.push_str(s);
}

/// Microseconds as milliseconds with three decimals.
fn ms(us: u64) -> String {
    alloc::format!("{}.{:03}", us / 1000, us % 1000)
}

/// What is wrong, in `lang` (without its place).
pub fn error_what(kind: ErrorKind, lang: Lang) -> String {
    let t = |k: Said| lang.text(k);
    let hex = |m: u32| alloc::format!("{m:08x}");
    match kind {
        ErrorKind::TooShort { len } => fill(t(Said::ErrTooShort), &[("len", &len)]),
        ErrorKind::BadMagic { magic } => fill(t(Said::ErrBadMagic), &[("magic", &hex(magic))]),
        ErrorKind::Truncated { needed, left } => fill(
            t(Said::ErrTruncated),
            &[("needed", &needed), ("left", &left)],
        ),
        ErrorKind::BadBlockLength { length } => {
            fill(t(Said::ErrBlockLength), &[("length", &length)])
        }
        ErrorKind::BadByteOrder { magic } => fill(t(Said::ErrByteOrder), &[("magic", &hex(magic))]),
        ErrorKind::UnknownInterface { interface } => {
            fill(t(Said::ErrInterface), &[("interface", &interface)])
        }
        ErrorKind::PacketTooLong { len, limit } => {
            fill(t(Said::ErrTooLong), &[("len", &len), ("limit", &limit)])
        }
        ErrorKind::FileTooLarge { len, limit } => fill(
            lang.text(Key::ErrTooLarge),
            &[("len", &len), ("limit", &limit)],
        ),
        ErrorKind::NoSuchStream { stream, count } => fill(
            t(Said::ErrNoStream),
            &[("stream", &stream), ("count", &count)],
        ),
        ErrorKind::NoMatchingConnection => t(Said::ErrNoMatch).to_string(),
    }
}

/// Where in the file, in `lang`.
fn error_where(e: &CaptureError, lang: Lang) -> String {
    match e.packet {
        Some(p) => fill(
            lang.text(Said::InPacket),
            &[("packet", &p), ("offset", &e.offset)],
        ),
        None => fill(lang.text(Said::AtByte), &[("offset", &e.offset)]),
    }
}

/// The error as the page says it: the file, the place, what is wrong.
pub fn error_text(name: &str, e: &CaptureError, lang: Lang) -> String {
    let what = error_what(e.kind, lang);
    match e.kind {
        ErrorKind::NoSuchStream { .. } | ErrorKind::NoMatchingConnection => fill(
            lang.text(Key::OtherError),
            &[("name", &name), ("what", &what)],
        ),
        _ => fill(
            lang.text(Said::ReadError),
            &[
                ("name", &name),
                ("where", &error_where(e, lang)),
                ("what", &what),
            ],
        ),
    }
}

/// One kind of skipped frame, `n` of them, in `lang`.
pub fn skip_text(s: Skip, n: u32, lang: Lang) -> String {
    let (k, t) = match s {
        Skip::LinkType(t) => (Said::SkipLinkType, u32::from(t)),
        Skip::NotIp(0x0806) => (Said::SkipArp, 0),
        Skip::NotIp(t) => (Said::SkipNotIp, u32::from(t)),
        Skip::NotTcp(1) => (Said::SkipIcmp, 0),
        Skip::NotTcp(17) => (Said::SkipUdp, 0),
        Skip::NotTcp(58) => (Said::SkipIcmp6, 0),
        Skip::NotTcp(p) => (Said::SkipProto, u32::from(p)),
        Skip::Fragment => (Said::SkipFragment, 0),
        Skip::Truncated => (Said::SkipTruncated, 0),
        Skip::BadTcp => (Said::SkipBadTcp, 0),
    };
    fill(lang.text(k), &[("n", &n), ("t", &t)])
}

/// What `cap` held besides TCP, and where its reading stopped: sentences, or empty.
fn skipped(cap: &Capture, lang: Lang) -> String {
    let what: Vec<String> = cap.skipped().map(|(s, n)| skip_text(s, n, lang)).collect();
    let mut out = String::new();
    if !what.is_empty() {
        out = fill(lang.text(Said::SkippedList), &[("what", &what.join(", "))]);
    }
    if let Some(e) = cap.problem() {
        let stop = alloc::format!("{}: {}", error_where(&e, lang), error_what(e.kind, lang));
        push_sentence(
            &mut out,
            &fill(lang.text(Said::Stopped), &[("where", &stop)]),
        );
    }
    out
}

/// The connections of the capture file `data` (called `name`), in `lang`.
pub fn list(name: &str, data: &[u8], lang: Lang) -> Listed {
    let cap = match open(data) {
        Ok(c) => c,
        Err(e) => {
            return Listed::Refused {
                error: error_text(name, &e, lang),
            }
        }
    };
    if cap.connections().is_empty() {
        let mut error = fill(lang.text(Said::NoTcp), &[("name", &name)]);
        push_sentence(&mut error, &skipped(&cap, lang));
        return Listed::Refused { error };
    }
    let rows = cap
        .connections()
        .iter()
        .map(|c| {
            let mut flags = String::new();
            let _ = c.first_flags.write_joined(&mut flags, " ");
            Row {
                stream: c.stream,
                client: c.client.to_string(),
                server: c.server.to_string(),
                segments: c.segments,
                bytes: c.payload_bytes,
                duration_ms: ms(c.duration_ns() / 1000),
                flags,
            }
        })
        .collect();
    Listed::Read {
        rows,
        skipped: skipped(&cap, lang),
    }
}

/// The time of a note in the trace: its segment's send time, or its own.
fn note_at(n: &Note, trace: &Trace) -> u64 {
    let seg = |id: u32| {
        trace
            .segments
            .get(id as usize)
            .map_or(0, |r| r.sent_at.micros())
    };
    match *n {
        Note::TimesEstimated { .. } | Note::NoHandshake => 0,
        Note::ModelRetransmits { at_us, .. } => at_us,
        Note::EarlyRetransmission { id, .. }
        | Note::TailLossProbe { id, .. }
        | Note::Rejected { id, .. }
        | Note::Missing { id, .. }
        | Note::AheadOfModel { id, .. }
        | Note::Lost { id, .. }
        | Note::LossInferred { id, .. } => seg(id),
    }
}

/// Connection `stream` of the capture `data` (called `name`) read with the model, merged
/// with the capture `data2` of the other end when it is not empty; its texts in `lang`.
pub fn show(name: &str, data: &[u8], name2: &str, data2: &[u8], stream: u32, lang: Lang) -> Opened {
    let refuse = |n: &str, e: CaptureError| Opened::Refused {
        error: error_text(n, &e, lang),
    };
    let cap = match open(data) {
        Ok(c) => c,
        Err(e) => return refuse(name, e),
    };
    let mut about = skipped(&cap, lang);
    let both = alloc::format!("{name} + {name2}");
    let (ct, shown_name) = if data2.is_empty() {
        let options = Options {
            name: alloc::format!("{name}, stream {stream}"),
            ..Options::default()
        };
        match cap.observe(stream, &options) {
            Ok(ct) => (ct, name),
            Err(e) => return refuse(name, e),
        }
    } else {
        let cap2 = match open(data2) {
            Ok(c) => c,
            Err(e) => return refuse(name2, e),
        };
        let more = skipped(&cap2, lang);
        if !more.is_empty() {
            push_sentence(&mut about, &alloc::format!("{name2}: {more}"));
        }
        let options = Options {
            name: alloc::format!("{both}, stream {stream}"),
            ..Options::default()
        };
        match merge(&cap, &cap2, stream, &options) {
            Ok(ct) => (ct, both.as_str()),
            Err(e) => return refuse(&both, e),
        }
    };
    drop(cap);
    let trace = ct.trace;
    let [client, server] = trace.final_states;
    let mut summary = fill(
        lang.text(Said::Summary),
        &[
            ("name", &shown_name),
            ("stream", &stream),
            ("n", &trace.segments.len()),
            ("client", &client.rfc_name()),
            ("server", &server.rfc_name()),
        ],
    );
    let estimated = match ct.timing {
        Timing::Exact => {
            push_sentence(&mut summary, lang.text(Said::Exact));
            None
        }
        Timing::Estimated {
            captured_at,
            one_way_us,
        } => {
            push_sentence(
                &mut summary,
                &fill(
                    lang.text(Said::Estimated),
                    &[
                        ("side", &side_word(lang, captured_at)),
                        ("other", &side_word(lang, captured_at.other())),
                        ("ms", &ms(one_way_us)),
                    ],
                ),
            );
            Some(captured_at.other())
        }
    };
    if !about.is_empty() {
        push_sentence(&mut summary, &about);
    }
    let mut notes: Vec<At> = ct
        .notes
        .iter()
        .map(|n| At {
            at: note_at(n, &trace),
            text: n.text(lang),
        })
        .collect();
    notes.sort_by_key(|n| n.at);
    Opened::Read {
        trace: Box::new(trace),
        shown: Shown {
            name: shown_name.chars().take(160).collect(),
            stream,
            summary,
            notes,
            estimated,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = alloc::format!(
            "{}/../../tests/fixtures/captures/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    extern crate std;

    #[test]
    fn a_file_of_three_connections_is_listed_with_what_was_skipped() {
        let data = fixture("several.pcapng");
        let cap = open(&data).unwrap();
        let Listed::Read { rows, skipped } = list("several.pcapng", &data, Lang::EN) else {
            panic!("not read");
        };
        assert_eq!(rows.len(), cap.connections().len());
        assert_eq!(rows.len(), 3);
        for (r, c) in rows.iter().zip(cap.connections()) {
            assert_eq!(r.stream, c.stream);
            assert_eq!(r.segments, c.segments);
            assert_eq!(r.bytes, c.payload_bytes);
            assert_eq!(r.client, c.client.to_string());
        }
        assert_eq!(rows.first().map(|r| r.flags.as_str()), Some("SYN"));
        assert!(skipped.contains("ARP"), "{skipped}");
        assert!(skipped.contains("UDP"), "{skipped}");
    }

    #[test]
    fn a_stream_shows_its_segments_states_and_estimated_times() {
        let data = fixture("several.pcapng");
        let cap = open(&data).unwrap();
        let want = cap.observe(1, &Options::default()).unwrap();
        let Opened::Read { trace, shown } = show("several.pcapng", &data, "", &[], 1, Lang::EN)
        else {
            panic!("not read");
        };
        assert_eq!(trace.segments.len(), want.trace.segments.len());
        assert_eq!(trace.final_states, want.trace.final_states);
        assert_eq!(shown.notes.len(), want.notes.len());
        assert!(shown.estimated.is_some());
        assert!(shown.summary.contains("stream 1"), "{}", shown.summary);
        assert!(shown.summary.contains("estimated"), "{}", shown.summary);
        assert!(shown.notes.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn both_ends_merge_to_exact_times() {
        let (a, b) = (fixture("loss.client.pcap"), fixture("loss.server.pcap"));
        let Opened::Read { shown, trace } = show("c", &a, "s", &b, 0, Lang::EN) else {
            panic!("not read");
        };
        assert_eq!(shown.estimated, None);
        assert_eq!(shown.name, "c + s");
        assert!(shown.summary.contains("both ends"), "{}", shown.summary);
        assert!(!trace.segments.is_empty());
    }

    #[test]
    fn broken_files_are_located() {
        let data = fixture("handshake_close.client.pcap");
        let cut = data.get(..data.len() - 20).unwrap();
        // Cut inside the last record: the packets before it are listed, the stop is said.
        let Listed::Read { skipped, .. } = list("cut.pcap", cut, Lang::EN) else {
            panic!("not read");
        };
        assert!(skipped.contains("Reading stopped at packet"), "{skipped}");
        let Listed::Refused { error } = list("junk.pcap", b"hello, world: not a capture", Lang::EN)
        else {
            panic!("read");
        };
        assert!(
            error.starts_with("Cannot read the capture junk.pcap: at byte 0:"),
            "{error}"
        );
        let Opened::Refused { error } = show("x.pcap", &data, "", &[], 7, Lang::EN) else {
            panic!("read");
        };
        assert!(error.contains("no TCP stream 7"), "{error}");
    }
}
