//! Native query latency over a built site's index: `cargo bench -p gongkai --bench query`.
//!
//! A benchmark, not a test: it measures and prints, it never fails on a number. It opens the
//! index of `GONGKAI_BENCH_SITE` (default `/tmp/laws-site`, built from the real corpus as the
//! README says) with the same core engine the browser runs, then times every query of the
//! search-quality set, warm, many times over, and prints medians and p95.

use gongkai_core::search::{Engine, Manifest, Query, INDEX_DIR, MANIFEST_PATH};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;

fn main() {
    let site = PathBuf::from(
        std::env::var("GONGKAI_BENCH_SITE").unwrap_or_else(|_| "/tmp/laws-site".into()),
    );
    let engine = match open(&site) {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!(
                "bench query: cannot open the index of {}: {e}",
                site.display()
            );
            std::process::exit(2);
        }
    };
    let queries = queries();
    for q in &queries {
        let _ = engine.search(q); // warm caches once
    }
    let mut all = Vec::new();
    for _ in 0..ROUNDS {
        for q in &queries {
            let start = Instant::now();
            let results = engine.search(q);
            all.push(start.elapsed());
            std::hint::black_box(results.map(|r| r.total).unwrap_or(0));
        }
    }
    report(&site, queries.len(), &mut all);
}

fn open(site: &Path) -> Result<Engine, String> {
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(site.join(MANIFEST_PATH)).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let files = manifest
        .files
        .iter()
        .map(|f| std::fs::read(site.join(INDEX_DIR).join(&f.name)).map(|b| (f.name.clone(), b)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Engine::from_files(files).map_err(|e| e.to_string())
}

/// The 48 queries of the quality test, plus the empty query (browse with facets).
fn queries() -> Vec<Query> {
    let text = include_str!("../tests/fixtures/quality/queries.toml");
    let mut out: Vec<Query> = text
        .lines()
        .filter_map(|l| l.strip_prefix("text = "))
        .filter_map(|v| serde_json::from_str::<String>(v).ok())
        .map(|text| Query {
            text,
            limit: Some(10),
            ..Query::default()
        })
        .collect();
    out.push(Query {
        limit: Some(10),
        ..Query::default()
    });
    out
}

fn report(site: &Path, queries: usize, times: &mut [Duration]) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "query latency, {} ({queries} queries x {ROUNDS} rounds, warm): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        site.display(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}
