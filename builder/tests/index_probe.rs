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
use probe::{median_ms, site_files, BROWSER_QUERIES, COLD_QUERIES};
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
    let dir = RamDirectory::create();
    for (name, bytes) in &index_files() {
        println!("{name} {}", bytes.len());
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

/// The index files of the site `PROBE_SITE` when set, else of `PROBE_CONTENT` built now.
fn index_files() -> Vec<(String, Vec<u8>)> {
    let Ok(site) = std::env::var("PROBE_SITE") else {
        let started = Instant::now();
        let built = index::build(&content()).unwrap();
        println!("build {:.2} s", started.elapsed().as_secs_f64());
        let files = built.files.iter().map(|(n, b)| (n.clone(), b.to_vec()));
        return files.collect();
    };
    site_files(Path::new(&site))
}

static LOG: std::sync::Mutex<Vec<(String, u64)>> = std::sync::Mutex::new(Vec::new());

fn fetcher(files: Arc<Vec<(String, Vec<u8>)>>) -> impl Fetcher {
    move |name: &str, range: std::ops::Range<u64>| {
        if std::env::var("PROBE_VERBOSE").is_ok() {
            println!("  fetch {name} {range:?}");
        }
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
        .unwrap_or(CacheOptions::default().block_size);
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
    let site = std::path::PathBuf::from(
        std::env::var("PROBE_SITE").unwrap_or_else(|_| "/tmp/lz-laws-site".into()),
    );
    let engine = Engine::from_files(site_files(&site)).unwrap();
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
        let ms = median_ms(rounds, || {
            std::hint::black_box(engine.search(&query).unwrap());
        });
        rows.push((ms, q.clone()));
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
/// query through that directory and through a `RamDirectory` (skipped with `PROBE_COLD_ONLY=1`).
/// The browser's figure is the hotcache as sent (brotli) plus the ranges; the manifest and the
/// one-byte Range probe (under 1 KiB) are left out. A measurement aid.
#[test]
#[ignore]
fn site_cold_reads_and_warm_times() {
    use gongkai_core::search::HOTCACHE_PATH;
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let files: Arc<Vec<(String, Vec<u8>)>> = Arc::new(site_files(&site));
    let hot = std::fs::read(site.join(HOTCACHE_PATH)).unwrap();
    let hot_br = hot_on_the_wire(&site.join(HOTCACHE_PATH), &hot);
    let lean = std::env::var("PROBE_LEAN").is_ok_and(|v| v == "1");
    let open = || {
        let listing = files.iter().map(|(n, b)| (n.clone(), b.len() as u64));
        let block = std::env::var("PROBE_BLOCK")
            .ok()
            .and_then(|b| b.parse().ok())
            .unwrap_or(CacheOptions::default().block_size);
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
    for q in BROWSER_QUERIES {
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
            "{q:24} browser {:4.0} KiB in {:2} requests (hotcache {:.1} KiB br, {:.0} KiB raw; ranges {:.1} KiB in {}) {by:?}",
            (s.bytes + hot_br) as f64 / 1024.0,
            s.requests + 1,
            hot_br as f64 / 1024.0,
            hot.len() as f64 / 1024.0,
            s.bytes as f64 / 1024.0,
            s.requests,
        );
    }
    if std::env::var("PROBE_COLD_ONLY").is_ok_and(|v| v == "1") {
        return;
    }
    let time = |engine: &Engine, q: &str| {
        let query = Query::text(q);
        median_ms(15, || {
            std::hint::black_box(engine.search(&query).unwrap());
        })
    };
    let (_dir, lazy) = open();
    let ram = Engine::from_files(files.iter().cloned()).unwrap();
    for q in BROWSER_QUERIES {
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
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let engine = Engine::from_files(site_files(&site)).unwrap();
    let time = |query: &Query, options: SearchOptions| {
        median_ms(21, || {
            std::hint::black_box(engine.search_with(query, options).unwrap());
        })
    };
    for q in BROWSER_QUERIES {
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

/// What the browser downloads for the hotcache: its brotli twin when the site has one (sent
/// with `Content-Encoding: br`), else the bytes compressed as the site writer would (quality 5,
/// or `PROBE_BR_QUALITY`).
fn hot_on_the_wire(path: &Path, raw: &[u8]) -> u64 {
    let mut twin = path.as_os_str().to_owned();
    twin.push(".br");
    match std::fs::metadata(&twin) {
        Ok(meta) => meta.len(),
        Err(_) => brotli_len(raw, writer_quality()),
    }
}

/// The site writer's brotli quality for the hotcache, or `PROBE_BR_QUALITY`.
fn writer_quality() -> u32 {
    std::env::var("PROBE_BR_QUALITY").map_or(5, |q| q.parse().unwrap())
}

/// Bytes of `raw` compressed by brotli at `quality`.
fn brotli_len(raw: &[u8], quality: u32) -> u64 {
    use std::io::Write;
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        enc.write_all(raw).unwrap();
    }
    out.len() as u64
}

/// What the hotcache of `PROBE_SITE` holds: per file, its ranges' count, raw bytes and brotli
/// bytes (compressed apart, so only a guide to their share of the whole).
#[test]
#[ignore]
fn hotcache_contents() {
    use gongkai_core::search::lazy::Hotcache;
    use gongkai_core::search::HOTCACHE_PATH;
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let hot = Hotcache::decode(&std::fs::read(site.join(HOTCACHE_PATH)).unwrap()).unwrap();
    let mut by: std::collections::BTreeMap<&str, (usize, Vec<u8>)> = Default::default();
    for (name, start, bytes) in hot.ranges() {
        let e = by.entry(name).or_default();
        e.0 += 1;
        e.1.extend_from_slice(bytes);
        if std::env::var("PROBE_VERBOSE").is_ok() {
            println!("  {name} {start} {}", bytes.len());
        }
    }
    let whole = std::fs::read(site.join(HOTCACHE_PATH)).unwrap();
    let br = brotli_len(&whole, writer_quality());
    println!("whole: {} B raw {br} B br", whole.len());
    for (name, (n, bytes)) in by {
        let br = brotli_len(&bytes, writer_quality());
        println!("{name:40} {n:4} ranges {:8} B raw {br:8} B br", bytes.len());
    }
}

/// The facet runs file each segment of `PROBE_SITE` would get (see
/// `gongkai_core::search::facet_runs`): raw and brotli 11 bytes. A measurement aid.
#[test]
#[ignore]
fn facet_runs_size() {
    use gongkai_core::search::facet_runs::SegmentRuns;
    use gongkai_core::search::tantivy::{self, directory::RamDirectory, Directory};
    let site = std::path::PathBuf::from(std::env::var("PROBE_SITE").expect("PROBE_SITE"));
    let dir = RamDirectory::create();
    for (name, bytes) in site_files(&site) {
        dir.atomic_write(Path::new(&name), &bytes).unwrap();
    }
    let index = tantivy::Index::open(dir).unwrap();
    let reader = index.reader().unwrap();
    for segment in reader.searcher().segment_readers() {
        let raw = SegmentRuns::of_segment(segment).unwrap().encode();
        let kib = |n: u64| n as f64 / 1024.0;
        println!(
            "{} documents: runs {:.1} KiB raw, {:.1} KiB brotli",
            segment.max_doc(),
            kib(raw.len() as u64),
            kib(brotli_len(&raw, 11))
        );
    }
}
