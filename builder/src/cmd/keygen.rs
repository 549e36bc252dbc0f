//! `gongkai keygen`: a new ed25519 signing key pair for bundles.

use crate::bundle::keys;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct KeygenArgs {
    /// The secret key file to create (mode 0600; never inside a built site); KEY.pub is written beside it.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: &KeygenArgs) -> anyhow::Result<ExitCode> {
    let key = keys::generate(&args.out)?;
    eprintln!(
        "wrote secret key {} and public key {} (key id {})",
        args.out.display(),
        keys::public_path(&args.out).display(),
        key.id
    );
    Ok(ExitCode::SUCCESS)
}
