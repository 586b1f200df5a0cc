//! [`Bytes`]: a segment's text (RFC 9293 §3.1, "data"), as a shared, read-only run of octets.
//!
//! The same octets sit in many places: the sender's queue, the segment it sends, the copy a
//! link duplicates, the receiver's out-of-order queue, the `DataReceived` event, and a trace
//! that keeps every segment. A `Bytes` is a window (`start..end`) into one reference-counted
//! buffer, so each of these is a handle to the octets the application wrote, not a copy:
//! cloning and slicing allocate nothing. It reads as a `[u8]` (`Deref`), compares, hashes,
//! prints and serializes exactly as the `Vec<u8>` it replaced.
//!
//! The buffer is an `Arc` rather than an `Rc` so that segments and traces stay `Send` and
//! `Sync` (a trace is kept in statics and handed between threads); in WebAssembly without
//! threads its count is a plain add.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::ops::Deref;

/// Octets shared by reference: a window into one buffer. Empty holds no buffer.
#[derive(Clone, Default)]
pub struct Bytes {
    buf: Option<Arc<[u8]>>,
    /// The window `start..end` into `buf` (always within it).
    start: usize,
    end: usize,
}

impl Bytes {
    /// No octets (allocates nothing).
    pub const fn new() -> Bytes {
        Bytes {
            buf: None,
            start: 0,
            end: 0,
        }
    }

    /// All of `buf`, shared (not copied).
    pub fn from_shared(buf: Arc<[u8]>) -> Bytes {
        let end = buf.len();
        Bytes {
            buf: (end > 0).then_some(buf),
            start: 0,
            end,
        }
    }

    /// How many octets (without reading the buffer).
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The octets as a slice.
    #[inline]
    pub fn as_slice(&self) -> &[u8] {
        match &self.buf {
            Some(b) => b.get(self.start..self.end).unwrap_or_default(),
            None => &[],
        }
    }

    /// Octets `from..to` of these (clamped to them), sharing the buffer.
    #[inline]
    pub fn slice(&self, from: usize, to: usize) -> Bytes {
        let len = self.end - self.start;
        let to = to.min(len);
        let from = from.min(to);
        if from == to {
            return Bytes::new();
        }
        Bytes {
            buf: self.buf.clone(),
            start: self.start + from,
            end: self.start + to,
        }
    }

    /// `part`, a slice of these octets (as borrowed from [`Bytes::as_slice`]), as a handle
    /// sharing the buffer; a slice from anywhere else is copied.
    pub fn slice_ref(&self, part: &[u8]) -> Bytes {
        let base = self.as_slice().as_ptr() as usize;
        let at = part.as_ptr() as usize;
        let len = self.end - self.start;
        match at.checked_sub(base) {
            Some(from) if from.saturating_add(part.len()) <= len => {
                self.slice(from, from + part.len())
            }
            _ => Bytes::from(part),
        }
    }

    /// These octets followed by `next`'s, without copying when `next` continues them in the
    /// same buffer (as consecutive segments of one write do); `None` otherwise.
    #[inline]
    pub fn join(&self, next: &Bytes) -> Option<Bytes> {
        match (&self.buf, &next.buf) {
            (_, None) => Some(self.clone()),
            (None, Some(_)) => Some(next.clone()),
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) && self.end == next.start => Some(Bytes {
                buf: self.buf.clone(),
                start: self.start,
                end: next.end,
            }),
            _ => None,
        }
    }

    /// Whether two handles are windows into the same buffer (a test of sharing).
    pub fn shares_buffer_with(&self, other: &Bytes) -> bool {
        matches!((&self.buf, &other.buf), (Some(a), Some(b)) if Arc::ptr_eq(a, b))
    }
}

/// Gathers pieces into one [`Bytes`]: shared as long as each piece continues the last in the
/// same buffer, copied once (then appended to) from the first piece that does not.
#[derive(Default)]
pub struct Gather {
    shared: Bytes,
    owned: Option<Vec<u8>>,
}

impl Gather {
    pub fn new(first: Bytes) -> Gather {
        Gather {
            shared: first,
            owned: None,
        }
    }

