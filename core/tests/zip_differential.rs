//! The strict bundle reader against the `zip` crate's reader, archive by archive.
//!
//! What the strict reader (`bundle::zipread`) accepts, the `zip` crate must read the same: the
//! same entry names in the same order and the same bytes. What the strict reader refuses is
//! recorded here as the `zip` crate handles it (opens and reads, refuses the archive, or fails on
//! one entry), so the reasons the reader stays hand-written are tested, not just claimed. The
//! `zip` crate is used as an unzip tool would use it, with deflate (a dev-dependency feature).

use gongkai_core::bundle::digest::{crc32, sha256_hex};
use gongkai_core::bundle::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use gongkai_core::bundle::trust::{TRUST_FORMAT, TRUST_TYPE};
use gongkai_core::bundle::write::{assemble, Parts};
use gongkai_core::bundle::zipread::Archive;
use gongkai_core::bundle::zipwrite::ZipWriter;
use gongkai_core::bundle::{
    BundleError, FileEntry, Manifest, Previous, Role, SignedTrust, TrustRoot,
};
use std::io::{Cursor, Read};

/// Entries as a reader saw them: (name, bytes), in central directory order.
type Entries = Vec<(String, Vec<u8>)>;

/// What the `zip` crate makes of an archive.
#[derive(Debug, PartialEq, Eq)]
enum ZipCrate {
    /// Opens it and reads every entry.
    Reads(Entries),
    /// Refuses to open it.
    RefusesArchive,
    /// Opens it but fails to read the entry at this index (the first that fails).
    RefusesEntry(usize),
}

fn zip_crate(bytes: &[u8]) -> ZipCrate {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return ZipCrate::RefusesArchive;
    };
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        match zip_entry(&mut archive, index) {
            Some(entry) => entries.push(entry),
            None => return ZipCrate::RefusesEntry(index),
        }
    }
    ZipCrate::Reads(entries)
}

fn zip_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
) -> Option<(String, Vec<u8>)> {
    let mut file = archive.by_index(index).ok()?;
    let name = file.name().ok()?.to_string();
    let mut data = Vec::new();
    file.read_to_end(&mut data).ok()?;
    Some((name, data))
}

/// The strict reader: the structure, then every entry's bytes (CRC checked).
fn strict(bytes: &[u8]) -> Result<Entries, BundleError> {
    let archive = Archive::parse(bytes, 1000)?;
    archive
        .entries()
        .iter()
        .map(|e| Ok((e.name.to_string(), e.read(u64::MAX)?)))
        .collect()
}

/// One entry of a hand-made archive, every header field under the test's control; `stored`
/// gives the fields today's writer writes.
#[derive(Clone)]
struct Raw {
    name: Vec<u8>,
    /// What the local header names, when it differs from the central record.
    local_name: Option<Vec<u8>>,
    /// The bytes as they lie in the archive (a deflate stream when `method` is 8).
    payload: Vec<u8>,
    method: u16,
    crc: u32,
    /// The uncompressed size in both headers; the local header's, when it differs.
    size: u32,
    local_size: Option<u32>,
    flags: u16,
    needed: u16,
    made_by: u16,
    external: u32,
    internal: u16,
    extra: Vec<u8>,
    local_extra: Vec<u8>,
    comment: Vec<u8>,
    /// Bytes left between this entry's data and the next header.
    gap: Vec<u8>,
}

fn stored(name: &str, data: &[u8]) -> Raw {
    Raw {
        name: name.as_bytes().to_vec(),
        local_name: None,
        payload: data.to_vec(),
        method: 0,
        crc: crc32(data),
        size: data.len() as u32,
        local_size: None,
        flags: 0,
        needed: 10,
        made_by: (3 << 8) | 10,
        external: 0o100_644 << 16,
        internal: 0,
        extra: Vec::new(),
        local_extra: Vec::new(),
        comment: Vec::new(),
        gap: Vec::new(),
    }
}

fn deflated(name: &str, data: &[u8]) -> Raw {
    Raw {
        payload: miniz_oxide::deflate::compress_to_vec(data, 9),
        method: 8,
        needed: 20,
        ..stored(name, data)
    }
}

