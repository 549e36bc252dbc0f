//! The lazy directory against plain bytes and against the engine: edges, failures, eviction.

use super::*;
use crate::search::tests::index_files;
use crate::search::{Engine, Query, SearchError};
use std::ops::Range;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tantivy::Directory;

type Files = Arc<Vec<(String, Vec<u8>)>>;

/// A fetcher serving `files` from memory; fails while `broken` is set.
fn fetcher(files: Files, broken: Arc<AtomicBool>) -> impl Fetcher {
    move |name: &str, range: Range<u64>| {
        if broken.load(Ordering::SeqCst) {
            return Err("HTTP 503".to_string());
        }
        let (_, bytes) = files.iter().find(|f| f.0 == name).ok_or("404")?;
        Ok(bytes[range.start as usize..range.end as usize].to_vec())
    }
}

fn directory(files: &Files, options: CacheOptions) -> (RangeDirectory, Arc<AtomicBool>) {
    let broken = Arc::new(AtomicBool::new(false));
    let listing = files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
    let dir = RangeDirectory::new(listing, fetcher(files.clone(), broken.clone()), options);
    (dir, broken)
}

fn options(block_size: u64, read_ahead: u64, max_cache_bytes: u64) -> CacheOptions {
    CacheOptions {
        block_size,
        read_ahead,
        max_cache_bytes,
    }
}

fn read(dir: &RangeDirectory, name: &str, range: Range<usize>) -> std::io::Result<Vec<u8>> {
    let handle = dir.get_file_handle(Path::new(name)).unwrap();
    handle.read_bytes(range).map(|b| b.as_slice().to_vec())
}

#[test]
fn every_range_reads_the_right_bytes_across_block_edges() {
    let data: Vec<u8> = (0..100u8).collect();
    let files: Files = Arc::new(vec![("f".into(), data.clone())]);
    for ahead in [0, 2] {
        let (dir, _) = directory(&files, options(7, ahead, 1 << 20));
        for start in 0..=100 {
            for end in start..=100 {
                assert_eq!(read(&dir, "f", start..end).unwrap(), data[start..end]);
            }
        }
        assert!(read(&dir, "f", 90..101).is_err(), "past the end");
        assert!(dir.get_file_handle(Path::new("g")).is_err());
        assert_eq!(dir.stats().bytes, 100, "each block fetched once");
    }
}

#[test]
fn misses_are_fetched_in_one_request_per_run_with_read_ahead() {
    let files: Files = Arc::new(vec![("f".into(), vec![1; 1000])]);
    let (dir, _) = directory(&files, options(100, 2, 1 << 20));
    read(&dir, "f", 150..250).unwrap();
    assert_eq!(
        dir.stats(),
        FetchStats {
            requests: 1,
            bytes: 400
        },
        "blocks 1-2, read ahead 3-4"
    );
    read(&dir, "f", 300..500).unwrap();
    assert_eq!(dir.stats().requests, 1, "read ahead served it");
    read(&dir, "f", 0..1000).unwrap();
    assert_eq!(
        dir.stats().requests,
        3,
        "two missing runs: block 0 and blocks 5-9"
    );
}

#[test]
fn a_failed_or_short_fetch_is_an_error_and_is_not_cached() {
    let files: Files = Arc::new(vec![("f".into(), vec![7; 50])]);
    let (dir, broken) = directory(&files, options(16, 0, 1 << 20));
    broken.store(true, Ordering::SeqCst);
    let err = read(&dir, "f", 0..10).unwrap_err();
    assert!(err.to_string().contains("HTTP 503"), "{err}");
    broken.store(false, Ordering::SeqCst);
    assert_eq!(read(&dir, "f", 0..10).unwrap(), vec![7; 10]);

    let short = |_: &str, _: Range<u64>| Ok(vec![0u8; 3]);
    let dir = RangeDirectory::new([("f".to_string(), 50)], short, options(16, 0, 1 << 20));
    assert!(read(&dir, "f", 0..10)
        .unwrap_err()
        .to_string()
        .contains("got 3 bytes"));
}

#[test]
fn the_cache_stays_within_its_bound_and_refetches_evicted_blocks() {
    let files: Files = Arc::new(vec![("f".into(), (0..=255u8).cycle().take(4096).collect())]);
    let (dir, _) = directory(&files, options(256, 0, 1024));
    for block in 0..16 {
        read(&dir, "f", block * 256..block * 256 + 10).unwrap();
        assert!(dir.cached_bytes() <= 1024);
    }
    let before = dir.stats().requests;
    read(&dir, "f", 15 * 256..15 * 256 + 10).unwrap();
    assert_eq!(dir.stats().requests, before, "recent block still cached");
    assert_eq!(read(&dir, "f", 0..10).unwrap(), files[0].1[0..10]);
    assert_eq!(
        dir.stats().requests,
        before + 1,
        "evicted block fetched again"
    );
}

