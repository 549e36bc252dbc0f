//! Writes the site's search index: one tantivy segment of items, plus a manifest.
//!
//! The schema, tokenizer and documents come from `gongkai_core::search`, the same code the
//! browser and the CLI read with. Documents go in catalogue order (newest first, then id) so
//! equal scores and equal dates break ties the same way everywhere; shards of that order are
//! indexed in parallel and merged in order (`shards`), and the output is byte-for-byte
//! reproducible (see `files`).

mod articles;
mod files;
mod shards;

pub use articles::{cut, Article, CutBody};

use crate::load::{Content, SourceItem};
use anyhow::Context;
use gongkai_core::search::tantivy::directory::RamDirectory;
use gongkai_core::search::tantivy::store::Compressor;
use gongkai_core::search::tantivy::IndexSettings;
use std::path::Path;

/// Bytes of a document-store block before it is closed.
const DOCSTORE_BLOCK: usize = 4_096;

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
    let items = in_catalogue_order(content);
    let (index, articles) = shards::build(&items, &settings(), ram.clone())?;
    let files = files::collect(&index, &ram)?;
    Ok(BuiltIndex {
        files,
        items: items.len(),
        articles,
    })
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
