//! The send queue: what the application wrote and the peer has not yet acknowledged (RFC 9293
//! §3.10.2 SEND: "the data is ... queued ... for transmission"; Linux `sk_write_queue` and
//! `tcp_rtx_queue`), as the writes' own octets ([`Bytes`]) rather than a copy of them.
//!
//! Each segment sent from it is a window into a write's buffer, so that the segment, any
//! retransmission of it, and whatever the caller keeps of them share that buffer. A write
//! that continues the previous one in the same buffer (as a simulator's writes of one stream
//! do) extends it, so segments never straddle two writes there; a segment that does straddle
//! two buffers is copied into one.

use crate::wire::{Bytes, Gather};
use alloc::collections::VecDeque;

#[derive(Clone, Debug, Default)]
pub(crate) struct SendQueue {
    /// The writes, oldest first, each with the stream offset of its first octet (counted
    /// from the first octet ever queued, so that a lookup is a binary search).
    chunks: VecDeque<(u64, Bytes)>,
    /// The stream offset of the queue's first octet.
    head: u64,
    /// Octets queued.
    len: usize,
}

impl SendQueue {
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Queue `data` after what is queued, sharing its buffer.
    pub(crate) fn push(&mut self, data: Bytes) {
        if data.is_empty() {
            return;
        }
        let at = self.head.saturating_add(self.len as u64);
        self.len = self.len.saturating_add(data.len());
        if let Some((_, last)) = self.chunks.back_mut() {
            if let Some(joined) = last.join(&data) {
                *last = joined;
                return;
            }
        }
        self.chunks.push_back((at, data));
    }

    /// Forget the first `n` octets (acknowledged).
    pub(crate) fn drain_front(&mut self, n: usize) {
        let n = n.min(self.len);
        self.len -= n;
        self.head = self.head.saturating_add(n as u64);
        let head = self.head;
        while let Some((at, first)) = self.chunks.front_mut() {
            let end = at.saturating_add(first.len() as u64);
            if end <= head {
                self.chunks.pop_front();
                continue;
            }
            if *at < head {
                let cut = usize::try_from(head - *at).unwrap_or(usize::MAX);
                *first = first.slice(cut, first.len());
                *at = head;
            }
            break;
        }
    }

    /// Octets `start..start + len` of the queue (as far as it goes): shared with the write
    /// that holds them, or copied once if they span two writes' buffers.
    pub(crate) fn range(&self, start: usize, len: usize) -> Bytes {
        let end = start.saturating_add(len).min(self.len);
        if start >= end {
            return Bytes::new();
        }
        let (from, to) = (
            self.head.saturating_add(start as u64),
            self.head.saturating_add(end as u64),
        );
        // The first write that ends past `from`.
        let first = self
            .chunks
            .partition_point(|(at, c)| at.saturating_add(c.len() as u64) <= from);
        let mut out: Option<Gather> = None;
        for (at, c) in self.chunks.range(first..) {
            if *at >= to {
                break;
            }
            let a = usize::try_from(from.saturating_sub(*at)).unwrap_or(usize::MAX);
            let b = usize::try_from(to.saturating_sub(*at)).unwrap_or(usize::MAX);
            let piece = c.slice(a, b);
            match &mut out {
                None => out = Some(Gather::new(piece)),
                Some(g) => g.push(&piece),
            }
        }
        out.map_or_else(Bytes::new, Gather::finish)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn contents(q: &SendQueue) -> Vec<u8> {
        q.range(0, q.len()).to_vec()
    }

    #[test]
    fn continuing_writes_merge_and_segments_share_their_buffer() {
        let stream = Bytes::from(&b"0123456789abcdef"[..]);
        let mut q = SendQueue::default();
        q.push(stream.slice(0, 5));
        q.push(stream.slice(5, 12));
        assert_eq!(q.chunks.len(), 1, "one write continues the other");
        let seg = q.range(3, 6);
        assert_eq!(seg, b"345678");
        assert!(seg.shares_buffer_with(&stream));
        q.drain_front(4);
        assert_eq!(contents(&q), b"456789ab");
        assert!(q.range(0, 2).shares_buffer_with(&stream));
    }

    #[test]
    fn ranges_across_writes_are_copied_whole_and_clamped() {
        let mut q = SendQueue::default();
        for w in [&b"abc"[..], b"", b"de", b"fghij"] {
            q.push(Bytes::from(w));
        }
        assert_eq!(q.len(), 10);
        assert_eq!(q.chunks.len(), 3);
        for start in 0..=11 {
            for len in 0..=12 {
                let want: Vec<u8> = b"abcdefghij"
                    .iter()
                    .copied()
                    .skip(start)
                    .take(len)
                    .collect();
                assert_eq!(q.range(start, len), want, "{start}+{len}");
            }
        }
        q.drain_front(4);
        assert_eq!(contents(&q), b"efghij");
        assert_eq!(q.chunks.len(), 2);
        q.drain_front(100);
        assert!(q.is_empty());
        assert!(q.chunks.is_empty());
        assert!(q.range(0, 3).is_empty());
    }
}
