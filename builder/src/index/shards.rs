//! Indexes the items in contiguous shards on all cores, then merges them in shard order.
//!
//! One tantivy writer with several threads deals documents to threads as they arrive, so doc ids
//! (and bytes) would differ between runs. Instead each shard gets its own single-threaded writer
//! in its own `RamDirectory`, and the shards are merged in index order: doc ids, and so the
//! merged bytes, depend only on the content. Where a shard ends depends only on the content too
//! (item count and text size), never on the number of cores, so any machine writes the same
//! index. A shard's size bounds the writer's memory, so 100,000 items index in bounded memory.

use super::shard_cache::ShardCache;
use super::{cut, CutBody};
use crate::load::SourceItem;
use gongkai_core::search::schema::{schema, Fields};
use gongkai_core::search::stored::{StoredArticle, StoredText};
use gongkai_core::search::tantivy::directory::{Directory, RamDirectory};
use gongkai_core::search::tantivy::indexer::{merge_indices, SingleSegmentIndexWriter};
use gongkai_core::search::tantivy::{Index, IndexSettings};
use gongkai_core::search::tokenizer;

/// A shard may close once its bodies hold this many bytes of Markdown, after an item whose id
/// hashes to a multiple of [`CUT_EVERY`]...
const SHARD_BYTES: usize = 5_000_000;
const CUT_EVERY: u64 = 8;
/// ...and must close at this many bytes, or this many items.
const SHARD_MAX_BYTES: usize = 8_000_000;
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

/// Cuts `items` (in index order) into contiguous shards by size; deterministic.
///
/// Cuts fall after items chosen by their id (content-defined chunking), not at a byte count:
/// editing one item or adding one changes its own shard, and the shards after it keep their
/// items, so the shard cache still has them.
pub fn plan(items: &[&SourceItem]) -> Vec<std::ops::Range<usize>> {
    plan_by(items.iter().map(|s| (s.item.id(), s.body_len)))
}

/// [`plan`] over each item's id and body length.
fn plan_by<'a>(items: impl Iterator<Item = (&'a str, usize)>) -> Vec<std::ops::Range<usize>> {
    let mut shards = Vec::new();
    let (mut start, mut bytes, mut end) = (0, 0, 0);
    for (i, (id, len)) in items.enumerate() {
        bytes += len;
        end = i + 1;
        let chosen = fnv1a(id.as_bytes()).is_multiple_of(CUT_EVERY);
        if (bytes >= SHARD_BYTES && chosen)
            || bytes >= SHARD_MAX_BYTES
            || end - start >= SHARD_ITEMS
        {
            shards.push(start..end);
            (start, bytes) = (end, 0);
        }
    }
    if start < end || shards.is_empty() {
        shards.push(start..end);
    }
    shards
}

/// FNV-1a: a hash fixed by its definition, so shard cuts never move with a Rust release.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Indexes `items` into one index in `out`; returns it and the number of articles.
pub fn build(
    items: &[&SourceItem],
    settings: &IndexSettings,
    out: impl Directory,
    cache: Option<&ShardCache>,
) -> anyhow::Result<(Index, usize)> {
    let ranges = plan(items);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS)
        .min(ranges.len());
    let built = crate::parallel::in_order_on(threads, &ranges, |range| {
        shard(&items[range.clone()], settings, cache)
    })?;
    let mut indices = Vec::with_capacity(built.len());
    let mut articles = 0;
    for shard in built {
        let shard = shard?;
        articles += shard.articles;
        indices.push(shard.index);
    }
    let merged = merge_indices(&indices, out)?;
    Ok((merged, articles))
}

/// One shard, from the cache when its items are unchanged.
fn shard(
    items: &[&SourceItem],
    settings: &IndexSettings,
    cache: Option<&ShardCache>,
) -> anyhow::Result<Shard> {
    let Some(cache) = cache else {
        return fresh(items, settings).map(|(shard, _)| shard);
    };
    let key = cache.key(items, settings.docstore_blocksize)?;
    if let Some(hit) = cache.load(&key) {
        return Ok(Shard {
            index: hit.index,
            articles: hit.articles,
        });
    }
    let (shard, ram) = fresh(items, settings)?;
    cache.store(&key, &ram, shard.articles)?;
    Ok(shard)
}

