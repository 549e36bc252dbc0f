//! Checking a content folder: every rule of docs/CONTENT.md, every problem reported in one run.
//!
//! `load` gives input structs with positions; this stage judges them, converts the good ones
//! into `gongkai_core` items and collects a `path:line: message` diagnostic for each problem.

mod abbrev;
pub mod attach;
pub mod base_url;
mod cross;
mod disclosure;
mod fields;
mod regulation;
mod versions;
mod vocab;
mod warn;

use crate::load::input::Front;
use crate::load::{self, Content, Source, SourceItem};
use fields::ItemCx;
use gongkai_core::Date;
use std::fmt;
use std::path::{Path, PathBuf};

pub use vocab::Vocab;

/// One problem in the content, at a line of a file: an error, or a warning that does not stop
/// a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The content folder as given joined with the file's relative path.
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    pub message: String,
    pub warning: bool,
}

impl Diagnostic {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            message: message.into(),
            warning: false,
        }
    }

    /// The same diagnostic as a warning.
    pub fn into_warning(self) -> Diagnostic {
        Diagnostic {
            warning: true,
            ..self
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.warning { "warning: " } else { "" };
        let (path, line, message) = (self.path.display(), self.line, &self.message);
        write!(f, "{path}:{line}: {kind}{message}")
    }
}

/// Today in China (UTC+8), the day `check` judges dates on unless told another.
pub fn today() -> Date {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::of_unix(now + 8 * 3600)
}

/// Loads and validates a content folder.
///
/// Files are read, checked and let go one at a time on all cores; only the checked items
/// (without bodies) and the small facts the cross-item rules need stay in memory.
/// `Err` carries every problem found, warnings included, sorted by path and then line; `Ok`
/// carries the warnings in [`Content::warnings`]. Dates are judged as of [`today`].
pub fn check(content_dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    check_as_of(content_dir, today())
}

/// [`check`], with warnings about dates judged as of `as_of`.
pub fn check_as_of(content_dir: &Path, as_of: Date) -> Result<Content, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let site = vocab::site(content_dir, &mut diags);
    let vocab = vocab::load(content_dir, &mut diags);
    let abbreviations = abbrev::load(content_dir, &mut diags);
    let (paths, walk_diags) = load::find_items(content_dir);
    diags.extend(walk_diags);
    let cx = FileCx {
        content_dir,
        vocab: &vocab,
        rules: &site.rules,
        as_of,
    };
    let checked = crate::parallel::in_order(&paths, |rel| check_file(&cx, rel));
    let mut items = Vec::with_capacity(checked.len());
    let mut facts = Vec::with_capacity(checked.len());
    for file in checked {
        diags.extend(file.diags);
        items.extend(file.item);
        facts.extend(file.facts);
    }
    cross::check(&facts, &mut diags);
    diags.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    if diags.iter().all(|d| d.warning) {
        return Ok(Content {
            warnings: diags,
            site_name: site.name.unwrap_or_default(),
            base_url: site.base_url,
            vocab: vocab.vocab,
            abbreviations,
            index_no_pattern: site.rules.index_no.clone(),
            items,
        });
    }
    Err(diags)
}

/// What checking one file on its own leaves behind.
struct Checked {
    item: Option<SourceItem>,
    facts: Option<cross::Facts>,
    diags: Vec<Diagnostic>,
}

/// What checking any one file needs.
struct FileCx<'a> {
    content_dir: &'a Path,
    vocab: &'a Vocab,
    rules: &'a vocab::Rules,
    as_of: Date,
}

impl<'a> FileCx<'a> {
    /// The context for checking the fields of `source` (an item's file or one of its versions').
    fn item_cx<'s>(&'s self, source: &'s Source) -> ItemCx<'s> {
        ItemCx {
            source,
            content_dir: self.content_dir,
            vocab: self.vocab,
            rules: self.rules,
            as_of: self.as_of,
            diags: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

fn check_file(fcx: &FileCx<'_>, rel: &Path) -> Checked {
    let mut diags = Vec::new();
    let Some(source) = load::read_source(fcx.content_dir, rel, &mut diags) else {
        return Checked {
            item: None,
            facts: None,
            diags,
        };
    };
    let mut facts = cross::Facts::of(&source);
    let item = convert(&source, fcx, &mut diags)
        .and_then(|item| with_history(item, &source, fcx, &mut diags, &mut facts.amending));
    Checked {
        item,
        facts: Some(facts),
        diags,
    }
}

/// A regulation with its version history checked and attached; `None` if the history is wrong.
fn with_history(
    mut item: SourceItem,
    source: &Source,
    fcx: &FileCx<'_>,
    diags: &mut Vec<Diagnostic>,
    links: &mut Vec<(PathBuf, cross::Located)>,
) -> Option<SourceItem> {
    let (Front::Regulation(fm), gongkai_core::Item::Regulation(reg)) =
        (&source.front, &mut item.item)
    else {
        return Some(item);
    };
    let history = versions::check(fcx, source, fm, reg, diags)?;
    links.extend(history.links);
    reg.versions = history.versions;
    item.versions = history.sources;
    Some(item)
}

/// Checks one item on its own; `None` if anything was wrong with it. Warnings are looked for
/// only on an item without errors.
fn convert(source: &Source, fcx: &FileCx<'_>, diags: &mut Vec<Diagnostic>) -> Option<SourceItem> {
    let mut cx = fcx.item_cx(source);
    let item = match &source.front {
        Front::Regulation(fm) => regulation::convert(fm, &mut cx).map(|r| {
            warn::regulation(fm, &r, &mut cx);
            gongkai_core::Item::Regulation(r)
        }),
        Front::Disclosure(fm) => disclosure::convert(fm, &mut cx).map(|d| {
            warn::disclosure(fm, &d, &mut cx);
            gongkai_core::Item::Disclosure(d)
        }),
        Front::Unreadable { .. } | Front::Version(_) => None,
    };
    let clean = cx.diags.is_empty();
    diags.append(&mut cx.diags);
    if clean {
        diags.append(&mut cx.warnings);
    }
    let item = item.filter(|_| clean)?;
    Some(SourceItem {
        path: source.file.rel.clone(),
        shown: source.file.shown.clone(),
        item,
        body_line: source.body_line,
        body_len: source.body().len(),
        body_hash: load::body_hash(source.body()),
        versions: Vec::new(),
    })
}
