//! Bundles that must work: full and delta round trips, reproducible bytes, key rotation,
//! the sync feed, and recovery from a crash at every step of `apply`.

mod bundle_support;
mod tree;

use bundle_support::*;
use gongkai_core::bundle::feed::{check_object, object_path, open_latest, LATEST_NAME};
use gongkai_core::bundle::{verify, Limits, SignedTrust};

fn pinned(env: &Env) -> SignedTrust {
    SignedTrust::parse(&std::fs::read(env.path("trust.json")).unwrap()).unwrap()
}

#[test]
fn full_round_trip_installs_exactly_the_site() {
    let env = Env::installed();
    assert_eq!(env.active().as_deref(), Some("1"));
    let site = snapshot(&env.path("site"));
    let bundled = bundled_files(&env.path("site"));
    assert!(
        bundled.len() < site.len(),
        "the site has precompressed twins"
    );
    assert!(bundled
        .keys()
        .all(|k| !k.ends_with(".gz") && !k.ends_with(".br")));
    assert_eq!(env.active_files(), bundled);
    let again = env.apply("v1.zip");
    assert_ok(&again);
    assert!(String::from_utf8_lossy(&again.stdout).contains("already installed"));
}

/// The real sample site, built with a page frame as `--app` gives it: its first file,
/// `404.html`, lies directly in the site (a fixture without one hid that `apply` failed there).
#[test]
fn the_built_sample_site_round_trips() {
    let env = Env::sample_installed();
    let bundled = bundled_files(&env.path("sample"));
    assert_eq!(bundled.keys().next().map(String::as_str), Some("404.html"));
    assert_eq!(env.active_files(), bundled);
}

#[test]
fn same_content_and_epoch_give_identical_bytes() {
    let env = Env::new();
    env.bundle(&["--version", "3", "--out", &env.s("x.zip")], t0());
    env.bundle(&["--version", "3", "--out", &env.s("y.zip")], t0());
    let (x, y) = (
        std::fs::read(env.path("x.zip")).unwrap(),
        std::fs::read(env.path("y.zip")).unwrap(),
    );
    assert_eq!(x, y);
    env.bundle(&["--version", "3", "--out", &env.s("z.zip")], t0() + 1);
    assert_ne!(
        x,
        std::fs::read(env.path("z.zip")).unwrap(),
        "the created time is in the manifest"
    );
}

/// Version n of the site: each step adds, changes and removes files.
fn evolve(env: &Env, from: &str, to: &str, n: u32) {
    copy_tree(&env.path(from), &env.path(to));
    std::fs::write(
        env.path(&format!("{to}/data/added-{n}.json")),
        format!("{{\"n\":{n}}}"),
    )
    .unwrap();
    std::fs::write(
        env.path(&format!("{to}/attachments/fangan.txt")),
        format!("revision {n}\n").repeat(n as usize),
    )
    .unwrap();
    let _ = std::fs::remove_file(env.path(&format!("{to}/data/added-{}.json", n - 1)));
}

