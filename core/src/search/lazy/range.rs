//! A read-only tantivy `Directory` whose bytes come from a caller's block fetcher.
//!
//! In the browser the fetcher is an HTTP Range request (a synchronous XHR in the worker); natively
//! it is anything, e.g. a slice of a file, which is how tests and measurements use it. Reads are
//! served from the hotcache (bytes every query needs, fetched in one request up front), then
//! from a bounded LRU cache of fixed-size blocks; missing blocks are fetched in one request per
//! contiguous run, plus some read-ahead. No threads, no clock, no file system.

use super::hotcache::Hotcache;
use super::warm::{merge_runs, Need, MERGE_GAP_BYTES};
use super::{BlockCache, BlockKey};
use crate::search::types::SearchError;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Gets bytes `range` of the index file `name`; must return exactly that many bytes.
///
/// Needs `Send + Sync` because tantivy's `Directory` does; a closure that makes its request
/// inside the call (holding no JS value) is both, even in wasm.
pub trait Fetcher: Send + Sync + 'static {
    fn fetch(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String>;
}

impl<F> Fetcher for F
where
    F: Fn(&str, Range<u64>) -> Result<Vec<u8>, String> + Send + Sync + 'static,
{
    fn fetch(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String> {
        self(name, range)
    }
}

/// Block size, read-ahead and the cache bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheOptions {
    /// Bytes per block (the unit of fetching and caching); at least 1.
    pub block_size: u64,
    /// Blocks fetched beyond a miss, in the same request.
    pub read_ahead: u64,
    /// The block cache never holds more than this.
    pub max_cache_bytes: u64,
}

/// Block size measured with the browser benchmark's 8 cold first queries (hotcache included):
/// 1 KiB blocks fetched 24-38 KiB less per query than 2 KiB on the law corpus (e.g. 环境保护
/// 248 → 219 KiB) and 24-45 KiB less at 100,000 items, in the same number of requests; 512 bytes
/// saved 12-16 KiB more but took one more request for every query at 100,000 items and two of
/// eight on the laws (a round trip is 562 ms on Fast 3G, 15 KiB there 85 ms). Earlier: 4 KiB
/// and 16 KiB fetched far more, because term dictionary blocks (4,000 bytes), posting lists
/// and stored records are small and scattered.
impl Default for CacheOptions {
    fn default() -> CacheOptions {
        CacheOptions {
            block_size: 1024,
            read_ahead: 0,
            max_cache_bytes: 64 << 20,
        }
    }
}

/// What the fetcher was asked for so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchStats {
    pub requests: u64,
    pub bytes: u64,
}

/// See the module documentation. Clones share one cache.
#[derive(Clone)]
pub struct RangeDirectory {
    shared: Arc<Shared>,
}

struct Shared {
    /// Sorted by name: `(name, length)`.
    files: Vec<(String, u64)>,
    fetcher: Box<dyn Fetcher>,
    options: CacheOptions,
    state: Mutex<State>,
}

struct State {
    hot: Hotcache,
    cache: BlockCache,
    stats: FetchStats,
    /// Set during a dry run (see [`RangeDirectory::dry`]): a read that misses records its
    /// blocks here and fails instead of fetching.
    misses: Option<BTreeSet<BlockKey>>,
}

impl std::fmt::Debug for RangeDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RangeDirectory")
            .field("files", &self.shared.files.len())
            .finish()
    }
}

impl RangeDirectory {
    /// A directory of `files` (name, length; e.g. from the search manifest plus `meta.json`).
    pub fn new(
        files: impl IntoIterator<Item = (String, u64)>,
        fetcher: impl Fetcher,
        options: CacheOptions,
    ) -> RangeDirectory {
        let mut files: Vec<(String, u64)> = files.into_iter().collect();
        files.sort();
        files.dedup_by(|a, b| a.0 == b.0);
        let options = CacheOptions {
            block_size: options.block_size.max(1),
            ..options
        };
        RangeDirectory {
            shared: Arc::new(Shared {
                files,
                fetcher: Box::new(fetcher),
                options,
                state: Mutex::new(State {
                    hot: Hotcache::default(),
                    cache: BlockCache::new(options.max_cache_bytes),
                    stats: FetchStats::default(),
                    misses: None,
                }),
            }),
        }
    }

