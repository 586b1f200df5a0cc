//! The header inspector's data (`explain::fields`, `explain::option_text`): places, values and the
//! sentences computed from them, in both languages.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_core::wire::{Flags, Ipv4Pair, Segment, TcpOption};
use synack_text::explain::{
    field_name, field_what, fields, option_text, segment_fields, Context, Field, FieldKey, Relative,
};
use synack_text::Lang;

/// Simplified Chinese, from the committed pack (which `synack-langpack`'s test keeps in step
/// with `lang/zh.txt`).
fn zh_lang() -> Lang {
    static PACK: std::sync::OnceLock<synack_text::pack::Pack> = std::sync::OnceLock::new();
    Lang::of(PACK.get_or_init(|| {
        synack_text::pack::Pack::parse(include_str!("../../../web/lang/zh.txt")).unwrap()
    }))
}

const IPS: Ipv4Pair = Ipv4Pair {
    src: [10, 99, 0, 1],
    dst: [10, 99, 0, 2],
};

fn linux_syn() -> Segment {
    Segment {
        src_port: 40001,
        dst_port: 5000,
        seq: 4_217_178_629,
        flags: Flags::SYN,
        window: 64240,
        options: vec![
            TcpOption::Mss(1460),
            TcpOption::SackPermitted,
            TcpOption::Timestamps {
                tsval: 862_076_262,
                tsecr: 0,
            },
            TcpOption::Nop,
            TcpOption::WindowScale(10),
        ],
        ..Segment::default()
    }
}

fn explain(seg: &Segment, ctx: &Context) -> Vec<Field> {
    fields(&seg.emit(IPS), ctx).unwrap()
}

fn get(fs: &[Field], key: FieldKey) -> &Field {
    fs.iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("no field {key}"))
}

fn en() -> Context {
    Context {
        ips: Some(IPS),
        ..Context::new(Lang::EN)
    }
}