#[test]
fn delta_chain_of_three() {
    let env = Env::installed();
    let mut previous = ("site".to_string(), "v1.zip".to_string());
    for n in 2..=4u32 {
        let (site, zip) = (format!("site{n}"), format!("d{n}.zip"));
        evolve(&env, &previous.0, &site, n);
        let since = env.s(&previous.1);
        let out = env.bundle_with(
            &["a"],
            &site,
            &[
                "--version",
                &n.to_string(),
                "--since",
                &since,
                "--out",
                &env.s(&zip),
            ],
            t0() + u64::from(n),
        );
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("delta on version {}", n - 1))
        );
        assert_ok(&env.apply(&zip));
        assert_eq!(env.active().as_deref(), Some(n.to_string().as_str()));
        assert_eq!(
            env.active_files(),
            bundled_files(&env.path(&site)),
            "version {n} differs from its site"
        );
        previous = (site, zip);
    }
    // Only the active version and the one before it are kept.
    let mut kept: Vec<String> = std::fs::read_dir(env.path("store/versions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    kept.sort();
    assert_eq!(kept, ["3.json", "4.json"]);
    // ...and exactly the objects those two versions use, nothing left over.
    let mut objects: Vec<String> = std::fs::read_dir(env.path("store/objects"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    objects.sort();
    let mut used: Vec<String> = ["3", "4"]
        .iter()
        .flat_map(|v| store_files(&env.path("store"), v).into_values())
        .map(|bytes| gongkai_core::bundle::digest::sha256_hex(&bytes))
        .collect();
    used.sort();
    used.dedup();
    assert_eq!(objects, used);
    // A full bundle of the installed version is the same content: accepted as already installed.
    env.bundle_with(
        &["a"],
        "site4",
        &["--version", "4", "--out", &env.s("full4.zip")],
        t0() + 9,
    );
    let out = env.apply("full4.zip");
    assert_ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("already installed"));
}

#[test]
fn delta_is_small_and_needs_its_base() {
    let env = Env::installed();
    evolve(&env, "site", "site2", 2);
    env.bundle_with(
        &["a"],
        "site2",
        &[
            "--version",
            "2",
            "--since",
            &env.s("v1.zip"),
            "--out",
            &env.s("d2.zip"),
        ],
        t0() + 1,
    );
    let (full, delta) = (
        std::fs::read(env.path("v1.zip")).unwrap(),
        std::fs::read(env.path("d2.zip")).unwrap(),
    );
    assert!(
        delta.len() < full.len() / 2,
        "delta {} vs full {}",
        delta.len(),
        full.len()
    );
    let trust = pinned(&env);
    let err = verify(&delta, &trust.signed, None, t0(), &Limits::default()).unwrap_err();
    assert_eq!(err, gongkai_core::bundle::BundleError::DeltaWithoutBase);
    // A fresh terminal cannot start from a delta.
    let fresh = env.apply_with("trust.json", "fresh", "d2.zip");
    assert_rejected(&fresh, "needs an installed base");
}

#[test]
fn key_rotation_signed_by_old_and_new() {
    let env = Env::installed();
    // Root 2: root keys r2, r3 (r1 retired) and release key c (a revoked); signed by a
    // threshold of the old root keys (r1, r2) and of the new ones (r2, r3).
    env.rotation(&["r2", "r3"], &["c"], &["r1", "r2", "r3"], "trust2.json");
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
        t0() + 1,
    );
    assert_ok(&env.apply("v2.zip"));
    assert_eq!(env.active().as_deref(), Some("2"));
    // The store now pins root 2: the retired key alone no longer suffices, the new one does.
    env.bundle(
        &["--version", "3", "--out", &env.s("v3-old-key.zip")],
        t0() + 2,
    );
    assert_rejected(&env.apply("v3-old-key.zip"), "only 0 valid signature(s)");
    env.bundle_with(
        &["c"],
        "site",
        &["--version", "3", "--out", &env.s("v3.zip")],
        t0() + 2,
    );
    assert_ok(&env.apply("v3.zip"));
}

#[test]
fn crash_at_every_step_keeps_the_old_version_and_a_retry_finishes() {
    for step in ["verify", "objects", "manifest", "state", "active"] {
        let env = Env::installed();
        let old = env.active_files();
        evolve(&env, "site", "site2", 2);
        env.bundle_with(
            &["a"],
            "site2",
            &[
                "--version",
                "2",
                "--since",
                &env.s("v1.zip"),
                "--out",
                &env.s("d2.zip"),
            ],
            t0() + 1,
        );
        let crashed = env.apply_env("d2.zip", &[("GONGKAI_APPLY_CRASH_AFTER", step)]);
        assert!(
            !crashed.status.success(),
            "step {step}: the hook did not fire"
        );
        if step == "active" {
            assert_eq!(env.active().as_deref(), Some("2"), "step {step}");
        } else {
            assert_eq!(env.active().as_deref(), Some("1"), "step {step}");
            assert_eq!(
                env.active_files(),
                old,
                "step {step}: the old version was damaged"
            );
        }
        assert_ok(&env.apply("d2.zip"));
        assert_eq!(env.active().as_deref(), Some("2"), "step {step}");
        assert_eq!(
            env.active_files(),
            bundled_files(&env.path("site2")),
            "step {step}"
        );
    }
}

#[test]
fn every_sampled_byte_flip_in_an_entry_is_rejected() {
    let env = Env::new();
    env.bundle(&["--version", "1", "--out", &env.s("v1.zip")], t0());
    let bytes = std::fs::read(env.path("v1.zip")).unwrap();
    let trust = pinned(&env);
    assert!(verify(&bytes, &trust.signed, None, t0(), &Limits::default()).is_ok());
    // Entry data lies between the first local header and the central directory.
    let cd =
        u32::from_le_bytes(bytes[bytes.len() - 6..bytes.len() - 2].try_into().unwrap()) as usize;
    let step = (cd / 150).max(1);
    for at in (0..cd).step_by(step) {
        let mut bad = bytes.clone();
        bad[at] ^= 0x01;
        assert!(
            verify(&bad, &trust.signed, None, t0(), &Limits::default()).is_err(),
            "flipping byte {at} went unnoticed"
        );
    }
}

#[test]
fn feed_serves_only_missing_objects() {
    let env = Env::new();
    let feed = env.s("feed");
    let publish = |site: &str, version: &str, created: u64| {
        let args = [
            "bundle",
            "--site",
            &env.s(site),
            "--key",
            &env.s("a.key"),
            "--version",
            version,
            "--feed",
            &feed,
        ];
        let out = gongkai(&args, &[("SOURCE_DATE_EPOCH", &created.to_string())]);
        assert_ok(&out);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let distinct: std::collections::BTreeSet<Vec<u8>> =
        bundled_files(&env.path("site")).into_values().collect();
    let first = publish("site", "1", t0());
    assert!(
        first.contains(&format!(" {} new object(s)", distinct.len())),
        "{first}"
    );
    std::fs::create_dir_all(env.path("site2")).unwrap();
    copy_tree(&env.path("site"), &env.path("site2"));
    std::fs::write(env.path("site2/attachments/fangan.txt"), "changed").unwrap();
    assert!(publish("site2", "2", t0() + 1).contains("1 new object(s)"));
    let latest = std::fs::read(env.path(&format!("feed/{LATEST_NAME}"))).unwrap();
    let auth = open_latest(&latest, &pinned(&env).signed, t0(), &Limits::default()).unwrap();
    assert_eq!(auth.manifest.version, 2);
    for file in &auth.manifest.files {
        let object =
            std::fs::read(env.path(&format!("feed/{}", object_path(&file.sha256)))).unwrap();
        check_object(file, &object).unwrap();
        assert_eq!(
            object,
            std::fs::read(env.path(&format!("site2/{}", file.path))).unwrap()
        );
    }
    let changed = auth.manifest.file("attachments/fangan.txt").unwrap();
    assert!(check_object(changed, b"chanGed").is_err());
    let mut forged =
        String::from_utf8(latest)
            .unwrap()
            .replacen("\\\"version\\\":2", "\\\"version\\\":9", 1);
    forged.push(' ');
    assert!(open_latest(
        forged.as_bytes(),
        &pinned(&env).signed,
        t0(),
        &Limits::default()
    )
    .is_err());
}

#[test]
fn keygen_writes_a_private_key_and_never_inside_a_site() {
    let env = Env::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(env.path("a.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(env.path("a.key.pub").is_file());
    let inside = gongkai(&["keygen", "--out", &env.s("site/data/items/k.key")], &[]);
    assert!(!inside.status.success());
    assert!(String::from_utf8_lossy(&inside.stderr).contains("inside the built site"));
    assert!(!env.path("site/data/items/k.key").exists());
    let again = gongkai(&["keygen", "--out", &env.s("a.key")], &[]);
    assert!(
        !again.status.success(),
        "an existing key must not be overwritten"
    );
}
