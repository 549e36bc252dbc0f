//! Plain HTTP GETs from the worker (a feed's files, the site's trust root), bounded: a body is
//! read as a stream and refused past its cap (the manifest's or the feed's declared size), and
//! a download that stalls or trickles below a minimum rate is aborted, so a hostile or broken
//! feed can neither fill the terminal's memory nor hold a sync forever.

use gloo_net::http::{Request, RequestBuilder, Response};
use gloo_timers::callback::Interval;
use gongkai_web::stream::{read_capped, StreamError};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, RequestCache, WorkerGlobalScope};

/// Why a download failed, in words for the operator.
pub type NetError = String;

/// Marks the worker's same-origin requests, which the terminal's service worker (`sw.js`)
/// sends to the network instead of answering from the installed version.
const SYNC_HEADER: &str = "X-Gongkai-Sync";
/// How often the watchdog looks at a download's progress.
const WINDOW_MS: u32 = 15_000;
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
    let request = request(&scope, url, how, &controller);
    let watchdog = Watchdog::start(controller);
    let result = fetch_body(url, request, how.max, &watchdog.received).await;
    let tripped = watchdog.stop();
    match tripped {
        Some(why) => Err(format!("{url} {why}，已停止下载。")),
        None => result,
    }
}

fn request(
    scope: &WorkerGlobalScope,
    url: &str,
    how: Get,
    controller: &AbortController,
) -> RequestBuilder {
    let mut request = Request::get(url).abort_signal(Some(&controller.signal()));
    if how.fresh {
        request = request.cache(RequestCache::NoCache);
    }
    if same_origin(scope, url) {
        request = request.header(SYNC_HEADER, "1");
    }
    request
}

/// Whether `url` (absolute or relative) is on the worker's own origin.
fn same_origin(scope: &WorkerGlobalScope, url: &str) -> bool {
    let here = scope.location();
    web_sys::Url::new_with_base(url, &here.href()).is_ok_and(|u| u.origin() == here.origin())
}

async fn fetch_body(
    url: &str,
    request: RequestBuilder,
    max: u64,
    received: &Cell<u64>,
) -> Result<Option<Vec<u8>>, NetError> {
    let unreachable = format!("无法连接 {url}（网络中断或地址有误）");
    let response: Response = request.send().await.map_err(|_| unreachable.clone())?;
    match response.status() {
        404 | 410 => return Ok(None),
        s if !response.ok() => return Err(format!("{url} 返回 HTTP {s}")),
        _ => {}
    }
    let too_large = || format!("{url} 的内容超过声明的 {max} 字节，已拒绝。");
    let declared = response.headers().get("Content-Length");
    if declared
        .and_then(|l| l.trim().parse::<u64>().ok())
        .is_some_and(|l| l > max)
    {
        return Err(too_large());
    }
    let mut seen = |n| received.set(n);
    match read_capped(&response, max, &mut seen).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(StreamError::TooLarge) => Err(too_large()),
        Err(StreamError::Broken(_)) => Err(unreachable),
    }
}

/// Aborts a download that gets less than [`MIN_BYTES_PER_WINDOW`] in a window, or that runs
/// past [`MAX_WINDOWS`].
struct Watchdog {
    received: Rc<Cell<u64>>,
    tripped: Rc<Cell<Option<&'static str>>>,
    tick: Interval,
}

impl Watchdog {
    fn start(controller: AbortController) -> Watchdog {
        let received = Rc::new(Cell::new(0u64));
        let tripped = Rc::new(Cell::new(None));
        let (seen, trip) = (received.clone(), tripped.clone());
        let (mut last, mut windows) = (0u64, 0u32);
        let tick = Interval::new(WINDOW_MS, move || {
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
        Watchdog {
            received,
            tripped,
            tick,
        }
    }

    /// Stops watching; why the download was aborted, if it was.
    fn stop(self) -> Option<&'static str> {
        self.tick.cancel();
        self.tripped.get()
    }
}
