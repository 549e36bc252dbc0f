//! A deterministic zip writer: same files in, same bytes out.
//!
//! Every entry gets the same fixed timestamp (1980-01-01, the zip epoch) and the same
//! attributes; the caller decides the order. There are no data descriptors, no extra fields
//! and no comments, so the strict reader in `zipread` accepts exactly what this writes.

use crate::bundle::digest::crc32;
use crate::bundle::zipread::STORED;
use crate::bundle::BundleError;

/// DOS date 1980-01-01: year 0, month 1, day 1.
const FIXED_DATE: u16 = (1 << 5) | 1;
const FIXED_TIME: u16 = 0;
/// Zip 2.0 features; "made by" Unix so the mode below means a regular 0644 file.
const VERSION: u16 = 20;
const MADE_BY: u16 = (3 << 8) | VERSION;
const EXTERNAL_ATTR: u32 = 0o100_644 << 16;
const UTF8_FLAG: u16 = 1 << 11;

/// Builds an archive in memory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
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
        let (method, stored) = (STORED, data);
        let offset = as_u32(self.out.len())?;
        let header = Header {
            method,
            crc: crc32(data),
            csize: as_u32(stored.len())?,
            usize_: as_u32(data.len())?,
            name_len: u16::try_from(name.len()).map_err(|_| BundleError::UnsupportedArchive)?,
        };
        self.count = self.count.checked_add(1).filter(|&c| c < u16::MAX).ok_or(
            BundleError::TooManyEntries {
                count: usize::from(u16::MAX),
                limit: usize::from(u16::MAX - 1),
            },
        )?;
        header.local(&mut self.out, name);
        self.out.extend_from_slice(stored);
        header.central(&mut self.central, name, offset);
        Ok(())
    }

    /// Appends the central directory and the end record; returns the archive.
    pub fn finish(mut self) -> Result<Vec<u8>, BundleError> {
        let cd_offset = as_u32(self.out.len())?;
        let cd_size = as_u32(self.central.len())?;
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4b50);
        put16(&mut self.out, 0);
        put16(&mut self.out, 0);
        put16(&mut self.out, self.count);
        put16(&mut self.out, self.count);
        put32(&mut self.out, cd_size);
        put32(&mut self.out, cd_offset);
        put16(&mut self.out, 0);
        Ok(self.out)
    }
}

/// Sizes and offsets above 4 GiB would need ZIP64, which bundles do not use.
fn as_u32(n: usize) -> Result<u32, BundleError> {
    u32::try_from(n).map_err(|_| BundleError::UnsupportedArchive)
}

struct Header {
    method: u16,
    crc: u32,
    csize: u32,
    usize_: u32,
    name_len: u16,
}

impl Header {
    /// The fields shared by the local header and the central record, in their common order.
    fn common(&self, out: &mut Vec<u8>) {
        put16(out, VERSION);
        put16(out, UTF8_FLAG);
        put16(out, self.method);
        put16(out, FIXED_TIME);
        put16(out, FIXED_DATE);
        put32(out, self.crc);
        put32(out, self.csize);
        put32(out, self.usize_);
        put16(out, self.name_len);
        put16(out, 0);
    }

    fn local(&self, out: &mut Vec<u8>, name: &str) {
        put32(out, 0x0403_4b50);
        self.common(out);
        out.extend_from_slice(name.as_bytes());
    }

    fn central(&self, out: &mut Vec<u8>, name: &str, offset: u32) {
        put32(out, 0x0201_4b50);
        put16(out, MADE_BY);
        self.common(out);
        put16(out, 0); // comment length
        put16(out, 0); // disk number
        put16(out, 0); // internal attributes
        put32(out, EXTERNAL_ATTR);
        put32(out, offset);
        out.extend_from_slice(name.as_bytes());
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
