//! LEB128 numbers and length-prefixed byte strings: the one encoding of the small binary
//! formats the index carries (the hotcache, stored texts, facet runs).

/// Appends `n` as LEB128: seven bits per byte, low bits first, the high bit set on all but the
/// last byte.
pub fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Appends `bytes` after their length.
pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Takes one number off the front of `rest`; `None` when truncated or longer than 64 bits.
pub fn take(rest: &mut &[u8]) -> Option<u64> {
    let mut n: u64 = 0;
    for shift in (0..64).step_by(7) {
        let (&byte, tail) = rest.split_first()?;
        *rest = tail;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Takes one length-prefixed byte string off the front of `rest`; `None` when truncated.
pub fn take_bytes<'a>(rest: &mut &'a [u8]) -> Option<&'a [u8]> {
    let len = usize::try_from(take(rest)?).ok()?;
    if len > rest.len() {
        return None;
    }
    let (head, tail) = rest.split_at(len);
    *rest = tail;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings_round_trip_and_damage_is_none() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            put(&mut out, n);
        }
        put_bytes(&mut out, "规章".as_bytes());
        let mut rest = out.as_slice();
        for n in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(take(&mut rest), Some(n));
        }
        assert_eq!(take_bytes(&mut rest), Some("规章".as_bytes()));
        assert!(rest.is_empty());
        assert_eq!(take(&mut &[0x80u8][..]), None);
        assert_eq!(take(&mut &[0xffu8; 11][..]), None);
        assert_eq!(take_bytes(&mut &[5u8, b'a'][..]), None);
    }
}
