//! `gongkai serve`: a static preview server on 127.0.0.1.

use crate::serve;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Serves `site` (or the terminal `store`) until the process is stopped; prints the URL once
/// ready so scripts can read it.
pub fn run(site: &Path, store: Option<&Path>, port: u16) -> anyhow::Result<ExitCode> {
    let (server, what) = match store {
        Some(store) => (serve::start_store(store, port)?, store),
        None => (serve::start(site, port)?, site),
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "Serving {} at {}", what.display(), server.url())?;
    stdout.flush()?;
    drop(stdout);
    server.wait();
    Ok(ExitCode::SUCCESS)
}
