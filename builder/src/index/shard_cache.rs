//! The shard cache: a shard whose items did not change is not indexed again on the next build.
//!
//! Entries live beside the output (`.<out>.cache/shards/<key>/`, the shard's tantivy files and
//! its article count), keyed by a hash of the running executable, the document store's block
//! size and every item of the shard (checked metadata and body hash), in order. Indexing a shard is deterministic, so a
//! cached shard is byte-for-byte the shard a fresh build makes, and so is the merge of them.

use super::disk::DiskDirectory;
use crate::fsx;
use crate::load::SourceItem;
use anyhow::Context;
use gongkai_core::search::tantivy::directory::{Directory, RamDirectory};
use gongkai_core::search::tantivy::Index;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Holds the shard's article count inside an entry (tantivy never writes this name).
const ARTICLES: &str = "gongkai-articles";

pub struct ShardCache {
    dir: PathBuf,
    salt: [u8; 32],
    used: Mutex<HashSet<String>>,
}

/// A shard from the cache: its index (in memory) and article count.
pub struct Cached {
    pub index: Index,
    pub articles: usize,
}

impl ShardCache {
    /// Opens (creating) the cache in `dir`; `salt` identifies the code that indexes.
    pub fn open(dir: &Path, salt: [u8; 32]) -> anyhow::Result<ShardCache> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(ShardCache {
            dir: dir.to_path_buf(),
            salt,
            used: Mutex::new(HashSet::new()),
        })
    }

    /// The key of a shard of `items` written with document-store blocks of `docstore_block`
    /// bytes (it follows the corpus's size, and merging keeps each shard's blocks); marks it
    /// used by this build.
    pub fn key(&self, items: &[&SourceItem], docstore_block: usize) -> anyhow::Result<String> {
        let mut h = Sha256::new();
        h.update(self.salt);
        h.update((docstore_block as u64).to_le_bytes());
        for source in items {
            let item = serde_json::to_vec(&source.item)?;
            h.update((item.len() as u64).to_le_bytes());
            h.update(&item);
            h.update(source.body_hash);
            for version in &source.versions {
                h.update(version.body_hash);
            }
        }
        let key = hex::encode(h.finalize());
        self.lock()?.insert(key.clone());
        Ok(key)
    }

    /// The cached shard for `key`, if there is one that opens; a damaged entry is a miss (it
    /// is indexed again and replaced), since the cache only ever saves time.
    pub fn load(&self, key: &str) -> Option<Cached> {
        read(&self.dir.join(key)).ok()
    }

    /// Keeps a freshly indexed shard under `key`, put in place whole ([`fsx::replace_dir`]), so
    /// a crash never leaves an entry that looks whole.
    pub fn store(&self, key: &str, shard: &RamDirectory, articles: usize) -> anyhow::Result<()> {
        fsx::replace_dir(&self.dir.join(key), |partial| {
            let disk = DiskDirectory::create(partial)?;
            shard.persist(&disk)?;
            std::fs::write(partial.join(ARTICLES), articles.to_string())?;
            Ok(())
        })
    }

    /// Removes entries this build did not use.
    pub fn prune(&self) -> anyhow::Result<()> {
        let used = self.lock()?;
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if !name.is_some_and(|n| used.contains(&n)) {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
        Ok(())
    }

    fn lock(&self) -> anyhow::Result<std::sync::MutexGuard<'_, HashSet<String>>> {
        self.used
            .lock()
            .map_err(|_| anyhow::anyhow!("shard cache lock poisoned"))
    }
}

/// A cache entry back in memory.
fn read(entry: &Path) -> anyhow::Result<Cached> {
    let articles = std::fs::read_to_string(entry.join(ARTICLES))?
        .trim()
        .parse()?;
    let ram = RamDirectory::create();
    for file in std::fs::read_dir(entry)? {
        let path = file?.path();
        let Some(name) = path.file_name().filter(|n| *n != ARTICLES) else {
            continue;
        };
        ram.atomic_write(Path::new(name), &std::fs::read(&path)?)?;
    }
    let index = Index::open(ram)?;
    Ok(Cached { index, articles })
}
