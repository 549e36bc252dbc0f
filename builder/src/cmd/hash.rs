//! `gongkai hash`: fills in the `sha256` of each attachment of item files, in place, so no
//! editor computes one by hand. Comments and layout of the front matter are kept (toml_edit).

use crate::load::text;
use crate::validate::attach::{hash_inside, relative_path};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// The content folder that attachment paths are relative to.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// Item files whose attachments to hash.
    #[arg(required = true)]
    pub items: Vec<PathBuf>,
}

pub fn run(args: &HashArgs) -> anyhow::Result<ExitCode> {
    for item in &args.items {
        let changed = fill(&args.content, item)?;
        let what = if changed { "updated" } else { "already right" };
        eprintln!("{}: {what}", item.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Rewrites one item file with its attachments' hashes; `false` if nothing changed.
fn fill(content: &Path, item: &Path) -> anyhow::Result<bool> {
    let bytes = std::fs::read(item).with_context(|| format!("reading {}", item.display()))?;
    let original = text::decode(bytes)
        .map_err(|line| anyhow::anyhow!("{}:{line}: not UTF-8 text", item.display()))?;
    let split =
        text::split(&original).map_err(|why| anyhow::anyhow!("{}:1: {why}", item.display()))?;
    let front = &original[split.front.clone()];
    let mut doc: toml_edit::DocumentMut = front.parse().map_err(|e: toml_edit::TomlError| {
        anyhow::anyhow!("{}: {}", item.display(), e.message())
    })?;
    let Some(list) = doc
        .get_mut("attachments")
        .and_then(|a| a.as_array_of_tables_mut())
    else {
        bail!("{}: no [[attachments]] to hash", item.display());
    };
    for entry in list.iter_mut() {
        let Some(file) = entry
            .get("file")
            .and_then(|f| f.as_str())
            .map(str::to_string)
        else {
            bail!("{}: an [[attachments]] entry has no `file`", item.display());
        };
        let rel =
            relative_path(&file).map_err(|why| anyhow::anyhow!("{}: {why}", item.display()))?;
        let (_, sha) = hash_inside(content, &rel, &file)
            .map_err(|why| anyhow::anyhow!("{}: {why}", item.display()))?;
        println!("{file} {sha}");
        if entry.get("sha256").and_then(|s| s.as_str()) != Some(sha.as_str()) {
            entry.insert("sha256", toml_edit::value(sha));
        }
    }
    let updated = format!(
        "{}{}{}",
        &original[..split.front.start],
        doc,
        &original[split.front.end..]
    );
    if updated == original {
        return Ok(false);
    }
    crate::fsx::write_atomic(item, updated.as_bytes())?;
    Ok(true)
}
