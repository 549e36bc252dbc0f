//! The native terminal store: verify everything, then switch versions so that a crash at any
//! moment leaves the previous version active and intact.
//!
//! ```text
//! store/state.json          History (rollback rules) + the pinned trust root; atomic writes
//! store/active              "<n>\n": which version a terminal serves; atomic writes
//! store/versions/<n>/       manifest.json + site/… for each kept version
//! store/versions/.staging/  a version being assembled; never served, removed on failure
//! ```
//! The order of durable steps is: staging complete → rename to versions/<n> → state.json →
//! active. Until `active` is renamed into place the old version is served; every step is
//! repeatable, so rerunning `apply` with the same bundle finishes the job.

use crate::bundle::fsx::{self, crash_point};
use crate::bundle::stage::{remove_dir_if_exists, stage, Staging};
use anyhow::Context;
use gongkai_core::bundle::history::Admission;
use gongkai_core::bundle::{open, BundleError, History, Limits, Manifest, Opened, SignedTrust};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const STATE_FORMAT: u32 = 1;

/// `state.json`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    format: u32,
    history: History,
    trust: SignedTrust,
}

/// What `apply` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Installed {
        version: u64,
        carried: usize,
        kept: usize,
        previous: Option<u64>,
    },
    AlreadyInstalled {
        version: u64,
    },
}

pub struct Store {
    root: PathBuf,
}

impl Store {
    pub fn new(root: &Path) -> Store {
        Store {
            root: root.to_path_buf(),
        }
    }

    fn versions(&self) -> PathBuf {
        self.root.join("versions")
    }

    /// The version being served, if any.
    pub fn active_version(&self) -> anyhow::Result<Option<u64>> {
        let path = self.root.join("active");
        match std::fs::read_to_string(&path) {
            Ok(text) => text
                .trim()
                .parse()
                .map(Some)
                .with_context(|| format!("{} is damaged", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// The folder holding the active version's site files.
    pub fn active_site(&self) -> anyhow::Result<Option<PathBuf>> {
        Ok(self
            .active_version()?
            .map(|v| self.versions().join(v.to_string()).join("site")))
    }

    fn manifest_of(&self, version: Option<u64>) -> anyhow::Result<Option<Manifest>> {
        let Some(version) = version else {
            return Ok(None);
        };
        let path = self
            .versions()
            .join(version.to_string())
            .join("manifest.json");
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        Ok(Some(Manifest::parse(&bytes).with_context(|| {
            format!("{} is damaged", path.display())
        })?))
    }

    /// Loads the state; `factory` (the `--trust` file) seeds it, or rotates it when newer.
    fn load_state(&self, factory: SignedTrust) -> anyhow::Result<State> {
        let path = self.root.join("state.json");
        let mut state = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice::<State>(&bytes)
                .with_context(|| format!("{} is damaged", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(State {
                    format: STATE_FORMAT,
                    history: History::default(),
                    trust: factory,
                })
            }
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        if factory.signed.version > state.trust.signed.version {
            factory.rotate_from(&state.trust.signed)?;
            state.trust = factory;
        } else if factory.signed.version == state.trust.signed.version
            && factory.signed != state.trust.signed
        {
            return Err(BundleError::BadTrust(
                "--trust differs from the pinned root of the same version".into(),
            )
            .into());
        }
        Ok(state)
    }

    /// Verifies `bundle` completely and makes it the active version. `clock` is unix seconds.
    pub fn apply(
        &self,
        factory: SignedTrust,
        bundle: &[u8],
        clock: u64,
        limits: &Limits,
    ) -> anyhow::Result<Outcome> {
        let mut state = self.load_state(factory)?;
        let opened = open(
            bundle,
            &state.trust.signed,
            state.history.effective_now(clock),
            limits,
        )?;
        let manifest = opened.manifest().clone();
        let admission = state.history.admit(&manifest)?;
        let active = self.active_version()?;
        if admission == Admission::Again && active == Some(manifest.version) {
            return Ok(Outcome::AlreadyInstalled {
                version: manifest.version,
            });
        }
        let base = self.manifest_of(active)?;
        opened.check_base(base.as_ref())?;
        crash_point("verify");
        let (carried, kept) = self.install(&opened, active)?;
        state.history.record(&manifest);
        if let Some(rotated) = &opened.auth.rotated {
            state.trust = rotated.clone();
        }
        fsx::write_atomic(
            &self.root.join("state.json"),
            &serde_json::to_vec_pretty(&state)?,
        )?;
        crash_point("state");
        fsx::write_atomic(
            &self.root.join("active"),
            format!("{}\n", manifest.version).as_bytes(),
        )?;
        crash_point("active");
        self.prune(manifest.version, active);
        Ok(Outcome::Installed {
            version: manifest.version,
            carried,
            kept,
            previous: active,
        })
    }

    /// Builds the new version in staging and renames it to `versions/<n>`; returns (carried, kept) counts.
    fn install(&self, opened: &Opened<'_>, active: Option<u64>) -> anyhow::Result<(usize, usize)> {
        let versions = self.versions();
        std::fs::create_dir_all(&versions)
            .with_context(|| format!("creating {}", versions.display()))?;
        let staging = Staging::create(versions.join(".staging"))?;
        let old_site = active.map(|v| versions.join(v.to_string()).join("site"));
        let counts = stage(opened, staging.path(), old_site.as_deref())?;
        crash_point("stage");
        let dest = versions.join(opened.manifest().version.to_string());
        remove_dir_if_exists(&dest)?;
        staging.commit(&dest)?;
        fsx::sync_dir(&versions)?;
        crash_point("rename");
        Ok(counts)
    }

    /// Removes versions other than the new one and the one it replaced; failures only cost disk.
    fn prune(&self, keep: u64, previous: Option<u64>) {
        let Ok(entries) = std::fs::read_dir(self.versions()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let wanted = name
                .parse::<u64>()
                .is_ok_and(|v| v == keep || Some(v) == previous);
            if !wanted {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}
