//! Making a bundle (or a feed) from a built site folder: list, hash, sign, write.

use crate::bundle::{fsx, keys};
use anyhow::{bail, Context};
use ed25519_dalek::SigningKey;
use gongkai_core::bundle::digest::sha256_hex;
use gongkai_core::bundle::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use gongkai_core::bundle::write::{assemble, Parts};
use gongkai_core::bundle::zipread::Archive;
use gongkai_core::bundle::{FileEntry, Limits, Manifest, Previous, SignedTrust, MANIFEST_NAME};
use gongkai_core::search::lazy::CHUNKS_DIR;
use gongkai_core::search::INDEX_DIR;
use gongkai_core::site::CATALOGUE_PATH;
use std::path::Path;

/// What to put in the manifest besides the files.
pub struct Release {
    pub site_id: String,
    pub version: u64,
    pub expires_days: u64,
    pub keys: Vec<SigningKey>,
    /// A rotated trust root to ship alongside, signed by old and new keys.
    pub trust: Option<SignedTrust>,
}

/// A site folder read into memory, files sorted by path.
pub struct Site {
    pub files: Vec<(FileEntry, Vec<u8>)>,
}

impl Site {
    pub fn read(dir: &Path) -> anyhow::Result<Site> {
        if !dir.join(CATALOGUE_PATH).is_file() {
            bail!(
                "{} is not a built site (no {CATALOGUE_PATH})",
                dir.display()
            );
        }
        let mut files = Vec::new();
        let all = fsx::walk(dir)?;
        let names: std::collections::HashSet<&str> =
            all.iter().map(|(rel, _)| rel.as_str()).collect();
        for (rel, path) in &all {
            if is_compressed_twin(rel, &names) || is_index_chunk(rel) {
                continue;
            }
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let entry = FileEntry {
                path: rel.clone(),
                sha256: sha256_hex(&bytes),
                size: bytes.len() as u64,
            };
            files.push((entry, bytes));
        }
        Ok(Site { files })
    }

    pub fn entries(&self) -> Vec<FileEntry> {
        self.files.iter().map(|(f, _)| f.clone()).collect()
    }
}

/// `x.json.gz` / `x.json.br` beside `x.json`: precompressed copies for web hosts. Bundles
/// carry each file once; a terminal reads the original.
fn is_compressed_twin(rel: &str, names: &std::collections::HashSet<&str>) -> bool {
    [".gz", ".br"].iter().any(|ext| {
        rel.strip_suffix(ext)
            .is_some_and(|base| names.contains(base))
    })
}

/// `search-index/chunks/…`: the index again in pieces, for web hosts without HTTP Range. A
/// terminal reads its stored index files by range itself, so bundles leave the copies out.
fn is_index_chunk(rel: &str) -> bool {
    let prefix = format!("{INDEX_DIR}/{CHUNKS_DIR}/");
    rel.starts_with(&prefix)
}

/// The manifest for `site` as a full version, or as a delta on `base`.
pub fn manifest(
    release: &Release,
    site: &Site,
    base: Option<&Manifest>,
) -> anyhow::Result<Manifest> {
    let created = created_time()?;
    let expires = release
        .expires_days
        .checked_mul(86_400)
        .and_then(|d| d.checked_add(created))
        .context("--expires-days is too large")?;
    if let Some(base) = base {
        if release.version <= base.version || base.site != release.site_id {
            bail!(
                "a delta must have a higher version than its base ({}) and the same site id ({})",
                base.version,
                base.site
            );
        }
    }
    let manifest = Manifest {
        kind: MANIFEST_TYPE.into(),
        format: MANIFEST_FORMAT,
        site: release.site_id.clone(),
        version: release.version,
        created,
        expires,
        previous: base.map(|b| Previous {
            version: b.version,
            manifest_sha256: b.sha256(),
        }),
        files: site.entries(),
    };
    // Round-trip through the verifier's parser so we never publish what terminals would refuse.
    Manifest::parse(&manifest.to_bytes()).context("the site cannot be bundled")?;
    Ok(manifest)
}

/// Writes the bundle bytes: a delta carries only files that differ from `base`.
pub fn bundle(
    release: &Release,
    site: &Site,
    base: Option<&Manifest>,
) -> anyhow::Result<(Manifest, Vec<u8>, usize)> {
    let manifest = manifest(release, site, base)?;
    let signatures = keys::sign_all(&release.keys, &manifest.to_bytes());
    let carried: Vec<(&str, &[u8])> = site
        .files
        .iter()
        .filter(|(f, _)| base.is_none_or(|b| b.file(&f.path) != Some(f)))
        .map(|(f, bytes)| (f.path.as_str(), bytes.as_slice()))
        .collect();
    let count = carried.len();
    let parts = Parts {
        manifest: &manifest,
        signatures,
        trust: release.trust.as_ref(),
    };
    let bytes = assemble(parts, carried)?;
    Ok((manifest, bytes, count))
}

/// The manifest inside an earlier bundle of ours (the base of a delta). It is our own output,
/// so its signatures are not re-checked here; terminals check the delta against what they hold.
pub fn manifest_of(bundle: &Path) -> anyhow::Result<Manifest> {
    let bytes = std::fs::read(bundle).with_context(|| format!("reading {}", bundle.display()))?;
    let limits = Limits::default();
    let archive = Archive::parse(&bytes, limits.max_entries)
        .with_context(|| format!("reading {}", bundle.display()))?;
    let entry = archive
        .get(MANIFEST_NAME)
        .with_context(|| format!("{} has no manifest", bundle.display()))?;
    let manifest = Manifest::parse(&entry.read(limits.max_manifest)?)?;
    Ok(manifest)
}

/// Unix seconds: SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
pub fn created_time() -> anyhow::Result<u64> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse()
            .with_context(|| format!("SOURCE_DATE_EPOCH={text:?} is not unix seconds")),
        Err(_) => now(),
    }
}

/// The clock in unix seconds.
pub fn now() -> anyhow::Result<u64> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the clock is before 1970")?;
    Ok(since.as_secs())
}