fn zh() -> Context {
    Context {
        ips: Some(IPS),
        ..Context::new(zh_lang())
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn linux_syn_layout_matches_the_rfc_diagram() {
    let fs = explain(&linux_syn(), &en());
    let keys: Vec<String> = fs.iter().map(|f| f.key.to_string()).collect();
    assert_eq!(
        keys,
        [
            "src_port",
            "dst_port",
            "seq",
            "ack",
            "data_offset",
            "reserved",
            "flag_cwr",
            "flag_ece",
            "flag_urg",
            "flag_ack",
            "flag_psh",
            "flag_rst",
            "flag_syn",
            "flag_fin",
            "window",
            "checksum",
            "urgent",
            "option_0",
            "option_1",
            "option_2",
            "option_3",
            "option_4"
        ]
    );
    let places: Vec<(u32, u32)> = fs.iter().map(|f| (f.bit_offset, f.bit_len)).collect();
    assert_eq!(
        places[..6],
        [(0, 16), (16, 16), (32, 32), (64, 32), (96, 4), (100, 4)]
    );
    // Flags: CWR at bit 104 ... FIN at 111, each in byte 13.
    for (i, f) in fs[6..14].iter().enumerate() {
        assert_eq!((f.bit_offset, f.bit_len), (104 + i as u32, 1));
        assert_eq!(f.byte_range(), 13..14);
    }
    // Options: MSS 4 bytes at 20, SACK_PERM 2, TS 10, NOP 1, WS 3, ending at 40.
    let opts: Vec<_> = fs[17..].iter().map(|f| f.byte_range()).collect();
    assert_eq!(opts, [20..24, 24..26, 26..36, 36..37, 37..40]);
    assert_eq!(
        fs[17].key,
        FieldKey::Option { index: 0, kind: 2 },
        "option keys carry their kind"
    );
    let displays: Vec<&str> = fs.iter().map(|f| f.display.as_str()).collect();
    assert_eq!(
        displays[..],
        [
            "40001",
            "5000",
            "4217178629",
            "0 (ignored)",
            "10 (40 bytes)",
            "0000",
            "0 (not set)",
            "0 (not set)",
            "0 (not set)",
            "0 (not set)",
            "0 (not set)",
            "0 (not set)",
            "1 (set)",
            "0 (not set)",
            "64240",
            "0x124f (verified)",
            "0",
            "MSS=1460",
            "SACK_PERM",
            "TS val=862076262 ecr=0",
            "NOP",
            "WS=10",
        ]
    );
    let raws: Vec<Option<u32>> = fs.iter().map(|f| f.raw).collect();
    assert_eq!(
        raws[..5],
        [
            Some(40001),
            Some(5000),
            Some(4_217_178_629),
            Some(0),
            Some(10)
        ]
    );
    assert_eq!(raws[12], Some(1), "SYN bit");
    assert_eq!(raws[15], Some(0x124f));
    assert!(raws[17..].iter().all(Option::is_none));
}

#[test]
fn syn_means_iss_and_consumes_one_number() {
    let fs = explain(&linux_syn(), &en());
    let seq = &get(&fs, FieldKey::Seq).means;
    assert!(seq.contains("initial sequence number (ISS)"), "{seq}");
    assert!(
        seq.contains("first data byte will be number 4217178630"),
        "{seq}"
    );
    let ack = &get(&fs, FieldKey::Ack).means;
    assert!(
        ack.starts_with("Ignored, because the ACK flag is not set"),
        "{ack}"
    );
    let syn = &get(&fs, FieldKey::FlagSyn).means;
    assert!(
        syn.contains("first step of the three-way handshake"),
        "{syn}"
    );
    let window = &get(&fs, FieldKey::Window).means;
    assert!(window.contains("never scaled"), "{window}");
    assert!(window.contains("2^10"), "{window}");
    let ts = &get(&fs, FieldKey::Option { index: 2, kind: 8 }).means;
    assert!(ts.contains("TSecr (0) is not valid"), "{ts}");
    let nop = &get(&fs, FieldKey::Option { index: 3, kind: 1 }).means;
    assert!(nop.contains("Window Scale"), "{nop}");
    let offset = &get(&fs, FieldKey::DataOffset).means;
    assert!(
        offset.starts_with("10 words × 4 = 40 bytes of header"),
        "{offset}"
    );
    assert!(offset.contains("20 bytes of options"), "{offset}");
}

#[test]
fn data_segment_with_relative_numbers_and_window_scaling() {
    let seg = Segment {
        src_port: 40001,
        dst_port: 5000,
        seq: 4_217_178_630,
        ack: 2_258_311_379,
        flags: Flags::PSH | Flags::ACK,
        window: 63,
        options: vec![
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Timestamps { tsval: 1, tsecr: 2 },
        ],
        payload: b"hello".into(),
        ..Segment::default()
    };
    let ctx = Context {
        relative: Some(Relative {
            iss: 4_217_178_629,
            irs: 2_258_311_378,
        }),
        window_shift: Some(10),
        ..en()
    };
    let fs = explain(&seg, &ctx);
    assert_eq!(get(&fs, FieldKey::Seq).display, "4217178630 (relative 1)");
    let seq = &get(&fs, FieldKey::Seq).means;
    assert!(seq.contains("numbered 4217178630 to 4217178634"), "{seq}");
    assert!(seq.ends_with("Relative: seq 1 (ISS + 1)."), "{seq}");
    let ack = get(&fs, FieldKey::Ack);
    assert_eq!(ack.display, "2258311379 (relative 1)");
    assert!(
        ack.means.ends_with("Relative: ack 1 (IRS + 1)."),
        "{}",
        ack.means
    );
    let window = get(&fs, FieldKey::Window);
    assert_eq!(window.display, "63 (× 1024 = 64512)");
    assert!(
        window.means.contains("63 × 2^10 = 64512"),
        "{}",
        window.means
    );
    let payload = get(&fs, FieldKey::Payload);
    assert_eq!(payload.display, "\"hello\"");
    assert_eq!(payload.byte_range(), 32..37);
    assert!(payload.means.contains("acknowledges them with 4217178635"));
    assert!(
        payload.means.ends_with("Relative: 1 to 5."),
        "{}",
        payload.means
    );
    let psh = &get(&fs, FieldKey::FlagPsh).means;
    assert!(psh.contains("these 5 bytes"), "{psh}");

    // Without a known shift, the window text says how scaling would apply.
    let fs = explain(&seg, &en());
    let window = get(&fs, FieldKey::Window);
    assert_eq!(window.display, "63");
    assert!(
        window.means.starts_with("Raw 63; multiplied by 2^scale"),
        "{}",
        window.means
    );
    // And the flag is distinguished from the number.
    let ack_flag = &get(&fs, FieldKey::FlagAck).means;
    assert!(ack_flag.contains("(2258311379) is valid"), "{ack_flag}");
}

#[test]
fn rst_ack_from_a_closed_port() {
    let rst = Segment {
        src_port: 5002,
        dst_port: 40002,
        seq: 0,
        ack: 0xc9a8_e797,
        flags: Flags::RST | Flags::ACK,
        ..Segment::default()
    };
    let ips = Ipv4Pair {
        src: IPS.dst,
        dst: IPS.src,
    };
    let fs = fields(
        &rst.emit(ips),
        &Context {
            ips: Some(ips),
            ..Context::new(Lang::EN)
        },
    )
    .unwrap();
    assert_eq!(fs.len(), 17, "no options, no data");
    assert!(get(&fs, FieldKey::Seq).means.contains("RFC 9293 §3.10.7.1"));
    assert!(get(&fs, FieldKey::Ack).means.contains("SYN-SENT"));
    assert!(get(&fs, FieldKey::Window).means.contains("not used"));
    assert!(get(&fs, FieldKey::DataOffset).means.contains("no options"));
}

#[test]
fn fin_and_bad_checksum_and_padding() {
    let seg = Segment {
        seq: 100,
        ack: 7,
        flags: Flags::FIN | Flags::ACK,
        options: vec![TcpOption::Mss(536), TcpOption::Eol],
        payload: vec![0, 1, 2].into(),
        ..Segment::default()
    };
    let mut bytes = seg.emit(IPS);
    let fs = fields(&bytes, &en()).unwrap();
    let fin = &get(&fs, FieldKey::FlagFin).means;
    assert!(fin.contains("occupies sequence number 103"), "{fin}");
    assert!(fin.contains("acknowledge it with 104"), "{fin}");
    // MSS outside a SYN is ignored.
    let mss = &get(&fs, FieldKey::Option { index: 0, kind: 2 }).means;
    assert!(mss.contains("only allowed in a SYN"), "{mss}");
    // EOL at byte 24, then 3 bytes of zero padding up to 28.
    let pad = get(&fs, FieldKey::Padding);
    assert_eq!(pad.byte_range(), 25..28);
    assert_eq!(pad.display, "3 × 0x00");
    assert!(pad.means.contains("28 bytes"), "{}", pad.means);
    // Non-text data shows as hex.
    assert_eq!(get(&fs, FieldKey::Payload).display, "00 01 02");

    // Corrupt the checksum: fields still explain it.
    bytes[17] ^= 0xff;
    let fs = fields(&bytes, &en()).unwrap();
    let sum = get(&fs, FieldKey::Checksum);
    assert!(
        sum.display.contains("wrong; expected 0x"),
        "{}",
        sum.display
    );
    assert!(sum.means.contains("silently drops"), "{}", sum.means);
    let fs = fields(&bytes, &Context::new(Lang::EN)).unwrap();
    assert!(get(&fs, FieldKey::Checksum)
        .means
        .starts_with("Not checked"));
}

#[test]
fn both_languages_have_every_text_and_the_same_facts() {
    let segs = [
        linux_syn(),
        Segment {
            flags: Flags(0xff),
            urgent: 3,
            window: 0,
            options: vec![
                TcpOption::Sack(vec![(10, 20)]),
                TcpOption::Unknown {
                    kind: 30,
                    data: vec![1, 2],
                },
            ],
            payload: b"x".into(),
            ..Segment::default()
        },
    ];
    for seg in &segs {
        let (e, z) = (explain(seg, &en()), explain(seg, &zh()));
        assert_eq!(e.len(), z.len());
        for (e, z) in e.iter().zip(&z) {
            assert_eq!(
                (e.key, e.bit_offset, e.bit_len, e.raw),
                (z.key, z.bit_offset, z.bit_len, z.raw)
            );
            assert_eq!(e.rfc, z.rfc);
            for (en, zh) in [
                (e.name, z.name),
                (e.what, z.what),
                (&e.means[..], &z.means[..]),
            ] {
                assert!(!en.is_empty() && !zh.is_empty(), "{}", e.key);
                assert!(!has_cjk(en), "Chinese in English text of {}: {en}", e.key);
                // Names such as "NOP" or "SACK" may stay Latin; sentences are Chinese.
                if !std::ptr::eq(en, e.name) {
                    assert!(has_cjk(zh), "no Chinese in {} text: {zh}", e.key);
                }
            }
            // Numbers in the sentences are the same numbers.
            let digits = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_ascii_digit())
                    .filter(|d| d.len() >= 3)
                    .map(String::from)
                    .collect()
            };
            let (mut de, mut dz) = (digits(&e.means), digits(&z.means));
            de.sort();
            dz.sort();
            de.dedup();
            dz.dedup();
            assert_eq!(de, dz, "{}: {} / {}", e.key, e.means, z.means);
        }
    }
    // The fixed-field names a student will look for.
    let names: Vec<&str> = [
        FieldKey::Seq,
        FieldKey::Ack,
        FieldKey::Window,
        FieldKey::Checksum,
        FieldKey::Urgent,
        FieldKey::DataOffset,
    ]
    .iter()
    .map(|k| field_name(*k, zh_lang()))
    .collect();
    assert_eq!(
        names,
        ["序列号", "确认号", "窗口", "校验和", "紧急指针", "数据偏移"]
    );
    assert!(field_what(FieldKey::Option { index: 0, kind: 99 }, zh_lang()).contains("长度"));
}

