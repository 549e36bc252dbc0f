//! The bundle's zip writer: the `zip` crate, set up once so the same files give the same bytes.
//!
//! Every entry is stored (never deflated), stamped 1980-01-01 00:00 (the zip epoch), made on
//! Unix with mode 0644, with no extra fields, no comments and no data descriptors (the archive
//! is written in memory, so the crate fills each local header in place); the caller decides the
//! order. Entries, sizes and offsets stay below the ZIP64 thresholds, so the crate never
//! switches to ZIP64. Where the crate decides for itself it writes "version needed" 1.0 and
//! "made by" Unix 1.0 (the hand-written writer before it said 2.0) and sets the UTF-8 flag
//! only on non-ASCII names; the strict reader in `zipread` accepts all of that.

use crate::bundle::BundleError;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System};

/// A size or offset of 0xFFFFFFFF is ZIP64's marker, which the reader refuses.
const ZIP64_MARKER: u64 = u32::MAX as u64;
/// The fixed parts of a local header and of a central record; each is followed by the name.
const LOCAL_LEN: u64 = 30;
const CENTRAL_LEN: u64 = 46;

/// Builds an archive in memory.
pub struct ZipWriter {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    /// Bytes of local headers and data so far: where the next entry (or the directory) starts.
    len: u64,
    /// Bytes the central directory will take.
    central: u64,
    count: u16,
}

impl Default for ZipWriter {
    fn default() -> ZipWriter {
        ZipWriter {
            zip: zip::ZipWriter::new(Cursor::new(Vec::new())),
            len: 0,
            central: 0,
            count: 0,
        }
    }
}

impl std::fmt::Debug for ZipWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZipWriter")
            .field("len", &self.len)
            .field("count", &self.count)
            .finish()
    }
}

/// The one set of entry options: stored, the zip epoch, a regular 0644 file made on Unix.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .system(System::Unix)
        .unix_permissions(0o644)
        .large_file(false)
}

impl ZipWriter {
    pub fn new() -> ZipWriter {
        ZipWriter::default()
    }

    /// Appends `name` with `data`, stored as is.
    ///
    /// Never deflated: deflate has many encodings of the same bytes, so a flipped bit in a
    /// deflate stream can leave the inflated content (and its signed sha256) unchanged.
    /// Stored entries put every byte of the archive's data under the signature.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), BundleError> {
        self.count = next_count(self.count)?;
        below_marker(self.len)?;
        below_marker(data.len() as u64)?;
        self.zip
            .start_file(name, options())
            .map_err(|_| BundleError::UnsupportedArchive)?;
        self.zip
            .write_all(data)
            .map_err(|_| BundleError::UnsupportedArchive)?;
        let name_len = name.len() as u64;
        self.len += LOCAL_LEN + name_len + data.len() as u64;
        self.central += CENTRAL_LEN + name_len;
        Ok(())
    }

    /// Appends the central directory and the end record; returns the archive.
    pub fn finish(self) -> Result<Vec<u8>, BundleError> {
        below_marker(self.len)?;
        below_marker(self.central)?;
        let out = self
            .zip
            .finish()
            .map_err(|_| BundleError::UnsupportedArchive)?;
        Ok(out.into_inner())
    }
}

/// One more entry; the end record counts them in 16 bits, and 0xFFFF is ZIP64's marker.
fn next_count(count: u16) -> Result<u16, BundleError> {
    count
        .checked_add(1)
        .filter(|&c| c < u16::MAX)
        .ok_or(BundleError::TooManyEntries {
            count: usize::from(u16::MAX),
            limit: usize::from(u16::MAX - 1),
        })
}

/// Sizes and offsets from 4 GiB up would need ZIP64, which bundles do not use.
fn below_marker(n: u64) -> Result<(), BundleError> {
    match n < ZIP64_MARKER {
        true => Ok(()),
        false => Err(BundleError::UnsupportedArchive),
    }
}
