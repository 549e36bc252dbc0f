//! Measurement probes for the index on the real corpus (ignored by default; run with
//! `cargo test --release -p gongkai --test index_probe -- --ignored --nocapture`).
//! `PROBE_CONTENT` names the content folder (default `/tmp/ix-laws`), `PROBE_BLOCK` the range
//! directory's block size, and `PROBE_LEAN=1` leaves facet counts out of the cold query.

mod probe;

use gongkai::index;
use gongkai_core::search::lazy::{CacheOptions, Fetcher, RangeDirectory, RecordingDirectory};
use gongkai_core::search::tantivy::directory::{Directory, RamDirectory};
use gongkai_core::search::tantivy::Index;
use gongkai_core::search::{Engine, Query, SearchOptions};
use probe::COLD_QUERIES;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

fn content() -> gongkai::load::Content {
    let dir = std::env::var("PROBE_CONTENT").unwrap_or_else(|_| "/tmp/ix-laws".into());
    gongkai::validate::check(Path::new(&dir)).unwrap_or_else(|d| panic!("{} problems", d.len()))
}

#[test]
#[ignore]
fn space_usage_per_field() {
    let content = content();
    let started = Instant::now();
    let built = index::build(&content).unwrap();
    println!("build {:.2} s", started.elapsed().as_secs_f64());
    for (name, bytes) in &built.files {
        println!("{name} {}", bytes.len());
    }
    let dir = RamDirectory::create();
    for (name, bytes) in &built.files {
        dir.atomic_write(Path::new(name), bytes).unwrap();
    }
    let index = Index::open(dir).unwrap();
    gongkai_core::search::tokenizer::register(&index);
    let reader = index.reader().unwrap();
    let usage = reader.searcher().space_usage().unwrap();
    for seg in usage.segments() {
        for (what, per) in [
            ("termdict", seg.termdict()),
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("fieldnorms", seg.fieldnorms()),
            ("fast", seg.fast_fields()),
        ] {
            for f in per.fields() {
                println!("{what:10} {:14} {}", f.field_name(), f.total().get_bytes());
            }
        }
        let store = seg.store();
        println!(
            "store data {} offsets {}",
            store.data_usage().get_bytes(),
            store.offsets_usage().get_bytes()
        );
    }
}

static LOG: std::sync::Mutex<Vec<(String, u64)>> = std::sync::Mutex::new(Vec::new());

fn fetcher(files: Arc<Vec<(String, Vec<u8>)>>) -> impl Fetcher {
    move |name: &str, range: std::ops::Range<u64>| {
        LOG.lock().unwrap().push((
            name.rsplit('.').next().unwrap().to_string(),
            range.end - range.start,
        ));
        let (_, bytes) = files.iter().find(|f| f.0 == name).ok_or("404")?;
        Ok(bytes[range.start as usize..range.end as usize].to_vec())
    }
}

/// Cold first-query cost through the range directory: hotcache plus fetched blocks.
#[test]
#[ignore]
fn cold_first_query_bytes() {
    let content = content();
    let built = index::build(&content).unwrap();
    let files: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        built
            .files
            .iter()
            .map(|(n, b)| (n.clone(), b.to_vec()))
            .collect(),
    );
    let hot_bytes = built.hotcache.clone();
    println!("hotcache {} bytes", hot_bytes.len());
    let block: u64 = std::env::var("PROBE_BLOCK")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(2048);
    let ahead: u64 = std::env::var("PROBE_AHEAD")
        .ok()
        .and_then(|b| b.parse().ok())
        .unwrap_or(0);
    let mut totals = Vec::new();
    for q in COLD_QUERIES {
        let listing = files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
        let options = CacheOptions {
            block_size: block,
            read_ahead: ahead,
            max_cache_bytes: 64 << 20,
        };
        let dir = RangeDirectory::new(listing, fetcher(files.clone()), options);
        dir.load_hotcache(&hot_bytes).unwrap();
        let engine = Engine::open(dir.clone()).unwrap();
        let opened = dir.stats();
        let lean = std::env::var("PROBE_LEAN").is_ok_and(|v| v == "1");
        let r = engine
            .search_with(&Query::text(q), SearchOptions { facets: !lean })
            .unwrap();
        let s = dir.stats();
        let mut by: std::collections::BTreeMap<String, (usize, u64)> = Default::default();
        for (e, n) in LOG.lock().unwrap().drain(..) {
            let x = by.entry(e).or_default();
            x.0 += 1;
            x.1 += n;
        }
        println!("   {by:?}");
        let total = hot_bytes.len() as u64 + s.bytes;
        totals.push(total);
        println!(
            "{q:24} hits {:3} total {:6}  open-requests {} | query requests {:3} bytes {:8} | cold total {:.0} KiB",
            r.hits.len(), r.total, opened.requests, s.requests, s.bytes, total as f64 / 1024.0
        );
    }
    totals.sort();
    println!(
        "median cold total {:.0} KiB, max {:.0} KiB",
        totals[totals.len() / 2] as f64 / 1024.0,
        totals[totals.len() - 1] as f64 / 1024.0
    );
}

