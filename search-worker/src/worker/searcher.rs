//! The opened index and how a query is answered from it: at once from memory (a small index
//! downloaded whole), or, for a big one read lazily, after fetching what the query reads in
//! parallel rounds (see `rounds`).

use super::rounds::fetch_round;
use super::xhr::XhrFetcher;
use gongkai_core::search::lazy::{search_warmed, RangeDirectory};
use gongkai_core::search::{Engine, Query, Results, SearchError};
use std::sync::Arc;

/// An engine, with the lazy directory and network it reads through when the index is big.
pub struct Searcher {
    engine: Engine,
    lazy: Option<(RangeDirectory, Arc<XhrFetcher>)>,
}

impl Searcher {
    /// An index held in memory.
    pub fn whole(engine: Engine) -> Searcher {
        Searcher { engine, lazy: None }
    }

    /// An index read lazily from `dir`, whose fetcher is `net`.
    pub fn lazy(engine: Engine, dir: RangeDirectory, net: Arc<XhrFetcher>) -> Searcher {
        Searcher {
            engine,
            lazy: Some((dir, net)),
        }
    }

    /// Answers `query`; a lazy index first fetches what it reads, round by round.
    pub async fn search(&self, query: &Query) -> Result<Results, SearchError> {
        let Some((dir, net)) = &self.lazy else {
            return self.engine.search(query);
        };
        let fetch = |needs| fetch_round(net, needs);
        let (results, _rounds) = search_warmed(&self.engine, dir, query, fetch).await;
        results
    }
}
