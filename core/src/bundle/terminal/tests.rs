//! The terminal rules on their own: pinning, lost state, rotation, admission and acceptance.

use super::*;
use crate::bundle::tests::{key, manifest, role, root, root_key, sign};
use crate::bundle::{SignedTrust, TrustRoot};

fn signed(root: TrustRoot) -> SignedTrust {
    SignedTrust {
        signed: root,
        signatures: vec![],
    }
}

fn first() -> SignedTrust {
    signed(root(&[&key(1)], 1, 1))
}

/// Version 2 of the root, moved to key 2 (release) and root key 2, signed by the old and the
/// new root keys.
fn rotated() -> SignedTrust {
    rotation(root(&[&key(2)], 1, 2), &[1, 2])
}

/// `next` signed by the root keys numbered `by`.
fn rotation(next: TrustRoot, by: &[u8]) -> SignedTrust {
    let message = next.to_bytes();
    SignedTrust {
        signatures: by.iter().map(|&n| sign(&root_key(n), &message)).collect(),
        signed: next,
    }
}

fn authentic(version: u64, rotated: Option<SignedTrust>) -> Authentic {
    let manifest = manifest(version, &[("a", b"x")]);
    Authentic {
        manifest_sha256: manifest.sha256(),
        manifest,
        root: first().signed,
        rotated,
    }
}

#[test]
fn the_first_root_is_pinned_on_an_empty_store_only() {
    let pinned = State::pin(None, Some(first()), Held::default()).unwrap();
    assert!(pinned.changed);
    assert_eq!(pinned.state.trust, first());
    assert_eq!(pinned.state.history, History::default());
    assert_eq!(
        State::pin(None, None, Held::default()),
        Err(BundleError::NoTrustRoot)
    );
    assert_eq!(
        State::pin(None, Some(first()), Held { active: Some(4) }),
        Err(BundleError::StateLost { active: 4 }),
        "a lost state.json is not silently replaced by a new history"
    );
}

#[test]
fn a_newer_root_must_rotate_and_is_saved_even_without_an_install() {
    let state = State::new(first());
    let pinned = State::pin(Some(state.clone()), Some(rotated()), Held::default()).unwrap();
    assert!(
        pinned.changed,
        "a rotation is saved even if no version is installed"
    );
    assert_eq!(pinned.state.trust, rotated());
    let mut forged = rotated();
    forged.signatures.remove(0);
    assert!(matches!(
        State::pin(Some(state.clone()), Some(forged), Held::default()),
        Err(BundleError::RotationNotAuthorized(_))
    ));
    let same_version_other_keys = signed(root(&[&key(3)], 1, 1));
    assert!(matches!(
        State::pin(
            Some(state.clone()),
            Some(same_version_other_keys),
            Held::default()
        ),
        Err(BundleError::BadTrust(_))
    ));
    let unchanged = State::pin(Some(state.clone()), Some(first()), Held::default()).unwrap();
    assert!(!unchanged.changed);
    let newer = State::new(rotated());
    let older_offered = State::pin(Some(newer.clone()), Some(first()), Held::default()).unwrap();
    assert_eq!(older_offered.state, newer, "an older root changes nothing");
}

#[test]
fn admission_knows_the_active_version_and_acceptance_records_it() {
    let state = State::new(first());
    let v2 = authentic(2, None);
    let held = Held { active: None };
    assert_eq!(state.admit(&v2, held, 150), Ok(Decision::Install));
    let after = state.accept(&v2);
    assert_eq!(after.history.highest_version, 2);
    let active = Held { active: Some(2) };
    assert_eq!(after.admit(&v2, active, 150), Ok(Decision::AlreadyActive));
    assert_eq!(
        after.admit(&v2, held, 150),
        Ok(Decision::Install),
        "accepted but not active (a crash before the switch): install again"
    );
    assert!(matches!(
        after.admit(&authentic(1, None), active, 150),
        Err(BundleError::Rollback { .. })
    ));
    let with_root = state.accept(&authentic(3, Some(rotated())));
    assert_eq!(
        with_root.trust,
        rotated(),
        "a shipped root is pinned on acceptance"
    );
}

#[test]
fn revoking_a_release_key_restarts_the_version_history_under_the_new_root() {
    let mut state = State::new(first());
    let mut frozen = authentic(crate::bundle::MAX_VERSION, None);
    frozen.manifest.created = 1_000;
    state = state.accept(&frozen);
    assert_eq!(state.history.highest_version, crate::bundle::MAX_VERSION);
    // Root 2 revokes release key 1 (the one that signed the frozen version).
    let revoked = State::pin(Some(state.clone()), Some(rotated()), Held::default()).unwrap();
    assert_eq!(revoked.state.history.highest_version, 0);
    assert_eq!(
        revoked.state.history.newest_created, 1_000,
        "time seen is kept"
    );
    let genuine = authentic(5, None);
    assert_eq!(
        revoked.state.admit(&genuine, Held { active: None }, 150),
        Err(BundleError::CreatedBeforeNewest {
            created: 100,
            newest: 1_000
        })
    );
    // The same rotation shipped in a bundle is judged under the new scope at once.
    let mut shipped = authentic(5, Some(rotated()));
    shipped.manifest.created = 2_000;
    shipped.manifest.expires = 3_000;
    assert_eq!(
        state.admit(&shipped, Held { active: None }, 2_000),
        Ok(Decision::Install)
    );
    // A rotation that keeps every release key (only adds a root key) keeps the history.
    let mut wider = root(&[&key(1)], 1, 2);
    wider
        .root
        .keys
        .push(role(&[&root_key(3)], 1).keys[0].clone());
    let kept = State::pin(
        Some(state.clone()),
        Some(rotation(wider, &[1])),
        Held::default(),
    )
    .unwrap();
    assert_eq!(kept.state.history, state.history);
}

#[test]
fn a_store_keeps_the_new_and_the_replaced_version() {
    let kept = keep(5, Some(3));
    assert!(kept(5) && kept(3));
    assert!(!kept(4) && !kept(1));
    assert!(keep(1, None)(1));
}

#[test]
fn state_files_parse_back_and_refuse_unknown_formats() {
    let state = State::new(first());
    assert_eq!(State::parse(&state.to_bytes()), Ok(state.clone()));
    let mut other = state;
    other.format = 2;
    assert!(State::parse(&other.to_bytes()).is_err());
}
