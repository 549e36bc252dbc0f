//! What the terminal page shows: the active version, its 数据截至 date (read from the stored
//! catalogue itself), where it came from, the pinned trust root and the storage in use.

use super::report::Reporter;
use super::store::Store;
use gongkai_core::bundle::Manifest;
use gongkai_core::site::CATALOGUE_PATH;
use gongkai_sync_worker::protocol::{ActiveVersion, TerminalStatus, TrustInfo};

pub async fn status(r: &Reporter) -> Result<TerminalStatus, String> {
    let store = Store::open().await?;
    let (usage, quota) = r.estimate().await;
    let state = store.state().await?;
    let now = state
        .as_ref()
        .map_or(r.clock(), |s| s.history.effective_now(r.clock()));
    let trust = state.map(|s| TrustInfo {
        site: s.trust.signed.site.clone(),
        version: s.trust.signed.version,
        release_keys: s.trust.signed.release.keys.len() as u64,
        release_threshold: s.trust.signed.release.threshold as u64,
        root_keys: s.trust.signed.root.keys.len() as u64,
        root_threshold: s.trust.signed.root.threshold as u64,
    });
    let serving = store.serving().await;
    let mut status = TerminalStatus {
        active: None,
        trust,
        usage,
        quota,
        damage: serving.damage,
    };
    let Some(manifest) = serving.manifest else {
        return Ok(status);
    };
    let missing = store.missing(&manifest).await;
    if !missing.is_empty() {
        status.damage.push(missing_text(&missing));
    }
    let (source, installed) = serving
        .active
        .map_or(("（记录已损坏）".to_string(), 0), |a| {
            (a.source, a.installed)
        });
    status.active = Some(ActiveVersion {
        version: manifest.version,
        data_as_of: data_as_of(&store, &manifest).await,
        source,
        installed,
        expires: manifest.expires,
        expired: now > manifest.expires,
        files: manifest.files.len() as u64,
        bytes: manifest.total_size().unwrap_or(u64::MAX),
    });
    Ok(status)
}

/// The missing objects in words: how many, and the first few paths.
fn missing_text(paths: &[String]) -> String {
    let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
    let more = if paths.len() > shown.len() {
        " 等"
    } else {
        ""
    };
    format!(
        "本机有 {} 个文件缺失或不完整（{}{more}），这些页面无法显示；请重新导入完整数据包",
        paths.len(),
        shown.join("、")
    )
}

/// `site.data_as_of` of the stored catalogue, if it has one.
async fn data_as_of(store: &Store, manifest: &Manifest) -> Option<String> {
    let file = manifest.file(CATALOGUE_PATH)?;
    let bytes = store.object(&file.sha256).await.ok().flatten()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    json.get("site")?
        .get("data_as_of")?
        .as_str()
        .map(String::from)
}
