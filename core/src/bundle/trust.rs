//! The root of trust a terminal pins: which ed25519 keys may sign what, and how many must.
//!
//! Modelled on TUF's roles. A root names two sets of keys, each with a threshold of distinct
//! keys (each key id counts once): **root keys**, kept offline, which alone sign the next
//! root, and **release keys**, which alone sign bundles and feeds. No key may be in both. A
//! new root of version N+1 must be signed by a threshold of the old root's root keys and a
//! threshold of its own, so a stolen release key can sign bundles until it is revoked, but can
//! never make terminals trust anyone else; revoking it is a rotation. Signatures are checked
//! with `verify_strict` (no weak keys, no malleable signatures).

use crate::bundle::digest::{parse_hex, sha256};
use crate::bundle::BundleError;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const TRUST_TYPE: &str = "gongkai-trust";
pub const TRUST_FORMAT: u32 = 2;
/// The root keys' threshold `gongkai trust init` asks for unless told otherwise: one lost or
/// stolen root key can neither rotate a terminal nor stop the city from rotating.
pub const DEFAULT_ROOT_THRESHOLD: usize = 2;
/// More signatures than this on one document is an attack on verification time, not a use.
pub const MAX_SIGNATURES: usize = 64;

/// `trust.json`: a root and the signatures over its canonical bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedTrust {
    pub signed: TrustRoot,
    /// Empty for a first root (pinned by hand); a rotated root carries old and new signatures.
    pub signatures: Vec<KeySignature>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustRoot {
    #[serde(rename = "type")]
    pub kind: String,
    pub format: u32,
    pub site: String,
    pub version: u64,
    /// Signs the next root (a rotation); kept offline.
    pub root: Role,
    /// Signs bundle manifests and feeds.
    pub release: Role,
}

/// A set of keys and how many of them must sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub threshold: usize,
    pub keys: Vec<TrustKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustKey {
    /// `key_id(public)`: 16 hex digits, like minisign's 8-byte key ids.
    pub id: String,
    /// The 32-byte ed25519 public key in hex.
    pub public: String,
}

/// One detached signature, naming the key that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySignature {
    pub keyid: String,
    /// 64 bytes in hex.
    pub sig: String,
}

/// `gongkai/signatures.json` in a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    pub signatures: Vec<KeySignature>,
}

/// The id of a public key: the first 8 bytes of its SHA-256, in hex.
pub fn key_id(public: &[u8; 32]) -> String {
    hex::encode(sha256(public).get(..8).unwrap_or_default())
}

impl SignedTrust {
    /// Parses and checks a trust file (its own rules; signatures are checked on rotation).
    pub fn parse(bytes: &[u8]) -> Result<SignedTrust, BundleError> {
        let trust: SignedTrust =
            serde_json::from_slice(bytes).map_err(|e| BundleError::BadTrust(e.to_string()))?;
        trust.signed.check()?;
        Ok(trust)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }

    /// Accepts `self` after `current`: one version up, same site, signed by both thresholds.
    pub fn rotate_from(&self, current: &TrustRoot) -> Result<(), BundleError> {
        if self.signed.site != current.site {
            return Err(BundleError::WrongSite {
                expected: current.site.clone(),
                found: self.signed.site.clone(),
            });
        }
        if Some(self.signed.version) != current.version.checked_add(1) {
            return Err(BundleError::TrustVersion {
                current: current.version,
                found: self.signed.version,
            });
        }
        let message = self.signed.to_bytes();
        current
            .root
            .verify(&message, &self.signatures)
            .map_err(|e| BundleError::RotationNotAuthorized(e.boxed()))?;
        self.signed
            .root
            .verify(&message, &self.signatures)
            .map_err(|e| BundleError::RotationNotSelfSigned(e.boxed()))
    }
}

impl TrustRoot {
    /// The exact bytes a rotation signature covers.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    fn check(&self) -> Result<(), BundleError> {
        if self.kind != TRUST_TYPE || self.format != TRUST_FORMAT || self.version == 0 {
            return Err(BundleError::BadTrust(format!(
                "unknown type or format (this terminal reads format {TRUST_FORMAT}), or version 0"
            )));
        }
        self.root.check("root")?;
        self.release.check("release")?;
        let shared = self
            .release
            .keys
            .iter()
            .find(|k| self.root.keys.iter().any(|r| r.id == k.id));
        match shared {
            Some(key) => Err(BundleError::BadTrust(format!(
                "key {} is both a root and a release key; they must be apart",
                key.id
            ))),
            None => Ok(()),
        }
    }

    /// Checks that a threshold of this root's release keys signed `message` (a manifest).
    pub fn verify_release(
        &self,
        message: &[u8],
        signatures: &[KeySignature],
    ) -> Result<(), BundleError> {
        self.release.verify(message, signatures)
    }
}

impl Role {
    fn check(&self, role: &str) -> Result<(), BundleError> {
        let bad = |why: String| Err(BundleError::BadTrust(why));
        if self.threshold == 0 || self.threshold > self.keys.len() {
            return bad(format!(
                "{role} threshold {} with {} key(s)",
                self.threshold,
                self.keys.len()
            ));
        }
        let mut ids = HashSet::new();
        for key in &self.keys {
            let public = parse_key(&key.public).ok_or_else(|| {
                BundleError::BadTrust(format!("{role} key {}: not a strong ed25519 key", key.id))
            })?;
            if key_id(&public.to_bytes()) != key.id || !ids.insert(key.id.as_str()) {
                return bad(format!("{role} key {}: wrong or repeated id", key.id));
            }
        }
        Ok(())
    }

    /// Checks that at least `threshold` distinct keys of this role signed `message`.
    pub fn verify(&self, message: &[u8], signatures: &[KeySignature]) -> Result<(), BundleError> {
        if signatures.len() > MAX_SIGNATURES {
            return Err(BundleError::BadSignatures(format!(
                "{} signatures, at most {MAX_SIGNATURES}",
                signatures.len()
            )));
        }
        let mut counted = HashSet::new();
        for s in signatures {
            if counted.contains(s.keyid.as_str()) {
                continue;
            }
            if self
                .keys
                .iter()
                .any(|k| k.id == s.keyid && signature_ok(&k.public, message, &s.sig))
            {
                counted.insert(s.keyid.as_str());
            }
        }
        if counted.len() < self.threshold {
            return Err(BundleError::BelowThreshold {
                valid: counted.len(),
                threshold: self.threshold,
            });
        }
        Ok(())
    }

    /// Whether every key of `self` is still in `next` (nothing was revoked).
    pub fn kept_in(&self, next: &Role) -> bool {
        self.keys.iter().all(|k| {
            next.keys
                .iter()
                .any(|n| n.id == k.id && n.public == k.public)
        })
    }
}

/// A public key that ed25519-dalek accepts and that is not of small order.
fn parse_key(hex_key: &str) -> Option<VerifyingKey> {
    let key = VerifyingKey::from_bytes(&parse_hex::<32>(hex_key)?).ok()?;
    (!key.is_weak()).then_some(key)
}

fn signature_ok(public: &str, message: &[u8], sig: &str) -> bool {
    let (Some(key), Some(sig)) = (parse_key(public), parse_hex::<64>(sig)) else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&sig))
        .is_ok()
}
