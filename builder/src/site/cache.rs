//! The render cache: an unchanged item (or app asset) is not rendered or compressed again on the next build.
//!
//! Entries live beside the output (`.<out>.cache/items/`), keyed by a hash of the item's
//! checked metadata, its Markdown body's hash and the identity of the running `gongkai`
//! executable, so any change to content or to the code that renders it misses the cache. A hit hard-links the
//! cached page and its compressed twins into the staging folder (a copy where links fail), so
//! the output is byte-identical to a fresh build.

use super::write::Writer;
use crate::load::SourceItem;
use anyhow::Context;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The file variants a cached file may have: itself and its twins.
const VARIANTS: [&str; 3] = ["", ".gz", ".br"];

pub struct RenderCache {
    dir: PathBuf,
    salt: [u8; 32],
    used: Mutex<HashSet<String>>,
}

impl RenderCache {
    /// Opens (creating) the cache for the output folder `out`.
    pub fn open(out: &Path) -> anyhow::Result<RenderCache> {
        let dir = super::swap::sibling(out, "cache").join("items");
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let salt = executable_identity()?;
        Ok(RenderCache {
            dir,
            salt,
            used: Mutex::new(HashSet::new()),
        })
    }

    /// The cache key of one item.
    pub fn key(&self, source: &SourceItem) -> anyhow::Result<String> {
        let item = serde_json::to_vec(&source.item)?;
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update((item.len() as u64).to_le_bytes());
        h.update(&item);
        h.update(source.body_hash);
        // The current text's page marks when each article last changed: earlier texts count.
        for v in &source.versions {
            h.update(v.body_hash);
        }
        self.mark_used(&hex::encode(h.finalize()))
    }

    /// A key for something made from `key`'s item and `context` (its page, which also depends
    /// on the frame and on the items it links to).
    pub fn derive(&self, key: &str, context: &[u8]) -> anyhow::Result<String> {
        let mut h = Sha256::new();
        h.update(key.as_bytes());
        h.update((context.len() as u64).to_le_bytes());
        h.update(context);
        self.mark_used(&hex::encode(h.finalize()))
    }

    /// The cache key of a file copied as it is (an app asset), by its path and bytes: its
    /// compressed twins (brotli 11 on the wasm, seconds per build) are then made once.
    pub fn key_of_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<String> {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update((rel.len() as u64).to_le_bytes());
        h.update(rel.as_bytes());
        h.update(Sha256::digest(bytes));
        self.mark_used(&hex::encode(h.finalize()))
    }

    /// Identifies the running executable (see `executable_identity`), for other caches too.
    pub fn salt(&self) -> [u8; 32] {
        self.salt
    }

    fn mark_used(&self, key: &str) -> anyhow::Result<String> {
        let mut used = self
            .used
            .lock()
            .map_err(|_| anyhow::anyhow!("render cache lock poisoned"))?;
        used.insert(key.to_string());
        Ok(key.to_string())
    }

    /// Puts the cached page for `key` at `rel` in the site; false on a miss.
    pub fn restore(&self, key: &str, rel: &str, writer: &Writer) -> anyhow::Result<bool> {
        let page = self.entry(key, "");
        if !page.is_file() {
            return Ok(false);
        }
        for v in VARIANTS {
            let cached = self.entry(key, v);
            if cached.is_file() {
                writer.adopt(&format!("{rel}{v}"), &cached)?;
            }
        }
        Ok(true)
    }

    /// Remembers the page just written at `rel` (and its twins) under `key`.
    pub fn store(&self, key: &str, rel: &str, writer: &Writer) -> anyhow::Result<()> {
        for v in VARIANTS {
            let written = writer.root().join(format!("{rel}{v}"));
            if written.is_file() {
                link_or_copy(&written, &self.entry(key, v))?;
            }
        }
        Ok(())
    }

    /// Removes entries this build did not use, so the cache does not grow without bound.
    pub fn prune(&self) -> anyhow::Result<()> {
        let used = self
            .used
            .lock()
            .map_err(|_| anyhow::anyhow!("render cache lock poisoned"))?;
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let key = name.split('.').next().unwrap_or("");
            if !used.contains(key) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(())
    }

    fn entry(&self, key: &str, variant: &str) -> PathBuf {
        self.dir.join(format!("{key}{variant}"))
    }
}

/// Identifies the running executable by path, size and modification time: a rebuilt
/// `gongkai` (whose rendering may differ) never reads an older build's cache. Hashing the
/// whole binary would be stricter but costs seconds for a debug build.
fn executable_identity() -> anyhow::Result<[u8; 32]> {
    let exe = std::env::current_exe().context("finding the gongkai executable")?;
    let meta = std::fs::metadata(&exe).with_context(|| format!("reading {}", exe.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
    let mut h = Sha256::new();
    h.update(exe.to_string_lossy().as_bytes());
    h.update(meta.len().to_le_bytes());
    h.update(modified.map(|d| d.as_nanos()).unwrap_or(0).to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    Ok(h.finalize().into())
}

/// Hard-links `from` to `to`, replacing `to`; copies where linking is not possible.
pub fn link_or_copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    // Linking first and removing only when something is in the way saves a system call per
    // file on the usual path (100,000 items have 300,000 files).
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let _ = std::fs::remove_file(to);
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)
            .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}
