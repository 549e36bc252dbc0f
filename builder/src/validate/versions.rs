//! A regulation's version history: its earlier texts in `<item>.versions/<公布日期>.md` and its
//! `[version]` table, checked against each other (dates in order, articles numbered) and the item.

use super::cross::Located;
use super::fields::ItemCx;
use super::{Diagnostic, FileCx};
use crate::load::input::{AmendingFm, CurrentVersionFm, Front, RegulationFm, Text};
use crate::load::{self, Source, SourceVersion};
use gongkai_core::versions::numbering;
use gongkai_core::{Amending, Date, Regulation, Version, VersionKind};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A checked history.
#[derive(Debug, Default)]
pub struct History {
    /// Every version, oldest first, the current text last (empty: no history).
    pub versions: Vec<Version>,
    /// The earlier texts' files, oldest first.
    pub sources: Vec<SourceVersion>,
    /// Items named as amending documents, with the file and line naming them.
    pub links: Vec<(PathBuf, Located)>,
}

/// Where each version's 公布日期 was written, to point at when the order is wrong.
struct Dated {
    version: Version,
    shown: PathBuf,
    line: usize,
}

/// Checks the history of the regulation `reg` read from `source`; `None` if anything is wrong.
pub fn check(
    fcx: &FileCx<'_>,
    source: &Source,
    fm: &RegulationFm,
    reg: &Regulation,
    diags: &mut Vec<Diagnostic>,
) -> Option<History> {
    let files = earlier_files(fcx.content_dir, &source.file.rel, diags)?;
    if files.is_empty() && fm.version.is_none() {
        return Some(History::default());
    }
    let before = diags.len();
    let mut history = History::default();
    let mut dated = Vec::new();
    for rel in &files {
        if let Some(d) = earlier(fcx, rel, &mut history, diags) {
            dated.push(d);
        }
    }
    dated.extend(current(fcx, source, fm, reg, &mut history, diags));
    diags.extend(articles(
        &source.file.shown,
        source.body(),
        source.body_line,
    ));
    if diags.len() > before {
        return None;
    }
    diags.extend(in_order(&dated));
    history.versions = dated.into_iter().map(|d| d.version).collect();
    (diags.len() == before).then_some(history)
}

