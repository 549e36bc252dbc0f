//! Chinese full-text search: one tokenizer, one schema and one engine for the builder, the CLI
//! and the browser.
//!
//! The builder writes the index with [`schema::schema`] and [`tokenizer::register`]; the CLI and
//! the wasm worker open it with [`Engine`] from the same code, so the two sides can never
//! tokenize differently. The index files travel in the site's `search/` folder, listed by
//! [`Manifest`] so a browser can fetch them into a `RamDirectory`.

pub mod abbrev;
mod compile;
mod engine;
pub mod facet_count;
pub mod facet_runs;
pub mod facets;
pub mod lazy;
mod leb128;
mod manifest;
mod rank;
pub mod schema;
mod snippet;
pub mod stored;
pub mod syntax;
mod t2s;
mod text_cache;
mod title;
pub mod tokenizer;
mod types;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod typed_tests;

pub use engine::{Engine, SearchOptions};
pub use facets::FACETS;
/// The tantivy the index format depends on, re-exported so the builder writes with exactly the
/// version and features (`quickwit` sstable dictionary) the reader was compiled with.
pub use tantivy;
pub use types::{
    ArticleHit, FacetCount, Hit, Query, Results, SearchError, Sort, DEFAULT_LIMIT, MAX_LIMIT,
};

pub use manifest::{is_plain_name, ManifestError};
use serde::{Deserialize, Serialize};

/// The folder of the site holding the index files, relative to the site root.
pub const INDEX_DIR: &str = "search-index";
/// The manifest's path relative to the site root.
pub const MANIFEST_PATH: &str = "search-index/manifest.json";
/// The hotcache's path relative to the site root (see [`lazy::Hotcache`]); not in the manifest,
/// which lists only what an eager reader downloads.
pub const HOTCACHE_PATH: &str = "search-index/hotcache.bin";
/// Bumped whenever the schema or the tokenizer changes, so an old app never reads a new index.
pub const INDEX_FORMAT: u32 = 6;

/// `search-index/manifest.json`: every index file with its size, so a reader can fetch them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// Item documents in the index.
    pub items: usize,
    /// Article documents in the index.
    pub articles: usize,
    /// Sorted by name; names are relative to [`INDEX_DIR`].
    pub files: Vec<ManifestFile>,
}

/// One index file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    pub name: String,
    pub size: u64,
    /// Lower-case hex SHA-256 of the bytes.
    pub sha256: String,
}