    /// Installs a hotcache (see `hotcache`); ranges naming unknown files or wrong lengths are
    /// refused, so a stale hotcache can never serve wrong bytes.
    pub fn load_hotcache(&self, bytes: &[u8]) -> Result<(), SearchError> {
        let hot = Hotcache::decode(bytes)?;
        for (name, len) in hot.files() {
            if self.file(name).map(|(_, l)| l) != Some(len) {
                return Err(SearchError::Open(format!(
                    "the hotcache does not match the index ({name})"
                )));
            }
        }
        self.lock()?.hot = hot;
        Ok(())
    }

    /// Requests and bytes fetched so far.
    pub fn stats(&self) -> FetchStats {
        self.lock().map(|s| s.stats).unwrap_or_default()
    }

    /// Runs `f` without fetching: every read it makes that the hotcache and the block cache
    /// cannot serve fails, and its missing blocks are returned with `f`'s result, merged into
    /// the fewest ranges (neighbours and small gaps joined). Nothing is fetched, so a caller can
    /// fetch all of them at once, [`RangeDirectory::fill`] them in, and run `f` again: each run
    /// gets further, and a run that misses nothing read only what was fetched before.
    pub fn dry<T>(&self, f: impl FnOnce() -> T) -> (T, Vec<Need>) {
        if let Ok(mut state) = self.lock() {
            state.misses = Some(BTreeSet::new());
        }
        let out = f();
        let misses = self
            .lock()
            .ok()
            .and_then(|mut s| s.misses.take())
            .unwrap_or_default();
        let bs = self.shared.options.block_size;
        let runs = merge_runs(misses, MERGE_GAP_BYTES.div_ceil(bs));
        let needs = runs
            .into_iter()
            .map(|(index, blocks)| {
                let (name, len) = &self.shared.files[index];
                Need {
                    name: name.clone(),
                    range: blocks.start * bs..(blocks.end * bs).min(*len),
                }
            })
            .collect();
        (out, needs)
    }

    /// True when the dry run under way has missed a block so far.
    pub fn missed(&self) -> bool {
        self.lock()
            .ok()
            .and_then(|s| s.misses.as_ref().map(|m| !m.is_empty()))
            .unwrap_or(false)
    }

    /// Puts the bytes fetched for `need` (one of [`RangeDirectory::dry`]'s) into the block
    /// cache; bytes of another length are refused.
    pub fn fill(&self, need: &Need, bytes: &[u8]) -> Result<(), SearchError> {
        let refuse = |what: String| SearchError::Search(format!("{}: {what}", need.name));
        let (index, len) = self
            .file(&need.name)
            .ok_or_else(|| refuse("not in the index".into()))?;
        let bs = self.shared.options.block_size;
        let range = &need.range;
        if !range.start.is_multiple_of(bs) || range.end > len || range.start > range.end {
            return Err(refuse(format!("{range:?} is not a range of blocks")));
        }
        if bytes.len() as u64 != range.end - range.start {
            return Err(refuse(format!("{} bytes for {range:?}", bytes.len())));
        }
        let mut state = self.lock()?;
        for (k, block) in bytes.chunks(bs as usize).enumerate() {
            state
                .cache
                .insert((index, range.start / bs + k as u64), Arc::from(block));
        }
        Ok(())
    }

