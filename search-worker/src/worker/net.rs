//! Whole-file downloads inside the worker, read chunk by chunk from the response stream so the
//! page can be told how many bytes have arrived. A request can be started before it is known
//! whether its bytes will be needed ([`start`]), so that it shares a round trip with another.

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ReadableStreamDefaultReader, RequestCache, RequestInit, Response, WorkerGlobalScope,
};

/// How a file may come from the HTTP cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Ask the server whether a cached copy is still current.
    Revalidate,
    /// Whatever the cache holds (the file's digest is checked afterwards).
    Cached,
    /// Skip the cache entirely (a cached copy failed its digest).
    Reload,
}

/// Downloads `url` completely. `limit` caps the size (a longer body is refused without reading
/// on); `on_bytes` hears the running total after each chunk.
pub async fn fetch_bytes(
    url: &str,
    freshness: Freshness,
    limit: u64,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, String> {
    start(url, freshness).bytes(limit, on_bytes).await
}

/// A request under way: sent when made.
pub struct Pending {
    url: String,
    promise: Promise,
}

/// Sends a GET of `url` now; its answer is read (or dropped) later.
pub fn start(url: &str, freshness: Freshness) -> Pending {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let init = RequestInit::new();
    init.set_cache(match freshness {
        Freshness::Revalidate => RequestCache::NoCache,
        Freshness::Cached => RequestCache::Default,
        Freshness::Reload => RequestCache::Reload,
    });
    Pending {
        url: url.to_string(),
        promise: scope.fetch_with_str_and_init(url, &init),
    }
}

impl Pending {
    /// The whole body, as [`fetch_bytes`] reads it.
    pub async fn bytes(self, limit: u64, on_bytes: &mut dyn FnMut(u64)) -> Result<Vec<u8>, String> {
        let response = self.response().await?;
        read_body(&self.url, &response, limit, on_bytes).await
    }

    /// The bytes are not needed after all: the body is cancelled once the answer starts.
    pub fn drop_body(self) {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(response) = self.response().await {
                if let Some(body) = response.body() {
                    let _ = body.cancel();
                }
            }
        });
    }

    async fn response(&self) -> Result<Response, String> {
        let url = &self.url;
        let response: Response = JsFuture::from(self.promise.clone())
            .await
            .and_then(|r| r.dyn_into())
            .map_err(|e| format!("{url}：{}", js_text(e)))?;
        if response.ok() {
            Ok(response)
        } else {
            Err(format!("{url}：服务器返回 HTTP {}", response.status()))
        }
    }
}

async fn read_body(
    url: &str,
    response: &Response,
    limit: u64,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, String> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let capacity = content_length(response).unwrap_or(0).min(limit);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(js_text)?;
        if Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            return Ok(bytes);
        }
        let Ok(value) = Reflect::get(&chunk, &"value".into()) else {
            continue;
        };
        let Some(array) = value.dyn_ref::<Uint8Array>() else {
            continue;
        };
        let start = bytes.len();
        let end = start + array.length() as usize;
        if end as u64 > limit {
            let _ = reader.cancel();
            return Err(format!("{url}：文件超过预期的 {limit} 字节"));
        }
        bytes.resize(end, 0);
        array.copy_to(&mut bytes[start..]);
        on_bytes(end as u64);
    }
}

/// The declared length, when the body is not compressed on the way (then it is the real size).
fn content_length(response: &Response) -> Option<u64> {
    let headers = response.headers();
    if headers.get("content-encoding").ok().flatten().is_some() {
        return None;
    }
    headers.get("content-length").ok().flatten()?.parse().ok()
}

pub fn js_text(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "网络错误".to_string())
}