/// The `*.md` files of the item's versions folder, sorted (by name, which is a date).
fn earlier_files(
    content_dir: &Path,
    item: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<PathBuf>> {
    let rel_dir = load::versions_dir(item);
    let dir = content_dir.join(&rel_dir);
    if !dir.is_dir() {
        return Some(Vec::new());
    }
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(Diagnostic::new(&dir, 1, format!("cannot read folder: {e}")));
            return None;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .filter(|n| Path::new(n).extension().is_some_and(|x| x == "md"))
        .map(|n| rel_dir.join(n))
        .collect();
    files.sort();
    Some(files)
}

/// Reads and checks one earlier version's file.
fn earlier(
    fcx: &FileCx<'_>,
    rel: &Path,
    history: &mut History,
    diags: &mut Vec<Diagnostic>,
) -> Option<Dated> {
    let source = load::read_version(fcx.content_dir, rel, diags)?;
    let Front::Version(fm) = &source.front else {
        return None;
    };
    let mut cx = fcx.item_cx(&source);
    let kind = kind(&mut cx, &fm.kind);
    let published = cx
        .required(&fm.published, "published")
        .and_then(|_| cx.date(&fm.published, "published"));
    let effective = cx.date(&fm.effective, "effective");
    let amending = amending(&mut cx, &fm.amending, &mut history.links);
    if let (Some(day), Some(at)) = (published, &fm.published) {
        named_by_date(&mut cx, rel, day, at);
    }
    diags.append(&mut cx.diags);
    diags.extend(articles(
        &source.file.shown,
        source.body(),
        source.body_line,
    ));
    let line = fm
        .published
        .as_ref()
        .map_or(1, |p| source.line_at(p.span().start));
    history.sources.push(SourceVersion {
        shown: source.file.shown.clone(),
        body_hash: load::body_hash(source.body()),
    });
    Some(Dated {
        version: Version {
            published: published?,
            effective,
            kind: kind?,
            amending: amending?,
        },
        shown: source.file.shown.clone(),
        line,
    })
}

/// The item's own text as the last version, from `published`, `effective` and `[version]`.
fn current(
    fcx: &FileCx<'_>,
    source: &Source,
    fm: &RegulationFm,
    reg: &Regulation,
    history: &mut History,
    diags: &mut Vec<Diagnostic>,
) -> Option<Dated> {
    let mut cx = fcx.item_cx(source);
    let table = cx.required(&fm.version, "version");
    let (kind, amending) = match table.map(Spanned::get_ref) {
        Some(CurrentVersionFm {
            kind: k,
            amending: a,
        }) => (
            self::kind(&mut cx, k),
            amending(&mut cx, a, &mut history.links),
        ),
        None => (None, None),
    };
    if reg.published.is_none() {
        let msg = "a regulation with versions needs `published`: the 公布日期 of its current text";
        cx.diags.push(source.at(None, msg));
    }
    diags.append(&mut cx.diags);
    let line = fm
        .published
        .as_ref()
        .map_or(1, |p| source.line_at(p.span().start));
    Some(Dated {
        version: Version {
            published: reg.published?,
            effective: reg.effective,
            kind: kind?,
            amending: amending?,
        },
        shown: source.file.shown.clone(),
        line,
    })
}

fn kind(cx: &mut ItemCx<'_>, field: &Option<Text>) -> Option<VersionKind> {
    let field = cx.required(field, "kind")?;
    cx.label(field, "kind", VersionKind::from_label, VersionKind::ALL)
}

/// `Some(None)` without an `[amending]` table, `None` when the table is wrong.
fn amending(
    cx: &mut ItemCx<'_>,
    table: &Option<Spanned<AmendingFm>>,
    links: &mut Vec<(PathBuf, Located)>,
) -> Option<Option<Amending>> {
    let Some(table) = table else {
        return Some(None);
    };
    let fm = table.get_ref();
    let before = cx.diags.len();
    let title = match &fm.title {
        Some(t) => cx.non_blank(t, "title"),
        None => {
            cx.err(table, "`amending` needs a `title`");
            None
        }
    };
    let doc_no = cx.doc_no(&fm.doc_no);
    if let Some(url) = &fm.url {
        if !(url.get_ref().starts_with("https://") || url.get_ref().starts_with("http://")) {
            cx.err(url, "`url` must start with https:// or http://");
        }
    }
    if let Some(item) = &fm.item {
        let line = cx.source.line_at(item.span().start);
        let value = item.get_ref().clone();
        links.push((cx.source.file.shown.clone(), Located { value, line }));
    }
    (cx.diags.len() == before).then(|| {
        Some(Amending {
            title: title.unwrap_or_default(),
            doc_no,
            item: fm.item.as_ref().map(|i| i.get_ref().clone()),
            url: fm.url.as_ref().map(|u| u.get_ref().clone()),
        })
    })
}

/// An earlier version's file is named after its 公布日期, which names its page.
fn named_by_date<T>(cx: &mut ItemCx<'_>, rel: &Path, day: Date, at: &Spanned<T>) {
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned());
    if stem.as_deref() != Some(day.to_string().as_str()) {
        let msg =
            format!("the file of a version is named after its `published` date: expected {day}.md");
        cx.err(at, msg);
    }
}

/// Each version starts after the one before: 公布日期 strictly, 施行日期 never earlier.
fn in_order(dated: &[Dated]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in dated.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if b.version.published <= a.version.published {
            let msg = format!(
                "versions out of order: published {} is not after {} ({})",
                b.version.published,
                a.version.published,
                a.shown.display()
            );
            out.push(Diagnostic::new(&b.shown, b.line, msg));
        } else if b.version.starts() < a.version.starts() {
            let msg = format!(
                "versions out of order: this text takes effect on {}, before the earlier text ({}) did on {}",
                b.version.starts(),
                a.shown.display(),
                a.version.starts()
            );
            out.push(Diagnostic::new(&b.shown, b.line, msg));
        }
    }
    out
}

/// A version's articles must run 第一条, 第二条 … (`gongkai_core::versions::numbering`).
fn articles(shown: &Path, body: &str, body_line: usize) -> Vec<Diagnostic> {
    match numbering::check(body) {
        Ok(()) => Vec::new(),
        Err(e) => vec![Diagnostic::new(shown, body_line + e.line, e.to_string())],
    }
}