fn hits(e: &Engine, text: &str) -> Vec<(String, String)> {
    let r = e.search(&Query::text(text)).unwrap();
    r.hits.into_iter().map(|h| (h.id, h.snippet)).collect()
}

#[test]
fn the_engine_answers_the_same_through_the_range_directory() {
    let files: Files = Arc::new(index_files());
    let eager = Engine::from_files(files.iter().cloned()).unwrap();
    let (dir, broken) = directory(&files, options(512, 1, 1 << 20));
    let lazy = Engine::open(dir.clone()).unwrap();
    for q in [
        "护士",
        "电子政务",
        "\"电子政务平台\"",
        "国务院令第517号",
        "",
    ] {
        assert_eq!(hits(&lazy, q), hits(&eager, q), "{q}");
    }
    let fresh = |dir: &RangeDirectory| Engine::open(dir.clone());
    let (cold, broken_cold) = directory(&files, options(512, 0, 1 << 20));
    broken_cold.store(true, Ordering::SeqCst);
    assert!(matches!(fresh(&cold), Err(SearchError::Open(_))));
    let (cold, broken_cold) = directory(&files, options(64, 0, 1 << 20));
    let engine = fresh(&cold).unwrap();
    broken_cold.store(true, Ordering::SeqCst);
    let failed = engine.search(&Query::text("执业注册 护士"));
    assert!(matches!(failed, Err(SearchError::Search(_))), "{failed:?}");
    broken.store(true, Ordering::SeqCst);
    assert_eq!(
        hits(&lazy, "护士"),
        hits(&eager, "护士"),
        "warm cache needs no fetch"
    );
}

#[test]
fn a_hotcache_opens_the_index_without_requests() {
    let files: Files = Arc::new(index_files());
    let ram = tantivy::directory::RamDirectory::create();
    for (name, bytes) in files.iter() {
        ram.atomic_write(Path::new(name), bytes).unwrap();
    }
    let hot = Hotcache::record(ram, &[]).unwrap();
    let bytes = hot.encode();
    assert_eq!(Hotcache::decode(&bytes).unwrap(), hot);
    let (dir, _) = directory(&files, options(512, 0, 1 << 20));
    dir.load_hotcache(&bytes).unwrap();
    let engine = Engine::open(dir.clone()).unwrap();
    assert_eq!(dir.stats().requests, 0);
    assert!(!hits(&engine, "护士").is_empty());
    let read: u64 = hot.files().map(|(_, len)| len).sum();
    assert_eq!(hot.data_bytes(), read, "small files are kept whole");
    assert_eq!(dir.stats().requests, 0, "so queries need no request");

    for cut in [0, 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(Hotcache::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let other: Files = Arc::new(vec![("meta.json".into(), b"{}".to_vec())]);
    let (stale, _) = directory(&other, CacheOptions::default());
    assert!(
        stale.load_hotcache(&bytes).is_err(),
        "a hotcache of another index"
    );
}

/// Runs a future whose every await is ready at once (the tests' fetchers answer from memory).
fn ready<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut context) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("a test fetch was not ready"),
    }
}

/// A round's ranges served from `files`, every range recorded in `log`.
fn fetch_all(
    files: &Files,
    log: &std::sync::Mutex<Vec<Vec<Need>>>,
    needs: Vec<Need>,
) -> std::future::Ready<Result<Vec<Vec<u8>>, String>> {
    log.lock().unwrap().push(needs.clone());
    let body = |n: &Need| {
        let (_, bytes) = files.iter().find(|f| f.0 == n.name).unwrap();
        bytes[n.range.start as usize..n.range.end as usize].to_vec()
    };
    std::future::ready(Ok(needs.iter().map(body).collect()))
}

/// An engine over the test index that has read what a site's hotcache holds of a big index:
/// what opening it reads (every field's dictionary index among them) and what a browse query
/// reads (the column headers).
fn just_opened(files: &Files) -> (Engine, RangeDirectory, Arc<AtomicBool>) {
    let (dir, broken) = directory(files, options(64, 0, 1 << 20));
    let engine = Engine::open(dir.clone()).unwrap();
    let mut browse = Query::text("");
    browse.limit = Some(0);
    engine.search(&browse).unwrap();
    (engine, dir, broken)
}

