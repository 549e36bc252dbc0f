//! Renders every item's page (`items/<id>/index.html`), on all cores, with progress on long
//! builds; the page is the item's only form in the site (the catalogue has its summary).

use super::cache::RenderCache;
use super::pages::{file_of, Pages};
use super::write::Writer;
use crate::load::{Content, SourceItem};
use crate::render::render;
use gongkai_core::site::{item_route, ItemPage};
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

/// Renders and writes every item's page, reusing cached ones.
pub fn write_all(
    content: &Content,
    writer: &Writer,
    cache: &RenderCache,
    pages: &Pages,
) -> anyhow::Result<RenderStats> {
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
    crate::parallel::try_each(&content.items, |source| write_one(source, &work))?;
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
    pages: &'a Pages,
    done: &'a AtomicUsize,
    reused: &'a AtomicUsize,
    progress: &'a Progress,
}

fn write_one(source: &SourceItem, work: &Work<'_>) -> anyhow::Result<()> {
    if write_item(source, work)? {
        work.reused.fetch_add(1, Ordering::Relaxed);
    }
    work.progress
        .tick(work.done.fetch_add(1, Ordering::Relaxed) + 1);
    Ok(())
}

/// Writes one item's page, from the cache where it has it; true when it did not have to be
/// rendered.
fn write_item(source: &SourceItem, work: &Work<'_>) -> anyhow::Result<bool> {
    let (cache, writer) = (work.cache, work.writer);
    let item_key = cache.key(source)?;
    let key = cache.derive(&item_key, &work.pages.item_context(&source.item)?)?;
    let rel = file_of(&item_route(source.item.id()));
    if cache.restore(&key, &rel, writer)? {
        return Ok(true);
    }
    let page = work.pages.item(render_page(source)?);
    writer.page(&rel, page.as_bytes())?;
    cache.store(&key, &rel, writer)?;
    Ok(false)
}

fn render_page(source: &SourceItem) -> anyhow::Result<ItemPage> {
    let rendered = render(&source.body()?);
    let html = match &source.item {
        gongkai_core::Item::Regulation(reg) => {
            super::history::marked_current(source, reg, rendered.html)?
        }
        gongkai_core::Item::Disclosure(_) => rendered.html,
    };
    Ok(ItemPage {
        item: source.item.clone(),
        html,
        toc: rendered.toc,
        version: None,
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