/// One shard indexed now: a single-threaded writer over a run of items, in order.
fn fresh(items: &[&SourceItem], settings: &IndexSettings) -> anyhow::Result<(Shard, RamDirectory)> {
    let ram = RamDirectory::create();
    let writer: SingleSegmentIndexWriter = Index::builder()
        .schema(schema())
        .settings(settings.clone())
        .tokenizers(tokenizer::manager())
        .single_segment_index_writer(ram.clone(), SHARD_MEMORY)?;
    let fields = Fields::of(&schema()).map_err(anyhow::Error::msg)?;
    let mut writer = writer;
    let mut articles = 0;
    for source in items {
        let body = cut(&source.body()?);
        writer.add_document(fields.item_doc(&source.item, &body.blocks, &stored_text(&body)))?;
        articles += body.articles.len();
        articles += add_versions(&mut writer, &fields, source)?;
    }
    let index = writer.finalize()?;
    Ok((Shard { index, articles }, ram))
}

/// Indexes a regulation's earlier texts, right after it; returns their articles.
fn add_versions(
    writer: &mut SingleSegmentIndexWriter,
    fields: &Fields,
    source: &SourceItem,
) -> anyhow::Result<usize> {
    let gongkai_core::Item::Regulation(reg) = &source.item else {
        return Ok(0);
    };
    let mut articles = 0;
    for (file, version) in source.versions.iter().zip(&reg.versions) {
        let body = cut(&file.body()?);
        let doc = fields.version_doc(&source.item, version, &body.blocks, &stored_text(&body));
        writer.add_document(doc)?;
        articles += body.articles.len();
    }
    Ok(articles)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("item-{i}")).collect()
    }

    fn plan_of(ids: &[String], len: impl Fn(usize) -> usize) -> Vec<std::ops::Range<usize>> {
        plan_by(ids.iter().enumerate().map(|(i, id)| (id.as_str(), len(i))))
    }

    #[test]
    fn shards_cover_every_item_in_order_within_bounds() {
        let ids = ids(5_000);
        let shards = plan_of(&ids, |_| 10_000);
        assert!(shards.len() > 5, "{shards:?}");
        assert_eq!(shards.first().map(|r| r.start), Some(0));
        assert_eq!(shards.last().map(|r| r.end), Some(5_000));
        for pair in shards.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for r in &shards[..shards.len() - 1] {
            let bytes = r.len() * 10_000;
            assert!((SHARD_BYTES..=SHARD_MAX_BYTES).contains(&bytes), "{r:?}");
        }
    }

    #[test]
    fn editing_or_adding_one_item_changes_only_its_own_shard() {
        let ids = ids(5_000);
        let before = plan_of(&ids, |_| 10_000);
        // The 1,000th item grows by 30 KB: only the shard holding it changes.
        let edited = plan_of(&ids, |i| if i == 1_000 { 40_000 } else { 10_000 });
        let unchanged = |a: &[std::ops::Range<usize>], b: &[std::ops::Range<usize>]| {
            a.iter().filter(|r| b.contains(r)).count()
        };
        let others = before.iter().filter(|r| !r.contains(&1_000));
        assert!(others.clone().count() == before.len() - 1);
        assert!(others.into_iter().all(|r| edited.contains(r)), "{edited:?}");
        // A new newest item goes first: every later shard keeps its items (shifted by one).
        let mut added = vec!["new-item".to_string()];
        added.extend(ids.iter().cloned());
        let after = plan_of(&added, |_| 10_000);
        let shifted: Vec<_> = after[1..].iter().map(|r| r.start - 1..r.end - 1).collect();
        assert!(
            unchanged(&before, &shifted) >= before.len() - 2,
            "{after:?}"
        );
    }

    #[test]
    fn no_items_make_one_empty_shard() {
        assert_eq!(plan_by(std::iter::empty()), vec![0..0]);
    }
}
