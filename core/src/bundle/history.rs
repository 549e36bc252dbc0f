//! A terminal's memory of what it accepted: the rules against rollback and frozen clocks.
//!
//! The store persists this between runs (rollback protection that forgets on restart is no
//! protection). The rules live here so that the native store and the browser terminal agree.

use crate::bundle::{BundleError, Manifest, CLOCK_SKEW_S};
use serde::{Deserialize, Serialize};

/// What a terminal has accepted so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// The highest version ever accepted; 0 before the first.
    pub highest_version: u64,
    /// `Manifest::content_sha256` of that version, so a second, different "same version" is refused.
    pub highest_content_sha256: String,
    /// The newest manifest `created` time ever seen: a lower bound on the true time.
    pub newest_created: u64,
}

/// Whether a manifest is new or the one already accepted (a retry, or a full copy of a delta's result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    New,
    Again,
}

impl History {
    /// The time to judge expiry by: a terminal whose clock was reset still knows it is at least
    /// as late as the newest manifest it has seen.
    pub fn effective_now(&self, clock: u64) -> u64 {
        clock.max(self.newest_created)
    }

    /// Applies the rules: no older version, no second content for one version, no older
    /// creation time, and no creation time from the future.
    ///
    /// `clock` is the terminal's own clock. A `created` more than [`CLOCK_SKEW_S`] ahead of it
    /// is refused when the clock is at least the newest `created` seen, so plausibly right: one
    /// bundle dated years ahead would otherwise make every later genuine bundle "older than the
    /// newest seen". A clock behind that (reset to 1970 by a flat battery) cannot judge, and the
    /// other rules still hold.
    pub fn admit(&self, manifest: &Manifest, clock: u64) -> Result<Admission, BundleError> {
        let clock_plausible = clock >= self.newest_created;
        if clock_plausible && manifest.created > clock.saturating_add(CLOCK_SKEW_S) {
            return Err(BundleError::CreatedInFuture {
                created: manifest.created,
                clock,
            });
        }
        if manifest.version < self.highest_version {
            return Err(BundleError::Rollback {
                installed: self.highest_version,
                found: manifest.version,
            });
        }
        if manifest.created < self.newest_created {
            return Err(BundleError::CreatedBeforeNewest {
                created: manifest.created,
                newest: self.newest_created,
            });
        }
        if manifest.version == self.highest_version {
            return match manifest.content_sha256() == self.highest_content_sha256 {
                true => Ok(Admission::Again),
                false => Err(BundleError::SameVersionDifferentContent {
                    version: manifest.version,
                }),
            };
        }
        Ok(Admission::New)
    }

    /// Records an accepted manifest.
    pub fn record(&mut self, manifest: &Manifest) {
        if manifest.version >= self.highest_version {
            self.highest_version = manifest.version;
            self.highest_content_sha256 = manifest.content_sha256();
        }
        self.newest_created = self.newest_created.max(manifest.created);
    }
}
