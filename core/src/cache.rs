//! The one least-recently-used cache, bounded in bytes, behind every cache the search keeps
//! (the lazy directory's blocks, the last hits' texts): each entry says what it weighs, and
//! the entries used longest ago go first once the weights pass the budget.
//!
//! The order is the `lru` crate's (already built for tantivy's store); this type adds the
//! byte budget, which `lru` bounds only by count.

use lru::LruCache;
use std::fmt;
use std::hash::Hash;
use std::sync::Arc;

/// What keeping a value costs, in bytes (what it holds, roughly; not its exact allocation).
pub trait Weigh {
    fn weight(&self) -> u64;
}

impl Weigh for Arc<[u8]> {
    fn weight(&self) -> u64 {
        self.len() as u64
    }
}

/// Values by key, the least recently used evicted first while their weights pass `budget`.
/// A value heavier than the whole budget is not kept (and evicts nothing).
pub struct ByteLru<K: Hash + Eq, V> {
    budget: u64,
    bytes: u64,
    /// Each value with the weight it was counted at.
    entries: LruCache<K, (u64, V)>,
}

impl<K: Hash + Eq, V: Weigh> ByteLru<K, V> {
    /// An empty cache holding at most `budget` bytes.
    pub fn new(budget: u64) -> ByteLru<K, V> {
        ByteLru {
            budget,
            bytes: 0,
            entries: LruCache::unbounded(),
        }
    }

    /// The value for `key`, marked as just used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        self.entries.get(key).map(|(_, value)| value)
    }

    /// Whether `key` is held; its recency stays as it was.
    pub fn contains(&self, key: &K) -> bool {
        self.entries.contains(key)
    }

    /// Keeps `value` as the most recently used (replacing any value for `key`), then evicts
    /// the least recently used until within the budget.
    pub fn insert(&mut self, key: K, value: V) {
        if let Some((weight, _)) = self.entries.pop(&key) {
            self.bytes -= weight;
        }
        let weight = value.weight();
        if weight > self.budget {
            return;
        }
        self.bytes += weight;
        self.entries.push(key, (weight, value));
        while self.bytes > self.budget {
            let Some((_, (gone, _))) = self.entries.pop_lru() else {
                break;
            };
            self.bytes -= gone;
        }
    }

    /// Bytes held (the sum of the held values' weights).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Values held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<K: Hash + Eq, V> fmt::Debug for ByteLru<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteLru")
            .field("budget", &self.budget)
            .field("bytes", &self.bytes)
            .field("entries", &self.entries.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(n: usize) -> Arc<[u8]> {
        vec![0u8; n].into()
    }

    fn cache(budget: u64) -> ByteLru<u32, Arc<[u8]>> {
        ByteLru::new(budget)
    }

    #[test]
    fn the_least_recently_inserted_goes_first() {
        let mut c = cache(300);
        for key in 0..4 {
            c.insert(key, bytes(100));
        }
        assert!(!c.contains(&0), "the oldest went");
        assert!(c.contains(&1) && c.contains(&2) && c.contains(&3));
        assert_eq!((c.len(), c.bytes()), (3, 300));
    }

    #[test]
    fn get_refreshes_recency_and_contains_does_not() {
        let mut c = cache(300);
        for key in 0..3 {
            c.insert(key, bytes(100));
        }
        assert!(c.get(&0).is_some(), "touch 0");
        assert!(c.contains(&1), "looking does not touch 1");
        c.insert(3, bytes(100));
        assert!(!c.contains(&1), "1 was the least recently used");
        assert!(c.contains(&0) && c.contains(&2) && c.contains(&3));
    }

    #[test]
    fn the_budget_counts_weights_not_entries() {
        let mut c = cache(300);
        c.insert(0, bytes(100));
        c.insert(1, bytes(100));
        c.insert(2, bytes(250));
        assert_eq!((c.len(), c.bytes()), (1, 250), "both older entries went");
        c.insert(3, bytes(10));
        c.insert(4, bytes(10));
        assert_eq!(
            (c.len(), c.bytes()),
            (3, 270),
            "small entries fit beside it"
        );
    }

    #[test]
    fn replacing_a_value_replaces_its_weight() {
        let mut c = cache(300);
        c.insert(0, bytes(100));
        c.insert(1, bytes(100));
        c.insert(1, bytes(50));
        assert_eq!((c.len(), c.bytes()), (2, 150));
        assert_eq!(c.get(&1).map(|v| v.len()), Some(50));
    }

    #[test]
    fn a_value_over_the_budget_is_not_kept_and_evicts_nothing() {
        let mut c = cache(300);
        c.insert(0, bytes(100));
        c.insert(1, bytes(1000));
        assert!(!c.contains(&1));
        assert!(c.contains(&0), "nothing made room for it");
        assert_eq!(c.bytes(), 100);
        c.insert(0, bytes(1000));
        assert!(
            c.is_empty(),
            "an oversize value still replaces the stale one"
        );
        assert_eq!(c.bytes(), 0);
        c.insert(2, bytes(300));
        assert_eq!(c.bytes(), 300, "a value of exactly the budget is kept");
    }
}
