//! The page's side: a worker started (or adopted) with its replies and its crash routed to the
//! caller's functions, and requests posted to it.

use super::wire::{pack, unpack};
use gloo_events::EventListener;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// How the worker's script loads: as an ES module (the search worker's own loader,
/// `public/search-loader.js`) or as a classic script (Trunk's loader shim for
/// `data-bindgen-target="no-modules"`, the sync worker's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Module,
    Classic,
}

/// A running worker. Dropping it stops listening; [`Port::terminate`] stops the worker too.
pub struct Port {
    worker: Worker,
    _message: EventListener,
    _error: EventListener,
}

impl Port {
    /// Starts the worker at `url`. `on_reply` hears each reply, or why one could not be read;
    /// `on_crash` hears that the script failed to load or threw.
    pub fn start<R: DeserializeOwned + 'static>(
        url: &str,
        kind: Kind,
        on_reply: impl Fn(Result<R, String>) + 'static,
        on_crash: impl Fn() + 'static,
    ) -> Result<Port, String> {
        let options = WorkerOptions::new();
        options.set_type(match kind {
            Kind::Module => WorkerType::Module,
            Kind::Classic => WorkerType::Classic,
        });
        let worker = Worker::new_with_options(url, &options)
            .map_err(|_| "浏览器无法启动后台程序（Web Worker）".to_string())?;
        Ok(Port::adopt(worker, on_reply, on_crash))
    }

    /// Takes over a worker something else started (the search page's own early script),
    /// listening beside that starter's handlers.
    pub fn adopt<R: DeserializeOwned + 'static>(
        worker: Worker,
        on_reply: impl Fn(Result<R, String>) + 'static,
        on_crash: impl Fn() + 'static,
    ) -> Port {
        let message = EventListener::new(&worker, "message", move |event| {
            if let Some(event) = event.dyn_ref::<MessageEvent>() {
                on_reply(unpack::<R>(&event.data()).0);
            }
        });
        let error = EventListener::new(&worker, "error", move |_| on_crash());
        // Whatever handlers the worker already has keep running: the search page's early
        // script still hands over the index it fetched once the engine is ready.
        Port {
            worker,
            _message: message,
            _error: error,
        }
    }

    /// Posts `request`, with `beside` travelling next to it; false when the browser refused
    /// the message (the caller must tell whoever waits for an answer).
    pub fn post<Q: Serialize>(&self, request: &Q, beside: Option<&JsValue>) -> bool {
        self.worker.post_message(&pack(request, beside)).is_ok()
    }

    /// Posts `value` as it is, outside the protocol: for a worker's loader, which reads one
    /// such message before the worker listens (the search worker's engine, or `null`).
    pub fn post_raw(&self, value: &JsValue) -> bool {
        self.worker.post_message(value).is_ok()
    }

    /// Stops the worker at once; whatever it was doing is dropped.
    pub fn terminate(&self) {
        self.worker.terminate();
    }
}
