//! The figure's edge words in the reader's language (keys `Edge*` of the narration table):
//! the RFC's own English words ("rcv SYN", "snd SYN,ACK") are the keys' English texts; a
//! language may keep them or use its textbooks' terms (Chinese: 收到 / 发送, 主动打开 /
//! 被动打开). Flag and call names stay as on the wire.

use crate::narrate::{text, Key};
use crate::Lang;

/// The lines of Figure 5's edge labels that have their own Chinese words.
const EDGES: [Key; 19] = [
    Key::EdgeActiveOpen,
    Key::EdgePassiveOpen,
    Key::EdgeCreateTcb,
    Key::EdgeDeleteTcb,
    Key::EdgeClose,
    Key::EdgeSend,
    Key::EdgeSndSyn,
    Key::EdgeSndSynAck,
    Key::EdgeSndAck,
    Key::EdgeSndFin,
    Key::EdgeRcvSyn,
    Key::EdgeRcvSynAck,
    Key::EdgeRcvAckOfSyn,
    Key::EdgeRcvFin,
    Key::EdgeRcvFinAck,
    Key::EdgeRcvAckOfFin,
    Key::EdgeRcvRst,
    Key::EdgeTimeout,
    Key::EdgeNothing,
];

/// `line` of an edge label in `lang` (the RFC's "x", nothing sent, glossed); a line
/// without a key is returned unchanged.
pub fn edge_words(line: &str, lang: Lang) -> &str {
    match EDGES.iter().find(|&&k| text(k, Lang::EN) == line) {
        Some(&k) => text(k, lang),
        None => {
            debug_assert!(false, "edge words {line:?} have no key");
            line
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StateGraph;
    use alloc::string::String;

    /// Every edge word of the figure has a Chinese rendering.
    #[test]
    fn every_edge_word_is_translated() {
        let g = StateGraph::figure5();
        for e in &g.edges {
            for l in &e.labels {
                let zh = edge_words(&l.text, crate::testing::zh());
                assert!(zh != l.text, "untranslated edge word {:?}", l.text);
            }
        }
        let zh = StateGraph::figure5_in(crate::testing::zh());
        let all: String = zh
            .edges
            .iter()
            .flat_map(|e| e.labels.iter())
            .map(|l| l.text.as_str())
            .collect();
        assert!(all.contains("收到 SYN") && !all.contains("rcv "), "{all}");
    }
}
