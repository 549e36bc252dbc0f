//! Checking attachments: the file is inside the content folder, exists, and has the pinned hash.
//!
//! The hash pins the exact published file, so a replaced PDF is noticed instead of served.

use super::fields::ItemCx;
use crate::load::input::{AttachmentFm, Text};
use gongkai_core::Attachment;
use sha2::{Digest, Sha256};
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// Checks every `[[attachments]]` entry of an item.
pub fn all(list: &[Spanned<AttachmentFm>], cx: &mut ItemCx<'_>) -> Option<Vec<Attachment>> {
    let checked: Vec<Option<Attachment>> = list.iter().map(|a| one(a, cx)).collect();
    checked.into_iter().collect()
}

fn one(entry: &Spanned<AttachmentFm>, cx: &mut ItemCx<'_>) -> Option<Attachment> {
    let fm = entry.get_ref();
    let file = present(entry, &fm.file, "file", cx);
    let expected = present(entry, &fm.sha256, "sha256", cx).and_then(|s| well_formed(s, cx));
    let file = file?;
    let rel = relative(file, cx)?;
    let (size, actual) = hash(&rel, file, cx)?;
    let expected = expected?;
    if actual != expected {
        let msg = format!(
            "sha256 does not match {}: the file's sha256 is {actual}",
            file.get_ref()
        );
        cx.err(fm.sha256.as_ref().unwrap_or(file), msg);
        return None;
    }
    let default_title = || {
        rel.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    Some(Attachment {
        file: file.get_ref().clone(),
        title: fm
            .title
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_else(default_title),
        sha256: actual,
        size,
    })
}

/// A required key of an attachment; a missing one is reported at its `[[attachments]]` line.
fn present<'f>(
    entry: &Spanned<AttachmentFm>,
    field: &'f Option<Text>,
    name: &str,
    cx: &mut ItemCx<'_>,
) -> Option<&'f Text> {
    if field.is_none() {
        cx.err(
            entry,
            format!("attachment is missing required field `{name}`"),
        );
    }
    field.as_ref()
}

fn well_formed(sha: &Text, cx: &mut ItemCx<'_>) -> Option<String> {
    let s = sha.get_ref();
    let ok = s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !ok {
        cx.err(sha, format!("sha256 {s:?} is not 64 lowercase hex digits"));
    }
    ok.then(|| s.clone())
}

/// The attachment path, refused if it could point outside the content folder.
fn relative(file: &Text, cx: &mut ItemCx<'_>) -> Option<PathBuf> {
    relative_path(file.get_ref())
        .map_err(|msg| cx.err(file, msg))
        .ok()
}

/// An attachment's `file` as a path relative to the content folder, or why it is refused:
/// empty, `\` between folders, a root, or `..`. `check` and `gongkai hash` share it.
pub fn relative_path(f: &str) -> Result<PathBuf, String> {
    let problem = if f.trim().is_empty() {
        Some("attachment `file` must not be empty".to_string())
    } else if f.contains('\\') {
        Some(format!(
            "attachment path {f:?} must use '/' between folders"
        ))
    } else if Path::new(f)
        .components()
        .any(|c| matches!(c, Component::RootDir | Component::Prefix(_)))
    {
        Some(format!(
            "attachment path {f:?} must be relative to the content folder"
        ))
    } else if Path::new(f).components().any(|c| c == Component::ParentDir) {
        Some(format!("attachment path {f:?} must not contain `..`"))
    } else {
        None
    };
    match problem {
        Some(msg) => Err(msg),
        None => Ok(PathBuf::from(f)),
    }
}

/// Size and sha256 of the file; a symlink out of the content folder is refused.
fn hash(rel: &Path, file: &Text, cx: &mut ItemCx<'_>) -> Option<(u64, String)> {
    let result = hash_inside(cx.content_dir, rel, file.get_ref());
    result.map_err(|msg| cx.err(file, msg)).ok()
}

/// Size and sha256 of the attachment `rel`, which must resolve inside `content_dir`.
pub fn hash_inside(content_dir: &Path, rel: &Path, name: &str) -> Result<(u64, String), String> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => format!("attachment file {name:?} does not exist"),
        _ => format!("cannot read attachment {name:?}: {e}"),
    };
    let real = content_dir.join(rel).canonicalize().map_err(io)?;
    if !real.starts_with(content_dir.canonicalize().map_err(io)?) {
        return Err(format!(
            "attachment {name:?} lies outside the content folder"
        ));
    }
    let meta = std::fs::metadata(&real).map_err(io)?;
    if !meta.is_file() {
        return Err(format!("attachment {name:?} is not a file"));
    }
    let mut hasher = Sha256::new();
    let mut reader = std::fs::File::open(&real).map_err(io)?;
    std::io::copy(&mut reader, &mut hasher).map_err(io)?;
    Ok((meta.len(), hex::encode(hasher.finalize())))
}
