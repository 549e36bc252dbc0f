//! The hotcache: the byte ranges opening the index reads, in one small file.
//!
//! Opening a tantivy index reads footers, field tables, term dictionary indexes, store skip
//! indexes and column headers across every file: dozens of small reads, each a round trip when
//! fetched lazily. The builder records them once (with [`RecordingDirectory`]) and writes them
//! here, so a lazy reader fetches this file first and opens the index with no further request.
//! Small files and small per-field sections (`sections`) are kept whole too: a first query
//! would otherwise read them in several sequential round trips.
//!
//! Format: `GKHOT1`, then LEB128 numbers: file count; per file its name (length, UTF-8), its
//! length and range count; per range its start, length and bytes.

use super::record::{Read, RecordingDirectory};
use crate::search::engine::Engine;
use crate::search::leb128::{self, put};
use crate::search::types::{Query, SearchError};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use tantivy::Directory;

const MAGIC: &[u8] = b"GKHOT1";
/// Reads closer than this are stored as one range (the gap costs less than a second entry).
const GAP: u64 = 256;
/// Files up to this size are kept whole (positions excepted, see [`POSITIONS`]). Measured on the
/// law corpus (first query 行政许可): the facet column (35 KiB) and the positions (54 KiB) took 6
/// of its 35 sequential range requests; whole, Fast 3G time to first results went from 30.5 s
/// to 27.3 s.
const WHOLE_FILE: u64 = 64 * 1024;

/// Positions are never kept whole (only their small field sections, see `sections`): only
/// phrase matches in the title or 文号 read them, about 1-5 KiB per query. Measured on the law
/// corpus, whose positions file (55 KB, 26 KiB brotli) was under [`WHOLE_FILE`]: leaving it out
/// made the browser benchmark's cold first queries fetch 24-27 KiB less (e.g. 环境保护 233 →
/// 209 KiB, below Pagefind's 220) in 0-5 more requests (median 3).
const POSITIONS: &str = ".pos";

/// A segment's facet runs file (see `facet_runs`) and its columns file. With runs, counting no
/// longer reads the facet columns, so the columns file is not kept whole, only what opening and
/// a recorded query read of it (column headers, the in-force and date columns' small reads).
const RUNS: &str = ".facets";
const COLUMNS: &str = ".fast";

/// Reads of a recorded query up to this size are kept: the column headers, string dictionaries
/// and small columns that a browse query reads (and, for an index without facet runs, the small
/// facet columns counting reads), not the big columns or postings. Measured at 100,000 items,
/// before facet runs: with a browse query's reads up to 4 KiB the browser benchmark's cold
/// first queries made 3 fewer requests each (of 29-46) and fetched 10-13 KiB less, the hotcache
/// being 4.9 KB bigger raw but no bigger in brotli (84.8 KiB against 90.8).
pub const QUERY_READ: u64 = 4 * 1024;

/// A file's length and its hot ranges as `(start, bytes)`, sorted and disjoint.
type HotFile = (u64, Vec<(u64, Vec<u8>)>);

/// Hot ranges by file name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hotcache {
    files: BTreeMap<String, HotFile>,
}

impl Hotcache {
    /// The bytes `range` of `name` when one hot range holds all of them.
    pub fn get(&self, name: &str, range: Range<u64>) -> Option<&[u8]> {
        let (_, ranges) = self.files.get(name)?;
        let i = ranges.partition_point(|(start, _)| *start <= range.start);
        let (start, bytes) = ranges.get(i.checked_sub(1)?)?;
        let from = (range.start - start) as usize;
        let to = (range.end - start) as usize;
        bytes.get(from..to)
    }

    /// Every file named, with its length.
    pub fn files(&self) -> impl Iterator<Item = (&str, u64)> {
        self.files
            .iter()
            .map(|(name, (len, _))| (name.as_str(), *len))
    }

    /// Every hot range: file name, start and bytes (for measurements).
    pub fn ranges(&self) -> impl Iterator<Item = (&str, u64, &[u8])> {
        self.files.iter().flat_map(|(name, (_, ranges))| {
            let ranges = ranges.iter();
            ranges.map(move |(start, bytes)| (name.as_str(), *start, bytes.as_slice()))
        })
    }

