//! A tantivy `Directory` over a folder, read with positioned reads and written with buffered
//! writes, so a big index is built on disk instead of in memory.
//!
//! tantivy's own `MmapDirectory` needs its `mmap` feature, which `core` leaves off (it must
//! compile to wasm); and mapped pages would count against the build's memory anyway. The merge
//! writes its output through here, so the finished index never sits in memory whole.

use gongkai_core::search::tantivy::directory::error::{DeleteError, OpenReadError, OpenWriteError};
use gongkai_core::search::tantivy::directory::{
    AntiCallToken, FileHandle, OwnedBytes, TerminatingWrite, WatchCallback, WatchHandle, WritePtr,
};
use gongkai_core::search::tantivy::{Directory, HasLen};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A folder as a tantivy directory. Files are written once and never changed (tantivy's rule).
#[derive(Debug, Clone)]
pub struct DiskDirectory {
    root: PathBuf,
}

impl DiskDirectory {
    /// Uses `root`, creating it if needed.
    pub fn create(root: &Path) -> io::Result<DiskDirectory> {
        std::fs::create_dir_all(root)?;
        Ok(DiskDirectory {
            root: root.to_path_buf(),
        })
    }
}

/// One open file, read at offsets without moving a shared cursor (safe across threads).
#[derive(Debug)]
struct DiskFile {
    file: File,
    len: usize,
}

impl HasLen for DiskFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for DiskFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        use std::os::unix::fs::FileExt;
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("range {range:?} past the end ({} bytes)", self.len),
            ));
        }
        let mut buffer = vec![0; range.len()];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

/// A file being written; tantivy calls `terminate` when it is complete.
struct DiskWrite(BufWriter<File>);

impl Write for DiskWrite {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for DiskWrite {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.0.flush()
    }
}

impl Directory for DiskDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let full = self.root.join(path);
        let wrap = |e: io::Error| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, full.clone()),
        };
        let file = File::open(&full).map_err(wrap)?;
        let len = file.metadata().map_err(wrap)?.len() as usize;
        Ok(Arc::new(DiskFile { file, len }))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        std::fs::remove_file(self.root.join(path)).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => DeleteError::FileDoesNotExist(path.to_path_buf()),
            _ => DeleteError::IoError {
                io_error: Arc::new(e),
                filepath: path.to_path_buf(),
            },
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.root.join(path).exists())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let full = self.root.join(path);
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&full)
            .map_err(|e| match e.kind() {
                io::ErrorKind::AlreadyExists => {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                }
                _ => OpenWriteError::IoError {
                    io_error: Arc::new(e),
                    filepath: full.clone(),
                },
            })?;
        let inner = DiskWrite(BufWriter::with_capacity(1 << 16, file));
        Ok(BufWriter::new(Box::new(inner)))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let full = self.root.join(path);
        std::fs::read(&full).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(e, full.clone()),
        })
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        // Written beside and renamed over, so a reader never sees half a file.
        crate::fsx::replace_unsynced(&self.root.join(path), data).map_err(io::Error::other)
    }

    fn sync_directory(&self) -> io::Result<()> {
        // The index is part of a staging folder that is swapped in whole or thrown away; a
        // crash mid-build leaves nothing to recover, so there is nothing to make durable here.
        Ok(())
    }

    fn watch(
        &self,
        _callback: WatchCallback,
    ) -> gongkai_core::search::tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_then_reads_ranges_and_refuses_rewrites() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = DiskDirectory::create(&tmp.path().join("ix")).unwrap();
        let path = Path::new("a.bin");
        let mut w = dir.open_write(path).unwrap();
        w.write_all(b"0123456789").unwrap();
        w.terminate().unwrap();
        let slice = dir.open_read(path).unwrap();
        assert_eq!(slice.len(), 10);
        assert_eq!(slice.read_bytes_slice(3..7).unwrap().as_slice(), b"3456");
        assert!(dir
            .get_file_handle(path)
            .unwrap()
            .read_bytes(8..11)
            .is_err());
        assert!(matches!(
            dir.open_write(path),
            Err(OpenWriteError::FileAlreadyExists(_))
        ));
        assert!(matches!(
            dir.open_read(Path::new("missing")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        dir.atomic_write(Path::new("meta.json"), b"{}").unwrap();
        assert_eq!(dir.atomic_read(Path::new("meta.json")).unwrap(), b"{}");
        dir.delete(path).unwrap();
        assert!(!dir.exists(path).unwrap());
    }
}
