//! Import: other corpora → gongkai content files. For now the LawRefBook corpus of Chinese laws.
//!
//! Stages: `walk` lists the files in path order, `convert` turns each into a law (`source`
//! splits it, `folder` and `issuer` say whose it is, `provenance` reads its dates and 文号),
//! `resolve` applies the rules across files, `write` emits the content folder. A file that
//! cannot be converted is reported with its reason and the rest are still written.

mod convert;
mod folder;
mod issuer;
mod provenance;
mod resolve;
mod source;
pub mod synth;
mod walk;
mod write;

use anyhow::bail;
use convert::Law;
use std::collections::BTreeSet;
use std::path::Path;

pub use write::department_code;

/// A file that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FileError {
    /// Path relative to the corpus root.
    pub path: String,
    pub reason: String,
}

/// The counts an import prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files_seen: usize,
    pub imported: usize,
    pub errors: usize,
    /// 文号 read from provenance lines, and how many were dropped as repeats of a newer version.
    pub doc_nos_found: usize,
    pub doc_nos_dropped: usize,
    /// Dates written (成文, 公布 from the file name, 施行).
    pub written: usize,
    pub published: usize,
    pub effective: usize,
    /// Provenance dates found but left out because they contradict the version date.
    pub written_dropped: usize,
    pub effective_dropped: usize,
    /// Older versions marked 已修改 (kept as items: their articles could not be aligned).
    pub superseded: usize,
    /// Older files written as earlier versions of the newest file of their law.
    pub versions: usize,
    pub departments: usize,
    pub topics: usize,
}

/// What an import did: the counts and every file it could not import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub summary: Summary,
    pub errors: Vec<FileError>,
}

/// Imports the LawRefBook corpus at `src` into the new content folder `dest`.
///
/// `Err` only when nothing sensible can be written (no corpus, `dest` not empty, disk errors);
/// files that fail to convert are listed in the outcome and the others are written.
pub fn lawrefbook(src: &Path, dest: &Path) -> anyhow::Result<Outcome> {
    if !src.is_dir() {
        bail!(
            "corpus folder {} does not exist or is not a folder",
            src.display()
        );
    }
    write::prepare(dest)?;
    let files = walk::files(src)?;
    let (mut laws, mut errors) = convert_all(&files);
    let (collisions, resolved) = resolve::resolve(&mut laws);
    errors.extend(
        collisions
            .into_iter()
            .map(|(path, reason)| FileError { path, reason }),
    );
    errors.sort();
    write::content(dest, &laws)?;
    let mut summary = summarize(&laws, files.len(), errors.len());
    summary.doc_nos_found += resolved.doc_nos_dropped;
    summary.doc_nos_dropped = resolved.doc_nos_dropped;
    summary.superseded = resolved.superseded;
    summary.versions = resolved.versions;
    Ok(Outcome { summary, errors })
}

fn convert_all(files: &[(String, std::path::PathBuf)]) -> (Vec<Law>, Vec<FileError>) {
    let mut laws = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for (rel, path) in files {
        let converted = std::fs::read(path)
            .map_err(|e| format!("cannot read the file: {e}"))
            .and_then(|bytes| convert::convert(rel, bytes));
        match converted {
            Ok(law) => laws.push(law),
            Err(reason) => errors.push(FileError {
                path: rel.clone(),
                reason,
            }),
        }
    }
    (laws, errors)
}

/// Counts over every file written, items and their earlier versions alike.
fn summarize(items: &[Law], files_seen: usize, errors: usize) -> Summary {
    let laws: Vec<&Law> = items
        .iter()
        .flat_map(|l| std::iter::once(l).chain(&l.earlier))
        .collect();
    let count = |f: fn(&Law) -> bool| laws.iter().filter(|l| f(l)).count();
    let issuers: BTreeSet<&String> = items.iter().flat_map(|l| &l.issuers).collect();
    let topics: BTreeSet<&str> = items.iter().map(|l| l.topic.code).collect();
    Summary {
        files_seen,
        imported: laws.len(),
        errors,
        doc_nos_found: count(|l| l.doc_no.is_some()),
        written: count(|l| l.written.is_some()),
        published: count(|l| l.published.is_some()),
        effective: count(|l| l.effective.is_some()),
        written_dropped: dropped(&laws, "written"),
        effective_dropped: dropped(&laws, "effective"),
        departments: issuers.len(),
        topics: topics.len(),
        ..Summary::default()
    }
}

fn dropped(laws: &[&Law], field: &str) -> usize {
    laws.iter()
        .filter(|l| l.dropped_dates.contains(&field))
        .count()
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self;
        let kept = s.doc_nos_found - s.doc_nos_dropped;
        let (written_found, effective_found) = (
            s.written + s.written_dropped,
            s.effective + s.effective_dropped,
        );
        writeln!(f, "files seen    {}", s.files_seen)?;
        writeln!(f, "imported      {}", s.imported)?;
        writeln!(f, "errors        {}", s.errors)?;
        writeln!(
            f,
            "文号 found     {} (kept {kept}; {} left to a newer version)",
            s.doc_nos_found, s.doc_nos_dropped
        )?;
        writeln!(
            f,
            "dates found   成文 {written_found}, 公布 {}, 施行 {effective_found}",
            s.published
        )?;
        writeln!(
            f,
            "dates left out 成文 {}, 施行 {} (contradict the version date)",
            s.written_dropped, s.effective_dropped
        )?;
        writeln!(
            f,
            "versions      {} older files as earlier versions",
            s.versions
        )?;
        writeln!(
            f,
            "已修改         {} older files kept as items",
            s.superseded
        )?;
        write!(
            f,
            "vocabularies  {} departments, {} topics",
            s.departments, s.topics
        )
    }
}
