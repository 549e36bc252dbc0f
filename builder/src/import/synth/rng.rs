//! A small seeded PRNG (SplitMix64), so a synthetic corpus is the same bytes on every machine.
//!
//! Written here rather than taken from a crate so that no dependency update can change the
//! output. Each item draws from its own stream, derived from the seed and its index, so an
//! item's text does not depend on how many numbers earlier items used.

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for sampling text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

/// Independent streams per item, so plan, titles and bodies never shift each other.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Title = 1,
    Body = 2,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The stream for one purpose of one item.
    pub fn for_item(seed: u64, item: u32, stream: Stream) -> Rng {
        let key = (u64::from(item) << 8) | stream as u64;
        Rng(mix(seed ^ mix(key.wrapping_add(0x5851_f42d_4c95_7f2d))))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A number in `0..n`; 0 when `n` is 0. Multiply-shift avoids modulo bias.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi.saturating_sub(lo) + 1) as usize) as u32
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element; callers only pass lists the pool has checked to be non-empty.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The SplitMix64 finalizer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let a: Vec<u64> = (0..5).map(|_| Rng::new(7).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = Rng::new(7);
        let first = r.next_u64();
        assert_ne!(first, r.next_u64());
    }

    #[test]
    fn ranges_hold() {
        let mut r = Rng::new(1);
        for _ in 0..1000 {
            assert!(r.below(3) < 3);
            assert!((5..=9).contains(&r.between(5, 9)));
        }
        assert_eq!(r.below(0), 0);
        let a = Rng::for_item(1, 2, Stream::Title).next_u64();
        assert_ne!(a, Rng::for_item(1, 2, Stream::Body).next_u64());
    }
}
