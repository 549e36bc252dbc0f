//! The browser features a terminal relies on: the service worker that serves the stored site
//! offline, and persistent storage so the browser does not evict it under pressure.

use wasm_bindgen_futures::JsFuture;

/// Where the service worker lives: the site root, so its scope covers every page.
pub const SERVICE_WORKER_URL: &str = "/sw.js";

/// Registers `public/sw.js` (copied to the site root by Trunk); harmless when already registered.
/// Resolves to whether it worked: browsers allow service workers only on https or localhost.
pub async fn register_service_worker() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let container = window.navigator().service_worker();
    JsFuture::from(container.register(SERVICE_WORKER_URL))
        .await
        .is_ok()
}

/// Asks the browser to keep this site's storage; resolves to whether it will.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let storage = window.navigator().storage();
    let Ok(promise) = storage.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
