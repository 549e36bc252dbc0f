//! Writes the site's search index: one tantivy segment of items, plus a manifest.
//!
//! The schema, tokenizer and documents come from `gongkai_core::search`, the same code the
//! browser and the CLI read with. Documents go in one fixed order (grouped by facet values,
//! then newest first, then id: see `in_index_order`) so facet values form long runs and equal
//! scores and equal dates break ties the same way everywhere; shards of that order are indexed
//! in parallel and merged in order (`shards`), and the output is byte-for-byte reproducible
//! (see `files`).

pub(crate) mod articles;
mod disk;
mod files;
mod shard_cache;
mod shards;

pub use articles::{cut, Article, CutBody};
pub use shard_cache::ShardCache;

use crate::load::{Content, SourceItem};
use anyhow::Context;
use gongkai_core::search::abbrev;
use gongkai_core::search::facet_count::join_issuers;
use gongkai_core::search::lazy::{CacheOptions, Hotcache, RangeDirectory};
use gongkai_core::search::schema::facet_values;
use gongkai_core::search::tantivy::directory::{OwnedBytes, RamDirectory};
use gongkai_core::search::tantivy::store::Compressor;
use gongkai_core::search::tantivy::IndexSettings;
use gongkai_core::search::Query;
use gongkai_core::{Date, Item};
use std::cmp::Reverse;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The document store's block size is the power of two nearest `sqrt(markdown bytes / this)`,
/// within [`MIN_DOCSTORE_BLOCK`, `MAX_DOCSTORE_BLOCK`]. A lazily read hit costs its whole block,
/// while opening reads the store's skip index (one entry per block, about 3.5 bytes) whole, in
/// the hotcache: small blocks suit a small corpus, big ones a big corpus (the cost of both is
/// least near `sqrt(entry × stored bytes / hits)`). Measured cold first queries (browser
/// bytes, 512-byte range blocks): on the law corpus (58 MB, here 2 KiB) 2 KiB blocks fetched
/// 10-35 KiB less than 8 KiB for 7 of 8 queries (4 KiB in between); at 100,000 items (607 MB,
/// here 8 KiB) 4 KiB blocks made the hotcache 205 KB instead of 121 KB, more than the hits saved.
const DOCSTORE_DIVISOR: usize = 16;
const MIN_DOCSTORE_BLOCK: usize = 1024;
const MAX_DOCSTORE_BLOCK: usize = 64 * 1024;

/// What was indexed and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexReport {
    pub items: usize,
    pub articles: usize,
    pub files: usize,
    pub bytes: u64,
}

/// An index held in memory: file names (relative to the index folder) and bytes, sorted by
/// name, and its hotcache (see `gongkai_core::search::lazy`).
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub files: Vec<(String, OwnedBytes)>,
    pub hotcache: Vec<u8>,
    pub items: usize,
    pub articles: usize,
}

/// Builds the index of `content` in memory and writes it, with `manifest.json`, into `dir`.
/// The site uses [`write_index_cached`], which writes the same bytes.
pub fn write_index(content: &Content, dir: &Path) -> anyhow::Result<IndexReport> {
    let built = build(content)?;
    files::write(&built, dir)
        .with_context(|| format!("writing the search index to {}", dir.display()))
}

/// Builds the index of `content` into `dir` on disk, taking unchanged shards from `cache` and
/// keeping new ones there. The shards are merged straight into files under `dir/.merge`
/// (moved into place after), so the merged index and the shards are never in memory together.
pub fn write_index_cached(
    content: &Content,
    dir: &Path,
    cache: Option<&ShardCache>,
) -> anyhow::Result<IndexReport> {
    let work = dir.join(".merge");
    let merged = disk::DiskDirectory::create(&work)
        .with_context(|| format!("creating {}", work.display()))?;
    let items = in_index_order(content);
    let (index, articles) = shards::build(
        &items,
        &settings(markdown_bytes(&items)),
        merged.clone(),
        cache,
    )?;
    let mut files = files::collect(&index, &merged)?;
    add_abbreviations(&mut files, content);
    let segments = index.searchable_segment_metas()?;
    drop(index);
    let built = BuiltIndex {
        hotcache: hotcache(&files)?,
        files,
        items: items.len(),
        articles,
    };
    let [segment] = segments.as_slice() else {
        anyhow::bail!("the merged index has {} segments, not one", segments.len());
    };
    let report = move_into(&built, &segment.id().uuid_string(), &work, dir)
        .with_context(|| format!("writing the search index to {}", dir.display()))?;
    drop(built);
    std::fs::remove_dir_all(&work).with_context(|| format!("removing {}", work.display()))?;
    Ok(report)
}

/// Puts the merged index in `dir` like `files::write` does, but moves the segment's files out
/// of `work` (named `<old>.<ext>`) instead of writing them again: at 100,000 items that saves
/// writing 400 MB.
fn move_into(
    built: &BuiltIndex,
    old: &str,
    work: &Path,
    dir: &Path,
) -> anyhow::Result<IndexReport> {
    files::write_with(built, dir, |name, data, to| {
        let ext = name.split_once('.').map_or("", |(_, ext)| ext);
        let from = work.join(format!("{old}.{ext}"));
        if name == "meta.json" || !from.is_file() {
            std::fs::write(to, data)
        } else {
            std::fs::rename(&from, to)
        }
    })
}

