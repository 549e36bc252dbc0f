//! Search quality on the real corpus: recall@10 and MRR over two query sets.
//!
//! - `fixtures/quality/queries.toml`: 48 well-formed queries (topic words, titles, 文号);
//! - `fixtures/quality/typed.toml`: queries as citizens type them (traditional characters,
//!   简称, a word left out, punctuation left out, Latin letters, most of a title), written as a
//!   held-out set from the corpus alone, each with its `kind`.
//!
//! Imports ../shared/corpus/lawrefbook with the gongkai binary, checks it, indexes it with the
//! builder's index writer and asks the same engine the browser uses. Fails when a set is below
//! its targets, or when a 文号 lookup marked `first` is not the first hit. Prints recall, MRR
//! (per kind too), latency and the index size and build time, so the figures in reports come
//! from here. On the same index it also checks the cold first queries read lazily in parallel
//! rounds (`cold`).

mod cold;

use gongkai::index;
use gongkai_core::search::{Engine, Query};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const QUERIES: &str = include_str!("fixtures/quality/queries.toml");
const TYPED: &str = include_str!("fixtures/quality/typed.toml");

/// A query set and its targets: recall@10 and MRR at least.
struct Set {
    name: &'static str,
    toml: &'static str,
    min_recall: f64,
    min_mrr: f64,
}

const SETS: [Set; 2] = [
    Set {
        name: "well-formed (queries.toml)",
        toml: QUERIES,
        min_recall: 1.0,
        min_mrr: 0.895,
    },
    Set {
        name: "as typed (typed.toml)",
        toml: TYPED,
        min_recall: 0.95,
        min_mrr: 0.85,
    },
];

#[derive(Debug, Deserialize)]
struct Queries {
    query: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    /// What kind of typing it stands for (typed.toml only).
    #[serde(default)]
    kind: String,
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
fn recall_at_10_and_cold_rounds_on_the_real_corpus() {
    assert!(
        corpus().is_dir(),
        "the corpus is missing at {}",
        corpus().display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let content = gongkai::validate::check(&import(tmp.path()))
        .unwrap_or_else(|d| panic!("{} problems", d.len()));
    let titles: HashSet<&str> = content.items.iter().map(|s| s.item.title()).collect();

    assert_anchors_match_the_renderer(&content);
    let started = Instant::now();
    let built = index::build(&content).unwrap();
    let build_time = started.elapsed();
    let size: usize = built.files.iter().map(|f| f.1.len()).sum();
    let files: Vec<(String, Vec<u8>)> = built
        .files
        .into_iter()
        .map(|(n, b)| (n, b.to_vec()))
        .collect();
    let engine = Engine::from_files(files.clone()).unwrap();
    println!(
        "index: {} items, {} articles, {:.1} MB, built in {:.1} s",
        built.items,
        built.articles,
        size as f64 / 1e6,
        build_time.as_secs_f64()
    );

    let mut failures = cold::check_rounds(files, &built.hotcache, &engine);
    for set in &SETS {
        failures.extend(evaluate(&engine, &titles, set));
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Runs one set; prints its figures and misses; returns what falls short of its targets.
fn evaluate(engine: &Engine, titles: &HashSet<&str>, set: &Set) -> Vec<String> {
    let cases: Queries = toml::from_str(set.toml).unwrap();
    assert!(cases.query.len() >= 40, "{} queries", cases.query.len());
    let mut times = Vec::new();
    let mut ranks = Vec::new();
    let mut failures = Vec::new();
    for case in &cases.query {
        assert!(
            case.expect.iter().any(|t| titles.contains(t.as_str())),
            "no item titled {:?}",
            case.expect
        );
        let (rank, took) = rank(engine, case);
        times.push(took);
        ranks.push((case, rank));
        if rank.is_none() {
            println!("miss: {:?} ({}): not in the top 10", case.text, case.kind);
        } else if rank != Some(1) {
            println!(
                "rank {}: {:?} ({})",
                rank.unwrap_or(0),
                case.text,
                case.kind
            );
        }
        if case.first && rank != Some(1) {
            failures.push(format!(
                "{}: 文号 lookup {:?} not first: {rank:?}",
                set.name, case.text
            ));
        }
    }
    times.sort();
    let (recall, mrr) = figures(ranks.iter().map(|(_, r)| *r));
    println!(
        "{}: {} queries, recall@10 {recall:.3}, MRR {mrr:.3}; latency p50 {:?}, p95 {:?}, max {:?}",
        set.name,
        ranks.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
    let mut kinds: Vec<&str> = ranks.iter().map(|(c, _)| c.kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds.iter().filter(|k| !k.is_empty()) {
        let of_kind = ranks
            .iter()
            .filter(|(c, _)| c.kind == *kind)
            .map(|(_, r)| *r);
        let n = ranks.iter().filter(|(c, _)| c.kind == *kind).count();
        let (recall, mrr) = figures(of_kind);
        println!("  {kind}: {n} queries, recall@10 {recall:.3}, MRR {mrr:.3}");
    }
    if recall < set.min_recall {
        failures.push(format!(
            "{}: recall@10 {recall:.3} < {}",
            set.name, set.min_recall
        ));
    }
    if mrr < set.min_mrr {
        failures.push(format!("{}: MRR {mrr:.3} < {}", set.name, set.min_mrr));
    }
    failures
}

/// Recall@10 and MRR of 1-based ranks (`None`: not in the top 10).
fn figures(ranks: impl Iterator<Item = Option<usize>>) -> (f64, f64) {
    let (mut n, mut found, mut rr) = (0usize, 0usize, 0.0);
    for rank in ranks {
        n += 1;
        if let Some(r) = rank {
            found += 1;
            rr += 1.0 / r as f64;
        }
    }
    let n = n.max(1) as f64;
    (found as f64 / n, rr / n)
}