#[test]
fn all_flags_set_and_zero_window() {
    let seg = Segment {
        seq: 1000,
        flags: Flags(0xff),
        urgent: 3,
        window: 0,
        payload: b"x".into(),
        ..Segment::default()
    };
    let fs = explain(&seg, &en());
    for key in &FieldKey::FIXED[6..14] {
        assert_eq!(get(&fs, *key).raw, Some(1), "{key}");
        assert_eq!(get(&fs, *key).display, "1 (set)");
    }
    let urg = &get(&fs, FieldKey::Urgent).means;
    assert!(urg.contains("before sequence number 1003"), "{urg}");
    // RST is set too, so the window is not used; without RST it is a zero window.
    assert!(get(&fs, FieldKey::Window).means.contains("not used"));
    let seg = Segment {
        flags: Flags::ACK,
        ..seg
    };
    let fs = explain(&seg, &en());
    assert!(get(&fs, FieldKey::Window).means.starts_with("Zero window"));
}

#[test]
fn option_text_covers_every_option() {
    let cases: [(TcpOption, &str, &str); 8] = [
        (TcpOption::Mss(1460), "up to 1460 bytes", "1460 字节"),
        (TcpOption::WindowScale(7), "2^7 = 128", "2^7 = 128"),
        (TcpOption::WindowScale(15), "treated as 14", "按 14 处理"),
        (
            TcpOption::SackPermitted,
            "selective acknowledgments",
            "选择确认",
        ),
        (
            TcpOption::Sack(vec![(1001, 2001), (3001, 4001)]),
            "bytes 1001–2000, 3001–4000",
            "1001–2000、3001–4000",
        ),
        (
            TcpOption::Timestamps { tsval: 5, tsecr: 6 },
            "TSval 5",
            "TSecr 6",
        ),
        (TcpOption::Nop, "No-Operation", "无操作"),
        (
            TcpOption::Unknown {
                kind: 34,
                data: vec![0; 8],
            },
            "kind 34 (TCP Fast Open Cookie) with 8 bytes",
            "类型为 34 的选项",
        ),
    ];
    for (opt, en, zh) in cases {
        let (e, z) = (option_text(&opt, Lang::EN), option_text(&opt, zh_lang()));
        assert!(e.contains(en), "{e}");
        assert!(z.contains(zh), "{z}");
    }
    assert!(option_text(&TcpOption::Eol, Lang::EN).starts_with("End of Option List"));
}

