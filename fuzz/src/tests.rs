//! The seeds verify against the root the fuzz target pins, and the committed files are current.

use super::*;
use gongkai_core::bundle::feed::open_latest;
use gongkai_core::bundle::{verify, Limits};
use std::path::Path;

fn seed(name: &str) -> Vec<u8> {
    seeds()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, bytes)| bytes)
        .unwrap()
}

#[test]
fn the_full_bundle_verifies_with_every_file() {
    let verified = verify(&seed("full.zip"), &root(), None, NOW, &Limits::default()).unwrap();
    assert_eq!(verified.auth.manifest, base());
    let paths: Vec<&str> = verified.files.iter().map(|(p, _)| p.as_str()).collect();
    let expected: Vec<&str> = SITE_V1.iter().map(|(p, _)| *p).collect();
    assert_eq!(paths, expected);
    assert!(verified.auth.rotated.is_none());
}

#[test]
fn the_delta_verifies_on_its_base_only() {
    let bytes = seed("delta.zip");
    let verified = verify(&bytes, &root(), Some(&base()), NOW, &Limits::default()).unwrap();
    assert_eq!(verified.files.len(), DELTA.len());
    assert_eq!(verified.auth.manifest.files.len(), SITE_V1.len() + 1);
    assert!(verify(&bytes, &root(), None, NOW, &Limits::default()).is_err());
}

#[test]
fn the_rotated_bundle_is_signed_by_the_next_root() {
    let verified = verify(&seed("rotated.zip"), &root(), None, NOW, &Limits::default()).unwrap();
    assert_eq!(verified.auth.root.version, 2);
    assert_eq!(verified.auth.rotated, Some(rotated()));
    assert_eq!(verified.files.len(), SITE_V1.len() + 1);
}

#[test]
fn the_feed_opens() {
    let auth = open_latest(&seed("latest.json"), &root(), NOW, &Limits::default()).unwrap();
    assert_eq!(auth.manifest, base());
}

#[test]
fn the_seeds_expire_after_the_fuzz_clock() {
    let later = NOW + VALID_S + 1;
    assert!(verify(&seed("full.zip"), &root(), None, later, &Limits::default()).is_err());
}

/// `fuzz/seeds/` holds exactly what [`seeds`] makes today; rerun the example when this fails.
#[test]
fn the_committed_seeds_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut committed: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    committed.sort();
    let made = seeds();
    let names: Vec<&str> = made.iter().map(|(n, _)| *n).collect();
    assert_eq!(committed, names, "remake with the seeds example");
    for (name, bytes) in made {
        let on_disk = std::fs::read(dir.join(name)).unwrap();
        assert!(
            on_disk == bytes,
            "{name} is stale: remake with the seeds example"
        );
    }
}
