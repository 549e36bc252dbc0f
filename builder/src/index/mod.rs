//! Writes the site's search index: one tantivy segment of items and their articles, plus a manifest.
//!
//! The schema, tokenizer and documents come from `gongkai_core::search`, the same code the
//! browser and the CLI read with. Documents go in catalogue order (newest first, then id) so
//! equal scores and equal dates break ties the same way everywhere, and the output is
//! byte-for-byte reproducible (see `files`).

mod articles;
mod files;

pub use articles::{cut, Article, CutBody};

use crate::load::{Content, SourceItem};
use anyhow::Context;
use gongkai_core::search::schema::{schema, Fields};
use gongkai_core::search::tantivy::directory::RamDirectory;
use gongkai_core::search::tantivy::indexer::NoMergePolicy;
use gongkai_core::search::tantivy::{Index, IndexSettings, IndexWriter};
use gongkai_core::search::tokenizer;
use std::path::Path;

/// The indexing arena. Big enough that the real corpus (58 MB of text) fits in one segment,
/// so no merge is needed and document order is exactly the order we add them in.
const MEMORY_BUDGET: usize = 1_000_000_000;
/// One indexing thread: with several, tantivy deals documents to threads as they arrive, so doc
/// ids (and the bytes) would differ between runs. Cutting bodies runs in parallel instead.
const INDEXING_THREADS: usize = 1;

/// What was indexed and written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexReport {
    pub items: usize,
    pub articles: usize,
    pub files: usize,
    pub bytes: u64,
}

/// An index held in memory: file names (relative to `search/`) and bytes, sorted by name.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub items: usize,
    pub articles: usize,
}

/// Builds the index of `content` and writes it, with `manifest.json`, into `dir`.
pub fn write_index(content: &Content, dir: &Path) -> anyhow::Result<IndexReport> {
    let built = build(content)?;
    files::write(&built, dir)
        .with_context(|| format!("writing the search index to {}", dir.display()))
}

/// Builds the index of `content` in memory.
pub fn build(content: &Content) -> anyhow::Result<BuiltIndex> {
    let ram = RamDirectory::create();
    let index = Index::create(ram.clone(), schema(), IndexSettings::default())?;
    tokenizer::register(&index);
    let fields = Fields::of(&index.schema()).map_err(anyhow::Error::msg)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(INDEXING_THREADS, MEMORY_BUDGET)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let items = in_catalogue_order(content);
    let cuts = cut_all(&items);
    let mut articles = 0;
    for (source, body) in items.iter().zip(&cuts) {
        let id = source.item.id();
        writer.add_document(fields.item_doc(&source.item, &body.blocks, &body.preamble))?;
        for a in &body.articles {
            writer.add_document(fields.article_doc(id, &a.anchor, &a.label, &a.blocks))?;
        }
        articles += body.articles.len();
    }
    writer.commit()?;
    merge_to_one_segment(&index, &mut writer)?;
    writer.wait_merging_threads()?;
    let files = files::collect(&index, &ram)?;
    Ok(BuiltIndex {
        files,
        items: items.len(),
        articles,
    })
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

/// Cuts every body into blocks and articles, on all cores, keeping the order.
fn cut_all(items: &[&SourceItem]) -> Vec<CutBody> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|s| cut(&s.body)).collect::<Vec<_>>()))
            .collect();
        // A panic in a worker can only be a bug in `cut`; fall back to an empty body rather than abort.
        handles
            .into_iter()
            .zip(items.chunks(chunk))
            .flat_map(|(h, part)| {
                h.join()
                    .unwrap_or_else(|_| vec![CutBody::default(); part.len()])
            })
            .collect()
    })
}

/// If the arena ever overflows into several segments, merges them. That path keeps working but
/// is reproducible only as far as tantivy's merge order is; the corpus today needs one segment.
fn merge_to_one_segment(index: &Index, writer: &mut IndexWriter) -> anyhow::Result<()> {
    let ids = index.searchable_segment_ids()?;
    if ids.len() > 1 {
        writer.merge(&ids).wait()?;
    }
    Ok(())
}
