//! Shared harness for the bundle tests: a built fixture site, keys, a terminal store, and a
//! byte-by-byte zip writer (independent of the one under test) for crafting hostile bundles.
#![allow(dead_code)]

pub mod raw;

pub use crate::tree::{copy_tree, snapshot};

use raw::RawEntry;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/build/basic");
/// Created time of the first bundle, an hour before the test started (a bundle must be
/// created within a day of the clock); later bundles are created later.
pub fn t0() -> u64 {
    static T0: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *T0.get_or_init(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        now - 3_600
    })
}

/// A temp dir with a built site (`site/`), key `a` and a trust root `trust.json` trusting it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let built = gongkai(
            &["build", "--content", FIXTURE, "--out", &env.s("site")],
            &[],
        );
        assert_ok(&built);
        for name in ["a", "r1", "r2"] {
            env.keygen(name);
        }
        env.trust(&["a"], 1, "trust.json");
        env
    }

    /// Builds the real sample site (`content/`) into `out`, with a page frame as `--app` gives
    /// it, so every page is pre-rendered HTML and `404.html` lies directly in the site.
    pub fn build_sample(&self, out: &str) {
        std::fs::create_dir_all(self.path("dist")).unwrap();
        std::fs::write(
            self.path("dist/index.html"),
            "<!doctype html><html lang=\"zh-CN\"><head><title>x</title></head><body></body></html>",
        )
        .unwrap();
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let (out, app) = (self.s(out), self.s("dist"));
        assert_ok(&gongkai(
            &["build", "--content", content, "--out", &out, "--app", &app],
            &[],
        ));
    }

    /// An Env whose store holds version 1 of the real sample site (built into `sample/`).
    pub fn sample_installed() -> Env {
        let env = Env::new();
        env.build_sample("sample");
        env.bundle_with(
            &["a"],
            "sample",
            &["--version", "1", "--out", &env.s("s1.zip")],
            t0(),
        );
        assert_ok(&env.apply("s1.zip"));
        env
    }

    /// An Env whose store already has version 1 of the site active.
    pub fn installed() -> Env {
        let env = Env::new();
        env.bundle(&["--version", "1", "--out", &env.s("v1.zip")], t0());
        assert_ok(&env.apply("v1.zip"));
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn s(&self, rel: &str) -> String {
        self.path(rel).to_string_lossy().into_owned()
    }

    pub fn keygen(&self, name: &str) {
        assert_ok(&gongkai(
            &["keygen", "--out", &self.s(&format!("{name}.key"))],
            &[],
        ));
    }

    /// Writes a first trust root at `out`: root keys `r1` and `r2` (threshold 2), and the
    /// given release keys with `threshold`.
    pub fn trust(&self, release: &[&str], threshold: usize, out: &str) {
        self.root_file(1, &["r1", "r2"], release, threshold, out);
    }

    /// Writes root `version` with these root keys (threshold 2, or 1 for a single key) and
    /// release keys (threshold `threshold`) at `out`, unsigned.
    pub fn root_file(
        &self,
        version: u64,
        root: &[&str],
        release: &[&str],
        threshold: usize,
        out: &str,
    ) {
        let mut args = vec![
            "trust".to_string(),
            "init".into(),
            "--root-version".into(),
            version.to_string(),
            "--root-threshold".into(),
            root.len().min(2).to_string(),
            "--release-threshold".into(),
            threshold.to_string(),
        ];
        for k in root {
            args.extend(["--root-key".to_string(), self.s(&format!("{k}.key.pub"))]);
        }
        for k in release {
            args.extend(["--release-key".to_string(), self.s(&format!("{k}.key.pub"))]);
        }
        args.extend(["--out".to_string(), self.s(out)]);
        assert_ok(&gongkai(
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
            &[],
        ));
    }

    /// Writes root 2 at `out` (root keys `root`, release keys `release`) signed by `signers`.
    pub fn rotation(&self, root: &[&str], release: &[&str], signers: &[&str], out: &str) {
        for k in root.iter().chain(release) {
            if !self.path(&format!("{k}.key")).exists() {
                self.keygen(k);
            }
        }
        self.root_file(2, root, release, 1, out);
        for k in signers {
            assert_ok(&gongkai(
                &[
                    "trust",
                    "sign",
                    "--key",
                    &self.s(&format!("{k}.key")),
                    &self.s(out),
                ],
                &[],
            ));
        }
    }

    /// `gongkai bundle --site site --key a.key ARGS` with `env`, whatever its outcome.
    pub fn try_bundle(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let (site, key) = (self.s("site"), self.s("a.key"));
        let mut all = vec!["bundle", "--site", &site, "--key", &key];
        all.extend_from_slice(args);
        gongkai(&all, env)
    }

    /// `gongkai bundle --site site --key a.key ARGS` at SOURCE_DATE_EPOCH `created`.
    pub fn bundle(&self, args: &[&str], created: u64) -> Output {
        self.bundle_with(&["a"], "site", args, created)
    }

    pub fn bundle_with(&self, keys: &[&str], site: &str, args: &[&str], created: u64) -> Output {
        let mut all = vec![
            "bundle".to_string(),
            "--site".into(),
            self.s(site),
            "--expires-days".into(),
            "366".into(),
        ];
        for k in keys {
            all.extend(["--key".to_string(), self.s(&format!("{k}.key"))]);
        }
        all.extend(args.iter().map(|a| a.to_string()));
        let out = gongkai(
            &all.iter().map(String::as_str).collect::<Vec<_>>(),
            &[("SOURCE_DATE_EPOCH", &created.to_string())],
        );
        assert_ok(&out);
        out
    }

    pub fn apply(&self, bundle: &str) -> Output {
        self.apply_env(bundle, &[])
    }

    pub fn apply_env(&self, bundle: &str, env: &[(&str, &str)]) -> Output {
        gongkai(
            &[
                "apply",
                "--trust",
                &self.s("trust.json"),
                "--store",
                &self.s("store"),
                &self.s(bundle),
            ],
            env,
        )
    }

    /// `gongkai apply --trust TRUST --store STORE BUNDLE`, all three relative to the env.
    pub fn apply_with(&self, trust: &str, store: &str, bundle: &str) -> Output {
        let (trust, store, bundle) = (self.s(trust), self.s(store), self.s(bundle));
        gongkai(
            &["apply", "--trust", &trust, "--store", &store, &bundle],
            &[],
        )
    }

    /// The active version's number, from `store/active.json`.
    pub fn active(&self) -> Option<String> {
        let bytes = std::fs::read(self.path("store/active.json")).ok()?;
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("active.json is JSON");
        Some(
            json["version"]
                .as_u64()
                .expect("a version number")
                .to_string(),
        )
    }

    /// The files the store serves now: each path of the active manifest with its object's bytes.
    pub fn active_files(&self) -> BTreeMap<String, Vec<u8>> {
        let active = self.active().expect("a version is active");
        store_files(&self.path("store"), &active)
    }

    /// Copies the built site to `to` so a test can change it into a new version.
    pub fn copy_site(&self, to: &str) {
        copy_tree(&self.path("site"), &self.path(to));
    }

    /// The secret seed in a key file, for crafting signatures in tests.
    pub fn signing_key(&self, name: &str) -> ed25519_dalek::SigningKey {
        let text = std::fs::read(self.path(&format!("{name}.key"))).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&text).unwrap();
        let mut seed = [0u8; 32];
        hex::decode_to_slice(json["key"].as_str().unwrap(), &mut seed).unwrap();
        ed25519_dalek::SigningKey::from_bytes(&seed)
    }
}

