//! Renders every item and writes its page data, on all cores, with progress on long builds.

use super::write::Writer;
use crate::load::{Content, SourceItem};
use crate::render::render;
use gongkai_core::site::{item_data_path, ItemPage, FORMAT_VERSION};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Builds with more items than this print progress lines.
const PROGRESS_OVER: usize = 500;

/// Renders and writes `data/items/<id>.json` for every item.
pub fn write_all(content: &Content, writer: &Writer) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let chunk = content.items.len().div_ceil(threads).max(1);
    let done = AtomicUsize::new(0);
    let progress = Progress::new(content.items.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = content
            .items
            .chunks(chunk)
            .map(|part| scope.spawn(|| write_part(part, writer, &done, &progress)))
            .collect();
        handles.into_iter().try_for_each(|h| {
            h.join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a render thread panicked")))
        })
    })
}

fn write_part(
    part: &[SourceItem],
    writer: &Writer,
    done: &AtomicUsize,
    progress: &Progress,
) -> anyhow::Result<()> {
    for source in part {
        let rendered = render(&source.body);
        let page = ItemPage {
            format: FORMAT_VERSION,
            item: source.item.clone(),
            html: rendered.html,
            toc: rendered.toc,
        };
        writer.json(&item_data_path(source.item.id()), &page)?;
        progress.tick(done.fetch_add(1, Ordering::Relaxed) + 1);
    }
    Ok(())
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
                "  rendered {n}/{} items ({:.1} s)",
                self.total,
                self.start.elapsed().as_secs_f64()
            );
        }
    }
}
