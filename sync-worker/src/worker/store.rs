//! The terminal's store in OPFS: the one layout of
//! [`gongkai_core::bundle::terminal::layout`] (the native `apply` store's too) in the folder
//! `gongkai-terminal/`. A version becomes active only after all its objects are stored and
//! checked: objects → manifest → state.json → active.json (each an atomic OPFS write). The
//! service worker (`public/sw.js`) reads the same layout to answer the site's requests.

use super::opfs::{Dir, StorageError};
use gongkai_core::bundle::feed::check_object;
use gongkai_core::bundle::terminal::layout::{self, Active};
use gongkai_core::bundle::terminal::State;
use gongkai_core::bundle::{FileEntry, Manifest};

pub const ROOT: &str = "gongkai-terminal";

/// The version a terminal serves, as [`Store::serving`] found it.
pub struct Serving {
    pub manifest: Option<Manifest>,
    /// `active.json` when it names the served version (none when it is damaged or stale).
    pub active: Option<Active>,
    pub damage: Vec<String>,
}

pub struct Store {
    root: Dir,
    versions: Dir,
    objects: Dir,
}

fn damaged(what: &str) -> StorageError {
    format!("本机存储的 {what} 已损坏；请重新导入完整数据包")
}

impl Store {
    pub async fn open() -> Result<Store, StorageError> {
        let root = Dir::root().await?.dir(ROOT).await?;
        Ok(Store {
            versions: root.dir(layout::VERSIONS).await?,
            objects: root.dir(layout::OBJECTS).await?,
            root,
        })
    }

    pub async fn state(&self) -> Result<Option<State>, StorageError> {
        match self.root.read(layout::STATE).await? {
            None => Ok(None),
            Some(bytes) => State::parse(&bytes)
                .map(Some)
                .map_err(|_| damaged("state.json")),
        }
    }

    /// Saves the state alone: a rotation pinned before (or without) an install.
    pub async fn save_state(&self, state: &State) -> Result<(), StorageError> {
        self.root.write(layout::STATE, &state.to_bytes()).await
    }

    pub async fn active(&self) -> Result<Option<Active>, StorageError> {
        match self.root.read(layout::ACTIVE).await? {
            None => Ok(None),
            Some(bytes) => Active::parse(&bytes)
                .map(Some)
                .map_err(|_| damaged("active.json")),
        }
    }

    /// The stored manifest of `version`.
    pub async fn manifest(&self, version: u64) -> Result<Option<Manifest>, StorageError> {
        match self.versions.read(&layout::version_file(version)).await? {
            None => Ok(None),
            Some(bytes) => Manifest::parse(&bytes)
                .map(Some)
                .map_err(|_| damaged("清单")),
        }
    }

    /// Every stored version whose manifest reads, whatever `active.json` says.
    pub async fn readable(&self) -> Vec<Manifest> {
        let mut out = Vec::new();
        for version in self
            .versions
            .names()
            .await
            .unwrap_or_default()
            .iter()
            .filter_map(|n| layout::version_of(n))
        {
            if let Ok(Some(manifest)) = self.manifest(version).await {
                out.push(manifest);
            }
        }
        out
    }

    /// What is served ([`layout::serving`]): the active record when it and its manifest read,
    /// else the last good version; with the damage found on the way, in words for /sync.
    pub async fn serving(&self) -> Serving {
        let mut damage = Vec::new();
        let active = self.active().await.unwrap_or_else(|e| {
            damage.push(e);
            None
        });
        let mut readable = self.readable().await;
        let numbers: Vec<u64> = readable.iter().map(|m| m.version).collect();
        if let Some(a) = &active {
            if !numbers.contains(&a.version) {
                damage.push(damaged(&format!("版本 {} 的清单", a.version)));
            }
        }
        let chosen = layout::serving(active.as_ref().map(|a| a.version), &numbers);
        let manifest = chosen
            .and_then(|v| readable.iter().position(|m| m.version == v))
            .map(|i| readable.swap_remove(i));
        let active = active.filter(|a| Some(a.version) == chosen);
        Serving {
            manifest,
            active,
            damage,
        }
    }

    /// The objects of `manifest` that are missing or have the wrong size: the cheap check /sync
    /// runs each time (the service worker hashes every object before serving it).
    pub async fn missing(&self, manifest: &Manifest) -> Vec<String> {
        let mut out = Vec::new();
        for file in layout::objects(manifest) {
            if !matches!(self.objects.size(&file.sha256).await, Ok(Some(n)) if n == file.size) {
                out.push(file.path.clone());
            }
        }
        out
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
            .write(
                &layout::version_file(manifest.version),
                &manifest.to_bytes(),
            )
            .await?;
        self.save_state(state).await?;
        self.root.write(layout::ACTIVE, &active.to_bytes()).await
    }

    /// Removes what neither `kept` version needs: other manifests, unreferenced objects.
    /// Failures only cost space, so they are ignored.
    pub async fn prune(&self, kept: &[&Manifest]) {
        if let Ok(names) = self.versions.names().await {
            let keep = |v| kept.iter().any(|m| m.version == v);
            for name in layout::unreferenced_versions(keep, &names) {
                let _ = self.versions.remove(name).await;
            }
        }
        if let Ok(names) = self.objects.names().await {
            for name in layout::unreferenced_objects(kept, &names) {
                let _ = self.objects.remove(name).await;
            }
        }
    }
}
