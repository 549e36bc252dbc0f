//! `gongkai bundle`: a signed offline bundle (one zip file) or a sync feed of a built site.

use crate::bundle::{feed, keys, make};
use crate::fsx;
use anyhow::Context;
use gongkai_core::bundle::SignedTrust;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("dest").required(true).args(["out", "feed"])))]
pub struct BundleArgs {
    /// The built site folder.
    #[arg(long, default_value = "site")]
    pub site: PathBuf,
    /// A secret key to sign with; repeat to reach the trust root's threshold.
    #[arg(long = "key", required = true)]
    pub keys: Vec<PathBuf>,
    /// This bundle's version: higher than any earlier one, or terminals refuse it.
    #[arg(long)]
    pub version: u64,
    /// The site id; must match the terminals' trust root.
    #[arg(long, default_value = "gongkai")]
    pub site_id: String,
    /// Days until terminals refuse this bundle as stale (at most 366).
    #[arg(long, default_value_t = 90)]
    pub expires_days: u64,
    /// An earlier bundle: write a delta carrying only what changed since it (applies only on top of it).
    #[arg(long, conflicts_with = "feed")]
    pub since: Option<PathBuf>,
    /// A rotated trust root (signed with `gongkai trust sign`) to ship to terminals with this bundle.
    #[arg(long)]
    pub ship_trust: Option<PathBuf>,
    /// The bundle file to write.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Instead of one file, write or update a sync feed folder (latest.json + objects/) for a static host.
    #[arg(long)]
    pub feed: Option<PathBuf>,
}

pub fn run(args: &BundleArgs) -> anyhow::Result<ExitCode> {
    let release = release(args)?;
    let site = make::Site::read(&args.site)?;
    if let Some(dir) = &args.feed {
        let (manifest, added) = feed::publish(&release, &site, dir)?;
        eprintln!(
            "updated feed {}: version {}, {} files, {added} new object(s)",
            dir.display(),
            manifest.version,
            manifest.files.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let base = args.since.as_deref().map(make::manifest_of).transpose()?;
    let (manifest, bytes, carried) = make::bundle(&release, &site, base.as_ref())?;
    let out = args.out.as_deref().unwrap_or(Path::new("bundle.zip"));
    fsx::write_atomic(out, &bytes)?;
    let kind = match &manifest.previous {
        Some(p) => format!("delta on version {}", p.version),
        None => "full".into(),
    };
    eprintln!(
        "wrote {}: version {} ({kind}), {carried} of {} files, {:.2} MB",
        out.display(),
        manifest.version,
        manifest.files.len(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}

fn release(args: &BundleArgs) -> anyhow::Result<make::Release> {
    let keys = args
        .keys
        .iter()
        .map(|k| keys::load_secret(k))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let trust = match &args.ship_trust {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            Some(
                SignedTrust::parse(&bytes)
                    .with_context(|| format!("reading {}", path.display()))?,
            )
        }
        None => None,
    };
    Ok(make::Release {
        site_id: args.site_id.clone(),
        version: args.version,
        expires_days: args.expires_days,
        keys,
        trust,
    })
}
