//! `gongkai check`: report every content problem as `path:line: message`.
//!
//! Diagnostics go to stdout, one per line, so editors and scripts can read them; the summary
//! goes to stderr. Exit status 1 means problems were found, 2 that checking could not start.

use crate::{load, validate};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(content: &Path) -> anyhow::Result<ExitCode> {
    if !content.is_dir() {
        anyhow::bail!(
            "content folder {} does not exist or is not a folder",
            content.display()
        );
    }
    let diags = match validate::check(content) {
        Ok(checked) => {
            eprintln!("checked {}: no problems", items(checked.items.len()));
            return Ok(ExitCode::SUCCESS);
        }
        Err(diags) => diags,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for d in &diags {
        writeln!(out, "{d}")?;
    }
    out.flush()?;
    let count = load::find_items(content).0.len();
    let problems = if diags.len() == 1 {
        "problem"
    } else {
        "problems"
    };
    eprintln!("checked {}: {} {problems}", items(count), diags.len());
    Ok(ExitCode::from(1))
}

fn items(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}
