//! FNV-1a: a tiny, portable fingerprint, the same natively and in wasm.

/// FNV-1a, 64 bits: a pack's fingerprint, computed at compile time by the web app (its URL)
/// and at run time to check that the fetched pack is that one; the simulator's tests and
/// benchmark pin traces with it too.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut rest = bytes;
    while let [b, tail @ ..] = rest {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        rest = tail;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_published_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
