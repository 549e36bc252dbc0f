//! Loading a content folder: finding item files, reading them as text and parsing front matter.
//!
//! Nothing here judges values; it only turns files into input structs that remember where each
//! value was written, so `validate` can point at the exact line of every problem.

pub mod input;
pub mod text;
pub mod vocab;

use crate::validate::Diagnostic;
use input::{Front, FrontError};
use std::path::{Path, PathBuf};

/// One checked item file, ready to render.
///
/// The body is not kept: at 100,000 items the bodies alone are most of a gigabyte. Its hash is
/// kept instead, which keys the render cache, and the body is read again from the file when a
/// page or the index needs it (see [`SourceItem::body`]).
#[derive(Debug, Clone)]
pub struct SourceItem {
    /// Path relative to the content folder, e.g. `regulations/a.md`.
    pub path: PathBuf,
    /// The content folder as given joined with `path`: where the body is read again from.
    pub shown: PathBuf,
    /// The validated item: 文号 normalized, attachments with size, hash and title filled.
    pub item: gongkai_core::Item,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
    /// Bytes of the body, for sizing index shards without reading it.
    pub body_len: usize,
    /// SHA-256 of the body as checked.
    pub body_hash: [u8; 32],
    /// The earlier texts of a regulation with a history, oldest first (see
    /// `gongkai_core::Regulation::versions`, whose last entry is this item's own text).
    pub versions: Vec<SourceVersion>,
}

impl SourceItem {
    /// The Markdown after the closing `+++` (no BOM, LF line ends), read again from the file.
    ///
    /// Fails, naming the file, if it can no longer be read or its body is not the one checked:
    /// a page must never come from text that was not checked (or cache under the old hash).
    pub fn body(&self) -> anyhow::Result<String> {
        checked_body(&self.shown, &self.body_hash)
    }
}

/// One checked earlier version of a regulation: `<item>.versions/<公布日期>.md`.
#[derive(Debug, Clone)]
pub struct SourceVersion {
    /// The content folder as given joined with the file's relative path.
    pub shown: PathBuf,
    pub body_hash: [u8; 32],
}

impl SourceVersion {
    /// Its Markdown body, read again and refused if it changed since it was checked.
    pub fn body(&self) -> anyhow::Result<String> {
        checked_body(&self.shown, &self.body_hash)
    }
}

fn checked_body(shown: &Path, hash: &[u8; 32]) -> anyhow::Result<String> {
    let fail = |why: &str| anyhow::anyhow!("{}:1: {why}", shown.display());
    let file = File::read(Path::new(""), shown).map_err(|d| fail(&d.message))?;
    let split = text::split(&file.text).map_err(fail)?;
    let mut text = file.text;
    let body = text.split_off(split.body_start.min(text.len()));
    if &body_hash(&body) != hash {
        return Err(fail("changed while the site was being built; build again"));
    }
    Ok(body)
}

/// The folder holding the earlier versions of the item at `rel`: `a/b.md` → `a/b.versions`.
pub fn versions_dir(rel: &Path) -> PathBuf {
    rel.with_extension(VERSIONS)
}

/// The extension of a versions folder.
pub const VERSIONS: &str = "versions";

/// The hash [`SourceItem::body_hash`] holds.
pub fn body_hash(body: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(body.as_bytes()).into()
}

/// A whole checked content folder.
#[derive(Debug, Clone)]
pub struct Content {
    /// From `site.toml`.
    pub site_name: String,
    /// From `site.toml` or `gongkai build --base-url`, normalized (see `validate::base_url`).
    pub base_url: Option<String>,
    pub vocab: gongkai_core::Vocabulary,
    /// From `abbreviations.toml`: the site's own short forms and their full forms, for search.
    pub abbreviations: Vec<(String, Vec<String>)>,
    /// From `site.toml`: how 索引号 are numbered, if the site says.
    pub index_no_pattern: Option<gongkai_core::index_no::Pattern>,
    /// Sorted by path.
    pub items: Vec<SourceItem>,
    /// What `check` warns of (see `validate::Diagnostic::warning`), sorted by path and line.
    pub warnings: Vec<crate::validate::Diagnostic>,
}

/// A text file of the content folder, kept whole so positions can become line numbers.
#[derive(Debug)]
pub struct File {
    /// Relative to the content folder.
    pub rel: PathBuf,
    /// The content folder as given joined with `rel`: what diagnostics print.
    pub shown: PathBuf,
    pub text: String,
}

