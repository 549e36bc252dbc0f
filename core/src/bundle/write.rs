//! Assembling a bundle from a signed manifest and the files it carries.
//!
//! Lives beside the verifier so the layout is written down once: metadata first (so a reader
//! can stop early), then site files in path order.

use crate::bundle::manifest::Manifest;
use crate::bundle::trust::{KeySignature, Signatures, SignedTrust};
use crate::bundle::zipwrite::ZipWriter;
use crate::bundle::{BundleError, MANIFEST_NAME, SIGNATURES_NAME, SITE_PREFIX, TRUST_NAME};

/// What goes into one bundle besides the files.
pub struct Parts<'a> {
    pub manifest: &'a Manifest,
    pub signatures: Vec<KeySignature>,
    pub trust: Option<&'a SignedTrust>,
}

/// Writes the bundle; `files` yields (path, bytes) for each file to carry, in manifest order.
pub fn assemble<'f>(
    parts: Parts<'_>,
    files: impl IntoIterator<Item = (&'f str, &'f [u8])>,
) -> Result<Vec<u8>, BundleError> {
    let mut zip = ZipWriter::new();
    zip.add(MANIFEST_NAME, &parts.manifest.to_bytes())?;
    let signatures = Signatures {
        signatures: parts.signatures,
    };
    zip.add(
        SIGNATURES_NAME,
        &serde_json::to_vec_pretty(&signatures).unwrap_or_default(),
    )?;
    if let Some(trust) = parts.trust {
        zip.add(TRUST_NAME, &trust.to_bytes())?;
    }
    for (path, bytes) in files {
        zip.add(&format!("{SITE_PREFIX}{path}"), bytes)?;
    }
    zip.finish()
}
