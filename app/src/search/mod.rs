//! Full-text search in the browser: the search worker client, the search URL, and the pieces of
//! the search page. The engine itself runs in the worker's own wasm, fetched on first need.

pub mod client;
pub mod facets;
pub mod params;
pub mod results;
