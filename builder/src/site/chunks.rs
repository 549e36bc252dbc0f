//! Writes the index's files again as fixed-size chunks, for static hosts without HTTP Range.
//!
//! Only an index big enough to be read lazily gets chunks (a small one is downloaded whole, which
//! every host can do); the names and sizes come from `gongkai_core::search::lazy`, which the
//! browser's reader uses too. Chunks are web-only: bundles leave them out (terminals read their
//! own stored files), and they get no compressed twins.

use super::write::{Effort, Writer};
use anyhow::Context;
use gongkai_core::search::lazy::{chunks_of, CHUNK_SIZE, LAZY_THRESHOLD};
use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};

/// Writes `search-index/chunks/<file>.<offset>` for each index file bigger than one chunk, when
/// the index is read lazily; returns how many chunks were written.
pub fn write(writer: &Writer) -> anyhow::Result<usize> {
    let path = writer.root().join(MANIFEST_PATH);
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?,
    )
    .with_context(|| format!("reading {}", path.display()))?;
    let total: u64 = manifest.files.iter().map(|f| f.size).sum();
    if total <= LAZY_THRESHOLD {
        return Ok(0);
    }
    let mut written = 0;
    for file in &manifest.files {
        written += write_file(writer, &file.name)?;
    }
    Ok(written)
}

/// The chunks of one index file.
fn write_file(writer: &Writer, name: &str) -> anyhow::Result<usize> {
    let path = writer.root().join(INDEX_DIR).join(name);
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let chunks = chunks_of(name, bytes.len() as u64, CHUNK_SIZE);
    for (rel, range) in &chunks {
        let part = &bytes[range.start as usize..range.end as usize];
        writer.file(&format!("{INDEX_DIR}/{rel}"), part, Effort::Fast)?;
    }
    Ok(chunks.len())
}
