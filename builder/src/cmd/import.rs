//! `gongkai import`: convert other corpora into content files, then say what was done.

use crate::import;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// `gongkai import lawrefbook SRC DEST`: exits 1 when any file could not be imported.
pub fn lawrefbook(src: &Path, dest: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let outcome = import::lawrefbook(src, dest)?;
    for e in &outcome.errors {
        eprintln!("{}: {}", e.path, e.reason);
    }
    println!("{}", outcome.summary);
    println!("time          {:.2} s", started.elapsed().as_secs_f64());
    println!("written to    {}", dest.display());
    if outcome.errors.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "error: {} file(s) could not be imported (listed above)",
            outcome.errors.len()
        );
        Ok(ExitCode::from(1))
    }
}

/// `gongkai import synth --from SRC --items N DEST`: a synthetic corpus, with its counts.
pub fn synth(src: PathBuf, items: u32, seed: u64, dest: PathBuf) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let opts = import::synth::Options {
        src,
        dest,
        items,
        seed,
    };
    let summary = import::synth::synth(&opts)?;
    println!("{summary}");
    println!("time          {:.2} s", started.elapsed().as_secs_f64());
    println!("written to    {}", opts.dest.display());
    Ok(ExitCode::SUCCESS)
}
