//! The messages between the page and the search worker, so the app and the worker share one
//! definition and can never disagree on a field. They travel as every worker message does
//! (`gongkai_web::port`: tagged JSON).

use gongkai_core::search::{Query, Results, SearchError};
use serde::{Deserialize, Serialize};

/// The worker's entry script (`public/search-loader.js`), started as a module worker. Its
/// first message is the engine's compiled `WebAssembly.Module`, or `null` for "fetch it
/// yourself"; the protocol follows once the engine replies [`Reply::Ready`].
pub const WORKER_SCRIPT: &str = "/search-loader.js";
/// The engine's wasm and its wasm-bindgen glue as Trunk writes them (worker files keep their
/// names: Trunk hashes only the main app).
pub const ENGINE_WASM: &str = "/gongkai-search-worker_bg.wasm";
pub const ENGINE_GLUE: &str = "/gongkai-search-worker.js";
/// The keys of the object the search page may send beside [`Request::Load`]: the bytes of the
/// index's manifest and hotcache, which it fetched while the engine downloaded.
pub const PREFETCHED_MANIFEST: &str = "manifest";
pub const PREFETCHED_HOTCACHE: &str = "hotcache";

/// From the page to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// Start loading the index now, before the first query (a search box got focus, or the
    /// search page opened). Beside it may travel `{manifest, hotcache}` as `ArrayBuffer`s
    /// ([`PREFETCHED_MANIFEST`], [`PREFETCHED_HOTCACHE`]), which the worker then does not fetch.
    Load,
    /// Answer a query; the reply carries the same `id`.
    Search { id: u64, query: Query },
}

/// From the worker to the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply {
    /// The worker listens now; messages sent before this one may be lost.
    Ready,
    /// Index bytes received so far, of `total`.
    Progress { loaded: u64, total: u64 },
    /// The index is open.
    Loaded {
        items: usize,
        articles: usize,
        bytes: u64,
    },
    /// The index could not be loaded; a later request tries again.
    LoadFailed { message: String },
    /// The answer to [`Request::Search`].
    Results { id: u64, results: Results },
    /// The query with this id could not run.
    Failed { id: u64, error: SearchError },
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_web::port::{decode, encode};

    #[test]
    fn requests_round_trip() {
        let search = Request::Search {
            id: 7,
            query: Query {
                filters: vec![("year".into(), "2022".into())],
                ..Query::text("电子政务")
            },
        };
        for request in [Request::Load, search] {
            assert_eq!(decode::<Request>(&encode(&request)), Ok(request));
        }
    }

    #[test]
    fn replies_round_trip() {
        let replies = [
            Reply::Ready,
            Reply::Progress {
                loaded: 1,
                total: 2,
            },
            Reply::Failed {
                id: 3,
                error: SearchError::UnknownFilter("x".into()),
            },
            Reply::Results {
                id: 4,
                results: Results::default(),
            },
        ];
        for reply in replies {
            assert_eq!(decode::<Reply>(&encode(&reply)), Ok(reply));
        }
    }

    #[test]
    fn garbage_is_refused() {
        assert!(decode::<Request>("{\"type\":\"nope\"}").is_err());
        assert!(decode::<Reply>("not json").is_err());
        assert!(decode::<Reply>("").is_err());
    }

    #[test]
    fn the_loader_loads_the_engine_named_here() {
        let loader = include_str!("../../public/search-loader.js");
        for name in [ENGINE_WASM, ENGINE_GLUE] {
            assert!(
                loader.contains(&format!("'{name}'")),
                "{name} in search-loader.js"
            );
        }
    }

    #[test]
    fn the_tag_names_the_message() {
        assert_eq!(encode(&Request::Load), "{\"type\":\"load\"}");
    }
}
