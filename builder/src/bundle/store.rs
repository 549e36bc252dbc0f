//! The native terminal store: verify everything, then switch versions so that a crash at any
//! moment leaves the previous version active and intact.
//!
//! ```text
//! store/.lock                    held (flock) by the one `apply` that may change the store
//! store/state.json               History (rollback rules) + the pinned trust root; atomic writes
//! store/active                   "<n>\n": which version a terminal serves; atomic writes
//! store/versions/<n>/            manifest.json + site/… for each kept version
//! store/versions/.staging-<pid>/ a version being assembled; never served, removed on failure
//! ```
//! The order of durable steps is: staging complete → rename to versions/<n> → state.json →
//! active. Until `active` is renamed into place the old version is served; every step is
//! repeatable, so rerunning `apply` with the same bundle finishes the job. Everything from
//! reading the state to pruning old versions happens under the lock, so two `apply` runs
//! never interleave: the second waits, then judges its bundle against what the first left.

use crate::bundle::fsx::{self, crash_point};
use crate::bundle::stage::{remove_dir_if_exists, stage, Staging};
use anyhow::Context;
use gongkai_core::bundle::terminal::{keep, Decision, Held, Pinned, State};
use gongkai_core::bundle::{open, Limits, Manifest, Opened, SignedTrust};
use std::path::{Path, PathBuf};

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

    /// The stored `state.json`, if there is one.
    fn stored_state(&self) -> anyhow::Result<Option<State>> {
        let path = self.root.join("state.json");
        match std::fs::read(&path) {
            Ok(bytes) => State::parse(&bytes)
                .map(Some)
                .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    fn save_state(&self, state: &State) -> anyhow::Result<()> {
        fsx::write_atomic(&self.root.join("state.json"), &state.to_bytes())
    }

    /// Takes the store's exclusive lock, waiting (and saying so) while another `apply` holds
    /// it. The lock goes with the returned file: on drop, or when the process dies.
    pub fn lock(&self) -> anyhow::Result<std::fs::File> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("creating {}", self.root.display()))?;
        let path = self.root.join(".lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("opening {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => eprintln!(
                "busy: another apply is installing into {}; waiting for it to finish",
                self.root.display()
            ),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", path.display()))
            }
        }
        file.lock()
            .with_context(|| format!("locking {}", path.display()))?;
        Ok(file)
    }

    /// Verifies `bundle` completely and makes it the active version, by the rules of
    /// [`gongkai_core::bundle::terminal`]. `factory` is the `--trust` file; `clock` is unix
    /// seconds. Call it holding [`Store::lock`].
    pub fn apply(
        &self,
        factory: SignedTrust,
        bundle: &[u8],
        clock: u64,
        limits: &Limits,
    ) -> anyhow::Result<Outcome> {
        let held = Held {
            active: self.active_version()?,
        };
        let stored = self.stored_state()?;
        let rotation = stored.is_some();
        let Pinned { state, changed } = State::pin(stored, Some(factory), held)?;
        if changed && rotation {
            // A rotation (a revoked key) holds from now on, whatever this bundle turns out to be.
            self.save_state(&state)?;
        }
        let opened = open(
            bundle,
            &state.trust.signed,
            state.history.effective_now(clock),
            limits,
        )?;
        let version = opened.manifest().version;
        if state.admit(&opened.auth, held, clock)? == Decision::AlreadyActive {
            return Ok(Outcome::AlreadyInstalled { version });
        }
        let base = self.manifest_of(held.active)?;
        opened.check_base(base.as_ref())?;
        crash_point("verify");
        let (carried, kept) = self.install(&opened, held.active)?;
        self.save_state(&state.accept(&opened.auth))?;
        crash_point("state");
        fsx::write_atomic(&self.root.join("active"), format!("{version}\n").as_bytes())?;
        crash_point("active");
        self.prune(keep(version, held.active));
        Ok(Outcome::Installed {
            version,
            carried,
            kept,
            previous: held.active,
        })
    }

    /// Builds the new version in staging and renames it to `versions/<n>`; returns (carried, kept) counts.
    fn install(&self, opened: &Opened<'_>, active: Option<u64>) -> anyhow::Result<(usize, usize)> {
        let versions = self.versions();
        std::fs::create_dir_all(&versions)
            .with_context(|| format!("creating {}", versions.display()))?;
        let staging = Staging::create(versions.join(format!(".staging-{}", std::process::id())))?;
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

    /// Removes versions other than the new one and the one it replaced, and staging folders
    /// left by a crash (under the lock no other run has one); failures only cost disk.
    fn prune(&self, keep: impl Fn(u64) -> bool) {
        let Ok(entries) = std::fs::read_dir(self.versions()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let wanted = name.parse::<u64>().is_ok_and(&keep);
            if !wanted {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}
