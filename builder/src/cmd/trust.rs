//! `gongkai trust init|sign`: the root of trust terminals pin, and signatures for its rotation.

use crate::bundle::{fsx, keys};
use anyhow::{bail, Context};
use gongkai_core::bundle::trust::{TRUST_FORMAT, TRUST_TYPE};
use gongkai_core::bundle::{SignedTrust, TrustRoot};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum TrustAction {
    /// Write a trust root listing public keys and how many of them must sign.
    Init {
        /// A public key file (KEY.pub); repeat for several keys.
        #[arg(long = "key", required = true)]
        keys: Vec<PathBuf>,
        /// How many distinct keys must sign a manifest.
        #[arg(long, default_value_t = 1)]
        threshold: usize,
        /// The site these keys sign for; bundles must name the same site.
        #[arg(long, default_value = "gongkai")]
        site_id: String,
        /// 1 for the first root; N+1 for a rotation of root N (then sign it with `trust sign`).
        #[arg(long = "root-version", default_value_t = 1)]
        version: u64,
        /// The trust file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Add one key's signature to a trust root (a rotation needs a threshold of old and of new keys).
    Sign {
        /// The secret key to sign with.
        #[arg(long)]
        key: PathBuf,
        /// The trust file to sign in place.
        file: PathBuf,
    },
}

pub fn run(action: &TrustAction) -> anyhow::Result<ExitCode> {
    match action {
        TrustAction::Init {
            keys,
            threshold,
            site_id,
            version,
            out,
        } => init(keys, *threshold, site_id, *version, out),
        TrustAction::Sign { key, file } => sign(key, file),
    }
}

fn init(
    key_files: &[PathBuf],
    threshold: usize,
    site: &str,
    version: u64,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let mut keys = Vec::new();
    for path in key_files {
        let key = keys::load_public(path)?;
        if keys
            .iter()
            .any(|k: &gongkai_core::bundle::TrustKey| k.id == key.id)
        {
            bail!("{} is listed twice", path.display());
        }
        keys.push(key);
    }
    let signed = TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: site.into(),
        version,
        threshold,
        keys,
    };
    let trust = SignedTrust {
        signed,
        signatures: Vec::new(),
    };
    // Parse what we would write, so an invalid root (e.g. threshold above the key count) is never written.
    SignedTrust::parse(&trust.to_bytes()).context("the trust root would be invalid")?;
    fsx::write_atomic(out, &trust.to_bytes())?;
    eprintln!(
        "wrote trust root version {version} for site {site:?}: {} key(s), threshold {threshold}",
        key_files.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn sign(key: &Path, file: &Path) -> anyhow::Result<ExitCode> {
    let secret = keys::load_secret(key)?;
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let mut trust =
        SignedTrust::parse(&bytes).with_context(|| format!("reading {}", file.display()))?;
    let signature = keys::sign_all(std::slice::from_ref(&secret), &trust.signed.to_bytes());
    trust
        .signatures
        .retain(|s| signature.iter().all(|n| n.keyid != s.keyid));
    trust.signatures.extend(signature);
    fsx::write_atomic(file, &trust.to_bytes())?;
    eprintln!(
        "signed {} (version {}); {} signature(s) now",
        file.display(),
        trust.signed.version,
        trust.signatures.len()
    );
    Ok(ExitCode::SUCCESS)
}
