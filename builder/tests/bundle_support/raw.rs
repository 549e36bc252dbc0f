//! A zip writer that does exactly what it is told, byte by byte, so tests can build archives
//! the real writer never would: lying headers, duplicate names, links, bombs.

use ed25519_dalek::Signer;
use gongkai_core::bundle::digest::{crc32, sha256_hex};
use gongkai_core::bundle::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use gongkai_core::bundle::{key_id, FileEntry, KeySignature, Manifest, Signatures};
use std::io::Write;

/// One entry with every header field under the test's control.
#[derive(Clone)]
pub struct RawEntry {
    pub name: Vec<u8>,
    /// The bytes as stored in the archive (compressed when `method` is 8).
    pub payload: Vec<u8>,
    pub method: u16,
    pub crc: u32,
    pub size: u32,
    pub flags: u16,
    pub made_by: u16,
    pub external: u32,
    /// When set, the local header says this instead of what the central directory says.
    pub local_name: Option<Vec<u8>>,
    pub local_size: Option<u32>,
    /// Extra fields of the central record and of the local header; the entry comment.
    pub extra: Vec<u8>,
    pub local_extra: Vec<u8>,
    pub comment: Vec<u8>,
    pub needed: u16,
    pub internal: u16,
}

impl RawEntry {
    pub fn stored(name: &str, data: &[u8]) -> RawEntry {
        RawEntry {
            name: name.as_bytes().to_vec(),
            payload: data.to_vec(),
            method: 0,
            crc: crc32(data),
            size: data.len() as u32,
            flags: 1 << 11,
            made_by: (3 << 8) | 20,
            external: 0o100_644 << 16,
            local_name: None,
            local_size: None,
            extra: Vec::new(),
            local_extra: Vec::new(),
            comment: Vec::new(),
            needed: 20,
            internal: 0,
        }
    }

    pub fn deflated(name: &str, data: &[u8]) -> RawEntry {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(data).unwrap();
        RawEntry {
            payload: encoder.finish().unwrap(),
            method: 8,
            ..RawEntry::stored(name, data)
        }
    }
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Local headers and data, then the central directory, then the end record.
pub fn zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let local_name = e.local_name.as_ref().unwrap_or(&e.name);
        put32(&mut out, 0x0403_4b50);
        fields(
            &mut out,
            e,
            e.local_size.unwrap_or(e.size),
            local_name.len(),
            e.local_extra.len(),
        );
        out.extend_from_slice(local_name);
        out.extend_from_slice(&e.local_extra);
        out.extend_from_slice(&e.payload);
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, e.made_by);
        fields(&mut central, e, e.size, e.name.len(), e.extra.len());
        for v in [e.comment.len() as u16, 0, e.internal] {
            put16(&mut central, v);
        }
        put32(&mut central, e.external);
        put32(&mut central, offset);
        central.extend_from_slice(&e.name);
        central.extend_from_slice(&e.extra);
        central.extend_from_slice(&e.comment);
    }
    let (cd_offset, cd_size) = (out.len() as u32, central.len() as u32);
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    for v in [0u16, 0, entries.len() as u16, entries.len() as u16] {
        put16(&mut out, v);
    }
    put32(&mut out, cd_size);
    put32(&mut out, cd_offset);
    put16(&mut out, 0);
    out
}

fn fields(out: &mut Vec<u8>, e: &RawEntry, size: u32, name_len: usize, extra_len: usize) {
    for v in [e.needed, e.flags, e.method, 0, (1 << 5) | 1] {
        put16(out, v);
    }
    put32(out, e.crc);
    put32(out, e.payload.len() as u32);
    put32(out, size);
    put16(out, name_len as u16);
    put16(out, extra_len as u16);
}

/// The canonical manifest of version `version` listing `files` (path, content).
pub fn manifest(version: u64, created: u64, files: &[(&str, &[u8])]) -> Manifest {
    let mut files: Vec<FileEntry> = files
        .iter()
        .map(|(p, d)| FileEntry {
            path: p.to_string(),
            sha256: sha256_hex(d),
            size: d.len() as u64,
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Manifest {
        kind: MANIFEST_TYPE.into(),
        format: MANIFEST_FORMAT,
        site: "gongkai".into(),
        version,
        created,
        expires: created + 300 * 86_400,
        previous: None,
        files,
    }
}

/// The manifest and signature entries for `manifest_bytes`, signed by `keys`.
pub fn metadata(manifest_bytes: &[u8], keys: &[&ed25519_dalek::SigningKey]) -> Vec<RawEntry> {
    let signatures = keys
        .iter()
        .map(|k| KeySignature {
            keyid: key_id(&k.verifying_key().to_bytes()),
            sig: hex::encode(k.sign(manifest_bytes).to_bytes()),
        })
        .collect();
    let signatures = serde_json::to_vec(&Signatures { signatures }).unwrap();
    vec![
        RawEntry::stored("gongkai/manifest.json", manifest_bytes),
        RawEntry::stored("gongkai/signatures.json", &signatures),
    ]
}

/// A well-formed, validly signed bundle of `files` whose site entries the test may then alter.
pub fn signed(
    key: &ed25519_dalek::SigningKey,
    version: u64,
    created: u64,
    files: &[(&str, &[u8])],
    entries: Vec<RawEntry>,
) -> Vec<u8> {
    let manifest = manifest(version, created, files).to_bytes();
    let mut all = metadata(&manifest, &[key]);
    all.extend(entries);
    zip(&all)
}
