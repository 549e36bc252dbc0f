//! Lazy loading: open and search an index whose files are fetched piece by piece.
//!
//! A big site's index is too large to download before the first query. [`RangeDirectory`]
//! serves tantivy's reads from a caller's fetcher (HTTP Range requests in the browser) through
//! a block cache, starting from a [`Hotcache`] written at build time; [`RecordingDirectory`]
//! records reads, which is how the hotcache is made and how query costs are measured.
//! [`ChunkFetcher`] is the fallback for hosts without HTTP Range: whole fixed-size chunks.

mod chunks;
mod hotcache;
mod range;
mod record;
mod sections;
mod warm;

#[cfg(test)]
mod tests;

pub use chunks::{chunk_path, chunks_of, Chunk, ChunkFetcher, GetWhole, CHUNKS_DIR, CHUNK_SIZE};
pub use hotcache::Hotcache;
pub use range::{CacheOptions, FetchStats, Fetcher, RangeDirectory};
pub use record::{Read, RecordingDirectory};
pub use warm::{search_warmed, Need, Rounds, MAX_ROUNDS, MERGE_GAP_BYTES};

/// A block: the file's index in the directory's list and the block (or chunk) number.
type BlockKey = (usize, u64);

/// The blocks a [`RangeDirectory`] or the chunks a [`ChunkFetcher`] keeps, so a second query
/// touching the same term dictionary or posting blocks costs no request.
type BlockCache = crate::cache::ByteLru<BlockKey, std::sync::Arc<[u8]>>;

/// Indexes up to this size (sum of the manifest's sizes) are downloaded whole by the browser:
/// a few requests, every byte checked against its digest, and every later query free of network
/// waits. Larger ones are read lazily by byte ranges (and get chunks for hosts without Range).
pub const LAZY_THRESHOLD: u64 = 2_000_000;