fn put(out: &mut Vec<u8>, fields: &[u32], widths: &[usize]) {
    for (v, w) in fields.iter().zip(widths) {
        out.extend_from_slice(&v.to_le_bytes()[..*w]);
    }
}

/// The fields both headers share, from "version needed" to the extra field's length.
fn common(out: &mut Vec<u8>, e: &Raw, size: u32, name_len: usize, extra_len: usize) {
    let (time, date) = (0, (1 << 5) | 1);
    let fields = [e.needed, e.flags, e.method, time, date].map(u32::from);
    put(out, &fields, &[2; 5]);
    put(out, &[e.crc, e.payload.len() as u32, size], &[4; 3]);
    put(out, &[name_len as u32, extra_len as u32], &[2; 2]);
}

fn local_header(out: &mut Vec<u8>, e: &Raw) {
    let name = e.local_name.as_ref().unwrap_or(&e.name);
    put(out, &[0x0403_4b50], &[4]);
    common(
        out,
        e,
        e.local_size.unwrap_or(e.size),
        name.len(),
        e.local_extra.len(),
    );
    out.extend_from_slice(name);
    out.extend_from_slice(&e.local_extra);
}

fn central_record(out: &mut Vec<u8>, e: &Raw, offset: u32) {
    put(out, &[0x0201_4b50, e.made_by.into()], &[4, 2]);
    common(out, e, e.size, e.name.len(), e.extra.len());
    let tail = [
        e.comment.len() as u32,
        0,
        e.internal.into(),
        e.external,
        offset,
    ];
    put(out, &tail, &[2, 2, 2, 4, 4]);
    for part in [&e.name, &e.extra, &e.comment] {
        out.extend_from_slice(part);
    }
}

/// Local headers with their data, the central directory, then the end record.
fn archive(entries: &[Raw]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for e in entries {
        let offset = out.len() as u32;
        local_header(&mut out, e);
        out.extend_from_slice(&e.payload);
        out.extend_from_slice(&e.gap);
        central_record(&mut central, e, offset);
    }
    let (count, size, offset) = (entries.len() as u32, central.len() as u32, out.len() as u32);
    out.extend_from_slice(&central);
    put(
        &mut out,
        &[0x0605_4b50, 0, 0, count, count, size, offset, 0],
        &[4, 2, 2, 2, 2, 4, 4, 2],
    );
    out
}

const A: &str = "site/a.json";
const A_BYTES: &[u8] = br#"{"k":"v"}"#;

fn one(e: Raw) -> Vec<u8> {
    archive(&[e])
}

fn a() -> Raw {
    stored(A, A_BYTES)
}

/// An Info-ZIP Unicode Path extra field (0x7075) for `name` (its CRC matches) naming `to`.
fn unicode_path(name: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    put(
        &mut out,
        &[0x7075, 5 + to.len() as u32, 1, crc32(name)],
        &[2, 2, 1, 4],
    );
    out.extend_from_slice(to);
    out
}

fn stored_named(name: &[u8]) -> Raw {
    Raw {
        name: name.to_vec(),
        ..a()
    }
}

// --- what the writer writes, and what the strict reader accepts ---

fn manifest(version: u64, files: &[(&str, &[u8])], previous: Option<Previous>) -> Manifest {
    let files = files.iter().map(|(path, data)| FileEntry {
        path: path.to_string(),
        sha256: sha256_hex(data),
        size: data.len() as u64,
    });
    Manifest {
        kind: MANIFEST_TYPE.into(),
        format: MANIFEST_FORMAT,
        site: "s".into(),
        version,
        created: 100,
        expires: 200,
        previous,
        files: files.collect(),
    }
}

fn trust() -> SignedTrust {
    let role = Role {
        threshold: 1,
        keys: vec![],
    };
    let signed = TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: "s".into(),
        version: 2,
        root: role.clone(),
        release: role,
    };
    SignedTrust {
        signed,
        signatures: vec![],
    }
}

