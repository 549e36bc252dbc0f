//! The fallback for static hosts without HTTP Range: index files cut into fixed-size chunks.
//!
//! A host that ignores `Range` can still serve whole small files. So the builder also writes each
//! index file bigger than one chunk as `chunks/<file>.<offset>` (offsets are multiples of the
//! chunk size; the last chunk is short), and [`ChunkFetcher`] answers the range directory's
//! reads from those whole files, each fetched once and cached. A file of at most one chunk is its
//! own only chunk, so it is not written twice. The one definition of the names is here, for the
//! builder and the browser alike.

use super::range::Fetcher;
use super::BlockCache;
use std::ops::Range;
use std::sync::{Arc, Mutex};

/// The chunks' folder inside the index folder.
pub const CHUNKS_DIR: &str = "chunks";

/// Bytes per chunk. Measured on the law corpus site (31.5 MiB index, 10 typical cold first
/// queries, see `builder/tests/lazy_index.rs`): see the README's "Big indexes".
pub const CHUNK_SIZE: u64 = 64 * 1024;

/// The path, relative to the index folder, of the chunk of `name` (a file of `len` bytes) that
/// starts at `offset`: the file itself when it fits in one chunk.
pub fn chunk_path(name: &str, len: u64, offset: u64, chunk_size: u64) -> String {
    if len <= chunk_size {
        name.to_string()
    } else {
        format!("{CHUNKS_DIR}/{name}.{offset}")
    }
}

/// The chunks the builder writes for `name` (a file of `len` bytes): path and byte range each;
/// none for a file of at most one chunk.
pub fn chunks_of(name: &str, len: u64, chunk_size: u64) -> Vec<(String, Range<u64>)> {
    let size = chunk_size.max(1);
    if len <= size {
        return Vec::new();
    }
    (0..len.div_ceil(size))
        .map(|i| {
            let start = i * size;
            let path = chunk_path(name, len, start, size);
            (path, start..(start + size).min(len))
        })
        .collect()
}

/// One chunk of one file: its path (relative to the index folder) and where it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub path: String,
    index: usize,
    number: u64,
}

fn wrong_length(path: &str, got: usize, want: u64) -> String {
    format!("{path}: {got} bytes, expected {want} (chunks of another build?)")
}

/// Gets a whole file by its path relative to the index folder (a plain GET in the browser).
pub type GetWhole = dyn Fn(&str) -> Result<Vec<u8>, String> + Send + Sync;

/// A [`Fetcher`] that reads ranges out of whole chunks, fetched through `get` and kept in a
/// bounded LRU cache. A chunk of the wrong length is an error, never bytes.
pub struct ChunkFetcher {
    /// Sorted by name: `(name, length)`.
    files: Vec<(String, u64)>,
    chunk_size: u64,
    get: Box<GetWhole>,
    cache: Mutex<BlockCache>,
}

impl ChunkFetcher {
    /// Chunks of `files` (name, length) of `chunk_size` bytes (as written by the builder),
    /// fetched by `get`; at most `max_cache_bytes` of them kept.
    pub fn new(
        files: impl IntoIterator<Item = (String, u64)>,
        chunk_size: u64,
        max_cache_bytes: u64,
        get: impl Fn(&str) -> Result<Vec<u8>, String> + Send + Sync + 'static,
    ) -> ChunkFetcher {
        let mut files: Vec<(String, u64)> = files.into_iter().collect();
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        ChunkFetcher {
            files,
            chunk_size: chunk_size.max(1),
            get: Box::new(get),
            cache: Mutex::new(BlockCache::new(max_cache_bytes)),
        }
    }

    /// The chunks that reading `range` of `name` needs and the cache lacks: what a round of
    /// parallel requests fetches ([`ChunkFetcher::put`] each), so that the read is then served
    /// from the cache.
    pub fn wanted(&self, name: &str, range: Range<u64>) -> Result<Vec<Chunk>, String> {
        let index = self.index(name)?;
        let len = self.files[index].1;
        if range.start > range.end || range.end > len {
            return Err(format!("{name}: range {range:?} outside 0..{len}"));
        }
        let size = self.chunk_size;
        let cache = self.lock()?;
        let numbers = (range.start / size)..range.end.div_ceil(size);
        let missing = numbers.filter(|n| !cache.contains(&(index, *n)));
        Ok(missing
            .map(|number| Chunk {
                path: chunk_path(name, len, number * size, size),
                index,
                number,
            })
            .collect())
    }

