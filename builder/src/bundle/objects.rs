//! The native store's `objects/` folder: files named by their SHA-256, written durably and
//! atomically, and re-hashed before they are trusted again.

use crate::fsx;
use anyhow::Context;
use gongkai_core::bundle::feed::check_object;
use gongkai_core::bundle::FileEntry;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

pub struct Objects {
    dir: PathBuf,
}

impl Objects {
    pub fn new(dir: PathBuf) -> Objects {
        Objects { dir }
    }

    pub fn create(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("creating {}", self.dir.display()))
    }

    pub fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(sha256)
    }

    /// Whether `file`'s object is stored and still hashes right; a damaged one counts as absent.
    pub fn intact(&self, file: &FileEntry) -> anyhow::Result<bool> {
        let path = self.path(&file.sha256);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() == file.size => {}
            Ok(_) => return Ok(false),
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        }
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        Ok(check_object(file, &bytes).is_ok())
    }

    /// Stores verified bytes with [`fsx::replace`], over any damaged copy. The folder itself is
    /// synced once by [`Objects::sync`].
    pub fn put(&self, file: &FileEntry, bytes: &[u8]) -> anyhow::Result<()> {
        fsx::replace(&self.path(&file.sha256), bytes)
    }

    pub fn sync(&self) -> anyhow::Result<()> {
        fsx::sync_dir(&self.dir)
    }

    /// Removes the named entries; failures only cost disk space.
    pub fn remove<'a>(&self, names: impl IntoIterator<Item = &'a str>) {
        remove_all(&self.dir, names);
    }
}

/// The entry names in `dir` (none if it is missing).
pub fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Removes `names` from `dir`, files or folders alike, ignoring failures.
pub fn remove_all<'a>(dir: &Path, names: impl IntoIterator<Item = &'a str>) {
    for name in names {
        let path = dir.join(name);
        if std::fs::remove_file(&path).is_err() {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}
