//! The terminal's bounds: no bundle from the future or with an endless validity or version, no
//! creation time off the builder's clock, no unbounded read of what `apply` is given, and no
//! interleaving of two `apply` runs. Each refusal leaves the store byte-for-byte unchanged.

mod bundle_support;
mod tree;

use bundle_support::raw::{self, RawEntry};
use bundle_support::*;
use gongkai_core::bundle::{Manifest, MAX_VERSION};

const DAY: u64 = 86_400;

/// A validly signed version-2 bundle of one file whose manifest `change` may alter first.
fn signed_with(env: &Env, change: impl FnOnce(&mut Manifest)) -> Vec<u8> {
    let mut manifest = raw::manifest(2, t0() + 10, &[(CAT, CAT_BYTES)]);
    change(&mut manifest);
    let mut entries = raw::metadata(&manifest.to_bytes(), &[&env.signing_key("a")]);
    entries.push(RawEntry::stored("site/data/catalogue.json", CAT_BYTES));
    raw::zip(&entries)
}

#[test]
fn a_bundle_created_far_in_the_future_is_refused() {
    let env = Env::installed();
    let ahead = signed_with(&env, |m| {
        m.created = t0() + 30 * DAY;
        m.expires = m.created + 30 * DAY;
    });
    rejects(
        &env,
        &ahead,
        "more than a day ahead of this terminal's clock",
    );
    // Within a day of skew it installs.
    let near = signed_with(&env, |m| {
        m.created = t0() + DAY;
        m.expires = m.created + 30 * DAY;
    });
    std::fs::write(env.path("near.zip"), near).unwrap();
    assert_ok(&env.apply("near.zip"));
}

#[test]
fn a_huge_version_is_refused_by_terminal_and_builder() {
    let env = Env::installed();
    for version in [u64::MAX, MAX_VERSION + 1] {
        let huge = signed_with(&env, |m| m.version = version);
        rejects(&env, &huge, "version must be 1 to");
    }
    let out = env.try_bundle(
        &[
            "--version",
            &u64::MAX.to_string(),
            "--out",
            &env.s("huge.zip"),
        ],
        &[],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("version must be 1 to"));
    assert!(!env.path("huge.zip").exists());
}

