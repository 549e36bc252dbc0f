//! Plain HTTP GETs from the worker (a feed's files, the site's trust root), bounded: a body is
//! read as a stream and refused past its cap (the manifest's or the feed's declared size), and
//! a download that stalls or trickles below a minimum rate is aborted, so a hostile or broken
//! feed can neither fill the terminal's memory nor hold a sync forever.

use js_sys::{Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReadableStreamDefaultReader, RequestCache, RequestInit, Response,
    WorkerGlobalScope,
};

/// Why a download failed, in words for the operator.
pub type NetError = String;

/// Marks the worker's same-origin requests, which the terminal's service worker (`sw.js`)
/// sends to the network instead of answering from the installed version.
const SYNC_HEADER: &str = "X-Gongkai-Sync";
/// How often the watchdog looks at a download's progress.
const WINDOW_MS: i32 = 15_000;
/// The slowest transfer kept going: 1 KB/s over a window (a 2G link does about 10 KB/s).
const MIN_BYTES_PER_WINDOW: u64 = 15_000;
/// Any one download ends after this many windows (20 minutes), however steady.
const MAX_WINDOWS: u32 = 80;

/// What may be read for one GET.
#[derive(Debug, Clone, Copy)]
pub struct Get {
    /// Skip the HTTP cache (for `latest.json` and the trust root).
    pub fresh: bool,
    /// The most bytes the body may have.
    pub max: u64,
}

/// Fetches `url`: `Ok(None)` on 404/410.
pub async fn get(url: &str, how: Get) -> Result<Option<Vec<u8>>, NetError> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let controller = AbortController::new().map_err(|_| "浏览器不支持中止下载".to_string())?;
    let init = request(&scope, url, how, &controller);
    let watchdog = Watchdog::start(&scope, controller);
    let result = fetch_body(&scope, url, &init, how.max, &watchdog.received).await;
    watchdog.stop(&scope);
    match watchdog.tripped.get() {
        Some(why) => Err(format!("{url} {why}，已停止下载。")),
        None => result,
    }
}

fn request(
    scope: &WorkerGlobalScope,
    url: &str,
    how: Get,
    controller: &AbortController,
) -> RequestInit {
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    if how.fresh {
        init.set_cache(RequestCache::NoCache);
    }
    if same_origin(scope, url) {
        if let Ok(headers) = Headers::new() {
            let _ = headers.set(SYNC_HEADER, "1");
            init.set_headers(&headers);
        }
    }
    init
}

/// Whether `url` (absolute or relative) is on the worker's own origin.
fn same_origin(scope: &WorkerGlobalScope, url: &str) -> bool {
    let here = scope.location();
    web_sys::Url::new_with_base(url, &here.href()).is_ok_and(|u| u.origin() == here.origin())
}

async fn fetch_body(
    scope: &WorkerGlobalScope,
    url: &str,
    init: &RequestInit,
    max: u64,
    received: &Cell<u64>,
) -> Result<Option<Vec<u8>>, NetError> {
    let failed = |_| format!("无法连接 {url}（网络中断或地址有误）");
    let response: Response = JsFuture::from(scope.fetch_with_str_and_init(url, init))
        .await
        .map_err(failed)?
        .unchecked_into();
    match response.status() {
        404 | 410 => return Ok(None),
        s if !response.ok() => return Err(format!("{url} 返回 HTTP {s}")),
        _ => {}
    }
    let too_large = || format!("{url} 的内容超过声明的 {max} 字节，已拒绝。");
    let declared = response.headers().get("Content-Length").ok().flatten();
    if declared
        .and_then(|l| l.trim().parse::<u64>().ok())
        .is_some_and(|l| l > max)
    {
        return Err(too_large());
    }
    let Some(body) = response.body() else {
        return Ok(Some(Vec::new()));
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(failed)?;
        if Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            == Some(true)
        {
            return Ok(Some(out));
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(failed)?
            .unchecked_into();
        if out.len() as u64 + u64::from(value.length()) > max {
            let _ = reader.cancel();
            return Err(too_large());
        }
        out.extend(value.to_vec());
        received.set(out.len() as u64);
    }
}

/// Aborts a download that gets less than [`MIN_BYTES_PER_WINDOW`] in a window, or that runs
/// past [`MAX_WINDOWS`].
struct Watchdog {
    received: Rc<Cell<u64>>,
    tripped: Rc<Cell<Option<&'static str>>>,
    interval: Option<i32>,
    _tick: Closure<dyn FnMut()>,
}

impl Watchdog {
    fn start(scope: &WorkerGlobalScope, controller: AbortController) -> Watchdog {
        let received = Rc::new(Cell::new(0u64));
        let tripped = Rc::new(Cell::new(None));
        let (seen, trip) = (received.clone(), tripped.clone());
        let (mut last, mut windows) = (0u64, 0u32);
        let tick = Closure::<dyn FnMut()>::new(move || {
            windows += 1;
            let now = seen.get();
            let why = match (now - last < MIN_BYTES_PER_WINDOW, windows > MAX_WINDOWS) {
                (_, true) => Some("下载超时"),
                (true, _) => Some("下载过慢或已停滞"),
                _ => None,
            };
            last = now;
            if why.is_some() && trip.get().is_none() {
                trip.set(why);
                controller.abort();
            }
        });
        let interval = scope
            .set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                WINDOW_MS,
            )
            .ok();
        Watchdog {
            received,
            tripped,
            interval,
            _tick: tick,
        }
    }

    fn stop(&self, scope: &WorkerGlobalScope) {
        if let Some(handle) = self.interval {
            scope.clear_interval_with_handle(handle);
        }
    }
}
