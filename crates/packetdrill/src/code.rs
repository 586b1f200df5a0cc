//! `%{ ... }%` blocks. packetdrill runs them as Python with the socket's `tcp_info` fields as
//! variables; TCP scripts use them for asserts such as
//! `assert tcpi_snd_cwnd == 10, tcpi_snd_cwnd` or `assert 1000 <= tcpi_rto <= 1200`.
//! This module reads exactly that subset — `assert` of chained comparisons of integer
//! arithmetic over names, joined by `and`, with an optional message after a comma — and
//! `print` lines (ignored). Anything else is Python the runner does not speak: unsupported.

use crate::ast::{Assert, Cmp, Term};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

/// The asserts of a block, or what in it is not supported.
pub fn parse_block(text: &str) -> Result<Vec<Assert>, String> {
    let mut out = Vec::new();
    // `NAME = 123` defines a constant for the asserts that follow.
    let mut consts: Vec<(String, i64)> = Vec::new();
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("print") {
            continue;
        }
        if let Some((name, value)) = line.split_once('=') {
            let (name, value) = (name.trim(), value.trim());
            let is_name = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit());
            if is_name && !value.starts_with('=') {
                if let Some(T::Int(v)) = tokens(value).and_then(|t| t.into_iter().next()) {
                    consts.push((name.to_string(), v));
                    continue;
                }
            }
        }
        let Some(rest) = line.strip_prefix("assert ") else {
            return Err(format!("Python in %{{ }}%: {line}"));
        };
        let mut rest = String::from(rest);
        for (n, v) in consts.iter().rev() {
            rest = replace_word(&rest, n, &format!("{v}"));
        }
        let rest = rest.as_str();
        // The message after the first comma outside parentheses is only for Python's output.
        let cond = top_level_split(rest, ',').into_iter().next().unwrap_or("");
        for part in cond.split(" and ") {
            out.push(
                parse_assert(part.trim()).ok_or_else(|| format!("Python in %{{ }}%: {line}"))?,
            );
        }
    }
    Ok(out)
}

/// `s` with every whole-word `name` replaced by `by`.
fn replace_word(s: &str, name: &str, by: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(if word == name { by } else { word.as_str() });
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn top_level_split(s: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(s.get(start..i).unwrap_or(""));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(s.get(start..).unwrap_or(""));
    parts
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Int(i64),
    Name(String),
    Op(&'static str),
}

fn tokens(s: &str) -> Option<Vec<T>> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut v = Vec::new();
    while let Some(&c) = b.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = b.get(i) {
                if !(d.is_ascii_alphanumeric()) {
                    break;
                }
                n.push(d);
                i += 1;
            }
            let val = match n.strip_prefix("0x") {
                Some(h) => i64::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            v.push(T::Int(val));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut n = String::new();
            while let Some(&d) = b.get(i) {
                if !(d.is_ascii_alphanumeric() || d == '_') {
                    break;
                }
                n.push(d);
                i += 1;
            }
            v.push(T::Name(n));
        } else {
            let two: String = b.iter().skip(i).take(2).collect();
            let op = ["==", "!=", "<=", ">="]
                .into_iter()
                .find(|o| *o == two)
                .or_else(|| {
                    ["<", ">", "+", "-", "*", "/", "(", ")"]
                        .into_iter()
                        .find(|o| o.starts_with(c))
                })?;
            i += op.len();
            v.push(T::Op(op));
        }
    }
    Some(v)
}

fn parse_assert(s: &str) -> Option<Assert> {
    let toks = tokens(s)?;
    // The recursion below is at most as deep as the tokens are many: bound them, so that no
    // input can exhaust the stack (real asserts have a dozen).
    if toks.len() > 256 {
        return None;
    }
    let mut p = 0usize;
    let mut terms = alloc::vec![sum(&toks, &mut p)?];
    let mut ops = Vec::new();
    while let Some(T::Op(o)) = toks.get(p) {
        let cmp = match *o {
            "==" => Cmp::Eq,
            "!=" => Cmp::Ne,
            "<" => Cmp::Lt,
            "<=" => Cmp::Le,
            ">" => Cmp::Gt,
            ">=" => Cmp::Ge,
            _ => return None,
        };
        p += 1;
        ops.push(cmp);
        terms.push(sum(&toks, &mut p)?);
    }
    if p != toks.len() || ops.is_empty() {
        return None;
    }
    Some(Assert {
        terms,
        ops,
        text: s.to_string(),
    })
}

