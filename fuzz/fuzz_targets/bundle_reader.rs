//! Fuzzes everything that reads untrusted bundle bytes: the zip layer, the whole verifier,
//! and the JSON documents (manifest, trust root, feed), which must never panic or over-allocate.
#![no_main]

use gongkai_core::bundle::feed::open_latest;
use gongkai_core::bundle::trust::{TRUST_FORMAT, TRUST_TYPE};
use gongkai_core::bundle::zipread::Archive;
use gongkai_core::bundle::{key_id, verify, Limits, Manifest, SignedTrust, TrustKey, TrustRoot};
use libfuzzer_sys::fuzz_target;

/// Small caps so a run explores structure instead of spending time inflating.
const LIMITS: Limits = Limits {
    max_manifest: 1 << 20,
    max_signatures: 1 << 16,
    max_trust: 1 << 16,
    max_total: 1 << 24,
    max_entries: 4096,
};

fn root() -> TrustRoot {
    let public = ed25519_dalek::SigningKey::from_bytes(&[7; 32])
        .verifying_key()
        .to_bytes();
    let keys = vec![TrustKey {
        id: key_id(&public),
        public: hex_encode(&public),
    }];
    TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: "gongkai".into(),
        version: 1,
        threshold: 1,
        keys,
    }
}

fn hex_encode(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = Archive::parse(data, LIMITS.max_entries) {
        for entry in archive.entries() {
            let _ = entry.read(1 << 20);
        }
    }
    let root = root();
    let _ = verify(data, &root, None, 1_700_000_000, &LIMITS);
    let _ = Manifest::parse(data);
    let _ = SignedTrust::parse(data);
    let _ = open_latest(data, &root, 1_700_000_000, &LIMITS);
});
