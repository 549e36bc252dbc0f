//! Whole-file downloads inside the worker, read chunk by chunk from the response stream so the
//! page can be told how many bytes have arrived. A request can be started before it is known
//! whether its bytes will be needed ([`start`]), so that it shares a round trip with another.

use futures_channel::oneshot;
use gloo_net::http::{Request, Response};
use gongkai_web::stream::{read_capped, StreamError};
use web_sys::RequestCache;

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
    answer: oneshot::Receiver<Result<Response, String>>,
}

/// Sends a GET of `url` now (in a task of its own); its answer is read (or dropped) later.
pub fn start(url: &str, freshness: Freshness) -> Pending {
    let request = Request::get(url).cache(match freshness {
        Freshness::Revalidate => RequestCache::NoCache,
        Freshness::Cached => RequestCache::Default,
        Freshness::Reload => RequestCache::Reload,
    });
    let (tell, answer) = oneshot::channel();
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tell.send(request.send().await.map_err(|e| e.to_string()));
    });
    Pending {
        url: url.to_string(),
        answer,
    }
}

impl Pending {
    /// The whole body, as [`fetch_bytes`] reads it.
    pub async fn bytes(self, limit: u64, on_bytes: &mut dyn FnMut(u64)) -> Result<Vec<u8>, String> {
        let url = self.url.clone();
        let response = self.response().await?;
        read_body(&url, &response, limit, on_bytes).await
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

    async fn response(self) -> Result<Response, String> {
        let url = &self.url;
        let response = match self.answer.await {
            Ok(answer) => answer.map_err(|e| format!("{url}：{e}"))?,
            Err(_) => return Err(format!("{url}：请求被取消")),
        };
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
    read_capped(response, limit, on_bytes)
        .await
        .map_err(|e| match e {
            StreamError::TooLarge => format!("{url}：文件超过预期的 {limit} 字节"),
            StreamError::Broken(why) => format!("{url}：{why}"),
        })
}
