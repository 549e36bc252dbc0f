//! `gongkai apply`: a village terminal installs a bundle into its store, or keeps what it has.

use crate::bundle::{make, store};
use crate::cmd::verify::{limits, read_trust};
use crate::fsx;
use gongkai_core::bundle::BundleError;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct ApplyArgs {
    /// The factory trust root; pinned on first use. A newer root here must be a valid rotation.
    #[arg(long)]
    pub trust: PathBuf,
    /// The terminal's store folder (state.json, active.json, versions/, objects/).
    #[arg(long)]
    pub store: PathBuf,
    /// Refuse bundles whose files add up to more than this many bytes (e.g. the free disk space).
    #[arg(long)]
    pub max_total_bytes: Option<u64>,
    /// The bundle file.
    pub file: PathBuf,
}

/// Exit 0 when installed (or already installed); 1 when rejected (the active version stays); 2 on I/O errors.
pub fn run(args: &ApplyArgs) -> anyhow::Result<ExitCode> {
    let trust = read_trust(&args.trust)?;
    let limits = limits(args.max_total_bytes);
    let bytes = fsx::read_capped(&args.file, limits.max_archive())?;
    let store = store::Store::new(&args.store);
    let _lock = store.lock()?;
    let source = args.file.display().to_string();
    match store.apply(trust, &bytes, &source, make::now()?, &limits) {
        Ok(store::Outcome::Installed {
            version,
            carried,
            kept,
            previous,
        }) => {
            let previous = previous.map_or("none".to_string(), |v| v.to_string());
            println!("installed version {version} ({carried} file(s) from the bundle, {kept} kept); previous: {previous}");
            Ok(ExitCode::SUCCESS)
        }
        Ok(store::Outcome::AlreadyInstalled { version }) => {
            println!("version {version} is already installed and active");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => match e.downcast_ref::<BundleError>() {
            Some(reason) => {
                let active = store
                    .active_version()
                    .ok()
                    .flatten()
                    .map_or("none".to_string(), |v| v.to_string());
                eprintln!("rejected: {reason}; the active version stays {active}");
                Ok(ExitCode::from(1))
            }
            None => Err(e),
        },
    }
}
