//! Every way a bundle must be refused, each through `gongkai apply` on a store with version 1
//! active: the reason is printed, the exit code is 1, and the store is byte-for-byte unchanged.

mod bundle_support;

use bundle_support::raw::{self, RawEntry};
use bundle_support::*;

const CAT: &str = "data/catalogue.json";
const CAT_BYTES: &[u8] =
    b"{\"format\":1,\"note\":\"crafted version two, long enough to deflate well well well\"}";

/// Applies `bytes` and checks the rejection left the store exactly as it was.
fn rejects(env: &Env, bytes: &[u8], reason: &str) {
    let before = snapshot(&env.path("store"));
    std::fs::write(env.path("bad.zip"), bytes).unwrap();
    assert_rejected(&env.apply("bad.zip"), reason);
    assert_eq!(
        snapshot(&env.path("store")),
        before,
        "the store changed after a rejection"
    );
    assert_eq!(env.active().as_deref(), Some("1"));
}

/// A correctly signed crafted version 2 carrying `entries` for the listed `files`.
fn crafted(env: &Env, files: &[(&str, &[u8])], entries: Vec<RawEntry>) -> Vec<u8> {
    raw::signed(&env.signing_key("a"), 2, T0 + 10, files, entries)
}

#[test]
fn control_crafted_bundle_is_accepted() {
    // Guards the tests below: without their one defect, crafted bundles do install.
    let env = Env::installed();
    let bytes = crafted(
        &env,
        &[(CAT, CAT_BYTES)],
        vec![RawEntry::deflated("site/data/catalogue.json", CAT_BYTES)],
    );
    std::fs::write(env.path("good.zip"), bytes).unwrap();
    assert_ok(&env.apply("good.zip"));
    assert_eq!(env.active().as_deref(), Some("2"));
    assert_eq!(
        env.active_files().get(CAT).map(Vec::as_slice),
        Some(CAT_BYTES)
    );
}

#[test]
fn bad_signature() {
    let env = Env::installed();
    let manifest = raw::manifest(2, T0 + 10, &[(CAT, CAT_BYTES)]).to_bytes();
    let mut entries = raw::metadata(&manifest, &[&env.signing_key("a")]);
    // Flip one hex digit of the signature, keeping the JSON valid.
    let sigs = String::from_utf8(entries[1].payload.clone()).unwrap();
    let at = sigs.find("\"sig\":\"").unwrap() + 8;
    let flipped = if &sigs[at..at + 1] == "0" { "1" } else { "0" };
    entries[1] = RawEntry::stored(
        "gongkai/signatures.json",
        format!("{}{flipped}{}", &sigs[..at], &sigs[at + 1..]).as_bytes(),
    );
    entries.push(RawEntry::stored("site/data/catalogue.json", CAT_BYTES));
    rejects(&env, &raw::zip(&entries), "only 0 valid signature(s)");
}

#[test]
fn signed_by_a_key_not_in_the_trust_root() {
    let env = Env::installed();
    env.keygen("stranger");
    env.bundle_with(
        &["stranger"],
        "site",
        &["--version", "2", "--out", &env.s("v2.zip")],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("v2.zip")).unwrap(),
        "only 0 valid signature(s)",
    );
}

#[test]
fn below_threshold_and_a_key_counts_once() {
    let env = Env::new();
    env.keygen("b");
    env.trust(&["a", "b"], 2, "trust.json");
    env.bundle_with(
        &["a", "b"],
        "site",
        &["--version", "1", "--out", &env.s("v1.zip")],
        T0,
    );
    assert_ok(&env.apply("v1.zip"));
    env.bundle_with(
        &["a"],
        "site",
        &["--version", "2", "--out", &env.s("v2.zip")],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("v2.zip")).unwrap(),
        "only 1 valid signature(s) from distinct trusted keys; 2 needed",
    );
    // The same key twice is still one key.
    env.bundle_with(
        &["a", "a"],
        "site",
        &["--version", "2", "--out", &env.s("v2aa.zip")],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("v2aa.zip")).unwrap(),
        "only 1 valid signature(s)",
    );
}