    /// Bytes of data held.
    pub fn data_bytes(&self) -> u64 {
        let ranges = self.files.values().flat_map(|(_, r)| r);
        ranges.map(|(_, b)| b.len() as u64).sum()
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put(&mut out, self.files.len() as u64);
        for (name, (len, ranges)) in &self.files {
            put(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
            put(&mut out, *len);
            put(&mut out, ranges.len() as u64);
            for (start, bytes) in ranges {
                put(&mut out, *start);
                put(&mut out, bytes.len() as u64);
                out.extend_from_slice(bytes);
            }
        }
        out
    }

    /// Reads a hotcache; anything malformed (truncated, overlapping, past a file's end) is an error.
    pub fn decode(bytes: &[u8]) -> Result<Hotcache, SearchError> {
        let mut rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("not a hotcache"))?;
        let mut files = BTreeMap::new();
        for _ in 0..take(&mut rest)? {
            let name = String::from_utf8(slice(&mut rest)?.to_vec()).map_err(|_| bad("name"))?;
            let len = take(&mut rest)?;
            let mut ranges: Vec<(u64, Vec<u8>)> = Vec::new();
            for _ in 0..take(&mut rest)? {
                let start = take(&mut rest)?;
                let data = slice(&mut rest)?.to_vec();
                let after_last = ranges.last().map_or(0, |(s, b)| s + b.len() as u64);
                if start < after_last || start.saturating_add(data.len() as u64) > len {
                    return Err(bad("ranges out of order or past the end"));
                }
                ranges.push((start, data));
            }
            files.insert(name, (len, ranges));
        }
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(Hotcache { files })
    }

    /// The hotcache of the index in `source`: what opening it reads, the reads of up to
    /// [`QUERY_READ`] bytes that answering `queries` makes, and small files and small field
    /// sections whole (see `sections`).
    pub fn record(
        source: impl Into<Box<dyn Directory>>,
        queries: &[Query],
    ) -> Result<Hotcache, SearchError> {
        let source: Box<dyn Directory> = source.into();
        let recording = RecordingDirectory::new(source.box_clone());
        let engine = Engine::open(recording.clone())?;
        let mut reads = recording.take();
        for query in queries {
            engine.search(query)?;
        }
        let small = |(_, r): &Read| r.end - r.start <= QUERY_READ;
        reads.extend(recording.take().into_iter().filter(small));
        let mut names: Vec<String> = reads.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        names.dedup();
        super::sections::read_small(&recording, &names)?;
        reads.extend(recording.take());
        let mut by_file: BTreeMap<String, Vec<Range<u64>>> = BTreeMap::new();
        for (name, range) in reads {
            by_file.entry(name).or_default().push(range);
        }
        let stems: Vec<String> = by_file
            .keys()
            .filter_map(|n| n.strip_suffix(RUNS).map(str::to_string))
            .collect();
        let counted = |name: &str| {
            let stem = name.strip_suffix(COLUMNS);
            stem.is_some_and(|stem| stems.iter().any(|s| s == stem))
        };
        let mut out = Hotcache::default();
        for (name, ranges) in by_file {
            let io = |e: std::io::Error| SearchError::Open(format!("{name}: {e}"));
            let handle = source
                .get_file_handle(Path::new(&name))
                .map_err(|e| SearchError::Open(e.to_string()))?;
            let len = handle.len() as u64;
            let whole = len <= WHOLE_FILE && !name.ends_with(POSITIONS) && !counted(&name);
            let ranges: Vec<Range<u64>> = if whole {
                std::iter::once(0..len).collect()
            } else {
                coalesce(ranges)
            };
            let mut kept = Vec::new();
            for r in ranges {
                let bytes = handle
                    .read_bytes(r.start as usize..r.end as usize)
                    .map_err(io)?;
                kept.push((r.start, bytes.as_slice().to_vec()));
            }
            out.files.insert(name, (len, kept));
        }
        Ok(out)
    }
}

/// Sorted, with overlapping or nearly adjacent ranges joined.
fn coalesce(mut ranges: Vec<Range<u64>>) -> Vec<Range<u64>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<u64>> = Vec::new();
    for r in ranges.into_iter().filter(|r| !r.is_empty()) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end + GAP => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn bad(what: &str) -> SearchError {
    SearchError::Open(format!("bad hotcache: {what}"))
}

fn take(rest: &mut &[u8]) -> Result<u64, SearchError> {
    leb128::take(rest).ok_or_else(|| bad("truncated"))
}

fn slice<'a>(rest: &mut &'a [u8]) -> Result<&'a [u8], SearchError> {
    leb128::take_bytes(rest).ok_or_else(|| bad("truncated"))
}
