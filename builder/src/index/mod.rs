//! Writes the site's search index: one tantivy segment of items, plus a manifest.
//!
//! The schema, tokenizer and documents come from `gongkai_core::search`, the same code the
//! browser and the CLI read with. Documents go in catalogue order (newest first, then id) so
//! equal scores and equal dates break ties the same way everywhere; shards of that order are
//! indexed in parallel and merged in order (`shards`), and the output is byte-for-byte
//! reproducible (see `files`).

mod articles;
mod disk;
mod files;
mod shard_cache;
mod shards;

pub use articles::{cut, Article, CutBody};
pub use shard_cache::ShardCache;

use crate::load::{Content, SourceItem};
use anyhow::Context;
use gongkai_core::search::lazy::{CacheOptions, Hotcache, RangeDirectory};
use gongkai_core::search::tantivy::directory::{OwnedBytes, RamDirectory};
use gongkai_core::search::tantivy::store::Compressor;
use gongkai_core::search::tantivy::IndexSettings;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Bytes of a document-store block before it is closed. Opening reads the store's skip index
/// (one entry per block) whole, so tiny blocks make it large on big sites (at 100,000 items:
/// 4 KiB blocks gave a 205 KB hotcache, 8 KiB 121 KB), while a lazily read hit costs about one
/// block.
const DOCSTORE_BLOCK: usize = 8_192;

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
    let items = in_catalogue_order(content);
    let (index, articles) = shards::build(&items, &settings(), merged.clone(), cache)?;
    let files = files::collect(&index, &merged)?;
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

/// Builds the index of `content` in memory.
pub fn build(content: &Content) -> anyhow::Result<BuiltIndex> {
    let ram = RamDirectory::create();
    let items = in_catalogue_order(content);
    let (index, articles) = shards::build(&items, &settings(), ram.clone(), None)?;
    let files = files::collect(&index, &ram)?;
    drop(index);
    let hotcache = hotcache(&files)?;
    Ok(BuiltIndex {
        files,
        hotcache,
        items: items.len(),
        articles,
    })
}

/// Records what opening the finished index reads, through a range directory over its files.
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
    let hot = Hotcache::record(dir, &[]).map_err(anyhow::Error::msg)?;
    Ok(hot.encode())
}

/// How the document store is written. Each item's text is one deflated record (see
/// `gongkai_core::search::stored`), so LZ4 over it gains nothing; small blocks mean a hit read
/// lazily costs about its own record, not its neighbours'.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::None,
        docstore_blocksize: DOCSTORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// Newest first, then by id: the catalogue's order.
fn in_catalogue_order(content: &Content) -> Vec<&SourceItem> {
    let mut items: Vec<&SourceItem> = content.items.iter().collect();
    items.sort_by(|a, b| {
        b.item
            .date()
            .cmp(&a.item.date())
            .then_with(|| a.item.id().cmp(b.item.id()))
    });
    items
}
