//! Making a bundle (or a feed) from a built site folder: list, hash, sign, write.

use crate::bundle::keys;
use crate::fsx;
use anyhow::{bail, Context};
use ed25519_dalek::SigningKey;
use gongkai_core::bundle::digest::sha256_hex;
use gongkai_core::bundle::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use gongkai_core::bundle::write::{assemble, Parts};
use gongkai_core::bundle::zipread::Archive;
use gongkai_core::bundle::{
    FileEntry, Limits, Manifest, Previous, SignedTrust, CLOCK_SKEW_S, MANIFEST_NAME, MAX_VALIDITY_S,
};
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
    let created = created_time(now()?)?;
    let max_days = MAX_VALIDITY_S / 86_400;
    if release.expires_days > max_days {
        bail!(
            "--expires-days {} is more than the most of {max_days}: terminals refuse a bundle valid for longer",
            release.expires_days
        );
    }
    let expires = created + release.expires_days * 86_400;
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
    let limits = Limits::default();
    let bytes = fsx::read_capped(bundle, limits.max_archive())?;
    let archive = Archive::parse(&bytes, limits.max_entries)
        .with_context(|| format!("reading {}", bundle.display()))?;
    let entry = archive
        .get(MANIFEST_NAME)
        .with_context(|| format!("{} has no manifest", bundle.display()))?;
    let manifest = Manifest::parse(&entry.read(limits.max_manifest)?)?;
    Ok(manifest)
}

/// Unix seconds: SOURCE_DATE_EPOCH when set (reproducible builds), else `clock`.
///
/// Either way it must lie within a day of the clock: a bundle dated ahead is refused by
/// terminals whose clocks are right, and one dated far back is refused by terminals that have
/// seen a newer one (or soon expires).
pub fn created_time(clock: u64) -> anyhow::Result<u64> {
    let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(clock);
    };
    let created: u64 = text
        .trim()
        .parse()
        .with_context(|| format!("SOURCE_DATE_EPOCH={text:?} is not unix seconds"))?;
    if created > clock.saturating_mul(100) {
        bail!("SOURCE_DATE_EPOCH={created} looks like milliseconds; it must be unix seconds");
    }
    if created.abs_diff(clock) > CLOCK_SKEW_S {
        bail!(
            "SOURCE_DATE_EPOCH={created} is {:.1} days from the clock ({clock}); a bundle must be \
             created within a day of now, or terminals refuse it (unset it, or give the time now)",
            created.abs_diff(clock) as f64 / 86_400.0
        );
    }
    Ok(created)
}

/// The clock in unix seconds.
pub fn now() -> anyhow::Result<u64> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the clock is before 1970")?;
    Ok(since.as_secs())
}
