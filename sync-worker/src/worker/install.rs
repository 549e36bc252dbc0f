//! Installing a bundle file: the core verifier checks all of it first (signatures, zip structure,
//! history, delta base, every hash), then its files are stored as objects, and only then does
//! `active.json` switch. Any failure before the switch leaves the active version as it was.

use super::report::Reporter;
use super::store::Store;
use super::{trust, Problem};
use gongkai_core::bundle::terminal::layout::{self, Active};
use gongkai_core::bundle::terminal::{keep, Decision, State};
use gongkai_core::bundle::{open, Authentic, BundleError, Limits, Manifest, Opened};
use gongkai_sync_worker::protocol::{Outcome, OutcomeKind, Phase};
use std::collections::HashMap;
use wasm_bindgen_futures::JsFuture;

/// Bundles above this are refused before reading: wasm32 has 4 GiB of memory for the file and its files.
const MAX_FILE: u64 = 1_500_000_000;

/// Verifies the bundle `file`; stores and activates it when `install`.
pub async fn bundle(
    r: &Reporter,
    name: &str,
    file: web_sys::File,
    install: bool,
) -> Result<Outcome, Problem> {
    let bytes = read_file(r, &file).await?;
    let store = Store::open().await?;
    let (state, held, base) = trust::load_state(&store).await?;
    let limits = limits(r).await;
    let start = r.millis();
    let now = state.history.effective_now(r.clock());
    let opened = open(&bytes, &state.trust.signed, now, &limits)?;
    let manifest = opened.manifest().clone();
    let decision = state.admit(&opened.auth, held, r.clock())?;
    if install && decision == Decision::AlreadyActive {
        return Ok(outcome(
            OutcomeKind::AlreadyInstalled,
            &manifest,
            0,
            0,
            0,
            0.0,
        ));
    }
    opened.check_base(base.as_ref())?;
    let carried = read_verified(r, &opened, install)?;
    let verify_ms = r.millis() - start;
    let total = bytes.len() as u64;
    if !install {
        return Ok(outcome(
            OutcomeKind::Checked,
            &manifest,
            0,
            0,
            total,
            verify_ms,
        ));
    }
    // Free the bundle itself before writing: only the verified files are needed now.
    let auth = opened.auth.clone();
    drop(opened);
    drop(bytes);
    let (received, reused) = store_files(r, &store, &manifest, carried).await?;
    activate(r, &store, &state, base.as_ref(), &auth, name).await?;
    Ok(outcome(
        OutcomeKind::Installed,
        &manifest,
        received,
        reused,
        total,
        verify_ms,
    ))
}

fn outcome(
    result: OutcomeKind,
    manifest: &Manifest,
    received: u64,
    reused: u64,
    bytes: u64,
    verify_ms: f64,
) -> Outcome {
    Outcome {
        result,
        version: manifest.version,
        received,
        reused,
        bytes,
        verify_ms,
    }
}

async fn read_file(r: &Reporter, file: &web_sys::File) -> Result<Vec<u8>, Problem> {
    let size = file.size() as u64;
    if size > MAX_FILE {
        return Err(Problem::Failed(format!(
            "文件有 {:.1} GB，超过终端一次能处理的 {:.1} GB。",
            size as f64 / 1e9,
            MAX_FILE as f64 / 1e9
        )));
    }
    r.progress(Phase::Read, 0, size);
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| Problem::Failed("无法读取所选文件（U 盘是否已拔出？）".into()))?;
    r.progress(Phase::Read, size, size);
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The default caps, with the total lowered to the storage the browser still grants this site.
pub async fn limits(r: &Reporter) -> Limits {
    let mut limits = Limits::default();
    if let (Some(usage), Some(quota)) = r.estimate().await {
        limits.max_total = limits.max_total.min(quota.saturating_sub(usage));
    }
    limits
}

/// Checks every carried file's size and hash (the bulk of verification), reporting bytes done.
/// Keeps the bytes only when they are to be stored.
fn read_verified(
    r: &Reporter,
    opened: &Opened<'_>,
    keep: bool,
) -> Result<HashMap<String, Vec<u8>>, BundleError> {
    let total: u64 = opened.carried().map(|f| f.size).sum();
    let mut done = 0u64;
    let mut files = HashMap::new();
    opened.read_each(|file, bytes| {
        done += file.size;
        r.progress(Phase::Verify, done, total);
        if keep {
            files.insert(file.sha256.clone(), bytes);
        }
        Ok::<(), BundleError>(())
    })?;
    Ok(files)
}

/// Stores each distinct object of `manifest`: from `carried`, or already on the terminal (a
/// delta's unchanged files), re-hashed. Returns (written, reused).
async fn store_files(
    r: &Reporter,
    store: &Store,
    manifest: &Manifest,
    carried: HashMap<String, Vec<u8>>,
) -> Result<(u64, u64), Problem> {
    let objects = layout::objects(manifest);
    let (mut written, mut reused) = (0, 0);
    for (i, file) in objects.iter().enumerate() {
        r.progress(Phase::Store, i as u64, objects.len() as u64);
        if store.has_object(file).await? {
            reused += 1;
        } else if let Some(bytes) = carried.get(&file.sha256) {
            store.put_object(file, bytes).await?;
            written += 1;
        } else {
            return Err(BundleError::MissingEntry {
                path: file.path.clone(),
            }
            .into());
        }
    }
    r.progress(Phase::Store, objects.len() as u64, objects.len() as u64);
    Ok((written, reused))
}

/// Records the accepted manifest and switches `active.json` to it; then removes what neither the
/// new nor the replaced version (`previous`, the one served until now) needs.
pub async fn activate(
    r: &Reporter,
    store: &Store,
    state: &State,
    previous: Option<&Manifest>,
    auth: &Authentic,
    source: &str,
) -> Result<(), Problem> {
    let active = Active {
        version: auth.manifest.version,
        source: source.to_string(),
        installed: r.clock(),
    };
    store
        .commit(&auth.manifest, &state.accept(auth), &active)
        .await?;
    let kept = keep(auth.manifest.version, previous.map(|m| m.version));
    let keep: Vec<&Manifest> = [Some(&auth.manifest), previous]
        .into_iter()
        .flatten()
        .filter(|m| kept(m.version))
        .collect();
    store.prune(&keep).await;
    Ok(())
}
