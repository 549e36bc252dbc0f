//! Fuzzes everything that reads untrusted bundle bytes: the zip layer, the whole verifier,
//! and the JSON documents (manifest, trust root, feed), which must never panic or over-allocate.
//! The trust root, clock and delta base are the seeds' (`gongkai_fuzz`), so a seed passes every
//! check and a mutation can fail at any of them.
#![no_main]

use gongkai_core::bundle::feed::open_latest;
use gongkai_core::bundle::zipread::Archive;
use gongkai_core::bundle::{verify, Limits, Manifest, SignedTrust, TrustRoot};
use gongkai_fuzz::{base, root, NOW};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Small caps so a run explores structure instead of spending time inflating.
const LIMITS: Limits = Limits {
    max_manifest: 1 << 20,
    max_signatures: 1 << 16,
    max_trust: 1 << 16,
    max_total: 1 << 24,
    max_entries: 4096,
};

/// The pinned root and the delta seed's base, made once rather than on every input.
fn trusted() -> &'static (TrustRoot, Manifest) {
    static TRUSTED: OnceLock<(TrustRoot, Manifest)> = OnceLock::new();
    TRUSTED.get_or_init(|| (root(), base()))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(archive) = Archive::parse(data, LIMITS.max_entries) {
        for entry in archive.entries() {
            let _ = entry.read(1 << 20);
        }
    }
    let (root, base) = trusted();
    let _ = verify(data, root, Some(base), NOW, &LIMITS);
    let _ = Manifest::parse(data);
    let _ = SignedTrust::parse(data);
    let _ = open_latest(data, root, NOW, &LIMITS);
});
