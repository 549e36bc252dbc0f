//! One round of the lazy reader's parallel requests: every range that a warming query found
//! missing (see `gongkai_core::search::lazy::search_warmed`), fetched at once with `fetch()`, or
//! on a host without Range every chunk that covers them. The synchronous reads of [`super::xhr`]
//! remain only for what warming missed.
//!
//! Range requests skip the HTTP cache (`no-store`): Chromium lets one request at a time use a
//! URL's cache entry, so ranges of one file asked for together would arrive one after another
//! (measured under Fast 3G: ten ranges of the store 570 ms apart). The files never change under
//! their names, and the reader keeps what it fetched for the page's lifetime.
//!
//! A host that cannot answer ranges (it sends the whole file, or compresses the range) is found
//! out by the first round itself, no earlier request needed: the answer's body is dropped
//! unread, and that round and every later read go to the chunks.

use super::ranges::{self, Answer, Response, MAX_WHOLE_FILE};
use super::xhr::{no_chunks, XhrFetcher};
use futures_util::future::join_all;
use gloo_net::http::Request;
use gongkai_core::search::lazy::{Chunk, Need, CHUNK_SIZE};
use gongkai_core::search::INDEX_DIR;
use web_sys::RequestCache;

/// The bytes of each of `needs`, in order.
pub async fn fetch_round(net: &XhrFetcher, needs: Vec<Need>) -> Result<Vec<Vec<u8>>, String> {
    if !net.is_chunked() {
        let answers = join_all(needs.iter().map(|n| by_range(net, n))).await;
        let answers: Result<Vec<Vec<u8>>, String> = answers.into_iter().collect();
        // A host found to ignore Range during this round: the round comes from the chunks.
        if answers.is_ok() || !net.is_chunked() {
            return answers;
        }
    }
    fetch_chunks(net, &needs).await.map_err(no_chunks)?;
    let read = |n: &Need| gongkai_core::search::lazy::Fetcher::fetch(net, &n.name, n.range.clone());
    needs.iter().map(read).collect()
}

/// One range request, checked (see [`ranges::check`]).
async fn by_range(net: &XhrFetcher, need: &Need) -> Result<Vec<u8>, String> {
    let len = net.length(&need.name)?;
    if let Some(kept) = net.read_kept(&need.name, &need.range) {
        return kept;
    }
    let url = format!("/{INDEX_DIR}/{}", need.name);
    let got = async {
        let response = Request::get(&url)
            .header("Range", &ranges::range_header(&need.range))
            .cache(RequestCache::NoStore)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let header = |name: &str| response.headers().get(name);
        let (content_range, encoding) = (header("content-range"), header("content-encoding"));
        let whole_small = response.status() == 200 && len <= MAX_WHOLE_FILE;
        if ranges::ignores_range(response.status(), encoding.as_deref()) && !whole_small {
            if let Some(body) = response.body() {
                let _ = body.cancel();
            }
            net.use_chunks();
            return Err("服务器不支持分段请求（HTTP Range）".to_string());
        }
        let bytes = response.binary().await.map_err(|e| e.to_string())?;
        let checked = Response {
            status: response.status(),
            content_range: content_range.as_deref(),
            content_encoding: encoding.as_deref(),
            body_len: bytes.len() as u64,
        };
        let answer: Answer = ranges::check(&checked, &need.range, len)?;
        net.answered(&need.name, len, &need.range, answer, bytes)
    };
    got.await.map_err(|e| format!("{url}：{e}"))
}

/// Every chunk the needs lack, fetched at once and kept by the chunk reader.
async fn fetch_chunks(net: &XhrFetcher, needs: &[Need]) -> Result<(), String> {
    let mut wanted: Vec<Chunk> = Vec::new();
    for need in needs {
        if net.read_kept(&need.name, &need.range).is_some() {
            continue;
        }
        for chunk in net.chunks().wanted(&need.name, need.range.clone())? {
            if !wanted.contains(&chunk) {
                wanted.push(chunk);
            }
        }
    }
    let fetched = join_all(wanted.iter().map(|c| whole_chunk(&c.path))).await;
    for (chunk, bytes) in wanted.iter().zip(fetched) {
        net.chunks().put(chunk, bytes?)?;
    }
    Ok(())
}

async fn whole_chunk(path: &str) -> Result<Vec<u8>, String> {
    let url = format!("/{INDEX_DIR}/{path}");
    let got = async {
        let response = Request::get(&url).send().await.map_err(|e| e.to_string())?;
        match response.status() {
            200 => response.binary().await.map_err(|e| e.to_string()),
            status => Err(format!("服务器返回 HTTP {status}")),
        }
    };
    let bytes = got.await.map_err(|e| format!("{url}：{e}"))?;
    if bytes.len() as u64 > CHUNK_SIZE {
        return Err(format!("{url}：分块文件超过 {CHUNK_SIZE} 字节"));
    }
    Ok(bytes)
}
