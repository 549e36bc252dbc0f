//! Subcommand dispatch: each subcommand lives in its own file.

pub mod build;
pub mod check;
pub mod import;
pub mod serve;

use crate::cli::{Cli, Command, ImportSource};
use std::process::ExitCode;

/// Runs one subcommand; `Ok` carries the exit code for outcomes that are not errors (e.g. check findings).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { content } => check::run(&content),
        Command::Build { content, out, app } => build::run(&content, &out, app.as_deref()),
        Command::Serve { site, port } => serve::run(&site, port),
        Command::Import { source: ImportSource::Lawrefbook { src, dest } } => {
            import::lawrefbook(&src, &dest)
        }
    }
}
