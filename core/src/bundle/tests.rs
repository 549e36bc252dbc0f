//! Unit tests of the format pieces together: writer → reader, canonical bytes, trust, history.

use super::digest::sha256_hex;
use super::history::Admission;
use super::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use super::trust::{TRUST_FORMAT, TRUST_TYPE};
use super::write::{assemble, Parts};
use super::*;
use ed25519_dalek::{Signer, SigningKey};

fn key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

fn root(keys: &[&SigningKey], threshold: usize, version: u64) -> TrustRoot {
    let keys = keys
        .iter()
        .map(|k| {
            let public = k.verifying_key().to_bytes();
            TrustKey {
                id: key_id(&public),
                public: hex::encode(public),
            }
        })
        .collect();
    TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: "s".into(),
        version,
        threshold,
        keys,
    }
}

fn sign(k: &SigningKey, message: &[u8]) -> KeySignature {
    KeySignature {
        keyid: key_id(&k.verifying_key().to_bytes()),
        sig: hex::encode(k.sign(message).to_bytes()),
    }
}

fn manifest(version: u64, files: &[(&str, &[u8])]) -> Manifest {
    let files = files
        .iter()
        .map(|(p, d)| FileEntry {
            path: p.to_string(),
            sha256: sha256_hex(d),
            size: d.len() as u64,
        })
        .collect();
    Manifest {
        kind: MANIFEST_TYPE.into(),
        format: MANIFEST_FORMAT,
        site: "s".into(),
        version,
        created: 100,
        expires: 200,
        previous: None,
        files,
    }
}

#[test]
fn written_bundles_verify_and_round_trip_their_files() {
    let big = "条".repeat(5000);
    let files: &[(&str, &[u8])] = &[("a.json", b"{}"), ("b/c.txt", big.as_bytes())];
    let m = manifest(1, files);
    let parts = Parts {
        manifest: &m,
        signatures: vec![sign(&key(1), &m.to_bytes())],
        trust: None,
    };
    let bytes = assemble(parts, files.iter().copied()).unwrap();
    let verified = verify(
        &bytes,
        &root(&[&key(1)], 1, 1),
        None,
        150,
        &Limits::default(),
    )
    .unwrap();
    let got: Vec<(&str, &[u8])> = verified
        .files
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    assert_eq!(got, files);
    assert!(
        bytes.len() > big.len(),
        "entries are stored, never deflated"
    );
    assert_eq!(
        verify(
            &bytes,
            &root(&[&key(1)], 1, 1),
            None,
            201,
            &Limits::default()
        )
        .unwrap_err(),
        BundleError::Expired {
            expires: 200,
            now: 201
        }
    );
}

#[test]
fn non_canonical_manifest_bytes_are_rejected() {
    let m = manifest(1, &[("a", b"x")]);
    let mut spaced = m.to_bytes();
    spaced.push(b' ');
    assert_eq!(
        Manifest::parse(&spaced).unwrap_err(),
        BundleError::NotCanonical
    );
    let unsorted = manifest(1, &[("b", b"x"), ("a", b"y")]);
    assert!(matches!(
        Manifest::parse(&unsorted.to_bytes()),
        Err(BundleError::BadManifest(_))
    ));
    let folder_clash = manifest(1, &[("a", b"x"), ("a/b", b"y")]);
    assert!(matches!(
        Manifest::parse(&folder_clash.to_bytes()),
        Err(BundleError::UnsafePath { .. })
    ));
}

#[test]
fn threshold_counts_each_key_once() {
    let r = root(&[&key(1), &key(2)], 2, 1);
    let msg = b"m";
    assert!(r
        .verify(msg, &[sign(&key(1), msg), sign(&key(1), msg)])
        .is_err());
    assert!(r
        .verify(msg, &[sign(&key(1), msg), sign(&key(2), msg)])
        .is_ok());
    assert!(r
        .verify(msg, &[sign(&key(1), msg), sign(&key(3), msg)])
        .is_err());
}

#[test]
fn rotation_needs_both_thresholds_and_the_next_version() {
    let old = root(&[&key(1)], 1, 1);
    let new_root = root(&[&key(2)], 1, 2);
    let msg = new_root.to_bytes();
    let rotated = |sigs: Vec<KeySignature>| SignedTrust {
        signed: new_root.clone(),
        signatures: sigs,
    };
    assert!(rotated(vec![sign(&key(1), &msg), sign(&key(2), &msg)])
        .rotate_from(&old)
        .is_ok());
    assert!(matches!(
        rotated(vec![sign(&key(2), &msg)]).rotate_from(&old),
        Err(BundleError::RotationNotAuthorized(_))
    ));
    assert!(matches!(
        rotated(vec![sign(&key(1), &msg)]).rotate_from(&old),
        Err(BundleError::RotationNotSelfSigned(_))
    ));
    let skip = SignedTrust {
        signed: root(&[&key(2)], 1, 3),
        signatures: vec![],
    };
    assert_eq!(
        skip.rotate_from(&old).unwrap_err(),
        BundleError::TrustVersion {
            current: 1,
            found: 3
        }
    );
}

#[test]
fn history_refuses_rollback_replays_and_old_clocks() {
    let mut h = History::default();
    let v2 = manifest(2, &[("a", b"x")]);
    assert_eq!(h.admit(&v2), Ok(Admission::New));
    h.record(&v2);
    assert_eq!(h.admit(&v2), Ok(Admission::Again));
    assert!(matches!(
        h.admit(&manifest(1, &[("a", b"x")])),
        Err(BundleError::Rollback { .. })
    ));
    assert!(matches!(
        h.admit(&manifest(2, &[("a", b"y")])),
        Err(BundleError::SameVersionDifferentContent { .. })
    ));
    let mut stale = manifest(3, &[("a", b"x")]);
    stale.created = 50;
    assert!(matches!(
        h.admit(&stale),
        Err(BundleError::CreatedBeforeNewest { .. })
    ));
    assert_eq!(
        h.effective_now(0),
        100,
        "a reset clock still knows the newest created time"
    );
}