fn bundle(m: &Manifest, trust: Option<&SignedTrust>, files: &[(&str, &[u8])]) -> Vec<u8> {
    let parts = Parts {
        manifest: m,
        signatures: vec![],
        trust,
    };
    assemble(parts, files.iter().copied()).unwrap()
}

fn write(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    for (name, data) in entries {
        zip.add(name, data).unwrap();
    }
    zip.finish().unwrap()
}

/// The fuzzer's seed bundles (`fuzz/seeds/*.zip`; the feed seed beside them is JSON), by file
/// name. They are made by `fuzz/src/lib.rs` (see fuzz/README.md).
fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no fuzz seeds found");
    seeds
}

/// Bundles the writer makes: the round trip of core's bundle tests, a full bundle shipping a
/// trust root with non-ASCII and empty files, a delta, and the fuzz seeds.
fn accepted() -> Vec<(String, Vec<u8>)> {
    let big = "条".repeat(5000);
    let round_trip: &[(&str, &[u8])] = &[("a.json", b"{}"), ("b/c.txt", big.as_bytes())];
    let v1 = manifest(1, round_trip, None);
    let mixed: &[(&str, &[u8])] = &[
        ("data/条例.json", "{\"名\":1}".as_bytes()),
        ("empty.txt", b""),
    ];
    let changed: &[(&str, &[u8])] = &[("b/c.txt", b"new")];
    let base = Previous {
        version: 1,
        manifest_sha256: v1.sha256(),
    };
    let mut corpus = vec![
        ("round trip".to_string(), bundle(&v1, None, round_trip)),
        (
            "trust, non-ASCII, empty".to_string(),
            bundle(&manifest(2, mixed, None), Some(&trust()), mixed),
        ),
        (
            "delta".to_string(),
            bundle(&manifest(3, changed, Some(base)), None, changed),
        ),
    ];
    for (seed, bytes) in seeds() {
        corpus.push((format!("seed {seed}"), bytes));
    }
    corpus
}

#[test]
fn the_writer_writes_the_documented_fields_byte_for_byte_every_time() {
    let entries = vec![
        ("gongkai/manifest.json".to_string(), b"{}".to_vec()),
        ("site/数据/条.json".to_string(), "条".as_bytes().to_vec()),
        ("site/empty".to_string(), vec![]),
    ];
    let by_hand = archive(&[
        stored("gongkai/manifest.json", b"{}"),
        Raw {
            flags: 1 << 11,
            ..stored("site/数据/条.json", "条".as_bytes())
        },
        stored("site/empty", b""),
    ]);
    assert_eq!(write(&entries), by_hand);
    assert_eq!(write(&entries), write(&entries));
}

#[test]
fn the_writer_refuses_an_entry_that_would_need_zip64() {
    let mut zip = ZipWriter::new();
    for n in 0..u16::MAX - 1 {
        zip.add(&format!("{n}"), b"").unwrap();
    }
    assert_eq!(
        zip.add("one more", b""),
        Err(BundleError::TooManyEntries {
            count: 65_535,
            limit: 65_534
        })
    );
    let bytes = zip.finish().unwrap();
    assert_eq!(
        Archive::parse(&bytes, 65_534).unwrap().entries().len(),
        65_534
    );
}

#[test]
fn what_the_strict_reader_accepts_the_zip_crate_reads_the_same() {
    for (what, bytes) in accepted() {
        let entries = strict(&bytes).unwrap_or_else(|e| panic!("{what}: the strict reader: {e}"));
        assert!(entries.len() >= 3, "{what}: metadata and files");
        assert_eq!(zip_crate(&bytes), ZipCrate::Reads(entries), "{what}");
    }
}

/// The fuzz seeds are current bundles, so the fuzzer starts from input the strict reader
/// accepts: it reads every entry, the manifest lists each file with its hash and size, and the
/// writer writes the same entries to the same bytes. (Seeds from before the stored-only rule
/// were deflated, and the reader refused them at their first entry.)
#[test]
fn the_fuzz_seeds_are_current_bundles_the_strict_reader_accepts() {
    let seeds = seeds();
    assert!(seeds.len() >= 3, "a full bundle, a delta and a rotation");
    for (seed, bytes) in seeds {
        let entries = strict(&bytes).unwrap_or_else(|e| panic!("{seed}: the strict reader: {e}"));
        assert_signed(&seed, &entries);
        assert!(write(&entries) == bytes, "{seed}: written again differs");
    }
}

