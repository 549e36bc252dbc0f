//! `gongkai serve`: a static preview server on 127.0.0.1.

use crate::serve;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Serves `site` until the process is stopped; prints the URL once ready so scripts can read it.
pub fn run(site: &Path, port: u16) -> anyhow::Result<ExitCode> {
    let server = serve::start(site, port)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "Serving {} at {}", site.display(), server.url())?;
    stdout.flush()?;
    drop(stdout);
    server.wait();
    Ok(ExitCode::SUCCESS)
}
