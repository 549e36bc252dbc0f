//! Subcommand dispatch: each subcommand lives in its own file.

pub mod apply;
pub mod build;
pub mod bundle;
pub mod check;
pub mod dev;
pub mod hash;
pub mod import;
pub mod keygen;
pub mod new;
pub mod search;
pub mod serve;
pub mod trust;
pub mod verify;

use crate::cli::{Cli, Command, ImportSource};
use std::process::ExitCode;

/// Runs one subcommand; `Ok` carries the exit code for outcomes that are not errors (e.g. check findings).
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check { content, warn } => check::run(&content, &warn),
        Command::Build {
            content,
            out,
            app,
            trust,
            base_url,
            warn,
        } => build::run(
            &content,
            &out,
            &build::Job {
                inputs: build::Inputs {
                    app: app.as_deref(),
                    trust: trust.as_deref(),
                    quick: false,
                },
                base_url,
                warn: &warn,
            },
        ),
        Command::Serve {
            site,
            store,
            port,
            public,
        } => serve::run(
            &site,
            store.as_deref(),
            crate::serve::Options {
                port,
                public,
                limits: crate::serve::Limits::default(),
            },
        ),
        Command::Dev(args) => dev::run(&args),
        Command::New(args) => new::run(&args),
        Command::Hash(args) => hash::run(&args),
        Command::Search(args) => search::run(&args),
        Command::Import {
            source: ImportSource::Lawrefbook { src, dest },
        } => import::lawrefbook(&src, &dest),
        Command::Import {
            source:
                ImportSource::Synth {
                    from,
                    items,
                    seed,
                    dest,
                },
        } => import::synth(from, items, seed, dest),
        Command::Keygen(args) => keygen::run(&args),
        Command::Trust { action } => trust::run(&action),
        Command::Bundle(args) => bundle::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Apply(args) => apply::run(&args),
    }
}
