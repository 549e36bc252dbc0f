//! Gets the index files out of memory under reproducible names, and writes them with a manifest.
//!
//! tantivy names a segment's files after a random UUID, and `meta.json` repeats it; everything
//! else it writes is a function of the documents. Renaming the segment after a hash of its
//! files makes the whole folder reproducible, and content-addressed: a changed index gets new
//! file names, so browsers may cache these files forever. Each segment also gets its facet runs
//! file (`<segment>.facets`), derived from its columns.

use super::{BuiltIndex, IndexReport};
use anyhow::Context;
use gongkai_core::search::facet_runs::{self, SegmentRuns};
use gongkai_core::search::tantivy::directory::{Directory, OwnedBytes};
use gongkai_core::search::tantivy::index::{SegmentComponent, SegmentId};
use gongkai_core::search::tantivy::{Index, IndexReader, ReloadPolicy};
use gongkai_core::search::{Manifest, ManifestFile, INDEX_FORMAT};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// The name of the manifest inside the index folder.
const MANIFEST_NAME: &str = "manifest.json";
const META: &str = "meta.json";
/// The hotcache's name inside the index folder (see [`gongkai_core::search::HOTCACHE_PATH`]).
const HOTCACHE_NAME: &str = "hotcache.bin";

/// The components a finished segment can have (no temporary store, no deletes: we never delete).
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// Every file of the index, segments renamed after their content, sorted by name.
pub fn collect(index: &Index, ram: &dyn Directory) -> anyhow::Result<Vec<(String, OwnedBytes)>> {
    let mut meta =
        String::from_utf8(ram.atomic_read(Path::new(META))?).context("meta.json is not UTF-8")?;
    let mut files = Vec::new();
    let mut runs = facet_runs(index)?;
    for segment in index.searchable_segment_metas()? {
        let mut parts = Vec::new();
        for component in COMPONENTS {
            let path = segment.relative_path(component);
            if ram.exists(&path)? {
                let ext = path
                    .to_string_lossy()
                    .split_once('.')
                    .map(|(_, e)| e.to_string())
                    .unwrap_or_default();
                parts.push((ext, ram.open_read(&path)?.read_bytes()?));
            }
        }
        let segment_runs = runs
            .remove(&segment.id())
            .context("a segment the reader does not see")?;
        parts.push((
            facet_runs::EXTENSION.to_string(),
            OwnedBytes::new(segment_runs),
        ));
        let old = segment.id();
        let new = content_id(&parts);
        meta = meta
            .replace(&old.uuid_string(), &new)
            .replace(&hyphenated(&old.uuid_string()), &hyphenated(&new));
        files.extend(
            parts
                .into_iter()
                .map(|(ext, bytes)| (format!("{new}.{ext}"), bytes)),
        );
    }
    files.push((META.to_string(), OwnedBytes::new(without_payload(&meta)?)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// Each segment's facet runs file (see `gongkai_core::search::facet_runs`), which the engine
/// counts facets from instead of the columns.
fn facet_runs(index: &Index) -> anyhow::Result<HashMap<SegmentId, Vec<u8>>> {
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers().iter();
    segments
        .map(|s| Ok((s.segment_id(), SegmentRuns::of_segment(s)?.encode())))
        .collect()
}

/// `meta.json` without its `payload`: after a merge, tantivy notes the merged (random) segment
/// ids there.
fn without_payload(meta: &str) -> anyhow::Result<Vec<u8>> {
    let mut value: serde_json::Value = serde_json::from_str(meta).context("meta.json")?;
    if let Some(object) = value.as_object_mut() {
        object.remove("payload");
    }
    Ok(serde_json::to_vec_pretty(&value)?)
}

/// 32 hex digits of the SHA-256 of a segment's files: a valid UUID, derived from content only.
fn content_id(parts: &[(String, OwnedBytes)]) -> String {
    let mut hash = Sha256::new();
    for (ext, bytes) in parts {
        hash.update(ext.as_bytes());
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes.as_slice());
    }
    hex::encode(&hash.finalize()[..16])
}

/// `0123…` as `01234567-89ab-cdef-0123-456789abcdef`.
fn hyphenated(simple: &str) -> String {
    let cuts = [0, 8, 12, 16, 20, 32];
    let parts: Vec<&str> = cuts
        .windows(2)
        .filter_map(|w| simple.get(w[0]..w[1]))
        .collect();
    parts.join("-")
}

/// Writes the files and `manifest.json` into `dir` (created if needed).
pub fn write(built: &BuiltIndex, dir: &Path) -> anyhow::Result<IndexReport> {
    write_with(built, dir, |_, data, to| std::fs::write(to, data))
}

/// Like [`write`], but `put(name, bytes, path)` places each index file (e.g. by renaming a
/// copy already on disk); the manifest and the hotcache are always written.
pub fn write_with(
    built: &BuiltIndex,
    dir: &Path,
    mut put: impl FnMut(&str, &[u8], &Path) -> std::io::Result<()>,
) -> anyhow::Result<IndexReport> {
    std::fs::create_dir_all(dir)?;
    let mut listed = Vec::with_capacity(built.files.len());
    let mut bytes = 0;
    for (name, data) in &built.files {
        let data = data.as_slice();
        put(name, data, &dir.join(name)).with_context(|| format!("writing {name}"))?;
        listed.push(ManifestFile {
            name: name.clone(),
            size: data.len() as u64,
            sha256: hex::encode(Sha256::digest(data)),
        });
        bytes += data.len() as u64;
    }
    let manifest = Manifest {
        format: INDEX_FORMAT,
        items: built.items,
        articles: built.articles,
        files: listed,
    };
    let json = serde_json::to_vec(&manifest)?;
    std::fs::write(dir.join(MANIFEST_NAME), &json).context("writing manifest.json")?;
    std::fs::write(dir.join(HOTCACHE_NAME), &built.hotcache).context("writing the hotcache")?;
    bytes += (json.len() + built.hotcache.len()) as u64;
    Ok(IndexReport {
        items: built.items,
        articles: built.articles,
        files: built.files.len() + 2,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_hyphenated_like_tantivy_does() {
        assert_eq!(
            hyphenated("0123456789abcdef0123456789abcdef"),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
    }
}
