//! Search quality on the real corpus: recall@10 and MRR over `fixtures/quality/queries.toml`.
//!
//! Imports ../shared/corpus/lawrefbook with the gongkai binary, checks it, indexes it with the
//! builder's index writer and asks the same engine the browser uses. Fails below recall@10 =
//! 0.9, or when a 文号 lookup marked `first` is not the first hit. Prints recall, MRR, latency
//! and the index size and build time, so the figures in reports come from here.

use gongkai::index;
use gongkai_core::search::{Engine, Query};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const QUERIES: &str = include_str!("fixtures/quality/queries.toml");
const MIN_RECALL: f64 = 0.9;

#[derive(Debug, Deserialize)]
struct Queries {
    query: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    text: String,
    /// Titles of right answers.
    expect: Vec<String>,
    /// A right answer must be the first hit (文号 lookups).
    #[serde(default)]
    first: bool,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/lawrefbook")
}

/// Imports the corpus into `dir/content` with the gongkai binary.
fn import(dir: &Path) -> PathBuf {
    let content = dir.join("content");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["import", "lawrefbook"])
        .arg(corpus())
        .arg(&content)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    content
}

/// The 1-based rank of the first right answer in the top 10.
fn rank(engine: &Engine, case: &Case) -> (Option<usize>, Duration) {
    let started = Instant::now();
    let results = engine
        .search(&Query {
            limit: Some(10),
            ..Query::text(case.text.as_str())
        })
        .unwrap();
    let took = started.elapsed();
    let rank = results
        .hits
        .iter()
        .position(|h| case.expect.contains(&h.title))
        .map(|i| i + 1);
    (rank, took)
}

/// Deep links work only if the index cuts articles exactly where the renderer puts anchors:
/// checked on every 7th item of the real corpus (all of them is slow in debug builds).
fn assert_anchors_match_the_renderer(content: &gongkai::load::Content) {
    for source in content.items.iter().step_by(7) {
        let body = source.body().unwrap();
        let ours: Vec<(String, String)> = index::cut(&body)
            .articles
            .into_iter()
            .map(|a| (a.anchor, a.label))
            .collect();
        let toc = gongkai::render::render(&body).toc;
        let rendered: Vec<&str> = toc
            .iter()
            .filter(|t| t.anchor.starts_with("art-"))
            .map(|t| t.anchor.as_str())
            .collect();
        let anchors: Vec<&str> = ours.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(anchors, rendered, "{}", source.path.display());
        assert!(
            ours.iter()
                .all(|(_, label)| label.starts_with('第') && label.ends_with('条')),
            "{}",
            source.path.display()
        );
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[test]
fn recall_at_10_on_the_real_corpus() {
    assert!(
        corpus().is_dir(),
        "the corpus is missing at {}",
        corpus().display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let content = gongkai::validate::check(&import(tmp.path()))
        .unwrap_or_else(|d| panic!("{} problems", d.len()));
    let titles: std::collections::HashSet<&str> =
        content.items.iter().map(|s| s.item.title()).collect();

    assert_anchors_match_the_renderer(&content);
    let started = Instant::now();
    let built = index::build(&content).unwrap();
    let build_time = started.elapsed();
    let size: usize = built.files.iter().map(|f| f.1.len()).sum();
    let engine = Engine::from_files(built.files.into_iter().map(|(n, b)| (n, b.to_vec()))).unwrap();
    println!(
        "index: {} items, {} articles, {:.1} MB, built in {:.1} s",
        built.items,
        built.articles,
        size as f64 / 1e6,
        build_time.as_secs_f64()
    );

    let cases: Queries = toml::from_str(QUERIES).unwrap();
    assert!(cases.query.len() >= 40, "{} queries", cases.query.len());
    let (mut found, mut rr, mut times, mut misses) = (0, 0.0, Vec::new(), Vec::new());
    for case in &cases.query {
        assert!(
            case.expect.iter().any(|t| titles.contains(t.as_str())),
            "no item titled {:?}",
            case.expect
        );
        let (rank, took) = rank(&engine, case);
        times.push(took);
        if let Some(r) = rank {
            found += 1;
            rr += 1.0 / r as f64;
        }
        if rank.is_none() || (case.first && rank != Some(1)) {
            misses.push(format!("{:?}: rank {rank:?}", case.text));
        }
    }
    times.sort();
    let n = cases.query.len() as f64;
    let recall = found as f64 / n;
    println!(
        "queries {}, recall@10 {recall:.3}, MRR {:.3}",
        cases.query.len(),
        rr / n
    );
    println!(
        "latency p50 {:?}, p95 {:?}, max {:?}",
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
    for m in &misses {
        println!("miss: {m}");
    }
    assert!(
        recall >= MIN_RECALL,
        "recall@10 {recall:.3} < {MIN_RECALL}; misses: {misses:#?}"
    );
    let first_misses: Vec<&String> = misses.iter().filter(|m| !m.ends_with("None")).collect();
    assert!(
        first_misses.is_empty(),
        "文号 lookups not first: {first_misses:?}"
    );
}
