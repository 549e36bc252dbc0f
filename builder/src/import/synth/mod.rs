//! `gongkai import synth`: a large, deterministic synthetic corpus built from the real one, to
//! measure checking, building and searching at the scale of a whole city's output.
//!
//! Stages: `pool` reads the real corpus (through the `lawrefbook` importer's parsing) into
//! articles, title phrases, chapter names and cities; `vocab` makes departments and topics;
//! `plan` (with `links`) decides every item's metadata; `text` writes its words from the pool
//! and `emit` streams each item to its file. Randomness comes only from `rng`, seeded, and
//! inputs are read in path order, so the same arguments give byte-identical output.

mod emit;
mod links;
mod plan;
mod pool;
mod rng;
mod text;
mod vocab;

use anyhow::bail;
use gongkai_core::Status;
use std::path::PathBuf;

pub use gongkai_core::numeral::chinese as chinese_numeral;

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 20_250_419;
/// More items than this would make ids and shards unwieldy; nobody needs it for a benchmark.
pub const MAX_ITEMS: u32 = 10_000_000;

/// What to generate, and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The real corpus (LawRefBook layout).
    pub src: PathBuf,
    /// The new content folder; must be empty or absent.
    pub dest: PathBuf,
    pub items: u32,
    pub seed: u64,
}

/// The counts `gongkai import synth` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub laws: usize,
    pub articles: usize,
    pub phrases: usize,
    pub departments: usize,
    pub topics: usize,
    pub regulations: usize,
    pub disclosures: usize,
    pub publications: usize,
    pub with_doc_no: usize,
    pub amended: usize,
    pub repealed: usize,
    pub expired: usize,
    pub related: usize,
    pub bytes: u64,
}

/// Generates the corpus. `Err` for a missing corpus, a non-empty `dest` or a disk error.
pub fn synth(opts: &Options) -> anyhow::Result<Summary> {
    if !(1..=MAX_ITEMS).contains(&opts.items) {
        bail!("--items must be between 1 and {MAX_ITEMS}");
    }
    if !opts.src.is_dir() {
        bail!(
            "corpus folder {} does not exist or is not a folder",
            opts.src.display()
        );
    }
    super::write::prepare(&opts.dest)?;
    let pool = pool::Pool::build(&opts.src)?;
    let depts = vocab::departments(&pool, opts.seed);
    let metas = plan::plan(opts.items, opts.seed, &depts);
    let dest = &opts.dest;
    let site = format!("name = {}\n", emit::quoted("政府信息公开（合成语料）"));
    std::fs::write(dest.join("site.toml"), site)?;
    std::fs::write(
        dest.join("departments.toml"),
        vocab::departments_toml(&depts),
    )?;
    std::fs::write(dest.join("topics.toml"), vocab::topics_toml())?;
    let sources = text::Sources {
        pool: &pool,
        depts: &depts,
        metas: &metas,
        seed: opts.seed,
    };
    let bytes = emit::items(dest, &sources)?;
    let mut summary = summarize(&metas);
    (summary.laws, summary.articles, summary.phrases) =
        (pool.laws, pool.article_count(), pool.phrases.len());
    (summary.departments, summary.topics, summary.bytes) =
        (depts.len(), vocab::TOPICS.len(), bytes);
    Ok(summary)
}

fn summarize(metas: &[plan::Meta]) -> Summary {
    let count = |f: &dyn Fn(&plan::Meta) -> bool| metas.iter().filter(|m| f(m)).count();
    let regulations = count(&|m| m.is_regulation());
    Summary {
        regulations,
        disclosures: metas.len() - regulations,
        publications: count(&|m| m.publishes.is_some()),
        with_doc_no: count(&|m| m.doc_no.is_some() || m.publishes.is_some()),
        amended: count(&|m| m.status == Status::Amended),
        repealed: count(&|m| m.status == Status::Repealed),
        expired: count(&|m| m.is_regulation() && m.status == Status::Expired),
        related: count(&|m| m.links.related.is_some()) / 2,
        ..Summary::default()
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self;
        writeln!(
            f,
            "sampled from  {} laws: {} articles, {} title phrases",
            s.laws, s.articles, s.phrases
        )?;
        writeln!(
            f,
            "vocabularies  {} departments, {} topics",
            s.departments, s.topics
        )?;
        writeln!(
            f,
            "items         {} regulations, {} disclosures ({} publish a regulation)",
            s.regulations, s.disclosures, s.publications
        )?;
        writeln!(f, "文号           {}", s.with_doc_no)?;
        writeln!(
            f,
            "status        已修改 {}, 已废止 {}, 已失效 {}; {} related pairs",
            s.amended, s.repealed, s.expired, s.related
        )?;
        write!(f, "bytes         {}", s.bytes)
    }
}
