//! `gongkai import`: convert other corpora into content files.

use std::path::Path;
use std::process::ExitCode;

pub fn lawrefbook(_src: &Path, _dest: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("import: not yet implemented")
}