/// The site's abbreviations, when it has any, as one more file of the index folder: the engine
/// reads it on opening (so it is in the hotcache), in the browser and in `gongkai search` alike.
fn add_abbreviations(files: &mut Vec<(String, OwnedBytes)>, content: &Content) {
    if content.abbreviations.is_empty() {
        return;
    }
    let text = abbrev::site_file(&content.abbreviations);
    files.push((
        abbrev::SITE_FILE.to_string(),
        OwnedBytes::new(text.into_bytes()),
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
}

/// Builds the index of `content` in memory.
pub fn build(content: &Content) -> anyhow::Result<BuiltIndex> {
    let ram = RamDirectory::create();
    let items = in_index_order(content);
    let (index, articles) =
        shards::build(&items, &settings(markdown_bytes(&items)), ram.clone(), None)?;
    let mut files = files::collect(&index, &ram)?;
    add_abbreviations(&mut files, content);
    drop(index);
    let hotcache = hotcache(&files)?;
    Ok(BuiltIndex {
        files,
        hotcache,
        items: items.len(),
        articles,
    })
}

/// Records what opening the finished index reads (its facet runs among it), and the small reads
/// of a browse query, through a range directory over its files.
fn hotcache(files: &[(String, OwnedBytes)]) -> anyhow::Result<Vec<u8>> {
    let shared: Arc<Vec<(String, OwnedBytes)>> = Arc::new(files.to_vec());
    let listing = files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
    let fetch = move |name: &str, range: Range<u64>| {
        let (_, bytes) = shared.iter().find(|f| f.0 == name).ok_or("no such file")?;
        let slice = bytes
            .as_slice()
            .get(range.start as usize..range.end as usize);
        slice
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "range past the end".to_string())
    };
    let dir = RangeDirectory::new(listing, fetch, CacheOptions::default());
    let hot = Hotcache::record(dir, &[counts_only()]).map_err(anyhow::Error::msg)?;
    Ok(hot.encode())
}

/// Every item with its facet counts and no hits: the small reads any first query makes (column
/// headers, and facet columns for an index without facet runs), and no item's text.
fn counts_only() -> Query {
    Query {
        limit: Some(0),
        ..Query::text("")
    }
}

/// How the document store is written, for items whose Markdown bodies hold `markdown` bytes.
/// Each item's text is one deflated record (see `gongkai_core::search::stored`), so LZ4 over it
/// gains nothing; the block size follows the corpus (see [`docstore_block`]).
fn settings(markdown: usize) -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::None,
        docstore_blocksize: docstore_block(markdown),
        ..IndexSettings::default()
    }
}

/// See [`DOCSTORE_DIVISOR`].
fn docstore_block(markdown: usize) -> usize {
    let ideal = ((markdown / DOCSTORE_DIVISOR) as f64).sqrt();
    let power = ideal.max(1.0).log2().round() as u32;
    2usize
        .saturating_pow(power)
        .clamp(MIN_DOCSTORE_BLOCK, MAX_DOCSTORE_BLOCK)
}

/// Bytes of Markdown in the items' bodies.
fn markdown_bytes(items: &[&SourceItem]) -> usize {
    items.iter().map(|s| s.body_len).sum()
}

/// Status, category, issuers, date (newest first), id.
type OrderKey = (String, String, String, Reverse<Option<Date>>, String);

/// The order documents are written in: grouped by the values of the facet columns, then newest
/// first, then by id (see [`index_order_key`]).
fn in_index_order(content: &Content) -> Vec<&SourceItem> {
    let mut items: Vec<&SourceItem> = content.items.iter().collect();
    items.sort_by_cached_key(|s| index_order_key(&s.item));
    items
}

/// Status, category, issuers, newest first, id. Facets are counted from runs of equal values
/// (`gongkai_core::search::facet_runs`), so long runs make that file small. Before there were
/// runs, a lazy reader fetched every facet column whole to count a first query's facets, and
/// tantivy packs a column in blocks of values, so runs of one value cost almost nothing while
/// values in random order cost their full bit width.
/// Measured at 100,000 items, the columns a first query counts (status, category, issuer, year,
/// `in_force`) took 248 KB in catalogue order (newest first), 134 KB in this one (status 37.6 →
/// 1.0, category 50.2 → 3.1, issuer 145.5 → 67.0, in force 12.5 → 0.7, but year 2.4 → 62.5:
/// it now runs down within each issuer, not over the whole index). On the law corpus they went
/// from 7.5 KB to 8.4 KB. Ties between equal
/// scores or dates now follow this order (quality test MRR 0.895 → 0.891, recall@10 1.000).
fn index_order_key(item: &Item) -> OrderKey {
    let values = facet_values(item);
    let first = |facet: &str| {
        let mut of = values.iter().filter(|(f, _)| *f == facet);
        of.next().map(|(_, v)| v.clone()).unwrap_or_default()
    };
    let issuers: Vec<String> = values
        .iter()
        .filter(|(f, _)| *f == "issuer")
        .map(|(_, v)| v.clone())
        .collect();
    (
        first("status"),
        first("category"),
        join_issuers(&issuers),
        Reverse(item.date()),
        item.id().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docstore_blocks_grow_with_the_corpus_as_powers_of_two_within_bounds() {
        let sizes = [0, 1, 58_000_000, 600_000_000, usize::MAX];
        let blocks: Vec<usize> = sizes.iter().map(|&s| docstore_block(s)).collect();
        assert!(blocks.iter().all(|b| b.is_power_of_two()), "{blocks:?}");
        assert!(blocks.windows(2).all(|w| w[0] <= w[1]), "{blocks:?}");
        assert_eq!(blocks[0], MIN_DOCSTORE_BLOCK);
        assert_eq!(blocks[4], MAX_DOCSTORE_BLOCK);
        assert!(
            blocks[2] < blocks[3],
            "a bigger corpus gets bigger blocks: {blocks:?}"
        );
    }
}
