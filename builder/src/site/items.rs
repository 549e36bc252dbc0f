//! Renders every item and writes its page data and its pre-rendered page, on all cores, with
//! progress on long builds.

use super::cache::RenderCache;
use super::pages::{file_of, Pages};
use super::write::{Effort, Writer};
use crate::load::{Content, SourceItem};
use crate::render::render;
use gongkai_core::site::{item_data_path, item_route, ItemPage, FORMAT_VERSION};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Builds with more items than this print progress lines.
pub const PROGRESS_OVER: usize = 500;

/// How many pages were rendered, and how many came unchanged from the render cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderStats {
    pub rendered: usize,
    pub reused: usize,
}

/// Renders and writes `data/items/<id>.json` for every item, and its page
/// (`items/<id>/index.html`) when the site has the app, reusing cached ones.
pub fn write_all(
    content: &Content,
    writer: &Writer,
    cache: &RenderCache,
    pages: Option<&Pages>,
) -> anyhow::Result<RenderStats> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let chunk = content.items.len().div_ceil(threads).max(1);
    let done = AtomicUsize::new(0);
    let reused = AtomicUsize::new(0);
    let progress = Progress::new(content.items.len());
    let work = Work {
        writer,
        cache,
        pages,
        done: &done,
        reused: &reused,
        progress: &progress,
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = content
            .items
            .chunks(chunk)
            .map(|part| scope.spawn(|| write_part(part, &work)))
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a render thread panicked")))
        })
    })?;
    let reused = reused.load(Ordering::Relaxed);
    Ok(RenderStats {
        rendered: content.items.len() - reused,
        reused,
    })
}

/// What every render thread shares.
struct Work<'a> {
    writer: &'a Writer,
    cache: &'a RenderCache,
    pages: Option<&'a Pages>,
    done: &'a AtomicUsize,
    reused: &'a AtomicUsize,
    progress: &'a Progress,
}

fn write_part(part: &[SourceItem], work: &Work<'_>) -> anyhow::Result<()> {
    for source in part {
        if write_item(source, work)? {
            work.reused.fetch_add(1, Ordering::Relaxed);
        }
        work.progress
            .tick(work.done.fetch_add(1, Ordering::Relaxed) + 1);
    }
    Ok(())
}

/// Writes one item's data and page, from the cache where it has them; true when nothing had to
/// be rendered.
fn write_item(source: &SourceItem, work: &Work<'_>) -> anyhow::Result<bool> {
    let (cache, writer) = (work.cache, work.writer);
    let data = (cache.key(source)?, item_data_path(source.item.id()));
    let page = match work.pages {
        Some(pages) => {
            let key = cache.derive(&data.0, &pages.item_context(&source.item)?)?;
            Some((pages, key, file_of(&item_route(source.item.id()))))
        }
        None => None,
    };
    let data_cached = cache.restore(&data.0, &data.1, writer)?;
    let page_cached = match &page {
        Some((_, key, rel)) => cache.restore(key, rel, writer)?,
        None => true,
    };
    if data_cached && page_cached {
        return Ok(true);
    }
    let item_page = render_page(source)?;
    if !data_cached {
        writer.json(&data.1, &item_page)?;
        cache.store(&data.0, &data.1, writer)?;
    }
    if let Some((pages, key, rel)) = page.filter(|_| !page_cached) {
        writer.file(&rel, pages.item(item_page).as_bytes(), Effort::Fast)?;
        cache.store(&key, &rel, writer)?;
    }
    Ok(false)
}

fn render_page(source: &SourceItem) -> anyhow::Result<ItemPage> {
    let rendered = render(&source.body()?);
    Ok(ItemPage {
        format: FORMAT_VERSION,
        item: source.item.clone(),
        html: rendered.html,
        toc: rendered.toc,
    })
}

/// Prints "rendered n/total items" about every tenth of a long build.
struct Progress {
    total: usize,
    step: usize,
    start: Instant,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            step: (total / 10).max(1),
            start: Instant::now(),
        }
    }

    fn tick(&self, n: usize) {
        if self.total > PROGRESS_OVER && (n.is_multiple_of(self.step) || n == self.total) {
            eprintln!(
                "  wrote {n}/{} item pages ({:.1} s)",
                self.total,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}
