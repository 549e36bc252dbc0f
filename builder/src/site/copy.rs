//! Copies the built app, the trust root and the attachments into the site.

use super::cache::RenderCache;
use super::write::{Effort, Writer};
use crate::load::Content;
use anyhow::Context;
use gongkai_core::search::INDEX_DIR;
use std::path::Path;

/// Copies every file of Trunk's dist folder but `index.html` (the frame of the pre-rendered
/// pages, see `template`), in sorted order; unchanged files and their twins come from the
/// render cache.
pub fn app(dist: &Path, writer: &Writer, cache: &RenderCache) -> anyhow::Result<()> {
    if !dist.join("index.html").is_file() {
        anyhow::bail!(
            "{} has no index.html: build the app first (trunk build --release)",
            dist.display()
        );
    }
    for rel in files_under(dist)?
        .into_iter()
        .filter(|rel| rel != "index.html")
    {
        let bytes = std::fs::read(dist.join(&rel)).with_context(|| format!("reading {rel}"))?;
        let key = cache.key_of_file(&rel, &bytes)?;
        if !cache.restore(&key, &rel, writer)? {
            writer.file(&rel, &bytes, Effort::Best)?;
            cache.store(&key, &rel, writer)?;
        }
    }
    Ok(())
}

/// Publishes a trust root at `/trust.json`, after checking that it is one.
pub fn trust_root(path: &Path, writer: &Writer) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    gongkai_core::bundle::SignedTrust::parse(&bytes)
        .with_context(|| format!("{} is not a trust root", path.display()))?;
    writer.file(gongkai_core::site::TRUST_PATH, &bytes, Effort::Fast)
}

/// Copies each attachment to the same relative path in the site.
pub fn attachments(content: &Content, content_dir: &Path, writer: &Writer) -> anyhow::Result<()> {
    for source in &content.items {
        for a in source.item.attachments() {
            let bytes = std::fs::read(content_dir.join(&a.file))
                .with_context(|| format!("reading attachment {}", a.file))?;
            writer.file(&a.file, &bytes, Effort::Fast)?;
        }
    }
    Ok(())
}

/// Every regular file under `dir`, as sorted `/`-separated relative paths.
fn files_under(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("listing {}", d.display()))? {
            let path = entry?.path();
            let kind = std::fs::symlink_metadata(&path)?.file_type();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Links the search index of the current output `out` into the staged site (dev's quick
/// builds), file by file, as the render cache's pages are.
pub fn previous_index(out: &Path, writer: &Writer) -> anyhow::Result<()> {
    let from = out.join(INDEX_DIR);
    for rel in files_under(&from)? {
        writer.adopt(&format!("{INDEX_DIR}/{rel}"), &from.join(&rel))?;
    }
    Ok(())
}
