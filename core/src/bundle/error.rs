//! Every way a bundle, a feed or a trust root can fail verification, as one typed enum.
//!
//! Callers match on it (the terminal page shows a reason; tests assert the exact variant),
//! so each distinct failure has its own variant instead of a formatted string.

use thiserror::Error;

/// Why a bundle (or a trust root, or a feed) was rejected. Nothing is installed on any of these.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleError {
    // --- the zip container ---
    #[error(
        "the file is not a zip archive, or it is truncated: no end-of-central-directory record"
    )]
    NoEndOfDirectory,
    #[error("the file is truncated or has bytes outside the archive ({0})")]
    Truncated(&'static str),
    #[error("multi-disk or ZIP64 archives (or ZIP64 markers) are not accepted")]
    UnsupportedArchive,
    #[error("entry #{index}: malformed central directory record")]
    BadCentralRecord { index: usize },
    #[error("entry {name:?}: its local header disagrees with the central directory ({field})")]
    HeaderMismatch { name: String, field: &'static str },
    #[error("entry {name:?}: entries overlap or leave gaps between them")]
    Overlap { name: String },
    #[error("entry {name:?}: encrypted entries are not accepted")]
    Encrypted { name: String },
    #[error(
        "entry {name:?}: compression method {method} is not accepted (bundles store entries as is)"
    )]
    UnknownMethod { name: String, method: u16 },
    #[error("the archive carries {0}, which no signature covers")]
    Unsigned(&'static str),
    #[error("entry {name:?}: made on a system other than Unix, so its file type is unknown")]
    NotUnix { name: String },
    #[error("entry {name:?}: symbolic links are not accepted")]
    Symlink { name: String },
    #[error("entry {name:?}: only regular files are accepted")]
    NotAFile { name: String },
    #[error("entry name is not UTF-8")]
    NameNotUtf8,
    #[error("entry {name:?}: unsafe path ({why})")]
    UnsafePath { name: String, why: &'static str },
    #[error("entry {name:?} appears twice (names are compared ignoring case)")]
    DuplicateEntry { name: String },
    #[error("entry {name:?}: it is larger than its cap of {limit} bytes")]
    EntryTooLarge { name: String, limit: u64 },
    #[error("entry {name:?}: CRC-32 mismatch")]
    CrcMismatch { name: String },
    #[error("the archive has {count} entries, more than the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },

    // --- the manifest and its signatures ---
    #[error("the bundle has no {0}")]
    MissingMetadata(&'static str),
    #[error("{what} is {size} bytes, above the cap of {cap}")]
    MetadataTooLarge {
        what: &'static str,
        size: u64,
        cap: u64,
    },
    #[error("the manifest is not valid: {0}")]
    BadManifest(String),
    #[error("the manifest is not in canonical form")]
    NotCanonical,
    #[error("the signature list is not valid: {0}")]
    BadSignatures(String),
    #[error("only {valid} valid signature(s) from distinct trusted keys; {threshold} needed")]
    BelowThreshold { valid: usize, threshold: usize },
    #[error("the bundle is for site {found:?}, this terminal trusts site {expected:?}")]
    WrongSite { expected: String, found: String },
    #[error("the manifest expired at {expires} (now {now})")]
    Expired { expires: u64, now: u64 },
    #[error("the total size {total} bytes is above the cap of {cap}")]
    TotalTooLarge { total: u64, cap: u64 },

    // --- entries against the manifest ---
    #[error("entry {path:?} is listed in the manifest but missing from the bundle")]
    MissingEntry { path: String },
    #[error("entry {path:?} is in the bundle but not listed in the manifest")]
    UnlistedEntry { path: String },
    #[error("entry {path:?}: size {found} differs from the manifest's {expected}")]
    SizeMismatch {
        path: String,
        expected: u64,
        found: u64,
    },
    #[error("entry {path:?}: SHA-256 differs from the manifest")]
    HashMismatch { path: String },
    #[error("the file list does not match the manifest's tree digest")]
    TreeMismatch,

    // --- trust roots ---
    #[error("the trust root is not valid: {0}")]
    BadTrust(String),
    #[error("trust root version {found} cannot follow version {current} (it must be exactly one higher)")]
    TrustVersion { current: u64, found: u64 },
    #[error("the new trust root is not signed by a threshold of the old one: {0}")]
    RotationNotAuthorized(Box<BundleError>),
    #[error("the new trust root is not signed by a threshold of its own keys: {0}")]
    RotationNotSelfSigned(Box<BundleError>),

    // --- the terminal's history (checked by the store with the same rules everywhere) ---
    #[error("version {found} is older than the installed version {installed} (rollback)")]
    Rollback { installed: u64, found: u64 },
    #[error("version {version} was already accepted with different content")]
    SameVersionDifferentContent { version: u64 },
    #[error("created time {created} is more than a day ahead of this terminal's clock ({clock}); refusing a bundle from the future")]
    CreatedInFuture { created: u64, clock: u64 },
    #[error("created time {created} is older than the newest already seen ({newest}); refusing")]
    CreatedBeforeNewest { created: u64, newest: u64 },
    #[error("this delta applies on top of version {base_version}, but {installed} is installed")]
    WrongBase {
        base_version: u64,
        installed: String,
    },
    #[error("a delta bundle needs an installed base version")]
    DeltaWithoutBase,
    #[error("the terminal's state (its history and pinned trust root) is missing while version {active} is active; refusing to start a new history that forgets what it guarded against (restore state.json, or clear the store and install a full bundle)")]
    StateLost { active: u64 },
    #[error("no trust root to verify with: the terminal has none pinned and none was offered")]
    NoTrustRoot,
}

/// A rotation error wraps the reason the threshold was not met.
impl BundleError {
    pub(crate) fn boxed(self) -> Box<BundleError> {
        Box::new(self)
    }
}