    /// Keeps a chunk fetched for [`ChunkFetcher::wanted`]; one of the wrong length is refused.
    pub fn put(&self, chunk: &Chunk, bytes: Vec<u8>) -> Result<(), String> {
        let want = self.chunk_len(chunk.index, chunk.number)?;
        if bytes.len() as u64 != want {
            return Err(wrong_length(&chunk.path, bytes.len(), want));
        }
        self.lock()?
            .insert((chunk.index, chunk.number), bytes.into());
        Ok(())
    }

    fn index(&self, name: &str) -> Result<usize, String> {
        self.files
            .binary_search_by(|f| f.0.as_str().cmp(name))
            .map_err(|_| format!("{name}: not in the index"))
    }

    /// Bytes in chunk `number` of file `index` (the last is short).
    fn chunk_len(&self, index: usize, number: u64) -> Result<u64, String> {
        let (name, len) = self.files.get(index).ok_or("no such file")?;
        let start = number * self.chunk_size;
        if start >= *len {
            return Err(format!("{name}: no chunk {number}"));
        }
        Ok((start + self.chunk_size).min(*len) - start)
    }

    /// Chunk `number` of file `index`, from the cache or fetched and checked.
    fn chunk(&self, index: usize, number: u64) -> Result<Arc<[u8]>, String> {
        if let Some(hit) = self.lock()?.get(&(index, number)) {
            return Ok(hit.clone());
        }
        let (name, len) = &self.files[index];
        let want = self.chunk_len(index, number)?;
        let path = chunk_path(name, *len, number * self.chunk_size, self.chunk_size);
        let bytes = (self.get)(&path)?;
        if bytes.len() as u64 != want {
            return Err(wrong_length(&path, bytes.len(), want));
        }
        let chunk: Arc<[u8]> = bytes.into();
        self.lock()?.insert((index, number), chunk.clone());
        Ok(chunk)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, BlockCache>, String> {
        self.cache
            .lock()
            .map_err(|_| "the chunk cache's lock is poisoned".to_string())
    }
}

impl Fetcher for ChunkFetcher {
    fn fetch(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String> {
        let index = self.index(name)?;
        let len = self.files[index].1;
        if range.start > range.end || range.end > len {
            return Err(format!("{name}: range {range:?} outside 0..{len}"));
        }
        let size = self.chunk_size;
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        let mut at = range.start;
        while at < range.end {
            let number = at / size;
            let chunk = self.chunk(index, number)?;
            let from = (at - number * size) as usize;
            let to = ((range.end - number * size) as usize).min(chunk.len());
            out.extend_from_slice(&chunk[from..to]);
            at = number * size + to as u64;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    /// The files the builder would write for `data` as `f` (chunked) and `m` (one chunk), served
    /// from memory; requests are counted, and fail while `broken` is set.
    struct Host {
        files: Vec<(String, Vec<u8>)>,
        requests: AtomicUsize,
        broken: AtomicBool,
    }

    fn host(data: &[u8], small: &[u8], size: u64) -> Arc<Host> {
        let mut files: Vec<(String, Vec<u8>)> = chunks_of("f", data.len() as u64, size)
            .into_iter()
            .map(|(path, r)| (path, data[r.start as usize..r.end as usize].to_vec()))
            .collect();
        files.push(("m".into(), small.to_vec()));
        Arc::new(Host {
            files,
            requests: AtomicUsize::new(0),
            broken: AtomicBool::new(false),
        })
    }

    fn fetcher(host: &Arc<Host>, lens: &[(&str, u64)], size: u64, cache: u64) -> ChunkFetcher {
        let served = host.clone();
        let listing = lens.iter().map(|(n, l)| (n.to_string(), *l));
        ChunkFetcher::new(listing, size, cache, move |path: &str| {
            served.requests.fetch_add(1, Ordering::SeqCst);
            if served.broken.load(Ordering::SeqCst) {
                return Err(format!("{path}: HTTP 404"));
            }
            let file = served.files.iter().find(|(p, _)| p == path);
            file.map(|(_, b)| b.clone())
                .ok_or(format!("{path}: HTTP 404"))
        })
    }

    #[test]
    fn chunk_names_and_ranges_cover_the_file_once() {
        assert_eq!(
            chunk_path("a.idx", 10, 0, 10),
            "a.idx",
            "one chunk: the file"
        );
        assert_eq!(chunk_path("a.idx", 11, 10, 10), "chunks/a.idx.10");
        assert!(chunks_of("a.idx", 10, 10).is_empty());
        let cut = chunks_of("a.idx", 25, 10);
        let names: Vec<&str> = cut.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            ["chunks/a.idx.0", "chunks/a.idx.10", "chunks/a.idx.20"]
        );
        let ranges: Vec<Range<u64>> = cut.into_iter().map(|(_, r)| r).collect();
        assert_eq!(ranges, [0..10, 10..20, 20..25], "the last chunk is short");
    }

    #[test]
    fn every_range_reads_the_right_bytes_across_chunk_edges() {
        let data: Vec<u8> = (0..=255u8).cycle().take(103).collect();
        let small = b"meta".to_vec();
        let h = host(&data, &small, 10);
        let f = fetcher(&h, &[("f", 103), ("m", 4)], 10, 1 << 20);
        for start in 0..=103u64 {
            for end in start..=103u64 {
                let got = f.fetch("f", start..end).unwrap();
                assert_eq!(got, data[start as usize..end as usize], "{start}..{end}");
            }
        }
        assert_eq!(
            h.requests.load(Ordering::SeqCst),
            11,
            "each chunk fetched once"
        );
        assert_eq!(
            f.fetch("f", 95..103).unwrap(),
            data[95..103],
            "last short chunk"
        );
        assert_eq!(
            f.fetch("m", 1..3).unwrap(),
            b"et",
            "a small file is its own chunk"
        );
        assert_eq!(h.requests.load(Ordering::SeqCst), 12);
        assert!(f.fetch("f", 100..104).is_err(), "past the end");
        assert!(f.fetch("g", 0..1).is_err(), "unknown file");
    }

    #[test]
    fn a_failed_or_wrong_chunk_gives_an_error_and_no_bytes() {
        let data: Vec<u8> = (0..50u8).collect();
        let h = host(&data, b"", 16);
        let f = fetcher(&h, &[("f", 50)], 16, 1 << 20);
        assert_eq!(f.fetch("f", 0..5).unwrap(), data[0..5]);
        h.broken.store(true, Ordering::SeqCst);
        let err = f.fetch("f", 10..40).unwrap_err();
        assert!(err.contains("chunks/f.16") && err.contains("404"), "{err}");
        h.broken.store(false, Ordering::SeqCst);
        assert_eq!(
            f.fetch("f", 10..40).unwrap(),
            data[10..40],
            "a failure is not kept"
        );

        let wrong = fetcher(&h, &[("f", 60)], 16, 1 << 20);
        let err = wrong.fetch("f", 40..55).unwrap_err();
        assert!(
            err.contains("chunks/f.48") && err.contains("expected 12"),
            "{err}"
        );
        let other_size = fetcher(&h, &[("f", 50)], 20, 1 << 20);
        assert!(
            other_size.fetch("f", 0..5).is_err(),
            "chunks of another size"
        );
    }

    #[test]
    fn the_chunk_cache_is_bounded_and_refetches() {
        let data = vec![9u8; 100];
        let h = host(&data, b"", 10);
        let f = fetcher(&h, &[("f", 100)], 10, 30);
        for i in 0..10u64 {
            f.fetch("f", i * 10..i * 10 + 1).unwrap();
        }
        assert_eq!(h.requests.load(Ordering::SeqCst), 10);
        f.fetch("f", 95..96).unwrap();
        assert_eq!(h.requests.load(Ordering::SeqCst), 10, "recent chunk kept");
        f.fetch("f", 0..1).unwrap();
        assert_eq!(
            h.requests.load(Ordering::SeqCst),
            11,
            "evicted chunk fetched again"
        );
    }

    #[test]
    fn wanted_chunks_put_in_ahead_serve_the_read_without_a_request() {
        let data: Vec<u8> = (0..=255u8).cycle().take(103).collect();
        let h = host(&data, b"meta", 10);
        let f = fetcher(&h, &[("f", 103), ("m", 4)], 10, 1 << 20);
        let wanted = f.wanted("f", 15..42).unwrap();
        let paths: Vec<&str> = wanted.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            ["chunks/f.10", "chunks/f.20", "chunks/f.30", "chunks/f.40"]
        );
        assert!(
            f.put(&wanted[0], vec![0; 3]).is_err(),
            "a chunk of the wrong length"
        );
        for chunk in &wanted {
            let (_, bytes) = h.files.iter().find(|(p, _)| *p == chunk.path).unwrap();
            f.put(chunk, bytes.clone()).unwrap();
        }
        assert_eq!(f.fetch("f", 15..42).unwrap(), data[15..42]);
        assert_eq!(h.requests.load(Ordering::SeqCst), 0);
        assert!(f.wanted("f", 15..42).unwrap().is_empty(), "all cached now");
        assert_eq!(
            f.wanted("m", 0..4).unwrap()[0].path,
            "m",
            "a small file is its own chunk"
        );
        assert!(f.wanted("f", 100..104).is_err() && f.wanted("x", 0..1).is_err());
    }
}
