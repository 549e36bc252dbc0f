//! The sync worker at run time: takes the page's requests one at a time and answers with events.
//! Verification is CPU-heavy (every byte is hashed), so it runs here, off the page's thread.

mod feed;
mod install;
mod net;
mod opfs;
mod report;
mod status;
mod store;
mod trust;

use gongkai_core::bundle::BundleError;
use gongkai_sync_worker::protocol::{Reply, Request};
use gongkai_sync_worker::reasons::reason;
use report::Reporter;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// The Web Lock every install holds from reading the state to its last cleanup, across all
/// tabs and workers of the origin: two `/sync` tabs never install into one store at once.
const INSTALL_LOCK: &str = "gongkai-terminal-install";

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks.request(name, options, callback)`; web-sys has it only as unstable.
    #[wasm_bindgen(catch, js_namespace = ["navigator", "locks"], js_name = request)]
    fn request_lock(
        name: &str,
        options: &JsValue,
        callback: &JsValue,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// Why a task stopped; either way nothing on the terminal changed.
pub enum Problem {
    Rejected(BundleError),
    Failed(String),
}

impl From<BundleError> for Problem {
    fn from(e: BundleError) -> Problem {
        Problem::Rejected(e)
    }
}

impl From<String> for Problem {
    fn from(e: String) -> Problem {
        Problem::Failed(e)
    }
}

impl Problem {
    fn event(self) -> Reply {
        match self {
            Problem::Rejected(e) => Reply::Rejected {
                reason: reason(&e),
                detail: e.to_string(),
            },
            Problem::Failed(reason) => Reply::Failed { reason },
        }
    }
}

/// Listens for the page's messages: a request, and a `File` beside a bundle's.
pub fn start() {
    gongkai_web::port::listen(move |request: Result<Request, String>, beside| {
        let file = beside.and_then(|f| f.dyn_into::<web_sys::File>().ok());
        let reporter = Reporter::new();
        let request = match request {
            Ok(r) => r,
            Err(why) => {
                return reporter.send(&Reply::Failed {
                    reason: format!("同步程序收到无法识别的请求（{why}）"),
                })
            }
        };
        wasm_bindgen_futures::spawn_local(async move {
            let event = match request {
                Request::Status => handle(&reporter, request, file).await,
                _ => exclusively(async move { handle(&Reporter::new(), request, file).await })
                    .await
                    .unwrap_or_else(|| Reply::Failed {
                        reason: "正在进行另一项同步（可能在另一个标签页中），请等它完成后再试。"
                            .into(),
                    }),
            };
            reporter.send(&event);
        });
    });
    Reporter::new().send(&Reply::Ready);
}

/// Runs `task` holding [`INSTALL_LOCK`], or returns `None` at once when another tab or worker
/// holds it. Where the browser has no Web Locks (OPFS needs a secure context, and so do they,
/// so only in odd embeddings) the task runs unguarded.
async fn exclusively(task: impl Future<Output = Reply> + 'static) -> Option<Reply> {
    let out = Rc::new(RefCell::new(None));
    let slot = out.clone();
    let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        if lock.is_null() {
            return js_sys::Promise::resolve(&JsValue::UNDEFINED);
        }
        future_to_promise(async move {
            *slot.borrow_mut() = Some(task.await);
            Ok(JsValue::UNDEFINED)
        })
    });
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let held = request_lock(INSTALL_LOCK, &options, &callback).or_else(|_| {
        // No Web Locks: call the callback with a stand-in lock ourselves.
        let run: &js_sys::Function = callback.unchecked_ref();
        run.call1(&JsValue::UNDEFINED, &JsValue::TRUE)
            .map(js_sys::Promise::from)
    });
    if let Ok(held) = held {
        let _ = JsFuture::from(held).await;
    }
    out.take()
}

async fn handle(r: &Reporter, request: Request, file: Option<web_sys::File>) -> Reply {
    let result = match request {
        Request::Status => {
            return match status::status(r).await {
                Ok(s) => Reply::Status(s),
                Err(reason) => Reply::Failed { reason },
            }
        }
        Request::Bundle { name, install } => match file {
            Some(file) => install::bundle(r, &name, file, install).await,
            None => Err(Problem::Failed("没有收到文件".into())),
        },
        Request::Feed { url } => feed::sync(r, &url).await,
    };
    match result {
        Ok(outcome) => Reply::Done(outcome),
        Err(problem) => problem.event(),
    }
}
