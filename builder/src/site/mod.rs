//! Writes a complete static site from checked content: data files, the app, fallback pages.
//!
//! The site is written into a staging folder beside the output and swapped in only when
//! everything succeeded (`swap`), so a failed build never touches the previous site. Output
//! depends only on the content and the app: same input, same bytes (`write` keeps order and
//! compression deterministic; no clock time is stamped anywhere).

mod cache;
mod chunks;
mod copy;
mod history;
mod items;
mod pages;
mod phases;
mod publish;
mod swap;
mod template;
mod write;

use crate::load::Content;
use anyhow::Context;
use gongkai_core::site::{Catalogue, ItemSummary, SiteInfo, CATALOGUE_PATH, FORMAT_VERSION};
use std::path::Path;

/// What a build produced, for the summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildReport {
    pub items: usize,
    pub files: usize,
    pub bytes: u64,
    /// Item pages rendered by this build, and reused unchanged from the render cache.
    pub rendered: usize,
    pub reused: usize,
}

/// What goes into a site besides the content.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    /// Trunk's dist folder, or `None` for a data-only site.
    pub app: Option<&'a Path>,
    /// A trust root to publish at `/trust.json` for browser terminals.
    pub trust: Option<&'a Path>,
    /// `gongkai dev`'s first pass after a save: the search index of the current output is
    /// linked instead of rebuilt, and the previous site is removed in the background, so the
    /// pages are up sooner; a full build follows. Ignored when the output has no index.
    pub quick: bool,
}

/// Builds `content` into `out` atomically.
pub fn build(
    content: &Content,
    content_dir: &Path,
    out: &Path,
    inputs: &Inputs<'_>,
) -> anyhow::Result<BuildReport> {
    let app = inputs.app;
    let quick = inputs.quick && out.join(gongkai_core::search::MANIFEST_PATH).is_file();
    let mut phases = phases::Phases::new(content.items.len() > items::PROGRESS_OVER);
    let staging = swap::Staging::create(out)?;
    let writer = write::Writer::new(staging.path());
    if let Some(trust) = inputs.trust {
        copy::trust_root(trust, &writer)?;
    }
    let cache = cache::RenderCache::open(out)?;
    let template = app.map(template::Template::read).transpose()?;
    let catalogue = catalogue(content);
    writer.json(CATALOGUE_PATH, &catalogue)?;
    let pages = template
        .map(|t| pages::Pages::new(t, &catalogue))
        .transpose()?;
    phases.done("catalogue");
    // The app's files are compressed (brotli 11 on the wasm: seconds, on a fresh cache) beside
    // the item pages, which keep the other cores busy.
    let (copied, stats) = rayon::join(
        || {
            app.map_or(Ok(()), |dir| {
                copy::app(dir, &writer, &cache)
                    .with_context(|| format!("copying the app from {}", dir.display()))
            })
        },
        || match &pages {
            Some(pages) => items::write_all(content, &writer, &cache, pages),
            None => Ok(items::RenderStats::default()),
        },
    );
    copied?;
    let stats = stats?;
    phases.done("app and item pages");
    copy::attachments(content, content_dir, &writer)?;
    if let Some(pages) = &pages {
        pages.write_lists(&catalogue, &writer)?;
        history::write_all(content, &writer, pages)?;
    }
    drop(pages);
    publish::write(&catalogue, &writer)?;
    drop(catalogue);
    phases.done("attachments and route pages");
    let index_dir = staging.path().join(gongkai_core::search::INDEX_DIR);
    if quick {
        copy::previous_index(out, &writer)?;
        let report = report(content, &writer, (0, 0), stats);
        staging.commit_in_background()?;
        phases.done("index linked, swap");
        return Ok(report);
    }
    let shards =
        crate::index::ShardCache::open(&swap::sibling(out, "cache").join("shards"), cache.salt())?;
    let search = crate::index::write_index_cached(content, &index_dir, Some(&shards))?;
    phases.done("search index");
    compress_index(&writer)?;
    chunks::write(&writer)?;
    phases.done("index twins and chunks");
    let report = report(content, &writer, (search.files, search.bytes), stats);
    staging.commit()?;
    phases.done("swap");
    cache.prune()?;
    shards.prune()?;
    phases.done("cache prune");
    Ok(report)
}

