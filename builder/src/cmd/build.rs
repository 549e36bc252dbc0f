//! `gongkai build`: check, render and write the site atomically.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_content: &Path, _out: &Path, _app: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("build: not yet implemented")
}
