//! Native query latency over a built site's index, with criterion: `cargo bench -p gongkai --bench query`.
//!
//! A benchmark, not a test: it measures and prints, it never fails on a number. It opens the
//! index of `GONGKAI_BENCH_SITE` (default `/tmp/laws-site`, built from the real corpus as the
//! README says) with the same core engine the browser runs, all files in memory, and times every
//! query of the search-quality set (plus the empty query, which browses with facets), warm, as
//! one criterion benchmark each. The group is named `GONGKAI_BENCH_GROUP` (default `query`), so
//! two sites keep separate results under `target/criterion/<group>/`; each benchmark's id is the
//! query's number and its parameter the query text. `scripts/bench.sh` reads criterion's saved
//! estimates from there. Criterion's own flags work after `--` (e.g. `--measurement-time 2`).

use criterion::{BenchmarkId, Criterion};
use gongkai_core::search::{Engine, Manifest, Query, INDEX_DIR, MANIFEST_PATH};
use serde::Deserialize;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn main() {
    let site = PathBuf::from(
        std::env::var("GONGKAI_BENCH_SITE").unwrap_or_else(|_| "/tmp/laws-site".into()),
    );
    let group = std::env::var("GONGKAI_BENCH_GROUP").unwrap_or_else(|_| "query".into());
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
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion, &group, &engine);
    criterion.final_summary();
}

/// One benchmark per query, each id `NN` with the query text (or `(browse)`) as its parameter.
fn bench(c: &mut Criterion, group: &str, engine: &Engine) {
    let mut g = c.benchmark_group(group);
    for (i, query) in queries().iter().enumerate() {
        let label = if query.text.is_empty() {
            "(browse)".to_string()
        } else {
            query.text.clone()
        };
        let id = BenchmarkId::new(format!("{:02}", i + 1), label);
        g.bench_with_input(id, query, |b, q| {
            b.iter(|| black_box(engine.search(q).map(|r| r.total).unwrap_or(0)))
        });
    }
    g.finish();
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

/// The quality test's query file; only the texts matter here.
#[derive(Deserialize)]
struct QuerySet {
    query: Vec<QueryText>,
}

#[derive(Deserialize)]
struct QueryText {
    text: String,
}

/// The 48 queries of the quality test, plus the empty query (browse with facets); 10 hits each.
fn queries() -> Vec<Query> {
    let set: QuerySet = toml::from_str(include_str!("../tests/fixtures/quality/queries.toml"))
        .expect("the quality query set parses");
    set.query
        .into_iter()
        .map(|q| q.text)
        .chain([String::new()])
        .map(|text| Query {
            text,
            limit: Some(10),
            ..Query::default()
        })
        .collect()
}
