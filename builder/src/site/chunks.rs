//! Writes the index's files again as fixed-size chunks, for static hosts without HTTP Range.
//!
//! Only an index big enough to be read lazily gets chunks (a small one is downloaded whole, which
//! every host can do); the names and sizes come from `gongkai_core::search::lazy`, which the
//! browser's reader uses too. Chunks are web-only: bundles leave them out (terminals read their
//! own stored files), and they get no compressed twins.

use super::write::Writer;
use anyhow::Context;
use gongkai_core::search::lazy::{chunks_of, CHUNK_SIZE, LAZY_THRESHOLD};
use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

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

/// The chunks of one index file, copied by the kernel (`copy_file_range` under `std::io::copy`)
/// rather than read whole: the biggest file is 261 MB at 100,000 items, which reading would
/// add to the build's peak memory.
fn write_file(writer: &Writer, name: &str) -> anyhow::Result<usize> {
    let path = writer.root().join(INDEX_DIR).join(name);
    let file = File::open(&path).with_context(|| format!("reading {}", path.display()))?;
    let len = file
        .metadata()
        .with_context(|| format!("reading {}", path.display()))?
        .len();
    let chunks = chunks_of(name, len, CHUNK_SIZE);
    for (rel, range) in &chunks {
        (&file)
            .seek(SeekFrom::Start(range.start))
            .with_context(|| format!("reading {}", path.display()))?;
        let want = range.end - range.start;
        let got = writer.copy(&format!("{INDEX_DIR}/{rel}"), (&file).take(want))?;
        if got != want {
            anyhow::bail!("{} changed while it was cut into chunks", path.display());
        }
    }
    Ok(chunks.len())
}
