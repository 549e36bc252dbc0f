//! File-system steps that must survive a crash: durable writes, atomic replacement of a file or
//! a folder, ordered walks. The builder's one place for write-beside-then-rename.

use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` so that readers see the old file or the new one, never a mix:
/// [`replace`] it, then fsync the folder so the rename itself survives a crash.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    replace(path, bytes)?;
    sync_dir(parent(path))
}

/// The one way to replace a file: write a temp file beside it (unique per
/// process, so two writers never share one, whatever lock they hold), fsync it, rename it over.
/// The folder is not synced: [`write_atomic`] does that for one file, a caller storing many
/// (the objects folder) once for all.
pub fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    replace_with(path, |temp| write_durable(temp, bytes))
}

/// [`replace`] without the fsync, for files that are rebuilt after a crash anyway (the search
/// index being written in a staging folder or the shard cache): readers still never see half a
/// file.
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    replace_with(path, |temp| {
        std::fs::write(temp, bytes).with_context(|| format!("writing {}", temp.display()))
    })
}

/// Writes a temp file beside `path` with `write`, then renames it over `path`.
fn replace_with(
    path: &Path,
    write: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let temp = beside(path);
    write(&temp)?;
    std::fs::rename(&temp, path)
        .with_context(|| format!("renaming {} to {}", temp.display(), path.display()))
}

/// Puts a folder at `path` that `fill` writes beside it first, so a reader (or a crash) finds
/// the old folder, none, or the whole new one, never a half-written one: what `path` held is
/// removed just before the rename, since a folder cannot be renamed over one that has files.
/// Nothing is fsynced; it suits caches and staging folders that are rebuilt after a crash (the
/// site itself swaps in with `site::swap`, which keeps the old site until the new one is in
/// place).
pub fn replace_dir(
    path: &Path,
    fill: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let temp = beside(path);
    let _ = std::fs::remove_dir_all(&temp);
    std::fs::create_dir_all(&temp).with_context(|| format!("creating {}", temp.display()))?;
    if let Err(e) = fill(&temp) {
        let _ = std::fs::remove_dir_all(&temp);
        return Err(e);
    }
    let _ = std::fs::remove_dir_all(path);
    std::fs::rename(&temp, path)
        .with_context(|| format!("renaming {} to {}", temp.display(), path.display()))
}

/// A temp name beside `path`, unique per process, so two writers never share one.
fn beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parent(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The folder `path` lies in (`.` for a bare name).
fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Reads a file that must be a regular file of at most `cap` bytes, checked before reading:
/// a device (`/dev/zero`), a FIFO or a huge sparse file on a USB stick is refused, not read
/// until memory runs out or forever.
pub fn read_capped(path: &Path, cap: u64) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    // Checked before opening too: opening a FIFO for reading waits for a writer.
    check_regular(path, &std::fs::metadata(path), cap)?;
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    check_regular(path, &file.metadata(), cap)?;
    let mut bytes = Vec::new();
    // A file that grows while being read still stops at the cap (+1 to see it grew).
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {}", path.display()))?;
    if bytes.len() as u64 > cap {
        anyhow::bail!(
            "{} grew past the cap of {cap} bytes while being read",
            path.display()
        );
    }
    Ok(bytes)
}

fn check_regular(
    path: &Path,
    meta: &std::io::Result<std::fs::Metadata>,
    cap: u64,
) -> anyhow::Result<()> {
    let meta = meta
        .as_ref()
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!("{} is not a regular file", path.display());
    }
    if meta.len() > cap {
        anyhow::bail!(
            "{} is {} bytes, more than the cap of {cap}",
            path.display(),
            meta.len()
        );
    }
    Ok(())
}

/// Creates or truncates `path`, writes `bytes` and fsyncs the file.
fn write_durable(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file =
        std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("syncing {}", path.display()))
}

/// Makes a rename or a new file in `dir` durable (a no-op where folders cannot be opened).
pub fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing folder {}", dir.display()))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Every regular file under `root` as (`/`-separated relative path, full path), sorted by path.
pub fn walk(root: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?
        {
            let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
            let kind = entry.file_type()?;
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push((relative(root, &path)?, path));
            } else {
                anyhow::bail!(
                    "{} is neither a file nor a folder (links are not bundled)",
                    path.display()
                );
            }
        }
    }
    out.sort();
    Ok(out)
}

fn relative(root: &Path, path: &Path) -> anyhow::Result<String> {
    let rel = path
        .strip_prefix(root)
        .context("walking outside the root")?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    parts
        .map(|p| p.join("/"))
        .with_context(|| format!("{} is not valid UTF-8", path.display()))
}

/// Test-only crash injection: `GONGKAI_APPLY_CRASH_AFTER=<step>` aborts the process right
/// after that step, like a power cut, so tests can prove every step is recoverable.
pub fn crash_point(step: &str) {
    if std::env::var("GONGKAI_APPLY_CRASH_AFTER").is_ok_and(|s| s == step) {
        eprintln!("GONGKAI_APPLY_CRASH_AFTER={step}: aborting");
        std::process::abort();
    }
}

#[cfg(test)]
mod tests;
