//! Renders every item and writes its page data, on all cores, with progress on long builds.

use super::cache::RenderCache;
use super::write::Writer;
use crate::load::{Content, SourceItem};
use crate::render::render;
use gongkai_core::site::{item_data_path, ItemPage, FORMAT_VERSION};
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

/// Renders and writes `data/items/<id>.json` for every item, reusing cached pages.
pub fn write_all(
    content: &Content,
    writer: &Writer,
    cache: &RenderCache,
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
    done: &'a AtomicUsize,
    reused: &'a AtomicUsize,
    progress: &'a Progress,
}

fn write_part(part: &[SourceItem], work: &Work<'_>) -> anyhow::Result<()> {
    for source in part {
        let rel = item_data_path(source.item.id());
        let key = work.cache.key(source)?;
        if work.cache.restore(&key, &rel, work.writer)? {
            work.reused.fetch_add(1, Ordering::Relaxed);
        } else {
            write_page(source, &rel, work.writer)?;
            work.cache.store(&key, &rel, work.writer)?;
        }
        work.progress
            .tick(work.done.fetch_add(1, Ordering::Relaxed) + 1);
    }
    Ok(())
}

fn write_page(source: &SourceItem, rel: &str, writer: &Writer) -> anyhow::Result<()> {
    let rendered = render(&source.body()?);
    let page = ItemPage {
        format: FORMAT_VERSION,
        item: source.item.clone(),
        html: rendered.html,
        toc: rendered.toc,
    };
    writer.json(rel, &page)
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
