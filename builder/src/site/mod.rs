//! Writes a complete static site from checked content: data files, the app, fallback pages.
//!
//! The site is written into a staging folder beside the output and swapped in only when
//! everything succeeded (`swap`), so a failed build never touches the previous site. Output
//! depends only on the content and the app: same input, same bytes (`write` keeps order and
//! compression deterministic; no clock time is stamped anywhere).

mod cache;
mod copy;
mod items;
mod swap;
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
}

/// Builds `content` into `out` atomically.
pub fn build(
    content: &Content,
    content_dir: &Path,
    out: &Path,
    inputs: &Inputs<'_>,
) -> anyhow::Result<BuildReport> {
    let app = inputs.app;
    let staging = swap::Staging::create(out)?;
    let writer = write::Writer::new(staging.path());
    if let Some(trust) = inputs.trust {
        copy::trust_root(trust, &writer)?;
    }
    if let Some(app) = app {
        copy::app(app, &writer)
            .with_context(|| format!("copying the app from {}", app.display()))?;
    }
    let catalogue = catalogue(content);
    writer.json(CATALOGUE_PATH, &catalogue)?;
    let cache = cache::RenderCache::open(out)?;
    let stats = items::write_all(content, &writer, &cache)?;
    copy::attachments(content, content_dir, &writer)?;
    if app.is_some() {
        copy::route_pages(&catalogue, &writer)?;
    }
    let search = crate::index::write_index(
        content,
        &staging.path().join(gongkai_core::search::INDEX_DIR),
    )?;
    compress_index(&writer)?;
    let report = BuildReport {
        items: content.items.len(),
        files: writer.files() + search.files,
        bytes: writer.bytes() + search.bytes,
        rendered: stats.rendered,
        reused: stats.reused,
    };
    staging.commit()?;
    cache.prune()?;
    Ok(report)
}

/// Gives the index files compressed twins, so a host that serves `.br`/`.gz` sends a small
/// whole-file download. Range requests still get the identity bytes (see `serve`).
fn compress_index(writer: &write::Writer) -> anyhow::Result<()> {
    use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};
    let path = writer.root().join(MANIFEST_PATH);
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    let names: Vec<String> = manifest
        .files
        .iter()
        .map(|f| format!("{INDEX_DIR}/{}", f.name))
        .collect();
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = names
            .chunks(names.len().div_ceil(threads).max(1))
            .map(|part| scope.spawn(move || part.iter().try_for_each(|rel| writer.add_twins(rel))))
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a compression thread panicked")))
        })
    })
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
        },
        departments: content.vocab.departments.clone(),
        topics: content.vocab.topics.clone(),
        items,
    }
}
