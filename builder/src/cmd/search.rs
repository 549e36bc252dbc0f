//! `gongkai search`: query a built site's index from the terminal, through the browser's engine.
//!
//! It loads the files listed in `search/manifest.json` into memory and opens them with
//! `gongkai_core::search::Engine`, exactly as the web worker does, so what the CLI finds is
//! what a visitor finds.

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use gongkai_core::search::{
    Engine, Hit, Manifest, Query, Results, SearchError, Sort, INDEX_DIR, MANIFEST_PATH,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The built site folder.
    #[arg(long, default_value = "site")]
    pub site: PathBuf,
    /// Print exactly one JSON object: {"total", "hits", "facets", "partial", "exact"}.
    #[arg(long)]
    pub json: bool,
    /// How many hits to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// How many hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// A facet filter KEY=VALUE (issuer, category, year, status, in_force); repeat for more.
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    pub filters: Vec<String>,
    /// The order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Search regulations' earlier texts (versions) too.
    #[arg(long)]
    pub versions: bool,
    /// The query: words (all must match), "phrases", OR, -excluded, or a 文号. Empty lists everything.
    #[arg(allow_hyphen_values = true, trailing_var_arg = true)]
    pub query: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

/// Runs one search; exit 2 for a bad filter or a missing index.
pub fn run(args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let query = Query {
        text: args.query.join(" "),
        filters: parse_filters(&args.filters)?,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        offset: args.offset,
        limit: Some(args.limit),
        versions: args.versions,
    };
    let engine = open(&args.site)?;
    let results = match engine.search(&query) {
        Ok(results) => results,
        Err(e @ SearchError::UnknownFilter(_)) => bail!("{e}"),
        Err(e) => return Err(e).context("searching"),
    };
    if args.json {
        println!("{}", serde_json::to_string(&results)?);
    } else {
        print!("{}", readable(&query.text, &results));
    }
    Ok(ExitCode::SUCCESS)
}

/// `KEY=VALUE` pairs; anything else is refused before searching.
fn parse_filters(raw: &[String]) -> anyhow::Result<Vec<(String, String)>> {
    raw.iter()
        .map(|f| match f.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                Ok((k.trim().to_string(), v.trim().to_string()))
            }
            _ => bail!("--filter {f:?} is not KEY=VALUE (e.g. year=2022)"),
        })
        .collect()
}

/// Loads the index files the manifest lists, checking sizes and hashes, and opens the engine.
pub fn open(site: &Path) -> anyhow::Result<Engine> {
    let manifest_path = site.join(MANIFEST_PATH);
    let text = std::fs::read(&manifest_path).with_context(|| {
        format!(
            "reading {} (was the site built with this gongkai?)",
            manifest_path.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .with_context(|| format!("parsing {}", manifest_path.display()))?;
    manifest
        .check(u64::MAX)
        .with_context(|| format!("{} (rebuild the site)", manifest_path.display()))?;
    let mut files = Vec::with_capacity(manifest.files.len());
    for f in &manifest.files {
        let path = site.join(INDEX_DIR).join(&f.name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        if !f.holds(&bytes) {
            bail!(
                "{} does not match the manifest; rebuild the site",
                path.display()
            );
        }
        files.push((f.name.clone(), bytes));
    }
    Engine::from_files(files).context("opening the search index")
}

/// Results as text for a person: one block per hit, then the facets.
fn readable(text: &str, results: &Results) -> String {
    let mut out = format!("{} result(s) for {:?}\n", results.total, text);
    if results.partial {
        out.push_str(&format!(
            "(only {} match every word; the rest match most of them)\n",
            results.exact
        ));
    }
    for (n, hit) in results.hits.iter().enumerate() {
        out.push_str(&hit_block(n + 1, hit));
    }
    for (facet, counts) in &results.facets {
        let values: Vec<String> = counts
            .iter()
            .take(8)
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect();
        if !values.is_empty() {
            out.push_str(&format!("{facet}: {}\n", values.join(", ")));
        }
    }
    out
}

fn hit_block(n: usize, hit: &Hit) -> String {
    let meta: Vec<&str> = [
        hit.doc_no.as_deref(),
        hit.date.as_deref(),
        hit.status.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let title = match &hit.version {
        Some(date) => format!("{}（{date} 文本，非现行）", hit.title),
        None => hit.title.clone(),
    };
    let mut out = format!(
        "\n{n}. {title}  [{}]\n   {}\n   {}\n",
        meta.join(" · "),
        hit.url,
        plain(&hit.snippet)
    );
    for a in &hit.articles {
        out.push_str(&format!(
            "   - {} {}  {}\n",
            a.label,
            a.url,
            plain(&a.snippet)
        ));
    }
    out.push('\n');
    out
}

/// Snippet HTML as terminal text: marks become 【】, entities are decoded.
fn plain(html: &str) -> String {
    html.replace("<mark>", "【")
        .replace("</mark>", "】")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
