//! The worker's side: requests in, replies out, on the worker's global scope.

use super::wire::{pack, unpack};
use gloo_events::EventListener;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Hands every message from the page to `on_request` for the worker's lifetime: the request,
/// or why it could not be read, and the value sent beside it. Call once, then [`reply`] with
/// the protocol's `Ready`.
pub fn listen<Q: DeserializeOwned + 'static>(
    on_request: impl Fn(Result<Q, String>, Option<JsValue>) + 'static,
) {
    let listener = EventListener::new(&scope(), "message", move |event| {
        if let Some(event) = event.dyn_ref::<MessageEvent>() {
            let (request, beside) = unpack::<Q>(&event.data());
            on_request(request, beside);
        }
    });
    // The worker listens as long as it lives.
    listener.forget();
}

/// Posts `message` to the page.
pub fn reply<R: Serialize>(message: &R) {
    let _ = scope().post_message(&pack(message, None));
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}