/// Every file entry is listed in the manifest with its hash and size.
fn assert_signed(seed: &str, entries: &Entries) {
    let (_, manifest) = entries
        .iter()
        .find(|(n, _)| n == "gongkai/manifest.json")
        .unwrap();
    let manifest = Manifest::parse(manifest).unwrap();
    let files: Vec<_> = entries
        .iter()
        .filter_map(|(n, d)| Some((n.strip_prefix("site/")?, d)))
        .collect();
    assert!(!files.is_empty(), "{seed}: files");
    for (path, data) in files {
        let listed = manifest
            .file(path)
            .unwrap_or_else(|| panic!("{seed}: {path} listed"));
        assert_eq!(listed.sha256, sha256_hex(data), "{seed}: {path}");
        assert_eq!(listed.size, data.len() as u64, "{seed}: {path}");
    }
}

// --- what the strict reader refuses, and what the zip crate does with it ---

/// A hostile archive, the strict reader's refusal, and what the zip crate does instead.
type Case = (&'static str, Vec<u8>, BundleError, ZipCrate);

fn check(cases: Vec<Case>) {
    for (what, bytes, refusal, observed) in cases {
        assert_eq!(strict(&bytes), Err(refusal), "{what}: the strict reader");
        assert_eq!(zip_crate(&bytes), observed, "{what}: the zip crate");
    }
}

fn reads(entries: &[(&str, &[u8])]) -> ZipCrate {
    ZipCrate::Reads(
        entries
            .iter()
            .map(|(n, d)| (n.to_string(), d.to_vec()))
            .collect(),
    )
}

/// The zip crate reads `site/a.json` and its bytes as if nothing were wrong.
fn reads_a() -> ZipCrate {
    reads(&[(A, A_BYTES)])
}

fn mismatch(field: &'static str) -> BundleError {
    BundleError::HeaderMismatch {
        name: A.into(),
        field,
    }
}

/// A data descriptor after the data, as a streaming writer leaves one (flag bit 3).
fn descriptor() -> Vec<u8> {
    let size = A_BYTES.len() as u32;
    let mut out = Vec::new();
    put(
        &mut out,
        &[0x0807_4b50, crc32(A_BYTES), size, size],
        &[4; 4],
    );
    out
}

#[test]
fn unsigned_fields_the_zip_crate_reads_past() {
    let renamed = unicode_path(A.as_bytes(), b"site/other.json");
    let unsigned = BundleError::Unsigned;
    check(vec![
        (
            "a Unicode Path extra field in the central record, naming another file",
            one(Raw {
                extra: renamed.clone(),
                ..a()
            }),
            unsigned("an extra field"),
            reads(&[("site/other.json", A_BYTES)]),
        ),
        (
            "the same field in the local header only",
            one(Raw {
                local_extra: renamed,
                ..a()
            }),
            unsigned("an extra field"),
            reads_a(),
        ),
        (
            "an entry comment",
            one(Raw {
                comment: b"hi".to_vec(),
                ..a()
            }),
            unsigned("an entry comment"),
            reads_a(),
        ),
        (
            "internal attributes",
            one(Raw { internal: 1, ..a() }),
            unsigned("internal file attributes"),
            reads_a(),
        ),
        (
            "a data descriptor",
            one(Raw {
                flags: 1 << 3,
                gap: descriptor(),
                ..a()
            }),
            mismatch("unsupported flags"),
            reads_a(),
        ),
        (
            "a deflate speed hint flag",
            one(Raw {
                flags: 1 << 1,
                ..a()
            }),
            mismatch("unsupported flags"),
            reads_a(),
        ),
        (
            "version needed 4.5 (ZIP64)",
            one(Raw { needed: 45, ..a() }),
            BundleError::UnsupportedArchive,
            reads_a(),
        ),
    ]);
}

#[test]
fn file_kinds_the_zip_crate_reads_as_data() {
    let not_unix = || BundleError::NotUnix { name: A.into() };
    let not_a_file = || BundleError::NotAFile { name: A.into() };
    check(vec![
        (
            "made by MS-DOS, no mode",
            one(Raw {
                made_by: 20,
                external: 0,
                ..a()
            }),
            not_unix(),
            reads_a(),
        ),
        (
            "a macOS symlink",
            one(Raw {
                made_by: (19 << 8) | 20,
                external: 0o120_777 << 16,
                ..a()
            }),
            not_unix(),
            reads_a(),
        ),
        (
            "a Unix symlink (its data is the target)",
            one(Raw {
                external: 0o120_777 << 16,
                ..stored(A, b"/etc/passwd")
            }),
            BundleError::Symlink { name: A.into() },
            reads(&[(A, b"/etc/passwd")]),
        ),
        (
            "no mode bits",
            one(Raw { external: 0, ..a() }),
            not_a_file(),
            reads_a(),
        ),
        (
            "the DOS directory bit",
            one(Raw {
                external: (0o100_644 << 16) | 0x10,
                ..a()
            }),
            not_a_file(),
            reads_a(),
        ),
    ]);
}

#[test]
fn methods_and_encryption() {
    let method = |method| BundleError::UnknownMethod {
        name: A.into(),
        method,
    };
    let mut bomb = deflated(A, &vec![0; 1 << 20]);
    (bomb.size, bomb.crc) = (2, crc32(b"{}"));
    let mut junk = deflated(A, A_BYTES);
    junk.payload.extend_from_slice(b"unsigned");
    check(vec![
        ("deflated", one(deflated(A, A_BYTES)), method(8), reads_a()),
        (
            "deflated, then junk after the stream's end",
            one(junk),
            method(8),
            reads_a(),
        ),
        (
            "a deflate bomb declaring 2 bytes",
            one(bomb),
            method(8),
            ZipCrate::RefusesEntry(0),
        ),
        (
            "bzip2 (a method this build of the zip crate lacks)",
            one(Raw { method: 12, ..a() }),
            method(12),
            ZipCrate::RefusesEntry(0),
        ),
        (
            "encrypted",
            one(Raw { flags: 1, ..a() }),
            BundleError::Encrypted { name: A.into() },
            ZipCrate::RefusesEntry(0),
        ),
    ]);
}

/// Two entries, `site/a.json` (`1`) and `site/b.json` (`2`).
fn two() -> Vec<u8> {
    archive(&[stored(A, b"1"), stored("site/b.json", b"2")])
}

#[test]
fn layouts_the_zip_crate_reads_around() {
    let both = || reads(&[(A, b"1"), ("site/b.json", b"2")]);
    let mut commented = two();
    let end = commented.len();
    commented[end - 2..].copy_from_slice(&7u16.to_le_bytes());
    commented.extend_from_slice(b"comment");
    let mut flipped = two();
    flipped[30 + A.len()] ^= 0x40;
    let gap = archive(&[
        Raw {
            gap: b"hidden".to_vec(),
            ..stored(A, b"1")
        },
        stored("site/b.json", b"2"),
    ]);
    check(vec![
        (
            "an archive comment",
            commented,
            BundleError::Unsigned("an archive comment"),
            both(),
        ),
        (
            "bytes before the first entry",
            [b"MZ".as_slice(), &two()].concat(),
            BundleError::Truncated("central directory"),
            both(),
        ),
        (
            "bytes after the end record",
            [two(), b"x".to_vec()].concat(),
            BundleError::NoEndOfDirectory,
            both(),
        ),
        (
            "bytes between entries",
            gap,
            BundleError::Overlap {
                name: "site/b.json".into(),
            },
            both(),
        ),
        (
            "a local header naming another file",
            one(Raw {
                local_name: Some(b"site/a.jsoN".to_vec()),
                ..a()
            }),
            mismatch("name"),
            reads_a(),
        ),
        (
            "a local header with another size",
            one(Raw {
                local_size: Some(1_000_000),
                ..a()
            }),
            mismatch("size"),
            reads_a(),
        ),
        (
            "a flipped data byte",
            flipped,
            BundleError::CrcMismatch { name: A.into() },
            ZipCrate::RefusesEntry(0),
        ),
    ]);
}

#[test]
fn truncated_archives_both_refuse() {
    let bytes = two();
    for cut in [bytes.len() / 2, bytes.len() - 1, bytes.len() - 22, 10] {
        assert_eq!(
            strict(&bytes[..cut]),
            Err(BundleError::NoEndOfDirectory),
            "cut at {cut}"
        );
        assert_eq!(
            zip_crate(&bytes[..cut]),
            ZipCrate::RefusesArchive,
            "cut at {cut}"
        );
    }
}

#[test]
fn names_the_zip_crate_reads_as_other_names_or_keeps_twice() {
    let duplicate = |name: &str| BundleError::DuplicateEntry { name: name.into() };
    check(vec![
        (
            "the same name twice: the zip crate keeps only the last",
            archive(&[stored(A, b"1"), stored(A, b"2")]),
            duplicate(A),
            reads(&[(A, b"2")]),
        ),
        (
            "a name that is not UTF-8, read as CP437",
            one(stored_named(b"site/\xff.json")),
            BundleError::NameNotUtf8,
            reads(&[("site/\u{a0}.json", A_BYTES)]),
        ),
    ]);
    for (first, twin) in [
        (A, "site/A.JSON"),
        (A, "SITE/a.json"),
        ("site/s", "site/\u{17f}"),
        ("site/\u{3c3}", "site/\u{3c2}"),
        ("site/caf\u{e9}", "site/cafe\u{301}"),
    ] {
        let bytes = archive(&[stored(first, b"1"), stored(twin, b"2")]);
        assert_eq!(strict(&bytes), Err(duplicate(twin)), "{twin}");
        assert_eq!(
            zip_crate(&bytes),
            reads(&[(first, b"1"), (twin, b"2")]),
            "{twin}"
        );
    }
}

/// Unsafe names: the zip crate reads each as is, and its own `enclosed_name` (the path it
/// would extract to, on Unix) refuses only some of them and rewrites others.
#[cfg(unix)]
#[test]
fn unsafe_names_the_zip_crate_reads_as_is() {
    for (name, enclosed) in [
        ("site/../../etc/passwd", None),
        ("site/data/x\0.json", None),
        ("/etc/passwd", Some("etc/passwd")),
        ("C:/x", Some("x")),
        ("site\\data\\x.json", Some("site/data/x.json")),
        ("site/./x", Some("site/x")),
        ("site//x", Some("site/x")),
        ("site/data/", Some("site/data")),
        ("site/data/CON", Some("site/data/CON")),
        ("site/aux.json", Some("site/aux.json")),
        ("site/data/com1.html", Some("site/data/com1.html")),
        ("site/data/x.json.", Some("site/data/x.json.")),
        ("site/data /x.json", Some("site/data /x.json")),
        ("site/what?.html", Some("site/what?.html")),
        (
            "site/data/ca\u{200b}talogue.json",
            Some("site/data/ca\u{200b}talogue.json"),
        ),
        (
            "site/data/\u{202e}nosj.txt",
            Some("site/data/\u{202e}nosj.txt"),
        ),
        ("site/\u{feff}x.json", Some("site/\u{feff}x.json")),
    ] {
        let bytes = one(stored(name, b"x"));
        assert!(
            matches!(strict(&bytes), Err(BundleError::UnsafePath { .. })),
            "{name:?}"
        );
        assert_eq!(zip_crate(&bytes), reads(&[(name, b"x")]), "{name:?}");
        assert_eq!(enclosed_name(&bytes).as_deref(), enclosed, "{name:?}");
    }
}

#[cfg(unix)]
fn enclosed_name(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let file = archive.by_index(0).unwrap();
    Some(file.enclosed_name()?.to_str()?.to_string())
}
