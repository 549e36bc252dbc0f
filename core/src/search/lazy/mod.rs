//! Lazy loading: open and search an index whose files are fetched piece by piece.
//!
//! A big site's index is too large to download before the first query. [`RangeDirectory`]
//! serves tantivy's reads from a caller's fetcher (HTTP Range requests in the browser) through
//! a block cache, starting from a [`Hotcache`] written at build time; [`RecordingDirectory`]
//! records reads, which is how the hotcache is made and how query costs are measured.

mod cache;
mod hotcache;
mod range;
mod record;

#[cfg(test)]
mod tests;

pub use hotcache::Hotcache;
pub use range::{CacheOptions, FetchStats, Fetcher, RangeDirectory};
pub use record::{Read, RecordingDirectory};
