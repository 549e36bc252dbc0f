//! Aligning and comparing two texts of a real regulation, with criterion:
//! `cargo bench -p gongkai --bench versions`.
//!
//! A benchmark, not a test: it measures and prints. Its inputs are the largest pair of texts of
//! one law in the real corpus (`../shared/corpus/lawrefbook`, read in place): 民事诉讼法 as of
//! 2021-12-24 and 2023-09-01, about 290 articles each, against the target of aligning a
//! 200-article regulation in 50 ms. `align` is the matching alone; `compare` adds every changed
//! article's character diff, which is what a comparison page is built from.

use criterion::Criterion;
use gongkai_core::structure::{marker_at_start, Unit};
use gongkai_core::versions::{align, compare, Article, ArticleText};
use std::hint::black_box;
use std::path::Path;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/lawrefbook/诉讼与非诉讼程序法"
);
const PAIR: [&str; 2] = ["民事诉讼法(2021-12-24).md", "民事诉讼法(2023-09-01).md"];

fn main() {
    let texts: Vec<Vec<ArticleText>> = PAIR
        .iter()
        .map(|name| {
            let path = Path::new(CORPUS).join(name);
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                eprintln!("bench versions: cannot read {}: {e}", path.display());
                std::process::exit(2);
            });
            articles(&text)
        })
        .collect();
    eprintln!(
        "bench versions: {} and {} articles",
        texts[0].len(),
        texts[1].len()
    );
    let mut c = Criterion::default().configure_from_args();
    let inputs = |xs: &[ArticleText]| -> Vec<(Option<u32>, String)> {
        xs.iter()
            .map(|a| (marker_at_start(&a.label).map(|m| m.number), a.text.clone()))
            .collect()
    };
    let (old, new) = (inputs(&texts[0]), inputs(&texts[1]));
    c.bench_function("versions/align", |b| {
        b.iter(|| black_box(align(&borrowed(&old), &borrowed(&new))))
    });
    c.bench_function("versions/compare", |b| {
        b.iter(|| black_box(compare(&texts[0], &texts[1])))
    });
    c.final_summary();
}

/// What alignment reads of each article.
fn borrowed(xs: &[(Option<u32>, String)]) -> Vec<Article<'_>> {
    xs.iter()
        .map(|(n, t)| Article {
            number: *n,
            text: t,
        })
        .collect()
}

/// The articles of a LawRefBook file: each line opening with 第X条 starts one, and the lines
/// up to the next article or heading belong to it.
fn articles(text: &str) -> Vec<ArticleText> {
    let mut out: Vec<ArticleText> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match marker_at_start(line) {
            Some(m) if m.unit == Unit::Article => out.push(ArticleText {
                anchor: format!("art-{}", m.number),
                label: m.label.clone(),
                text: line[m.len..].trim_start().to_string(),
            }),
            Some(_) => {}
            None if line.starts_with('#') => {}
            None => {
                if let Some(last) = out.last_mut() {
                    last.text.push('\n');
                    last.text.push_str(line);
                }
            }
        }
    }
    out
}
