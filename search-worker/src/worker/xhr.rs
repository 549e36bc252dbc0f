//! The lazy index reader's fetcher: synchronous `XMLHttpRequest`s for byte ranges.
//!
//! tantivy reads synchronously, and a worker (unlike a page) may block on a synchronous XHR, so
//! each block the `RangeDirectory` misses becomes one `Range: bytes=a-b` request made inside the
//! read. The answer is checked by [`super::ranges`]; a host that ignores `Range` is tolerated
//! for small files only, whose whole bytes are then kept here.

use super::net::js_text;
use super::ranges::{self, Answer, Response, MAX_WHOLE_FILE};
use gongkai_core::search::lazy::Fetcher;
use gongkai_core::search::INDEX_DIR;
use js_sys::{ArrayBuffer, Uint8Array};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};
use wasm_bindgen::JsCast;
use web_sys::{XmlHttpRequest, XmlHttpRequestResponseType};

/// Fetches ranges of the files under `/search-index/`.
pub struct XhrFetcher {
    /// File name → length, from the manifest.
    lengths: HashMap<String, u64>,
    /// Whole small files from a host that ignored `Range`.
    whole: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl XhrFetcher {
    pub fn new(files: impl IntoIterator<Item = (String, u64)>) -> XhrFetcher {
        XhrFetcher {
            lengths: files.into_iter().collect(),
            whole: Mutex::default(),
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
}

impl Fetcher for XhrFetcher {
    fn fetch(&self, name: &str, range: Range<u64>) -> Result<Vec<u8>, String> {
        let len = *self.lengths.get(name).ok_or("不在检索索引清单中")?;
        if let Some(bytes) = self.kept(name) {
            return slice(&bytes, &range);
        }
        let url = format!("/{INDEX_DIR}/{name}");
        let (answer, bytes) = get_range(&url, &range, len).map_err(|e| format!("{url}：{e}"))?;
        match answer {
            Answer::Partial => Ok(bytes),
            Answer::Whole => {
                let bytes = Arc::new(bytes);
                let part = slice(&bytes, &range);
                if len <= MAX_WHOLE_FILE {
                    self.keep(name, bytes);
                }
                part
            }
        }
    }
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
    let xhr = XmlHttpRequest::new().map_err(js_text)?;
    xhr.open_with_async("GET", url, false).map_err(js_text)?;
    xhr.set_response_type(XmlHttpRequestResponseType::Arraybuffer);
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
