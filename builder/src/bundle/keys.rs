//! Signing keys on disk: an ed25519 secret key file (mode 0600) and its `.pub` twin.

use anyhow::{bail, Context};
use ed25519_dalek::{Signer, SigningKey};
use gongkai_core::bundle::digest::parse_hex;
use gongkai_core::bundle::{key_id, KeySignature, TrustKey};
use gongkai_core::site::CATALOGUE_PATH;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const SECRET_TYPE: &str = "gongkai-secret-key";
const PUBLIC_TYPE: &str = "gongkai-public-key";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    #[serde(rename = "type")]
    kind: String,
    keyid: String,
    /// The secret seed (secret files) or the public key (`.pub` files), hex.
    key: String,
}

/// Where the public half of `secret` goes: `KEY.pub`.
pub fn public_path(secret: &Path) -> PathBuf {
    let mut name = secret.as_os_str().to_owned();
    name.push(".pub");
    PathBuf::from(name)
}

/// Generates a key pair at `out` and `out.pub`; never overwrites, never inside a built site.
pub fn generate(out: &Path) -> anyhow::Result<TrustKey> {
    refuse_inside_site(out)?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness from the OS: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    seed.fill(0);
    let public = key.verifying_key().to_bytes();
    let id = key_id(&public);
    let secret = KeyFile {
        kind: SECRET_TYPE.into(),
        keyid: id.clone(),
        key: hex::encode(key.to_bytes()),
    };
    write_new(out, &serde_json::to_vec_pretty(&secret)?, true)?;
    let public_file = KeyFile {
        kind: PUBLIC_TYPE.into(),
        keyid: id.clone(),
        key: hex::encode(public),
    };
    write_new(
        &public_path(out),
        &serde_json::to_vec_pretty(&public_file)?,
        false,
    )?;
    Ok(TrustKey {
        id,
        public: hex::encode(public),
    })
}

/// A secret key must not end up published: refuse any folder that is, or is inside, a built site.
fn refuse_inside_site(out: &Path) -> anyhow::Result<()> {
    let absolute =
        std::path::absolute(out).with_context(|| format!("resolving {}", out.display()))?;
    for dir in absolute.ancestors().skip(1) {
        if dir.join(CATALOGUE_PATH).exists() {
            bail!(
                "refusing to write a secret key inside the built site {} (it would be published)",
                dir.display()
            );
        }
    }
    Ok(())
}

/// Creates `path` (failing if it exists); secret files are created with mode 0600 from the start.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?;
    file.write_all(bytes)
        .with_context(|| format!("writing {}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("syncing {}", path.display()))
}

/// Reads a secret key file.
pub fn load_secret(path: &Path) -> anyhow::Result<SigningKey> {
    let file = read_key_file(path, SECRET_TYPE)?;
    let seed = parse_hex::<32>(&file.key)
        .with_context(|| format!("{}: bad secret key", path.display()))?;
    let key = SigningKey::from_bytes(&seed);
    if key_id(&key.verifying_key().to_bytes()) != file.keyid {
        bail!("{}: the key id does not match the key", path.display());
    }
    Ok(key)
}

/// Reads a `.pub` file into a trust root key entry.
pub fn load_public(path: &Path) -> anyhow::Result<TrustKey> {
    let file = read_key_file(path, PUBLIC_TYPE)?;
    let public = parse_hex::<32>(&file.key)
        .with_context(|| format!("{}: bad public key", path.display()))?;
    if key_id(&public) != file.keyid {
        bail!("{}: the key id does not match the key", path.display());
    }
    Ok(TrustKey {
        id: file.keyid,
        public: file.key,
    })
}

fn read_key_file(path: &Path, kind: &str) -> anyhow::Result<KeyFile> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let file: KeyFile = serde_json::from_slice(&bytes)
        .with_context(|| format!("{} is not a key file", path.display()))?;
    if file.kind != kind {
        bail!("{} is a {}, expected a {kind}", path.display(), file.kind);
    }
    Ok(file)
}

/// Signs `message` with each key.
pub fn sign_all(keys: &[SigningKey], message: &[u8]) -> Vec<KeySignature> {
    keys.iter()
        .map(|k| KeySignature {
            keyid: key_id(&k.verifying_key().to_bytes()),
            sig: hex::encode(k.sign(message).to_bytes()),
        })
        .collect()
}
