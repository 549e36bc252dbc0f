//! Signed offline bundles: the format, the writer and the one verifier used natively and in wasm.
//!
//! A bundle is one zip file: `gongkai/manifest.json` (canonical JSON listing every file of
//! one site version), `gongkai/signatures.json` (detached ed25519 signatures over the
//! manifest's exact bytes), an optional `gongkai/trust.json` (a rotated trust root), and the
//! site's files under `site/`. Nothing in here touches a file system or a clock: callers pass
//! bytes and `now` (unix seconds). See docs/BUNDLES.md for the rules.

pub mod digest;
mod error;
pub mod feed;
pub mod history;
pub mod manifest;
pub mod path;
pub mod terminal;
#[cfg(test)]
mod tests;
pub mod trust;
pub mod verify;
pub mod write;
pub mod zipread;
pub mod zipwrite;

pub use error::BundleError;
pub use history::History;
pub use manifest::{FileEntry, Manifest, Previous};
pub use trust::{key_id, KeySignature, Role, Signatures, SignedTrust, TrustKey, TrustRoot};
pub use verify::{authenticate, open, verify, Authentic, Opened, Verified};

/// Where the metadata lives inside a bundle.
pub const MANIFEST_NAME: &str = "gongkai/manifest.json";
pub const SIGNATURES_NAME: &str = "gongkai/signatures.json";
pub const TRUST_NAME: &str = "gongkai/trust.json";
/// Site files live under this prefix, so no site path can collide with the metadata.
pub const SITE_PREFIX: &str = "site/";

/// The highest version a manifest may carry: the largest integer JavaScript (the browser
/// terminal, JSON tools) reads exactly. Versions count releases, so this bounds a signed
/// "version 2^64-1" that would make every later genuine bundle a rollback.
pub const MAX_VERSION: u64 = (1 << 53) - 1;
/// How long one manifest may stay valid: a year. A stolen or leaked bundle stops installing
/// within a year whatever it claims, and a terminal cut off from the city learns it is stale.
pub const MAX_VALIDITY_S: u64 = 366 * 86_400;
/// How far apart two honest clocks may be: a builder's `created` must be within this of its
/// own clock, and a terminal refuses a `created` further than this ahead of its clock.
pub const CLOCK_SKEW_S: u64 = 86_400;

/// Caps that bound memory and time whatever the input; a caller may lower them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_manifest: u64,
    pub max_signatures: u64,
    pub max_trust: u64,
    /// The sum of all file sizes of one version.
    pub max_total: u64,
    pub max_entries: usize,
}

impl Limits {
    /// The largest bundle file these limits can accept: the files, the metadata, and each
    /// entry's two headers and two copies of its name. A reader refuses a larger file before
    /// reading it.
    pub fn max_archive(&self) -> u64 {
        let per_entry = 30 + 46 + 2 * (SITE_PREFIX.len() + path::MAX_PATH_BYTES) as u64;
        let entries = (self.max_entries as u64).saturating_mul(per_entry);
        [
            self.max_manifest,
            self.max_signatures,
            self.max_trust,
            22,
            entries,
        ]
        .iter()
        .fold(self.max_total, |sum, n| sum.saturating_add(*n))
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_manifest: 16 << 20,
            max_signatures: 64 << 10,
            max_trust: 1 << 20,
            max_total: 4 << 30,
            max_entries: 200_000,
        }
    }
}
