//! Bundles refused for their zip structure or content, each through `gongkai apply` on a store
//! with version 1 active: the reason is printed, the exit code is 1, and the store is
//! byte-for-byte unchanged.

mod bundle_support;
mod tree;

use bundle_support::raw::{self, RawEntry};
use bundle_support::*;

#[test]
fn a_flipped_byte_in_entry_data_fails_crc_or_inflate() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() + 10);
    let mut bytes = std::fs::read(env.path("v2.zip")).unwrap();
    let at =
        find(&bytes, b"site/data/catalogue.json").unwrap() + "site/data/catalogue.json".len() + 5;
    bytes[at] ^= 0x40;
    let out = {
        std::fs::write(env.path("bad.zip"), &bytes).unwrap();
        env.apply("bad.zip")
    };
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CRC-32") || stderr.contains("inflate"),
        "{stderr}"
    );
    assert_eq!(env.active().as_deref(), Some("1"));
}

#[test]
fn modified_content_with_a_consistent_crc_fails_the_sha256() {
    let env = Env::installed();
    let mut tampered = CAT_BYTES.to_vec();
    tampered[3] ^= 1;
    rejects(
        &env,
        &crafted(
            &env,
            &[(CAT, CAT_BYTES)],
            vec![RawEntry::stored("site/data/catalogue.json", &tampered)],
        ),
        "SHA-256 differs",
    );
}

#[test]
fn missing_entry() {
    let env = Env::installed();
    let files: &[(&str, &[u8])] = &[(CAT, CAT_BYTES), ("data/items/x.json", b"{}")];
    rejects(
        &env,
        &crafted(
            &env,
            files,
            vec![RawEntry::stored("site/data/catalogue.json", CAT_BYTES)],
        ),
        "missing from the bundle",
    );
}

#[test]
fn extra_unlisted_entry() {
    let env = Env::installed();
    let entries = vec![
        RawEntry::stored("site/data/catalogue.json", CAT_BYTES),
        RawEntry::stored("site/evil.js", b"alert(1)"),
    ];
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], entries),
        "not listed in the manifest",
    );
    let outside = vec![
        RawEntry::stored("site/data/catalogue.json", CAT_BYTES),
        RawEntry::stored("README", b"x"),
    ];
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], outside),
        "not listed in the manifest",
    );
}

#[test]
fn duplicate_names_including_case_and_normalization_variants() {
    let env = Env::installed();
    for twin in [
        "site/data/catalogue.json",
        "site/DATA/Catalogue.JSON",
        "SITE/data/catalogue.json",
    ] {
        let entries = vec![
            RawEntry::stored("site/data/catalogue.json", CAT_BYTES),
            RawEntry::stored(twin, CAT_BYTES),
        ];
        rejects(
            &env,
            &crafted(&env, &[(CAT, CAT_BYTES)], entries),
            "appears twice",
        );
    }
    // Full case folding: ſ is s and ς is σ on a case-insensitive disk.
    for (listed, twin) in [
        ("data/s.json", "site/data/\u{17f}.json"),
        ("data/\u{3c3}.json", "site/data/\u{3c2}.json"),
    ] {
        let files: &[(&str, &[u8])] = &[(listed, b"1")];
        let entries = vec![
            RawEntry::stored(&format!("site/{listed}"), b"1"),
            RawEntry::stored(twin, b"1"),
        ];
        rejects(&env, &crafted(&env, files, entries), "appears twice");
    }
    let composed: &[(&str, &[u8])] = &[("data/caf\u{e9}.json", b"1")];
    let entries = vec![
        RawEntry::stored("site/data/caf\u{e9}.json", b"1"),
        RawEntry::stored("site/data/cafe\u{301}.json", b"1"),
    ];
    rejects(&env, &crafted(&env, composed, entries), "appears twice");
}

#[test]
fn unsafe_paths() {
    let env = Env::installed();
    for name in [
        "site/../../etc/passwd",
        "/etc/passwd",
        "site\\data\\x.json",
        "site/data/x\0.json",
        "site/./x",
        "site//x",
        "C:/x",
        "site/data/",
        // Names Windows would open as a device or silently change.
        "site/data/CON",
        "site/aux.json",
        "site/data/com1.html",
        "site/data/x.json.",
        "site/data /x.json",
        "site/what?.html",
        // Invisible or direction-changing characters.
        "site/data/ca\u{200b}talogue.json",
        "site/data/\u{202e}nosj.txt",
        "site/\u{feff}x.json",
    ] {
        let entries = vec![
            RawEntry::stored("site/data/catalogue.json", CAT_BYTES),
            RawEntry::stored(name, b"x"),
        ];
        rejects(
            &env,
            &crafted(&env, &[(CAT, CAT_BYTES)], entries),
            "unsafe path",
        );
    }
}

