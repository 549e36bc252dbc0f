//! The lazy index reader's fetcher: synchronous `XMLHttpRequest`s for byte ranges, or for whole
//! chunks on a host without Range support.
//!
//! tantivy reads synchronously, and a worker (unlike a page) may block on a synchronous XHR, so
//! each block the `RangeDirectory` misses becomes one `Range: bytes=a-b` request made inside the
//! read: the fallback for what a query's parallel rounds (`rounds`) did not fetch. The answer is
//! checked by [`super::ranges`]. A host that ignores `Range` (known from a round, or from a 200
//! answer here) is read through the index's chunks instead: whole files
//! `search-index/chunks/<file>.<offset>`, fetched once and kept.

use super::ranges::{self, Answer, Response, MAX_WHOLE_FILE};
use gongkai_core::search::lazy::{ChunkFetcher, Fetcher, CHUNK_SIZE};
use gongkai_core::search::INDEX_DIR;
use gongkai_web::stream::js_text;
use js_sys::{ArrayBuffer, Uint8Array};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

/// The most chunk bytes kept (besides the range directory's own block cache).
const MAX_CHUNK_CACHE: u64 = 32 << 20;

/// Fetches ranges of the files under `/search-index/`.
pub struct XhrFetcher {
    /// File name → length, from the manifest.
    lengths: HashMap<String, u64>,
    /// Whole small files from a host that ignored `Range`.
    whole: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Set once the host is known to ignore `Range`: every read goes to the chunks.
    chunked: AtomicBool,
    chunks: ChunkFetcher,
}

impl XhrFetcher {
    /// A fetcher for `files` (name, length).
    pub fn new(files: Vec<(String, u64)>) -> XhrFetcher {
        XhrFetcher {
            chunks: ChunkFetcher::new(files.clone(), CHUNK_SIZE, MAX_CHUNK_CACHE, get_whole),
            lengths: files.into_iter().collect(),
            whole: Mutex::default(),
            chunked: AtomicBool::new(false),
        }
    }

    fn kept(&self, name: &str) -> Option<Arc<Vec<u8>>> {
        self.whole.lock().ok()?.get(name).cloned()
    }

    fn keep(&self, name: &str, bytes: Arc<Vec<u8>>) {
        if let Ok(mut whole) = self.whole.lock() {
            whole.insert(name.to_string(), bytes);
        }
    }

    /// True once the host is known to ignore `Range`: reads go to the chunks.
    pub fn is_chunked(&self) -> bool {
        self.chunked.load(Ordering::Relaxed)
    }

    /// From now on every read goes to the chunks (the host was found to ignore `Range`).
    pub fn use_chunks(&self) {
        self.chunked.store(true, Ordering::Relaxed);
    }

    /// The chunks (for a round fetching them ahead, see `rounds`).
    pub fn chunks(&self) -> &ChunkFetcher {
        &self.chunks
    }

    /// The length of `name` from the manifest.
    pub fn length(&self, name: &str) -> Result<u64, String> {
        self.lengths
            .get(name)
            .copied()
            .ok_or_else(|| "不在检索索引清单中".to_string())
    }

    /// The bytes of `range` from a checked answer to a Range request for `name` (a file of
    /// `len` bytes): a whole small file is kept, and after a big one reads go to the chunks.
    pub fn answered(
        &self,
        name: &str,
        len: u64,
        range: &Range<u64>,
        answer: Answer,
        bytes: Vec<u8>,
    ) -> Result<Vec<u8>, String> {
        match answer {
            Answer::Partial => Ok(bytes),
            Answer::Whole => {
                let bytes = Arc::new(bytes);
                if len <= MAX_WHOLE_FILE {
                    self.keep(name, bytes.clone());
                } else {
                    // The host ignores Range: never download a big file whole again.
                    self.use_chunks();
                }
                slice(&bytes, range)
            }
        }
    }

    /// A kept whole file's bytes of `range`, if the file was kept.
    pub fn read_kept(&self, name: &str, range: &Range<u64>) -> Option<Result<Vec<u8>, String>> {
        self.kept(name).map(|bytes| slice(&bytes, range))
    }

    fn read_chunks(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String> {
        self.chunks.fetch(name, range).map_err(no_chunks)
    }
}

impl Fetcher for XhrFetcher {
    fn fetch(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String> {
        let len = self.length(name)?;
        if let Some(kept) = self.read_kept(name, &range) {
            return kept;
        }
        if self.is_chunked() {
            return self.read_chunks(name, range);
        }
        let url = format!("/{INDEX_DIR}/{name}");
        let (answer, bytes) = get_range(&url, &range, len).map_err(|e| format!("{url}：{e}"))?;
        self.answered(name, len, &range, answer, bytes)
    }
}

/// What a reader is told when neither ranges nor chunks can be read.
pub fn no_chunks(error: String) -> String {
    format!("服务器不支持分段请求（HTTP Range），检索索引的分块文件也无法取得：{error}")
}

fn slice(bytes: &[u8], range: &Range<u64>) -> Result<Vec<u8>, String> {
    let from = usize::try_from(range.start).map_err(|_| "范围过大")?;
    let to = usize::try_from(range.end).map_err(|_| "范围过大")?;
    bytes
        .get(from..to)
        .map(<[u8]>::to_vec)
        .ok_or_else(|| "范围超出文件末尾".to_string())
}

/// One synchronous request for `range` of `url` (a file of `len` bytes), checked.
fn get_range(url: &str, range: &Range<u64>, len: u64) -> Result<(Answer, Vec<u8>), String> {
    let xhr = open(url)?;
    xhr.set_request_header("Range", &ranges::range_header(range))
        .map_err(js_text)?;
    xhr.send().map_err(js_text)?;
    let bytes = body(&xhr)?;
    let header = |name: &str| xhr.get_response_header(name).ok().flatten();
    let (content_range, content_encoding) = (header("Content-Range"), header("Content-Encoding"));
    let response = Response {
        status: xhr.status().map_err(js_text)?,
        content_range: content_range.as_deref(),
        content_encoding: content_encoding.as_deref(),
        body_len: bytes.len() as u64,
    };
    let answer = ranges::check(&response, range, len)?;
    Ok((answer, bytes))
}

/// One synchronous request for the whole file `path` (relative to the index folder): a chunk.
fn get_whole(path: &str) -> Result<Vec<u8>, String> {
    let url = format!("/{INDEX_DIR}/{path}");
    let fetched = || -> Result<Vec<u8>, String> {
        let xhr = open(&url)?;
        xhr.send().map_err(js_text)?;
        match xhr.status().map_err(js_text)? {
            200 => body(&xhr),
            status => Err(format!("服务器返回 HTTP {status}")),
        }
    };
    fetched().map_err(|e| format!("{url}：{e}"))
}

/// A synchronous GET of `url` answering an `ArrayBuffer`.
fn open(url: &str) -> Result<XmlHttpRequest, String> {
    let xhr = XmlHttpRequest::new().map_err(js_text)?;
    xhr.open_with_async("GET", url, false).map_err(js_text)?;
    xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
    Ok(xhr)
}

fn body(xhr: &XmlHttpRequest) -> Result<Vec<u8>, String> {
    let value = xhr.response().map_err(js_text)?;
    if value.is_null() || value.is_undefined() {
        return Ok(Vec::new());
    }
    let buffer: ArrayBuffer = value
        .dyn_into()
        .map_err(|_| "回应不是二进制数据".to_string())?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