#[test]
fn errors_are_the_parse_errors() {
    for bad in [&[0u8; 19][..], &[0x00; 20][..]] {
        assert_eq!(
            fields(bad, &en()).unwrap_err(),
            Segment::parse(bad, None).unwrap_err()
        );
    }
}

#[test]
fn segment_fields_explains_what_emit_writes() {
    let seg = linux_syn();
    assert_eq!(segment_fields(&seg, &zh()), explain(&seg, &zh()));
    // Without addresses the checksum is computed over zero addresses and shown unverified.
    let fs = segment_fields(&seg, &Context::new(Lang::EN));
    let zero = Ipv4Pair {
        src: [0; 4],
        dst: [0; 4],
    };
    assert_eq!(
        fs,
        fields(&seg.emit(zero), &Context::new(Lang::EN)).unwrap()
    );
    assert!(get(&fs, FieldKey::Checksum)
        .means
        .starts_with("Not checked"));
    // A non-canonical segment is shown as it goes on the wire: padded, with EOL.
    let seg = Segment {
        options: vec![TcpOption::Mss(1000)],
        flags: Flags::SYN,
        ..Segment::default()
    };
    let keys: Vec<String> = segment_fields(&seg, &en())[17..]
        .iter()
        .map(|f| f.key.to_string())
        .collect();
    assert_eq!(keys, ["option_0"]);
    let seg = Segment {
        options: vec![TcpOption::WindowScale(7)],
        ..seg
    };
    let fs = segment_fields(&seg, &en());
    assert_eq!(fs[18].key, FieldKey::Option { index: 1, kind: 0 });
    assert_eq!(fs.len(), 19, "WS, EOL: no padding after EOL at byte 23");
}

