//! A `Directory` wrapper that records which byte ranges of which files tantivy reads.
//!
//! This is how the hotcache learns what opening an index touches, and how tests and
//! measurements see what a query costs, without guessing at tantivy's internals.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// One read: file name and byte range.
pub type Read = (String, Range<u64>);

/// See the module documentation. Clones share one log.
#[derive(Debug, Clone)]
pub struct RecordingDirectory {
    inner: Box<dyn Directory>,
    log: Arc<Mutex<Vec<Read>>>,
}

impl RecordingDirectory {
    pub fn new(inner: impl Into<Box<dyn Directory>>) -> RecordingDirectory {
        RecordingDirectory {
            inner: inner.into(),
            log: Arc::default(),
        }
    }

    /// Every read since the last call, in order; the log is emptied.
    pub fn take(&self) -> Vec<Read> {
        self.log
            .lock()
            .map(|mut log| std::mem::take(&mut *log))
            .unwrap_or_default()
    }
}

fn record(log: &Mutex<Vec<Read>>, path: &Path, range: Range<u64>) {
    if let Ok(mut log) = log.lock() {
        log.push((path.to_string_lossy().into_owned(), range));
    }
}

#[derive(Debug)]
struct RecordingFile {
    inner: Arc<dyn FileHandle>,
    path: std::path::PathBuf,
    log: Arc<Mutex<Vec<Read>>>,
}

impl HasLen for RecordingFile {
    fn len(&self) -> usize {
        self.inner.len()
    }
}

impl FileHandle for RecordingFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        record(&self.log, &self.path, range.start as u64..range.end as u64);
        self.inner.read_bytes(range)
    }
}

impl Directory for RecordingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        Ok(Arc::new(RecordingFile {
            inner: self.inner.get_file_handle(path)?,
            path: path.to_path_buf(),
            log: self.log.clone(),
        }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let bytes = self.inner.atomic_read(path)?;
        record(&self.log, path, 0..bytes.len() as u64);
        Ok(bytes)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}
