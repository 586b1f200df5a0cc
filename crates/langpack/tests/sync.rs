//! The committed pack and index.html's URL for it match the Rust tables.

use synack_langpack::{index_path, pack, pack_path, pack_url, REGENERATE};
use synack_text::pack::Pack;

#[test]
fn the_committed_pack_is_up_to_date() {
    let want = pack().expect("the tables fit the format");
    let have = std::fs::read_to_string(pack_path()).unwrap_or_default();
    assert!(
        have == want,
        "web/lang/zh.txt is out of date with the Chinese in the Rust sources: run `{REGENERATE}`"
    );
    let index = std::fs::read_to_string(index_path()).unwrap_or_default();
    assert!(
        index.contains(&pack_url(&want)),
        "index.html asks for another pack than web/lang/zh.txt: run `{REGENERATE}`"
    );
}

/// Every text of every table reads back from the pack as written in the sources.
#[test]
fn the_pack_round_trips() {
    use synack_text::explain::words::{zh_texts, PACK_SECTION};
    let p = Pack::parse(&pack().expect("the tables fit the format")).expect("the pack parses");
    assert_eq!(p.lang, "zh");
    let sections = [
        (PACK_SECTION, zh_texts().to_vec()),
        (synack_sim::PACK_SECTION, synack_sim::zh_texts()),
        (
            synack_diagram::narrate::PACK_SECTION,
            synack_diagram::narrate::zh_texts(),
        ),
        (synack_web::i18n::PACK_SECTION, synack_web::i18n::zh_texts()),
    ];
    for (name, texts) in sections {
        assert_eq!(p.len(name), Some(texts.len()), "{name}");
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(p.get(name, i), Some(*t), "{name} {i}");
        }
    }
}