#[test]
fn rotation_not_signed_by_the_old_threshold() {
    let env = Env::installed();
    env.keygen("c");
    let out = gongkai(
        &[
            "trust",
            "init",
            "--key",
            &env.s("c.key.pub"),
            "--root-version",
            "2",
            "--out",
            &env.s("trust2.json"),
        ],
        &[],
    );
    assert_ok(&out);
    assert_ok(&gongkai(
        &[
            "trust",
            "sign",
            "--key",
            &env.s("c.key"),
            &env.s("trust2.json"),
        ],
        &[],
    ));
    env.bundle_with(
        &["c"],
        "site",
        &[
            "--version",
            "2",
            "--ship-trust",
            &env.s("trust2.json"),
            "--out",
            &env.s("v2.zip"),
        ],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("v2.zip")).unwrap(),
        "not signed by a threshold of the old one",
    );
}

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
fn total_size_cap() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], T0 + 10);
    let before = snapshot(&env.path("store"));
    let args = [
        "apply",
        "--trust",
        &env.s("trust.json"),
        "--store",
        &env.s("store"),
        "--max-total-bytes",
        "1000",
        &env.s("v2.zip"),
    ];
    assert_rejected(&gongkai(&args, &[]), "above the cap of 1000");
    assert_eq!(snapshot(&env.path("store")), before);
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

#[test]
fn delta_for_a_different_base() {
    let env = Env::installed();
    env.copy_site("other");
    std::fs::write(env.path("other/attachments/fangan.txt"), "another base").unwrap();
    env.bundle_with(
        &["a"],
        "other",
        &["--version", "1", "--out", &env.s("other1.zip")],
        T0,
    );
    env.copy_site("site2");
    std::fs::write(env.path("site2/new.txt"), "new").unwrap();
    env.bundle_with(
        &["a"],
        "site2",
        &[
            "--version",
            "2",
            "--since",
            &env.s("other1.zip"),
            "--out",
            &env.s("d2.zip"),
        ],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("d2.zip")).unwrap(),
        "applies on top of version 1",
    );
}

#[test]
fn rollback_to_an_older_version() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], T0 + 10);
    assert_ok(&env.apply("v2.zip"));
    let before = snapshot(&env.path("store"));
    assert_rejected(
        &env.apply("v1.zip"),
        "older than the installed version 2 (rollback)",
    );
    assert_eq!(snapshot(&env.path("store")), before);
}

#[test]
fn same_version_different_content() {
    let env = Env::installed();
    env.copy_site("site2");
    std::fs::write(env.path("site2/new.txt"), "changed").unwrap();
    env.bundle_with(
        &["a"],
        "site2",
        &["--version", "1", "--out", &env.s("v1b.zip")],
        T0 + 10,
    );
    rejects(
        &env,
        &std::fs::read(env.path("v1b.zip")).unwrap(),
        "version 1 was already accepted with different content",
    );
}

#[test]
fn expired_manifest() {
    let env = Env::installed();
    let out = gongkai(
        &[
            "bundle",
            "--site",
            &env.s("site"),
            "--key",
            &env.s("a.key"),
            "--version",
            "2",
            "--expires-days",
            "1",
            "--out",
            &env.s("old.zip"),
        ],
        &[("SOURCE_DATE_EPOCH", "1000000000")],
    );
    assert_ok(&out);
    rejects(
        &env,
        &std::fs::read(env.path("old.zip")).unwrap(),
        "expired",
    );
}

#[test]
fn created_before_the_newest_seen() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], T0 - 100);
    rejects(
        &env,
        &std::fs::read(env.path("v2.zip")).unwrap(),
        "older than the newest already seen",
    );
}

#[test]
fn verify_command_exit_codes() {
    let env = Env::installed();
    let ok = gongkai(
        &["verify", "--trust", &env.s("trust.json"), &env.s("v1.zip")],
        &[],
    );
    assert_ok(&ok);
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("ok: "));
    let bytes = std::fs::read(env.path("v1.zip")).unwrap();
    std::fs::write(env.path("cut.zip"), &bytes[..bytes.len() - 3]).unwrap();
    assert_rejected(
        &gongkai(
            &["verify", "--trust", &env.s("trust.json"), &env.s("cut.zip")],
            &[],
        ),
        "truncated",
    );
}

fn raw_crc(bytes: &[u8]) -> u32 {
    gongkai_core::bundle::digest::crc32(bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
