//! `gongkai build`: check, render and write the site atomically.

use super::check;
use crate::cli::WarnArgs;
use crate::validate::Diagnostic;
use crate::{site, validate};

pub use crate::site::Inputs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// What a build was asked to do, beside the content and the output.
pub struct Job<'a> {
    pub inputs: Inputs<'a>,
    /// Overrides `base_url` in site.toml (already normalized).
    pub base_url: Option<String>,
    pub warn: &'a WarnArgs,
}

/// How a build attempt ended when nothing failed unexpectedly.
pub enum Attempt {
    /// The site was replaced; the warnings that were printed or summarized.
    Built {
        report: site::BuildReport,
        warnings: Vec<Diagnostic>,
    },
    /// Errors (or denied warnings): the output was left as it was.
    Stopped(Vec<Diagnostic>),
}

/// Checks `content`; on any problem (or warning, when denied) prints them all and leaves `out`
/// untouched (exit 1). Warnings are printed and the build goes on.
pub fn run(content: &Path, out: &Path, job: &Job<'_>) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    if job.inputs.app.is_none() {
        eprintln!("note: no --app given, so the site has data but no pages");
    }
    match attempt(content, out, job, &mut |diags| check::print(diags))? {
        Attempt::Stopped(diags) => {
            let summary = check::summary(&diags);
            eprintln!(
                "build stopped: {summary}; {} was left as it was",
                out.display()
            );
            Ok(check::exit_code(&diags, job.warn))
        }
        Attempt::Built { report, .. } => {
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
    }
}

/// Checks and, when nothing stops it, builds; `show` gets every diagnostic before building.
pub fn attempt(
    content: &Path,
    out: &Path,
    job: &Job<'_>,
    show: &mut dyn FnMut(&[Diagnostic]) -> std::io::Result<()>,
) -> anyhow::Result<Attempt> {
    let start = Instant::now();
    let (loaded, diags) = match validate::check_as_of(content, job.warn.day()) {
        Ok(mut loaded) => {
            let warnings = std::mem::take(&mut loaded.warnings);
            (Some(loaded), warnings)
        }
        Err(problems) => (None, problems),
    };
    show(&diags)?;
    let stop = check::exit_code(&diags, job.warn);
    let (Some(mut loaded), ExitCode::SUCCESS) = (loaded, stop) else {
        return Ok(Attempt::Stopped(diags));
    };
    if loaded.items.len() > 500 {
        eprintln!("  check: {:.2} s", start.elapsed().as_secs_f64());
    }
    loaded.base_url = job.base_url.clone().or(loaded.base_url);
    if loaded.base_url.is_none() {
        eprintln!(
            "note: no base_url in site.toml and no --base-url, so no sitemap.xml and no feeds \
             (they need absolute URLs)"
        );
    }
    let report = site::build(&loaded, content, out, &job.inputs)?;
    Ok(Attempt::Built {
        report,
        warnings: diags,
    })
}
