//! Unit tests of the format pieces together: writer → reader, canonical bytes, trust, history.

use super::digest::sha256_hex;
use super::history::Admission;
use super::manifest::{MANIFEST_FORMAT, MANIFEST_TYPE};
use super::trust::{TRUST_FORMAT, TRUST_TYPE};
use super::write::{assemble, Parts};
use super::*;
use ed25519_dalek::{Signer, SigningKey};

pub(crate) fn key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

/// The root key paired with release key `n` in [`root`]: `key(n + 100)`.
pub(crate) fn root_key(n: u8) -> SigningKey {
    key(n + 100)
}

pub(crate) fn role(keys: &[&SigningKey], threshold: usize) -> Role {
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
    Role { threshold, keys }
}

/// A root whose release keys are `keys` and whose root keys are their [`root_key`] twins,
/// with the same threshold.
pub(crate) fn root(keys: &[&SigningKey], threshold: usize, version: u64) -> TrustRoot {
    let twins: Vec<SigningKey> = keys
        .iter()
        .map(|k| SigningKey::from_bytes(&[k.to_bytes()[0] + 100; 32]))
        .collect();
    TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: "s".into(),
        version,
        root: role(&twins.iter().collect::<Vec<_>>(), threshold),
        release: role(keys, threshold),
    }
}

pub(crate) fn sign(k: &SigningKey, message: &[u8]) -> KeySignature {
    KeySignature {
        keyid: key_id(&k.verifying_key().to_bytes()),
        sig: hex::encode(k.sign(message).to_bytes()),
    }
}

pub(crate) fn manifest(version: u64, files: &[(&str, &[u8])]) -> Manifest {
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
        .verify_release(msg, &[sign(&key(1), msg), sign(&key(1), msg)])
        .is_err());
    assert!(r
        .verify_release(msg, &[sign(&key(1), msg), sign(&key(2), msg)])
        .is_ok());
    assert!(r
        .verify_release(msg, &[sign(&key(1), msg), sign(&key(3), msg)])
        .is_err());
    assert!(
        r.verify_release(msg, &[sign(&root_key(1), msg), sign(&root_key(2), msg)])
            .is_err(),
        "root keys do not sign releases"
    );
}

#[test]
fn a_root_keeps_its_root_and_release_keys_apart() {
    let mut r = root(&[&key(1)], 1, 1);
    r.release = role(&[&key(1), &root_key(1)], 1);
    let trust = SignedTrust {
        signed: r,
        signatures: vec![],
    };
    assert!(matches!(
        SignedTrust::parse(&trust.to_bytes()),
        Err(BundleError::BadTrust(why)) if why.contains("both a root and a release key")
    ));
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
    assert!(
        rotated(vec![sign(&root_key(1), &msg), sign(&root_key(2), &msg)])
            .rotate_from(&old)
            .is_ok()
    );
    assert!(matches!(
        rotated(vec![sign(&root_key(2), &msg)]).rotate_from(&old),
        Err(BundleError::RotationNotAuthorized(_))
    ));
    assert!(matches!(
        rotated(vec![sign(&root_key(1), &msg)]).rotate_from(&old),
        Err(BundleError::RotationNotSelfSigned(_))
    ));
    assert!(
        matches!(
            rotated(vec![sign(&key(1), &msg), sign(&key(2), &msg)]).rotate_from(&old),
            Err(BundleError::RotationNotAuthorized(_))
        ),
        "release keys cannot rotate the root"
    );
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
    assert_eq!(h.admit(&v2, 150), Ok(Admission::New));
    h.record(&v2);
    assert_eq!(h.admit(&v2, 150), Ok(Admission::Again));
    assert!(matches!(
        h.admit(&manifest(1, &[("a", b"x")]), 150),
        Err(BundleError::Rollback { .. })
    ));
    assert!(matches!(
        h.admit(&manifest(2, &[("a", b"y")]), 150),
        Err(BundleError::SameVersionDifferentContent { .. })
    ));
    let mut stale = manifest(3, &[("a", b"x")]);
    stale.created = 50;
    assert!(matches!(
        h.admit(&stale, 150),
        Err(BundleError::CreatedBeforeNewest { .. })
    ));
    assert_eq!(
        h.effective_now(0),
        100,
        "a reset clock still knows the newest created time"
    );
}

#[test]
fn history_refuses_a_created_time_from_the_future_when_its_clock_can_judge() {
    let mut h = History::default();
    let mut v1 = manifest(1, &[("a", b"x")]);
    v1.created = 1_000_000;
    v1.expires = 1_000_100;
    h.record(&v1);
    let mut ahead = manifest(2, &[("a", b"y")]);
    ahead.created = 1_000_000 + 2 * CLOCK_SKEW_S;
    ahead.expires = ahead.created + 100;
    assert_eq!(
        h.admit(&ahead, 1_000_050),
        Err(BundleError::CreatedInFuture {
            created: ahead.created,
            clock: 1_000_050
        })
    );
    ahead.created = 1_000_050 + CLOCK_SKEW_S;
    assert_eq!(
        h.admit(&ahead, 1_000_050),
        Ok(Admission::New),
        "a day of skew is fine"
    );
    ahead.created = 1_000_000 + 2 * CLOCK_SKEW_S;
    assert_eq!(
        h.admit(&ahead, 5),
        Ok(Admission::New),
        "a clock behind the newest created time seen cannot judge"
    );
}

#[test]
fn manifests_bound_version_and_validity() {
    let check = |m: &Manifest| Manifest::parse(&m.to_bytes());
    let mut m = manifest(MAX_VERSION, &[("a", b"x")]);
    assert!(check(&m).is_ok());
    m.version = MAX_VERSION + 1;
    assert!(matches!(check(&m), Err(BundleError::BadManifest(_))));
    m.version = u64::MAX;
    assert!(matches!(check(&m), Err(BundleError::BadManifest(_))));
    m.version = 1;
    m.expires = m.created + MAX_VALIDITY_S;
    assert!(check(&m).is_ok());
    m.expires += 1;
    assert!(matches!(check(&m), Err(BundleError::BadManifest(_))));
}