/// Bytes outside what the signature covers, or that other unzip tools would read differently,
/// each refused with the store unchanged.
#[test]
fn strict_zip_refuses_unsigned_or_ambiguous_structure() {
    let env = Env::installed();
    let entry = || RawEntry::stored("site/data/catalogue.json", CAT_BYTES);
    let one = |e: RawEntry| crafted(&env, &[(CAT, CAT_BYTES)], vec![e]);
    let cases: Vec<(&str, RawEntry, &str)> = vec![
        (
            "central extra field",
            RawEntry {
                extra: unicode_path_extra(),
                ..entry()
            },
            "an extra field",
        ),
        (
            "local extra field",
            RawEntry {
                local_extra: unicode_path_extra(),
                ..entry()
            },
            "an extra field",
        ),
        (
            "entry comment",
            RawEntry {
                comment: b"hi".to_vec(),
                ..entry()
            },
            "an entry comment",
        ),
        (
            "internal attributes",
            RawEntry {
                internal: 1,
                ..entry()
            },
            "internal file attributes",
        ),
        (
            "data descriptor",
            RawEntry {
                flags: (1 << 11) | (1 << 3),
                ..entry()
            },
            "unsupported flags",
        ),
        (
            "deflate speed hint",
            RawEntry {
                flags: (1 << 11) | (1 << 1),
                ..entry()
            },
            "unsupported flags",
        ),
        (
            "ZIP64 version needed",
            RawEntry {
                needed: 45,
                ..entry()
            },
            "ZIP64",
        ),
        (
            "made by MS-DOS",
            RawEntry {
                made_by: 20,
                external: 0,
                ..entry()
            },
            "other than Unix",
        ),
        (
            "a macOS symlink",
            RawEntry {
                made_by: (19 << 8) | 20,
                external: 0o120_777 << 16,
                ..entry()
            },
            "other than Unix",
        ),
        (
            "no mode bits",
            RawEntry {
                external: 0,
                ..entry()
            },
            "only regular files",
        ),
    ];
    for (what, e, reason) in cases {
        eprintln!("case: {what}");
        rejects(&env, &one(e), reason);
    }
    // The end record's comment length, then the comment: after the signed archive.
    let mut with_comment = one(entry());
    let n = with_comment.len();
    with_comment[n - 2..].copy_from_slice(&7u16.to_le_bytes());
    with_comment.extend_from_slice(b"comment");
    rejects(&env, &with_comment, "an archive comment");
}

/// An Info-ZIP Unicode Path extra field (0x7075) naming another file.
fn unicode_path_extra() -> Vec<u8> {
    let name = b"site/other.json";
    let mut out = 0x7075u16.to_le_bytes().to_vec();
    out.extend_from_slice(&(5 + name.len() as u16).to_le_bytes());
    out.push(1);
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(name);
    out
}

#[test]
fn symlink_entries() {
    let env = Env::installed();
    let mut link = RawEntry::stored("site/data/catalogue.json", b"/etc/passwd");
    link.external = 0o120_777 << 16;
    rejects(
        &env,
        &crafted(&env, &[(CAT, b"/etc/passwd")], vec![link]),
        "symbolic links",
    );
}

#[test]
fn encrypted_and_unknown_methods() {
    let env = Env::installed();
    let mut encrypted = RawEntry::stored("site/data/catalogue.json", CAT_BYTES);
    encrypted.flags |= 1;
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![encrypted]),
        "encrypted",
    );
    let mut bzip = RawEntry::stored("site/data/catalogue.json", CAT_BYTES);
    bzip.method = 12;
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![bzip]),
        "compression method 12",
    );
}

#[test]
fn local_header_disagrees_with_central_directory() {
    let env = Env::installed();
    let mut renamed = RawEntry::stored("site/data/catalogue.json", CAT_BYTES);
    renamed.local_name = Some(b"site/data/catalogue.jsoN".to_vec());
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![renamed]),
        "local header disagrees",
    );
    let mut resized = RawEntry::stored("site/data/catalogue.json", CAT_BYTES);
    resized.local_size = Some(1_000_000);
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![resized]),
        "local header disagrees",
    );
}

#[test]
fn deflated_entries_are_refused_before_inflating_a_bomb_or_trailing_junk() {
    let env = Env::installed();
    let small: &[u8] = b"{}";
    let mut bomb = RawEntry::deflated("site/data/catalogue.json", &vec![0u8; 50 << 20]);
    // Both headers and the manifest claim 2 bytes; the stream holds 50 MiB of zeros.
    bomb.size = 2;
    bomb.crc = raw_crc(small);
    rejects(
        &env,
        &crafted(&env, &[(CAT, small)], vec![bomb]),
        "compression method 8 is not accepted",
    );
    // A valid stream of the right content with junk after its end: unsigned bytes.
    let mut junk = RawEntry::deflated("site/data/catalogue.json", CAT_BYTES);
    junk.payload.extend_from_slice(b"unsigned");
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![junk]),
        "compression method 8 is not accepted",
    );
}

#[test]
fn manifest_over_its_size_cap() {
    let env = Env::installed();
    let huge = vec![b' '; (16 << 20) + 1];
    let entries = vec![
        RawEntry::stored("gongkai/manifest.json", &huge),
        RawEntry::stored("gongkai/signatures.json", b"{\"signatures\":[]}"),
    ];
    rejects(
        &env,
        &raw::zip(&entries),
        "manifest is 16777217 bytes, above the cap of 16777216",
    );
}

#[test]
fn truncated_file() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() + 10);
    let bytes = std::fs::read(env.path("v2.zip")).unwrap();
    for cut in [bytes.len() / 2, bytes.len() - 1, bytes.len() - 22, 10] {
        rejects(&env, &bytes[..cut], "truncated");
    }
}

fn raw_crc(bytes: &[u8]) -> u32 {
    gongkai_core::bundle::digest::crc32(bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
