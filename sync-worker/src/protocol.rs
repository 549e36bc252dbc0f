//! What the terminal page and the sync worker say to each other, as every worker message travels
//! (`gongkai_web::port`: tagged JSON). A bundle file travels beside its request, so its bytes
//! are read inside the worker and never copied through the page.

use serde::{Deserialize, Serialize};

/// The worker's script, written by Trunk at the site root (its name carries no hash).
pub const WORKER_URL: &str = "/sync-worker_loader.js";

/// Page → worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Report the active version and storage use.
    Status,
    /// Verify the file sent alongside; install it when `install`, else only check it.
    Bundle { name: String, install: bool },
    /// Sync from a feed folder (`latest.json` + `objects/`) at `url`.
    Feed { url: String },
}

/// Worker → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker is listening (messages sent before this would be lost while its wasm loads).
    Ready,
    Progress(Progress),
    Status(TerminalStatus),
    Done(Outcome),
    /// Verification refused the input; nothing changed. `reason` is for people, `detail` for support.
    Rejected {
        reason: String,
        detail: String,
    },
    /// Storage, network or the browser failed; nothing changed.
    Failed {
        reason: String,
    },
}

/// How far a long task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Reading the bundle file (bytes).
    Read,
    /// Checking every file's hash (bytes).
    Verify,
    /// Downloading missing objects from a feed (files).
    Fetch,
    /// Writing verified files to storage (files).
    Store,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Read => "读取文件",
            Phase::Verify => "校验签名与哈希",
            Phase::Fetch => "下载缺少的文件",
            Phase::Store => "写入本机存储",
        }
    }
}

/// What a finished task did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub result: OutcomeKind,
    pub version: u64,
    /// Files taken from the input (bundle entries, or objects downloaded from a feed).
    pub received: u64,
    /// Files already stored on the terminal and reused after re-checking their hash.
    pub reused: u64,
    /// Bytes of the input that were verified.
    pub bytes: u64,
    /// Time spent verifying (signatures, zip structure, every hash), in milliseconds.
    pub verify_ms: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// The version was installed and is now active.
    Installed,
    /// The version was already installed and active; nothing changed.
    AlreadyInstalled,
    /// Only checked (not installed).
    Checked,
}

/// What the terminal holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminalStatus {
    pub active: Option<ActiveVersion>,
    /// The pinned trust root: its site id and version; `None` before the first install.
    pub trust: Option<TrustInfo>,
    /// `navigator.storage.estimate()`, in bytes.
    pub usage: Option<u64>,
    pub quota: Option<u64>,
    /// What is wrong with the store, in words (damaged records, missing objects); the version
    /// shown is then the last good one, if any remains.
    pub damage: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveVersion {
    pub version: u64,
    /// `site.data_as_of` of the stored catalogue (数据截至), `YYYY-MM-DD`.
    pub data_as_of: Option<String>,
    /// The bundle's file name or the feed's URL.
    pub source: String,
    /// When it was installed, unix seconds by the terminal's clock; 0 when its record is lost.
    pub installed: u64,
    /// When the signed manifest expires, unix seconds.
    pub expires: u64,
    /// It has expired by the terminal's clock (or the newest creation time it has seen, if
    /// that is later): still served, since it is the last verified data, but stale.
    pub expired: bool,
    pub files: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustInfo {
    pub site: String,
    pub version: u64,
    /// Release keys (sign bundles) and how many must sign.
    pub release_keys: u64,
    pub release_threshold: u64,
    /// Root keys (sign the next root) and how many must sign.
    pub root_keys: u64,
    pub root_threshold: u64,
}

impl Reply {
    /// What the page shows for a reply it could not read: a failure, never a panic.
    pub fn unreadable(why: &str) -> Reply {
        Reply::Failed {
            reason: format!("同步程序返回了无法识别的消息（{why}）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_web::port::{decode, encode};

    #[test]
    fn requests_and_replies_round_trip() {
        let r = Request::Bundle {
            name: "v7.zip".into(),
            install: true,
        };
        assert_eq!(
            encode(&r),
            r#"{"type":"bundle","name":"v7.zip","install":true}"#
        );
        assert_eq!(decode::<Request>(&encode(&r)), Ok(r));
        let e = Reply::Progress(Progress {
            phase: Phase::Verify,
            done: 1,
            total: 2,
        });
        assert_eq!(decode::<Reply>(&encode(&e)), Ok(e));
    }

    #[test]
    fn garbage_from_the_worker_is_refused() {
        assert!(decode::<Reply>("{").is_err());
        assert!(matches!(Reply::unreadable("x"), Reply::Failed { .. }));
    }
}
