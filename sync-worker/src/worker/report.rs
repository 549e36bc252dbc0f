//! The worker's voice and senses: posting replies to the page (progress at most once per
//! thousandth, so a large bundle does not flood the page), the clock, and a timer.

use gongkai_sync_worker::protocol::{Phase, Progress, Reply};
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::DedicatedWorkerGlobalScope;

pub struct Reporter {
    scope: DedicatedWorkerGlobalScope,
    /// The last progress sent: phase and thousandths done.
    last: Cell<Option<(Phase, u64)>>,
}

impl Reporter {
    pub fn new() -> Reporter {
        Reporter {
            scope: js_sys::global().unchecked_into(),
            last: Cell::new(None),
        }
    }

    pub fn send(&self, event: &Reply) {
        gongkai_web::port::reply(event);
    }

    /// Reports progress when it moved by at least a thousandth (or the phase changed).
    pub fn progress(&self, phase: Phase, done: u64, total: u64) {
        let permille = done.saturating_mul(1000).checked_div(total).unwrap_or(1000);
        if self.last.get() == Some((phase, permille)) {
            return;
        }
        self.last.set(Some((phase, permille)));
        self.send(&Reply::Progress(Progress { phase, done, total }));
    }

    /// The terminal's clock, unix seconds (it may be wrong; the history corrects what it can).
    pub fn clock(&self) -> u64 {
        (js_sys::Date::now() / 1000.0).max(0.0) as u64
    }

    /// A monotonic timer in milliseconds.
    pub fn millis(&self) -> f64 {
        self.scope
            .performance()
            .map(|p| p.now())
            .unwrap_or_else(js_sys::Date::now)
    }

    /// `url` made absolute against the worker's own address (the site root).
    pub fn absolute(&self, url: &str) -> Option<String> {
        let here = self.scope.location().href();
        web_sys::Url::new_with_base(url, &here)
            .ok()
            .map(|u| u.href())
    }

    /// `navigator.storage.estimate()`: (usage, quota) in bytes.
    pub async fn estimate(&self) -> (Option<u64>, Option<u64>) {
        let storage = self.scope.navigator().storage();
        let Ok(promise) = storage.estimate() else {
            return (None, None);
        };
        let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            return (None, None);
        };
        let estimate: web_sys::StorageEstimate = value.unchecked_into();
        let bytes = |v: Option<f64>| v.map(|b| b.max(0.0) as u64);
        (bytes(estimate.get_usage()), bytes(estimate.get_quota()))
    }
}
