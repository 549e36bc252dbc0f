//! The native terminal store: verify everything, then switch versions so that a crash at any
//! moment leaves the previous version active and intact. Its layout is the one both terminals
//! keep ([`gongkai_core::bundle::terminal::layout`]), plus the lock only a file system needs:
//!
//! ```text
//! store/.lock               held (an OS file lock) by the one `apply` that may change the store
//! store/state.json          State: the rollback history and the pinned trust root
//! store/active.json         Active: the version being served
//! store/versions/<n>.json   the manifest of each kept version (the active one and the one before)
//! store/objects/<sha256>    each file's bytes, shared by versions
//! ```
//! The order of durable steps is: objects → `versions/<n>.json` → `state.json` →
//! `active.json`. Until `active.json` is renamed into place the old version is served; every
//! step is repeatable, so rerunning `apply` with the same bundle finishes the job. Everything
//! from reading the state to pruning happens under the lock, so two `apply` runs never
//! interleave: the second waits, then judges its bundle against what the first left.

use crate::bundle::objects::{self, Objects};
use crate::fsx::{self, crash_point};
use anyhow::Context;
use gongkai_core::bundle::terminal::layout::{self, Active};
use gongkai_core::bundle::terminal::{keep, Decision, Held, Pinned, State};
use gongkai_core::bundle::{open, Limits, Manifest, Opened, SignedTrust};
use std::collections::HashSet;
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
        self.root.join(layout::VERSIONS)
    }

    pub fn objects(&self) -> Objects {
        Objects::new(self.root.join(layout::OBJECTS))
    }

    /// `active.json`, if a version is active.
    pub fn active(&self) -> anyhow::Result<Option<Active>> {
        let path = self.root.join(layout::ACTIVE);
        match std::fs::read(&path) {
            Ok(bytes) => Active::parse(&bytes)
                .map(Some)
                .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    /// The version being served, if any.
    pub fn active_version(&self) -> anyhow::Result<Option<u64>> {
        Ok(self.active()?.map(|a| a.version))
    }

    /// The stored manifest of `version`.
    pub fn manifest(&self, version: u64) -> anyhow::Result<Manifest> {
        let path = self.versions().join(layout::version_file(version));
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        Manifest::parse(&bytes).with_context(|| format!("{} is damaged", path.display()))
    }

    /// The size and modification time of `version`'s manifest file, to notice it changed.
    pub fn manifest_stamp(&self, version: u64) -> Option<(u64, Option<std::time::SystemTime>)> {
        let meta = std::fs::metadata(self.versions().join(layout::version_file(version))).ok()?;
        Some((meta.len(), meta.modified().ok()))
    }

    /// The version to serve and its manifest: the active one, or when its records are damaged
    /// the newest version whose manifest still reads ([`layout::serving`]).
    pub fn serving(&self) -> Option<Manifest> {
        let active = self.active().ok().flatten().map(|a| a.version);
        let mut readable: Vec<Manifest> = objects::names(&self.versions())
            .iter()
            .filter_map(|n| layout::version_of(n))
            .filter_map(|v| self.manifest(v).ok())
            .collect();
        let versions: Vec<u64> = readable.iter().map(|m| m.version).collect();
        let chosen = layout::serving(active, &versions)?;
        let at = readable.iter().position(|m| m.version == chosen)?;
        Some(readable.swap_remove(at))
    }

    /// The stored `state.json`, if there is one.
    fn stored_state(&self) -> anyhow::Result<Option<State>> {
        let path = self.root.join(layout::STATE);
        match std::fs::read(&path) {
            Ok(bytes) => State::parse(&bytes)
                .map(Some)
                .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    fn save_state(&self, state: &State) -> anyhow::Result<()> {
        fsx::write_atomic(&self.root.join(layout::STATE), &state.to_bytes())
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
    /// [`gongkai_core::bundle::terminal`]. `factory` is the `--trust` file; `source` names the
    /// bundle for `active.json`; `clock` is unix seconds. Call it holding [`Store::lock`].
    pub fn apply(
        &self,
        factory: SignedTrust,
        bundle: &[u8],
        source: &str,
        clock: u64,
        limits: &Limits,
    ) -> anyhow::Result<Outcome> {
        // The version actually served: a damaged `active.json` or manifest falls back to the
        // last good one, so a full bundle can repair the store. Its manifest is a delta's base.
        let base = self.serving();
        let held = Held {
            active: base.as_ref().map(|m| m.version),
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
        opened.check_base(base.as_ref())?;
        crash_point("verify");
        let (carried, kept) = self.store_objects(&opened)?;
        crash_point("objects");
        self.commit(&opened, &state, source, clock)?;
        let kept_versions: Vec<&Manifest> = [Some(opened.manifest()), base.as_ref()]
            .into_iter()
            .flatten()
            .collect();
        self.prune(&kept_versions, keep(version, held.active));
        Ok(Outcome::Installed {
            version,
            carried,
            kept,
            previous: held.active,
        })
    }

    /// Stores every object the new version needs: carried ones from the bundle (already
    /// hashed by the verifier), the rest must be on disk and hash right. Returns (carried, kept)
    /// counts of the manifest's files.
    fn store_objects(&self, opened: &Opened<'_>) -> anyhow::Result<(usize, usize)> {
        let objects = self.objects();
        objects.create()?;
        let mut stored: HashSet<String> = HashSet::new();
        let mut carried = HashSet::new();
        opened.read_each(|file, bytes| -> anyhow::Result<()> {
            carried.insert(file.path.clone());
            if !stored.contains(&file.sha256) && !objects.intact(file)? {
                objects.put(file, &bytes)?;
            }
            stored.insert(file.sha256.clone());
            Ok(())
        })?;
        let manifest = opened.manifest();
        for file in layout::objects(manifest) {
            if !stored.contains(&file.sha256) && !objects.intact(file)? {
                anyhow::bail!(
                    "the installed copy of {} is damaged or missing; apply a full bundle",
                    file.path
                );
            }
        }
        objects.sync()?;
        Ok((carried.len(), manifest.files.len() - carried.len()))
    }

    /// The three durable switches: the manifest, the state, then `active.json`.
    fn commit(
        &self,
        opened: &Opened<'_>,
        state: &State,
        source: &str,
        clock: u64,
    ) -> anyhow::Result<()> {
        let manifest = opened.manifest();
        std::fs::create_dir_all(self.versions())
            .with_context(|| format!("creating {}", self.versions().display()))?;
        let file = self.versions().join(layout::version_file(manifest.version));
        fsx::write_atomic(&file, &manifest.to_bytes())?;
        crash_point("manifest");
        self.save_state(&state.accept(&opened.auth))?;
        crash_point("state");
        let active = Active {
            version: manifest.version,
            source: source.to_string(),
            installed: clock,
        };
        fsx::write_atomic(&self.root.join(layout::ACTIVE), &active.to_bytes())?;
        crash_point("active");
        Ok(())
    }

    /// Removes other versions' manifests and the objects no kept version uses (with temp files
    /// left by a crash: under the lock no other run has any); failures only cost disk.
    fn prune(&self, kept: &[&Manifest], keep: impl Fn(u64) -> bool) {
        let versions = objects::names(&self.versions());
        objects::remove_all(
            &self.versions(),
            layout::unreferenced_versions(keep, &versions),
        );
        let names = objects::names(&self.root.join(layout::OBJECTS));
        self.objects()
            .remove(layout::unreferenced_objects(kept, &names));
    }
}