impl File {
    /// Reads a file as UTF-8 text (BOM dropped, CRLF made LF).
    pub fn read(content_dir: &Path, rel: &Path) -> Result<File, Diagnostic> {
        let shown = content_dir.join(rel);
        let bytes = std::fs::read(&shown).map_err(|e| {
            let message = match e.kind() {
                std::io::ErrorKind::NotFound => "file not found".to_string(),
                _ => format!("cannot read file: {e}"),
            };
            Diagnostic::new(&shown, 1, message)
        })?;
        let text =
            text::decode(bytes).map_err(|line| Diagnostic::new(&shown, line, "not UTF-8 text"))?;
        Ok(File {
            rel: rel.to_path_buf(),
            shown,
            text,
        })
    }

    /// A diagnostic at byte `offset` of the text.
    pub fn at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.shown, text::line_of(&self.text, offset), message)
    }
}

/// An item file with its parsed front matter.
#[derive(Debug)]
pub struct Source {
    pub file: File,
    /// Byte offset of the TOML inside `file.text`; front matter spans are relative to it.
    pub front_start: usize,
    pub body_start: usize,
    pub body_line: usize,
    pub front: Front,
}

impl Source {
    /// A diagnostic at a front matter position; `None` means the opening `+++` line.
    pub fn at(&self, front_offset: Option<usize>, message: impl Into<String>) -> Diagnostic {
        match front_offset {
            Some(o) => self.file.at(self.front_start + o, message),
            None => self.file.at(0, message),
        }
    }

    /// The 1-based line of a front matter position.
    pub fn line_at(&self, front_offset: usize) -> usize {
        text::line_of(&self.file.text, self.front_start + front_offset)
    }

    /// The Markdown body.
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_start..).unwrap_or_default()
    }
}

/// Reads and parses one item file; `None` if it could not be read as text with front matter.
///
/// Front matter that fails to parse is reported and kept as [`Front::Unreadable`].
pub fn read_source(content_dir: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<Source> {
    read_with(content_dir, rel, diags, input::parse_front, |toml_text| {
        Some(Front::Unreadable {
            id: input::lenient_id(toml_text),
        })
    })
}

/// Reads one earlier version's file; `None` if it could not be read or parsed (reported).
pub fn read_version(content_dir: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<Source> {
    let parse = |toml_text: &str| {
        input::parse::<input::VersionFm>(toml_text).map(|fm| Front::Version(Box::new(fm)))
    };
    read_with(content_dir, rel, diags, parse, |_| None)
}

/// Reads a file as text with front matter and parses the front matter with `parse`; a parse
/// error is reported and `unparsed` (given the TOML) decides what, if anything, is kept.
fn read_with(
    content_dir: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
    parse: impl FnOnce(&str) -> Result<Front, FrontError>,
    unparsed: impl FnOnce(&str) -> Option<Front>,
) -> Option<Source> {
    let file = File::read(content_dir, rel)
        .map_err(|d| diags.push(d))
        .ok()?;
    let split = text::split(&file.text)
        .map_err(|m| diags.push(file.at(0, m)))
        .ok()?;
    let toml_text = file.text.get(split.front.clone()).unwrap_or_default();
    let front = match parse(toml_text) {
        Ok(front) => front,
        Err(FrontError { offset, message }) => {
            diags.push(file.at(offset.map_or(0, |o| split.front.start + o), message));
            unparsed(toml_text)?
        }
    };
    Some(Source {
        front_start: split.front.start,
        body_start: split.body_start,
        body_line: split.body_line,
        front,
        file,
    })
}

/// Relative paths of every `*.md` item file, sorted.
///
/// Skips `attachments/` at the top, hidden entries (`.git`, editor files), a regulation's
/// `<item>.versions/` folder (read with its item) and symlinked folders, so a link cycle can
/// never make the walk loop.
pub fn find_items(content_dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    walk(content_dir, Path::new(""), &mut found, &mut diags);
    found.sort();
    (found, diags)
}

fn walk(root: &Path, rel_dir: &Path, found: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let dir = root.join(rel_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) => return diags.push(Diagnostic::new(&dir, 1, format!("cannot read folder: {e}"))),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let rel = rel_dir.join(&name);
        let skip = name.to_string_lossy().starts_with('.')
            || (rel_dir.as_os_str().is_empty() && name == "attachments");
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if skip {
            continue;
        } else if kind.is_dir() && rel.extension().is_some_and(|x| x == VERSIONS) {
            // Read with its item (validate::versions); alone it is a mistake.
            if !root.join(rel.with_extension("md")).is_file() {
                let msg = "a versions folder without its item: expected the regulation's current text beside it, named like the folder with .md";
                diags.push(Diagnostic::new(&root.join(&rel), 1, msg));
            }
        } else if kind.is_dir() {
            walk(root, &rel, found, diags);
        } else if rel.extension().is_some_and(|x| x == "md") && is_file(&kind, &entry) {
            found.push(rel);
        }
    }
}

/// A regular file, or a symlink to one (symlinked folders are never followed).
fn is_file(kind: &std::fs::FileType, entry: &std::fs::DirEntry) -> bool {
    kind.is_file()
        || (kind.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()))
}
