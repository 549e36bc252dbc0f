//! Reading a query's bytes in parallel rounds before running it from memory.
//!
//! tantivy reads synchronously, one read after another, so a lazy index read block by block
//! costs one round trip per read: 25 to 45 in a row for a cold query. Here the query instead runs
//! *dry* ([`RangeDirectory::dry`]): every read the caches cannot serve fails and is noted, and
//! after a miss [`Engine::touch`] reads each term's dictionary entry and postings on its own, so
//! one dry run learns the misses of all terms at once. Those ranges are then fetched together (the
//! caller's `fetch_all`, parallel requests in the browser), and the query runs dry again, which
//! gets further: dictionary blocks, then posting lists, then the stored documents of the hits.
//! The first dry run that misses nothing is the answer; it read only fetched bytes.

use super::range::RangeDirectory;
use crate::search::{Engine, Query, Results, SearchError};
use std::collections::BTreeSet;
use std::future::Future;
use std::ops::Range;

/// Missing blocks of one file closer than this are fetched in one request with the gap: on a
/// slow network a request costs more than a few KiB.
pub const MERGE_GAP_BYTES: u64 = 4096;

/// After this many rounds the query runs with the directory's own (synchronous) fetcher for
/// whatever is still missing; the bench reports how often that happens.
pub const MAX_ROUNDS: u32 = 8;

/// A byte range of an index file to fetch, block-aligned (the last block of a file is short).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub name: String,
    pub range: Range<u64>,
}

/// What warming a query cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rounds {
    /// Rounds of parallel requests (a round starts when the previous one has arrived).
    pub rounds: u32,
    /// Requests in all rounds.
    pub requests: u32,
    /// Bytes fetched in all rounds.
    pub bytes: u64,
    /// True when [`MAX_ROUNDS`] ran out and the rest was read synchronously.
    pub fell_back: bool,
}

/// Answers `query` from `dir` (the directory `engine` was opened on), fetching what it reads in
/// rounds through `fetch_all`, which gets a round's ranges and must return their bytes in the
/// same order.
pub async fn search_warmed<F, Fut>(
    engine: &Engine,
    dir: &RangeDirectory,
    query: &Query,
    mut fetch_all: F,
) -> (Result<Results, SearchError>, Rounds)
where
    F: FnMut(Vec<Need>) -> Fut,
    Fut: Future<Output = Result<Vec<Vec<u8>>, String>>,
{
    let mut rounds = Rounds::default();
    while rounds.rounds < MAX_ROUNDS {
        let (result, needs) = dir.dry(|| {
            let result = engine.search(query);
            // Touching costs a warm query time for nothing: only after a miss.
            if dir.missed() {
                engine.touch(query);
            }
            result
        });
        if needs.is_empty() {
            return (result, rounds);
        }
        rounds.rounds += 1;
        rounds.requests += needs.len() as u32;
        rounds.bytes += needs
            .iter()
            .map(|n| n.range.end - n.range.start)
            .sum::<u64>();
        let bodies = match fetch_all(needs.clone()).await {
            Ok(bodies) if bodies.len() == needs.len() => bodies,
            Ok(bodies) => {
                let what = format!("{} answers to {} requests", bodies.len(), needs.len());
                return (Err(SearchError::Search(what)), rounds);
            }
            Err(e) => return (Err(SearchError::Search(e)), rounds),
        };
        for (need, body) in needs.iter().zip(&bodies) {
            if let Err(e) = dir.fill(need, body) {
                return (Err(e), rounds);
            }
        }
    }
    rounds.fell_back = true;
    (engine.search(query), rounds)
}

/// Blocks `(file, block)` as runs `(file, first..end)`, joining runs of one file whose gap is at
/// most `gap` blocks.
pub fn merge_runs(blocks: BTreeSet<(usize, u64)>, gap: u64) -> Vec<(usize, Range<u64>)> {
    let mut runs: Vec<(usize, Range<u64>)> = Vec::new();
    for (file, block) in blocks {
        match runs.last_mut() {
            Some((f, run)) if *f == file && block <= run.end + gap => run.end = block + 1,
            _ => runs.push((file, block..block + 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_and_small_gaps_join_other_files_never() {
        let blocks = BTreeSet::from([(0, 1), (0, 2), (0, 5), (0, 20), (1, 21), (1, 22)]);
        assert_eq!(
            merge_runs(blocks.clone(), 0),
            vec![(0, 1..3), (0, 5..6), (0, 20..21), (1, 21..23)]
        );
        assert_eq!(
            merge_runs(blocks, 4),
            vec![(0, 1..6), (0, 20..21), (1, 21..23)]
        );
        assert!(merge_runs(BTreeSet::new(), 4).is_empty());
    }
}
