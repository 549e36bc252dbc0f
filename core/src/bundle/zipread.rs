//! A strict zip reader for bundles: it accepts the plain archives our writer makes and nothing else.
//!
//! Every field is cross-checked (local header against central directory), and entries must
//! tile the file with no gaps or overlaps (so no hidden bytes and no overlapping-entry
//! bombs). A bundle that verifies carries nothing unsigned that another unzip tool could read
//! differently: no archive or entry comments, no extra fields (so no ZIP64 markers and no
//! Unicode-path fields), no data descriptors, only stored entries (deflate has many encodings
//! of one content, and junk may follow a stream's end), and only entries made on Unix with
//! the mode bits of a regular file.

use crate::bundle::digest::crc32;
use crate::bundle::{path, BundleError};
use std::collections::HashSet;

const EOCD_SIG: u32 = 0x0605_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const LOCAL_SIG: u32 = 0x0403_4b50;
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
/// Method numbers from APPNOTE 4.4.5: bundles store every entry as is.
pub const STORED: u16 = 0;
/// General-purpose flags: bit 0 encrypted, bit 6 strong encryption, bit 13 masked headers.
const ENCRYPTION_FLAGS: u16 = 1 | (1 << 6) | (1 << 13);
/// The one other flag we accept: UTF-8 names (bit 11). Not bit 3 (data descriptor).
const ALLOWED_FLAGS: u16 = 1 << 11;
/// "Version needed to extract" above 2.0 means ZIP64 (4.5) or newer features.
const MAX_NEEDED: u16 = 20;
/// The "made by" host whose external attributes carry a Unix mode (APPNOTE 4.4.2).
const UNIX: u16 = 3;

/// One checked entry: its name and where its (stored) data lies.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub name: &'a str,
    pub crc: u32,
    /// Uncompressed size as declared by both headers.
    pub size: u64,
    data: &'a [u8],
    local_offset: usize,
    /// Where this entry's data ends in the file.
    end: usize,
}

/// A parsed archive whose structure passed every check; data is checked on `read`.
#[derive(Debug)]
pub struct Archive<'a> {
    entries: Vec<Entry<'a>>,
}

/// Little-endian field access that fails instead of panicking at the end of input.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*b.first()?, *b.get(1)?]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

/// Where the central directory lies, from the end record.
struct Directory {
    offset: usize,
    end: usize,
    count: usize,
}

impl<'a> Archive<'a> {
    /// Parses and cross-checks the whole structure of `bytes`; at most `max_entries` entries.
    pub fn parse(bytes: &'a [u8], max_entries: usize) -> Result<Archive<'a>, BundleError> {
        let dir = end_record(bytes)?;
        if dir.count > max_entries {
            return Err(BundleError::TooManyEntries {
                count: dir.count,
                limit: max_entries,
            });
        }
        let mut entries = Vec::with_capacity(
            dir.count
                .min(dir.end.saturating_sub(dir.offset) / CENTRAL_LEN),
        );
        let mut folded = HashSet::new();
        let mut at = dir.offset;
        for index in 0..dir.count {
            let (entry, next) = central_record(bytes, at, index, dir.offset)?;
            if !folded.insert(path::fold(entry.name)) {
                return Err(BundleError::DuplicateEntry {
                    name: entry.name.to_string(),
                });
            }
            entries.push(entry);
            at = next;
        }
        if at != dir.end {
            return Err(BundleError::BadCentralRecord { index: dir.count });
        }
        check_tiling(&entries, dir.offset)?;
        Ok(Archive { entries })
    }

    pub fn entries(&self) -> &[Entry<'a>] {
        &self.entries
    }

    /// The entry named exactly `name`.
    pub fn get(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.name == name)
    }
}

/// Finds the end-of-central-directory record; it must end exactly at the end of the file,
/// with no archive comment.
fn end_record(bytes: &[u8]) -> Result<Directory, BundleError> {
    let at = bytes
        .len()
        .checked_sub(EOCD_LEN)
        .filter(|&at| u32_at(bytes, at) == Some(EOCD_SIG))
        .ok_or_else(|| match has_commented_end(bytes) {
            true => BundleError::Unsigned("an archive comment"),
            false => BundleError::NoEndOfDirectory,
        })?;
    if u16_at(bytes, at + 20) != Some(0) {
        return Err(BundleError::NoEndOfDirectory);
    }
    let field = |off: usize| u16_at(bytes, at + off).ok_or(BundleError::NoEndOfDirectory);
    let (disk, cd_disk, here, total) = (field(4)?, field(6)?, field(8)?, field(10)?);
    let size = u32_at(bytes, at + 12).ok_or(BundleError::NoEndOfDirectory)?;
    let offset = u32_at(bytes, at + 16).ok_or(BundleError::NoEndOfDirectory)?;
    if disk != 0
        || cd_disk != 0
        || here != total
        || total == u16::MAX
        || size == u32::MAX
        || offset == u32::MAX
    {
        return Err(BundleError::UnsupportedArchive);
    }
    let offset = offset as usize;
    let end = offset
        .checked_add(size as usize)
        .ok_or(BundleError::Truncated("central directory"))?;
    if end != at {
        return Err(BundleError::Truncated("central directory"));
    }
    Ok(Directory {
        offset,
        end,
        count: usize::from(total),
    })
}