/// The summary of a build; `search` (files, bytes) is what the index wrote beside `writer`.
fn report(
    content: &Content,
    writer: &write::Writer,
    search: (usize, u64),
    stats: items::RenderStats,
) -> BuildReport {
    BuildReport {
        items: content.items.len(),
        files: writer.files() + search.0,
        bytes: writer.bytes() + search.1,
        rendered: stats.rendered,
        reused: stats.reused,
    }
}

/// Gives the manifest and the hotcache compressed twins (both are always fetched whole), and
/// the index files too when the index is small enough to be downloaded whole. A bigger index is
/// read by Range requests of identity bytes (`LAZY_THRESHOLD`), so twins of its files would
/// never be sent: at 100,000 items they were most of a gigabyte and many seconds of brotli.
fn compress_index(writer: &write::Writer) -> anyhow::Result<()> {
    use gongkai_core::search::{Manifest, MANIFEST_PATH};
    let path = writer.root().join(MANIFEST_PATH);
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    let names = twinned(&manifest.files);
    crate::parallel::try_each(&names, |rel| writer.add_twins(rel, twin_effort(rel)))
}

/// Every lazy first query downloads the hotcache, so it is compressed hard: brotli 11 made the
/// law corpus's 34.4 KiB instead of 37.8 KiB (quality 5), the 100,000-item one's 90.7 KiB
/// instead of 103.1 KiB, for a fraction of a second.
fn twin_effort(rel: &str) -> write::Effort {
    if rel == gongkai_core::search::HOTCACHE_PATH {
        write::Effort::Best
    } else {
        write::Effort::Fast
    }
}

/// The index files (site paths) that get compressed twins.
fn twinned(files: &[gongkai_core::search::ManifestFile]) -> Vec<String> {
    use gongkai_core::search::lazy::LAZY_THRESHOLD;
    use gongkai_core::search::{HOTCACHE_PATH, INDEX_DIR, MANIFEST_PATH};
    let mut names = vec![MANIFEST_PATH.to_string(), HOTCACHE_PATH.to_string()];
    if files.iter().map(|f| f.size).sum::<u64>() <= LAZY_THRESHOLD {
        names.extend(files.iter().map(|f| format!("{INDEX_DIR}/{}", f.name)));
    }
    names
}

/// The catalogue: every item's summary, newest first, then by id.
fn catalogue(content: &Content) -> Catalogue {
    let mut items: Vec<ItemSummary> = content
        .items
        .iter()
        .map(|s| ItemSummary::of(&s.item))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    Catalogue {
        format: FORMAT_VERSION,
        site: SiteInfo {
            name: content.site_name.clone(),
            data_as_of: items.iter().filter_map(|i| i.date).max(),
            base_url: content.base_url.clone(),
        },
        departments: content.vocab.departments.clone(),
        topics: content.vocab.topics.clone(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::twinned;
    use gongkai_core::search::lazy::LAZY_THRESHOLD;
    use gongkai_core::search::ManifestFile;

    fn files(sizes: &[u64]) -> Vec<ManifestFile> {
        let file = |(i, size): (usize, &u64)| ManifestFile {
            name: format!("f{i}.idx"),
            size: *size,
            sha256: String::new(),
        };
        sizes.iter().enumerate().map(file).collect()
    }

    #[test]
    fn a_small_index_gets_twins_of_every_file() {
        let names = twinned(&files(&[LAZY_THRESHOLD - 10, 10]));
        let expected = [
            "search-index/manifest.json",
            "search-index/hotcache.bin",
            "search-index/f0.idx",
            "search-index/f1.idx",
        ];
        assert_eq!(names, expected);
    }

    #[test]
    fn a_lazily_read_index_gets_twins_of_its_manifest_and_hotcache_only() {
        let names = twinned(&files(&[LAZY_THRESHOLD, 1]));
        assert_eq!(
            names,
            ["search-index/manifest.json", "search-index/hotcache.bin"]
        );
    }
}
