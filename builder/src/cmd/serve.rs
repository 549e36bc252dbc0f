//! `gongkai serve`: a static preview server on 127.0.0.1 (every interface with `--public`).

use crate::serve;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Serves `site` (or the terminal `store`) until the process is stopped; prints the URL once
/// ready so scripts can read it.
pub fn run(site: &Path, store: Option<&Path>, options: serve::Options) -> anyhow::Result<ExitCode> {
    let (server, what) = match store {
        Some(store) => (serve::start_store(store, options)?, store),
        None => (serve::start(site, options)?, site),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "Serving {} at {}", what.display(), server.url())?;
    stdout.flush()?;
    drop(stdout);
    server.wait();
    Ok(ExitCode::SUCCESS)
}
