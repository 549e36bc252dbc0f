//! The bundle manifest: what version of which site, valid when, and every file's path, SHA-256 and size.
//!
//! Signatures cover the manifest's exact bytes, so it has one canonical form: serde_json's
//! compact output of these structs, files sorted by path. A manifest that does not
//! re-serialize to the same bytes is rejected, so no two byte strings mean the same manifest.

use crate::bundle::digest::{parse_hex, sha256_hex};
use crate::bundle::{path, BundleError, MAX_VALIDITY_S, MAX_VERSION};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const MANIFEST_TYPE: &str = "gongkai-bundle-manifest";
pub const MANIFEST_FORMAT: u32 = 1;

/// `gongkai/manifest.json` in a bundle, or the `manifest` string of a feed's `latest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    #[serde(rename = "type")]
    pub kind: String,
    pub format: u32,
    /// Must equal the trust root's site, so one signing key cannot swap two sites' content.
    pub site: String,
    /// Strictly increasing per site.
    pub version: u64,
    /// Unix seconds (SOURCE_DATE_EPOCH when set, so builds are reproducible).
    pub created: u64,
    /// Unix seconds after which terminals refuse this manifest.
    pub expires: u64,
    /// Set on a delta: it applies only on top of exactly this manifest.
    pub previous: Option<Previous>,
    /// The complete file tree of this version, sorted by path. A delta carries only some of them.
    pub files: Vec<FileEntry>,
}

/// The base a delta builds on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Previous {
    pub version: u64,
    /// SHA-256 of the base manifest's exact bytes.
    pub manifest_sha256: String,
}

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub size: u64,
}

impl Manifest {
    /// The exact bytes that are signed.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing plain structs of strings and integers cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Parses signed bytes: they must be canonical, and every rule below must hold.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, BundleError> {
        let manifest: Manifest =
            serde_json::from_slice(bytes).map_err(|e| BundleError::BadManifest(e.to_string()))?;
        if manifest.to_bytes() != bytes {
            return Err(BundleError::NotCanonical);
        }
        manifest.check()?;
        Ok(manifest)
    }

    fn check(&self) -> Result<(), BundleError> {
        let bad = |why: &str| Err(BundleError::BadManifest(why.to_string()));
        if self.kind != MANIFEST_TYPE || self.format != MANIFEST_FORMAT {
            return bad("unknown type or format");
        }
        if self.version == 0 || self.version > MAX_VERSION {
            return bad(&format!("version must be 1 to {MAX_VERSION}"));
        }
        if self.created > self.expires {
            return bad("created after expires");
        }
        if self.expires - self.created > MAX_VALIDITY_S {
            return bad(&format!(
                "valid for {} days, more than the most of {} days",
                (self.expires - self.created) / 86_400,
                MAX_VALIDITY_S / 86_400
            ));
        }
        if let Some(p) = &self.previous {
            if p.version >= self.version || parse_hex::<32>(&p.manifest_sha256).is_none() {
                return bad("previous must be an older version with a SHA-256");
            }
        }
        check_files(&self.files)
    }

    pub fn is_delta(&self) -> bool {
        self.previous.is_some()
    }

    /// SHA-256 of the canonical bytes: how a delta names its base.
    pub fn sha256(&self) -> String {
        sha256_hex(&self.to_bytes())
    }

    /// SHA-256 of the file list alone: a full and a delta bundle of one version share it.
    pub fn content_sha256(&self) -> String {
        sha256_hex(&serde_json::to_vec(&self.files).unwrap_or_default())
    }

    /// Total bytes of the listed files, or `None` on overflow.
    pub fn total_size(&self) -> Option<u64> {
        self.files
            .iter()
            .try_fold(0u64, |sum, f| sum.checked_add(f.size))
    }

    pub fn file(&self, path: &str) -> Option<&FileEntry> {
        self.files
            .binary_search_by(|f| f.path.as_str().cmp(path))
            .ok()
            .and_then(|i| self.files.get(i))
    }
}

/// Safe paths, valid hashes, strictly sorted, and no two paths that fold to the same name.
fn check_files(files: &[FileEntry]) -> Result<(), BundleError> {
    let mut folded = HashSet::new();
    let mut last: Option<&str> = None;
    for f in files {
        path::check(&f.path)?;
        if parse_hex::<32>(&f.sha256).is_none() {
            return Err(BundleError::BadManifest(format!("{}: bad sha256", f.path)));
        }
        if last.is_some_and(|l| l >= f.path.as_str()) {
            return Err(BundleError::BadManifest(format!(
                "{}: files not sorted",
                f.path
            )));
        }
        if !folded.insert(path::fold(&f.path)) {
            return Err(BundleError::DuplicateEntry {
                name: f.path.clone(),
            });
        }
        last = Some(&f.path);
    }
    check_no_file_is_a_folder(files, &folded)
}

/// `a` and `a/b` cannot both be files: one would have to be a folder when installed.
fn check_no_file_is_a_folder(
    files: &[FileEntry],
    folded: &HashSet<String>,
) -> Result<(), BundleError> {
    for f in files {
        let key = path::fold(&f.path);
        let mut prefix = key.as_str();
        while let Some((parent, _)) = prefix.rsplit_once('/') {
            if folded.contains(parent) {
                return Err(BundleError::UnsafePath {
                    name: f.path.clone(),
                    why: "a file is also used as a folder",
                });
            }
            prefix = parent;
        }
    }
    Ok(())
}