/// A cold lazy engine over the test index, its directory and its "network down" switch. What a
/// site's hotcache holds (footers, field tables, column headers) is read synchronously first, by
/// opening the index and running a browse and a relevance query on a word no test query has, so
/// the queries tested are cold only in their own terms and documents, as on a site.
fn cold_engine(files: &Files) -> (Engine, RangeDirectory, Arc<AtomicBool>) {
    let (engine, dir, broken) = just_opened(files);
    for opening in [Query::text(""), Query::text("附则 \"条例\" 000号")] {
        let mut q = opening;
        q.limit = Some(0);
        engine.search(&q).unwrap();
    }
    (engine, dir, broken)
}

fn query(text: &str, edit: impl FnOnce(&mut Query)) -> Query {
    let mut q = Query::text(text);
    edit(&mut q);
    q
}

#[test]
fn a_warmed_query_runs_from_memory_with_the_same_results() {
    let files: Files = Arc::new(index_files());
    let eager = Engine::from_files(files.iter().cloned()).unwrap();
    let queries = [
        query("护士", |_| {}),
        query("\"电子政务平台\"", |_| {}),
        query("护士 OR 电子政务", |_| {}),
        query("电子政务 -平台", |_| {}),
        query("国务院令第517号", |_| {}),
        query("护士", |q| {
            q.filters = vec![("in_force".into(), "true".into())]
        }),
        query("管理", |q| q.sort = crate::search::Sort::Date),
        query("", |_| {}),
    ];
    for q in queries {
        let (engine, dir, broken) = cold_engine(&files);
        let before = dir.stats();
        let log = std::sync::Mutex::new(Vec::new());
        let (result, rounds) = ready(search_warmed(&engine, &dir, &q, |needs| {
            fetch_all(&files, &log, needs)
        }));
        let want = eager.search(&q).unwrap();
        assert_eq!(result.unwrap(), want, "{q:?}");
        assert_eq!(dir.stats(), before, "{q:?}: no synchronous fetch");
        assert!(!rounds.fell_back && rounds.rounds >= 1, "{q:?}: {rounds:?}");
        assert_eq!(rounds.rounds as usize, log.lock().unwrap().len());
        assert!(
            rounds.rounds <= 3,
            "dictionary, postings, documents: {q:?} {rounds:?}"
        );
        broken.store(true, Ordering::SeqCst);
        assert_eq!(engine.search(&q).unwrap(), want, "{q:?}: warm, offline");
    }
}

#[test]
fn an_absent_term_stops_after_the_dictionary_round() {
    let files: Files = Arc::new(index_files());
    let (engine, dir, _) = just_opened(&files);
    let log = std::sync::Mutex::new(Vec::new());
    let q = Query::text("量子纠缠");
    let (result, rounds) = ready(search_warmed(&engine, &dir, &q, |needs| {
        fetch_all(&files, &log, needs)
    }));
    assert_eq!(result.unwrap().total, 0);
    assert_eq!(rounds.rounds, 1, "{rounds:?}");
    let names: Vec<String> = log.lock().unwrap()[0]
        .iter()
        .map(|n| n.name.clone())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".term") || n.ends_with(".fast")),
        "only dictionaries (and the ranking's column): {names:?}"
    );
}

#[test]
fn a_round_names_each_range_once_merged_and_a_failed_round_is_an_error() {
    let files: Files = Arc::new(index_files());
    let (engine, dir, _) = cold_engine(&files);
    let log = std::sync::Mutex::new(Vec::new());
    let q = Query::text("护士 电子政务 执业");
    let _ = ready(search_warmed(&engine, &dir, &q, |needs| {
        fetch_all(&files, &log, needs)
    }));
    for round in log.lock().unwrap().iter() {
        for (i, a) in round.iter().enumerate() {
            for b in &round[i + 1..] {
                let apart = a.name != b.name
                    || a.range.end + MERGE_GAP_BYTES < b.range.start
                    || b.range.end + MERGE_GAP_BYTES < a.range.start;
                assert!(apart, "{a:?} and {b:?} should be one request");
            }
        }
    }
    let (engine, dir, _) = cold_engine(&files);
    let down = |_| std::future::ready(Err::<Vec<Vec<u8>>, _>("HTTP 503".to_string()));
    let (result, _) = ready(search_warmed(&engine, &dir, &q, down));
    assert!(matches!(result, Err(SearchError::Search(e)) if e.contains("503")));
    let short = |needs: Vec<Need>| std::future::ready(Ok(vec![vec![0u8; 1]; needs.len()]));
    let (result, _) = ready(search_warmed(&engine, &dir, &q, short));
    assert!(result.is_err(), "bytes of the wrong length are refused");
}
