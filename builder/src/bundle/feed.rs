//! Writing a sync feed folder for a static host: objects first, `latest.json` last.
//!
//! Objects are never deleted here: a terminal halfway through fetching the previous version
//! can still finish. Old objects can be pruned by hand once no terminal needs them.

use crate::bundle::{keys, make};
use crate::fsx;
use anyhow::Context;
use gongkai_core::bundle::feed::{object_path, Latest, LATEST_NAME};
use gongkai_core::bundle::Manifest;
use std::path::Path;

/// Publishes `site` into the feed folder `dir`; returns the manifest and how many objects were new.
pub fn publish(
    release: &make::Release,
    site: &make::Site,
    dir: &Path,
) -> anyhow::Result<(Manifest, usize)> {
    let manifest = make::manifest(release, site, None)?;
    let objects = dir.join("objects");
    std::fs::create_dir_all(&objects).with_context(|| format!("creating {}", objects.display()))?;
    let mut added = 0;
    for (file, bytes) in &site.files {
        let path = dir.join(object_path(&file.sha256));
        if !path.exists() {
            fsx::write_atomic(&path, bytes)?;
            added += 1;
        }
    }
    let signatures = keys::sign_all(&release.keys, &manifest.to_bytes());
    let latest = Latest::new(&manifest, signatures, release.trust.clone());
    // Written last and atomically: a host never serves a manifest whose objects are not there yet.
    fsx::write_atomic(&dir.join(LATEST_NAME), &latest.to_bytes())?;
    Ok((manifest, added))
}
