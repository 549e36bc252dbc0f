//! Atomic replacement of the output folder: build beside it, then exchange the two in one step.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A staging folder next to the output; dropped without `commit`, it is removed and the output is untouched.
pub struct Staging {
    staging: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates `<out>.staging` (clearing a stale one left by a crashed build).
    pub fn create(out: &Path) -> anyhow::Result<Staging> {
        let staging = sibling(out, "staging");
        remove_if_exists(&staging)?;
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("creating {}", staging.display()))?;
        Ok(Staging {
            staging,
            out: out.to_path_buf(),
            committed: false,
        })
    }

    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Puts the staged site in place of the output.
    ///
    /// On Linux the two folders are exchanged with `renameat2(RENAME_EXCHANGE)`, so a
    /// server never sees a missing or half-written site. Elsewhere, or on file systems
    /// without exchange, the old site is moved aside first and moved back if the second
    /// rename fails.
    pub fn commit(self) -> anyhow::Result<()> {
        self.commit_then(remove_if_exists)
    }

    /// Like [`commit`](Self::commit), but the previous site is moved aside to a name of its
    /// own and removed on a background thread (dev: the process lives on, and removing a large
    /// site took half a second).
    pub fn commit_in_background(self) -> anyhow::Result<()> {
        self.commit_then(remove_in_background)
    }

    /// Commits, then hands the folder now holding the previous site to `remove`.
    fn commit_then(mut self, remove: fn(&Path) -> anyhow::Result<()>) -> anyhow::Result<()> {
        let old = sibling(&self.out, "old");
        remove_if_exists(&old)?;
        if self.out.exists() {
            if exchange(&self.staging, &self.out).is_ok() {
                self.committed = true;
                return remove(&self.staging);
            }
            std::fs::rename(&self.out, &old)
                .with_context(|| format!("moving {} aside", self.out.display()))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            let _ = std::fs::rename(&old, &self.out);
            return Err(e)
                .with_context(|| format!("moving the new site into {}", self.out.display()));
        }
        self.committed = true;
        remove(&old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("exchange unsupported"))
}

/// `site` → `site.staging`, beside it so that renames stay on one file system.
pub(super) fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Renames `path` to a name no other build uses, then removes it on a thread of its own.
fn remove_in_background(path: &Path) -> anyhow::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let trash = sibling(path, &format!("trash-{}-{n}", std::process::id()));
    match std::fs::rename(path, &trash) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        renamed => renamed.with_context(|| format!("moving {} aside", path.display()))?,
    }
    std::thread::spawn(move || remove_if_exists(&trash));
    Ok(())
}

fn remove_if_exists(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}
