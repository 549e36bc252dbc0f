//! Indexes the catalogue in contiguous shards on all cores, then merges them in shard order.
//!
//! One tantivy writer with several threads deals documents to threads as they arrive, so doc ids
//! (and bytes) would differ between runs. Instead each shard gets its own single-threaded writer
//! in its own `RamDirectory`, and the shards are merged in catalogue order: doc ids, and so the
//! merged bytes, depend only on the content. Where a shard ends depends only on the content too
//! (item count and text size), never on the number of cores, so any machine writes the same
//! index. A shard's size bounds the writer's memory, so 100,000 items index in bounded memory.

use super::{cut, CutBody};
use crate::load::SourceItem;
use gongkai_core::search::schema::{schema, Fields};
use gongkai_core::search::stored::{StoredArticle, StoredText};
use gongkai_core::search::tantivy::directory::RamDirectory;
use gongkai_core::search::tantivy::indexer::{merge_indices, SingleSegmentIndexWriter};
use gongkai_core::search::tantivy::{Index, IndexSettings};
use gongkai_core::search::tokenizer;

/// A shard closes once its bodies hold this many bytes of Markdown...
const SHARD_BYTES: usize = 6_000_000;
/// ...or this many items.
const SHARD_ITEMS: usize = 4_000;
/// The writer's arena per shard: a shard's text is bounded, so this is a reservation, not a cap.
const SHARD_MEMORY: usize = 50_000_000;
/// Threads at most; more rarely help, and each holds one shard's arena.
const MAX_THREADS: usize = 8;

/// One shard's index and how many articles its items have.
struct Shard {
    index: Index,
    articles: usize,
}

/// Cuts `items` (in catalogue order) into contiguous shards by size; deterministic.
pub fn plan(items: &[&SourceItem]) -> Vec<std::ops::Range<usize>> {
    let mut shards = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        bytes += item.body.len();
        if bytes >= SHARD_BYTES || i + 1 - start >= SHARD_ITEMS {
            shards.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < items.len() || shards.is_empty() {
        shards.push(start..items.len());
    }
    shards
}

/// Indexes `items` into one index in `out`; returns it and the number of articles.
pub fn build(
    items: &[&SourceItem],
    settings: &IndexSettings,
    out: RamDirectory,
) -> anyhow::Result<(Index, usize)> {
    let ranges = plan(items);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS)
        .min(ranges.len());
    let mut built: Vec<(usize, anyhow::Result<Shard>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let ranges = &ranges;
                scope.spawn(move || {
                    (t..ranges.len())
                        .step_by(threads)
                        .map(|i| (i, shard(&items[ranges[i].clone()], settings)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(
                h.join()
                    .map_err(|_| anyhow::anyhow!("an indexing thread panicked"))?,
            );
        }
        Ok::<_, anyhow::Error>(all)
    })?;
    built.sort_by_key(|(i, _)| *i);
    let mut indices = Vec::with_capacity(built.len());
    let mut articles = 0;
    for (_, shard) in built {
        let shard = shard?;
        articles += shard.articles;
        indices.push(shard.index);
    }
    let merged = merge_indices(&indices, out)?;
    Ok((merged, articles))
}

/// One shard: a single-threaded writer over a run of items, in order.
fn shard(items: &[&SourceItem], settings: &IndexSettings) -> anyhow::Result<Shard> {
    let writer: SingleSegmentIndexWriter = Index::builder()
        .schema(schema())
        .settings(settings.clone())
        .tokenizers(tokenizer::manager())
        .single_segment_index_writer(RamDirectory::create(), SHARD_MEMORY)?;
    let fields = Fields::of(&schema()).map_err(anyhow::Error::msg)?;
    let mut writer = writer;
    let mut articles = 0;
    for source in items {
        let body = cut(&source.body);
        writer.add_document(fields.item_doc(&source.item, &body.blocks, &stored_text(&body)))?;
        articles += body.articles.len();
    }
    Ok(Shard {
        index: writer.finalize()?,
        articles,
    })
}

/// What a hit shows of a body: the preamble and the articles, blocks joined by line breaks.
fn stored_text(body: &CutBody) -> StoredText {
    StoredText {
        preamble: body.preamble.join("\n"),
        articles: body
            .articles
            .iter()
            .map(|a| StoredArticle {
                anchor: a.anchor.clone(),
                label: a.label.clone(),
                text: a.blocks.join("\n"),
            })
            .collect(),
    }
}
