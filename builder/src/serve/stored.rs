//! Serving a native terminal store as the browser terminal's service worker serves OPFS: the
//! version [`layout::serving`] picks, paths found by [`layout::site_path`], and each file only
//! from its object after the object's bytes hashed to the manifest's SHA-256 (hashed again
//! whenever the object file's size or modification time changes). A missing or damaged object
//! is a 503 page saying so, never other bytes.

use super::file;
use super::request::Request;
use super::response::{escape_html, Body, Response};
use super::target::Target;
use crate::bundle::store::Store;
use gongkai_core::bundle::digest::sha256_hex;
use gongkai_core::bundle::terminal::layout;
use gongkai_core::bundle::{FileEntry, Manifest};
use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// A version and the (size, modified time) of its manifest file.
type Stamp = (u64, Option<(u64, Option<SystemTime>)>);

/// A store being served, with what it has learnt: the manifest in use and the objects verified.
pub struct Stored {
    store: Store,
    /// The manifest last served with the stamp of its file; re-read when `active.json` names
    /// another version or that file changed.
    manifest: Mutex<Option<(Stamp, Arc<Manifest>)>>,
    /// sha256 → (size, modified) of the object file last hashed and found right.
    verified: Mutex<HashMap<String, (u64, Option<SystemTime>)>>,
}

impl Stored {
    pub fn new(root: &Path) -> Stored {
        Stored {
            store: Store::new(root),
            manifest: Mutex::new(None),
            verified: Mutex::new(HashMap::new()),
        }
    }

    /// The manifest of the version to serve now, if any.
    fn serving(&self) -> Option<Arc<Manifest>> {
        let active = self.store.active().ok().flatten().map(|a| a.version);
        let stamp = active.map(|v| (v, self.store.manifest_stamp(v)));
        let mut cached = self.manifest.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, m)) = cached
            .as_ref()
            .filter(|(s, _)| stamp.is_some() && Some(s) == stamp.as_ref())
        {
            return Some(Arc::clone(m));
        }
        let fresh = self.store.serving().map(Arc::new);
        *cached = match (&fresh, stamp) {
            (Some(m), Some(stamp)) if stamp.0 == m.version => Some((stamp, Arc::clone(m))),
            _ => None,
        };
        fresh
    }

    /// The object of `entry`, open, when its bytes hash right; else none.
    fn object(&self, entry: &FileEntry) -> Option<(File, Metadata)> {
        let mut file = File::open(self.store.objects().path(&entry.sha256)).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() != entry.size {
            return None;
        }
        let stamp = (meta.len(), meta.modified().ok());
        let mut verified = self.verified.lock().unwrap_or_else(|e| e.into_inner());
        if verified.get(&entry.sha256) != Some(&stamp) {
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).ok()?;
            if sha256_hex(&bytes) != entry.sha256 {
                verified.remove(&entry.sha256);
                return None;
            }
            verified.insert(entry.sha256.clone(), stamp);
        }
        Some((file, meta))
    }
}

/// Answers `req` from the store.
pub fn respond(stored: &Stored, req: &Request, target: &Target) -> Response {
    let Some(manifest) = stored.serving() else {
        return Response::text(503, "Nothing is installed in this store yet");
    };
    let mut path = target.segments.join("/");
    if target.trailing_slash && !path.is_empty() {
        path.push('/');
    }
    match layout::site_path(&path, |p| manifest.file(p).is_some()) {
        Some(found) => answer(stored, req, &manifest, &found, 200),
        None if !target.looks_like_file() && manifest.file("404.html").is_some() => {
            answer(stored, req, &manifest, "404.html", 404)
        }
        None => Response::text(404, "Not Found"),
    }
}

fn answer(
    stored: &Stored,
    req: &Request,
    manifest: &Manifest,
    path: &str,
    status: u16,
) -> Response {
    let Some(entry) = manifest.file(path) else {
        return Response::text(404, "Not Found");
    };
    match stored.object(entry) {
        Some((file, meta)) => file::serve_open(req, file, &meta, Path::new(path), status)
            .header("X-Gongkai-Version", manifest.version.to_string()),
        None => damaged(path),
    }
}

/// The page for a file whose stored object is missing or fails its hash.
fn damaged(path: &str) -> Response {
    let text = format!(
        "本机存储的文件 {} 已损坏或缺失，终端不会显示未经验证的内容。请用 gongkai apply 重新导入完整数据包。",
        escape_html(path)
    );
    let html = format!(
        "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>本机数据已损坏</title><main><h1>本机数据已损坏</h1><p role=\"alert\">{text}</p></main></html>"
    );
    Response::new(503, Body::Bytes(html.into_bytes()))
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
}
