//! `gongkai verify`: check a bundle against a trust root without installing it.

use crate::bundle::make;
use crate::fsx;
use anyhow::Context;
use gongkai_core::bundle::{open, BundleError, Limits, SignedTrust};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The trust root (trust.json) to verify against.
    #[arg(long)]
    pub trust: PathBuf,
    /// For a delta: the bundle it builds on, so that completeness can be checked too.
    #[arg(long)]
    pub base: Option<PathBuf>,
    /// Refuse bundles whose files add up to more than this many bytes.
    #[arg(long)]
    pub max_total_bytes: Option<u64>,
    /// The bundle file.
    pub file: PathBuf,
}

/// Exit 0 when valid; 1 with the reason when the bundle is rejected; 2 when it cannot be read at all.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let trust = read_trust(&args.trust)?;
    let limits = limits(args.max_total_bytes);
    let bytes = fsx::read_capped(&args.file, limits.max_archive())?;
    let base = args.base.as_deref().map(make::manifest_of).transpose()?;
    let result = check(&bytes, &trust, base.as_ref(), make::now()?, &limits);
    match result {
        Ok(summary) => {
            println!("ok: {} {summary}", args.file.display());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("rejected: {}: {e}", args.file.display());
            Ok(ExitCode::from(1))
        }
    }
}

fn check(
    bytes: &[u8],
    trust: &SignedTrust,
    base: Option<&gongkai_core::bundle::Manifest>,
    now: u64,
    limits: &Limits,
) -> Result<String, BundleError> {
    let opened = open(bytes, &trust.signed, now, limits)?;
    let manifest = opened.manifest();
    let note = match (&manifest.previous, base) {
        (Some(p), None) => format!(
            "; a delta on version {}: pass --base to check it is complete",
            p.version
        ),
        _ => {
            opened.check_base(base)?;
            String::new()
        }
    };
    opened.read_each(|_, _| Ok::<(), BundleError>(()))?;
    Ok(format!(
        "site {:?} version {}: {} file(s) carried, all signatures and hashes valid{note}",
        manifest.site,
        manifest.version,
        opened.carried().count()
    ))
}

pub fn read_trust(path: &Path) -> anyhow::Result<SignedTrust> {
    let bytes = fsx::read_capped(path, Limits::default().max_trust)?;
    SignedTrust::parse(&bytes).with_context(|| format!("reading {}", path.display()))
}

pub fn limits(max_total_bytes: Option<u64>) -> Limits {
    let mut limits = Limits::default();
    if let Some(max) = max_total_bytes {
        limits.max_total = max;
    }
    limits
}
