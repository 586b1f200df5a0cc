//! The figure's edge words in Simplified Chinese. The RFC's own words ("rcv SYN",
//! "snd SYN,ACK") are kept in English; these follow the usual Chinese textbook terms
//! (收到 / 发送, 主动打开 / 被动打开). Flag and call names stay as on the wire.

use crate::Lang;

/// `line` of an edge label in `lang`; unknown lines are returned unchanged.
pub fn edge_words(line: &str, lang: Lang) -> &str {
    if lang != Lang::Zh {
        return line;
    }
    match line {
        "active OPEN" => "主动打开",
        "passive OPEN" => "被动打开",
        "create TCB" => "创建 TCB",
        "delete TCB" => "删除 TCB",
        "CLOSE" => "关闭（CLOSE）",
        "SEND" => "发送数据（SEND）",
        "snd SYN" => "发送 SYN",
        "snd SYN,ACK" => "发送 SYN,ACK",
        "snd ACK" => "发送 ACK",
        "snd FIN" => "发送 FIN",
        "rcv SYN" => "收到 SYN",
        "rcv SYN,ACK" => "收到 SYN,ACK",
        "rcv ACK of SYN" => "收到对 SYN 的 ACK",
        "rcv FIN" => "收到 FIN",
        "rcv FIN,ACK" => "收到 FIN,ACK",
        "rcv ACK of FIN" => "收到对 FIN 的 ACK",
        "rcv RST (note 1)" => "收到 RST（注 1）",
        "Timeout=2MSL" => "超时 = 2MSL",
        other => other,
    }
}

#[cfg(test)]
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
