//! Plain HTTP GETs from the worker: a feed's files and the site's trust root.

use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCache, RequestInit, Response, WorkerGlobalScope};

/// Why a download failed, in words for the operator.
pub type NetError = String;

/// Fetches `url`: `Ok(None)` on 404/410. `fresh` skips the HTTP cache (for `latest.json`).
pub async fn get(url: &str, fresh: bool) -> Result<Option<Vec<u8>>, NetError> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let init = RequestInit::new();
    if fresh {
        init.set_cache(RequestCache::NoCache);
    }
    let failed = |_| format!("无法连接 {url}（网络中断或地址有误）");
    let response: Response = JsFuture::from(scope.fetch_with_str_and_init(url, &init))
        .await
        .map_err(failed)?
        .unchecked_into();
    match response.status() {
        404 | 410 => return Ok(None),
        s if !response.ok() => return Err(format!("{url} 返回 HTTP {s}")),
        _ => {}
    }
    let body = response.array_buffer().map_err(failed)?;
    let buffer = JsFuture::from(body).await.map_err(failed)?;
    Ok(Some(Uint8Array::new(&buffer).to_vec()))
}
