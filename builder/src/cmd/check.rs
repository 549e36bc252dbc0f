//! `gongkai check`: report every content problem as `path:line: message`, and every warning as
//! `path:line: warning: message`.
//!
//! Diagnostics go to stdout, one per line, so editors and scripts can read them; the summary
//! goes to stderr. Exit status 1 means errors were found (or warnings, with
//! `--deny-warnings`), 2 that checking could not start.

use crate::cli::WarnArgs;
use crate::validate::{self, Diagnostic};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(content: &Path, warn: &WarnArgs) -> anyhow::Result<ExitCode> {
    if !content.is_dir() {
        anyhow::bail!(
            "content folder {} does not exist or is not a folder",
            content.display()
        );
    }
    let (count, diags) = match validate::check_as_of(content, warn.day()) {
        Ok(checked) => (checked.items.len(), checked.warnings),
        Err(diags) => (crate::load::find_items(content).0.len(), diags),
    };
    print(&diags)?;
    eprintln!("checked {}: {}", plural(count, "item"), summary(&diags));
    Ok(exit_code(&diags, warn))
}

/// Writes diagnostics to stdout, one per line.
pub fn print(diags: &[Diagnostic]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in diags {
        writeln!(out, "{d}")?;
    }
    out.flush()
}

/// "no problems", "2 problems, 1 warning", "3 warnings".
pub fn summary(diags: &[Diagnostic]) -> String {
    let warnings = diags.iter().filter(|d| d.warning).count();
    let errors = diags.len() - warnings;
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "problem"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "problem"), plural(w, "warning")),
    }
}

/// 1 for any error, or any warning when warnings are denied; otherwise 0.
pub fn exit_code(diags: &[Diagnostic], warn: &WarnArgs) -> ExitCode {
    let fails = diags.iter().any(|d| warn.stops(d));
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
