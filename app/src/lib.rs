//! The gongkai app: every page as Leptos components, pre-rendered to HTML by the builder
//! (feature `ssr`, [`prerender`]) and made interactive in the browser (feature `hydrate`) through
//! islands: the search box, 大字版, the copy-link buttons, the 时效性 by the reader's day, the
//! search page and the sync page.
//! The rest of each page is plain HTML that never waits for wasm.

#![recursion_limit = "256"]
// The browser build runs only the islands: the page components around them are rendered by the
// builder (feature `ssr`), so without it they are dead code here, on purpose.
#![cfg_attr(not(feature = "ssr"), allow(dead_code))]

mod body;
mod components;
mod display;
mod dom;
mod listing;
mod location;
mod lookup;
mod offline;
mod routes;
mod search;
mod shortcuts;
mod urls;

#[cfg(feature = "ssr")]
pub mod prerender;

/// The browser's entry point: prepares the reactive system; the page's loader then hydrates
/// each `<leptos-island>` through its exported function (see `index.html`).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    leptos::mount::hydrate_islands();
}
