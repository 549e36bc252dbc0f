//! Verification: signatures first, then the manifest's rules, then every byte of every entry.
//!
//! Order matters: nothing is parsed as JSON before its size is capped, the manifest is
//! parsed only after a threshold of trusted keys signed its bytes, and no entry is inflated
//! before the manifest says how large it may be.

use crate::bundle::digest::sha256_hex;
use crate::bundle::manifest::{FileEntry, Manifest};
use crate::bundle::trust::{KeySignature, Signatures, SignedTrust, TrustRoot};
use crate::bundle::zipread::{Archive, Entry};
use crate::bundle::{BundleError, Limits, MANIFEST_NAME, SIGNATURES_NAME, SITE_PREFIX, TRUST_NAME};

/// A manifest whose signatures and rules held.
#[derive(Debug, Clone)]
pub struct Authentic {
    pub manifest: Manifest,
    pub manifest_sha256: String,
    /// The root that signed it: the pinned one, or the rotated one shipped alongside.
    pub root: TrustRoot,
    /// A newer trust root that was accepted on the way; the caller should pin it.
    pub rotated: Option<SignedTrust>,
}

/// Checks `manifest_bytes` against `pinned` (possibly rotated by `shipped`) at time `now`.
pub fn authenticate(
    manifest_bytes: &[u8],
    signatures: &[KeySignature],
    shipped: Option<SignedTrust>,
    pinned: &TrustRoot,
    now: u64,
) -> Result<Authentic, BundleError> {
    let (root, rotated) = resolve_trust(pinned, shipped)?;
    root.verify_release(manifest_bytes, signatures)?;
    let manifest = Manifest::parse(manifest_bytes)?;
    if manifest.site != root.site {
        return Err(BundleError::WrongSite {
            expected: root.site,
            found: manifest.site,
        });
    }
    if now > manifest.expires {
        return Err(BundleError::Expired {
            expires: manifest.expires,
            now,
        });
    }
    Ok(Authentic {
        manifest_sha256: sha256_hex(manifest_bytes),
        manifest,
        root,
        rotated,
    })
}

/// A shipped root one version up must be a valid rotation; the same or an older one changes nothing.
fn resolve_trust(
    pinned: &TrustRoot,
    shipped: Option<SignedTrust>,
) -> Result<(TrustRoot, Option<SignedTrust>), BundleError> {
    match shipped {
        Some(new) if new.signed.version > pinned.version => {
            new.rotate_from(pinned)?;
            Ok((new.signed.clone(), Some(new)))
        }
        Some(same) if same.signed.version == pinned.version && same.signed != *pinned => {
            Err(BundleError::BadTrust(
                "a different trust root with the installed version number".into(),
            ))
        }
        _ => Ok((pinned.clone(), None)),
    }
}

/// A bundle whose structure, signatures and manifest held; entries are checked by `read_each`.
#[derive(Debug)]
pub struct Opened<'a> {
    pub auth: Authentic,
    /// (manifest file, zip entry) for every file the bundle carries.
    present: Vec<(FileEntry, Entry<'a>)>,
}

/// Parses the archive and authenticates its manifest. Cheap: no site entry is inflated yet.
pub fn open<'a>(
    bytes: &'a [u8],
    pinned: &TrustRoot,
    now: u64,
    limits: &Limits,
) -> Result<Opened<'a>, BundleError> {
    let archive = Archive::parse(bytes, limits.max_entries)?;
    let manifest_bytes = metadata(&archive, MANIFEST_NAME, "manifest", limits.max_manifest)?;
    let signatures = metadata(
        &archive,
        SIGNATURES_NAME,
        "signature list",
        limits.max_signatures,
    )?;
    let signatures: Signatures = serde_json::from_slice(&signatures)
        .map_err(|e| BundleError::BadSignatures(e.to_string()))?;
    let shipped = match archive.get(TRUST_NAME) {
        Some(_) => Some(SignedTrust::parse(&metadata(
            &archive,
            TRUST_NAME,
            "trust root",
            limits.max_trust,
        )?)?),
        None => None,
    };
    let auth = authenticate(
        &manifest_bytes,
        &signatures.signatures,
        shipped,
        pinned,
        now,
    )?;
    let total = auth.manifest.total_size().unwrap_or(u64::MAX);
    if total > limits.max_total {
        return Err(BundleError::TotalTooLarge {
            total,
            cap: limits.max_total,
        });
    }
    let present = match_entries(&archive, &auth.manifest)?;
    Ok(Opened { auth, present })
}

