//! The terminal's store in OPFS, the browser twin of the native `apply` store:
//!
//! ```text
//! gongkai-terminal/state.json        {format, history, trust}: rollback rules + the pinned root
//! gongkai-terminal/active.json       {version, source, installed}: the version being served
//! gongkai-terminal/versions/<n>.json that version's manifest (its exact signed bytes)
//! gongkai-terminal/objects/<sha256>  every file's bytes, named by their hash, shared by versions
//! ```
//! A version becomes active only after all its objects are stored and checked: objects →
//! manifest → state.json → active.json (each an atomic OPFS write). The service worker
//! (`public/sw.js`) reads the same layout to answer the site's requests.

use super::opfs::{Dir, StorageError};
use gongkai_core::bundle::feed::check_object;
use gongkai_core::bundle::terminal::State;
use gongkai_core::bundle::{FileEntry, Manifest};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const ROOT: &str = "gongkai-terminal";

/// `active.json`: the one small record whose replacement switches versions.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Active {
    pub version: u64,
    pub source: String,
    pub installed: u64,
}

pub struct Store {
    root: Dir,
    versions: Dir,
    objects: Dir,
}

fn damaged(what: &str) -> StorageError {
    format!("本机存储的 {what} 已损坏；请清除本站数据后重新导入")
}

impl Store {
    pub async fn open() -> Result<Store, StorageError> {
        let root = Dir::root().await?.dir(ROOT).await?;
        Ok(Store {
            versions: root.dir("versions").await?,
            objects: root.dir("objects").await?,
            root,
        })
    }

    pub async fn state(&self) -> Result<Option<State>, StorageError> {
        match self.root.read("state.json").await? {
            None => Ok(None),
            Some(bytes) => State::parse(&bytes)
                .map(Some)
                .map_err(|_| damaged("state.json")),
        }
    }

    /// Saves the state alone: a rotation pinned before (or without) an install.
    pub async fn save_state(&self, state: &State) -> Result<(), StorageError> {
        self.root.write("state.json", &state.to_bytes()).await
    }

    pub async fn active(&self) -> Result<Option<Active>, StorageError> {
        match self.root.read("active.json").await? {
            None => Ok(None),
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|_| damaged("active.json")),
        }
    }

    /// The stored manifest of `version`.
    pub async fn manifest(&self, version: u64) -> Result<Option<Manifest>, StorageError> {
        match self.versions.read(&format!("{version}.json")).await? {
            None => Ok(None),
            Some(bytes) => Manifest::parse(&bytes)
                .map(Some)
                .map_err(|_| damaged("清单")),
        }
    }

    /// Whether the object for `file` is stored and still hashes right (a damaged one counts as missing).
    pub async fn has_object(&self, file: &FileEntry) -> Result<bool, StorageError> {
        if self.objects.size(&file.sha256).await? != Some(file.size) {
            return Ok(false);
        }
        let bytes = self.objects.read(&file.sha256).await?.unwrap_or_default();
        Ok(check_object(file, &bytes).is_ok())
    }

    pub async fn object(&self, sha256: &str) -> Result<Option<Vec<u8>>, StorageError> {
        self.objects.read(sha256).await
    }

    /// Stores verified bytes under their hash.
    pub async fn put_object(&self, file: &FileEntry, bytes: &[u8]) -> Result<(), StorageError> {
        self.objects.write(&file.sha256, bytes).await
    }

    /// Makes `manifest` the active version; every one of its objects must already be stored.
    pub async fn commit(
        &self,
        manifest: &Manifest,
        state: &State,
        active: &Active,
    ) -> Result<(), StorageError> {
        self.versions
            .write(&format!("{}.json", manifest.version), &manifest.to_bytes())
            .await?;
        self.save_state(state).await?;
        self.root.write("active.json", &to_json(active)).await
    }

    /// Removes what neither `keep` version needs: other manifests, unreferenced objects.
    /// Failures only cost space, so they are ignored.
    pub async fn prune(&self, keep: &[&Manifest]) {
        let wanted: HashSet<String> = keep.iter().map(|m| format!("{}.json", m.version)).collect();
        if let Ok(names) = self.versions.names().await {
            for name in names.iter().filter(|n| !wanted.contains(*n)) {
                let _ = self.versions.remove(name).await;
            }
        }
        let used: HashSet<&str> = keep
            .iter()
            .flat_map(|m| m.files.iter().map(|f| f.sha256.as_str()))
            .collect();
        if let Ok(names) = self.objects.names().await {
            for name in names.iter().filter(|n| !used.contains(n.as_str())) {
                let _ = self.objects.remove(name).await;
            }
        }
    }
}

/// The two small records as JSON; serializing plain structs cannot fail.
fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap_or_default()
}
