//! The durable replacement steps: what is left on disk after a replace.

use super::*;

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn replace_puts_the_new_bytes_in_place_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state.json");
    std::fs::write(&file, b"old").unwrap();
    replace(&file, b"new").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
    assert_eq!(names(dir.path()), ["state.json"]);
}

#[test]
fn write_atomic_creates_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("active.json");
    write_atomic(&file, b"{}").unwrap();
    assert_eq!(std::fs::read(&file).unwrap(), b"{}");
    assert_eq!(names(dir.path()), ["active.json"]);
}

#[test]
fn a_replace_that_cannot_rename_fails_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    // A folder in the way: the rename over it fails after the temp file was written.
    let blocked = dir.path().join("objects");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("kept"), b"x").unwrap();
    assert!(replace(&blocked, b"new").is_err());
    assert_eq!(std::fs::read(blocked.join("kept")).unwrap(), b"x");
}

/// A folder `shard` holding one file `old`, in a fresh temp folder.
fn old_shard() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let entry = dir.path().join("shard");
    std::fs::create_dir(&entry).unwrap();
    std::fs::write(entry.join("old"), b"x").unwrap();
    (dir, entry)
}

#[test]
fn replace_dir_swaps_in_the_whole_new_folder() {
    let (dir, entry) = old_shard();
    replace_dir(&entry, |partial| {
        std::fs::write(partial.join("meta.json"), b"{}")?;
        Ok(())
    })
    .unwrap();
    assert_eq!(names(&entry), ["meta.json"]);
    assert_eq!(names(dir.path()), ["shard"]);
}

#[test]
fn a_replace_dir_whose_filling_fails_keeps_the_old_folder_and_no_temp() {
    let (dir, entry) = old_shard();
    let failed = replace_dir(&entry, |partial| {
        std::fs::write(partial.join("half"), b"")?;
        anyhow::bail!("disk full")
    });
    assert!(failed.is_err());
    assert_eq!(names(&entry), ["old"]);
    assert_eq!(names(dir.path()), ["shard"]);
}