fn sum(t: &[T], p: &mut usize) -> Option<Term> {
    let mut a = product(t, p)?;
    while let Some(T::Op(o @ ("+" | "-"))) = t.get(*p) {
        let c = if *o == "+" { '+' } else { '-' };
        *p += 1;
        let b = product(t, p)?;
        a = Term::Bin(c, Box::new(a), Box::new(b));
    }
    Some(a)
}

fn product(t: &[T], p: &mut usize) -> Option<Term> {
    let mut a = atom(t, p)?;
    while let Some(T::Op(o @ ("*" | "/"))) = t.get(*p) {
        let c = if *o == "*" { '*' } else { '/' };
        *p += 1;
        let b = atom(t, p)?;
        a = Term::Bin(c, Box::new(a), Box::new(b));
    }
    Some(a)
}

fn atom(t: &[T], p: &mut usize) -> Option<Term> {
    let tok = t.get(*p)?.clone();
    *p += 1;
    match tok {
        T::Int(v) => Some(Term::Int(v)),
        T::Name(n) => Some(Term::Name(n)),
        T::Op("-") => Some(Term::Bin(
            '-',
            Box::new(Term::Int(0)),
            Box::new(atom(t, p)?),
        )),
        T::Op("(") => {
            let inner = sum(t, p)?;
            match t.get(*p) {
                Some(T::Op(")")) => {
                    *p += 1;
                    Some(inner)
                }
                _ => None,
            }
        }
        T::Op(_) => None,
    }
}

/// Evaluate a term; `lookup` gives a name's value (`Err` names what is unknown).
pub fn eval(t: &Term, lookup: &dyn Fn(&str) -> Result<i64, String>) -> Result<i64, String> {
    Ok(match t {
        Term::Int(v) => *v,
        Term::Name(n) => lookup(n)?,
        Term::Bin(op, a, b) => {
            let (a, b) = (eval(a, lookup)?, eval(b, lookup)?);
            match op {
                '+' => a.saturating_add(b),
                '-' => a.saturating_sub(b),
                '*' => a.saturating_mul(b),
                // Python's // and / on integers agree for the non-negative values asserted here.
                _ => a.checked_div(b).ok_or("division by zero")?,
            }
        }
    })
}

/// Whether one comparison holds.
pub fn holds(op: Cmp, a: i64, b: i64) -> bool {
    match op {
        Cmp::Eq => a == b,
        Cmp::Ne => a != b,
        Cmp::Lt => a < b,
        Cmp::Le => a <= b,
        Cmp::Gt => a > b,
        Cmp::Ge => a >= b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asserts_are_read() {
        let a = parse_block("\nassert tcpi_snd_cwnd == 10, tcpi_snd_cwnd\nassert 1000 <= tcpi_rto/1000 <= 1200 and tcpi_ca_state == TCP_CA_Open\n")
            .unwrap_or_default();
        assert_eq!(a.len(), 3);
        assert_eq!(a.get(1).map(|x| x.ops.len()), Some(2));
    }

    #[test]
    fn constants_can_be_defined() {
        let a = parse_block("LIMIT = 0x10\nassert tcpi_snd_cwnd <= LIMIT").unwrap_or_default();
        assert_eq!(a.first().and_then(|x| x.terms.get(1)), Some(&Term::Int(16)));
    }

    #[test]
    fn python_is_unsupported() {
        assert!(parse_block("import os\n").is_err());
        assert!(parse_block("assert foo(1) == 2\n").is_err());
    }

    #[test]
    fn evaluation() {
        let a = parse_block("assert 2 * (x + 1) - 1 == 9").unwrap_or_default();
        let Some(x) = a.first() else {
            panic!("no assert")
        };
        let look = |n: &str| if n == "x" { Ok(4) } else { Err(n.to_string()) };
        let l = eval(&x.terms[0], &look);
        assert_eq!(l, Ok(9));
        assert!(holds(Cmp::Eq, 9, 9));
    }
}
