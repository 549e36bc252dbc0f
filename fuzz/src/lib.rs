//! What the fuzz target trusts and the seeds it starts from, defined once so they cannot drift:
//! the target pins [`root`] at the time [`NOW`], and [`seeds`] are current bundles and a feed
//! signed for that root, which the strict reader and the verifier accept all the way through,
//! so the fuzzer's mutations start from valid structure. `fuzz/seeds/` holds them as files;
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds` writes them again (after any
//! change to the bundle format), and this crate's tests check the committed files are current.

use ed25519_dalek::{Signer, SigningKey};
use gongkai_core::bundle::digest::sha256_hex;
use gongkai_core::bundle::feed::Latest;
use gongkai_core::bundle::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use gongkai_core::bundle::trust::{TRUST_FORMAT, TRUST_TYPE};
use gongkai_core::bundle::write::{assemble, Parts};
use gongkai_core::bundle::{
    key_id, FileEntry, KeySignature, Manifest, Previous, Role, SignedTrust, TrustKey, TrustRoot,
};

/// The fuzz target's clock: every seed was created then and is valid for [`VALID_S`] after.
pub const NOW: u64 = 1_700_000_000;
const VALID_S: u64 = 90 * 86_400;
const SITE: &str = "gongkai";

/// Key seeds: the pinned root's root and release keys, then those of the root it rotates to.
const ROOT_KEY: u8 = 1;
const RELEASE_KEY: u8 = 2;
const NEXT_ROOT_KEY: u8 = 3;
const NEXT_RELEASE_KEY: u8 = 4;

/// A site file: (path, bytes).
type File = (&'static str, &'static [u8]);

/// A small built site as it is bundled (no `.gz`/`.br` twins, no index chunks): pages, the
/// catalogue, an index manifest, a non-ASCII path and an empty file.
const SITE_V1: &[File] = &[
    ("404.html", b"<!doctype html><title>404</title>"),
    ("attachments/empty.txt", b""),
    ("attachments/方案.txt", "实施方案（全文）".as_bytes()),
    (
        "data/catalogue.json",
        br#"{"site":{"name":"gongkai"},"items":[{"id":"ceshi-banfa","title":"test"}]}"#,
    ),
    (
        "index.html",
        b"<!doctype html><title>gongkai</title><main></main>",
    ),
    (
        "items/ceshi-banfa/index.html",
        "<!doctype html><article id=\"art-1\"><p>第一条 为了规范管理，制定本办法。</p></article>"
            .as_bytes(),
    ),
    ("search-index/manifest.json", br#"{"format":1,"files":[]}"#),
];

/// What the delta changes and adds over [`SITE_V1`].
const DELTA: &[File] = &[
    (
        "items/ceshi-banfa/index.html",
        "<!doctype html><article id=\"art-1\"><p>第一条 修改后的条文。</p></article>".as_bytes(),
    ),
    (
        "items/ceshi-tongzhi/index.html",
        "<!doctype html><p>通知</p>".as_bytes(),
    ),
];

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn role(seed: u8) -> Role {
    let public = key(seed).verifying_key().to_bytes();
    Role {
        threshold: 1,
        keys: vec![TrustKey {
            id: key_id(&public),
            public: hex(&public),
        }],
    }
}

fn trust_root(version: u64, root_key: u8, release_key: u8) -> TrustRoot {
    TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: SITE.into(),
        version,
        root: role(root_key),
        release: role(release_key),
    }
}

fn sign(seed: u8, message: &[u8]) -> KeySignature {
    let key = key(seed);
    KeySignature {
        keyid: key_id(&key.verifying_key().to_bytes()),
        sig: hex(&key.sign(message).to_bytes()),
    }
}

/// The trust root the fuzz target pins.
pub fn root() -> TrustRoot {
    trust_root(1, ROOT_KEY, RELEASE_KEY)
}

/// Version 2 of the root, new keys for both roles, signed by the old and the new root keys.
fn rotated() -> SignedTrust {
    let signed = trust_root(2, NEXT_ROOT_KEY, NEXT_RELEASE_KEY);
    let message = signed.to_bytes();
    SignedTrust {
        signatures: vec![sign(ROOT_KEY, &message), sign(NEXT_ROOT_KEY, &message)],
        signed,
    }
}

fn manifest(version: u64, previous: Option<Previous>, files: &[File]) -> Manifest {
    let mut files: Vec<FileEntry> = files
        .iter()
        .map(|(path, bytes)| FileEntry {
            path: path.to_string(),
            sha256: sha256_hex(bytes),
            size: bytes.len() as u64,
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Manifest {
        kind: MANIFEST_TYPE.into(),
        format: MANIFEST_FORMAT,
        site: SITE.into(),
        version,
        created: NOW,
        expires: NOW + VALID_S,
        previous,
        files,
    }
}

/// The full version 1 that [`seeds`]' delta builds on: the base the fuzz target hands the
/// verifier, so a delta's entries are read too.
pub fn base() -> Manifest {
    manifest(1, None, SITE_V1)
}

/// [`SITE_V1`] with [`DELTA`]'s files in place.
fn site_v2() -> Vec<File> {
    let mut files: Vec<File> = SITE_V1
        .iter()
        .filter(|(path, _)| !DELTA.iter().any(|(changed, _)| changed == path))
        .copied()
        .collect();
    files.extend_from_slice(DELTA);
    files
}

/// A bundle of `manifest` signed by `signer`, carrying `files` (sorted here, as bundles are).
fn bundle(manifest: &Manifest, signer: u8, trust: Option<&SignedTrust>, files: &[File]) -> Vec<u8> {
    let mut files = files.to_vec();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let parts = Parts {
        manifest,
        signatures: vec![sign(signer, &manifest.to_bytes())],
        trust,
    };
    assemble(parts, files).expect("seed bundles are small")
}

/// Every seed by file name: a full bundle, a delta over it, a full bundle that ships a rotated
/// trust root and is signed by the new release key, and a feed's `latest.json`.
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let full = base();
    let previous = Previous {
        version: 1,
        manifest_sha256: full.sha256(),
    };
    let delta = manifest(2, Some(previous), &site_v2());
    let trust = rotated();
    let rotated = manifest(3, None, &site_v2());
    let latest = Latest::new(&full, vec![sign(RELEASE_KEY, &full.to_bytes())], None);
    vec![
        ("delta.zip", bundle(&delta, RELEASE_KEY, None, DELTA)),
        ("full.zip", bundle(&full, RELEASE_KEY, None, SITE_V1)),
        ("latest.json", latest.to_bytes()),
        (
            "rotated.zip",
            bundle(&rotated, NEXT_RELEASE_KEY, Some(&trust), &site_v2()),
        ),
    ]
}

#[cfg(test)]
mod tests;