    /// Bytes held by the block cache.
    pub fn cached_bytes(&self) -> u64 {
        self.lock().map(|s| s.cache.bytes()).unwrap_or_default()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>, SearchError> {
        self.shared
            .state
            .lock()
            .map_err(|_| SearchError::Search("the range directory's lock is poisoned".into()))
    }

    /// The file's index and length.
    fn file(&self, name: &str) -> Option<(usize, u64)> {
        let files = &self.shared.files;
        let i = files.binary_search_by(|f| f.0.as_str().cmp(name)).ok()?;
        Some((i, files[i].1))
    }

    /// Bytes `range` of file `index`.
    fn read(&self, index: usize, range: Range<u64>) -> std::io::Result<Vec<u8>> {
        let (name, len) = &self.shared.files[index];
        if range.start > range.end || range.end > *len {
            return Err(io_error(format!(
                "{name}: range {range:?} outside 0..{len}"
            )));
        }
        if range.is_empty() {
            return Ok(Vec::new());
        }
        let mut state = self.lock().map_err(|e| io_error(e.to_string()))?;
        if let Some(bytes) = state.hot.get(name, range.clone()) {
            return Ok(bytes.to_vec());
        }
        let blocks = self.blocks(&mut state, index, &range)?;
        let bs = self.shared.options.block_size;
        let first = range.start / bs;
        let mut out = Vec::with_capacity((range.end - range.start) as usize);
        for (i, block) in blocks.iter().enumerate() {
            let block_start = (first + i as u64) * bs;
            let from = range.start.saturating_sub(block_start) as usize;
            let to = (range.end - block_start).min(block.len() as u64) as usize;
            out.extend_from_slice(block.get(from..to).unwrap_or_default());
        }
        if out.len() as u64 != range.end - range.start {
            return Err(io_error(format!("{name}: short read of {range:?}")));
        }
        Ok(out)
    }

    /// The blocks covering `range`, fetching the missing ones (one request per run).
    fn blocks(
        &self,
        state: &mut State,
        index: usize,
        range: &Range<u64>,
    ) -> std::io::Result<Vec<Arc<[u8]>>> {
        let bs = self.shared.options.block_size;
        let (first, last) = (range.start / bs, (range.end - 1) / bs);
        let mut have: Vec<Option<Arc<[u8]>>> = (first..=last)
            .map(|b| state.cache.get(&(index, b)).cloned())
            .collect();
        if let Some(misses) = state.misses.as_mut() {
            if have.iter().any(Option::is_none) {
                let missing = (first..=last).filter(|b| have[(b - first) as usize].is_none());
                misses.extend(missing.map(|b| (index, b)));
                return Err(io_error(format!(
                    "{}: not fetched yet (a dry run)",
                    self.shared.files[index].0
                )));
            }
        }
        let mut fetched = Vec::new();
        let mut b = first;
        while b <= last {
            if have[(b - first) as usize].is_some() {
                b += 1;
                continue;
            }
            let mut end = b;
            while end < last && have[(end + 1 - first) as usize].is_none() {
                end += 1;
            }
            let run = self.fetch_run(state, index, b, end, end == last)?;
            for (k, block) in run.into_iter().enumerate() {
                let n = b + k as u64;
                if n <= last {
                    have[(n - first) as usize] = Some(block.clone());
                }
                fetched.push(((index, n), block));
            }
            b = end + 1;
        }
        for (key, block) in fetched {
            state.cache.insert(key, block);
        }
        Ok(have.into_iter().flatten().collect())
    }

    /// Fetches blocks `from..=to` of a file in one request (plus read-ahead after the last).
    fn fetch_run(
        &self,
        state: &mut State,
        index: usize,
        from: u64,
        to: u64,
        ahead: bool,
    ) -> std::io::Result<Vec<Arc<[u8]>>> {
        let (name, len) = &self.shared.files[index];
        let bs = self.shared.options.block_size;
        let blocks_in_file = len.div_ceil(bs);
        let mut to = to;
        if ahead {
            let limit = (to + self.shared.options.read_ahead).min(blocks_in_file.saturating_sub(1));
            while to < limit && !state.cache.contains(&(index, to + 1)) {
                to += 1;
            }
        }
        let range = from * bs..((to + 1) * bs).min(*len);
        let bytes = self
            .shared
            .fetcher
            .fetch(name, range.clone())
            .map_err(|e| io_error(format!("fetching {name} {range:?}: {e}")))?;
        state.stats.requests += 1;
        state.stats.bytes += bytes.len() as u64;
        if bytes.len() as u64 != range.end - range.start {
            return Err(io_error(format!(
                "fetching {name} {range:?}: got {} bytes",
                bytes.len()
            )));
        }
        Ok(bytes.chunks(bs as usize).map(Arc::from).collect())
    }
}

fn io_error(message: String) -> std::io::Error {
    std::io::Error::other(message)
}

fn read_only(path: &Path) -> std::io::Error {
    io_error(format!(
        "{}: the range directory is read-only",
        path.display()
    ))
}

/// One file of a [`RangeDirectory`].
#[derive(Debug)]
struct RangeFile {
    dir: RangeDirectory,
    index: usize,
    len: u64,
}

impl HasLen for RangeFile {
    fn len(&self) -> usize {
        self.len as usize
    }
}

impl FileHandle for RangeFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        let bytes = self
            .dir
            .read(self.index, range.start as u64..range.end as u64)?;
        Ok(OwnedBytes::new(bytes))
    }
}

impl Directory for RangeDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let name = path.to_string_lossy();
        let (index, len) = self
            .file(&name)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(RangeFile {
            dir: self.clone(),
            index,
            len,
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.file(&path.to_string_lossy()).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only(path)),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let name = path.to_string_lossy();
        let (index, len) = self
            .file(&name)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        self.read(index, 0..len)
            .map_err(|e| OpenReadError::wrap_io_error(e, PathBuf::from(path)))
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only(path))
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    /// Nothing can write here, so a reader's lock has nothing to guard.
    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
