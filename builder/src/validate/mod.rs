//! Checking a content folder: every rule of docs/CONTENT.md, every problem reported in one run.
//!
//! `load` gives input structs with positions; this stage judges them, converts the good ones
//! into `gongkai_core` items and collects a `path:line: message` diagnostic for each problem.

mod abbrev;
mod attach;
pub mod base_url;
mod cross;
mod disclosure;
mod each;
mod fields;
mod regulation;
mod vocab;

use crate::load::input::Front;
use crate::load::{self, Content, Source, SourceItem};
use fields::ItemCx;
use std::fmt;
use std::path::{Path, PathBuf};

pub use vocab::Vocab;

/// One problem in the content, at a line of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The content folder as given joined with the file's relative path.
    pub path: PathBuf,
    /// 1-based.
    pub line: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// Loads and validates a content folder.
///
/// Files are read, checked and let go one at a time on all cores; only the checked items
/// (without bodies) and the small facts the cross-item rules need stay in memory.
/// `Err` carries every problem found, sorted by path and then line.
pub fn check(content_dir: &Path) -> Result<Content, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let site = vocab::site(content_dir, &mut diags);
    let vocab = vocab::load(content_dir, &mut diags);
    let abbreviations = abbrev::load(content_dir, &mut diags);
    let (paths, walk_diags) = load::find_items(content_dir);
    diags.extend(walk_diags);
    let checked = each::in_order(&paths, |rel| check_file(content_dir, rel, &vocab));
    let mut items = Vec::with_capacity(checked.len());
    let mut facts = Vec::with_capacity(checked.len());
    for file in checked {
        diags.extend(file.diags);
        items.extend(file.item);
        facts.extend(file.facts);
    }
    cross::check(&facts, &mut diags);
    if diags.is_empty() {
        return Ok(Content {
            site_name: site.name.unwrap_or_default(),
            base_url: site.base_url,
            vocab: vocab.vocab,
            abbreviations,
            items,
        });
    }
    diags.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Err(diags)
}

/// What checking one file on its own leaves behind.
struct Checked {
    item: Option<SourceItem>,
    facts: Option<cross::Facts>,
    diags: Vec<Diagnostic>,
}

fn check_file(content_dir: &Path, rel: &Path, vocab: &Vocab) -> Checked {
    let mut diags = Vec::new();
    let Some(source) = load::read_source(content_dir, rel, &mut diags) else {
        return Checked {
            item: None,
            facts: None,
            diags,
        };
    };
    let facts = cross::Facts::of(&source);
    let item = convert(&source, content_dir, vocab, &mut diags);
    Checked {
        item,
        facts: Some(facts),
        diags,
    }
}

/// Checks one item on its own; `None` if anything was wrong with it.
fn convert(
    source: &Source,
    content_dir: &Path,
    vocab: &Vocab,
    diags: &mut Vec<Diagnostic>,
) -> Option<SourceItem> {
    let mut cx = ItemCx {
        source,
        content_dir,
        vocab,
        diags: Vec::new(),
    };
    let item = match &source.front {
        Front::Regulation(fm) => {
            regulation::convert(fm, &mut cx).map(gongkai_core::Item::Regulation)
        }
        Front::Disclosure(fm) => {
            disclosure::convert(fm, &mut cx).map(gongkai_core::Item::Disclosure)
        }
        Front::Unreadable { .. } => None,
    };
    let clean = cx.diags.is_empty();
    diags.append(&mut cx.diags);
    let item = item.filter(|_| clean)?;
    Some(SourceItem {
        path: source.file.rel.clone(),
        shown: source.file.shown.clone(),
        item,
        body_line: source.body_line,
        body_len: source.body().len(),
        body_hash: load::body_hash(source.body()),
    })
}