/// Whether an end record followed by a comment ends the file: a zip, but one with unsigned bytes.
fn has_commented_end(bytes: &[u8]) -> bool {
    let last = bytes.len().saturating_sub(EOCD_LEN);
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..last).rev().any(|at| {
        u32_at(bytes, at) == Some(EOCD_SIG)
            && u16_at(bytes, at + 20).map(|c| at + EOCD_LEN + usize::from(c)) == Some(bytes.len())
    })
}

/// The fields both headers carry, compared one by one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Common {
    needed: u16,
    flags: u16,
    method: u16,
    time: u16,
    date: u16,
    crc: u32,
    csize: u32,
    usize_: u32,
}

fn common_at(bytes: &[u8], at: usize) -> Option<Common> {
    Some(Common {
        needed: u16_at(bytes, at)?,
        flags: u16_at(bytes, at + 2)?,
        method: u16_at(bytes, at + 4)?,
        time: u16_at(bytes, at + 6)?,
        date: u16_at(bytes, at + 8)?,
        crc: u32_at(bytes, at + 10)?,
        csize: u32_at(bytes, at + 14)?,
        usize_: u32_at(bytes, at + 18)?,
    })
}

/// Parses the central record at `at`, checks it and its local header; returns it and the next offset.
fn central_record(
    bytes: &[u8],
    at: usize,
    index: usize,
    cd_offset: usize,
) -> Result<(Entry<'_>, usize), BundleError> {
    let bad = || BundleError::BadCentralRecord { index };
    if u32_at(bytes, at) != Some(CENTRAL_SIG) {
        return Err(bad());
    }
    let made_by = u16_at(bytes, at + 4).ok_or_else(bad)?;
    let common = common_at(bytes, at + 6).ok_or_else(bad)?;
    let name_len = usize::from(u16_at(bytes, at + 28).ok_or_else(bad)?);
    let extra_len = usize::from(u16_at(bytes, at + 30).ok_or_else(bad)?);
    let comment_len = usize::from(u16_at(bytes, at + 32).ok_or_else(bad)?);
    let external = u32_at(bytes, at + 38).ok_or_else(bad)?;
    let local = u32_at(bytes, at + 42).ok_or_else(bad)?;
    let name_start = at.saturating_add(CENTRAL_LEN);
    let raw_name = bytes
        .get(name_start..name_start.saturating_add(name_len))
        .ok_or_else(bad)?;
    let next = name_start.saturating_add(name_len + extra_len + comment_len);
    if next > bytes.len() || u16_at(bytes, at + 34) != Some(0) {
        return Err(bad());
    }
    match (extra_len, comment_len, u16_at(bytes, at + 36)) {
        (0, 0, Some(0)) => {}
        (0, 0, _) => return Err(BundleError::Unsigned("internal file attributes")),
        (0, _, _) => return Err(BundleError::Unsigned("an entry comment")),
        _ => return Err(BundleError::Unsigned("an extra field")),
    }
    let name = std::str::from_utf8(raw_name).map_err(|_| BundleError::NameNotUtf8)?;
    check_kind(name, common, made_by, external)?;
    check_plain(common, local)?;
    path::check(name)?;
    let local = local as usize;
    let (data, end) = local_data(bytes, local, raw_name, common, cd_offset, name)?;
    let size = u64::from(common.usize_);
    let entry = Entry {
        name,
        crc: common.crc,
        size,
        data,
        local_offset: local,
        end,
    };
    Ok((entry, next))
}

/// Rejects ZIP64: sizes and offsets at their 0xFFFFFFFF marker, or a version needed above 2.0.
fn check_plain(c: Common, local_offset: u32) -> Result<(), BundleError> {
    let marker = [c.csize, c.usize_, local_offset].contains(&u32::MAX);
    match marker || c.needed > MAX_NEEDED {
        true => Err(BundleError::UnsupportedArchive),
        false => Ok(()),
    }
}

