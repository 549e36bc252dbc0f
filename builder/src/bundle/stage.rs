//! Assembling one version in a staging folder: carried files from the bundle, unchanged files
//! from the installed version (re-hashed, so a damaged working copy is never propagated).

use crate::bundle::fsx;
use anyhow::Context;
use gongkai_core::bundle::feed::check_object;
use gongkai_core::bundle::Opened;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// A staging folder that is removed unless committed.
pub struct Staging {
    path: PathBuf,
    done: bool,
}

impl Staging {
    /// Creates the folder, clearing one left by a crashed run.
    pub fn create(path: PathBuf) -> anyhow::Result<Staging> {
        remove_dir_if_exists(&path)?;
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Staging { path, done: false })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the staged folder to `dest`.
    pub fn commit(mut self, dest: &Path) -> anyhow::Result<()> {
        std::fs::rename(&self.path, dest)
            .with_context(|| format!("renaming {} to {}", self.path.display(), dest.display()))?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

pub fn remove_dir_if_exists(path: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("removing {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Writes the whole version into `dir`; returns (files from the bundle, files kept from `old_site`).
pub fn stage(
    opened: &Opened<'_>,
    dir: &Path,
    old_site: Option<&Path>,
) -> anyhow::Result<(usize, usize)> {
    let site = dir.join("site");
    // `prepare` creates the folders files lie in, but not `site` itself (it is known from the
    // start): a site whose first file lies directly in it (404.html) needs it made here.
    std::fs::create_dir_all(&site).with_context(|| format!("creating {}", site.display()))?;
    let mut folders = BTreeSet::from([dir.to_path_buf(), site.clone()]);
    let mut carried = HashSet::new();
    opened.read_each(|file, bytes| -> anyhow::Result<()> {
        let dest = prepare(&site, &file.path, &mut folders)?;
        fsx::write_durable(&dest, &bytes)?;
        carried.insert(file.path.clone());
        Ok(())
    })?;
    let mut kept = 0;
    for file in opened
        .manifest()
        .files
        .iter()
        .filter(|f| !carried.contains(&f.path))
    {
        let old = old_site
            .context("a delta needs the installed version")?
            .join(&file.path);
        let bytes = std::fs::read(&old)
            .with_context(|| format!("reading the installed {}", old.display()))?;
        check_object(file, &bytes).with_context(|| {
            format!(
                "the installed copy of {} is damaged; apply a full bundle",
                file.path
            )
        })?;
        let dest = prepare(&site, &file.path, &mut folders)?;
        // A hard link shares the verified bytes without copying; nothing ever writes into a version.
        if std::fs::hard_link(&old, &dest).is_err() {
            fsx::write_durable(&dest, &bytes)?;
        }
        kept += 1;
    }
    fsx::write_durable(&dir.join("manifest.json"), &opened.manifest().to_bytes())?;
    for folder in folders.iter().rev() {
        fsx::sync_dir(folder)?;
    }
    Ok((carried.len(), kept))
}

/// The destination of `rel` under `site`, with its parent folders created and remembered for fsync.
fn prepare(site: &Path, rel: &str, folders: &mut BTreeSet<PathBuf>) -> anyhow::Result<PathBuf> {
    let dest = site.join(rel);
    if let Some(parent) = dest.parent() {
        if folders.insert(parent.to_path_buf()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
            folders.extend(
                parent
                    .ancestors()
                    .skip(1)
                    .take_while(|a| a.starts_with(site))
                    .map(Path::to_path_buf),
            );
        }
    }
    Ok(dest)
}