    pub fn push(&mut self, piece: &Bytes) {
        if piece.is_empty() {
            return;
        }
        if let Some(v) = &mut self.owned {
            v.extend_from_slice(piece);
            return;
        }
        match self.shared.join(piece) {
            Some(joined) => self.shared = joined,
            None => {
                let mut v = Vec::with_capacity(self.shared.len().saturating_add(piece.len()));
                v.extend_from_slice(&self.shared);
                v.extend_from_slice(piece);
                self.owned = Some(v);
            }
        }
    }

    pub fn finish(self) -> Bytes {
        match self.owned {
            Some(v) => Bytes::from(v),
            None => self.shared,
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    #[inline]
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl From<&[u8]> for Bytes {
    fn from(data: &[u8]) -> Bytes {
        if data.is_empty() {
            return Bytes::new();
        }
        Bytes::from_shared(Arc::from(data))
    }
}

impl<const N: usize> From<&[u8; N]> for Bytes {
    fn from(data: &[u8; N]) -> Bytes {
        Bytes::from(data.as_slice())
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(data: Vec<u8>) -> Bytes {
        Bytes::from(data.as_slice())
    }
}

impl From<&str> for Bytes {
    fn from(data: &str) -> Bytes {
        Bytes::from(data.as_bytes())
    }
}

impl From<Bytes> for Vec<u8> {
    fn from(b: Bytes) -> Vec<u8> {
        b.as_slice().to_vec()
    }
}

/// As the `Vec<u8>` it replaced: `[1, 2, 3]`.
impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Bytes {}

impl PartialEq<[u8]> for Bytes {
    fn eq(&self, other: &[u8]) -> bool {
        self.as_slice() == other
    }
}

impl PartialEq<&[u8]> for Bytes {
    fn eq(&self, other: &&[u8]) -> bool {
        self.as_slice() == *other
    }
}

impl<const N: usize> PartialEq<[u8; N]> for Bytes {
    fn eq(&self, other: &[u8; N]) -> bool {
        self.as_slice() == other
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for Bytes {
    fn eq(&self, other: &&[u8; N]) -> bool {
        self.as_slice() == *other
    }
}

impl PartialEq<Vec<u8>> for Bytes {
    fn eq(&self, other: &Vec<u8>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<Bytes> for Vec<u8> {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<Bytes> for [u8] {
    fn eq(&self, other: &Bytes) -> bool {
        self == other.as_slice()
    }
}

impl PartialEq<Bytes> for &[u8] {
    fn eq(&self, other: &Bytes) -> bool {
        *self == other.as_slice()
    }
}

/// As a `Vec<u8>` hashes (its slice).
impl Hash for Bytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state)
    }
}

impl PartialOrd for Bytes {
    fn partial_cmp(&self, other: &Bytes) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bytes {
    fn cmp(&self, other: &Bytes) -> core::cmp::Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

/// As a `Vec<u8>` serializes: a sequence of numbers.
#[cfg(feature = "serde")]
impl serde::Serialize for Bytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Bytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        Vec::<u8>::deserialize(d).map(Bytes::from)
    }
}

/// As a `Vec<u8>` in `nanoserde`'s form: the length as 8 octets, then the octets.
#[cfg(feature = "bin")]
impl nanoserde::SerBin for Bytes {
    fn ser_bin(&self, s: &mut Vec<u8>) {
        (self.len() as u64)
            .to_le_bytes()
            .iter()
            .for_each(|b| s.push(*b));
        s.extend_from_slice(self.as_slice());
    }
}

/// Reads only octets that are there: a length past the input is an error, never a large
/// allocation.
#[cfg(feature = "bin")]
impl nanoserde::DeBin for Bytes {
    fn de_bin(o: &mut usize, d: &[u8]) -> Result<Bytes, nanoserde::DeBinErr> {
        let at = *o;
        let len = u64::de_bin(o, d)?;
        let end = usize::try_from(len)
            .ok()
            .and_then(|n| o.checked_add(n))
            .filter(|&e| e <= d.len());
        match end.and_then(|e| d.get(*o..e).map(|part| (e, part))) {
            Some((e, part)) => {
                *o = e;
                Ok(Bytes::from(part))
            }
            None => Err(nanoserde::DeBinErr::new(at, 8, d.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn slices_share_the_buffer_and_clamp() {
        let b = Bytes::from(&b"abcdefgh"[..]);
        let s = b.slice(2, 5);
        assert_eq!(s, b"cde");
        assert!(s.shares_buffer_with(&b));
        assert_eq!(b.slice(6, 100), b"gh");
        assert!(b.slice(9, 3).is_empty());
        assert_eq!(s.slice(1, 2), b"d");
    }

    #[test]
    fn slice_ref_shares_a_borrowed_part_and_copies_anything_else() {
        let b = Bytes::from(&b"abcdefgh"[..]);
        let part = b.get(3..6).unwrap();
        let r = b.slice_ref(part);
        assert_eq!(r, b"def");
        assert!(r.shares_buffer_with(&b));
        let other = vec![1u8, 2, 3];
        let c = b.slice_ref(&other);
        assert_eq!(c, other);
        assert!(!c.shares_buffer_with(&b));
        assert!(b.slice_ref(&[]).is_empty());
    }

    #[test]
    fn join_shares_only_what_continues_in_the_same_buffer() {
        let b = Bytes::from(&b"abcdefgh"[..]);
        let (x, y, z) = (b.slice(0, 3), b.slice(3, 5), b.slice(6, 8));
        let xy = x.join(&y).unwrap();
        assert_eq!(xy, b"abcde");
        assert!(xy.shares_buffer_with(&b));
        assert!(x.join(&z).is_none(), "a gap");
        assert!(y.join(&x).is_none(), "out of order");
        let copy = Bytes::from(&b"de"[..]);
        assert!(x.join(&copy).is_none(), "another buffer");
        assert_eq!(Bytes::new().join(&y).unwrap(), y);
        assert_eq!(y.join(&Bytes::new()).unwrap(), y);
    }

    #[test]
    fn gather_copies_once_from_the_first_break() {
        let b = Bytes::from(&b"abcdefgh"[..]);
        let mut g = Gather::new(b.slice(0, 2));
        g.push(&b.slice(2, 4));
        let shared = {
            let mut g2 = Gather::new(b.slice(0, 2));
            g2.push(&b.slice(2, 4));
            g2.finish()
        };
        assert!(shared.shares_buffer_with(&b));
        g.push(&Bytes::from(&b"xy"[..]));
        g.push(&b.slice(4, 5));
        let all = g.finish();
        assert_eq!(all, b"abcdxye");
        assert!(!all.shares_buffer_with(&b));
    }

    #[test]
    fn reads_prints_and_hashes_as_a_vec() {
        use core::hash::BuildHasher;
        let v = vec![1u8, 2, 250];
        let b = Bytes::from(v.clone());
        assert_eq!(alloc::format!("{b:?}"), alloc::format!("{v:?}"));
        assert_eq!(Bytes::new(), Vec::<u8>::new());
        // Same hash as the Vec (any fixed hasher).
        struct Fnv(u64);
        impl Hasher for Fnv {
            fn finish(&self) -> u64 {
                self.0
            }
            fn write(&mut self, bytes: &[u8]) {
                for &x in bytes {
                    self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
                }
            }
        }
        struct Build;
        impl BuildHasher for Build {
            type Hasher = Fnv;
            fn build_hasher(&self) -> Fnv {
                Fnv(0xcbf2_9ce4_8422_2325)
            }
        }
        assert_eq!(Build.hash_one(&b), Build.hash_one(&v));
    }

    #[cfg(feature = "bin")]
    #[test]
    fn binary_form_is_a_vecs_and_never_reads_past_the_input() {
        use nanoserde::{DeBin, SerBin};
        let v = vec![9u8, 8, 7];
        let b = Bytes::from(v.clone());
        assert_eq!(b.serialize_bin(), v.serialize_bin());
        assert_eq!(Bytes::deserialize_bin(&v.serialize_bin()).unwrap(), b);
        let mut huge = u64::MAX.to_le_bytes().to_vec();
        huge.push(1);
        assert!(Bytes::deserialize_bin(&huge).is_err());
        assert!(Bytes::deserialize_bin(&[3, 0, 0]).is_err());
    }
}
