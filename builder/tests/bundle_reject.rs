//! Bundles refused for trust, time or history reasons, each through `gongkai apply` on a store
//! with version 1 active: the reason is printed, the exit code is 1, and the store is
//! byte-for-byte unchanged.

mod bundle_support;
mod tree;

use bundle_support::raw::{self, RawEntry};
use bundle_support::*;

#[test]
fn control_crafted_bundle_is_accepted() {
    // Guards the tests below: without their one defect, crafted bundles do install.
    let env = Env::installed();
    let bytes = crafted(
        &env,
        &[(CAT, CAT_BYTES)],
        vec![RawEntry::stored("site/data/catalogue.json", CAT_BYTES)],
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
    let manifest = raw::manifest(2, t0() + 10, &[(CAT, CAT_BYTES)]).to_bytes();
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
        t0() + 10,
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
        t0(),
    );
    assert_ok(&env.apply("v1.zip"));
    env.bundle_with(
        &["a"],
        "site",
        &["--version", "2", "--out", &env.s("v2.zip")],
        t0() + 10,
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
        t0() + 10,
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
    // New root keys r3, r4 sign it; the old root keys r1, r2 do not.
    env.rotation(&["r3", "r4"], &["c"], &["r3", "r4"], "trust2.json");
    ships_rotation_and_is_refused(&env, "not signed by a threshold of the old one");
}

/// A stolen release key cannot rotate terminals to another root: only root keys count.
#[test]
fn rotation_signed_only_by_release_keys() {
    let env = Env::installed();
    env.rotation(&["c"], &["c2"], &["a", "c", "c2"], "trust2.json");
    ships_rotation_and_is_refused(&env, "not signed by a threshold of the old one");
    // One of the two old root keys is not enough either.
    env.rotation(&["r1", "r2"], &["c"], &["r1"], "trust2.json");
    ships_rotation_and_is_refused(&env, "not signed by a threshold of the old one");
}

/// Version 2 signed by release key `c`, shipping `trust2.json`: refused with the store unchanged.
fn ships_rotation_and_is_refused(env: &Env, reason: &str) {
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
        t0() + 10,
    );
    rejects(env, &std::fs::read(env.path("v2.zip")).unwrap(), reason);
}

#[test]
fn total_size_cap() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() + 10);
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
fn delta_for_a_different_base() {
    let env = Env::installed();
    env.copy_site("other");
    std::fs::write(env.path("other/attachments/fangan.txt"), "another base").unwrap();
    env.bundle_with(
        &["a"],
        "other",
        &["--version", "1", "--out", &env.s("other1.zip")],
        t0(),
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
        t0() + 10,
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
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() + 10);
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
        t0() + 10,
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
    let out = env.try_bundle(
        &[
            "--version",
            "2",
            "--expires-days",
            "0",
            "--out",
            &env.s("old.zip"),
        ],
        // Created an hour ago and valid for no time at all: expired by now.
        &[("SOURCE_DATE_EPOCH", &t0().to_string())],
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
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() - 100);
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
