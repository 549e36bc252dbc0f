//! A response body read chunk by chunk, so that a cap holds before the bytes are all in memory
//! (a hostile feed, a file bigger than its manifest says) and the caller can report progress.

use gloo_net::http::Response;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;

/// Why a body was not read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamError {
    /// It grew past the cap; the rest was cancelled unread.
    TooLarge,
    /// The stream broke (network, abort), in the browser's words.
    Broken(String),
}

/// The whole body of `response`, refused once it passes `cap` bytes; `on_bytes` hears the
/// running total after each chunk. A declared length reserves memory up front, never more than
/// the cap, and only when the body is not compressed on the way (then it is the real size).
pub async fn read_capped(
    response: &Response,
    cap: u64,
    on_bytes: &mut dyn FnMut(u64),
) -> Result<Vec<u8>, StreamError> {
    let Some(stream) = response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let reserve = plain_length(response).unwrap_or(0).min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| StreamError::Broken(js_text(e)))?;
        if Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            return Ok(bytes);
        }
        let Some(array) = Reflect::get(&chunk, &"value".into())
            .ok()
            .and_then(|v| v.dyn_into::<Uint8Array>().ok())
        else {
            continue;
        };
        let start = bytes.len();
        let end = start + array.length() as usize;
        if end as u64 > cap {
            let _ = reader.cancel();
            return Err(StreamError::TooLarge);
        }
        bytes.resize(end, 0);
        array.copy_to(&mut bytes[start..]);
        on_bytes(end as u64);
    }
}

/// The declared length of a body that is not compressed on the way.
pub fn plain_length(response: &Response) -> Option<u64> {
    let headers = response.headers();
    if headers.get("content-encoding").is_some() {
        return None;
    }
    headers.get("content-length")?.trim().parse().ok()
}

/// A JavaScript error's message, for people.
pub fn js_text(err: JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "网络错误".to_string())
}