/// Reads one metadata entry, refusing it before inflating if it claims more than `cap`.
fn metadata(
    archive: &Archive<'_>,
    name: &str,
    what: &'static str,
    cap: u64,
) -> Result<Vec<u8>, BundleError> {
    let entry = archive
        .get(name)
        .ok_or(BundleError::MissingMetadata(what))?;
    if entry.size > cap {
        return Err(BundleError::MetadataTooLarge {
            what,
            size: entry.size,
            cap,
        });
    }
    entry.read(cap)
}

/// Pairs entries with manifest files: no unlisted entries; a full bundle must carry every file.
fn match_entries<'a>(
    archive: &Archive<'a>,
    manifest: &Manifest,
) -> Result<Vec<(FileEntry, Entry<'a>)>, BundleError> {
    let mut present = Vec::new();
    for entry in archive.entries() {
        if [MANIFEST_NAME, SIGNATURES_NAME, TRUST_NAME].contains(&entry.name) {
            continue;
        }
        let unlisted = || BundleError::UnlistedEntry {
            path: entry.name.to_string(),
        };
        let path = entry.name.strip_prefix(SITE_PREFIX).ok_or_else(unlisted)?;
        let file = manifest.file(path).ok_or_else(unlisted)?;
        if entry.size != file.size {
            return Err(BundleError::SizeMismatch {
                path: file.path.clone(),
                expected: file.size,
                found: entry.size,
            });
        }
        present.push((file.clone(), entry.clone()));
    }
    if !manifest.is_delta() && present.len() != manifest.files.len() {
        let carried: std::collections::HashSet<&str> =
            present.iter().map(|(f, _)| f.path.as_str()).collect();
        let missing = manifest
            .files
            .iter()
            .find(|f| !carried.contains(f.path.as_str()));
        return Err(BundleError::MissingEntry {
            path: missing.map(|f| f.path.clone()).unwrap_or_default(),
        });
    }
    Ok(present)
}

impl<'a> Opened<'a> {
    pub fn manifest(&self) -> &Manifest {
        &self.auth.manifest
    }

    /// The files this bundle carries (all of them, unless it is a delta).
    pub fn carried(&self) -> impl Iterator<Item = &FileEntry> {
        self.present.iter().map(|(f, _)| f)
    }

    /// For a delta: `base` must be exactly its base, and hold every file the delta does not carry.
    pub fn check_base(&self, base: Option<&Manifest>) -> Result<(), BundleError> {
        let Some(previous) = &self.auth.manifest.previous else {
            return Ok(());
        };
        let base = base.ok_or(BundleError::DeltaWithoutBase)?;
        if base.version != previous.version
            || base.sha256() != previous.manifest_sha256
            || base.site != self.manifest().site
        {
            return Err(BundleError::WrongBase {
                base_version: previous.version,
                installed: format!("version {}", base.version),
            });
        }
        let carried: std::collections::HashSet<&str> =
            self.carried().map(|f| f.path.as_str()).collect();
        for file in self
            .manifest()
            .files
            .iter()
            .filter(|f| !carried.contains(f.path.as_str()))
        {
            if base.file(&file.path) != Some(file) {
                return Err(BundleError::MissingEntry {
                    path: file.path.clone(),
                });
            }
        }
        Ok(())
    }

    /// Inflates each carried file (capped at its manifest size), checks size and SHA-256, and hands it to `sink`.
    pub fn read_each<E: From<BundleError>>(
        &self,
        mut sink: impl FnMut(&FileEntry, Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        for (file, entry) in &self.present {
            let bytes = entry.read(file.size)?;
            if sha256_hex(&bytes) != file.sha256 {
                return Err(BundleError::HashMismatch {
                    path: file.path.clone(),
                }
                .into());
            }
            sink(file, bytes)?;
        }
        Ok(())
    }
}

/// A fully verified bundle held in memory (the browser's and the fuzzer's entry point).
#[derive(Debug, Clone)]
pub struct Verified {
    pub auth: Authentic,
    /// The carried files, path and bytes, in manifest order.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Opens, checks the base and reads every entry of `bytes`.
pub fn verify(
    bytes: &[u8],
    pinned: &TrustRoot,
    base: Option<&Manifest>,
    now: u64,
    limits: &Limits,
) -> Result<Verified, BundleError> {
    let opened = open(bytes, pinned, now, limits)?;
    opened.check_base(base)?;
    let mut files = Vec::new();
    opened.read_each(|file, bytes| {
        files.push((file.path.clone(), bytes));
        Ok::<(), BundleError>(())
    })?;
    Ok(Verified {
        auth: opened.auth,
        files,
    })
}