/// What a query reads, by file kind.
#[test]
#[ignore]
fn reads_by_file() {
    let content = content();
    let built = index::build(&content).unwrap();
    let dir = RamDirectory::create();
    for (name, bytes) in &built.files {
        dir.atomic_write(Path::new(name), bytes).unwrap();
    }
    let rec = RecordingDirectory::new(dir);
    let engine = Engine::open(rec.clone()).unwrap();
    summarize("open", rec.take());
    for q in COLD_QUERIES {
        engine.search(&Query::text(q)).unwrap();
        summarize(q, rec.take());
    }
}

fn summarize(what: &str, reads: Vec<gongkai_core::search::lazy::Read>) {
    let mut by: std::collections::BTreeMap<String, (usize, u64)> = Default::default();
    for (name, r) in reads {
        let ext = name.rsplit('.').next().unwrap_or("").to_string();
        let e = by.entry(ext).or_default();
        e.0 += 1;
        e.1 += r.end - r.start;
    }
    println!("{what:20} {by:?}");
}

/// Per-query warm latency over a built site (`PROBE_SITE`, default `/tmp/lz-laws-site`):
/// the slowest queries first, median of `PROBE_ROUNDS` runs each, and the phases' shares when
/// asked for (`SearchOptions`). A measurement aid: it never asserts on a time.
#[test]
#[ignore]
fn query_times() {
    use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};
    let site = std::path::PathBuf::from(
        std::env::var("PROBE_SITE").unwrap_or_else(|_| "/tmp/lz-laws-site".into()),
    );
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(site.join(MANIFEST_PATH)).unwrap()).unwrap();
    let files = manifest.files.iter().map(|f| {
        let bytes = std::fs::read(site.join(INDEX_DIR).join(&f.name)).unwrap();
        (f.name.clone(), bytes)
    });
    let engine = Engine::from_files(files).unwrap();
    let rounds: usize = std::env::var("PROBE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(9);
    let text = include_str!("fixtures/quality/queries.toml");
    let mut queries: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("text = "))
        .filter_map(|v| serde_json::from_str::<String>(v).ok())
        .collect();
    queries.extend(COLD_QUERIES.iter().map(|q| q.to_string()));
    let mut rows = Vec::new();
    for q in &queries {
        let query = Query {
            limit: Some(10),
            ..Query::text(q.as_str())
        };
        engine.search(&query).unwrap();
        let mut times: Vec<f64> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(engine.search(&query).unwrap());
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        rows.push((times[times.len() / 2], q.clone()));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, q) in &rows {
        println!("{ms:8.2} ms  {q}");
    }
}

/// Writes the index of `PROBE_CONTENT` into `PROBE_OUT/search-index` (with its manifest and
/// hotcache), so the query benchmark and `query_times` can run on it without a full site build.
#[test]
#[ignore]
fn write_index_folder() {
    let out = std::path::PathBuf::from(std::env::var("PROBE_OUT").expect("PROBE_OUT"));
    let report = index::write_index(&content(), &out.join("search-index")).unwrap();
    println!("{report:?}");
}