/// Rejects encryption, compression, links and anything that is not a regular file made on Unix.
fn check_kind(name: &str, c: Common, made_by: u16, external: u32) -> Result<(), BundleError> {
    let name_owned = || name.to_string();
    if c.flags & ENCRYPTION_FLAGS != 0 {
        return Err(BundleError::Encrypted { name: name_owned() });
    }
    if c.method != STORED {
        return Err(BundleError::UnknownMethod {
            name: name_owned(),
            method: c.method,
        });
    }
    if c.flags & !ALLOWED_FLAGS != 0 {
        return Err(BundleError::HeaderMismatch {
            name: name_owned(),
            field: "unsupported flags",
        });
    }
    if c.csize != c.usize_ {
        return Err(BundleError::HeaderMismatch {
            name: name_owned(),
            field: "stored sizes",
        });
    }
    if made_by >> 8 != UNIX {
        return Err(BundleError::NotUnix { name: name_owned() });
    }
    let kind = (external >> 16) & 0o170_000;
    if kind == 0o120_000 {
        return Err(BundleError::Symlink { name: name_owned() });
    }
    let dos_directory = external & 0x10 != 0;
    if kind != 0o100_000 || dos_directory {
        return Err(BundleError::NotAFile { name: name_owned() });
    }
    Ok(())
}

/// Checks the local header against the central record and returns the entry's data bytes.
fn local_data<'a>(
    bytes: &'a [u8],
    at: usize,
    raw_name: &[u8],
    central: Common,
    cd_offset: usize,
    name: &str,
) -> Result<(&'a [u8], usize), BundleError> {
    let mismatch = |field| BundleError::HeaderMismatch {
        name: name.to_string(),
        field,
    };
    if at.checked_add(LOCAL_LEN).is_none_or(|end| end > cd_offset)
        || u32_at(bytes, at) != Some(LOCAL_SIG)
    {
        return Err(mismatch("local header missing"));
    }
    let local = common_at(bytes, at + 4).ok_or_else(|| mismatch("local header"))?;
    let name_len = usize::from(u16_at(bytes, at + 26).ok_or_else(|| mismatch("name length"))?);
    let extra_len = usize::from(u16_at(bytes, at + 28).ok_or_else(|| mismatch("extra length"))?);
    let name_start = at.saturating_add(LOCAL_LEN);
    if bytes.get(name_start..name_start.saturating_add(name_len)) != Some(raw_name) {
        return Err(mismatch("name"));
    }
    if extra_len != 0 {
        return Err(BundleError::Unsigned("an extra field"));
    }
    for (field, same) in [
        ("version needed", local.needed == central.needed),
        ("flags", local.flags == central.flags),
        ("method", local.method == central.method),
        (
            "time",
            local.time == central.time && local.date == central.date,
        ),
        ("crc", local.crc == central.crc),
        ("compressed size", local.csize == central.csize),
        ("size", local.usize_ == central.usize_),
    ] {
        if !same {
            return Err(mismatch(field));
        }
    }
    let start = name_start.saturating_add(name_len + extra_len);
    let end = start
        .checked_add(central.csize as usize)
        .ok_or_else(|| mismatch("compressed size"))?;
    if end > cd_offset {
        return Err(BundleError::Truncated("entry data"));
    }
    let data = bytes
        .get(start..end)
        .ok_or(BundleError::Truncated("entry data"))?;
    Ok((data, end))
}

/// Entries, in file order, must start at 0 and follow each other exactly up to the directory.
fn check_tiling(entries: &[Entry<'_>], cd_offset: usize) -> Result<(), BundleError> {
    let mut order: Vec<&Entry<'_>> = entries.iter().collect();
    order.sort_by_key(|e| e.local_offset);
    let mut expected = 0usize;
    for entry in order {
        if entry.local_offset != expected {
            return Err(BundleError::Overlap {
                name: entry.name.to_string(),
            });
        }
        expected = entry.end;
    }
    if expected != cd_offset {
        return Err(BundleError::Truncated(
            "bytes between the entries and the directory",
        ));
    }
    Ok(())
}

impl Entry<'_> {
    /// The entry's bytes, refused when larger than `limit`; the CRC is checked.
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, BundleError> {
        let name = || self.name.to_string();
        if self.size > limit {
            return Err(BundleError::EntryTooLarge {
                name: name(),
                limit,
            });
        }
        // Stored: the data is the content, and its length is both headers' size (checked in
        // `check_kind` and `local_data`).
        if crc32(self.data) != self.crc {
            return Err(BundleError::CrcMismatch { name: name() });
        }
        Ok(self.data.to_vec())
    }
}
