//! The one store layout both terminals keep, the native folder behind `gongkai apply` and the
//! browser's OPFS folder (read again by `public/sw.js`), with the pure bookkeeping over it:
//!
//! ```text
//! state.json          State: the rollback history and the pinned trust root
//! active.json         Active: the version being served; replacing it switches versions
//! versions/<n>.json   version n's manifest, written after all its objects
//! objects/<sha256>    each file's bytes, named by their hash, shared by versions
//! ```
//! A version is committed in this order: its missing objects → `versions/<n>.json` →
//! `state.json` → `active.json`; then [`unreferenced_objects`] and [`unreferenced_versions`]
//! are removed. Until `active.json` changes, the previous version is served untouched.

use crate::bundle::{FileEntry, Manifest};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const STATE: &str = "state.json";
pub const ACTIVE: &str = "active.json";
pub const VERSIONS: &str = "versions";
pub const OBJECTS: &str = "objects";

/// The name of version `n`'s manifest in [`VERSIONS`].
pub fn version_file(version: u64) -> String {
    format!("{version}.json")
}

/// The version a [`VERSIONS`] entry names: `<n>.json` with `n` written canonically, else none
/// (temp files, strays).
pub fn version_of(name: &str) -> Option<u64> {
    let digits = name.strip_suffix(".json")?;
    let version: u64 = digits.parse().ok()?;
    (version.to_string() == digits).then_some(version)
}

/// `active.json`: which version a terminal serves, where it came from, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Active {
    pub version: u64,
    /// The bundle file or feed URL it was installed from, for the operator.
    pub source: String,
    /// Unix seconds by the terminal's clock.
    pub installed: u64,
}

impl Active {
    pub fn parse(bytes: &[u8]) -> Result<Active, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        // Serializing a plain struct of numbers and a string cannot fail.
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// One entry per distinct object (many pages share one app shell), in manifest order.
pub fn objects(manifest: &Manifest) -> Vec<&FileEntry> {
    let mut seen = HashSet::new();
    manifest
        .files
        .iter()
        .filter(|f| seen.insert(f.sha256.as_str()))
        .collect()
}

/// The [`OBJECTS`] entries (of `names`) that no kept version uses: after a commit, the
/// replaced-before-last version's objects and any leftover from an interrupted write.
pub fn unreferenced_objects<'a>(kept: &[&Manifest], names: &'a [String]) -> Vec<&'a str> {
    let used: HashSet<&str> = kept
        .iter()
        .flat_map(|m| m.files.iter().map(|f| f.sha256.as_str()))
        .collect();
    names
        .iter()
        .map(String::as_str)
        .filter(|n| !used.contains(n))
        .collect()
}

/// The [`VERSIONS`] entries (of `names`) to remove: every one that is not a kept version's file.
pub fn unreferenced_versions(keep: impl Fn(u64) -> bool, names: &[String]) -> Vec<&str> {
    names
        .iter()
        .map(String::as_str)
        .filter(|n| !version_of(n).is_some_and(&keep))
        .collect()
}

/// Which stored version to serve: the active one when its manifest reads; else, when
/// `active.json` or that manifest is damaged, the newest version whose manifest still reads
/// (the last good one), so damage to one record never blanks a terminal that holds another.
pub fn serving(active: Option<u64>, readable: &[u64]) -> Option<u64> {
    match active {
        Some(v) if readable.contains(&v) => Some(v),
        _ => readable.iter().copied().max(),
    }
}

/// The stored file a decoded URL path names, as a static host picks it: `""` and `x/` are
/// `index.html` and `x/index.html`; `x` is the file `x`, else `x/index.html`.
pub fn site_path(path: &str, has: impl Fn(&str) -> bool) -> Option<String> {
    let path = path.trim_start_matches('/');
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates.into_iter().find(|p| has(p))
}

#[cfg(test)]
mod tests;