/// The browser benchmark's queries (tests/bench/queries.mjs) on a built site (`PROBE_SITE`):
/// cold reads by file through the range directory and its hotcache, then the warm time per
/// query through that directory and through a `RamDirectory`. A measurement aid.
#[test]
#[ignore]
fn site_cold_reads_and_warm_times() {
    use gongkai_core::search::{Manifest, HOTCACHE_PATH, INDEX_DIR, MANIFEST_PATH};
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(site.join(MANIFEST_PATH)).unwrap()).unwrap();
    let files: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        manifest
            .files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(site.join(INDEX_DIR).join(&f.name)).unwrap();
                (f.name.clone(), bytes)
            })
            .collect(),
    );
    let hot = std::fs::read(site.join(HOTCACHE_PATH)).unwrap();
    let queries = [
        "行政许可",
        "环境保护",
        "国务院令第517号",
        "安全 OR 保密",
        "\"突发事件应对\"",
        "劳动合同 解除",
        "食品安全",
        "互联网 -电子",
    ];
    let lean = std::env::var("PROBE_LEAN").is_ok_and(|v| v == "1");
    let open = || {
        let listing = files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
        let block = std::env::var("PROBE_BLOCK")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(2048);
        let options = CacheOptions {
            block_size: block,
            ..CacheOptions::default()
        };
        let dir = RangeDirectory::new(listing, fetcher(files.clone()), options);
        dir.load_hotcache(&hot).unwrap();
        let engine = Engine::open(dir.clone()).unwrap();
        LOG.lock().unwrap().clear();
        (dir, engine)
    };
    for q in queries {
        let (dir, engine) = open();
        engine
            .search_with(&Query::text(q), SearchOptions { facets: !lean })
            .unwrap();
        let s = dir.stats();
        let mut by: std::collections::BTreeMap<String, (usize, u64)> = Default::default();
        for (e, n) in LOG.lock().unwrap().drain(..) {
            let x = by.entry(e).or_default();
            x.0 += 1;
            x.1 += n;
        }
        println!(
            "{q:24} cold {:4.0} KiB ({} requests, hotcache {:.0} KiB raw) {by:?}",
            (s.bytes + hot.len() as u64) as f64 / 1024.0,
            s.requests,
            hot.len() as f64 / 1024.0
        );
    }
    let rounds = 15;
    let time = |engine: &Engine, q: &str| {
        let query = Query::text(q);
        engine.search(&query).unwrap();
        let mut t: Vec<f64> = (0..rounds)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(engine.search(&query).unwrap());
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[rounds / 2]
    };
    let (_dir, lazy) = open();
    let ram = Engine::from_files(files.iter().cloned()).unwrap();
    for q in queries {
        println!(
            "{q:24} warm range {:6.2} ms, ram {:6.2} ms",
            time(&lazy, q),
            time(&ram, q)
        );
    }
}

/// Warm time per query on a built site (`PROBE_SITE`), whole and without hits (limit 0) and
/// without facets, so the phases' shares show. A measurement aid.
#[test]
#[ignore]
fn site_phase_times() {
    use gongkai_core::search::{Manifest, INDEX_DIR, MANIFEST_PATH};
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(site.join(MANIFEST_PATH)).unwrap()).unwrap();
    let files = manifest.files.iter().map(|f| {
        let bytes = std::fs::read(site.join(INDEX_DIR).join(&f.name)).unwrap();
        (f.name.clone(), bytes)
    });
    let engine = Engine::from_files(files).unwrap();
    let time = |query: &Query, options: SearchOptions| {
        engine.search_with(query, options).unwrap();
        let mut t: Vec<f64> = (0..21)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(engine.search_with(query, options).unwrap());
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[10]
    };
    for q in [
        "行政许可",
        "环境保护",
        "国务院令第517号",
        "安全 OR 保密",
        "\"突发事件应对\"",
        "劳动合同 解除",
        "食品安全",
        "互联网 -电子",
    ] {
        let full = Query::text(q);
        let none = Query {
            limit: Some(0),
            ..Query::text(q)
        };
        let all = SearchOptions::default();
        let lean = SearchOptions { facets: false };
        println!(
            "{q:24} full {:6.2} ms | no hits {:6.2} | no facets {:6.2} | neither {:6.2}",
            time(&full, all),
            time(&none, all),
            time(&full, lean),
            time(&none, lean)
        );
    }
}
