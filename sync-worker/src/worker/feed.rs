//! Syncing from a feed folder over plain HTTP: verify `latest.json`, then fetch only the objects
//! the terminal lacks, checking each against the signed manifest as it arrives and storing it at
//! once. An interrupted sync resumes where it stopped: stored objects are re-hashed, never
//! fetched again.

use super::install::{activate, limits};
use super::report::Reporter;
use super::store::Store;
use super::{net, trust, Problem};
use gongkai_core::bundle::feed::{check_object, object_path, open_latest, LATEST_NAME};
use gongkai_core::bundle::terminal::layout;
use gongkai_core::bundle::terminal::Decision;
use gongkai_sync_worker::protocol::{Outcome, OutcomeKind, Phase};

/// Syncs from the feed at `url` (the folder holding `latest.json`).
pub async fn sync(r: &Reporter, url: &str) -> Result<Outcome, Problem> {
    let base = folder(r, url)?;
    let store = Store::open().await?;
    let (state, held, served) = trust::load_state(&store).await?;
    let limits = limits(r).await;
    // The manifest travels as a JSON string (escaping can double it), beside its signatures.
    let latest_cap = limits.max_manifest * 2 + limits.max_signatures + limits.max_trust;
    let how = net::Get {
        fresh: true,
        max: latest_cap,
    };
    let latest = net::get(&format!("{base}{LATEST_NAME}"), how)
        .await?
        .ok_or_else(|| Problem::Failed(format!("{base} 下没有 {LATEST_NAME}：不是同步源地址。")))?;
    let start = r.millis();
    let now = state.history.effective_now(r.clock());
    let auth = open_latest(&latest, &state.trust.signed, now, &limits)?;
    let decision = state.admit(&auth, held, r.clock())?;
    let mut verify_ms = r.millis() - start;
    let manifest = &auth.manifest;
    let mut outcome = Outcome {
        result: OutcomeKind::AlreadyInstalled,
        version: manifest.version,
        received: 0,
        reused: 0,
        bytes: latest.len() as u64,
        verify_ms,
    };
    if decision == Decision::AlreadyActive {
        return Ok(outcome);
    }
    let objects = layout::objects(manifest);
    for (i, file) in objects.iter().enumerate() {
        r.progress(Phase::Fetch, i as u64, objects.len() as u64);
        if store.has_object(file).await? {
            outcome.reused += 1;
            continue;
        }
        let url = format!("{base}{}", object_path(&file.sha256));
        let how = net::Get {
            fresh: false,
            max: file.size,
        };
        let bytes = net::get(&url, how)
            .await?
            .ok_or_else(|| Problem::Failed(format!("同步源缺少文件 {}（{url}）。", file.path)))?;
        let t = r.millis();
        check_object(file, &bytes)?;
        verify_ms += r.millis() - t;
        store.put_object(file, &bytes).await?;
        outcome.received += 1;
        outcome.bytes += bytes.len() as u64;
    }
    r.progress(Phase::Fetch, objects.len() as u64, objects.len() as u64);
    activate(r, &store, &state, served.as_ref(), &auth, &base).await?;
    outcome.result = OutcomeKind::Installed;
    outcome.verify_ms = verify_ms;
    Ok(outcome)
}

/// The feed folder as an absolute http(s) URL ending in `/`.
fn folder(r: &Reporter, url: &str) -> Result<String, Problem> {
    let bad = || {
        Problem::Failed(format!(
            "同步地址“{url}”无效，应以 http:// 或 https:// 开头。"
        ))
    };
    let mut absolute = r.absolute(url.trim()).ok_or_else(bad)?;
    if !(absolute.starts_with("http://") || absolute.starts_with("https://")) {
        return Err(bad());
    }
    if let Some(i) = absolute.find(['?', '#']) {
        absolute.truncate(i);
    }
    if absolute.ends_with(LATEST_NAME) {
        absolute.truncate(absolute.len() - LATEST_NAME.len());
    }
    if !absolute.ends_with('/') {
        absolute.push('/');
    }
    Ok(absolute)
}
