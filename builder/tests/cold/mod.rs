//! Cold first queries on the real law corpus read lazily, as the browser reads a big site: the
//! index opened from its hotcache alone, then each of the browser benchmark's queries warmed in
//! parallel rounds (`lazy::search_warmed`). Counts the rounds (requests started after the previous
//! round's answers arrived), which is what a slow network makes a reader wait for.

use gongkai_core::search::lazy::{search_warmed, CacheOptions, Need, RangeDirectory, Rounds};
use gongkai_core::search::{Engine, Query};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// The most rounds a cold query may take after the engine is up (issue 15's target).
const MAX_ROUNDS: u32 = 5;

/// The browser benchmark's queries, read from `tests/bench/queries.mjs` so both use one list.
fn bench_queries() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/bench/queries.mjs");
    let source = std::fs::read_to_string(path).unwrap();
    let list = source
        .split_once("export const QUERIES = [")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("QUERIES in queries.mjs");
    let queries: Vec<String> = list
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    assert_eq!(queries.len(), 8, "{queries:?}");
    queries
}

type Files = Arc<HashMap<String, Vec<u8>>>;

/// A directory whose synchronous fetcher reads `files`, opened from `hotcache`.
fn lazy(files: &Files, hotcache: &[u8]) -> RangeDirectory {
    let listing: Vec<(String, u64)> = files
        .iter()
        .map(|(n, b)| (n.clone(), b.len() as u64))
        .collect();
    let served = files.clone();
    let fetch = move |name: &str, r: Range<u64>| {
        Ok(served[name][r.start as usize..r.end as usize].to_vec())
    };
    let dir = RangeDirectory::new(listing, fetch, CacheOptions::default());
    dir.load_hotcache(hotcache).unwrap();
    dir
}

/// Runs a future whose awaits are all ready at once (the fetcher answers from memory).
fn ready<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("not ready"),
    }
}

/// Each bench query, cold, warmed in rounds: the same results as `eager`, nothing fetched
/// synchronously, at most [`MAX_ROUNDS`] rounds. Prints each query's rounds, requests and bytes
/// beside the requests the same query made one read at a time. Returns what falls short.
pub fn check_rounds(files: Vec<(String, Vec<u8>)>, hotcache: &[u8], eager: &Engine) -> Vec<String> {
    let files: Files = Arc::new(files.into_iter().collect());
    let mut failures = Vec::new();
    for text in bench_queries() {
        let query = Query::text(text.as_str());
        let dir = lazy(&files, hotcache);
        let engine = Engine::open(dir.clone()).unwrap();
        assert_eq!(dir.stats().requests, 0, "opening reads the hotcache only");
        let serve = |needs: Vec<Need>| {
            let bodies = needs
                .iter()
                .map(|n| files[&n.name][n.range.start as usize..n.range.end as usize].to_vec());
            std::future::ready(Ok(bodies.collect()))
        };
        let (results, rounds): (_, Rounds) = ready(search_warmed(&engine, &dir, &query, serve));
        let sequential = {
            let dir = lazy(&files, hotcache);
            Engine::open(dir.clone()).unwrap().search(&query).unwrap();
            dir.stats()
        };
        println!(
            "cold {text:?}: {} rounds, {} requests, {} KiB (one read at a time: {} requests, {} KiB)",
            rounds.rounds,
            rounds.requests,
            rounds.bytes / 1024,
            sequential.requests,
            sequential.bytes / 1024
        );
        let results = results.unwrap();
        assert_eq!(results, eager.search(&query).unwrap(), "{text}");
        if dir.stats().requests > 0 || rounds.fell_back {
            failures.push(format!(
                "{text}: read synchronously after warming: {rounds:?}"
            ));
        }
        if rounds.rounds > MAX_ROUNDS {
            failures.push(format!("{text}: {} rounds > {MAX_ROUNDS}", rounds.rounds));
        }
    }
    failures
}
