//! The lexer: script text to tokens, each with its line and column (1-based, columns in
//! characters). It never fails: a character it does not know becomes [`Tok::Other`], and the
//! parser reports it where it is not expected.

use alloc::string::String;
use alloc::vec::Vec;

/// A position in the script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// One token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// Digits with an optional fraction (`0`, `1.5`, `.04`) or hex (`0x1f`), as written.
    Num(String),
    /// A name: letters, digits, `_`; may start with a letter or `_`.
    Word(String),
    /// A double-quoted string, without the quotes (backslash escapes kept as written).
    Str(String),
    /// `` `...` ``: a shell command.
    Shell(String),
    /// `%{ ... }%`: a code block.
    Code(String),
    /// `--name` or `--name=value` at the start of a line (a packetdrill option).
    Opt(String),
    /// `...`
    Ellipsis,
    /// One punctuation character: `< > ( ) [ ] { } , : = + - * ~ . | ; @ ! & /`.
    P(char),
    /// Any other character.
    Other(char),
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
}

/// A lexing problem that makes the script unreadable (an unterminated string, block or comment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub pos: Pos,
    pub what: &'static str,
}

struct Cursor<'a> {
    chars: core::iter::Peekable<core::str::Chars<'a>>,
    rest: &'a str,
    pos: Pos,
}

impl<'a> Cursor<'a> {
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }
    fn peek2(&self) -> Option<char> {
        let mut it = self.rest.chars();
        it.next();
        it.next()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.rest = self.rest.get(c.len_utf8()..).unwrap_or("");
        if c == '\n' {
            self.pos.line = self.pos.line.saturating_add(1);
            self.pos.col = 1;
        } else {
            self.pos.col = self.pos.col.saturating_add(1);
        }
        Some(c)
    }
    fn starts_with(&self, s: &str) -> bool {
        self.rest.starts_with(s)
    }
    /// Take characters up to (not including) `end`; `None` if `end` never comes.
    fn until(&mut self, end: &str) -> Option<String> {
        let i = self.rest.find(end)?;
        let text = String::from(self.rest.get(..i).unwrap_or(""));
        for _ in 0..text.chars().count() + end.chars().count() {
            self.bump();
        }
        Some(text)
    }
}

