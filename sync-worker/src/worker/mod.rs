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
use gongkai_sync_worker::protocol::{Event, Request};
use gongkai_sync_worker::reasons::reason;
use report::Reporter;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

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
    fn event(self) -> Event {
        match self {
            Problem::Rejected(e) => Event::Rejected {
                reason: reason(&e),
                detail: e.to_string(),
            },
            Problem::Failed(reason) => Event::Failed { reason },
        }
    }
}

/// Listens for the page's messages: `[request json, File?]`.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let busy = Rc::new(Cell::new(false));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let (request, file) = split(&e.data());
        let reporter = Reporter::new();
        let request = match request {
            Ok(r) => r,
            Err(event) => return reporter.send(&event),
        };
        let long = !matches!(request, Request::Status);
        if long && busy.replace(true) {
            return reporter.send(&Event::Failed {
                reason: "正在进行另一项同步，请等它完成。".into(),
            });
        }
        let busy = busy.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let event = handle(&reporter, request, file).await;
            reporter.send(&event);
            if long {
                busy.set(false);
            }
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    Reporter::new().send(&Event::Ready);
}

fn split(data: &JsValue) -> (Result<Request, Event>, Option<web_sys::File>) {
    let array: Option<&js_sys::Array> = data.dyn_ref();
    let json = array.and_then(|a| a.get(0).as_string()).unwrap_or_default();
    let file = array.and_then(|a| a.get(1).dyn_into::<web_sys::File>().ok());
    let request = serde_json::from_str::<Request>(&json).map_err(|e| Event::Failed {
        reason: format!("同步程序收到无法识别的请求（{e}）"),
    });
    (request, file)
}

async fn handle(r: &Reporter, request: Request, file: Option<web_sys::File>) -> Event {
    let result = match request {
        Request::Status => {
            return match status::status(r).await {
                Ok(s) => Event::Status(s),
                Err(reason) => Event::Failed { reason },
            }
        }
        Request::Bundle { name, install } => match file {
            Some(file) => install::bundle(r, &name, file, install).await,
            None => Err(Problem::Failed("没有收到文件".into())),
        },
        Request::Feed { url } => feed::sync(r, &url).await,
    };
    match result {
        Ok(outcome) => Event::Done(outcome),
        Err(problem) => problem.event(),
    }
}
