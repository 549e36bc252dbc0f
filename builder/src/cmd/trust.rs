//! `gongkai trust init|sign`: the root of trust terminals pin, and signatures for its rotation.

use crate::bundle::keys;
use crate::fsx;
use anyhow::{bail, Context};
use gongkai_core::bundle::trust::{DEFAULT_ROOT_THRESHOLD, TRUST_FORMAT, TRUST_TYPE};
use gongkai_core::bundle::{Role, SignedTrust, TrustKey, TrustRoot};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum TrustAction {
    /// Write a trust root: root keys (offline; they alone sign the next root) and release keys
    /// (they alone sign bundles), each with how many of them must sign.
    Init {
        /// A root key's public file (KEY.pub); repeat. Keep root keys offline, with different people.
        #[arg(long = "root-key", required = true)]
        root_keys: Vec<PathBuf>,
        /// How many distinct root keys must sign a rotation.
        #[arg(long, default_value_t = DEFAULT_ROOT_THRESHOLD)]
        root_threshold: usize,
        /// A release key's public file (KEY.pub); repeat.
        #[arg(long = "release-key", required = true)]
        release_keys: Vec<PathBuf>,
        /// How many distinct release keys must sign a bundle.
        #[arg(long, default_value_t = 1)]
        release_threshold: usize,
        /// The site these keys sign for; bundles must name the same site.
        #[arg(long, default_value = "gongkai")]
        site_id: String,
        /// 1 for the first root; N+1 for a rotation of root N (then sign it with `trust sign`
        /// using a threshold of the old root's root keys and of the new one's).
        #[arg(long = "root-version", default_value_t = 1)]
        version: u64,
        /// The trust file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Add one root key's signature to a trust root (a rotation needs a threshold of the old
    /// root's root keys and of the new one's).
    Sign {
        /// The secret root key to sign with.
        #[arg(long)]
        key: PathBuf,
        /// The trust file to sign in place.
        file: PathBuf,
    },
}

pub fn run(action: &TrustAction) -> anyhow::Result<ExitCode> {
    match action {
        TrustAction::Init {
            root_keys,
            root_threshold,
            release_keys,
            release_threshold,
            site_id,
            version,
            out,
        } => {
            let root = role("root", root_keys, *root_threshold)?;
            let release = role("release", release_keys, *release_threshold)?;
            init(root, release, site_id, *version, out)
        }
        TrustAction::Sign { key, file } => sign(key, file),
    }
}

/// The keys of `files` with `threshold`, refused early with advice when too few.
fn role(name: &str, files: &[PathBuf], threshold: usize) -> anyhow::Result<Role> {
    if files.len() < threshold {
        bail!(
            "a {name} threshold of {threshold} needs at least {threshold} --{name}-key files, \
             got {}{}",
            files.len(),
            match name {
                "root" =>
                    " (keep root keys offline, with different people; \
                           --root-threshold 1 accepts a single root key)",
                _ => "",
            }
        );
    }
    let mut keys: Vec<TrustKey> = Vec::new();
    for path in files {
        let key = keys::load_public(path)?;
        if keys.iter().any(|k| k.id == key.id) {
            bail!("{} is listed twice", path.display());
        }
        keys.push(key);
    }
    Ok(Role { threshold, keys })
}

fn init(
    root: Role,
    release: Role,
    site: &str,
    version: u64,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let summary = format!(
        "{} root key(s), threshold {}; {} release key(s), threshold {}",
        root.keys.len(),
        root.threshold,
        release.keys.len(),
        release.threshold
    );
    let signed = TrustRoot {
        kind: TRUST_TYPE.into(),
        format: TRUST_FORMAT,
        site: site.into(),
        version,
        root,
        release,
    };
    let trust = SignedTrust {
        signed,
        signatures: Vec::new(),
    };
    // Parse what we would write, so an invalid root (a key in both roles, say) is never written.
    SignedTrust::parse(&trust.to_bytes()).context("the trust root would be invalid")?;
    fsx::write_atomic(out, &trust.to_bytes())?;
    eprintln!("wrote trust root version {version} for site {site:?}: {summary}");
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
