//! The caption under the ladder: the narration of the step showing, wrapped to the
//! drawing's width (SVG text does not wrap), one `<text>` per step shown while its step is
//! the current one.

use crate::geom::text_width;
use alloc::string::String;
use alloc::vec::Vec;

/// Caption font size and line height, in drawing units.
pub const FONT_PX: f32 = 12.5;
pub const LINE_PX: f32 = 17.0;
/// At most this many lines per caption; a longer narration ends in "…".
pub const MAX_LINES: usize = 4;

fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2e80
}

/// Punctuation that must not begin a line (it stays with the character before it).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '：' | '；' | '！' | '？' | '）' | '」' | '』' | '”' | '’' | '…'
    )
}

/// Words to lay out: runs of non-space characters with their trailing spaces; every wide
/// (CJK) character is a word of its own, since Chinese breaks between any two characters,
/// except punctuation that may not begin a line, which stays with the word before it.
fn words(text: &str) -> Vec<&str> {
    // Byte ranges of the words.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if no_line_start(c) {
            match spans.last_mut() {
                Some(last) if start == i && last.1 == i => last.1 = end,
                _ => spans.push((start, end)),
            }
            start = end;
            in_space = false;
            continue;
        }
        if (is_wide(c) || (in_space && c != ' ')) && i > start {
            spans.push((start, i));
            start = i;
        }
        if is_wide(c) {
            spans.push((start, end));
            start = end;
            in_space = false;
        } else {
            in_space = c == ' ';
        }
    }
    if start < text.len() {
        spans.push((start, text.len()));
    }
    spans
        .into_iter()
        .filter_map(|(a, b)| text.get(a..b))
        .collect()
}

/// `text` broken into lines at most `max_px` wide (a single word wider than that stays
/// whole), at most [`MAX_LINES`] of them.
pub fn wrap(text: &str, max_px: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for w in words(text) {
        let candidate = text_width(line.trim_end(), FONT_PX) + text_width(w.trim_end(), FONT_PX);
        if !line.is_empty() && candidate > max_px {
            lines.push(String::from(line.trim_end()));
            line.clear();
        }
        line.push_str(w);
    }
    if !line.trim().is_empty() {
        lines.push(String::from(line.trim_end()));
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(last, FONT_PX) + FONT_PX > max_px {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_breaks_between_words_chinese_between_characters() {
        let en = wrap("The client sends SYN and enters SYN-SENT.", 120.0);
        assert!(en.len() > 1, "{en:?}");
        assert_eq!(en.join(" "), "The client sends SYN and enters SYN-SENT.");
        for l in &en {
            assert!(text_width(l, FONT_PX) <= 120.0 || !l.contains(' '), "{l}");
        }
        let zh = wrap("客户端发送 SYN，进入 SYN-SENT 状态。", 90.0);
        assert!(zh.len() > 2, "{zh:?}");
        assert_eq!(
            zh.concat().replace(' ', ""),
            "客户端发送SYN，进入SYN-SENT状态。"
        );
    }

    #[test]
    fn long_texts_are_cut_with_an_ellipsis() {
        let long = "word ".repeat(400);
        let lines = wrap(&long, 200.0);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines.last().is_some_and(|l| l.ends_with('…')));
    }
}
