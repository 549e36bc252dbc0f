//! `gongkai build`: check, render and write the site atomically.

use super::check;
use crate::cli::WarnArgs;
use crate::{site, validate};

pub use crate::site::Inputs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Checks `content`; on any problem (or warning, when denied) prints them all and leaves `out`
/// untouched (exit 1). Warnings are printed and the build goes on. `base_url` (already
/// normalized) overrides the one in site.toml.
pub fn run(
    content: &Path,
    out: &Path,
    inputs: &Inputs<'_>,
    base_url: Option<String>,
    warn: &WarnArgs,
) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let (loaded, diags) = match validate::check_as_of(content, warn.day()) {
        Ok(mut loaded) => {
            let warnings = std::mem::take(&mut loaded.warnings);
            (Some(loaded), warnings)
        }
        Err(problems) => (None, problems),
    };
    check::print(&diags)?;
    let stop = check::exit_code(&diags, warn);
    let (Some(mut loaded), ExitCode::SUCCESS) = (loaded, stop) else {
        let summary = check::summary(&diags);
        eprintln!(
            "build stopped: {summary}; {} was left as it was",
            out.display()
        );
        return Ok(stop);
    };
    if loaded.items.len() > 500 {
        eprintln!("  check: {:.2} s", start.elapsed().as_secs_f64());
    }
    if inputs.app.is_none() {
        eprintln!("note: no --app given, so the site has data but no pages");
    }
    loaded.base_url = base_url.or(loaded.base_url);
    if loaded.base_url.is_none() {
        eprintln!(
            "note: no base_url in site.toml and no --base-url, so no sitemap.xml and no feeds \
             (they need absolute URLs)"
        );
    }
    let report = site::build(&loaded, content, out, inputs)?;
    eprintln!(
        "built {} items ({} rendered, {} unchanged) into {} ({} files, {:.1} MB) in {:.2} s",
        report.items,
        report.rendered,
        report.reused,
        out.display(),
        report.files,
        report.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
