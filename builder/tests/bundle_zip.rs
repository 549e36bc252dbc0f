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
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], T0 + 10);
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
    let mut resized = RawEntry::deflated("site/data/catalogue.json", CAT_BYTES);
    resized.local_size = Some(1_000_000);
    rejects(
        &env,
        &crafted(&env, &[(CAT, CAT_BYTES)], vec![resized]),
        "local header disagrees",
    );
}

#[test]
fn zip_bomb_inflating_past_the_manifest_size() {
    let env = Env::installed();
    let small: &[u8] = b"{}";
    let mut bomb = RawEntry::deflated("site/data/catalogue.json", &vec![0u8; 50 << 20]);
    // Both headers and the manifest claim 2 bytes; the stream holds 50 MiB of zeros.
    bomb.size = 2;
    bomb.crc = raw_crc(small);
    rejects(
        &env,
        &crafted(&env, &[(CAT, small)], vec![bomb]),
        "inflates beyond its declared size of 2 bytes",
    );
}

#[test]
fn manifest_over_its_size_cap() {
    let env = Env::installed();
    let huge = vec![b' '; (16 << 20) + 1];
    let entries = vec![
        RawEntry::deflated("gongkai/manifest.json", &huge),
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
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], T0 + 10);
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
