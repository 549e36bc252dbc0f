//! Listing a corpus's files in a stable order, so every run converts and writes alike.

use anyhow::Context;
use std::fs;
use std::path::{Path, PathBuf};

/// Every file below `root` (hidden entries such as `.git` skipped), as `(relative path with
/// '/' separators, full path)`, sorted by relative path. Symbolic links are not followed,
/// so a link cycle cannot loop; a linked file is listed and then fails to read as a file.
pub fn files(root: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    visit(root, "", &mut out)?;
    out.sort();
    Ok(out)
}

fn visit(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>) -> anyhow::Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading folder {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading folder {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let path = entry.path();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            visit(&path, &format!("{rel}/"), out)?;
        } else {
            out.push((rel, path));
        }
    }
    Ok(())
}
