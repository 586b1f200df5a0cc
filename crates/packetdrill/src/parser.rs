//! The parser: tokens to a [`Script`]. Hand-written recursive descent over the lexer's tokens
//! (the language is small and a generated parser would bring a build step and a dependency
//! for no gain). Every error carries the line and column of the token that broke the rule.
//! Constructs this reader knows but the runner cannot run (UDP, ICMP, ECN marks, TCP Fast Open
//! and MD5 options …) become [`Kind::Unsupported`] events, so that a script using them is
//! reported as unsupported, never silently passed.

use crate::ast::*;
use crate::code;
use crate::lexer::{lex, Pos, Tok, Token};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A script that cannot be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub col: u32,
    pub msg: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.col, self.msg)
    }
}

type R<T> = Result<T, ParseError>;

/// Read a script.
pub fn parse(src: &str) -> R<Script> {
    let toks = lex(src).map_err(|e| ParseError {
        line: e.pos.line,
        col: e.pos.col,
        msg: e.what.to_string(),
    })?;
    let end = toks
        .last()
        .map(|t| t.pos)
        .unwrap_or(Pos { line: 1, col: 1 });
    let mut p = Parser {
        toks,
        i: 0,
        end,
        depth: 0,
    };
    p.script()
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    end: Pos,
    /// Nesting of `[ ]`, `{ }` and `f( )` in arguments, bounded so that no input can exhaust
    /// the stack.
    depth: u32,
}

/// The deepest nesting of arguments read (packetdrill's own scripts nest three deep).
const MAX_DEPTH: u32 = 32;

/// Something the runner cannot do, found while parsing an event.
struct Unsupported(String);

