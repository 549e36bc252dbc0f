//! Whether the host's byte ranges can be used, asked once while the hotcache loads.
//!
//! A one-byte `Range` request for an index file goes out beside the hotcache's request, so it
//! costs no extra round trip. A host that ignores `Range` would otherwise be found out only by
//! the first read, which would download a whole (big) file; here the body is cancelled as soon as
//! the headers show a 200. See [`super::ranges::ignores_range`].

use super::ranges::{self, ignores_range};
use gongkai_core::search::lazy::CHUNK_SIZE;
use gongkai_core::search::{Manifest, INDEX_DIR};
use js_sys::Promise;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestCache, RequestInit, Response, WorkerGlobalScope};

/// A probe under way: the request is sent when this is made.
pub struct Probe(Option<Promise>);

/// Sends the probe for the biggest index file, the one that has chunks; none when no file has.
pub fn start(manifest: &Manifest) -> Probe {
    let biggest = manifest.files.iter().max_by_key(|f| f.size);
    let Some(file) = biggest.filter(|f| f.size > CHUNK_SIZE) else {
        return Probe(None);
    };
    Probe(send(&format!("/{INDEX_DIR}/{}", file.name)))
}

fn send(url: &str) -> Option<Promise> {
    let headers = Headers::new().ok()?;
    headers.set("Range", &ranges::range_header(&(0..1))).ok()?;
    let init = RequestInit::new();
    init.set_headers(&headers);
    // What the host does now, not what a cache once kept.
    init.set_cache(RequestCache::NoStore);
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    Some(scope.fetch_with_str_and_init(url, &init))
}

impl Probe {
    /// True when the host is known to ignore `Range` (read the chunks); false when it honours
    /// it or nothing could be learnt (then the range reads report what goes wrong).
    pub async fn ignores_range(self) -> bool {
        let Some(promise) = self.0 else {
            return false;
        };
        let Ok(response) = JsFuture::from(promise)
            .await
            .and_then(|r| r.dyn_into::<Response>())
        else {
            return false;
        };
        let encoding = response.headers().get("content-encoding").ok().flatten();
        if let Some(body) = response.body() {
            // Stops a whole file from downloading; its bytes are not needed.
            let _ = body.cancel();
        }
        ignores_range(response.status(), encoding.as_deref())
    }
}