/// Version `version`'s files in the store at `store`, read through its manifest and objects.
pub fn store_files(store: &Path, version: &str) -> BTreeMap<String, Vec<u8>> {
    let manifest = std::fs::read(store.join(format!("versions/{version}.json"))).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&manifest).unwrap();
    let files = manifest["files"].as_array().expect("a file list");
    files
        .iter()
        .map(|f| {
            let sha = f["sha256"].as_str().unwrap();
            let bytes = std::fs::read(store.join("objects").join(sha)).unwrap();
            (f["path"].as_str().unwrap().to_string(), bytes)
        })
        .collect()
}

pub fn gongkai(args: &[&str], env: &[(&str, &str)]) -> Output {
    command(args, env).output().unwrap()
}

/// The `gongkai` command with `args`, free of the caller's SOURCE_DATE_EPOCH and crash hook.
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GONGKAI_APPLY_CRASH_AFTER");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

pub fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Asserts exit code 1 (rejected) with `reason` in stderr.
pub fn assert_rejected(out: &Output, reason: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected a rejection, got: {}\n{stderr}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(stderr.contains(reason), "expected {reason:?} in: {stderr}");
}

/// What a bundle of the site at `root` carries: every file except the `.gz`/`.br` twins of
/// another file, which exist for web hosts only.
pub fn bundled_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let all = snapshot(root);
    let twin = |rel: &str| {
        [".gz", ".br"].iter().any(|ext| {
            rel.strip_suffix(ext)
                .is_some_and(|base| all.contains_key(base))
        })
    };
    all.iter()
        .filter(|(rel, _)| !twin(rel))
        .map(|(rel, bytes)| (rel.clone(), bytes.clone()))
        .collect()
}

pub const CAT: &str = "data/catalogue.json";
pub const CAT_BYTES: &[u8] =
    b"{\"format\":1,\"note\":\"crafted version two, long enough to deflate well well well\"}";

/// Applies `bytes` and checks the rejection left the store exactly as it was.
pub fn rejects(env: &Env, bytes: &[u8], reason: &str) {
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
pub fn crafted(env: &Env, files: &[(&str, &[u8])], entries: Vec<RawEntry>) -> Vec<u8> {
    raw::signed(&env.signing_key("a"), 2, t0() + 10, files, entries)
}
