//! Copies the built app, the trust root and the attachments into the site.

use super::cache::RenderCache;
use super::write::{Effort, Writer};
use crate::load::Content;
use anyhow::Context;
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

/// Hard-links every file under `from` to the same place under `to` (copying where linking is
/// not possible); returns the files and bytes linked.
pub fn link_tree(from: &Path, to: &Path) -> anyhow::Result<(usize, u64)> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    let mut total = (0, 0);
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            let (files, bytes) = link_tree(&src, &dst)?;
            total = (total.0 + files, total.1 + bytes);
        } else if kind.is_file() {
            super::cache::link_or_copy(&src, &dst)?;
            total = (total.0 + 1, total.1 + entry.metadata()?.len());
        }
    }
    Ok(total)
}