enum Step<T> {
    Ok(T),
    Unsupported(Unsupported),
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.tok)
    }
    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.toks.get(self.i.saturating_add(k)).map(|t| &t.tok)
    }
    fn pos(&self) -> Pos {
        self.toks.get(self.i).map(|t| t.pos).unwrap_or(self.end)
    }
    fn line_of(&self, i: usize) -> u32 {
        self.toks.get(i).map(|t| t.pos.line).unwrap_or(u32::MAX)
    }
    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.i).map(|t| t.tok.clone());
        if t.is_some() {
            self.i += 1;
        }
        t
    }
    fn err<T>(&self, msg: impl Into<String>) -> R<T> {
        let p = self.pos();
        Err(ParseError {
            line: p.line,
            col: p.col,
            msg: msg.into(),
        })
    }
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the script".into(),
            Some(t) => describe(t),
        }
    }
    fn expect_p(&mut self, c: char) -> R<()> {
        if self.peek() == Some(&Tok::P(c)) {
            self.i += 1;
            Ok(())
        } else {
            self.err(format!("expected '{c}', found {}", self.found()))
        }
    }
    fn eat_p(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::P(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Word(x)) if x == w) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// Skip the rest of the line of token `from` (after an unsupported construct).
    fn skip_line(&mut self, line: u32) {
        while self.i < self.toks.len() && self.line_of(self.i) == line {
            // A code block or command may span lines: it is one token, so this stops after it.
            self.i += 1;
        }
    }

    fn script(&mut self) -> R<Script> {
        let mut s = Script::default();
        while let Some(Tok::Opt(o)) = self.peek() {
            let o = o.clone();
            let line = self.pos().line;
            let (k, v) = match o.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (o, String::new()),
            };
            s.options.push((k, v, line));
            self.i += 1;
        }
        while self.i < self.toks.len() {
            s.events.push(self.event()?);
        }
        Ok(s)
    }

    fn event(&mut self) -> R<Event> {
        let start = self.pos();
        let first = self.i;
        let time = match self.peek() {
            // A command or code block without a time (a script's first line often is one).
            Some(Tok::Shell(_)) | Some(Tok::Code(_)) => Time::Relative(0),
            _ => self.time()?,
        };
        let mut end = None;
        if self.peek() == Some(&Tok::Ellipsis) {
            self.i += 1;
            end = Some(self.time()?);
        }
        let line = self.pos().line;
        let kind = match self.peek().cloned() {
            Some(Tok::P('<')) | Some(Tok::P('>')) => match self.packet()? {
                Step::Ok(p) => Kind::Packet(p),
                Step::Unsupported(u) => {
                    self.skip_line(line);
                    Kind::Unsupported(u.0)
                }
            },
            Some(Tok::Shell(s)) => {
                self.i += 1;
                Kind::Shell(s)
            }
            Some(Tok::Code(c)) => {
                self.i += 1;
                match code::parse_block(&c) {
                    Ok(a) => Kind::Code(a),
                    Err(what) => Kind::Unsupported(what),
                }
            }
            Some(Tok::Word(w)) if self.peek_at(1) == Some(&Tok::P('(')) => {
                self.i += 1;
                let call = self.call(w, end)?;
                call_support(&call).map_or(Kind::Call(call), Kind::Unsupported)
            }
            Some(Tok::Word(w)) if matches!(w.as_str(), "epoll_ctl" | "poll") => {
                self.skip_line(line);
                Kind::Unsupported(w)
            }
            _ => {
                return self.err(format!(
                    "expected a packet ('<' or '>'), a system call, a `command` or a %{{ }}% \
                     block, found {}",
                    self.found()
                ))
            }
        };
        if first == self.i {
            return self.err("nothing to read here");
        }
        Ok(Event {
            line: start.line,
            col: start.col,
            time,
            kind,
        })
    }

    fn time(&mut self) -> R<Time> {
        if self.eat_p('*') {
            return Ok(Time::Any);
        }
        let rel = self.eat_p('+');
        let a = self.seconds()?;
        if self.eat_p('~') {
            let rel2 = self.eat_p('+');
            if rel2 != rel {
                return self.err("both ends of a time range must be relative ('+') or absolute");
            }
            let b = self.seconds()?;
            if b < a {
                return self.err("a time range must not end before it starts");
            }
            return Ok(if rel {
                Time::RelativeRange(a, b)
            } else {
                Time::AbsoluteRange(a, b)
            });
        }
        Ok(if rel {
            Time::Relative(a)
        } else {
            Time::Absolute(a)
        })
    }

    /// Seconds as written (`1`, `0.25`, `.04`) to microseconds.
    fn seconds(&mut self) -> R<u64> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                let n = n.clone();
                match seconds_to_us(&n) {
                    Some(us) => {
                        self.i += 1;
                        Ok(us)
                    }
                    None => self.err(format!("'{n}' is not a time in seconds")),
                }
            }
            _ => self.err(format!("expected a time, found {}", self.found())),
        }
    }

    fn packet(&mut self) -> R<Step<Packet>> {
        let at = self.pos();
        let dir = match self.next() {
            Some(Tok::P('<')) => Dir::Inbound,
            _ => Dir::Outbound,
        };
        // Flags: letters, an optional '.', or '.' alone, or '-' for none.
        let mut flags = String::new();
        match self.peek().cloned() {
            Some(Tok::Word(w)) if matches!(w.as_str(), "udp" | "icmp" | "gre" | "mpls") => {
                return Ok(Step::Unsupported(Unsupported(format!("{w} packets"))));
            }
            Some(Tok::P('[')) => {
                return Ok(Step::Unsupported(Unsupported(
                    "IP header fields in [brackets] (ECN marks, TOS, TTL)".into(),
                )));
            }
            Some(Tok::Word(w)) => {
                if let Some(bad) = w.chars().find(|c| !"SFRPUEWA".contains(*c)) {
                    if w.contains(':') || w.chars().all(|c| c.is_ascii_hexdigit()) {
                        return self.err("expected TCP flags");
                    }
                    return self.err(format!("'{bad}' is not a TCP flag (S F R P U E W A .)"));
                }
                self.i += 1;
                flags.push_str(&w);
                if self.eat_p('.') {
                    flags.push('.');
                }
            }
            Some(Tok::P('.')) => {
                self.i += 1;
                flags.push('.');
            }
            Some(Tok::P('-')) => {
                self.i += 1;
            }
            _ => return self.err(format!("expected TCP flags, found {}", self.found())),
        }
        if flags.contains(['E', 'W', 'A']) {
            return Ok(Step::Unsupported(Unsupported(format!(
                "ECN flags ({flags})"
            ))));
        }
        let start = self.u32("the start sequence number")?;
        self.expect_p(':')?;
        let end = self.u32("the end sequence number")?;
        self.expect_p('(')?;
        let len = u32::from(self.u16("the payload length")?);
        self.expect_p(')')?;
        if end != start.wrapping_add(len) {
            return self.err(format!(
                "inconsistent sequence numbers: {start}:{end} is not {len} bytes"
            ));
        }
        let mut p = Packet {
            dir,
            flags,
            start,
            end,
            len,
            ack: None,
            win: None,
            urg: None,
            options: Some(Vec::new()),
        };
        loop {
            if self.eat_word("ack") {
                p.ack = Some(self.u32("the ack number")?);
            } else if self.eat_word("win") {
                p.win = Some(self.u16("the window")?);
            } else if self.eat_word("urg") {
                p.urg = Some(self.u16("the urgent pointer")?);
            } else if self.peek() == Some(&Tok::P('<')) {
                self.i += 1;
                if self.peek() == Some(&Tok::Ellipsis) {
                    self.i += 1;
                    self.expect_p('>')?;
                    if dir == Dir::Inbound {
                        return self.err("<...> can only be used with outbound packets");
                    }
                    p.options = None;
                } else {
                    match self.options()? {
                        Step::Ok(o) => p.options = Some(o),
                        Step::Unsupported(u) => return Ok(Step::Unsupported(u)),
                    }
                }
                break;
            } else {
                break;
            }
        }
        if dir == Dir::Inbound && p.win.is_none() {
            return Err(ParseError {
                line: at.line,
                col: at.col,
                msg: "an inbound packet needs 'win'".into(),
            });
        }
        Ok(Step::Ok(p))
    }

    fn options(&mut self) -> R<Step<Vec<Opt>>> {
        let mut v = Vec::new();
        if self.eat_p('>') {
            return Ok(Step::Ok(v));
        }
        loop {
            let name = match self.next() {
                Some(Tok::Word(w)) => w,
                Some(t) => {
                    self.i -= 1;
                    return self.err(format!("expected a TCP option, found {}", describe(&t)));
                }
                None => return self.err("expected a TCP option, found the end of the script"),
            };
            let o = match name.as_str() {
                "nop" => Opt::Nop,
                "eol" => Opt::Eol,
                "mss" => Opt::Mss(self.u16("the MSS")?),
                "sackOK" => Opt::SackOk,
                "wscale" => {
                    let w = self.u32("the window scale")?;
                    match u8::try_from(w) {
                        Ok(w) => Opt::Wscale(w),
                        Err(_) => return self.err("window scale out of range"),
                    }
                }
                "sack" => {
                    let mut blocks = Vec::new();
                    while matches!(self.peek(), Some(Tok::Num(_))) {
                        let a = self.u32("a SACK block's left edge")?;
                        self.expect_p(':')?;
                        let b = self.u32("a SACK block's right edge")?;
                        blocks.push((a, b));
                    }
                    Opt::Sack(blocks)
                }
                "TS" => {
                    if !self.eat_word("val") {
                        return self.err(format!("expected 'val', found {}", self.found()));
                    }
                    let val = self.u32("TS val")?;
                    if !self.eat_word("ecr") {
                        return self.err(format!("expected 'ecr', found {}", self.found()));
                    }
                    let ecr = self.u32("TS ecr")?;
                    Opt::Ts { val, ecr }
                }
                w if w.starts_with("FO") || w == "exp" || w == "tfo" => {
                    return Ok(Step::Unsupported(Unsupported(
                        "TCP Fast Open options".into(),
                    )))
                }
                "md5" | "ao" => {
                    return Ok(Step::Unsupported(Unsupported("TCP MD5/AO options".into())))
                }
                "mp_capable" | "mp_join" | "dss" | "add_address" | "remove_address" | "mp_prio"
                | "mp_fail" | "mp_fastclose" => {
                    return Ok(Step::Unsupported(Unsupported("MPTCP options".into())))
                }
                "AccECN" | "AccECN0" | "AccECN1" | "accecn" => {
                    return Ok(Step::Unsupported(Unsupported("AccECN options".into())))
                }
                _ => {
                    self.i -= 1;
                    return self.err(format!("unknown TCP option '{name}'"));
                }
            };
            v.push(o);
            if self.eat_p('>') {
                return Ok(Step::Ok(v));
            }
            self.expect_p(',')?;
        }
    }

    fn call(&mut self, name: String, end: Option<Time>) -> R<Call> {
        self.expect_p('(')?;
        let mut args = Vec::new();
        if !self.eat_p(')') {
            loop {
                args.push(self.expr()?);
                if self.eat_p(')') {
                    break;
                }
                self.expect_p(',')?;
            }
        }
        let line = self.pos().line;
        if !self.eat_p('=') {
            return self.err(format!(
                "expected '=' and the call's result, found {}",
                self.found()
            ));
        }
        let value = if self.peek() == Some(&Tok::Ellipsis) {
            self.i += 1;
            None
        } else {
            let neg = self.eat_p('-');
            let v = self.int()?;
            Some(if neg { v.saturating_neg() } else { v })
        };
        let mut errno = None;
        if let Some(Tok::Word(w)) = self.peek() {
            if self.pos().line == line {
                errno = Some(w.clone());
                self.i += 1;
            }
        }
        // A description in parentheses: "(Operation now in progress)"; any text.
        if self.peek() == Some(&Tok::P('(')) && self.pos().line == line {
            let mut depth = 0u32;
            while let Some(t) = self.next() {
                match t {
                    Tok::P('(') => depth += 1,
                    Tok::P(')') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if depth != 0 {
                return self.err("unclosed '(' in the call's result");
            }
        }
        Ok(Call {
            name,
            args,
            expect: Expect { value, errno },
            end,
        })
    }

    fn expr(&mut self) -> R<Expr> {
        let first = self.primary()?;
        if self.peek() != Some(&Tok::P('|')) {
            return Ok(first);
        }
        let mut v = alloc::vec![first];
        while self.eat_p('|') {
            v.push(self.primary()?);
        }
        Ok(Expr::Or(v))
    }

    fn primary(&mut self) -> R<Expr> {
        if self.depth >= MAX_DEPTH {
            return self.err("arguments nested too deep");
        }
        self.depth += 1;
        let e = self.primary_inner();
        self.depth -= 1;
        e
    }

    fn primary_inner(&mut self) -> R<Expr> {
        match self.peek().cloned() {
            Some(Tok::Ellipsis) => {
                self.i += 1;
                Ok(Expr::Ellipsis)
            }
            Some(Tok::Num(_)) => Ok(Expr::Int(self.int()?)),
            Some(Tok::P('-')) => {
                self.i += 1;
                Ok(Expr::Int(self.int()?.saturating_neg()))
            }
            Some(Tok::Str(s)) => {
                self.i += 1;
                Ok(Expr::Str(s))
            }
            Some(Tok::Word(w)) => {
                self.i += 1;
                if self.eat_p('(') {
                    let mut args = Vec::new();
                    if !self.eat_p(')') {
                        loop {
                            args.push(self.expr()?);
                            if self.eat_p(')') {
                                break;
                            }
                            self.expect_p(',')?;
                        }
                    }
                    return Ok(Expr::Fn(w, args));
                }
                Ok(Expr::Word(w))
            }
            Some(Tok::P('[')) => {
                self.i += 1;
                let mut v = Vec::new();
                if !self.eat_p(']') {
                    loop {
                        v.push(self.expr()?);
                        if self.eat_p(']') {
                            break;
                        }
                        self.expect_p(',')?;
                    }
                }
                Ok(Expr::List(v))
            }
            Some(Tok::P('{')) => {
                self.i += 1;
                let mut v = Vec::new();
                if !self.eat_p('}') {
                    loop {
                        let named = matches!(self.peek(), Some(Tok::Word(_)) | Some(Tok::P('.')))
                            && matches!(
                                self.peek_at(1),
                                Some(Tok::P('=')) | Some(Tok::P('(')) | Some(Tok::Word(_))
                            );
                        if !named {
                            // A positional member: `{..., 1000}` (an iovec).
                            v.push((String::new(), self.expr()?));
                        } else {
                            self.eat_p('.');
                            let name = match self.next() {
                                Some(Tok::Word(w)) => w,
                                _ => {
                                    self.i = self.i.saturating_sub(1);
                                    return self.err(format!(
                                        "expected a field name, found {}",
                                        self.found()
                                    ));
                                }
                            };
                            // `msg_iov(1)=…`, `msg_name(...)=…`: a size or ellipsis after the name.
                            if self.eat_p('(') {
                                let mut depth = 1u32;
                                while depth > 0 {
                                    match self.next() {
                                        Some(Tok::P('(')) => depth += 1,
                                        Some(Tok::P(')')) => depth -= 1,
                                        Some(_) => {}
                                        None => return self.err("unclosed '(' in a field name"),
                                    }
                                }
                            }
                            self.expect_p('=')?;
                            v.push((name, self.expr()?));
                        }
                        if self.eat_p('}') {
                            break;
                        }
                        self.expect_p(',')?;
                    }
                }
                Ok(Expr::Struct(v))
            }
            _ => self.err(format!("expected an argument, found {}", self.found())),
        }
    }

    fn int(&mut self) -> R<i64> {
        match self.peek() {
            Some(Tok::Num(n)) => {
                let v = if let Some(h) = n.strip_prefix("0x") {
                    i64::from_str_radix(h, 16).ok()
                } else {
                    n.parse::<i64>().ok()
                };
                match v {
                    Some(v) => {
                        self.i += 1;
                        Ok(v)
                    }
                    None => self.err(format!("'{n}' is not an integer")),
                }
            }
            _ => self.err(format!("expected an integer, found {}", self.found())),
        }
    }

    fn u32(&mut self, what: &str) -> R<u32> {
        if !matches!(self.peek(), Some(Tok::Num(_))) {
            return self.err(format!("expected {what}, found {}", self.found()));
        }
        let v = self.int()?;
        match u32::try_from(v) {
            Ok(v) => Ok(v),
            Err(_) => {
                self.i -= 1;
                self.err(format!("{what} out of range"))
            }
        }
    }

    fn u16(&mut self, what: &str) -> R<u16> {
        let v = self.u32(what)?;
        match u16::try_from(v) {
            Ok(v) => Ok(v),
            Err(_) => {
                self.i -= 1;
                self.err(format!("{what} out of range"))
            }
        }
    }
}

/// The calls the runner knows; others (and the known ones with flags it cannot model) are
/// unsupported: returns what, or `None` when supported.
fn call_support(c: &Call) -> Option<String> {
    const KNOWN: &[&str] = &[
        "socket",
        "bind",
        "listen",
        "accept",
        "connect",
        "setsockopt",
        "getsockopt",
        "fcntl",
        "read",
        "write",
        "send",
        "recv",
        "shutdown",
        "close",
    ];
    if !KNOWN.contains(&c.name.as_str()) {
        return Some(format!("system call {}()", c.name));
    }
    None
}

/// Seconds text to microseconds: "1.5" → 1_500_000 (digits past the sixth are dropped).
pub(crate) fn seconds_to_us(s: &str) -> Option<u64> {
    let (int, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    if s.starts_with("0x") || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let mut us: u64 = 0;
    let mut scale = 100_000u64;
    for d in frac.chars().take(6) {
        us = us.saturating_add(u64::from(d.to_digit(10)?) * scale);
        scale /= 10;
    }
    whole.checked_mul(1_000_000)?.checked_add(us)
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("'{n}'"),
        Tok::Word(w) => format!("'{w}'"),
        Tok::Str(s) => format!("\"{s}\""),
        Tok::Shell(_) => "a `command`".into(),
        Tok::Code(_) => "a %{ }% block".into(),
        Tok::Opt(o) => format!("--{o}"),
        Tok::Ellipsis => "'...'".into(),
        Tok::P(c) | Tok::Other(c) => format!("'{c}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds() {
        assert_eq!(seconds_to_us("1.5"), Some(1_500_000));
        assert_eq!(seconds_to_us(".04"), Some(40_000));
        assert_eq!(seconds_to_us("0.0000019"), Some(1));
        assert_eq!(seconds_to_us("99999999999999999999"), None);
    }

    #[test]
    fn a_handshake() {
        let s = parse(
            "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n\
             +0 < S 0:0(0) win 65535 <mss 1000,sackOK,nop,nop,nop,wscale 8>\n\
             +0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>\n\
             +0.1~+0.2 > . 1:1(0) ack 1 <...>\n\
             0.3 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)\n",
        );
        let s = s.unwrap_or_default();
        assert_eq!(s.events.len(), 5);
        let Some(Event {
            kind: Kind::Packet(p),
            ..
        }) = s.events.get(2)
        else {
            panic!("not a packet: {:?}", s.events.get(2));
        };
        assert_eq!(p.flags, "S.");
        assert_eq!(p.ack, Some(1));
        assert_eq!(p.options.as_ref().map(|o| o.len()), Some(6));
        assert_eq!(
            s.events.get(3).map(|e| e.time),
            Some(Time::RelativeRange(100_000, 200_000))
        );
        let Some(Event {
            kind: Kind::Call(c),
            ..
        }) = s.events.get(4)
        else {
            panic!("not a call");
        };
        assert_eq!(
            c.expect,
            Expect {
                value: Some(-1),
                errno: Some("EINPROGRESS".into())
            }
        );
    }

    #[test]
    fn unsupported_is_not_an_error() {
        let s = parse("0 < [ect0] S 0:0(0) win 1\n+0 epoll_ctl(3, 1) = 0\n").unwrap_or_default();
        assert!(matches!(
            s.events.first().map(|e| &e.kind),
            Some(Kind::Unsupported(_))
        ));
        assert!(matches!(
            s.events.get(1).map(|e| &e.kind),
            Some(Kind::Unsupported(_))
        ));
    }
}
