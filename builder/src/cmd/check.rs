//! `gongkai check`: report every content problem as `path:line: message`.

use std::path::Path;
use std::process::ExitCode;

pub fn run(_content: &Path) -> anyhow::Result<ExitCode> {
    anyhow::bail!("check: not yet implemented")
}
