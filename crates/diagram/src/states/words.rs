//! The figure's edge words in Simplified Chinese (keys `Edge*` of the narration table). The
//! RFC's own words ("rcv SYN", "snd SYN,ACK") are kept in English; these follow the usual
//! Chinese textbook terms (收到 / 发送, 主动打开 / 被动打开). Flag and call names stay as on
//! the wire.

use crate::narrate::{text, Key};
use crate::Lang;

/// The lines of Figure 5's edge labels that have their own Chinese words.
const EDGES: [Key; 18] = [
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
];

/// `line` of an edge label in `lang`; unknown lines are returned unchanged.
pub fn edge_words(line: &str, lang: Lang) -> &str {
    if lang != Lang::Zh {
        return line;
    }
    match EDGES.iter().find(|&&k| text(k, Lang::En) == line) {
        Some(&k) => text(k, Lang::Zh),
        None => line,
    }
}

#[cfg(all(test, feature = "zh"))]
mod tests {
    use super::*;
    use crate::StateGraph;
    use alloc::string::String;

    /// Every edge word of the figure has a Chinese rendering (but the RFC's "x": nothing sent).
    #[test]
    fn every_edge_word_is_translated() {
        let g = StateGraph::figure5();
        for e in &g.edges {
            for l in &e.labels {
                let zh = edge_words(&l.text, Lang::Zh);
                assert!(
                    l.text == "x" || zh != l.text,
                    "untranslated edge word {:?}",
                    l.text
                );
            }
        }
        let zh = StateGraph::figure5_in(Lang::Zh);
        let all: String = zh
            .edges
            .iter()
            .flat_map(|e| e.labels.iter())
            .map(|l| l.text.as_str())
            .collect();
        assert!(all.contains("收到 SYN") && !all.contains("rcv "), "{all}");
    }
}