/// Split a script into tokens. Comments (`//` to the end of the line, `/* ... */`) are dropped.
pub fn lex(src: &str) -> Result<Vec<Token>, LexError> {
    let mut c = Cursor {
        chars: src.chars().peekable(),
        rest: src,
        pos: Pos { line: 1, col: 1 },
    };
    let mut out = Vec::new();
    let mut line_start = true;
    while let Some(ch) = c.peek() {
        let pos = c.pos;
        if ch == '\n' {
            c.bump();
            line_start = true;
            continue;
        }
        if ch.is_whitespace() {
            c.bump();
            continue;
        }
        let at_line_start = line_start;
        line_start = false;
        let tok = if c.starts_with("//") {
            // To the end of the line (the newline itself is left for the loop).
            while c.peek().is_some_and(|x| x != '\n') {
                c.bump();
            }
            continue;
        } else if c.starts_with("/*") {
            c.bump();
            c.bump();
            if c.until("*/").is_none() {
                return Err(LexError {
                    pos,
                    what: "unterminated /* comment",
                });
            }
            continue;
        } else if c.starts_with("%{") {
            c.bump();
            c.bump();
            match c.until("}%") {
                Some(t) => Tok::Code(t),
                None => {
                    return Err(LexError {
                        pos,
                        what: "unterminated %{ code block",
                    })
                }
            }
        } else if ch == '`' {
            c.bump();
            match c.until("`") {
                Some(t) => Tok::Shell(t),
                None => {
                    return Err(LexError {
                        pos,
                        what: "unterminated ` command",
                    })
                }
            }
        } else if ch == '"' {
            c.bump();
            let mut s = String::new();
            loop {
                match c.bump() {
                    None | Some('\n') => {
                        return Err(LexError {
                            pos,
                            what: "unterminated string",
                        })
                    }
                    Some('"') => break,
                    Some('\\') => {
                        s.push('\\');
                        if let Some(n) = c.bump() {
                            s.push(n);
                        }
                    }
                    Some(o) => s.push(o),
                }
            }
            Tok::Str(s)
        } else if at_line_start && c.starts_with("--") {
            c.bump();
            c.bump();
            let mut s = String::new();
            while let Some(o) = c.peek() {
                if o.is_whitespace() {
                    break;
                }
                s.push(o);
                c.bump();
            }
            Tok::Opt(s)
        } else if c.starts_with("...") {
            c.bump();
            c.bump();
            c.bump();
            Tok::Ellipsis
        } else if ch.is_ascii_digit()
            || (ch == '.' && c.peek2().is_some_and(|d| d.is_ascii_digit()))
        {
            let mut s = String::new();
            let hex = c.starts_with("0x") || c.starts_with("0X");
            if hex {
                c.bump();
                c.bump();
                s.push_str("0x");
            }
            while let Some(o) = c.peek() {
                let ok = if hex {
                    o.is_ascii_hexdigit()
                } else {
                    o.is_ascii_digit() || (o == '.' && !s.contains('.') && !c.starts_with(".."))
                };
                if !ok {
                    break;
                }
                s.push(o);
                c.bump();
            }
            Tok::Num(s)
        } else if ch.is_ascii_alphabetic() || ch == '_' {
            let mut s = String::new();
            while let Some(o) = c.peek() {
                if !(o.is_ascii_alphanumeric() || o == '_') {
                    break;
                }
                s.push(o);
                c.bump();
            }
            Tok::Word(s)
        } else {
            c.bump();
            if "<>()[]{},:=+-*~.|;@!&/".contains(ch) {
                Tok::P(ch)
            } else {
                Tok::Other(ch)
            }
        };
        out.push(Token { tok, pos });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        lex(s)
            .map(|v| v.into_iter().map(|t| t.tok).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_packet_line() {
        let t = toks("+.04 > S. 0:0(0) ack 1 <mss 1460,nop> // comment\n");
        assert_eq!(t.first(), Some(&Tok::P('+')));
        assert_eq!(t.get(1), Some(&Tok::Num(".04".into())));
        assert_eq!(t.get(3), Some(&Tok::Word("S".into())));
        assert_eq!(t.get(4), Some(&Tok::P('.')));
        assert_eq!(t.last(), Some(&Tok::P('>')));
    }

    #[test]
    fn positions_count_lines_and_columns() {
        let v = lex("0 x\n  +1 `sysctl a=1`\n").unwrap_or_default();
        let pos: Vec<Pos> = v.iter().map(|t| t.pos).collect();
        assert_eq!(pos.get(2), Some(&Pos { line: 2, col: 3 }));
        assert_eq!(
            v.get(4).map(|t| &t.tok),
            Some(&Tok::Shell("sysctl a=1".into()))
        );
    }

    #[test]
    fn unterminated_things_are_located() {
        assert_eq!(
            lex("0 x\n %{ assert 1").err(),
            Some(LexError {
                pos: Pos { line: 2, col: 2 },
                what: "unterminated %{ code block"
            })
        );
        assert!(lex("`abc").is_err());
        assert!(lex("\"abc\n\"").is_err());
    }

    #[test]
    fn a_comment_at_the_end_without_a_newline() {
        assert_eq!(toks("0 // end"), [Tok::Num("0".into())]);
    }

    #[test]
    fn ranges_and_ellipsis() {
        assert_eq!(
            toks("0...0.1 +0.1~+0.2"),
            [
                Tok::Num("0".into()),
                Tok::Ellipsis,
                Tok::Num("0.1".into()),
                Tok::P('+'),
                Tok::Num("0.1".into()),
                Tok::P('~'),
                Tok::P('+'),
                Tok::Num("0.2".into())
            ]
        );
    }
}
