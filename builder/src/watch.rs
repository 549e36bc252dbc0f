//! Watching folders for saves (`gongkai dev`): file-system events from `notify`, filtered to
//! the ones an editor's save makes, and gathered until the folder has been quiet a moment, so a
//! save that writes several files (or an editor's write-then-rename) gives one rebuild.

use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the folders must stay quiet before a batch of changes is handed out.
pub const QUIET: Duration = Duration::from_millis(60);

/// Folders being watched; dropping it stops watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl Watch {
    /// Watches each folder and everything under it.
    pub fn new(folders: &[&Path]) -> anyhow::Result<Watch> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
        })?;
        for folder in folders {
            watcher
                .watch(folder, RecursiveMode::Recursive)
                .map_err(|e| anyhow::anyhow!("cannot watch {}: {e}", folder.display()))?;
        }
        Ok(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// Blocks until files change, then returns them once the folders have been quiet for
    /// [`QUIET`]; `None` when watching has ended.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            collect(self.events.recv().ok()?, &mut changed);
        }
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }
}

fn collect(event: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>) {
    let Ok(event) = event else {
        return;
    };
    if !matters(&event.kind) {
        return;
    }
    changed.extend(event.paths.into_iter().filter(|p| !scratch(p)));
}

/// Creations, writes, renames and removals; not reads or metadata-only changes.
fn matters(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// Editors' scratch files: hidden files, backups and swap files (`.x.md.swp`, `x.md~`,
/// vim's `4913` probe); saving them is not a change to the content.
fn scratch(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::{scratch, Watch};
    use std::path::Path;

    #[test]
    fn editor_scratch_files_are_not_changes() {
        for name in [".a.md.swp", "a.md~", "4913", ".#a.md"] {
            assert!(scratch(Path::new(name)), "{name}");
        }
        assert!(!scratch(Path::new("regulations/a.md")));
    }

    #[test]
    fn a_save_is_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        let watch = Watch::new(&[dir.path()]).unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        std::fs::write(dir.path().join("a.md"), "two").unwrap();
        std::fs::write(dir.path().join(".a.md.swp"), "x").unwrap();
        let batch = watch.next_batch().unwrap();
        assert_eq!(batch, vec![dir.path().join("a.md")]);
    }
}