#[test]
fn a_stale_segment_s_relative_number_is_negative_and_explained() {
    // RFC 9293 Figure 8's old duplicate SYN: 10 below the ISS the connection knows.
    let seg = Segment {
        src_port: 40001,
        dst_port: 5000,
        seq: 4_037_974_640,
        flags: Flags::SYN,
        window: 64240,
        ..Segment::default()
    };
    let ctx = Context {
        relative: Some(Relative {
            iss: 4_037_974_650,
            irs: 0,
        }),
        ..en()
    };
    let fs = explain(&seg, &ctx);
    assert_eq!(get(&fs, FieldKey::Seq).display, "4037974640 (relative -10)");
    let seq = &get(&fs, FieldKey::Seq).means;
    assert!(
        seq.contains("Relative: seq -10 (ISS − 10): below the ISS"),
        "{seq}"
    );
}

#[test]
fn a_run_of_nops_names_the_option_it_aligns_once() {
    let seg = Segment {
        flags: Flags::ACK,
        options: vec![
            TcpOption::Nop,
            TcpOption::Nop,
            TcpOption::Timestamps { tsval: 1, tsecr: 2 },
        ],
        ..Segment::default()
    };
    let fs = explain(&seg, &en());
    let named: Vec<&str> = fs
        .iter()
        .filter(|f| f.means.contains("Timestamps"))
        .map(|f| f.display.as_str())
        .collect();
    // The last filler and the option itself; not the first filler too.
    assert_eq!(named.len(), 2, "{named:?}");
}
