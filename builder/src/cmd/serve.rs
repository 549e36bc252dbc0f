//! `gongkai serve`: a static preview server on 127.0.0.1.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_site: &Path, _port: u16) -> anyhow::Result<ExitCode> {
    anyhow::bail!("serve: not yet implemented")
}