#[test]
fn validity_beyond_a_year_is_refused_by_terminal_and_builder() {
    let env = Env::installed();
    let forever = signed_with(&env, |m| m.expires = m.created + 367 * DAY);
    rejects(&env, &forever, "more than the most of 366 days");
    let out = env.try_bundle(
        &[
            "--version",
            "2",
            "--expires-days",
            "36500",
            "--out",
            &env.s("long.zip"),
        ],
        &[],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--expires-days 36500 is more than"));
}

#[test]
fn the_builder_refuses_a_creation_time_off_its_clock() {
    let env = Env::new();
    let now = t0() + 3_600;
    for (epoch, reason) in [
        ((now * 1000).to_string(), "looks like milliseconds"),
        ((now - 3 * DAY).to_string(), "days from the clock"),
        ((now + 2 * DAY).to_string(), "days from the clock"),
        ("1e9".to_string(), "is not unix seconds"),
    ] {
        let out = env.try_bundle(
            &["--version", "1", "--out", &env.s("v1.zip")],
            &[("SOURCE_DATE_EPOCH", &epoch)],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{epoch} accepted");
        assert!(stderr.contains(reason), "{epoch}: {stderr}");
    }
}

/// `apply` and `verify` refuse a device or a FIFO before reading it, with the store unchanged.
#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_before_reading() {
    let env = Env::installed();
    let fifo = env.path("pipe.zip");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let before = snapshot(&env.path("store"));
    for file in ["/dev/zero".to_string(), env.s("pipe.zip")] {
        for cmd in ["apply", "verify"] {
            let (trust, store) = (env.s("trust.json"), env.s("store"));
            let mut args = vec![cmd, "--trust", &trust];
            if cmd == "apply" {
                args.extend(["--store", &store]);
            }
            args.push(&file);
            let out = gongkai(&args, &[]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{cmd} {file} succeeded");
            assert!(
                stderr.contains("is not a regular file"),
                "{cmd} {file}: {stderr}"
            );
        }
    }
    assert_eq!(snapshot(&env.path("store")), before);
    assert_eq!(env.active().as_deref(), Some("1"));
}

/// Two `apply` runs of versions 2 and 3 started together, 50 times: the store always ends as
/// exactly version 3 (whichever ran first), with its state and files whole.
#[test]
fn concurrent_applies_never_interleave() {
    let env = Env::installed();
    env.copy_site("site2");
    std::fs::write(env.path("site2/data/added-2.json"), b"{\"n\":2}").unwrap();
    env.copy_site("site3");
    std::fs::write(env.path("site3/data/added-3.json"), b"{\"n\":3}").unwrap();
    env.bundle_with(
        &["a"],
        "site2",
        &["--version", "2", "--out", &env.s("v2.zip")],
        t0() + 10,
    );
    env.bundle_with(
        &["a"],
        "site3",
        &["--version", "3", "--out", &env.s("v3.zip")],
        t0() + 20,
    );
    let v3 = bundled_files(&env.path("site3"));
    let first = snapshot(&env.path("store"));
    for round in 0..50 {
        restore(&env, &first);
        let runs: Vec<_> = ["v2.zip", "v3.zip"]
            .iter()
            .map(|b| spawn_apply(&env, b))
            .collect();
        let outs: Vec<_> = runs
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        for out in &outs {
            let code = out.status.code();
            let stderr = String::from_utf8_lossy(&out.stderr);
            // Installed, or (v2 after v3) refused as a rollback; never an I/O failure.
            assert!(
                code == Some(0) || (code == Some(1) && stderr.contains("rollback")),
                "round {round}: {code:?} {stderr}"
            );
        }
        assert_eq!(env.active().as_deref(), Some("3"), "round {round}");
        assert_eq!(env.active_files(), v3, "round {round}");
        let state: serde_json::Value =
            serde_json::from_slice(&std::fs::read(env.path("store/state.json")).unwrap()).unwrap();
        assert_eq!(state["history"]["highest_version"], 3, "round {round}");
        let leftovers: Vec<_> = std::fs::read_dir(env.path("store/versions"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
}

fn spawn_apply(env: &Env, bundle: &str) -> std::process::Child {
    let (trust, store, file) = (env.s("trust.json"), env.s("store"), env.s(bundle));
    command(&["apply", "--trust", &trust, "--store", &store, &file], &[])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Puts the store back to `files` (a snapshot), removing everything else.
fn restore(env: &Env, files: &std::collections::BTreeMap<String, Vec<u8>>) {
    let store = env.path("store");
    std::fs::remove_dir_all(&store).unwrap();
    for (rel, bytes) in files {
        let path = store.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// `apply --trust <rotated root>` with the bundle already active still pins the rotation, so a
/// revoked key stays revoked.
#[test]
fn a_rotation_offered_with_the_active_bundle_is_pinned() {
    let env = Env::installed();
    env.rotation(&["r1", "r2"], &["c"], &["r1", "r2"], "trust2.json");
    let again = env.apply_with("trust2.json", "store", "v1.zip");
    // Version 1 was signed by key a, which root 2 no longer trusts: refused, but pinned.
    assert_rejected(&again, "only 0 valid signature(s)");
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.path("store/state.json")).unwrap()).unwrap();
    assert_eq!(state["trust"]["signed"]["version"], 2);
    env.bundle(
        &["--version", "2", "--out", &env.s("v2-old-key.zip")],
        t0() + 5,
    );
    assert_rejected(&env.apply("v2-old-key.zip"), "only 0 valid signature(s)");
    assert_eq!(env.active().as_deref(), Some("1"));
}

/// A deleted `state.json` does not silently start a new history under an active version.
#[test]
fn a_lost_state_is_refused_not_reset() {
    let env = Env::installed();
    env.bundle(&["--version", "2", "--out", &env.s("v2.zip")], t0() + 10);
    std::fs::remove_file(env.path("store/state.json")).unwrap();
    let before = snapshot(&env.path("store"));
    assert_rejected(
        &env.apply("v2.zip"),
        "state (its history and pinned trust root) is missing",
    );
    assert_eq!(snapshot(&env.path("store")), before);
    assert_eq!(env.active().as_deref(), Some("1"));
}

/// `trust init` makes the safe path the easy one: two root keys by default, and no key in
/// both roles.
#[test]
fn trust_init_wants_two_root_keys_and_keeps_the_roles_apart() {
    let env = Env::new();
    let init = |root: &[&str], release: &str| {
        let mut args = vec!["trust".to_string(), "init".into()];
        for k in root {
            args.extend(["--root-key".into(), env.s(&format!("{k}.key.pub"))]);
        }
        args.extend(["--release-key".into(), env.s(&format!("{release}.key.pub"))]);
        args.extend(["--out".into(), env.s("t.json")]);
        gongkai(&args.iter().map(String::as_str).collect::<Vec<_>>(), &[])
    };
    let one = init(&["r1"], "a");
    assert!(!one.status.success());
    assert!(String::from_utf8_lossy(&one.stderr).contains("needs at least 2 --root-key"));
    let shared = init(&["r1", "a"], "a");
    assert!(!shared.status.success());
    assert!(String::from_utf8_lossy(&shared.stderr).contains("both a root and a release key"));
    assert_ok(&init(&["r1", "r2"], "a"));
}
