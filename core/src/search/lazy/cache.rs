//! A least-recently-used cache of file blocks, bounded in bytes.
//!
//! The lazy directory keeps every block it fetched here, so a second query touching the same
//! term dictionary or posting blocks costs no request. Eviction drops the block used longest ago.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A block: the file's index in the directory's list and the block number.
pub type BlockKey = (usize, u64);

/// Blocks by key, evicted oldest-use first once over `max_bytes`.
#[derive(Debug, Default)]
pub struct BlockCache {
    max_bytes: u64,
    bytes: u64,
    tick: u64,
    blocks: HashMap<BlockKey, (u64, Arc<[u8]>)>,
    /// Last use → key, so the oldest is the first entry.
    order: BTreeMap<u64, BlockKey>,
}

impl BlockCache {
    pub fn new(max_bytes: u64) -> BlockCache {
        BlockCache {
            max_bytes,
            ..BlockCache::default()
        }
    }

    /// The block, marked as just used.
    pub fn get(&mut self, key: BlockKey) -> Option<Arc<[u8]>> {
        let tick = self.next_tick();
        let (used, data) = self.blocks.get_mut(&key)?;
        self.order.remove(used);
        *used = tick;
        self.order.insert(tick, key);
        Some(data.clone())
    }

    pub fn contains(&self, key: BlockKey) -> bool {
        self.blocks.contains_key(&key)
    }

    /// Adds a block, then evicts the least recently used ones until within the bound.
    pub fn insert(&mut self, key: BlockKey, data: Arc<[u8]>) {
        if let Some((used, old)) = self.blocks.remove(&key) {
            self.order.remove(&used);
            self.bytes -= old.len() as u64;
        }
        let tick = self.next_tick();
        self.bytes += data.len() as u64;
        self.blocks.insert(key, (tick, data));
        self.order.insert(tick, key);
        while self.bytes > self.max_bytes {
            let Some((_, oldest)) = self.order.pop_first() else {
                break;
            };
            if let Some((_, gone)) = self.blocks.remove(&oldest) {
                self.bytes -= gone.len() as u64;
            }
        }
    }

    /// Bytes held.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    fn next_tick(&mut self) -> u64 {
        self.tick += 1;
        self.tick
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(n: usize) -> Arc<[u8]> {
        vec![0u8; n].into()
    }

    #[test]
    fn evicts_the_least_recently_used_within_the_bound() {
        let mut c = BlockCache::new(300);
        c.insert((0, 0), block(100));
        c.insert((0, 1), block(100));
        c.insert((1, 0), block(100));
        assert!(c.get((0, 0)).is_some(), "touch block 0");
        c.insert((1, 1), block(100));
        assert!(!c.contains((0, 1)), "the oldest untouched block went");
        assert!(c.contains((0, 0)) && c.contains((1, 0)) && c.contains((1, 1)));
        assert_eq!(c.bytes(), 300);
        c.insert((1, 1), block(50));
        assert_eq!(c.bytes(), 250, "replacing a block replaces its bytes");
        c.insert((2, 0), block(1000));
        assert_eq!(c.bytes(), 0, "a block over the bound is not kept");
    }
}
