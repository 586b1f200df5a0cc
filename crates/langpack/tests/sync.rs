//! Every language's source is complete, and the generated packs, their fingerprints and
//! index.html's early requests match the sources.

// A test may panic: the workspace's no-panic lints are for the code that ships.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use synack_langpack::{generate, pack, REGENERATE};
use synack_text::pack::Pack;

#[test]
fn the_generated_files_are_up_to_date() {
    let files = generate().unwrap_or_else(|e| panic!("{}", e.join("\n")));
    for (path, want) in files {
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "{} is out of date with lang/*.txt: run `{REGENERATE}`",
            path.display()
        );
    }
}

/// A source that lacks a key, has one too many, or drops or misspells a placeholder is
/// refused, and each problem is named.
#[test]
fn a_broken_source_is_refused_with_its_problems() {
    let zh = std::fs::read_to_string(synack_langpack::source_path("zh")).unwrap();
    assert!(pack("zh", &zh).is_ok());
    let missing = zh.replacen("SideClient = 客户端\n", "", 1);
    let e = pack("zh", &missing).unwrap_err();
    assert_eq!(e, ["[diagram] SideClient is missing"]);
    let extra = zh.replacen("[web]\n", "[web]\nNoSuchKey = x\n", 1);
    assert_eq!(
        pack("zh", &extra).unwrap_err(),
        ["[web] NoSuchKey is not a key of this table"]
    );
    let dropped = zh.replacen("第 {n} 个事件，共 {total} 个", "第 {n} 个事件", 1);
    assert!(pack("zh", &dropped).unwrap_err()[0].starts_with("[web] EventCounter: placeholders"));
    let misspelled = zh.replacen("{total}", "{totl}", 1);
    assert!(pack("zh", &misspelled).unwrap_err()[0].contains("EventCounter"));
}

/// Every text of the source reads back from the pack, and the pack's sections hold one
/// text per key of each table.
#[test]
fn the_pack_round_trips() {
    let zh = std::fs::read_to_string(synack_langpack::source_path("zh")).unwrap();
    let p = Pack::parse(&pack("zh", &zh).unwrap()).unwrap();
    assert_eq!(p.lang, "zh");
    let src = synack_text::source::parse(&zh).unwrap();
    for (name, keys) in synack_langpack::tables() {
        assert_eq!(p.len(name), Some(keys.len()), "{name}");
        let lines = &src.iter().find(|(n, _)| *n == name).unwrap().1;
        for (i, (key, _)) in keys.iter().enumerate() {
            let want = lines.iter().find(|(k, _)| k == key).map(|(_, t)| *t);
            assert_eq!(p.get(name, i), want, "{name} {key}");
        }
    }
}
