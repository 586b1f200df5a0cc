//! Python's `difflib.SequenceMatcher` with `autojunk=False` and no junk, the alignment
//! `linux-compare.py` uses: `get_matching_blocks` (the longest common block, then the same on
//! each side of it) and `get_opcodes` (equal / replace / delete / insert). Ported step for step
//! so that both tools align a trace the same way, ties included.

use std::collections::HashMap;

/// A run of `size` equal elements at `a[i..]` and `b[j..]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Block {
    pub i: usize,
    pub j: usize,
    pub size: usize,
}

/// How to turn `a[i1..i2]` into `b[j1..j2]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Equal,
    Replace,
    Delete,
    Insert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opcode {
    pub tag: Tag,
    pub i1: usize,
    pub i2: usize,
    pub j1: usize,
    pub j2: usize,
}

/// Two sequences of keys to align.
pub struct Matcher<'a, T> {
    a: &'a [T],
    b: &'a [T],
    /// For each element of `b`, the indices where it occurs, ascending (difflib's `b2j`).
    b2j: HashMap<&'a T, Vec<usize>>,
}

impl<'a, T: Eq + std::hash::Hash> Matcher<'a, T> {
    pub fn new(a: &'a [T], b: &'a [T]) -> Self {
        let mut b2j: HashMap<&'a T, Vec<usize>> = HashMap::new();
        for (j, x) in b.iter().enumerate() {
            b2j.entry(x).or_default().push(j);
        }
        Matcher { a, b, b2j }
    }

    fn eq(&self, i: usize, j: usize) -> bool {
        matches!((self.a.get(i), self.b.get(j)), (Some(x), Some(y)) if x == y)
    }

    /// difflib's `find_longest_match(alo, ahi, blo, bhi)`: the longest block, the earliest in
    /// `a` among the longest, then the earliest in `b`.
    fn longest(&self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> Block {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        let mut j2len: HashMap<usize, usize> = HashMap::new();
        for i in alo..ahi {
            let mut next: HashMap<usize, usize> = HashMap::new();
            if let Some(js) = self.a.get(i).and_then(|x| self.b2j.get(x)) {
                for &j in js {
                    if j < blo {
                        continue;
                    }
                    if j >= bhi {
                        break;
                    }
                    let k = j
                        .checked_sub(1)
                        .and_then(|p| j2len.get(&p))
                        .copied()
                        .unwrap_or(0)
                        + 1;
                    next.insert(j, k);
                    if k > bestsize {
                        besti = i + 1 - k;
                        bestj = j + 1 - k;
                        bestsize = k;
                    }
                }
            }
            j2len = next;
        }
        // With no junk these extensions find nothing more; kept as difflib has them.
        while besti > alo && bestj > blo && self.eq(besti - 1, bestj - 1) {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && self.eq(besti + bestsize, bestj + bestsize)
        {
            bestsize += 1;
        }
        Block {
            i: besti,
            j: bestj,
            size: bestsize,
        }
    }

    /// difflib's `get_matching_blocks`, ending with the sentinel `(len a, len b, 0)`.
    pub fn matching_blocks(&self) -> Vec<Block> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let x = self.longest(alo, ahi, blo, bhi);
            if x.size > 0 {
                blocks.push(x);
                if alo < x.i && blo < x.j {
                    queue.push((alo, x.i, blo, x.j));
                }
                if x.i + x.size < ahi && x.j + x.size < bhi {
                    queue.push((x.i + x.size, ahi, x.j + x.size, bhi));
                }
            }
        }
        blocks.sort();
        let mut out = Vec::new();
        let mut cur = Block {
            i: 0,
            j: 0,
            size: 0,
        };
        for b in blocks {
            if cur.i + cur.size == b.i && cur.j + cur.size == b.j {
                cur.size += b.size;
            } else {
                if cur.size > 0 {
                    out.push(cur);
                }
                cur = b;
            }
        }
        if cur.size > 0 {
            out.push(cur);
        }
        out.push(Block {
            i: la,
            j: lb,
            size: 0,
        });
        out
    }

    /// difflib's `get_opcodes`.
    pub fn opcodes(&self) -> Vec<Opcode> {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        for b in self.matching_blocks() {
            let tag = if i < b.i && j < b.j {
                Some(Tag::Replace)
            } else if i < b.i {
                Some(Tag::Delete)
            } else if j < b.j {
                Some(Tag::Insert)
            } else {
                None
            };
            if let Some(tag) = tag {
                out.push(Opcode {
                    tag,
                    i1: i,
                    i2: b.i,
                    j1: j,
                    j2: b.j,
                });
            }
            i = b.i + b.size;
            j = b.j + b.size;
            if b.size > 0 {
                out.push(Opcode {
                    tag: Tag::Equal,
                    i1: b.i,
                    i2: i,
                    j1: b.j,
                    j2: j,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Cases checked against CPython 3's difflib (`SequenceMatcher(None, a, b,
    /// autojunk=False).get_matching_blocks()` / `get_opcodes()`).
    #[test]
    fn same_blocks_as_python() {
        let (a, b) = (chars("abxcd"), chars("abcd"));
        let m = Matcher::new(&a, &b);
        let got: Vec<(usize, usize, usize)> = m
            .matching_blocks()
            .iter()
            .map(|x| (x.i, x.j, x.size))
            .collect();
        assert_eq!(got, vec![(0, 0, 2), (3, 2, 2), (5, 4, 0)]);
        let (a, b) = (chars("qabxcd"), chars("abycdf"));
        let m = Matcher::new(&a, &b);
        let ops: Vec<(Tag, usize, usize, usize, usize)> = m
            .opcodes()
            .iter()
            .map(|o| (o.tag, o.i1, o.i2, o.j1, o.j2))
            .collect();
        assert_eq!(
            ops,
            vec![
                (Tag::Delete, 0, 1, 0, 0),
                (Tag::Equal, 1, 3, 0, 2),
                (Tag::Replace, 3, 4, 2, 3),
                (Tag::Equal, 4, 6, 3, 5),
                (Tag::Insert, 6, 6, 5, 6),
            ]
        );
    }
}
