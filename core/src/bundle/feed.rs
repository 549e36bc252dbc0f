//! The sync feed: a signed latest manifest plus content-addressed objects on a plain static host.
//!
//! Layout: `latest.json` (manifest bytes, signatures and an optional rotated trust root in one
//! file, so a terminal never pairs a manifest with the wrong signatures) and `objects/<sha256>`
//! (each file's raw bytes, named by their hash). A terminal verifies `latest.json`, then fetches
//! only the objects it lacks; a broken download resumes with an HTTP Range request or simply
//! restarts, since an object's name says what its bytes must hash to.

use crate::bundle::digest::sha256_hex;
use crate::bundle::manifest::{FileEntry, Manifest};
use crate::bundle::trust::{KeySignature, SignedTrust, TrustRoot};
use crate::bundle::verify::{authenticate, Authentic};
use crate::bundle::{BundleError, Limits};
use serde::{Deserialize, Serialize};

pub const LATEST_NAME: &str = "latest.json";

/// `latest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Latest {
    /// The manifest's exact signed bytes, as a string (it is UTF-8 JSON).
    pub manifest: String,
    pub signatures: Vec<KeySignature>,
    pub trust: Option<SignedTrust>,
}

impl Latest {
    pub fn new(
        manifest: &Manifest,
        signatures: Vec<KeySignature>,
        trust: Option<SignedTrust>,
    ) -> Latest {
        let manifest = String::from_utf8(manifest.to_bytes()).unwrap_or_default();
        Latest {
            manifest,
            signatures,
            trust,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// Where a file's object lives, relative to the feed root.
pub fn object_path(sha256: &str) -> String {
    format!("objects/{sha256}")
}

/// Verifies `latest.json` bytes; a feed always lists a complete version (never a delta).
pub fn open_latest(
    bytes: &[u8],
    pinned: &TrustRoot,
    now: u64,
    limits: &Limits,
) -> Result<Authentic, BundleError> {
    let cap = limits
        .max_manifest
        .saturating_add(limits.max_signatures)
        .saturating_add(limits.max_trust);
    if bytes.len() as u64 > cap {
        return Err(BundleError::MetadataTooLarge {
            what: "latest.json",
            size: bytes.len() as u64,
            cap,
        });
    }
    let latest: Latest =
        serde_json::from_slice(bytes).map_err(|e| BundleError::BadManifest(e.to_string()))?;
    let auth = authenticate(
        latest.manifest.as_bytes(),
        &latest.signatures,
        latest.trust,
        pinned,
        now,
    )?;
    if auth.manifest.is_delta() {
        return Err(BundleError::BadManifest(
            "a feed lists a complete version, not a delta".into(),
        ));
    }
    let total = auth.manifest.total_size().unwrap_or(u64::MAX);
    if total > limits.max_total {
        return Err(BundleError::TotalTooLarge {
            total,
            cap: limits.max_total,
        });
    }
    Ok(auth)
}

/// Checks a fetched object against the manifest's entry for it.
pub fn check_object(file: &FileEntry, bytes: &[u8]) -> Result<(), BundleError> {
    if bytes.len() as u64 != file.size {
        return Err(BundleError::SizeMismatch {
            path: file.path.clone(),
            expected: file.size,
            found: bytes.len() as u64,
        });
    }
    if sha256_hex(bytes) != file.sha256 {
        return Err(BundleError::HashMismatch {
            path: file.path.clone(),
        });
    }
    Ok(())
}
